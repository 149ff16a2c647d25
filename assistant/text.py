"""Word and sentence handling shared by keyword retrieval and the extractive generator."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# A list item's marker ("- ", "• ", "2. ", "(a) "): the reader, the PDF loader and the whole-sentence measure read the
# same markers.
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+•▪◦‣–]|\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.|\(?[a-z][.)])[ \t]+")
# A code fence's line ("```terminal", "~~~"): the segmenter reads what it opens as code, the quote check knows it.
CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^`\n]*$")
# A sentence's end: a stop, maybe followed by closing quotes or brackets.
ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")

# Apostrophes and hyphens split words the way a reader would ("patient’s" -> patient, "T-cells" -> t, cells).
WORD_RE = re.compile(r"[A-Za-z0-9]+")

# A small English stop list plus question scaffolding; content words are what is left.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren as at be because been before being
    below between both but by can could did do does doing down during each else ever few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just let me
    more most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those through
    to too under until up upon very was we were what when where which while who whom whose why will with
    would you your yours yourself yourselves s t d ll m re ve y said says say tell explain describe according
    article text document documents passage passages mention mentioned mentions please know give
    conduct conducted conducts conducting perform performed performing undertake undertook undertaken per via""".split()
)
# Light verbs ("conducted", "carried out") say little about what was done; they are stop words above, and "carry" is one
# where "out" follows it ("Who carried out the research?"); "What should I carry?" asks about carrying.
_CARRY = frozenset({"carry", "carried", "carries", "carrying"})
# Irregular past forms, so "wrote" meets "writing" and "found" meets "finding".
IRREGULAR = {
    "wrote": "write", "written": "write", "ran": "run", "began": "begin", "begun": "begin", "found": "find",
    "led": "lead", "made": "make", "took": "take", "taken": "take", "gave": "give", "given": "give", "grew": "grow",
    "grown": "grow", "knew": "know", "known": "know", "thought": "think", "brought": "bring", "bought": "buy",
    "taught": "teach", "chose": "choose", "chosen": "choose", "spoke": "speak", "spoken": "speak", "fell": "fall",
    "rose": "rise", "risen": "rise", "won": "win", "held": "hold", "kept": "keep", "left": "leave", "lost": "lose",
    "met": "meet", "paid": "pay", "sent": "send", "spent": "spend", "told": "tell", "understood": "understand",
    "went": "go", "gone": "go", "saw": "see", "seen": "see", "got": "get", "felt": "feel", "built": "build",
    "came": "come", "became": "become", "shown": "show", "fought": "fight", "sought": "seek", "drew": "draw",
    "drawn": "draw", "showed": "show", "struck": "strike", "spread": "spread", "shrank": "shrink", "shrunk": "shrink",
    "lent": "lend", "bent": "bend", "dealt": "deal", "meant": "mean", "sold": "sell", "stood": "stand", "wore": "wear",
    "worn": "wear", "threw": "throw", "thrown": "throw", "flew": "fly", "flown": "fly", "broke": "break",
    "broken": "break", "drove": "drive", "driven": "drive", "rode": "ride", "ridden": "ride", "ate": "eat", "eaten": "eat",
    "froze": "freeze", "frozen": "freeze", "forgot": "forget", "forgotten": "forget", "hid": "hide", "hidden": "hide",
    "laid": "lay", "slept": "sleep", "swept": "sweep", "caught": "catch", "fled": "flee", "dug": "dig", "stuck": "stick",
    "spun": "spin", "undertook": "undertake", "undertaken": "undertake", "withdrew": "withdraw", "withdrawn": "withdraw",
    "arose": "arise", "arisen": "arise", "sank": "sink", "sunk": "sink", "shook": "shake", "shaken": "shake", "tore": "tear",
    "torn": "tear", "rebuilt": "rebuild", "oversaw": "oversee", "overseen": "oversee", "underwent": "undergo",
    "undergone": "undergo", "upheld": "uphold", "withheld": "withhold", "sped": "speed", "sung": "sing", "sang": "sing",
}

_stemmer = Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    """NFKC-normalise and fold typographic quotes so matching ignores them."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def words(text: str) -> list[str]:
    return WORD_RE.findall(_WONT.sub(r"\1ill not", normalize(text)))


_WONT = re.compile(r"\b([Ww])on't\b")  # "won't" is "will not", not "won" (as "win") and a "t"


# Words the English stemmer runs together with others of another meaning: "engineering" and "engine" both give
# "engin", "business" and "busy" both "busi", "authority" and "author" both "author".
_OVERSTEMMED = {
    **dict.fromkeys(("engineer", "engineers", "engineering", "engineered"), "engineering"),
    **dict.fromkeys(("business", "businesses"), "business"),
    **dict.fromkeys(("authority", "authorities"), "authority"),
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if _ACRONYM_PLURAL.match(word):
        word = word[:-1]  # "DVDs" is more than one DVD
    low = _AMERICAN.get(word.lower()) or _UNITS.get(word) or _american(word.lower())
    return _OVERSTEMMED.get(low) or _stemmer.stemWord(low)


# A unit's short forms read as its name ("a kilo of tea" is "a kilogram"), as a reader reads them; case-sensitive, so
# that "MM" or "KM" as initials stay themselves.
_UNITS = {
    **dict.fromkeys(("kilo", "kilos", "kg", "kgs"), "kilogram"), **dict.fromkeys(("km", "kms"), "kilometer"),
    "cm": "centimeter", "mm": "millimeter", "ml": "milliliter", "kW": "kilowatt",
}


_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Z0-9]+s$")

# British and American spellings of one word read as one ("licence" and "license", "colour" and "color"): a user may
# write either, whichever the document uses. Whole words first, then the regular patterns, each for a known set of
# roots (a rule such as "-our -> -or" would also turn "hour" and "four" into other words).
_AMERICAN = {
    "grey": "gray", "greys": "grays", "aluminium": "aluminum", "mould": "mold", "moulds": "molds", "mouldy": "moldy",
    "plough": "plow", "ploughs": "plows", "programme": "program", "programmes": "programs", "judgement": "judgment",
    "judgements": "judgments", "acknowledgement": "acknowledgment", "sceptical": "skeptical", "sceptic": "skeptic",
    "artefact": "artifact", "artefacts": "artifacts", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "skilful": "skillful", "wilful": "willful", "jewellery": "jewelry", "cosy": "cozy", "pyjamas": "pajamas",
    "moustache": "mustache", "practise": "practice", "practised": "practiced", "practising": "practicing",
    "diarrhoea": "diarrhea", "analyse": "analyze", "analysed": "analyzed", "analysing": "analyzing", "paralyse": "paralyze",
    "paralysed": "paralyzed", "catalyse": "catalyze", "catalysed": "catalyzed",
}
_AMERICAN_PATTERNS = [
    (re.compile(r"^(col|behavi|harb|fav|hon|neighb|lab|flav|hum|vap|rum|od|arm|sav|endeav|rig|vig|clam|splend|tum|parl)our"
                r"(s|ed|ing|ite|ites|able|ably|ful|less|hood|hoods|ly|ist|ists|ation)?$"), r"\1or\2"),
    (re.compile(r"^(cent|met|lit|theat|fib|kilomet|centimet|millimet|millilit|sab|somb|lust|spect|calib|meag)re(s)?$"), r"\1er\2"),
    (re.compile(r"^(cent|theat|calib)red$"), r"\1ered"),
    (re.compile(r"^(licen|defen|offen|preten)ce(s)?$"), r"\1se\2"),
    (re.compile(r"^(catal|dial|anal|monol|prol|epil)ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(organ|recogn|real|apolog|author|custom|minim|maxim|optim|priorit|special|summar|util|character|categor|"
                r"critic|memor|standard|normal|final|initial|visual|personal|stabil|steril|synchron|mobil|immun|hospital|"
                r"random|local|harmon|modern|civil|fertil|neutral|legal|familiar|symbol|vapor|pressur|energ|magnet|capital|"
                r"commercial|central|global|industrial|monet|sanit|urban|vandal|vocal|colon|emphas|agon|jeopard|patron|"
                r"scrutin|sympath|theor|fantas|digit|synthes|hypothes|subsid|public|equal|rational|national)"
                r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(h|an|leuk|isch|septic|hyp|hyperk|hypok|hypogly|hypergly)aem"), r"\1em"),
    (re.compile(r"^(orthop|p)aed"), r"\1ed"),
    (re.compile(r"^an(a)esth"), "anesth"),
    (re.compile(r"^oe(sophag|str|dem)"), r"e\1"),
    (re.compile(r"^gynaec"), "gynec"),
    (re.compile(r"^foet(us|uses|al)$"), r"fet\1"),
]


def _american(word: str) -> str:
    for pattern, replacement in _AMERICAN_PATTERNS:
        if pattern.match(word):
            return pattern.sub(replacement, word, count=1)
    return word


# Derivational endings the English stemmer keeps ("treatment" vs "treat"); folded when matching a question's
# words against a sentence, where a reader would count them as the same word.
_DERIVED = re.compile(r"(?<=\w{4})(ment|ments|ation|ition|ing|er|ers)$")


# An agent noun's verb, as the stemmer writes it: "driver" -> "driv" is "drive", "runner" -> "runn" is "run", "planner" ->
# "plann" is "plan" (a doubled last consonant but l, s or z is one); a short stem ending consonant-vowel-consonant
# (not w, x or y) lost a silent e ("writ" -> "write"), one with two vowel groups did not ("open" of "opener").
_DOUBLED = re.compile(r"([b-df-hj-km-np-rtv])\1$")
_SILENT_E = re.compile(r"[^aeiouy]*[aeiouy][b-df-hj-np-tvz]")


def fold(term: str) -> str:
    base = _DERIVED.sub("", term)
    if base == term or not term.endswith(("er", "ers")):
        return base
    if _DOUBLED.search(base):
        return base[:-1]
    if _SILENT_E.fullmatch(base):
        return base + "e"
    return base


def content_terms(text: str) -> list[str]:
    """Stemmed, folded content words in order, without stop words or duplicates."""
    return list(_content_terms(text))


@lru_cache(maxsize=32768)
def _content_terms(text: str) -> tuple[str, ...]:
    # Cached: the same passage sentences are read again for every question that retrieves them.
    return tuple(dict.fromkeys(t for t in term_sequence(text) if t))


def term_sequence(text: str) -> list[str | None]:
    """The terms of `text`'s words in order, repeats kept, None for a stop word: neighbouring terms stood side by side."""
    found = words(text)
    return [fold(stem(IRREGULAR.get(w.lower(), w))) if _content_word(found, i) else None for i, w in enumerate(found)]


def _content_word(found: list[str], i: int) -> bool:
    w = found[i].lower()
    if w in _CARRY:
        return not (i + 1 < len(found) and found[i + 1].lower() == "out")
    return w not in STOPWORDS and len(w) > 1


def keyword_tokens(text: str) -> list[str]:
    """Tokens for the BM25 index: stemmed, lower-cased, irregular forms as their verb ("grew" as "grow", as the
    reader's terms read them), stop words removed (duplicates kept); and each dotted number whole ("3.4.0", "2.5",
    "v1.2"), which the words alone split into digits too short to count."""
    found = words(text)
    tokens = [stem(IRREGULAR.get(w.lower(), w)) for i, w in enumerate(found) if _content_word(found, i)]
    return tokens + [m.group(0).lower() for m in DOTTED_NUMBER.finditer(text)]


# The calendar's names, for the patterns that read dates, recurrences and names that open with a day or a month.
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A version or section number: "3.4.0", "2.5", "v1.2".
DOTTED_NUMBER = re.compile(r"(?<![\w.])[vV]?\d+(?:\.\d+)+(?![\w]|\.\d)")


@dataclass(frozen=True)
class Span:
    """A sentence and its character offsets in the text it was cut from."""

    text: str
    start: int
    end: int


# "a) ...", "(b) ...": a single letter in brackets opening an item of an enumeration within a sentence.
_LETTER_ENUMERATION = re.compile(r"(?:(?<=\s)|^)\(?[a-z]\)(?=\s)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets in a text (sentencex: rule-based, abbreviation-aware), whitespace trimmed."""
    import sentencex

    spans, cursor = [], 0
    # sentencex's pieces concatenate to the input exactly, so offsets are running sums. It ends a sentence before an
    # inline enumeration ("identified: a) Supporting ...; b) ...") and then no longer splits the rest of the paragraph
    # ("c) ... shame. The first theme ..." as one piece); read with its letters in brackets, the enumeration stays in
    # its sentence and the sentences after it are split (the same length, so the offsets are the text's).
    masked = _LETTER_ENUMERATION.sub(lambda m: m.group().replace("(", "[").replace(")", "]"), text)
    for piece in sentencex.segment("en", masked):
        start, end = cursor + len(piece) - len(piece.lstrip()), cursor + len(piece.rstrip())
        cursor += len(piece)
        if end > start:
            spans.append((start, end))
    return spans


def sentences(text: str) -> list[Span]:
    """Sentences with exact offsets: paragraphs first (blank lines), then the splitter on each paragraph with its
    line breaks read as spaces, so hard-wrapped text splits at sentence ends, not at line ends."""
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        base = para.start()
        for start, end in split_sentences(para.group().replace("\n", " ")):
            spans.append(Span(text[base + start : base + end], base + start, base + end))
    return spans


# A country and the adjective for its people name one place: a question about "the British society" is answered by a
# sentence about "the United Kingdom", "in Holland" by one "in the Netherlands". Written with capitals and matched
# case-sensitively ("US", not "us"); left out where the word has an everyday meaning ("Turkey", "Polish") or names
# more than a country ("English" is a language too).
_COUNTRIES = (
    ("Britain", "British", "UK", "United Kingdom"),
    ("Netherlands", "Holland", "Dutch"),
    ("United States", "USA", "US", "American"),
    ("France", "French"),
    ("Germany", "German"),
    ("Ireland", "Irish"),
    ("Scotland", "Scottish"),
    ("Wales", "Welsh"),
    ("Spain", "Spanish"),
    ("Italy", "Italian"),
    ("Belgium", "Belgian"),
    ("Denmark", "Danish"),
    ("Sweden", "Swedish"),
    ("Norway", "Norwegian"),
    ("Finland", "Finnish"),
    ("Switzerland", "Swiss"),
    ("Austria", "Austrian"),
    ("Portugal", "Portuguese"),
    ("Greece", "Greek"),
    ("Hungary", "Hungarian"),
    ("Russia", "Russian"),
    ("Canada", "Canadian"),
    ("Australia", "Australian"),
    ("Japan", "Japanese"),
    ("China", "Chinese"),
)
_COUNTRY_OF = {name: i for i, names in enumerate(_COUNTRIES) for name in names}
_COUNTRY_NAME = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in sorted(_COUNTRY_OF, key=len, reverse=True)) + r")\b")
_COUNTRY_TERMS = tuple(frozenset(fold(stem(name)) for name in names if " " not in name) for names in _COUNTRIES)
_COUNTRY_NAME_TERMS = tuple(tuple(tuple(fold(stem(w)) for w in name.split()) for name in names) for names in _COUNTRIES)


@lru_cache(maxsize=32768)
def _countries_in(text: str) -> frozenset[int]:
    # One pass of one pattern: this runs on every sentence the reader reads.
    return frozenset(_COUNTRY_OF[m.group()] for m in _COUNTRY_NAME.finditer(text))


def country_terms(text: str) -> frozenset[str]:
    """The terms of every one-word name of each country `text` names, in whichever form it names it."""
    return frozenset().union(*(_COUNTRY_TERMS[i] for i in _countries_in(text)))


def unknown_country(text: str, known: Callable[[str], bool]) -> bool:
    """Does `text` name a country that no name of it is known (every term of the name `known`)?"""
    return any(not any(all(known(t) for t in name) for name in _COUNTRY_NAME_TERMS[i]) for i in _countries_in(text))


# Everyday clipped words and the words they are cut from ("demos" for "demonstrations", "bike" for "bicycle").
_CLIPPINGS = {
    "demo": "demonstration", "info": "information", "photo": "photograph", "lab": "laboratory", "exam": "examination",
    "memo": "memorandum", "vet": "veterinary", "stats": "statistics", "specs": "specifications",
    "admin": "administration", "intro": "introduction", "uni": "university", "prof": "professor", "advert": "advertisement",
    "rehab": "rehabilitation", "fridge": "refrigerator", "phone": "telephone", "bike": "bicycle",
    "maths": "mathematics", "math": "mathematics", "gym": "gymnasium", "dept": "department",
    "approx": "approximately", "doc": "document", "docs": "documentation",
    "mic": "microphone", "pic": "picture", "vid": "video", "reno": "renovation",
    "hr": "hour", "hrs": "hours", "mins": "minutes", "yr": "year", "yrs": "years",
    "kilo": "kilogram", "kilos": "kilograms", "limo": "limousine", "expo": "exposition", "ammo": "ammunition", "hippo": "hippopotamus",
    "rhino": "rhinoceros", "croc": "crocodile", "champ": "champion", "celeb": "celebrity",
    "condo": "condominium", "corp": "corporation", "govt": "government", "gov": "government", "org": "organisation",
    "asap": "as soon as possible", "diy": "do it yourself", "tv": "television", "appt": "appointment",
    "wwi": "First World War", "ww1": "First World War", "wwii": "Second World War", "ww2": "Second World War",
}


def unclipped(text: str, known: Callable[[str], bool]) -> str:
    """The text with each clipped word `known` does not know (as a term) written in full where the full word is
    known: "who does the glassblowing demos" of a guide that speaks of "demonstrations"."""

    def full(m: re.Match) -> str:
        word = m.group()
        lower = word.lower()
        plural = lower not in _CLIPPINGS and lower.endswith("s") and lower[:-1] in _CLIPPINGS
        whole = _CLIPPINGS.get(lower[:-1] if plural else lower)
        if whole is None or any(known(t) for t in content_terms(word)) or not all(known(t) for t in content_terms(whole)):
            return word
        return whole + ("s" if plural and not whole.endswith("s") else "")

    return re.sub(r"\b[A-Za-z][A-Za-z0-9]*\b", full, text)


# A word a spelling slip may have made: lower case (a capitalised one may be a name the documents do not use, which must
# stay unknown), five letters or more (shorter ones are mostly other words one letter apart: "lamb", "lamp"), not part of
# a hyphenated or apostrophised word.
_SLIP = re.compile(r"(?<![\w'’-])[a-z]{5,}(?![\w'’-])")


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """The words of pyspellchecker's English frequency list (loaded once per process, on the first unknown word)."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(distance=1).word_frequency.dictionary)


# Prefixes that make English words of English words: "repot" (to pot again), "unclip", "overwinter".
_WORD_PREFIX = re.compile(r"^(?:re|un|pre|mis|over|under|out|sub|non|co|de|dis|multi|anti|inter|semi)(?=[a-z]{3})")


def english_word(word: str) -> bool:
    """Whether a lower-case word is an English word, in its British spelling too ("colour", "centre"), or one made of
    one with a prefix ("repot")."""
    known = _english_words()
    stems = {word, _WORD_PREFIX.sub("", word, count=1)}
    return any(w in known or _american(w) in known or _AMERICAN.get(w, w) in known for w in stems)


def corrected(text: str, vocabulary: Callable[[str], list[str]], known: Callable[[str], bool]) -> str:
    """The text with each misspelt word written as the documents write it: "whats the most ancient tree in the gardn" as
    "... in the garden". A misspelt word is lower case, unknown to the documents (as a term, so "boats" is known where
    they say "boat") and no English word; it is written as the word `vocabulary` gives for it (the documents' words one
    slip away, the most used first), when there is one."""

    def fix(m: re.Match) -> str:
        word = m.group()
        terms = content_terms(word)
        if not terms or all(map(known, terms)) or english_word(word):
            return word
        found = vocabulary(word)
        return found[0] if found else word

    return _SLIP.sub(fix, text)
