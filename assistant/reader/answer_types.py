"""What kind of fact a sentence holds: a number for "how many", a date for "when", a name for "which hospital".

General English answer types; the question's kind comes from `questions.analyse`.
"""

from __future__ import annotations

import re

from ..text import IRREGULAR, MONTHS, STOPWORDS, WEEKDAYS, content_terms, normalize, stem, words
from .features import DEFINES
from .questions import AGENT, ANYONE, MEASURE_ADJECTIVES, MEASURE_NOUNS, NOT_A_PERSON, PLACE_NOUNS, ROLE_NOUNS, WHAT_TIME, Request

_NUMBER_WORDS = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|twice|double|percent"
# (A fraction is an amount too: "at least one third of the members", "three quarters of the site".)
_QUANTITY = re.compile(rf"\d|%|\b({_NUMBER_WORDS})\b|\b(?:one|two|a)\s+(?:third|quarter)s?\b|\bthree\s+quarters\b|\$|€|£", re.I)
_MONTHS = "|".join(MONTHS)
_WEEKDAYS = "|".join(WEEKDAYS)
# A year before 1500 is told as one after a word of time ("in 1185", "dated to about 1386", "in the 1330s"), not as a
# figure of something ("about 1200 metres").
_OLD_YEAR = (r"(?i:\b(?:in|by|since|from|until|till|before|after|around|about|circa|c\.|to|year|AD)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?"
             r"1[0-4]\d\d(?:s\b|\b(?![,.]?\d)(?!\s*(?:[a-z]*met(?:re|er)s?|feet|foot|ft|km|m|kg|tonnes?|tons?|miles?|people|%|per\s+cent)\b)))")
_DATE = re.compile(
    rf"{_OLD_YEAR}|\b(1[5-9]\d\d|20\d\d)s?\b|\b({_MONTHS})\b|\b({_WEEKDAYS})s?\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(last|next|this)\s+(year|month|week|spring|summer|autumn|fall|winter)\b|\bago\b"
    r"|\b(?:in|during|by|until|each|every)\s+(?:the\s+)?(?:early\s+|late\s+)?(?:spring|summer|autumn|winter)\b"
    r"|\b(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\s+century\b",
    re.I,
)
# A time of day: "at 4 pm", "7.30 a.m.", "14:05", "noon", "eight o'clock".
_CLOCK = re.compile(
    r"\b\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|(?<![\w£$€.,:])(?:[01]?\d|2[0-3]):[0-5]\d\b(?!:)"
    r"|\b(?:noon|midday|midnight|o'clock|o’clock|dawn|dusk|sunrise|sunset|nightfall|daybreak)\b",
    re.I,
)
_MONEY_QUESTION = re.compile(
    r"\b(?:cost|costs|costed|price|prices|priced|pay|paid|spend|spent|worth|charge|charged|fee|fees|budget|borrow|borrowed|lend|lent|"
    r"earn|earned|earns|donate|donated|owe|owed|raise|raised|rent|rents|fare|fares|salary|salaries|wage|wages|deposit|subscription|"
    r"fined|charges|surcharge|levy)\b"
    # "What's the fine if ...?", "the insurance excess for ...": the noun, not "How fine is the grind?".
    r"|\b(?:the|a|an|any)\s+(?:insurance\s+)?(?:fines?|excess|premium)\b(?=\s+(?:for|if|when|on|to|of|per|is|are|would|will)\b|\s*[?.!,]|\s*$)"
    # "How much is a shower token?", "how much is that for members?", "how much for a night?": a price.
    r"|\bhow\s+much\s+(?:(?:is|are|was|were|will\s+be)\s+(?:a|an|one|it|that|this|they)\b(?!\s+worth)|for\b)", re.I)
# "the name of the farm", "his son's name": the thing whose name is asked.
_NAME_OF = re.compile(
    r"\bname\s+of\s+(?:the|a|an|his|her|its|their)\s+([a-z]+)\b|\b([a-z]+)['’]s\s+name\b"
    # "the names of the five men who died": of those it names, by the noun that heads them.
    r"|\bnames\s+of\s+(?:the|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?([a-z][\w-]*)"
    r"(?=\s+(?:who|that|which|whose|in|at|on|of|for|from|with|when|where|is|was|are|were|did|does|do)\b|\s*[?.!,]|\s*$)",
    re.I,
)
_NAME_NEAR = 3
# The last noun of what a name is asked of: "the name of the Environmental Health Officer who ..." -> "Officer".
_NAMED_HEAD = re.compile(
    r"\bnames?\s+of\s+(?:the|a|an|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?([a-z][\w-]*)"
    r"(?=\s+(?:who|that|which|whose|in|at|on|of|for|from|with|when|where|is|was|are|were|did|does|do)\b|\s*[?.!,]|\s*$)", re.I)
# "How long is the Brede logboat?": the words of what a "how long is" question asks about.
_HOW_LONG_IS = re.compile(
    r"\bhow\s+long\s+(?:is|are|was|were)\s+(?:the|a|an|this|that|its|their|his|her|your|our)\s+((?:[\w'’-]+\s*){1,4})\?*\s*$", re.I
)
# Nouns for spans of time, whose length is a time: "How long is the notice period?", "How long was the wait?"
_SPANS = frozenset(
    "period periods wait notice course warranty guarantee lease tenancy term terms journey trip ride walk drive flight delay "
    "stay visit tour season shift session break holiday interval cycle process programme program treatment trial study "
    "outage closure restoration loan membership subscription contract apprenticeship training meeting film show "
    "performance event festival game match service life lifetime lifespan time day week month year gap pause queue "
    "sentence ban suspension leave absence residency placement internship deadline window lag".split()
)
# A state that lasts, said after the thing: "How long is a voucher valid for?", "how long is the road closed?" ask a time.
_LASTING = frozenset("valid open closed shut available free suspended banned good live away gone off out left kept for".split())
_DATE_NEAR = 10
_WHICH_YEAR = re.compile(r"\b(?:what|which)\s+year\b", re.I)
_EXACT_YEAR = re.compile(rf"\b(?:1[5-9]\d\d|20\d\d)\b|{_OLD_YEAR}(?<!s)")
# A bare "pound" is as often a weight or a canal's level stretch as money: a currency word needs a figure.
_MONEY = re.compile(rf"[$€£¥]\s*\d|\d[\d,.]*\s*(?:dollars?|pounds?|euros?|francs?|guineas?|shillings?|marks?|yen|usd|eur|gbp|pence|cents?)\b|\b\d+(?:\.\d+)?p\b|\b(?:{_NUMBER_WORDS}|thousands\s+of|millions\s+of|billions\s+of)\s+(?:dollars|pounds|euros|guineas|shillings|pence|cents)\b|\b(?:one|a)\s+(?:shilling|guinea|penny|farthing|cent)\b", re.I)
_YEAR = re.compile(r"\b(?:in|by|since|from|until|of|around|about|circa|c\.)\s+(?:(?:at\s+least|as\s+(?:early|late)\s+as|early|late|mid)\s+)?(?:1[5-9]\d\d|20\d\d)s?\b|\b(?:1[5-9]\d\d|20\d\d)s\b|" + _OLD_YEAR, re.I)
_DURATION = re.compile(
    # (Or joined to its unit: "a 12-month warranty", "a two-week course".)
    rf"\b(\d+|an?|one|several|a\s+few|few|many|{_NUMBER_WORDS})(?:\s+|-)(second|minute|hour|day|night|week|weekend|fortnight|month|year|decade|centur(y|ie))s?\b", re.I
)
# A day of a month is a date, not an amount: "on 4 March 1963", "March 4th".
_MONTH_NAMES = "(?:" + "|".join(m.capitalize() for m in _MONTHS.split("|")) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?-i:{_MONTH_NAMES})(?:\s+\d{{4}})?\b|\b(?-i:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?", re.I)
# A name standing before a noun as its place of origin: "the Paris blacksmith", "a Belfast shipyard".
_ATTRIBUTIVE_NAME = re.compile(r"\b(?:the|a|an)\s+(?-i:[A-Z][a-z]+)\s+(?-i:[a-z]{3,})\b", re.I)
# A rate: "20p a day", "£18 an hour", "30 litres a day", "twice a week" is an amount over a time, not a span of it.
_RATE = re.compile(r"(?:\d\S*|\b(?:once|twice|times))(?:\s+[a-z]+)?\s+(?:a|an|per)\s+(?:second|minute|hour|day|night|week|weekend|fortnight|month|year)\b", re.I)
# "How old is Tobias Renner?" asks an age; "how old do children have to be ...?" an age limit, which "under 5" gives.
_HOW_OLD = re.compile(r"\bhow\s+old\s+(?:is|was|are|were|do|does|must|should|will)\b", re.I)
_AGE = re.compile(
    r"\baged?\s+(?:about\s+|around\s+|nearly\s+|over\s+)?\d+|\b\d+[\s-]+(?:years?|months?)[\s-]+old\b|\b(?:born|ages?)\b|\b\d[\d,]*\s+years?\s+ago\b"
    # An age limit: "must be 18 or over", "under-5s swim free", "over the age of 16".
    r"|\b\d+\s+(?:or|and)\s+(?:over|older|above|under|younger)\b|\b(?:over|under)[\s-]\d+s\b|\b(?:over|under)\s+the\s+age\s+of\b"
    r"|\b(?:built|founded|established|made|dates?\s+(?:from|back\s+to)|dated\s+to|opened|erected|constructed|completed|cast|launched|"
    r"planted|set\s+up|started|begun|began)\b.{0,40}?\b(?:(?:1[0-9]|20)\d\d|century|centuries)\b",
    re.I,
)
_SINCE = re.compile(r"\bsince\s+(?:(?:at\s+least|about|around|early|late|the\s+(?:early|mid|late))\s+)*(?:\d{4}|(?:\d{1,2}\s+)?(?-i:[A-Z])[a-z]+\s+\d{4}|the\s+\d{4}s)\b", re.I)
_HOW_FAR = re.compile(r"\bhow\s+far\b", re.I)
_ROLE = re.compile(r"\b(researchers?|scientists?|doctors?|physicians?|investigators?|clinicians?|team|authors?|surgeons?|engineers?|inventors?)\b", re.I)
_CODE = re.compile(r"\b[A-Z][A-Za-z]*\d[A-Za-z0-9]*\b|\b[A-Z]{3,}\b")
_QUESTION_NAME = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*|[A-Z][a-z]+|\d[\d.,]*)\b")
_AUTHORSHIP = re.compile(r"\bwho\s+(wrote|writes|authored|penned)\b|\bauthor\b|\bwriter\b|\bwho\s+is\s+behind\b", re.I)
# A named place: after a word of place ("in Belfast", "from the Dublin office", "near Saltney Bridge"), or a name
# before a noun for a place ("the Farnmoor data centre").
_PLACE = re.compile(
    r"\b(?:in|at|within|inside|throughout|across|near|from|off|outside|towards?|beside|below|above)\s+(?:the\s+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|Christmas|Easter)\b)(?-i:[A-Z])\w+\b(?!['’]s\b(?!\s+(?-i:[A-Z])))", re.I)
# ("in Tellwyn's tests": an owner; "at the Tanner's Wharf depot": a place)
# "flies between Skerrin and Aberstow": the second place is named after "and".
_BETWEEN_PLACES = re.compile(r"\bbetween\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)?\s+and\s+(?:the\s+)?(?-i:[A-Z])\w+\b")
_NAMED_PLACE = re.compile(
    r"\b(?!(?:The|A|An|This|That|These|Those|Its|Our|Their|His|Her|Each|Every|One|No)\b)(?-i:[A-Z]\w+)\s+(?:(?:data|visitor|town|city|county|shopping|research)\s+)?(?:office|centre|center|station|site|"
    r"street|road|square|park|bridge|valley|hill|hills|river|lake|harbou?r|port|airport|works|village|town|county|district|"
    r"school|college|church|chapel|library|museum|hospital|farm|inn)s?\b",
    re.I,
)


_NUMBER = rf"(?:\d[\d,.]*|{_NUMBER_WORDS}|an?|one)"
_UNITS = {
    "length": r"mm|cm|m|km|nm|millimet(?:re|er)s?|centimet(?:re|er)s?|met(?:re|er)s?|kilomet(?:re|er)s?|feet|foot|ft|inch(?:es)?|in\.|"
    r"\"|yards?|yd|miles?|nautical\s+miles?|fathoms?|storeys?|stories|floors",
    "mass": r"mg|g|kg|t|grams?|grammes?|kilo(?:gram(?:me)?)?s?|tonnes?|tons?|pounds?|lbs?|ounces?|oz|stones?",
    "speed": r"km/h|kph|mph|m/s|knots?|kilomet(?:re|er)s?\s+(?:an|per)\s+hour|miles?\s+(?:an|per)\s+hour",
    "pressure": r"psi|bar|kpa|mpa|pa|atmospheres?|atm|mmhg|pounds?\s+per\s+square\s+inch",
    "torque": r"nm|n·m|n-m|newton[\s-]?met(?:re|er)s?|lb[\s-]?ft|foot[\s-]?pounds?",
    "temperature": r"°\s*[cf]?|degrees?|celsius|fahrenheit|kelvin|k\b",
    "volume": r"ml|l|litres?|liters?|gallons?|cubic\s+\w+|m³|m3|pints?|cc",
    "power": r"w|kw|mw|watts?|kilowatts?|megawatts?|horsepower|hp|candela|cd|lumens?",
    "energy": r"wh|kwh|mwh|gwh|(?:kilo|mega|giga)?watt[\s-]hours?",
    "area": r"acres?|hectares?|ha|square\s+\w+|sq\.?\s*\w+|km²|m²|cm²|mm²",
    "sound": r"db\s*\(a\)|dba|db|decibels?",
    "humidity": r"%|per\s*cent|percent|rh",
    # A file's or a picture's size: "2,000 MB", "350 KB", "1,600 pixels".
    "data": r"kb|mb|gb|tb|kib|mib|gib|tib|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|pixels?|px|megapixels?",
}
# (A plant's size is its output: "a 30 kilowatt array", "a 12 kWh battery".)
_UNITS["size"] = "|".join(_UNITS[name] for name in ("length", "area", "volume", "mass", "data", "energy", "power"))
# The words that name a dimension in a question, and the dimension they name.
DIMENSIONS = {**MEASURE_ADJECTIVES, **MEASURE_NOUNS}
_RATE_WORDS = {"rate", "rates", "percentage", "percent", "proportion", "share", "ratio", "number", "level", "levels", "score", "index", "count", "risk",
               # How big a group or a change is: a count or a share ("how large was the sample?", "how big an increase?").
               "sample", "samples", "cohort", "population", "crowd", "group", "groups", "increase", "decrease", "difference",
               "effect", "change", "reduction", "improvement", "gap",
               # How big a sum is: an amount of money ("how big was the deficit?", "how large a grant?").
               "deficit", "surplus", "profit", "profits", "loss", "losses", "debt", "debts", "budget", "grant", "grants", "loan",
               "loans", "bill", "donation", "donations", "shortfall", "overspend", "income", "turnover", "revenue", "spending"}
_MEASURES = {
    name: re.compile(rf"(?<![\w.]){_NUMBER}(?:\s*(?:-|–|to|and|or)\s*{_NUMBER})?(?:(?<=\d)[\s-]*|[\s-]+)(?:{units})(?![\w²³])", re.I) for name, units in _UNITS.items()
}
# A plain-text temperature after a figure: "1222 C", "212 F" (not "a C", a grade).
_MEASURES["temperature"] = re.compile(rf"{_MEASURES['temperature'].pattern}|(?<![\w.])\d[\d,.]*\s*[cf]\b", re.I)


def without_sizes(text: str) -> str:
    """The text with each size it gives ("23 litre", "2 kg", "40 cm") put out as a stop word, which no word stands
    beside: "a lockable 23 litre caddy" says how big the caddy is, not which caddy it is."""
    return _MEASURES["size"].sub(" the ", text)


def dimension(question: str) -> str | None:
    """The physical dimension a question asks to measure ("How tall is ..." -> "length"); None when it asks a
    rate or a share ("how high was the rate"), which any figure may give."""
    found = re.findall(r"[a-z]+", question.lower())
    if _RATE_WORDS.intersection(found):
        return None
    for word in found:
        if word in DIMENSIONS:
            return DIMENSIONS[word]
    return None


def has_measure(sentence: str, dimension_name: str | None, near: set[str] | None = None, continued: str | None = None) -> bool:
    """A figure with a unit of the dimension; with `near` (stems of what is measured: "dam", "pipeline"), one of
    them within a few words of the figure, so the length of the feeder does not answer the height of the dam.
    `continued` is the sentence this one continues, which its opening pronoun may stand for."""
    if dimension_name is None:
        return bool(_QUANTITY.search(sentence))
    found = list(_MEASURES[dimension_name].finditer(sentence))
    if found and not near:
        return True
    for match in found:
        before = [stem(w) for w in words(sentence[: match.start()])][-_NEAR:]
        after = [stem(w) for w in words(sentence[match.end() :])][:_NEAR]
        if near.intersection(before + after):
            return True
    # One figure of the dimension in a sentence whose subject is what is measured ("The honey is spun ... and it
    # should be stored at below 20 degrees"); not "It has 42 locks, ... a summit pound that lies 412 feet up".
    if len(found) != 1:
        return False
    if near.intersection(stem(w) for w in words(sentence)[:_SUBJECT_WORDS]):
        return True
    # Its subject is a pronoun for what the sentence before it named: "Their second cable, of 1851, had four
    # conductors ... It was about 40 kilometres long".
    return bool(continued and _SUBJECT_IT.match(sentence) and near.intersection(stem(w) for w in words(continued)))


_SUBJECT_IT = re.compile(r"^\W*(?:it|they|this|these)\s+(?!\w+\s+to\b)", re.I)

# The words that say which length a figure is: "13 metres long", "7 metres wide", "2.0 metres deep", "a depth of ...".
_LENGTHS = {
    "deep": "depth", "depth": "depth", "tall": "height", "high": "height", "height": "height", "wide": "width",
    "width": "width", "broad": "width", "across": "width", "long": "length", "length": "length", "thick": "thickness",
    "thickness": "thickness",
}
_ASKED_LENGTH = re.compile(r"\bhow\s+(deep|tall|high|wide|broad|long|thick)\b|\b(?:what|which)\s+is\s+the\s+(depth|height|width|length|thickness)\b", re.I)
_LABELLED = re.compile(r"(?<![\w.])\d[\d,.]*\s*(?:[a-z]+\s+)?(deep|tall|high|wide|broad|across|long|thick)\b", re.I)


def _asked_length(question: str) -> str | None:
    """The length a question asks for ("how deep" -> "depth"), or None."""
    asked = _ASKED_LENGTH.search(question)
    return _LENGTHS[(asked.group(1) or asked.group(2)).lower()] if asked else None


def _lengths_named(sentence: str) -> set[str]:
    """The lengths a sentence names in words ("its depth", "at the deep end"; not "long", "high" or "across", which
    are mostly said of other things)."""
    return {_LENGTHS[w.lower()] for w in words(sentence) if w.lower() in _LENGTHS and w.lower() not in ("long", "high", "across")}


def _another_dimension(sentence: str, want: str | None) -> bool:
    """"How deep is the learner pool?" is not answered by "It is 13 metres long and 7 metres wide": every figure the
    sentence labels with a dimension labels another one, and none is labelled with the one asked for."""
    if want is None:
        return False
    labels = {_LENGTHS[m.group(1).lower()] for m in _LABELLED.finditer(sentence)}
    return bool(labels) and want not in labels and want not in _lengths_named(sentence)


_NEAR = 8
_SUBJECT_WORDS = 3  # the opening words of a sentence, where its subject stands
# A house number is part of an address, not an amount: "the old tram depot at 12 Cinder Lane".
_STREET_NUMBER = re.compile(
    r"\b\d{1,4}[a-z]?\s+(?=(?:[A-Z][a-z]+\s+){1,3}(?:Lane|Street|Road|Avenue|Way|Close|Drive|Place|Square|Terrace|Row|Court|Crescent|Walk|Gardens|Parade|Quay|Wharf)\b)"
)
_MONEY_AMOUNT = re.compile(
    r"[$€£¥]\s*\d[\d,.]*(?:\s*(?:million|billion|thousand|m|bn|k)\b)?|\d[\d,.]*\s*(?:dollars?|pounds?|euros?|usd|eur|gbp)\b", re.I
)
_HOW_OFTEN = re.compile(r"\bhow\s+often\b|\bhow\s+frequently\b", re.I)
_FREQUENCY = re.compile(
    # "every three to four months" (read with the question's words taken out, "to" among them), "every October".
    r"\b(?:once|twice|thrice)\b|\b(?:every|each)\s+(?:other\s+)?(?:\w+\s+(?:(?:to|or)\s+)?)?(?:\w+\s+)?(?:second|minute|hour|day|night|week|fortnight|month|year|season|spring|summer|autumn|winter|morning|evening|time"
    rf"|{_MONTHS}|{_WEEKDAYS})s?\b"
    r"|\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)\b"
    # "three times a day", "two days a week"; not "30 litres a day", an amount over time.
    r"|\b(?:once|twice|thrice|times|days|nights|weeks|months|hours|sessions|visits|trains|buses|services|departures|sailings|flights)\s+(?:a|an|per)\s+(?:hour|day|week|month|year)\b"
    # "up to three vouchers in any six months": how many in a span, which caps how often.
    r"|\b(?:in|within)\s+(?:any|each|every)\s+(?:\w+\s+)?(?:day|week|fortnight|month|year)s?\b",
    re.I,
)
_HOW_MANY = re.compile(r"\bhow\s+many\b|\bnumber\s+of\b", re.I)
# "How much memory" names what is measured as "how many otters" names what is counted; "how much did it cost",
# "how much money" do not (a sum of money is said without the word).
_COUNTED = re.compile(
    r"\bhow\s+(?:many|much(?!\s+(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|of|more|less|"
    r"money|cash|funding|income|revenue|time|longer|further|extra)\b))\s+([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?", re.I)


_MEASURE_UNIT = re.compile(rf"^(?:{'|'.join(_UNITS.values())})$", re.I)
_UNIT_WORD = re.compile(rf"^(?:{'|'.join(_UNITS.values())}|(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?|newtons?|people|times)$", re.I)


_MEASURED_IN = re.compile(
    r"\bhow\s+(?:many|much)\s+([A-Za-z]+(?:[\s-]+(?!per\b|an?\b)[A-Za-z]+)?(?:\s+(?:per|an?)\s+(?:square\s+|cubic\s+)?[A-Za-z]+)?)", re.I
)


def unit_words(question: str) -> list[str]:
    """The words of the unit a question measures in ("how many pounds per square inch" -> pounds, per, square, inch):
    they ask, like "how many", and are not what the documents must talk about."""
    match = _MEASURED_IN.search(question)
    if not match:
        return []
    found = match.group(1).split()
    unit = next((n for n in range(len(found), 0, -1) if _UNIT_WORD.match(" ".join(found[:n]))), 0)
    if unit and found[0].lower() != "people" and found[unit : unit + 1] and found[unit].lower() in ("per", "a", "an"):
        return found  # "pounds per square inch", "hours a day"
    return found[:unit]


def counted(question: str) -> list[str]:
    """The words after "how many" (or "how much") that may name what is counted ("how many otters live" -> otters,
    live; "how much memory"); none for a unit ("how many newton metres", "how many hours"), which measures rather
    than counts."""
    match = _COUNTED.search(question)
    found = [w for w in match.groups() if w] if match else []
    if len(found) == 2 and re.search(r"[a-z]ed$", found[1], re.I):
        found = found[:1]  # "how many students completed both periods": "completed" is what they did
    return [] if found and _UNIT_WORD.match(found[0]) else found


def _things_measured(question: str, proper_nouns: frozenset[str]) -> set[str]:
    """The question's own words for what is measured: not names, not question or dimension words."""
    out = set()
    named = False  # the word before is a name the corpus uses
    tokens = words(question)
    for i, w in enumerate(tokens):
        low = w.lower()
        after_name, named = named, w in proper_nouns or (w[:1].upper() + w[1:].lower()) in proper_nouns
        if low in DIMENSIONS or low in _QUESTION_WORDS or named:
            continue
        if (i > 0 and w[:1].isupper()) or after_name:
            continue  # part of a name ("Blackmoss Reservoir", "the wrenford canal"): not the thing measured
        if i > 1 and tokens[i - 1][:1].isupper() and _verb_after_name(tokens[:i]):
            continue  # the verb after a named subject: "What temperature does Slow Cook run at?"
        if len(low) >= 3 and low not in STOPWORDS:
            out.add(stem(low))
    return out


def _verb_after_name(before: list[str]) -> bool:
    """Do the words before end in an auxiliary and a capitalised name ("does Slow Cook"), so the next word is a verb?"""
    i = len(before)
    while i > 1 and before[i - 1][:1].isupper():
        i -= 1
    return i < len(before) and before[i - 1].lower() in AUXILIARIES


# The auxiliaries that stand before a question's subject and its verb ("does Slow Cook run", "can it run").
AUXILIARIES = frozenset("can could will would should must may might do does did".split())


def _measured(question: str, proper_nouns: frozenset[str]) -> set[str]:
    """What a measure question measures: its own words for it, or, when it has none, the thing it names ("How long
    is Coldharbour Tunnel?" measures the tunnel, not "the locks, 72 feet long")."""
    things = _things_measured(question, proper_nouns) or {stem(w) for i, w in enumerate(words(question)) if i and w[:1].isupper()}
    # The measure's own noun stands by its figure too: "with a span of 308 metres" for "What was the span of ...?".
    return things | {stem(w) for w in words(question) if w.lower() in MEASURE_NOUNS} if things else things


_QUESTION_WORDS = {"long", "old", "often", "much", "many", "soon", "how", "what", "which", "is", "are", "was", "were", "the", "does", "do", "did", "should", "would", "can"}


# "Where should I report / send / submit it?": asks where it goes, which a recipient or a channel answers.
_WHERE_TO_SEND = re.compile(
    r"^\W*(?:and\s+)?where\s+(?:should|do|does|can|could|must|would|shall|may|to)\s+(?:(?:i|we|you|one|they|people|users?)\s+)?"
    r"(report|send|submit|post|return|forward|direct|address|apply|complain|escalate|raise|mail|e-?mail|upload|register|"
    r"enquire|inquire|write|donate|deliver)\b",
    re.I,
)
# "Where does the clay water go?", "where should I put my bag?", "Where are the keys kept?": asks where a thing goes or
# is kept, which a common noun tells as well as a name ("into the slop bucket", "in the cabinet by the glaze room").
_WHERE_PUT = re.compile(
    r"\bwhere\s+(?:do|does|did|should|must|can|could|shall|is|are|am|was|were|will)\b[^?]*?\b(?:go|goes|went|put|kept|keep|store|stored|"
    r"leave|left|dispose\s+of|throw|thrown|empty|emptied|pour|poured|tip|tipped|hang|hung|placed|place|dump|dumped)\b",
    re.I,
)
# "Where do I get my splits?", "where can I find the PIN?", "Where do I collect the key?": where a thing is had, which a
# common noun tells as well as a name ("at the download tent", "on the label", "from the bar").
_WHERE_GOT = re.compile(
    r"\bwhere\s+(?:do|does|did|should|must|can|could|shall|is|are|am|will|would)\b[^?]*?\b(?:get|gets|find|finds|collect|collects|"
    r"pick\s+up|picks\s+up|buy|buys|obtain|hire|borrow|sign\s+up|book|check\s+in)\b",
    re.I,
)
# "Where can I grab some lunch?", "where do I note that down?", "where can we see the finds?": where the asker does
# something, which a common noun tells ("in the damage book by the workshop door") as well as a name.
_WHERE_DOING = re.compile(r"\bwhere\s+(?:do|did|should|must|can|could|shall|will|would|am)\s+(?:i|we|you)\b", re.I)
_GOT_AT = re.compile(r"\b(?:in|into|on|at|from|to|inside|beside|behind|by|near|next\s+to)\s+(?:the|a|an|its|their|your|our|each)\s+[a-z]", re.I)
_PUT_IN = re.compile(r"\b(?:in|into|on|onto|under|behind|beside|inside|next\s+to|down)\s+(?:the|a|an|its|their|your|each)\s+[a-z]", re.I)
_TOWARDS = frozenset({"to", "via", "through", "at", "with", "on"})
_SENDING = frozenset(stem(w) for w in ("send", "post", "mail", "forward"))


# The contact details themselves: an e-mail address, a web address ("www.x.org", "x.org.uk/visit"), a telephone number
# (seven digits or more, spaced as numbers are written: "01632 960275", "+44 20 7946 0958", "(0161) 496 0000").
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Where a thing is in the world of files and networks: a web address, an e-mail address, a file path.
_ADDRESS = re.compile(rf"\bhttps?://[^\s<>()\]]+|\bwww\.[\w-]+\.[^\s<>()\]]+|{_EMAIL.pattern}|(?<![\w/.])(?:~|\.{{1,2}})?(?:/[\w.+-]+){{2,}}/?")
_WEB = re.compile(r"\bhttps?://\S+|\bwww\.[\w-]+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|info|co\.uk|org\.uk|ac\.uk|gov\.uk|uk|ie|eu|io)\b(?!@)", re.I)
_PHONE = re.compile(r"(?<![\w£$€.,/:-])(?:\+\d{1,3}[\s.-]?)?\(?\d[\d\s().-]{5,}\d(?![\w%])")


# Who a rule lets do a thing: "who can get the discount", "who is eligible", "who was not allowed to take part", "who
# qualifies for a home visit".
_ELIGIBLE_ASKED = re.compile(
    r"\bwho\s+(?:can|could|may|might|can['’]t|cannot)\s+(?:not\s+)?(?!be\b)[a-z]+"
    r"|\bwho\s+(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+(?:not\s+)?(?:allowed|eligible|entitled|permitted|invited)\b"
    r"|\bwho\s+(?:qualif(?:y|ies|ied)|counts?\s+as)\b",
    re.I,
)
# People told by what they are: an age ("aged 65 or over", "under 16", "over-18s"), or a kind of people a rule names
# ("anyone who", "members who live", "open to", "must be").
_PEOPLE_DESCRIBED = re.compile(
    r"\baged\s+\d|\b\d{1,2}\s+(?:or|and)\s+(?:over|older|under|younger|above)\b|\b(?:under|over)[\s-]\d{1,2}s?\b"
    r"|\b(?:anyone|everyone|those|people|members?|residents?|learners?|students?|pupils?|children|adults?|households?|"
    r"applicants?|patients?|visitors?|volunteers?|families|parents?|tenants?|owners?|staff)\s+(?:who|whose|with|without|living|aged|over|under|on|in|from)\b"
    r"|\b(?:open|available|limited|restricted)\s+to\b|\beligib",
    re.I,
)


def _gives_contact(sentence: str, question: str) -> bool:
    """Does the sentence give the contact detail the question asks for (an e-mail address, a web address, or else a
    telephone number)?"""
    if re.search(r"\be-?mail\b", question, re.I):
        return bool(_EMAIL.search(sentence))
    if re.search(r"\b(?:web|website|url|urls|internet|online)\b", question, re.I):
        return bool(_WEB.search(sentence))
    if re.search(r"\bpostal\s+address", question, re.I):
        return True  # a street address is told in words, as a place is
    return any(sum(ch.isdigit() for ch in m.group()) >= 7 for m in _PHONE.finditer(sentence))


def has_answer_type(sentence: str, request: Request, proper_nouns: frozenset[str], continued: str | None = None) -> bool:
    """Does the sentence hold the kind of fact asked for (a number for "how many", a name for "which hospital")?
    `continued` is the sentence it continues, when it does."""
    kind = request.answer_type
    if kind is None:
        return True
    if kind == "contact":
        return _gives_contact(sentence, request.text)
    if kind == "quantity" and asks_money(request.text):
        return bool(_MONEY.search(sentence))  # "how much did it cost" wants an amount of money
    if kind == "quantity":
        # A year is a date, not an amount: "finished in 1759" says nothing of how much it cost; and "how many"
        # counts things, which a sum of money does not.
        text = _DAY_OF_MONTH.sub(" ", _YEAR.sub(" ", _without_question_words(_STREET_NUMBER.sub(" ", sentence), request.text)))
        if _HOW_MANY.search(request.text):
            text = _MONEY_AMOUNT.sub(" ", text)
            unit = _COUNTED.search(request.text)
            if unit and _MEASURE_UNIT.match(unit.group(1)):
                # "How many litres does the learner pool hold?" is answered by a figure in litres (or another unit
                # of volume), not by "once every hour".
                word = " ".join(unit_words(request.text)) or unit.group(1)  # "pounds per square inch": a pressure
                kinds = [name for name, units in _UNITS.items() if name != "size" and re.fullmatch(units, word, re.I)]
                return any(_MEASURES[k].search(sentence) for k in kinds) or bool(_CURRENCY_UNIT.match(word) and _MONEY.search(sentence))
            else:
                # "How many people visited?" counts: "31 miles" or "412 feet" measures something else.
                for pattern in _MEASURES.values():
                    text = pattern.sub(" ", text)
        if _HOW_OFTEN.search(request.text):
            # "once a week", "every spring", "weekly"; not "below 5°C", "30 litres a day" or "three times in a row".
            return bool(_FREQUENCY.search(text))
        return bool(_QUANTITY.search(text))
    if kind == "date" and _SINCE_WHEN.search(request.text) and not _BEGUN.search(f"{continued or ''} {sentence}"):
        # "Since when has she been treasurer?" asks when it began: "The treasurer reported income of £10,240 in 2024"
        # dates something else.
        return False
    if kind == "date" and _TOOK_ROLE.search(request.text) and not _ROLE_BEGUN.search(f"{continued or ''} {sentence}"):
        # "When did Owain Pritchard take over as site leader?" asks when he took the role up: "The site leader is Owain
        # Pritchard, who qualified as a ringer in 2003" dates something else of his.
        return False
    if kind == "date":
        if WHAT_TIME.search(request.text):
            # "What time does the demonstration start on the first Sunday?": a time of day, which "On the first Sunday of
            # each month the museum also shows ..." does not give.
            return bool(_CLOCK.search(sentence))
        if _HABITUAL_WHEN.search(request.text) and _CONDITION.search(sentence):
            return True  # "When does the backup heater switch on?": "It runs only when the heat pump cannot meet demand"
        if _HABITUAL_WHEN.search(request.text) and _RELATIVE_TIME.search(sentence):
            return True  # "When does check-in close?": "check-in closes 30 minutes before each departure"
        pattern = _EXACT_YEAR if _WHICH_YEAR.search(request.text) else _DATE  # "in what year": "in 1866", not "in the 1860s"
        # The date stands near what the question asks about: not "the site warden is Bernadette Okafor, who also
        # organises the seed swap, held ... on the first Saturday of February" for when she became warden.
        asked = {stem(w) for w in words(request.text) if w.lower() not in STOPWORDS}
        # An aside on who did it does not part the date from its thing: "The bluebell walks, led by the warden, take
        # place on the last two Sundays of April".
        sentence = _BY_ASIDE.sub(",", sentence)
        tokens = words(sentence)
        spans = [i for i, w in enumerate(tokens) if stem(w) in asked]
        # A sentence without the question's words ("It was completed in 1797") is placed by the one it continues.
        found = list(pattern.finditer(sentence))
        if _PAST_WHEN.search(request.text):
            # "When did he start doing the tests?" asks when something happened: "a test every October", "on Saturdays"
            # tell when it recurs.
            found = [m for m in found if not _RECURRING.search(sentence[: m.start()]) and not re.fullmatch(r"\w+days", m.group(0), re.I)]
        if pattern is _DATE and not _PAST_WHEN.search(request.text):
            found += _CLOCK.finditer(sentence)  # "When are the walks?": "at 2 pm"; not when a thing was first done
        return any(not spans or any(abs(len(words(sentence[: m.start()])) - i) <= _DATE_NEAR for i in spans) for m in found)
    if kind == "measure":
        if _HOW_FAR.search(request.text) and _DURATION.search(sentence):
            return True  # "how far behind did it get": "412 seconds"; "how far is it": "a ten-minute walk"
        want = _asked_length(request.text)
        if _another_dimension(sentence, want):
            return False
        near = _measured(request.text, proper_nouns)
        if (
            continued and near and want is not None and _SUBJECT_IT.match(sentence) and want in _lengths_named(sentence)
            and _MEASURES["length"].search(sentence) and near.intersection(stem(w) for w in words(continued))
        ):
            # "The learner pool ... is 13 metres long ... . It has a movable floor ..., so its depth can be set anywhere
            # between 0.3 metres and 1.2 metres": the depth of what the sentence before it named, however many figures.
            return True
        return has_measure(sentence, dimension(request.text), near, continued)
    if kind == "duration" and _HOW_OLD.search(request.text):
        # An age, a birth, or when the thing was made: "Tobias Renner has been warden since 2019" is not his age.
        return bool(_AGE.search(sentence))
    if kind == "duration":
        # "How long is the tunnel?" asks a length, "how long did it last" a time: either answers; "how long has she
        # been chair?" is answered by when it began ("since 2019"). "How long is the logboat?" of a thing that is no
        # span of time asks its length alone: "dated to about 1,100 years ago" is its age.
        thing = _HOW_LONG_IS.search(request.text)
        if thing and not {w.lower() for w in words(thing.group(1))} & (_SPANS | _LASTING):
            return has_measure(sentence, "length", _measured(request.text, proper_nouns), continued)
        spans = _RATE.sub(" ", sentence)  # "DVDs are fined 50p a day" tells no span of time
        # "who ran the airport from 1979 to 2003": a span between two years
        if _HOW_LONG_HAS.search(request.text) and _JOINED_IN.search(spans):
            return True  # "how long has he been with the pharmacy?": "who joined us in 2011" says since when
        return bool(_DURATION.search(spans) or _SINCE.search(spans) or _YEAR_SPAN.search(spans)) or has_measure(sentence, "length", _measured(request.text, proper_nouns))
    if kind in ("person", "name") and _FIRM_ASKED.search(request.text) and not _names_firm(sentence, continued, request.text):
        # "Which coach company takes the children?" is answered by a firm ("Garside Brothers", "Halstrom, a Danish
        # firm", "... Ltd"), not by the person or the place a sentence names.
        return False
    if kind == "person":
        if _ELIGIBLE_ASKED.search(request.text) and _PEOPLE_DESCRIBED.search(sentence):
            # "Who can get the discount?", "who is eligible for a place?": those a rule lets in, told by what they are
            # ("learners aged 65 or over", "Any member aged 18 or over may vote", "open to anyone who lives in ...").
            return True
        # "Who did the study?" may be answered by "the researchers at ..."; "Which engineer ...?" only by a name.
        role = not _ROLE.search(request.text) and (request.focus or "").lower() not in ROLE_NOUNS
        bodies = not asked_roles(request.text)  # "the chair": a body holds no role
        people = [n for n in _names(sentence, request.text, proper_nouns) if _names_someone(sentence, _run_of(sentence, n), bodies)]
        return bool(people or (role and _ROLE.search(sentence)))
    if kind == "location":
        # A place the question does not name already: "Which town is the Quayle Park data centre in?" is not
        # answered by "The Quayle Park data centre was opened in 2023".
        asked = {stem(w) for w in words(request.text)}
        if any(m.group(0).rstrip(".,;:)") not in request.text for m in _ADDRESS.finditer(sentence)):
            return True  # "Where are the files installed?": "/usr/share/mime"; "Where do I report it?": an address
        if _WHERE_PUT.search(request.text) and _PUT_IN.search(sentence):
            return True  # "Where does the muddy water go?": "into the slop bucket"; "Where are the gloves kept?": "in the cabinet"
        if (_WHERE_GOT.search(request.text) or _WHERE_DOING.search(request.text)) and _GOT_AT.search(sentence):
            return True  # "Where do I get my splits?": "at the download tent"
        sending = _WHERE_TO_SEND.search(request.text)
        if sending:
            # "Where should I report a bug?" asks to whom or through what: "should be reported to their maintainers",
            # "Report security bugs via HackerOne". The question's own verb, then "to", "via", "through" or "at".
            verb = stem(sending.group(1))
            # Posting a thing is sending it: "Where do I post the form?" of "Forms should be sent to our office".
            verbs = _SENDING if verb in _SENDING else {verb}
            tokens = words(sentence)
            return any(
                stem(IRREGULAR.get(w.lower(), w)) in verbs and any(t.lower() in _TOWARDS for t in tokens[i + 1 : i + 5]) for i, w in enumerate(tokens)
            )
        return any(
            not all(stem(w) in asked for w in words(m.group(0)) if w[:1].isupper() and w.lower() not in _ARTICLES)
            for pattern in (_PLACE, _NAMED_PLACE, _ATTRIBUTIVE_NAME, _BETWEEN_PLACES) for m in pattern.finditer(sentence)
        )
    found = _names(sentence, request.text, proper_nouns, codes=True)  # "name"
    named = _NAME_OF.search(request.text)
    if found and named:
        # "The name of the farm", "his son's name": the name stands by that noun ("Lydd Farm", "the farm, Holt's"),
        # not anywhere in the sentence ("a farmer from the Lydd valley"; "his young son's tricycle ... Belfast").
        word = (named.group(1) or named.group(2) or named.group(3)).lower()
        head = _NAMED_HEAD.search(request.text)
        if head and (head.group(1).lower() in ROLE_NOUNS or AGENT.search(head.group(1).lower())):
            # "What's the name of the Environmental Health Officer who inspected the shop?" asks a person's name: not
            # "an Environmental Health Officer (EHO) from Kelsby District Council".
            found = [n for n in found if not n.isupper() and _names_someone(sentence, _run_of(sentence, n), False)]
        noun = stem(word)
        if named.group(3) and (word in _PEOPLE_WORDS or noun in ROLE_NOUNS or AGENT.search(noun)):
            # "the names of the five men who died", "of the people who founded the club": names of people, wherever
            # the sentence gives them ("... founded in 1931 by Arthur Bell and Mary Stone"); "the Cathedral Chamber"
            # names no one.
            return any(not n.isupper() and _names_someone(sentence, _run_of(sentence, n), False) for n in found)
        if word in ROLE_NOUNS or AGENT.search(word):
            # The name of a person ("the farmer", "the driver") is no place: not "a farmer from the Lydd valley".
            found = [n for n in found if not _told_as_place(sentence, n)]
        tokens = words(sentence)
        at = [i for i, w in enumerate(tokens) if stem(w) == noun]
        near = {w for i in at for w in tokens[max(0, i - _NAME_NEAR) : i + _NAME_NEAR + 1]}
        return any(set(words(n)) & near for n in found)
    return bool(found)


# A question asking which firm: "Which company ...", "which insurance company", "Which firm of architects"; and the words
# a sentence names one by.
_FIRM_ASKED = re.compile(
    r"\bwhich\s+(?:[a-z-]+\s+){0,2}?(?:company|companies|firm|firms|business|businesses|contractor|contractors|manufacturer|"
    r"manufacturers|maker|makers|supplier|suppliers|insurer|insurers|operator|operators)\b", re.I,
)
_FIRM_TOLD = re.compile(
    r"\b(?:company|companies|firm|firms|business|businesses|contractors?|manufacturers?|makers?|suppliers?|insurers?|operators?|"
    r"ltd|limited|plc|inc|llc|co|corporation|brothers|bros|sons|partners|group|gmbh)\b|&", re.I,
)


# "repaired by Arden Marine": the deed, and a name that did it.
_DONE_BY_NAME = re.compile(r"\b([a-z]+)\s+by\s+(?:the\s+)?[A-Z][a-z]")


def _names_firm(sentence: str, continued: str | None, question: str) -> bool:
    """Does the sentence (or the one it continues) name a firm: by a word for one ("a Danish firm", "Garside Brothers",
    "... Ltd"), or as the one that did what the question asks ("Which firm is repairing the lock?": "The lock is being
    repaired by Arden Marine")?"""
    if _FIRM_TOLD.search(f"{continued or ''} {sentence}"):
        return True
    asked = {stem(w) for w in words(question)}
    return any(stem(m.group(1)) in asked for m in _DONE_BY_NAME.finditer(sentence))


_SINCE_WHEN = re.compile(r"\bsince\s+when\b", re.I)
# "How long has she been lead maintainer?", "how long have they worked there?": how long up to now, which the year it
# began tells ("who joined us in 2011", "became chair in March 2018", "since the first release in March 2018").
_HOW_LONG_HAS = re.compile(r"\bhow\s+long\s+(?:has|have)\b", re.I)  # (not "how long's the queue": is)
_JOINED_IN = re.compile(
    r"\b(?:joined|started|began|became|took\s+over|was\s+appointed|was\s+elected|arrived|moved|since)\b(?:\s+[\w'’,-]+){0,8}?\s+"
    r"(?:in|since)\s+(?:(?:\d{1,2}\s+)?(?-i:[A-Z])[a-z]+\s+)?\d{4}\b", re.I
)
# When someone took up a role: "When did she take over as chair?", "When was he elected?", "when did Lee become head?"
_TOOK_ROLE = re.compile(
    r"\bwhen\s+(?:did|was|were|has|have)\s+[^?]{1,60}?\b(?:take\s+over|took\s+over|take\s+on|become|became|appointed|elected|"
    r"step\s+(?:in|up|down))\b", re.I)
# A role taken up: "since 2006", "took over in 2016", "became chair", "was appointed", "has led the site since ...".
_ROLE_BEGUN = re.compile(
    r"\b(?:since|from)\s+(?:\w+\s+){0,2}?\d{4}\b|\b(?:took\s+(?:over|on)|taken\s+(?:over|on)|takes\s+(?:over|on)|became|become|becomes|"
    r"appointed|elected|succeeded|stepped\s+(?:in|up|down)|handed\s+over|joined|began|started|made)\b", re.I)
# When something began: "since 2019", "from 1998", "joined", "was elected", "took over", "for 12 years", "in 2004 she became".
_BEGUN = re.compile(
    r"\b(?:since|from)\s+(?:\w+\s+){0,2}?\d{4}\b|\b(?:began|begun|begin|begins|started|starts|joined|joins|elected|appointed|became|"
    r"become|becomes|took\s+over|taken\s+over|founded|formed|set\s+up|opened|established|introduced|launched|arrived|moved|"
    r"first|qualified|hired|recruited|retired)\b|\bfor\s+(?:\w+\s+){0,2}(?:years?|months?|decades?)\b", re.I)


def _names(sentence: str, question: str, proper_nouns: frozenset[str], codes: bool = False) -> list[str]:
    """Proper names in the sentence that the question does not already contain; `codes` adds "CD19"-like ids."""
    asked = {stem(w) for w in words(question)}
    found = [w for w in words(sentence) if w in proper_nouns] + (_CODE.findall(sentence) if codes else [])
    # Capitalised runs ("Ruth Okonedo"); at the start of the sentence only when the first word is no everyday word, and
    # without a preposition that opens it ("Unlike Gresley Court, it ..." names Gresley Court, not "Unlike Gresley").
    for m in re.finditer(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b", sentence):
        run = m.group(0).split()
        if m.start() == 0 and run[0].lower() in STOPWORDS | _SENTENCE_OPENERS:
            continue
        if m.start() == 0 and run[0].lower() in _LEADING_WORDS:
            run = run[1:]
        if len(run) > 1:
            found.append(" ".join(run))
    # A month or a day of the week is a date, not a name ("by 27 February", "on Tuesday").
    return [n for n in found if not all(stem(w) in asked for w in words(n)) and not _CALENDAR.fullmatch(n.lower())]


_CALENDAR = re.compile(rf"(?:{_MONTHS}|(?:{_WEEKDAYS})s?)")  # "on Sundays"



# Before a name: a preposition of place ("in Hollinford", "at the Swan") or a place's kind ("the market town of
# Pellingford"); or "the", which no person's name takes ("a farmer from the Lydd valley").
_IN_PLACE = re.compile(rf"\b(?:(?:in|at|near|outside)\s+(?:the\s+)?|(?:{'|'.join(sorted(PLACE_NOUNS))})\s+of\s+)$", re.I)
_THE = re.compile(r"\bthe\s+$", re.I)
# (The place word heads the apposition: "Priya Hollins, a district nurse" is a nurse.)
_PLACE_APPOSITION = re.compile(
    rf"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(sorted(PLACE_NOUNS))})\b"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|at|near|of|by|outside|north|south|east|west|which|that|where|with|from|beside)\b)",
    re.I,
)


# A name with one of these words is a body, which may do what a who-question asks ("a grant from the Heritage Skills
# Fund" says who funded it), though it holds no role ("Who is the chair?").
_BODY = {"society", "trust", "council", "company", "foundation", "fund", "ltd", "limited", "club", "association", "charity",
         "bank", "college", "university", "board", "committee", "agency", "department", "ministry", "institute", "group",
         "clinic", "centre", "center", "hospital", "surgery", "practice", "partnership", "partners", "cooperative", "co-operative",
         "union", "network", "service", "services", "authority", "studio", "studios"}


def _names_someone(sentence: str, run: str, bodies: bool) -> bool:
    """Can this capitalised run answer a who-question: a person's name, or a body's (when `bodies`: no role is asked);
    not a place ("the Old Corn Exchange", "in Hollinford", "the market town of Pellingford")?"""
    kinds = [w.lower() for w in words(run)]
    if bodies and kinds and kinds[-1] in _BODY:  # its last word says what it is: "the Rivers Sports Fund"
        return not _IN_PLACE.search(sentence[: sentence.find(run)])
    return not set(kinds) & NOT_A_PERSON and not _told_as_place(sentence, run)




def asked_roles(question: str) -> set[str]:
    """The roles a who-question names ("the chair", "which engineer"), as terms; not words for anyone ("people")."""
    roles = {t for w in words(question) if w.lower() in ROLE_NOUNS and w.lower() not in ANYONE for t in content_terms(w)}
    # "Who is the station master at Westerby?": a noun for someone who does something, after "who is the".
    held = _WHO_IS_THE.search(question)
    if held and AGENT.search(held.group(1).lower()) and held.group(1).lower() not in ANYONE | {"other", "others", "order", "number"}:
        roles |= set(content_terms(held.group(1)))
    # "Who chairs the residents' association?" asks who holds the chair, as "Who is its chair?" does.
    return roles | {t for m in _ROLE_VERB.finditer(question) for t in content_terms(m.group(1))}


_WHO_IS_THE = re.compile(
    r"\bwho(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:now\s+)?(?:the|your|their|its|our)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)"
    r"(?=\s+(?:at|of|for|in|on|now|these|today|this|that|nowadays)\b|\s*[?.!,]|\s*$)", re.I)


# Verbs that say a person holds a role, after "who": "who chairs", "who captained".
_ROLE_VERB = re.compile(r"\bwho\s+(?:now\s+|currently\s+)?(chair|captain)(?:s|ed)\b", re.I)


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)*")


def _run_of(sentence: str, name: str) -> str:
    """The whole capitalised run a name stands in ("Preservation" in "the Callowmere Valley Railway Preservation
    Society"), which says what kind of name it is."""
    for m in _CAPITALISED_RUN.finditer(sentence):
        run = m.group(0)
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", run):
            # "Professor Frederick Farquharson of the University of Washington": a person's name followed by where he
            # works. The part before "of" is his own when it holds no word of a place or a body ("the Bank of England",
            # "the Duke of York's Theatre" stay whole).
            head = _OF.split(run, maxsplit=1)[0]
            if head != run and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", head) and len(words(head)) >= 2 and not {
                w.lower() for w in words(head)
            } & (NOT_A_PERSON | _BODY):
                return head
            return run
    return name


_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _told_as_place(sentence: str, name: str) -> bool:
    """Does the sentence itself say the name is a place: "in Hollinford", "Hollinford, a market town on the Brede", "from
    the Lydd valley"?"""
    return any(
        _IN_PLACE.search(sentence[: m.start()]) or _PLACE_APPOSITION.match(sentence[m.end() :])
        or (_THE.search(sentence[: m.start()]) and not name.isupper())  # "the HMT" is a body, which may answer who
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)
    )


# "When does it switch on?" asks what happens as a rule, which a condition answers as well as a time does.
_HABITUAL_WHEN = re.compile(r"\bwhen\s+(?:does|do)\b", re.I)
# A time told from another: "30 minutes before each departure", "two hours after sunset".
_RELATIVE_TIME = re.compile(rf"\b(?:\d+|an?|one|{_NUMBER_WORDS})\s+(?:minutes?|hours?|days?|weeks?)\s+(?:before|after|ahead\s+of|prior\s+to)\b", re.I)
# Two years a span runs between: "from 1979 to 2003", "between 1851 and 1868".
_YEAR_SPAN = re.compile(r"\b(?:from|between)\s+(?:\w+\s+)?(?:1[5-9]|20)\d\d\s+(?:to|until|till|and)\s+(?:\w+\s+)?(?:1[5-9]|20)\d\d\b", re.I)
_BY_ASIDE = re.compile(r",\s+(?:[a-z]+ed|led|run|built|made|held|kept|written|given|taken|paid|funded)\s+by\s+[^,;]{1,40},", re.I)
_PAST_WHEN = re.compile(r"\bwhen\s+(?:was|were|did|had)\b", re.I)
_RECURRING = re.compile(r"\b(?:every|each)\s+(?:other\s+)?$", re.I)
_CONDITION = re.compile(r"\b(?:only\s+when|whenever|only\s+if|as\s+soon\s+as|once\s+the|if\s+the|when\s+the|until\s+the)\b", re.I)
_ARTICLES = {"the", "a", "an"}  # "The Corrie range" opening a sentence names only Corrie

_SENTENCE_OPENERS = {"after", "before", "during", "since", "while", "when", "although", "though", "because", "however", "later",
                     "today", "last", "next", "each", "every", "both", "most", "many", "some", "several", "three", "two", "four"}
# Words for people in the plural ("the names of the five men"): the words for anyone, and a few more.
_PEOPLE_WORDS = ANYONE | {"persons", "men", "women", "children", "boys", "girls", "staff", "volunteers", "founders", "players"}
# Words that open a sentence before a name without being part of it ("Unlike Gresley Court, ...").
_LEADING_WORDS = {"unlike", "like", "despite", "besides", "beyond", "unless", "until", "whereas", "within", "without", "under",
                  "among", "between", "through", "along", "across", "behind", "beside", "inside", "outside", "near", "towards",
                  "against", "around", "beneath", "opposite", "following", "throughout", "thanks", "apart"}


_CURRENCY_UNIT = re.compile(r"^(?:pounds?|dollars?|euros?|pence|cents?|quid|bucks)$", re.I)


def money_words(question: str) -> set[str]:
    """The words with which a question asking a sum of money asks it ("cost", "pay", "price"): none for any other."""
    return {m.group(0).lower() for m in _MONEY_QUESTION.finditer(question) if " " not in m.group(0)} if asks_money(question) else set()


def asks_money(question: str) -> bool:
    """"How much did it cost?", "what did they pay?"; not "how many paid fitters?" (a count), unless what is counted is
    money ("how many pounds did it raise?")."""
    if not _MONEY_QUESTION.search(question):
        return False
    counted_word = _COUNTED.search(question) if re.search(r"\bhow\s+many\b", question, re.I) else None
    return counted_word is None or bool(_CURRENCY_UNIT.match(counted_word.group(1)))


def _without_question_words(sentence: str, question: str) -> str:
    # "CAR-T" in the question must not count as a number-bearing answer; strip tokens the question shares.
    asked = {w.lower() for w in words(question)}
    return " ".join(w for w in re.split(r"\s+", sentence) if re.sub(r"\W", "", w.lower()) not in asked)


_DEFINITION_Q = re.compile(
    r"^\W*(?:and\s+)?(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?P<x>[^?]{2,60}?)\s*\??$"
    r"|^\W*what\s+(?:does|do)\s+(?P<y>[^?]{2,40}?)\s+(?:stand\s+for|mean)\s*\??$",
    re.I,
)


def _definition_subject(question: str) -> str | None:
    """"What is X?" / "What does X stand for?" -> X."""
    match = _DEFINITION_Q.match(normalize(question))
    if not match:
        return None
    subject = (match.group("x") or match.group("y")).strip().lower()
    # "What is toe-in on a rim brake?": the term is "toe-in"; where it applies is not part of it.
    subject = re.sub(r"\s+(?:used\s+for|for|made\s+of|made\s+from|like)$", "", subject)  # "what is the barrel adjuster used for"
    return re.sub(r"\s+(?:on|in|for|at|with|during)\s+(?:a|an|the|my|your|our|their)\s.*$", "", subject) or subject


def _word_at(text: str, term: str) -> int:
    """Where the term stands as a word of its own (not "rod" inside "rods (about 250 m²)"), or -1."""
    found = re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", text)
    return found.start() if found else -1


def _calls(sentence: str, subject: str) -> bool:
    """Does the sentence call something by the term ("..., an adjustment called toe-in, ...")? It says what the term
    names, more weakly than a definition of it ("X, or ..., is a ...")."""
    text = normalize(sentence).lower()
    at = _word_at(text, subject)
    return at > 0 and bool(re.search(r"\b(?:called|termed|named|known\s+as|referred\s+to\s+as)\s+(?:an?\s+|the\s+)?[\"'‘“]?$", text[:at]))


def _defines(sentence: str, subject: str) -> bool:
    """Does the sentence define the subject ("X, or ..., is a ...", "X, also known as Y", "Y, also known as X, is")?"""
    text = normalize(sentence).lower()
    at = _word_at(text, subject)
    if at < 0:
        return False
    after = text[at + len(subject) : at + len(subject) + 80]
    # "A rod, also called a pole or a perch, is ...": the other names come first.
    return bool(DEFINES.match(re.sub(r"^also\s+", "", after.lstrip(" ,"))) or re.match(r"[\w\s-]{0,24}?(,\s*or\b|,?\s*(is|are)\s+(a|an|the)\b|,?\s*(also\s+)?known\s+as\b|\s*\(|,?\s*refers\s+to\b|,?\s*means\b)", after)) or (
        "also known as" in text[:at]
    )
