"""Reading a question: cleaning it, spotting requests outside the job, the kind of fact it asks for, and follow-ups."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import InvalidQuestion
from ..text import IRREGULAR, MONTHS, STOPWORDS, WEEKDAYS, content_terms, words
from .features import question_form

# Requests that are not questions about the documents: the assistant answers from documents, nothing else. ("Act as"
# bids the assistant, not "Why don't my battery sensors act as repeaters?".)
_INJECTION = re.compile(
    r"""\b(ignore|disregard|forget|override|bypass|skip)\b[^.?!]{0,40}?\b(instructions?|rules?|prompts?|documents?|context|
        guidelines?|sources?|above|previous|everything)\b
      | \byou\s+are\s+now\b | (?:^\W*|[.!?;:,]\s*|\b(?:you|please|now|then|just)\s+)act\s+as\b | \bpretend\s+(to\s+be|you)\b | \bfrom\s+now\s+on\b | \bnew\s+instructions?\b
      | ^\s*(system|assistant|developer)\s*: | \b(reveal|show|print|repeat|leak)\b[^.?!]{0,30}\b(system\s+)?(prompt|instructions)\b
      | \bdeveloper\s+mode\b | \bjailbreak | \bsay\s+["'“]?pwned | \bwithout\s+(using\s+)?the\s+documents?\b""",
    re.I | re.X,
)
# Advice on the asker's own things: a question that tells of their situation ("I've got three old apple trees in my back
# garden ...", "my old kitchen radio only gets a crackly signal") and asks what they should do or whether someone would
# come. The documents tell what they say of their own subject, not what to do about the asker's tree or radio.
_MY_SITUATION = re.compile(
    r"\b(?:i've\s+got|i\s+have\s+got|i'm\s+(?:pretty\s+|fairly\s+)?sure|in\s+my\s+(?:back\s+|front\s+|own\s+)?"
    r"(?:garden|house|home|flat|kitchen|yard|loft|shed)|my\s+(?:own\s+|old\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:has|only|keeps|won't|doesn't|isn't)\b)",
    re.I,
)
# ... what they should do to it ("how should I prune them", "which aerial should I buy", "is there anything I can spray on
# it"), not how to deal with the documents' own people ("Should I call you?", "should I book ahead?").
_ASKS_ADVICE = re.compile(
    r"\bshould\s+(?:i|we)\s+(?!(?:call|ring|phone|email|e-mail|contact|tell|book|order|bring|come|visit|join|apply|pay|register|sign|go|wait|"
    r"arrive|park|ask|report|send|leave|expect|do|pack|try|turn|check|press|reset|restart|switch|unplug|update|enable|disable)\b)[a-z]+|\bis\s+there\s+anything\s+(?:i|we)\s+(?:can|could)\s+(?!(?:do\s+to\s+help|give)\b)[a-z]+",
    re.I,
)
# A sentence of the asker's own story before the question ("I've been sorting bags at Fore Street for about a year
# and lately my lower back aches ...."), and a "should I ..., or ...?" between two courses.
_OWN_STORY = re.compile(r"^(?=[^?.!]{40,}[.!])[^?.!]*\b(?:i|i've|i'm|we|we've|we're|my|our)\b[^?.!]*[.!]\s+\S", re.I)
_SHOULD_OR = re.compile(
    r"\bshould\s+(?:i|we)\s+[^?]{2,80}?,\s*or\s+(?:try|is\s+it|am\s+i|would|should|just|keep|carry\s+on|stay|wait|give|push|stick|leave)\b", re.I)
_JUDGE_PLAN = re.compile(
    r"\b(?:is|was|would)\s+(?:that|this|it)\s+(?:be\s+)?(?:a\s+)?(?:sensible|wise|good|bad|smart|reasonable|realistic|risky)\s+"
    r"(?:move|idea|plan|choice|decision|step|thing\s+to\s+do)\b", re.I)
# "which vet should I see if my dog has bad teeth": which of the documents' people, not advice on the asker's case.
_WHICH_OF_THEM = re.compile(r"\b(?:which|who|whom)\s+(?:\w+\s+)?should\s+(?:i|we)\s+(?:see|ask|contact|speak\s+to|talk\s+to|book\s+with)\b", re.I)
_OUT_OF_SCOPE = re.compile(
    r"""\btranslat(e|ion)\b
      # An answer asked for in another language ("Answer in French"), not a people ("basal metabolic rate in Chinese").
      | \b(answer|reply|respond|say|write|explain|tell\s+me|give\s+(?:it|me)|put\s+(?:it|that)|summari[sz]e|describe|rewrite)\b[^.?!]{0,40}?
        \b(in|into)\s+(german|french|spanish|italian|chinese|japanese|russian|arabic|portuguese)\b
      | \b(write|compose|draft|generate|create|make\s+up)\b[^.?!]{0,30}\b(poem|song|story|essay|code|program|script|function|
        email|letter|joke|tweet|haiku|limerick|rap|lyrics|novel|speech)\b
      | ^\W*(?:please\s+)?(?:write|compose|draft|generate|create|make\s+up|invent)\s+(?:me\s+|us\s+)?(?:a|an|some|the)\b
      | \b(python|javascript|java|sql|c\+\+|rust)\s+(code|script|program|function)\b
      | \bshould\s+(?:i|we)\s+(?:get|take|have|try|start|stop|undergo|receive|use)\b[^.?!]{0,40}
        \b(?:therapy|therapies|treatment|treatments|drugs?|medicines?|medications?|surgery|doses?|vaccines?|pills?)\b
      | \b(?:i|i'm|i\s+am|i\s+was|i've|i\s+have|my\s+\w+)\s+(?:was\s+|were\s+|am\s+|is\s+|been\s+|have\s+been\s+|has\s+been\s+)*diagnosed\b
      | \b(diagnose|prescribe)\s+me\b
      # The asker's own treatment: "Should I just stop taking it?", "should we stop using it on him?", "Should I come off my
      # tablets?".
      | \bshould\s+(?:i|we)\s+(?:just|simply)\s+(?:stop|quit|come\s+off)\s+(?:taking|using)\b
      | \bshould\s+(?:i|we)\s+(?:just\s+)?come\s+off\s+(?:my|our|his|her)\s+(?:\w+\s+)?(?:tablets|pills|medication|medicines?|meds|insulin|inhalers?)\b
      # Its diagnosis of someone the asker knows: "Do you think she has a speech delay?", "do you reckon he's got asthma?"
      | \b(?:do|would)\s+you\s+(?:honestly\s+)?(?:think|reckon)\s+(?:she|he|i|my\s+\w+)\s+(?:has|have|might\s+have|could\s+have|['’]s\s+got|has\s+got)\b
      # The assistant's own taste or view: "Can you recommend a gripping novel for me?", "your favourite exhibit".
      | \b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:recommend|suggest|pick|choose)\b[^?]{0,80}\bfor\s+(?:me|us)\b
      | \byour\s+(?:own\s+|personal\s+)?(?:opinion|favourite|favorite|view\s+on|advice)\b
      # Its judgement of the asker's plans: "would the village hall be nice enough, or should we splash out on a hotel?".
      | \bwould\s+[^.?!]{0,40}\bbe\s+(?:nice|posh|smart|fancy|classy|lovely|good|grand)\s+enough\b
      # Its judgement of the asker's own case: "Honestly, do you think I'm too old to start?", "Do you think I should make
      # him give up his car?", "do you think rowing would be good for me?", "do you think she'd get more out of ...".
      | \b(?:do|would)\s+you\s+(?:honestly\s+)?(?:think|reckon)\b[^?]{0,80}?\b(?:should|too\s+\w+|good\s+for|bad\s+for|worth|
        better\s+off|embarrass\w*|enough|worse|a\s+good\s+idea|ready|(?:would|will)\s+(?:\w+\s+)?(?:make\s+(?:any\s+)?money|pay|succeed|work\s+out)|
        make\s+a\s+(?:\w+\s+)?living|cope|better\s+(?:at|with|in)|get\s+more\s+out\s+of)\b
      # Its diagnosis of the asker's own trouble: "Is it a cavity, or am I going to need a root canal? What do you think it is?"
      | \bwhat\s+do\s+you\s+think\s+(?:it|this|that)\s+(?:is|could\s+be|might\s+be)\b
      # "Is the Skylark 3 good enough for that, or should I spend the extra on a professional station?"
      | \bgood\s+enough\s+for\s+(?:that|this|me|us|what\s+(?:i|we))\b | \bshould\s+(?:i|we)\s+(?:spend|splash\s+out)\s+(?:the\s+extra|more)\b
      # Whether the asker's own choice would pay: "Honestly, is it worth ripping it out ..., and would we actually end up
      # saving money?"
      | \bwould\s+(?:i|we)\s+(?:actually\s+|really\s+)?(?:end\s+up\s+)?(?:sav|mak|los)(?:e|ing)\s+(?:any\s+)?money\b
      | \bhonestly\b[^?]{0,20}\bis\s+it\s+(?:still\s+|really\s+)?worth\b
      # The asker's family and friends: "Should I take her phone away, or would that just make things worse between us?"
      | \bthings\s+(?:worse|better)\s+between\s+(?:us|me|them)\b
      # "Is the subscription worth it for someone like me, or would I be better off composting at home?", "Is the bigger
      # one worth the money for us?"
      # (Or "worth the extra money over the Home for someone like me".)
      | \bworth\s+(?:it|the\s+(?:extra\s+)?(?:money|extra|cost|price))\b[^?]{0,40}?\bfor\s+(?:me|us|someone\s+like\s+(?:me|us)|people\s+like\s+(?:me|us))\b
      | \bwould\s+(?:i|we)\s+be\s+better\s+off\b
      # Whether the asker would cope: "would I cope better with the spinning course or the floor loom one?"
      | \b(?:would|will|could)\s+(?:i|we)\s+cope\b
      # The right thing for the asker's family to do: "Which would be the right thing to do for him?"
      | \b(?:which|what)(?:\s+would|\s+is|['’]s)\s+(?:be\s+)?the\s+right\s+(?:thing|choice|decision)\b
      # Its judgement of a purchase or a plan: "Is it a safe buy now?", "is it a sensible thing to do?"; and its view
      # of what is best: "which cloud provider would you say is the cheapest and most reliable?".
      | \bis\s+(?:it|this|that)\s+(?:still\s+|really\s+)?(?:a\s+)?(?:safe|good|wise|sensible|smart|bad)\s+(?:buy|purchase|investment|bet|thing\s+to\s+do)\b
      | \bwould\s+you\s+say\s+(?:is|are|was|were)\s+(?:the\s+)?(?:best|better|cheapest|safest|nicest|worst|most|least)\b
      # Its advice: "What would you advise?", "Which brand would you recommend?"; not what the documents recommend
      # doing ("What do you recommend I pack?").
      # What would work for the asker's own case: "Which would work better for me?", "Which of your varieties would
      # actually do well for me?", "is it even worth my while?"
      | \b(?:which|what)\b[^?.!]{0,50}?\b(?:work|do|suit|grow)\s+(?:better|best|well)\s+for\s+(?:me|us|him|her|my\s+\w+)\b
      | \bworth\s+(?:my|our|his|her)\s+while\b
      # Which of them someone would like best: "which would he enjoy more as a present?", "which one would suit her better?"
      | \bwhich(?:\s+one)?\s+(?:would|will)\s+(?:he|she|they|i|we|my\s+\w+)\s+(?:enjoy|like|prefer|love|want)\s+(?:more|most|better)\b
      | \bwhich(?:\s+one)?\s+(?:would|will)\s+suit\s+(?:him|her|them|me|us)\s+(?:better|best)\b
      | \bwhich(?:\s+\w+)?\s+(?:would|do|should|could)\s+you\s+(?:advise|recommend|suggest)\b
      | \bwhat\s+(?:would|do|should|could)\s+you\s+(?:advise|recommend|suggest)\b(?!\s+(?:that\s+)?(?:i|we)\s+(?:should\s+)?(?!do\b)[a-z]+\b)
      # The assistant put in the asker's place: "Which would you pick if you were me?", "What would you do in my
      # situation?", "What would you pick?"; its pick for the asker's case: "Would you recommend it for a small business
      # like mine?", or over another: "would you recommend it over the big-name systems?".
      | \bif\s+you\s+were\s+(?:me|us|him|her|them|in\s+my\s+shoes)\b | \bin\s+my\s+(?:shoes|position|situation)\b | \bwhat\s+would\s+you\s+do\b
      # ("Just tell me what you'd do.", "so just tell me what you'd buy", read with its contraction spelled out.)
      | \bwhat\s+you\s+would\s+(?:do|pick|choose|go\s+for|buy|get)\b
      # Its judgement of the asker's plan: "or is that a daft idea?"
      | \b(?:is|was)\s+(?:that|this|it)\s+(?:a\s+)?(?:daft|silly|stupid|mad|crazy|foolish)\s+idea\b(?!\s+to\b)
      | \b(?:what|which(?:\s+one)?)\s+would\s+you\s+(?:pick|choose|go\s+for)\b
      # Its opinion of what suits the asker: "Which do you think would suit me better?"
      | \b(?:do|would)\s+you\s+(?:think|reckon|say)\b[^?.!]{0,40}?\bsuits?\s+(?:me|us|him|her|my\s+\w+)\b
      | \bsuits?\s+(?:me|us)\s+(?:better|best|more)\b
      | \bwould\s+you\s+(?:personally\s+)?(?:recommend|suggest|advise|pick|choose|go\s+for|buy|get)\b[^?.!]{0,60}?
        (?:\bfor\s+(?:me|us|my\s+\w+|an?\s+\w+(?:\s+\w+)?\s+like)\b|\bor\b|\bover\b|\binstead\s+of\b)
      # Which choice is the better one for the asker: "Am I better off with the cheaper one?", "Which makes more sense for
      # someone like me?", "Should I sign up now or wait until spring?", "Is it a good idea for me to ...?"
      | \b(?:am\s+i|are\s+we|is\s+(?:he|she|my\s+\w+))\s+(?:really\s+|actually\s+)?better\s+off\b
      | \bmakes?\s+(?:more\s+|most\s+)?sense\s+for\s+(?:me|us|him|her|someone|people|an?\s+\w+\s+like)\b
      | \bshould\s+(?:i|we)\s+[^?.!]{1,60}?\bor\s+(?:should\s+(?:i|we)\s+)?(?:just\s+)?(?:wait|stay|keep|stick|leave|switch|give\s+up|hold\s+off|not\s+bother)\b
      | \b(?:a\s+)?(?:good|bad|wise|sensible)\s+idea\s+for\s+(?:me|us|my\s+\w+)\b
      # "would winter dipping be good for my health?", "Would it be sensible for me to ...?", "or should I stick to
      # something safer?", "am I daft to even think about it?"
      | \b(?:be|is|it's)\s+(?:really\s+)?(?:good|bad|safe|sensible|wise|right)\s+for\s+(?:me|us|my\s+(?:health|heart|knees?|back|age))\b
      | \bor\s+should\s+(?:i|we)\s+(?:just\s+)?(?:stick|stay|wait|keep|leave|give\s+up|not\s+bother|sell|buy|move|switch|quit|cancel)\b
      # "Which one should I buy?", "which should we get?", "Which model should I buy?": the asker's own pick among the
      # documents' things; "would either of them be safe for someone like me?"; "or is it good enough that I should
      # stick it out?"
      | \bwhich(?:\s+one|\s+of\s+them|\s+model|\s+brand|\s+make|\s+version|\s+edition)?\s+should\s+(?:i|we)\s+(?:buy|get|choose|pick|go\s+for)\b
      | \b(?:safe|suitable|right|ok|okay|sensible)\s+for\s+(?:someone|people)\s+like\s+(?:me|us)\b
      | \b(?:i|we)\s+should\s+(?:just\s+)?stick\s+it\s+out\b
      | \b(?:am\s+i|are\s+we)\s+(?:daft|mad|crazy|silly|stupid|foolish)\s+to\b
      # "or am I just being paranoid?", "or is it just my age?": the asker's own state of mind or body.
      | \b(?:am\s+i|are\s+we)\s+(?:just\s+)?being\s+(?:paranoid|silly|daft|stupid|unreasonable|dramatic|over-?cautious|fussy)\b
      | \bam\s+i\s+just\s+being\s+\w+ | \bor\s+is\s+it\s+just\s+(?:my|our)\s+\w+
      # Which is the safer or right course for the asker: "or would it be safer for me to wait?", "would Quillstone be
      # the right choice for me?", "worth it for a family like ours", "worth the money for my career", "will it sort my
      # back out for good?", "will it make me money?"
      | \bwould\s+it\s+be\s+(?:safer|better|wiser|best|smarter|kinder)\s+for\s+(?:me|us|him|her|my\s+\w+)\b
      | \bbe\s+the\s+right\s+(?:choice|option|one|tool|thing|place|course|move)\s+for\s+(?:me|us|him|her|my\s+\w+)\b
      | \bworth\b[^?]{0,40}?\bfor\s+(?:a|an)\s+\w+(?:\s+\w+)?\s+like\s+(?:ours|mine|us|me)\b
      | \bworth\s+(?:it|the\s+(?:extra\s+)?(?:money|extra|cost|price))\s+for\s+(?:my|our)\s+\w+
      | \bwill\s+it\s+(?:sort|fix|cure|solve|clear|heal)\b[^?]{0,30}?\b(?:my|our)\b | \bwill\s+it\s+make\s+(?:me|us)\s+(?:any\s+)?money\b
      # Its judgement of the asker's vote or chances: "How should I vote?", "Do you reckon my plot will pass the
      # inspection?" (Whether a pass is worth the money, a document may say: "it pays for itself after six visits".)
      | \b(?:how\s+)?should\s+(?:i|we)\s+vote\b | \bdo\s+you\s+(?:honestly\s+)?(?:think|reckon)\s+(?:i|we|my\s+\w+)\b""",
    re.I | re.X,
)

# The words that name a physical dimension in a question, and the dimension each names (answer_types.DIMENSIONS):
# "how tall", "what is the height".
MEASURE_ADJECTIVES = {
    **dict.fromkeys("tall high deep wide far thick".split(), "length"), "heavy": "mass", "fast": "speed",
    **dict.fromkeys("hot cold warm".split(), "temperature"), "powerful": "power", **dict.fromkeys("loud noisy quiet".split(), "sound"),
    **dict.fromkeys("damp humid".split(), "humidity"),
    # "How big are the locks?": a size is a length, an area, a volume or a weight ("72 feet long", "40 acres").
    **dict.fromkeys("big large small".split(), "size"),
}
MEASURE_NOUNS = {
    **dict.fromkeys("height length depth width distance diameter radius thickness elevation altitude rise span".split(), "length"),
    **dict.fromkeys("weight mass".split(), "mass"), **dict.fromkeys("speed velocity".split(), "speed"),
    "pressure": "pressure", "torque": "torque", "temperature": "temperature", "area": "area",
    **dict.fromkeys("volume capacity".split(), "volume"), **dict.fromkeys("wattage power".split(), "power"), "size": "size",
    **dict.fromkeys("noise loudness".split(), "sound"), "humidity": "humidity",
}
_MEASURE_NOUNS = "(" + "|".join(MEASURE_NOUNS) + ")"
_DURATION_NOUNS = "(duration|delay|lag|latency|wait|downtime|lifetime|lifespan)"
# The kind of fact a question asks for; a sentence without that kind of fact is not an answer.
# "What time does the café close?" asks a time of day ("at 4 pm"); not "what time of year".
WHAT_TIME = re.compile(r"\b(?:what|which)\s+times?\b(?!\s+of\b)", re.I)
# Contact details asked for: "what's the phone number for reception", "their email address", "the website".
CONTACT_ASKED = re.compile(
    r"\b(?:(?:tele)?phone|mobile|fax|contact|helpline|hotline|direct[\s-]+line|text|whatsapp)\s+numbers?\b"
    r"|\b(?:e-?mail|web(?:site)?|web\s+site|internet|postal)\s+address(?:es)?\b"
    # (A web address asked for by name: "what's the URL of the booking page", not "the URL object".)
    r"|\b(?:what|which)(?:['’]s|\s+is|\s+are)?\s+(?:the|their|his|her|its|your|our)?\s*(?:e-?mail|website|web\s+site|web\s+page|phone\s+no)\b"
    r"|\b(?:what|which)(?:['’]s|\s+is|\s+are)\s+(?:the|their|its|your|our)\s+url\s+(?:of|for)\b"
    r"|\bwhat\s+number\s+(?:do|should|can|could|would|shall)\s+(?:i|we|you|they|people)\s+(?:call|ring|phone|text|dial)\b",
    re.I,
)
_TYPE_PATTERNS = [
    # A contact detail is of its own kind: the "number" of "the phone number for reception" is no figure "9 am" gives.
    ("contact", CONTACT_ASKED),
    # "When" asks for a time where it opens the question or one of its clauses ("..., and when was it built?"), not
    # inside a clause ("what did the canal carry when it was working?", "did the effects last when ...?").
    # "When can I open it?" asks for a condition ("once it has cooled"), not a date.
    ("date", re.compile(r"(?:^\W*|[,;:]\s*|\b(?:and|but|or|so|since|until|till|know|tell\s+me|say|ask)\s+)when\b"
                        r"(?!\s+(?:can|could|should|must|may|might|do|does|shall)\s+(?:i|you|we|one)\b)"
                        r"|\b(what|which)\s+(?:year(?!\s+of\s+(?:the|a|an|my|our|your|its|their)\b)|date|month|day|decade)\b"
                        r"|\bhow\s+long\s+ago\b"
                        rf"|{WHAT_TIME.pattern}"
                        # A question put as a bare noun phrase: "year the lower deck was added", "date of the first
                        # crossing".
                        r"|^\W*(?:and\s+)?(?:the\s+)?(?:year|date)\s+(?:when\s+|that\s+|in\s+which\s+|of\s+)?(?:the|a|an|his|her|its|their)\b",
                        re.I)),
    # "What was the peak replication lag?" asks a span of time as "how long" does.
    ("duration", re.compile(r"\bhow\s+long\b|\bhow\s+old\s+(?:is|was|are|were|do|does|must|should|will)\b|\bfor\s+how\s+many\s+(days|weeks|months|years)\b"
                            rf"|^\W*(?:and\s+)?what\s+(?:is|was|are|were)\s+the\s+(?:\w+\s+){{0,2}}?{_DURATION_NOUNS}\b", re.I)),
    # A physical measure wants a figure with a unit of its dimension (answer_types.DIMENSIONS): a height in metres.
    ("measure", re.compile(rf"\bhow\s+({'|'.join(MEASURE_ADJECTIVES)})\b"
                           rf"|^\W*(?:and\s+)?what\s+(?:is|was|are|were)\s+the\s+(?:\w+\s+){{0,2}}?{_MEASURE_NOUNS}\b"
                           rf"|^\W*(?:and\s+)?(?:what|which)\s+(?:\w+\s+){{0,2}}?{_MEASURE_NOUNS}\s+(?:is|was|are|were|should|does|do|did|of|for|at)\b",
                           re.I)),
    # "What did it cost to conserve the clock?", "what do they charge for a tour?": a sum of money, as "how much" is.
    ("quantity", re.compile(r"\bhow\s+(many|much|often|low)\b"
                            r"|^\W*(?:and\s+)?what\s+(?:did|does|do|will|would|could)\s+(?:\w+\s+){1,12}?(cost|charge|pay)\b", re.I)),
    ("person", re.compile(r"^\W*(and\s+|but\s+|so\s+)?(who|whom|whose)\b|\bwho\s+(wrote|led|conducted|developed|funded|published|authored)\b", re.I)),
    # "Where in the body" asks for a part of something, not a place with a name.
    # "Where does the money come from?" asks who gives it, "where do the bubbles in beer come from?" what makes them: a
    # source, which may be no place.
    ("location", re.compile(r"^\W*(and\s+|but\s+|so\s+)?where\b(?!\s+(?:in|on|inside|within)\s+(?:the|a|an|your|my|our|their|its|his|her)\s+[a-z])"
                            r"(?![^?]{0,60}\b(?:come|comes|came|coming)\s+from\b)", re.I)),
]
# Nouns whose answer is a number, a date, or a proper name ("which hospital" needs the hospital's name).
QUANTITY_NOUNS = {"median", "mean", "average", "total", "maximum", "minimum", "percentage", "percent", "proportion", "share", "fraction", "number", "amount", "dose", "dosage", "rate",
                  "price", "cost", "count", "ratio", "odds", "probability", "figure", "statistic", "statistics", "size",
                  # What is paid: "what rent does the club pay", "what fee do members pay".
                  "rent", "fee", "fees", "fare", "fares", "salary", "wage", "wages", "deposit", "subscription", "toll",
                  "fine", "fines", "charge", "charges", "surcharge", "excess", "levy"}
DATE_NOUNS = {"year", "date", "month", "day", "decade", "century"}
NAME_NOUNS = {"hospital", "hospitals", "university", "universities", "institution", "institute", "clinic", "centre", "center",
              "journal", "journals", "magazine", "newspaper", "company", "companies", "firm", "sponsor", "funder", "agency",
              "state", "drug", "drugs", "medication", "protein", "proteins", "antigen",
              "antigens", "gene", "genes", "marker", "brand", "name", "names", "nickname", "nicknames", "researcher", "researchers", "scientist",
              "scientists", "doctor", "doctors", "author", "authors", "team", "lab", "laboratory", "organization",
              "organisation", "trial", "receptor", "target", "molecule", "compound", "vaccine", "product"}
# Nouns for a person by their role ("which engineer", "what is the name of the warden"): the answer names someone.
ROLE_NOUNS = {"engineer", "engineers", "manager", "managers", "director", "directors", "officer", "officers", "chair",
              "chairman", "chairwoman", "president", "secretary", "treasurer", "warden", "leader", "founder", "founders",
              "inventor", "designer", "architect", "builder", "editor", "captain", "coordinator", "mayor", "owner", "owners",
              "employee", "worker", "person", "people", "member", "members", "player", "artist", "writer", "chief"}
# Nouns whose answer is a place ("which town" needs the town).
PLACE_NOUNS = {"town", "towns", "village", "villages", "county", "counties", "region", "regions", "province", "provinces",
               "port", "ports", "island", "islands", "river", "rivers", "street", "place", "places", "location", "locations",
               "site", "sites", "continent", "harbour", "harbor", "district", "country", "countries", "city", "cities",
               "office", "offices", "building", "buildings", "station", "stations", "airport", "valley", "area", "areas"}
# A name with one of these words is a place or a body, not a person ("the River Brede", "the Old Corn Exchange").
NOT_A_PERSON = PLACE_NOUNS | {
    "museum", "gallery", "store", "hall", "farm", "school", "church", "chapel", "society", "trust", "council", "company", "lane",
    "quay", "square", "road", "bridge", "park", "lock", "canal", "railway", "house", "exchange", "inn", "shop", "market", "library",
    "club", "foundation", "fund", "ltd", "limited", "works", "mill", "reservoir", "tunnel", "hill", "lake", "college", "university",
    "viaduct", "aqueduct", "tower", "lighthouse", "cathedral", "minster", "abbey", "castle", "palace", "pier", "dam", "theatre",
    "hotel", "monument", "gate", "estate", "garden", "gardens", "clinic", "centre", "center", "hospital", "surgery", "practice",
    "group", "association", "partnership", "board", "agency", "authority", "department", "service", "services", "institute",
    "network", "partners", "cooperative", "co-operative", "union", "committee", "ministry", "bank", "studio", "studios",
    # Grounds, buildings and events: "Highfield Cemetery", "the Frostbite Series", "Brookside Way".
    "cemetery", "crematorium", "meadow", "orchard", "depot", "campsite", "rink", "stadium", "arena", "pavilion", "marina",
    "warehouse", "factory", "avenue", "crescent", "terrace", "way", "series", "festival", "championship", "championships",
    "regatta", "league", "trophy",
}
_WH_NOUN = re.compile(r"\b(?:what|which)\s+(?:(?:is|are|was|were)\s+(the|a|an)\s+)?(\w+)(?:\s+(\w+))?(?:\s+(\w+))?", re.I)
_AUX = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "should",
        "may", "might", "must", "kind", "type", "sort"}
# After "what is the X", these words show X is the thing asked for ("the name of ..."), not the subject of a verb.
_FOLLOW = {None, "of", "that", "for", "in", "on", "at", "which", "used", "behind", "involved", "mentioned", "named"}

_PRONOUN = re.compile(r"\b(it|its|they|them|their|theirs|this|that|these|those|he|she|him|her|his)\b", re.I)
_DETERMINER = re.compile(r"\b(?:this|that|these|those)\s+(?!(?:is|are|was|were|do|does|did|has|have|had|of|in|on|for|to|and|or|"
                         r"included|covered|allowed|needed|required|done|possible|true|free|open|ok|okay|enough|available|necessary|"
                         r"normal|safe|suitable|fine|worth|if|when|because|the|a|an)\b)[A-Za-z][\w-]*(?:\s+(?!(?:is|are|was|were|do|does|did|has|have|had|last|work|help|mean)\b)[a-z][\w-]*s\b)?", re.I)
_PERSONS = {"i", "we", "you", "one", "they", "people", "visitors", "members", "users", "customers", "guests", "patients"}
_WH_WORDS = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how"}
# Words that end a noun phrase: "that signal box have", "that data centre in".
_PHRASE_END = {"is", "are", "was", "were", "be", "been", "do", "does", "did", "has", "have", "had", "can", "could", "will",
               "would", "should", "may", "might", "must", "of", "in", "on", "at", "for", "to", "from", "with", "by", "and",
               "or", "but", "it", "its", "they", "their", "he", "she", "his", "her", "get", "need", "take", "make", "hold",
               "cost", "work", "last", "mean", "help", "use", "stay", "go", "come", "keep", "run", "open", "close"}
_BARE_WH = re.compile(
    r"^\W*(?:and|but|so|ok|okay)?\W*(?:(why|how|when|where|who)(?:\s+(?:so|not|exactly|then))?"
    # "Why so strict?", "Why is that?", "How come?": a bare why too.
    r"|(why)\s+(?:so\s+[a-z]+|(?:is|was)\s+(?:that|this|it)|'s\s+that|would\s+that\s+be)|(how)\s+come)\W*$",
    re.I,
)
_DESCRIBED_HOW = re.compile(
    r"\b(?:that|which)\s+(?:shows?|tells?|displays?|measures?|records?|tracks?|says?|counts?|logs?)\s+(?:you\s+|us\s+)?"
    r"(?:how|what|when|where|who|which)\b[^?,;]*", re.I)
_YES_NO = re.compile(r"^\W*(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should)\b", re.I)
# "who's that?", "who is this then?": who someone the last answer spoke of is.
_WHO_IS_THAT = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)*who(?:['’]s|\s+is|\s+was)\s+(?:that|this)(?:\s+then)?\W*$", re.I)


def _roles_told(answer: str) -> list[str]:
    """The roles an answer speaks of: "the bookings secretary", "our engineer" (up to two words before the role's noun),
    each once."""
    tokens = re.findall(r"[\w'’-]+", answer)
    found: list[str] = []
    for i, w in enumerate(tokens):
        if w.lower() not in ("the", "our", "your"):
            continue
        for j in range(i + 1, min(i + 4, len(tokens))):
            noun = tokens[j]
            if not noun.islower():
                break
            if noun in ROLE_NOUNS:
                phrase = " ".join(tokens[i + 1 : j + 1])
                if phrase not in found:
                    found.append(phrase)
                break
    return found


_BARE_FORMS = {"how": "How does {topic} work?", "when": "When was {topic}?", "who": "Who is behind {topic}?"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our", "your", "my"}
_BASE_VERBS = {"do", "work", "happen", "find", "show", "cause", "affect", "mean", "make", "use", "help", "lead", "start", "begin",
               "take", "get", "have", "go", "come", "treat", "involve", "compare", "change", "say", "report", "reveal", "look", "need",
               # Common verbs a subject may run into without a preposition after them: "did the library run at a loss".
               "run", "pay", "cost", "close", "open", "build", "sell", "buy", "spend", "earn", "win", "lose", "grow", "fall",
               "rise", "move", "end", "stop", "fail", "raise", "receive", "offer", "provide", "give", "keep", "hold", "plan",
               "decide", "choose", "join", "leave", "reach", "become", "create", "produce", "carry", "bring", "send",
               "replace", "fix", "repair", "cover", "include", "allow", "require", "support", "serve", "lend", "borrow",
               "hire", "charge", "visit", "attend", "meet", "agree", "approve", "launch", "release", "publish", "collect",
               "deliver", "order", "apply", "want", "try", "see", "know", "think", "feel", "learn", "teach"}
# Verbs that end a question without an object ("how long does it take", "how much does it cost", "when does it open").
_ENDING_VERBS = {"take", "work", "cost", "happen", "last", "mean", "start", "begin", "end", "finish", "close", "open", "run", "look", "change"}
_VERBS = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "should"}
_SUBORDINATORS = {"when", "after", "before", "if", "because", "while", "once", "since", "until", "as"}
_PLACE_PREPOSITIONS = {"at", "in", "on", "near", "inside", "outside", "around", "by", "from"}
_PARTICLES = {"out", "up", "off", "on", "over", "about", "for", "with", "into", "through", "down", "to"}
_PREPOSITIONS = {"before", "after", "by", "in", "on", "at", "for", "with", "to", "from", "during", "since", "into", "first",
                 "last", "there", "here", "again"}

_MODAL_START = re.compile(r"^\W*(?:should|must|may|might|shall)\s", re.I)  # "and should I book?" asks, as "and can I book?" does
_ELLIPSIS = re.compile(r"^\W*(?:and|what\s+about|how\s+about|and\s+what\s+about)\s+(.+?)\W*$", re.I)
# ANSI escape sequences (colours, cursor moves): control codes with printable tails, not words.
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
_WH_NOUN_AUX = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:what|which)\s+(?!(?:kinds?|types?|sorts?|is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b)"
    r"[a-z][\w'-]*\s+(?:[a-z][\w'-]*\s+)?(is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\s+(?=\S)",
    re.I,
)
_WH_AUX = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:what|who|which|how(?:\s+(?:often|long|far|soon|much|many|old|deep|tall|high|wide|big|large|small|"
    r"heavy|fast|hot|cold|warm|loud|thick|strong|early|late|[a-z]{3,}ly)"
    r"(?:\s+(?!(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b)\w+)?)?|why|when|where|whom|whose)?\s*"
    r"(?:(is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\s+)?",
    re.I,
)


@dataclass(frozen=True)
class Request:
    """What the question asks for: its kind, and whether it is a question about the documents at all."""

    text: str
    answer_type: str | None  # "quantity", "measure", "date", "duration", "person", "location", "name", "contact" or None
    focus: str | None  # the noun after "which"/"what", when it names the kind of thing asked for
    refusal: str | None  # "out_of_scope" or "injection" when the assistant must not try
    told: str = ""  # what the conversation's last answer said, when the question asks for something else
    said: str = ""  # what the conversation's last answer said (a follow-up seldom asks for it again)
    another: str = ""  # a follow-up asking the same of another ("And the other one?"): the question whose kind of fact it wants


def clean(question: str, max_chars: int) -> str:
    """Strip control characters and broken Unicode; raise `InvalidQuestion` for empty or overlong input."""
    if not isinstance(question, str):
        raise InvalidQuestion("The question must be text.")
    text = question.encode("utf-8", "ignore").decode("utf-8")  # lone surrogates from broken input are dropped
    text = _TERMINAL_ESCAPE.sub("", text)  # pasted terminal colours would otherwise leave words like "[31m"
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co") else ch for ch in text)
    text = " ".join(text.split())
    if not text:
        raise InvalidQuestion("Please type a question.")
    if len(text) > max_chars:
        raise InvalidQuestion(f"The question is {len(text):,} characters long; please keep it under {max_chars:,} characters.")
    return text


# "Which year of the rotation" asks a place in a sequence ("Year 2: peas and beans"), not a time.
_SEQUENCE_YEAR = re.compile(r"\b(?:what|which)\s+year\s+of\s+(?:the|a|an|my|our|your|its|their)\b", re.I)
_CONTRACTIONS = re.compile(r"\b(what|who|where|when|how|which|that|it)['’]s\b", re.I)
# "whats the curfew", "hows it made": the apostrophe left out ("its" is a word of its own).
_MISSING_APOSTROPHE = re.compile(r"\b(what|where|when|how|who|that|there)s\b", re.I)


def _expanded(question: str) -> str:
    """"What's the name" asks as "What is the name" does."""
    return _CONTRACTIONS.sub(lambda m: m.group(1) + " is", question)
# A name asked for by a possessive: "What was John Dunlop's son's name?"
_POSSESSIVE_NAME = re.compile(r"^\W*(?:and\s+)?what\s+(?:is|was|are|were)\s+[^?]*['’]s\s+(?:\w+\s+)?names?\W*$", re.I)
# A second question in the same sentence ("Who signed it off, and when?", "How many ..., and how much ...?"): its
# answer may be of another kind, so no one kind decides which sentences answer.
_SECOND_ASK = re.compile(
    r"(?:,\s*|\s)(?:and|or)\s+(?:(?:since|until|till|by|from|at|in|on|for|to|between)\s+)?"
    r"(?:when|where|who|whom|whose|which|what|why|how(?:\s+(?:many|much|long|far|often))?)\b"
    # "When was it made, and does it have a dial?": a yes/no ask about what the first asked of.
    # (Or about what the asker may do, or another thing it names: "..., and can I pay cash there?", "..., and are the
    # boys and girls kept apart?"; "how much is it and is there a joining fee on top".)
    r"|,\s*(?:and|or)\s+(?=(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|must)\s+"
    r"(?:it|they|he|she|this|that|these|those|its|their|there|i|we|you|my|our|your|the|a|an|someone|anyone|people)\b)"
    r"|\s(?:and|or)\s+(?=(?:is|are|was|were|does|do|did|can|could|will|would|should|must)\s+"
    r"(?:it|they|he|she|this|that|these|those|its|their|there|i|we|you|my|our|your|the|someone|anyone|people)\b)"
    # After a comma, of things it names without an article: "..., and do regular traders get any discount?".
    r"|,\s*(?:and|or)\s+(?=(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|must)\s+"
    r"(?!(?:also|still|then|now|later|not|never|always|often|usually|just|only|so)\b)[a-z]+\b(?<!ed)(?<!ly)\s+[a-z])",
    re.I,
)


_ASK_START = re.compile(r"^\W*(?:(?:since|until|till|by|from|at|in|on|for|to|between)\s+)?(?:when|where|who|whom|whose|which|what|why|how)\b"
                        r"|^\W*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would)\s", re.I)
_WH_HEAD = re.compile(r"^\W*(?:(?:what|which)\s+(?:[a-z]+\s+){0,2}?(?:is|are|was|were|do|does|did|has|have|had|can|will|would|should)\b"
                      r"|(?:who|what|where|when|why|how)(?:\s+(?:many|much|long|far|often|big|old))?\s+(?:is|are|was|were|do|does|did|has|have|had|can|will|would|should)?\b"
                      r"|(?:who|what|which|where|when|why|how)\b)", re.I)
_PART_PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "this", "that", "these", "those"}
# A pronoun in a second ask; not a time ("after that", "since then"), which points at no thing.
_PART_PRONOUN = re.compile(r"(?<!\bafter\s)(?<!\bbefore\s)(?<!\bsince\s)(?<!\buntil\s)\b(?:it|its|they|them|their|he|him|his|she|her|this|that|these|those)\b", re.I)
_PART_FUNCTION = _PART_PRONOUNS | {
    "when", "where", "who", "whom", "whose", "which", "what", "why", "how", "many", "much", "long", "far", "often",
    "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "will", "would", "should",
    "since", "until", "till", "by", "from", "at", "in", "on", "for", "to", "of", "a", "an", "the",
}


_TWO_QUESTION_WORDS = re.compile(r"^\W*(when|where|who|what\s+time|how\s+much|how\s+long)\s+(?:and|or)\s+(when|where|who|what\s+time|how\s+much|how\s+long)\s+(\w.*)$", re.I)


def _second_ask(plain: str) -> re.Match | None:
    """Where a second ask begins, after a first that asks too ("Who signed it off, and when?"); not after a question word
    alone: "When and where is the AGM, and how much warning ...?" asks first when and where the AGM is."""
    for match in _SECOND_ASK.finditer(plain):
        before = plain[: match.start()]
        if not re.search(r"[a-z]", re.sub(r"\b(?:what|who|which|where|when|how|why|and|or)\b", "", before, flags=re.I), re.I):
            continue
        return match if re.search(r"\b(?:what|who|which|where|when|how|why)\b", before, re.I) else None
    return None


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"“'‘(])")


def _question_first(text: str) -> str:
    """What the user said before asking, after the question: "I live in Netherby. How do I get hold of a book?" is read
    as "How do I get hold of a book? I live in Netherby.", so the question's form and the kind of fact it asks are
    read from the question, and the words of what came before still count."""
    pieces = _SENTENCE_END.split(text.strip())
    if len(pieces) < 2 or not pieces[-1].rstrip().endswith("?") or any(p.rstrip().endswith("?") for p in pieces[:-1]):
        return text
    return " ".join([pieces[-1], *pieces[:-1]])


def parts(question: str) -> list[str]:
    """The asks of a question, each a question of its own: "Who signed off on this write-up, and when?" -> "Who signed
    off on this write-up?", "When ... signed off on this write-up?". A short second ask borrows the first's words
    (what it asks about); a longer one stands as it is. One ask: the question itself."""
    plain = _expanded(question).strip()
    both = _TWO_QUESTION_WORDS.match(plain)
    if both:
        # "When and where is the AGM, and how much warning ...?": when the AGM is, where it is, and the rest.
        rest = [ask if ask.rstrip().endswith("?") else ask.rstrip(" .") + "?" for ask in parts(f"{both.group(2)} {both.group(3)}")]
        rest[0] = rest[0][0].upper() + rest[0][1:]
        return [both.group(1).capitalize() + rest[0][len(both.group(2)) :], *rest][:3]
    asked = [p for p in _SENTENCE_END.split(plain) if p.rstrip().endswith("?")]
    if len(asked) > 1 and len(asked) == len(_SENTENCE_END.split(plain)):
        # "How much is the membership per year? Is there a discount for pensioners?": each question of its own.
        return asked[:3]
    match = _second_ask(plain)
    if not match:
        return [question]
    first = plain[: match.start()].rstrip(" ,;?") + "?"
    second = re.sub(r"^\W*(?:and|or)\s+", "", plain[match.start():].strip(" ,;"), flags=re.I).rstrip(" ?.") + "?"
    if not _ASK_START.match(second) or re.search(r"\bbetween\b", first, re.I):
        return [question]  # "the shortfall between what it spent and what it earned" is one ask
    own = [w for w in words(second) if w.lower() not in _PART_FUNCTION]
    pronoun = _PART_PRONOUN.search(second)
    if pronoun and _PERSONAL.fullmatch(pronoun.group(0)) and re.match(r"^\W*who\b", first, re.I):
        return [first, second[0].upper() + second[1:]]  # "Who designed it, and what did he use?": he is the answer
    if pronoun and pronoun.group(0).lower() in ("they", "them") and re.match(r"^\W*who\s+(?!is|are|was|were)\w", first, re.I):
        # "Who founded the station, and what did each of them do?": they are those who founded it.
        who = _those_who(first)
        second = second[: pronoun.start()] + who + second[pronoun.end() :]
        return [first, second[0].upper() + second[1:]]
    topic = (_asked_thing(first, _plural_pronoun(pronoun.group(0))) or topic_of(first)) if pronoun else ""
    lead = next((w.lower() for w in topic.split() if w.lower() not in ("the", "a", "an")), "")
    if lead in _PERSONS | _NO_THING or _participle(lead):
        # "How much moorland burned": no thing ("burned", "I", "in the changing village") to stand for the pronoun.
        topic = ""
    if pronoun and not topic and re.search(rf"\b{re.escape(pronoun.group(0))}\b", first, re.I):
        # "how many times does it retry ..., and how long does it wait?": the same pronoun, what the chat was asked about
        return [first, second[0].upper() + second[1:]]
    if topic:
        # "What are the pylons made of, and how tall are they?": the pronoun stands for what the first ask is about.
        second = second[: pronoun.start()] + _substitute(pronoun.group(0), topic, second[pronoun.end() :]) + second[pronoun.end() :]
    elif len(own) <= 1 or pronoun:
        # "and when?" (or a pronoun where the first ask names no topic): of what the first ask is about, whose words
        # (after its question word) it borrows.
        # ("When and where did the guild ring its first peal, and how long did it take?": of the guild's first peal.)
        body = _WH_HEAD.sub("", re.sub(r"^\W*(?:when|where|who|what|which|how|why)\s+(?:and|or)\s+", "", first, flags=re.I), count=1).strip(" ?")
        kept = " ".join(w for w in second.rstrip(" ?").split() if w.lower().strip(",.") not in _PART_PRONOUNS or len(own) > 1)
        second = f"{kept} {body}?"
    return [first, second[0].upper() + second[1:]]


# "How many mills ...", "What tickets ...": the things the question counts or picks.
_COUNTED_THING = re.compile(
    r"^\W*(?:how\s+(?:many|much)|which|what)\s+((?:[a-z][\w'’-]*\s+){0,2}?[a-z][\w'’-]*)\s+"
    r"(?=(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|there)\b|[a-z]+ed\b)",
    re.I,
)


# Words that open no name of a thing: a preposition ("in the changing village"), a question word ("when").
_NO_THING = {"in", "on", "at", "to", "from", "by", "for", "with", "into", "during", "since", "before", "after", "near",
             "when", "where", "who", "why", "how", "what", "which"}


def _plural_pronoun(pronoun: str) -> bool:
    return pronoun.lower() in ("they", "them", "their", "these", "those")


def _asked_thing(question: str, plural: bool) -> str | None:
    """What a first ask counts or picks ("how many mills", "what tickets"), for a plural pronoun in the second ("and
    when were they built?", "and how much are they?")."""
    match = _COUNTED_THING.match(question) if plural else None
    if not match or any(w.lower() in _PART_FUNCTION | STOPWORDS for w in match.group(1).split()) or not _plural(match.group(1)):
        # (Only many things: "it" after "How much water does the engine hold?" is the engine, after "Which floor is
        # the gallery on?" the gallery; the question's topic says which.)
        return None
    # With the named place the first ask counts them at: "How many plots are there at Brook Lane, and were any of them
    # empty?" asks of the plots at Brook Lane, not of those at the other site.
    place = _NAMED_PLACE_AT_END.search(question)
    return f"the {match.group(1)} {place.group(1)}" if place else f"the {match.group(1)}"


_NAMED_PLACE_AT_END = re.compile(r"\b((?:at|in|on)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\W*$")


# "you'd", "we'll": the forms the scope rules are written in ("what would you do") spelled out.
_MODAL_CONTRACTIONS = re.compile(r"\b(i|you|we|he|she|they)['’](d|ll)\b", re.I)
_SPELLED_MODAL = {"d": "would", "ll": "will"}


def _asks(pattern: re.Pattern, question: str) -> bool:
    """Does the question ask this kind of fact itself, not inside an indirect question ("How does it decide how hot
    the water should be?" asks how it decides)?"""
    return any(not _INDIRECT.search(question[: m.start()]) for m in pattern.finditer(question))


# A verb that takes an indirect question: what follows it is what is decided or known, not what is asked.
_INDIRECT = re.compile(r"\b(?:decide|decides|decided|determine|determines|determined|choose|chooses|chose|calculate|calculates|"
                       r"work\s+out|works\s+out|judge|judges|set|sets|control|controls)\s+$", re.I)


def analyse(question: str) -> Request:
    personal = bool(_MY_SITUATION.search(question) and _ASKS_ADVICE.search(question) and not _WHICH_OF_THEM.search(question))
    # A choice between two courses of the asker's life, after their story: "I've just been offered a paid weekend job
    # ... Should I take it and give up volunteering, or try to squeeze both in somehow?"
    personal = personal or bool(_OWN_STORY.search(question) and _SHOULD_OR.search(question))
    # Or a judgement of the plan the story tells: "I'm thinking of quitting my office job to make furniture full time
    # ... Is that a sensible move?"
    personal = personal or bool(_OWN_STORY.search(question) and _JUDGE_PLAN.search(question))
    scoped = _MODAL_CONTRACTIONS.sub(lambda m: f"{m.group(1)} {_SPELLED_MODAL[m.group(2).lower()]}", question)
    refusal = "injection" if _INJECTION.search(question) else "out_of_scope" if _OUT_OF_SCOPE.search(scoped) or personal else None
    question = _MISSING_APOSTROPHE.sub(lambda m: m.group(1) + "'s", _question_first(question))  # "whats" is "what's"
    plain = _expanded(question)
    # "Why is there a cap on how much can be withdrawn?" asks a reason; the "how much" inside it is part of what it asks
    # about (a second ask, "..., and how much?", is read as its own question by `parts`).
    # "Do the boats have a gadget that shows how fast the crew is going?" asks whether there is one: the "how fast"
    # describes the gadget.
    typed = _DESCRIBED_HOW.sub("", plain) if _YES_NO.match(plain) else plain
    answer_type = None if question_form(plain) == "why" else next((name for name, pattern in _TYPE_PATTERNS if _asks(pattern, typed)), None)
    focus = _focus(plain)
    if _second_ask(plain):
        # Two asks in one question: a sentence may give either kind of fact; what it gives is weighed, not required.
        return Request(question, None, focus, refusal)
    if _POSSESSIVE_NAME.match(plain):
        answer_type = answer_type or "name"
    if focus in ROLE_NOUNS:
        answer_type = answer_type or "person"
    elif focus in QUANTITY_NOUNS:
        answer_type = answer_type or "quantity"
    elif focus in DATE_NOUNS and not _SEQUENCE_YEAR.search(plain):
        answer_type = answer_type or "date"
    elif focus in PLACE_NOUNS:
        answer_type = answer_type or "location"
    elif focus in NAME_NOUNS:
        answer_type = answer_type or "name"
    return Request(question, answer_type, focus, refusal)


# Verbs that carry little of what a question is about ("how low did it get", "how much did it take in").
_LIGHT_VERBS = {"get", "gets", "got", "take", "takes", "took", "make", "makes", "made", "go", "goes", "went", "come", "came",
                "keep", "kept", "put", "need", "needs", "needed", "use", "used", "happen", "happened", "exist", "exists"}


_MEANS = re.compile(r"\bwhat\s+(?:does|do|did|is\s+meant\s+by|'s\s+meant\s+by)\b.*?\b(mean|means|stand\s+for|refer\s+to|signify)\b", re.I)
_WHICH_ONE = "last|first|final|next|latest|earliest|closing|opening|start|starting|end|ending"
_LASTS = re.compile(r"\bhow\s+long\b.*?\b(last|lasts|lasted)\b", re.I)
_KIND_OF = re.compile(r"\b(?:what|which)\s+(kinds?|types?|sorts?)\s+of\b", re.I)


def form_words(question: str) -> set[str]:
    """The words that say what kind of fact a question asks, not what it is about: "how much", "on what day", the
    focus noun ("which hospital"), and light verbs ("how low did it get")."""
    question = _expanded(question)
    out = {w.lower() for name, pattern in _TYPE_PATTERNS for m in pattern.finditer(question) for w in _asking_part(name, m.group(0))}
    focus = _focus(question)
    if focus:
        out.add(focus)
    out |= {w.lower() for w in re.findall(r"[A-Za-z]+", question) if w.lower() in _LIGHT_VERBS}
    # "How long do public links last?": lasting is what a span of time is asked of ("expire after 30 days" answers).
    out |= {m.group(1).lower() for m in _LASTS.finditer(question)}
    out |= {m.group(1).lower() for m in _KIND_OF.finditer(question)}  # "what kind of patients": the patients are asked about
    # "What does RH mean?", "what does VWR stand for?": the verb asks for a definition; "the last day", "the first
    # date": the word before the asked-for noun says which one.
    out |= {w.lower() for m in _MEANS.finditer(question) for w in m.group(1).split()}
    if focus:
        out |= {m.group(1).lower() for m in re.finditer(rf"\b({_WHICH_ONE})\s+{re.escape(focus)}\b", question, re.I)}
    return out


def _asking_part(kind: str, matched: str) -> list[str]:
    """The words of a type pattern's match that ask: in "what was the peak replication lag" the words between "the"
    and the noun ("peak replication") say what it is about, and "lag" what kind of fact is asked."""
    found = re.findall(r"[A-Za-z]+", matched)
    lowered = [w.lower() for w in found]
    if kind in ("duration", "measure") and "the" in lowered and lowered[0] in ("what", "which", "and"):
        cut = lowered.index("the") + 1
        return found[:cut] + found[-1:]
    return found


def _focus(question: str) -> str | None:
    """The noun that says what kind of thing is asked for: "which hospital", "what is the name of"."""
    match = _WH_NOUN.search(question)
    if not match:
        return None
    determiner, *rest = match.groups()
    rest = [w.lower() if w else None for w in rest] + [None]
    if rest[0] in _AUX:
        return None
    for noun, after in ((rest[0], rest[1]), (rest[1], rest[2])):
        if noun in QUANTITY_NOUNS or noun in DATE_NOUNS:
            return noun
        if (noun in NAME_NOUNS or noun in PLACE_NOUNS or noun in ROLE_NOUNS) and (not determiner or after in _FOLLOW):
            return noun
    return None


def standalone(
    question: str, history: list[dict] | None, sibling: Callable[[str, frozenset[str]], str | None] | None = None,
    counterpart: Callable[[str], str | None] | None = None, named_with: Callable[[str], Sequence[str]] | None = None,
    pairs: Callable[[], Sequence[tuple[str, str, str]]] | None = None,
) -> str:
    """Rewrite a follow-up so it stands alone ("And how has it been treated?" -> "... glioblastoma ..."). `sibling(noun,
    words)` names the kind of a noun the documents speak of, other than any of `words` ("learner pool" for "pool"
    beside "main"): "the other pool" is that one; `sibling(noun, words, label)` the noun with the one other label the
    documents give it ("Studio B" for "studio" beside "A"). `counterpart(name)` names the one name the documents set
    beside a name ("Home" beside "Pro"): "the other one" after a question about the Pro is the Home. `named_with(noun)`
    gives the names written in the documents' sentences that speak of a noun: "the other dentist" after a question
    about Dr Ramsay is the one other person named with dentists. `pairs()` gives the documents' sections that hold
    two of their own, as (title, first, second): "the other one" after a question naming one is the other."""
    # "And the bed itself, how much is that?": the pronoun points to the thing put before the question.
    dislocated = _DISLOCATED.match(question)
    if dislocated and _POINTER.search(dislocated.group(2)) and not _CLAUSE_VERB.search(dislocated.group(1)):
        topic = dislocated.group(1)
        one = _ONES.search(topic)
        asked = [m["content"] for m in (history or []) if m.get("role") == "user" and str(m.get("content", "")).strip()]
        # ("and the other one? where is that?" keeps "the other one", which the rules for another of two then read.)
        head = (topic_of(asked[-1]) or "").split()[-1:] if asked and one and not _OTHER.search(topic) else []
        if head:
            # "And the old slow ones? How often do they get cleaned?" after a question about "rapid gravity filters":
            # "ones" is the filters.
            noun = head[0] if one.group(0).lower() == "one" or _plural(head[0]) else head[0] + "s"
            topic = topic[: one.start()] + noun
        rest = _POINTER.sub(topic[:1].lower() + topic[1:], dislocated.group(2), count=1)
        question = rest[:1].upper() + rest[1:]
    previous = [m["content"] for m in (history or []) if m.get("role") == "user" and str(m.get("content", "")).strip()]
    if not previous:
        return question
    # "while that's going on": "that is", so the pronoun can give way to what it stands for without a stray "'s".
    question = _POINTER_CONTRACTED.sub(lambda m: f"{m.group(1)} {'has' if m.group(2) else 'is'}", question)
    if _WHO_IS_THAT.match(question):
        # "who's that then?" after an answer that sends the asker to "the bookings secretary": who the bookings
        # secretary is. With no one role in the answer the question is left as asked.
        roles = _roles_told(_last_answer(history or []))
        return f"Who is the {roles[0]}?" if len(roles) == 1 else question
    own_who = _OWN_WHO.match(question)
    if own_who and _ANYONES.search(own_who.group(2)) and not _PRONOUN.search(own_who.group(1)):
        # "and who runs the one over at brannock green? what's their name": "their" is whoever the question's own "who"
        # asks for, not someone the conversation named.
        first = standalone(own_who.group(1), history, sibling, counterpart, named_with, pairs)
        return f"{first} {own_who.group(2)}"
    role = _OTHER.search(question)
    holder = _other_holder(role.group(1), previous[-1], _last_answer(history or []), named_with) if role and named_with is not None else None
    if holder:
        # "And the other dentist?" after "Which days does Dr Ramsay work?": the same of the one other person the
        # documents name with dentists; "And the other conservator? What does he work on?": he is that person.
        person, other_person = holder
        own = re.match(r"^[^?]*\?\s*(\S.*)$", question)
        if own and _PERSONAL.search(own.group(1)):
            rest = _PERSONAL.sub(lambda m: _substitute(m.group(0), other_person, m.string[m.end() :]), own.group(1), count=1)
            return rest[:1].upper() + rest[1:]
        if person in previous[-1] and not _asks_on_its_own(question):
            return previous[-1].strip().replace(person, other_person, 1)
    pair = other_of_pair(previous[-1], pairs(), role.group(1)) if role and pairs is not None else None
    if not pair and role and pairs is not None and _asks_on_its_own(question):
        # "Why not the other one?" after "Which telescope do you use to look at the Sun?", answered with the one.
        pair = other_of_pair(_last_answer(history or []), pairs(), role.group(1))
    if pair:
        # "And the other one?" after "How many coaches can Lady Ursula pull?", where the documents set "No. 4 Lady
        # Ursula" and "No. 11 Brackenfell" side by side under "Our two locomotives": the same of Brackenfell.
        asked, named, article = pair
        if not _asks_on_its_own(question):
            context = _resolved_context(previous)
            base = context if re.search(re.escape(asked), context, re.I) else previous[-1].strip()
            return re.sub(re.escape(asked), lambda m: named, base, count=1, flags=re.I)
        # "and who leads the other site?" after "Who is in charge at Haddon Fen?": "... Kettle Point?"
        question = question[: role.start()] + article + named + question[role.end() :]
    # "he", "she", "his", "her" after "Who ...?" (or "Which locomotive ...?") mean the one the answer named, not the
    # question's topic.
    # "it" and "its" after "Which lighthouse was moved inland?" mean the one the answer named, too.
    pointing = _PERSONAL if _PERSONAL.search(question) else _THING if _THING.search(question) else None
    person = pointing is not None and _person_answered(history or [], which_only=pointing is _THING)
    if not person and pointing is _PERSONAL and not _PERSON_TOPIC.match(topic_of(previous[-1]) or ""):
        # "who was he?" after "Do you still put in dental implants?", answered "Dr Maddox stayed on ... until he retired":
        # the one person the answer names, not the implants.
        person = _one_person_told(_last_answer(history or []))
    if not person and pointing is _THING:
        # "who runs it over there?" after "Do you have anywhere else apart from the Bridge Street shop?", answered "Our
        # stall is stall 31 in Harrowden Market Hall ...": "it" is the stall the answer brought in, and "over there"
        # where it is.
        person = _introduced(history or [])
        if person:
            question = _OVER_THERE.sub("", question)
    if person and pointing is _PERSONAL and _other_gender(_PERSONAL.search(question).group(0), _last_answer(history or [])):
        # "What does he work on?" after an answer about Margaret Oduya, who "specialises in parchment": not her.
        person = None
    if person:
        resolved = re.sub(r"^\W*(and|so|but)\s+", "", question, flags=re.I)
        resolved = pointing.sub(lambda m: _substitute(m.group(0), person, m.string[m.end() :]), resolved, count=1)
        return resolved[:1].upper() + resolved[1:]
    they = _THEY.search(question)
    done_to = _PHRASE_TAIL.split(_OUT_OF.split(topic_of(previous[-1]) or "", maxsplit=1)[0], maxsplit=1)[0]
    if they and they.group(0).lower() == "them" and _WHO_ASKED.match(previous[-1]) and _plural(done_to) and len(done_to.split()) <= 3:
        # "where were most of them planted?" after "Who smuggled tea plants out of China?": them are the tea plants.
        resolved = re.sub(r"^\W*(and|so|but)\s+", "", question[: they.start()] + "the " + done_to + question[they.end() :], flags=re.I)
        return resolved[:1].upper() + resolved[1:]
    theirs = _THEIR_THING.search(question)
    if theirs and not they and _WHO_ASKED.match(previous[-1]):
        # "ok, and what are their names?" after "Who leads the saltmarsh walk?": the names of those who lead it.
        who = _those_who(previous[-1])
        resolved = question[: theirs.start()] + f"the {theirs.group(1)} of {who}" + question[theirs.end() :]
        resolved = re.sub(r"^\W*(?:(?:ok|okay|right)\W+)?(?:and|so|but)?\s*", "", resolved, flags=re.I)
        return resolved[:1].upper() + resolved[1:]
    if they and _WHO_ASKED.match(previous[-1]):
        # "And how long did they stay in charge?" after "Who set up the club?": they are those who set it up.
        who = _those_who(previous[-1])
        resolved = re.sub(r"^\W*(and|so|but)\s+", "", question[: they.start()] + who + question[they.end() :], flags=re.I)
        return resolved[:1].upper() + resolved[1:]
    context = _resolved_context(previous)
    other = _OTHER.search(question)
    if other and sibling is not None:
        # "And the other pool?" after "How deep is the main pool?": the pool the documents name that the last question
        # did not; "the other one" is another of what the last question was about.
        noun = other.group(1)
        series = _SERIES_NAME.search(previous[-1]) if noun.lower() in ("one", "ones") else None
        if series:
            # "And the other one?" after "How much water does the Kestrel 12's tank hold?": the other of the series.
            noun = series.group(1)
        elif noun.lower() in ("one", "ones"):
            # The head of the topic's noun phrase: "photography permit" of "photography permit for one day".
            head = _PHRASE_TAIL.split(topic_of(previous[-1]) or "", maxsplit=1)[0].split()[-1:]
            noun = head[0] if head else ""
        # Only where the last question named one kind of it ("the main pool"): "the other show" after "When is Journey
        # to the Planets shown?" is no kind of show the documents' words tell.
        kinds = [m.group(1) for m in re.finditer(rf"\b([A-Za-z][\w'’-]*)\s+{re.escape(noun)}\b", previous[-1], re.I)] if noun else []
        kinds = [k for k in kinds if k.lower() not in STOPWORDS]
        # Or one it labelled: "the other studio" after "What kit is in Studio A?" is the studio with another label.
        labels = [m.group(1) for m in re.finditer(rf"\b(?i:{re.escape(noun)})\s+([A-Z]|\d{{1,3}})\b(?![\w.,]\w)", previous[-1])] if noun else []
        which = re.match(r"^\W*(?:which|what)\s+([a-z]{3,})\b", previous[-1], re.I)
        if not labels and which and other.group(1).lower() in ("one", "ones"):
            # Or the answer labelled what the question asked to pick: "And how deep would the other one leave things?"
            # after "Which option is the board leaning towards?", answered with Option 1, asks of Option 2.
            told = re.findall(rf"\b(?i:{re.escape(which.group(1))})\s+([A-Z]|\d{{1,3}})\b(?![\w.,]\w)", _last_answer(history or []))
            if len(set(told)) == 1:
                noun, labels = which.group(1), told[:1]
        if labels:
            named = sibling(noun, frozenset(), labels[0])
        else:
            named = sibling(noun, frozenset(w.lower() for w in words(previous[-1]))) if kinds else None
        if named and labels and not _asks_on_its_own(question):
            # "what about the other mix?" after "How much more barley did they get after Mix A?": the same of Mix B,
            # not Mix B put in the place of the barley.
            labelled = re.compile(rf"\b(?i:{re.escape(noun)})\s+{re.escape(labels[0])}\b(?![\w.,]\w)")
            base = context if labelled.search(context) else previous[-1].strip()
            return labelled.sub(lambda m: named, base, count=1)
        if named:
            question = question[: other.start()] + ("" if labels else "the ") + named + question[other.end() :]
        elif counterpart is not None and not series:
            # "And the other one?" after "What kind of burrs does the Pro have?": the one name the documents set beside
            # the Pro ("on the Home and ... on the Pro") is the Home, asked the same.
            paired = [(run, found) for run in capitalised_runs(previous[-1]) if (found := counterpart(run.split()[0]))]
            if len(paired) == 1 and paired[0][0] in context and not _asks_on_its_own(question):
                # (Not where the follow-up asks on its own terms: "and the other one, how big is its hopper?".)
                run, found = paired[0]
                return re.sub(rf"\b(?:the\s+)?{re.escape(run)}\b", lambda m: m.group(0)[: len(m.group(0)) - len(run)] + found, context, count=1)
    return _resolve(question, context, _last_answer(history or []))


# A heading's label before its name: "No. 4" of "No. 4 Lady Ursula", "3." of "3. The vans".
_HEADING_LABEL = re.compile(r"^(?:no\.?\s*\d+|\d+(?:\.\d+)*[.)]?)\s+", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|our)\s+", re.I)


def word_in(text: str, phrase: str) -> re.Match | None:
    """Where the phrase stands in the text as words of their own, in any case ("indoor pool", not "indoor pools")."""
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, re.I)


def _heading_forms(title: str) -> list[tuple[str, str]]:
    """The ways a question may name what a heading names, each with the article the heading gives it: "The town
    surgery, Pellbridge" -> ("the ", "town surgery, Pellbridge"), ("the ", "town surgery"), ("", "Pellbridge")."""
    whole = title.strip().rstrip(":?.")
    forms = []
    for part in [whole, *re.split(r"\s*[,:(]\s*|\)", whole)]:
        part = _HEADING_LABEL.sub("", part.strip(" )"))
        article = _LEADING_ARTICLE.match(part)
        name = part[article.end() :] if article else part
        forms.append(("the " if article else "", name) if content_terms(name) else ("", ""))
    return forms


def named_of_pairs(question: str, pairs: Sequence[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """For each pair of sections set side by side (title, first, second) of which the question names one and not the
    other: (the words that name it, the other's heading). "How many litres does the indoor pool hold?" of "The two
    pools" over "The indoor pool" and "The outdoor pool": ("indoor pool", "The outdoor pool")."""
    out = []
    for _, *titles in pairs:
        spots = [[m.group(0) for _, name in _heading_forms(title) if name and (m := word_in(question, name))] for title in titles]
        if bool(spots[0]) != bool(spots[1]):
            side = 0 if spots[0] else 1
            # (Nor a word of the other's own: "Why isn't the welfare officer one of the coaches?" speaks of both "Our
            # coaches" and "Safeguarding and the welfare officer".)
            own = set(content_terms(titles[1 - side])) - set(content_terms(titles[side]))
            if not own & set(content_terms(question)):
                out.append((max(spots[side], key=len), titles[1 - side]))
    return out


def other_of_pair(asked: str, pairs: Sequence[tuple[str, str, str]], noun: str) -> tuple[str, str, str] | None:
    """For "the other one" (or "the other <noun>") after a question naming one of two sections the documents set
    side by side under one heading ("Our two locomotives": "No. 4 Lady Ursula", "No. 11 Brackenfell"): (the words of
    the question that name it, the other's name, the article the other's heading gives it). None when the question
    names neither, or both, or when sections disagree on which is the other."""
    wanted = None if noun.lower() in ("one", "ones") else set(content_terms(noun))
    if wanted:
        # "the other pool": two sections of pools ("The two pools") before two of anything else, which may still be
        # pools by name ("the other show": "Tonight's Sky" beside "Journey to the Planets").
        named = [pair for pair in pairs if wanted <= set(content_terms(" ".join(pair)))]
        return (named and other_of_pair(asked, named, "one")) or other_of_pair(asked, [p for p in pairs if p not in named], "one")
    found: list[tuple[str, str, str]] = []
    for parent, *titles in pairs:
        forms = [_heading_forms(title) for title in titles]
        for side in (0, 1):
            own, other = forms[side], forms[1 - side]
            for i, (_, name) in enumerate(own):
                spot = word_in(asked, name) if name else None
                if not spot:
                    continue
                article, counterpart = other[i] if i < len(other) and other[i][1] else other[0]
                if not counterpart or word_in(asked, counterpart):
                    continue  # both named: neither is "the other"
                if spot.group(0)[:1].islower() and counterpart[:1].isupper() and " " not in counterpart.strip():
                    counterpart = counterpart[:1].lower() + counterpart[1:]  # "dogs" -> "cats", as typed
                found.append((spot.group(0), counterpart, article))
    if not found:
        return None
    longest = max(len(f[0]) for f in found)
    chosen = {(f[0], f[1].lower()): f for f in found if len(f[0]) == longest}
    return next(iter(chosen.values())) if len(chosen) == 1 else None


def _resolved_context(previous: list[str]) -> str:
    """The last question, with the follow-ups before it resolved in turn (a chain of follow-ups keeps its topic)."""
    context = previous[0]
    for earlier in previous[1:]:
        context = _resolve(earlier, context)
    return context


def _other_holder(noun: str, asked: str, answer: str, named_with: Callable[[str], Sequence[str]]) -> tuple[str, str] | None:
    """For "the other <role>" (a noun for someone who does something: "dentist", "conservator"), the person the last
    question (or else its answer) named, and the one other person the documents name with that role; else None."""
    if not (noun.lower() in ROLE_NOUNS or AGENT.search(noun.lower())) or noun.lower() in _NO_ROLE:
        return None
    person = next((" ".join(m.group(0).split()) for m in _TITLED_NAME.finditer(asked)), None) or next(
        (n for n in capitalised_runs(asked) if len(n.split()) >= 2 and not {w.lower() for w in n.split()} & NOT_A_PERSON), None,
    ) or _one_person_told(answer)
    if not person:
        return None
    others: list[str] = []
    for name in named_with(_singular(noun.lower())):
        surname = name.split()[-1]
        if {w.lower() for w in name.split()} & NOT_A_PERSON or surname == person.split()[-1]:
            continue
        if not any(surname == o.split()[-1] for o in others):
            others.append(name)
    return (person, others[0]) if len(others) == 1 else None


AGENT = re.compile(r"\w{3}(?:er|or|ist|ian)s?$")  # a noun for someone who does something: "farmer", "inventor", "dentist"
# Words for anyone, which name no role ("Who are the people behind it?").
ANYONE = frozenset({"person", "people", "member", "members", "employee", "worker", "player"})
_NO_ROLE = ANYONE | {"other", "others", "order", "number"}  # "-er" words that are no role either


_OUT_OF = re.compile(r"\s+(?:out\s+of|away\s+from|off)\s+", re.I)
# A preposition that opens what follows a noun phrase (not "of": "the output of the heat pump" is about the pump).
_PHRASE_TAIL = re.compile(r"\s+(?:for|in|at|on|with|from|to|by|near|during|after|before)\s+", re.I)


# Names as a question writes them, after its first word: "the Pro", "St Aldhelm's Hall", "Brook Lane".
_CAPITALISED_RUN = re.compile(r"(?<=\S)\s+([A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")


def capitalised_runs(question: str) -> list[str]:
    """The names a question writes with capitals, after its first word ("the Junior Colts": "Junior Colts")."""
    return [m.group(1) for m in _CAPITALISED_RUN.finditer(question) if m.group(1).split()[0].lower() not in STOPWORDS]


# A name with a number or letter that tells one of a series: "Kestrel 12", "Studio A".
_SERIES_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]|\d{1,3})\b(?![\w.,]\w)")
_ELSE = re.compile(r"\b(?:what|who|where|which|anything|anyone|anywhere|something)\s+else\b", re.I)


def told_before(question: str, history: list[dict] | None) -> str:
    """What the last answer said, when the question asks for something else ("What else did he invent?"): that is
    known already, and is no answer to it."""
    return _last_answer(history) if history and _ELSE.search(question) else ""


# "And the other one?", "and the other studio?", "and the bigger one?", "And the last one?": the last question asked again
# of another of what its answer was about.
_ANOTHER = re.compile(
    r"\bthe\s+other\b|^\W*(?:and|but|what\s+about|how\s+about)\s+the\s+(?:[a-z]{3,}er|[a-z]{3,}est|last|first|second|third|next)\s+ones?\b",
    re.I,
)
# A follow-up that asks on its own terms ("and the other bus, how often does that one go?"), not only by pointing.
_OWN_ASK = re.compile(r"\b(?:how|what|when|where|who|whom|whose|which|why)\b|[,?]\s*(?:is|are|was|were|does|do|did|can|could|has|have)\b", re.I)


def asked_of_another(question: str, history: list[dict] | None) -> str:
    """For a follow-up that asks the same of another of what the last answer was about ("And the other one?" after
    "Where is the all-weather lifeboat kept?"), the question whose kind of fact it wants: the last question, or its
    own when it asks on its own terms ("And the other show, how long is that one?"); otherwise ""."""
    previous = [m["content"] for m in (history or []) if m.get("role") == "user" and str(m.get("content", "")).strip()]
    if not previous or not _ANOTHER.search(question):
        return ""
    return question if _asks_on_its_own(question) else str(previous[-1])


def _asks_on_its_own(question: str) -> bool:
    """Does a follow-up ask on its own terms ("and the other bus, how often does that one go?"), not only point?"""
    return bool(_OWN_ASK.search(re.sub(r"^\W*(?:(?:and|but|so)\s+)?(?:(?:what|how)\s+about\s+)?", "", question, flags=re.I)))


def said_before(history: list[dict] | None) -> str:
    """What the last answer said, for any follow-up: a question that asks why, how or what for, after it, asks for
    more than it said."""
    return _last_answer(history) if history else ""


def _last_answer(history: list[dict]) -> str:
    """The text the assistant last answered with (its quotes when it quoted), or ""."""
    answer = next((str(m.get("content", "")) for m in reversed(history) if m.get("role") == "assistant"), "")
    return " ".join(_quotes(answer)) or answer


def _quotes(answer: str) -> list[str]:
    return [a or b for a, b in re.findall(r"“([^”]+)”|\"([^\"]+)\"", answer)]


# The chat's own answers: sentences each followed by their citation markers ("... in 2019. [1] It cost ... [2][3]").
_MARKERS = re.compile(r"\s*(?:\[\d+\])+\s*")


def quoted_before(history: list[dict] | None) -> list[str]:
    """The sentences of the documents the assistant's last answer gave (its quotes, or the chat's own cited
    sentences), in order: where in the documents the conversation is."""
    answer = next((str(m.get("content", "")) for m in reversed(history or []) if m.get("role") == "assistant"), "")
    quotes = _quotes(answer)
    if not quotes and _MARKERS.search(answer):
        quotes = [part for part in _MARKERS.split(answer) if len(part.split()) >= 3]
    return quotes


# A topic put before the question and taken up by a pronoun in it: "And the bed itself, how much is that?", "As for the
# museum, when does it open?".
_DISLOCATED = re.compile(
    r"^\W*(?:(?:ok|okay|right|well)\W+)?(?:(?:and|but|so|as\s+for|what\s+about|how\s+about)\s+)?((?:the|a|an|this|that|my|your|our|their|its)\s+[^,?;]{1,40}?)"
    r"(?:\s+(?:itself|themselves|alone))?\s*[,?]\s*((?:how|what|when|where|who|which|why|is|are|was|were|does|do|did|can|could)\b.+)$",
    re.I,
)
# A verb in what is put before the question makes it a clause, not a thing: "my mum gets about on an electric buggy,
# can she take it on board" puts no "it" first.
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|gets?|got|goes|went|does|did|uses|used|needs|wants|likes|lives|works|keeps|"
    r"can|could|will|would|should|must|may|might)\b", re.I)
_POINTER = re.compile(r"\b(?:(?:that|this)\s+ones?\b|it|that|this|they|them)\b(?!\s+(?:is|are|was|were)\s+(?:the|a)\b)", re.I)
# "the other pool", "the other one": another of a kind the conversation spoke of.
_OTHER = re.compile(r"\bthe\s+other\s+([a-z][\w-]*)\b", re.I)


# "And the year before?", "what about the following year?": the last question asked of the year next to its own.
_YEAR_SHIFT = re.compile(
    r"^\W*(?:(?:and|but|what\s+about|how\s+about)\s+)?(?:in\s+|for\s+|during\s+)?the\s+"
    r"(?:year\s+(before|after)|(previous|preceding|following|next)\s+year)\W*$",
    re.I,
)
# "And what if ...?": the last question asked again on another condition, which its own "if" clause set.
_WHAT_IF = re.compile(r"^\W*(?:(?:and|but|so)\s+)?what\s+if\s+(.+?)\W*$", re.I)
# "and if they keep doing it?": the question before, on a condition.
# (Not "and if it breaks after that, what would a repair cost me?", which asks its own question after the condition.)
_AND_IF = re.compile(r"^\W*(?:and|but|so)\s+if\s+(?!.*,\s*(?:what|how|who|where|when|which|why|can|could|would|will|do|does|is|are)\b)(.+?)\W*$", re.I)
def _those_who(asked: str) -> str:
    """"those who lead the saltmarsh walk" of "Who leads the saltmarsh walk?": the ones a who-question asks for, its
    verb made plural."""
    clause = re.sub(r"^\W*(?:and\s+)?who\s+", "", asked.strip(" ?.!"), flags=re.I)
    verb, _, rest = clause.partition(" ")
    low = verb.lower()
    plural = {"does": "do", "has": "have", "goes": "go"}.get(low) or (
        verb[:-2] if re.search(r"(?:ch|sh|ss|x)es$", low) else verb[:-1] if re.search(r"[^su]s$", low) else verb)
    return f"those who {plural} {rest}".rstrip()


_THEY = re.compile(r"\b(?:they|them)\b", re.I)
_THEIR_THING = re.compile(
    r"\btheir\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=\s*(?:[?.!,]|$)|\s+(?:at|in|on|for|to|from|and|or|if|when|like)\b)", re.I)
_WHO_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?!is\b|are\b|was\b|were\b)\w+", re.I)
_CONDITION_CLAUSE = re.compile(r"\s(?:if|when|in\s+case)\s+\S.*$", re.I)


# A time the conversation set: "in the meantime", "meanwhile", "during that time", "at the time".
_BEFOREHAND = re.compile(r"\s*,?\s*\b(beforehand|in\s+advance|afterwards?)\b", re.I)
_MEANTIME = re.compile(r"\s*,?\s*\b(?:in\s+the\s+meantime|meanwhile|during\s+(?:that|this)\s+(?:time|period)|at\s+the\s+time)\b", re.I)
_PERSONAL = re.compile(r"\b(he|she|him|his|her)\b", re.I)
# A question that asks "who" first and then goes on about that person: "who runs it? what's their name".
_OWN_WHO = re.compile(r"^(\W*(?:(?:and|so|but|ok|okay)\W+)*who\b[^?]*\?)\s*(\S.*)$", re.I)
_ANYONES = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.I)
_THING = re.compile(r"\b(it|its)\b", re.I)
# A capitalised name inside a sentence (not its first word): "Hesketh", "Carriage 23", "Quayle Park", "Tower of Hercules".
# Its words stand one space (or a line break) apart: a table row's aligned cells ("Kettleford Columbian   Clymer and
# Dixon") are two names.
_NAME = re.compile(r"(?<![.!?“\"]\s)(?<!^)\b([A-Z][a-z]+(?:\s(?!\s)(?:[A-Z][a-z]+|\d+)|\s(?!\s)of\s+(?:the\s+)?[A-Z][a-z]+)*)\b")
_FULL_NAME = re.compile(r"(?<![.!?“\"]\s)(?<!^)\b([A-Z][a-z]+(?:\s(?!\s)(?:[A-Z]\.|[A-Z][a-z]+))+)\b")
_BY_NAME = re.compile(r"\bby\s+(?:the\s+\w+\s+)?([A-Z][a-z]+(?:\s(?!\s)(?:[A-Z]\.|[A-Z][a-z]+))+)\b")
# A full name opening a text, its first word no common word: "John Smeaton, a civil engineer", not "The Corn Exchange".
_OPENING_NAME = re.compile(r"^\W*([A-Z][a-z]+(?:\s(?!\s)(?:[A-Z]\.|[A-Z][a-z]+))+)\b")


# A question that describes a thing rather than naming it: "Tell me about the drainage mill in the Fens from the table."
_DESCRIBED = re.compile(
    r"^\W*(?i:(?:and\s+)?(?:please\s+)?(?:tell\s+me\s+(?:more\s+)?about|describe|what\s+(?:is|was)|what's)\s+(?:the|a|an)\s+)"
    r"((?:[a-z][\w'’-]*\s+){0,3}?[a-z][\w'’-]*)(?:\s+(?:in|on|at|of|from|near|by|with|that|which)\b.*)?\W*$",
)
_SETTING = re.compile(r"^\W*(?:In|At|On|From|During|Across|Throughout)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*,")


# A question whether there is one, or whether it can be done: its answer brings in the thing that "it" then means.
_WHETHER_THERE = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)*(?:is|are)\s+there\b|^\W*(?:(?:and|so|but|ok|okay)\W+)*(?:do|does)\s+(?:you|they|it|the\s+\w+)\s+(?:have|offer|do|run|sell|hire)\b"
    r"|^\W*(?:(?:and|so|but|ok|okay)\W+)*(?:can|could)\s+(?:you|they|I|we)\b", re.I)
# What a sentence opens with, before its verb: "Our stall", "The health centre clinic", "The boat hoist".
_SUBJECT = re.compile(
    r"^\s*(?:the|our|its|their|a|an)\s+((?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)\s+(?:is|are|was|were|has|have|stands|lies|opens|runs|takes|holds)\b", re.I)


def _introduced(history: list[dict]) -> str | None:
    """The thing the last answer brought in, when the last question asked whether there is one or whether it can be
    done: "the stall" of "Our stall is stall 31 in Harrowden Market Hall" after "Do you have anywhere else?"."""
    previous = [m["content"] for m in history if m.get("role") == "user" and str(m.get("content", "")).strip()]
    if not previous or not _WHETHER_THERE.match(str(previous[-1])):
        return None
    quotes = _quotes(next((str(m.get("content", "")) for m in reversed(history) if m.get("role") == "assistant"), ""))
    subject = _SUBJECT.match(" ".join(quotes[0].split())) if quotes else None
    return f"the {subject.group(1)}" if subject else None


# A capitalised weekday or month (not "May", a name too) opening a name: "Tuesday Sunita ..." is "Sunita".
_CALENDAR_WORD = re.compile(
    rf"^(?:(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})s?|{'|'.join(m.capitalize() for m in MONTHS if m != 'may')})\s+(?=[A-Z])"
)


def _person_answered(history: list[dict], which_only: bool = False) -> str | None:
    """The person named first in the last answer, when the last question asked who (or the thing it named, when it
    asked which: "Which lighthouse was moved inland?" answered "... the Cape Hatteras Lighthouse was lifted ...")."""
    for i in range(len(history) - 1, -1, -1):
        if history[i].get("role") == "user":
            asked = str(history[i].get("content", ""))
            answer = next((str(m.get("content", "")) for m in history[i + 1 :] if m.get("role") == "assistant"), "")
            quoted = " ".join(a or b for a, b in re.findall(r"“([^”]+)”|\"([^\"]+)\"", answer))
            unquoted = re.sub(r"“[^”]+”|\"[^\"]+\"", " ", answer)
            described = _DESCRIBED.match(asked)
            if described and which_only:
                # "Tell me about the drainage mill in the Fens", answered "Fenwick Drove Mill stands on a bank ...": "it"
                # is the mill the answer names.
                opening = _OPENING_NAME.match(quoted or unquoted)
                head = described.group(1).split()[-1].lower()
                named = " ".join(opening.group(1).split()) if opening else ""
                return named if named and named.split()[-1].lower() in (head, head + "s") else None
            if re.match(r"^\W*(?:and\s+)?(?:who\b|(?:does|do|did|is|was|can|will|has)\s+(?:anyone|anybody|someone|somebody)\b)", asked, re.I) and not which_only:
                # (Or asked whether anyone does: "Does anyone help Sunita on the Vale van?" asks who does.)
                # Not the name the question gives: "he" after "Who was chair before Margaret Oduya?" is her predecessor.
                pattern, asked_words = _FULL_NAME, {w.lower() for w in re.findall(r"(?<=\s)[A-Z][\w'’-]*", asked)}
            elif re.match(r"^\W*(?:and\s+)?which\s+\w+", asked, re.I):
                # "Which locomotive came first?" answered "... bought Hesketh for £850 ...": a name the question lacks.
                pattern, asked_words = _NAME, {w.lower() for w in re.findall(r"[\w-]+", asked)}
            else:
                return None
            for text in (quoted, unquoted):  # the quotes first; the answer's own words when they name no one
                # An answer to "who" often opens with the name ("John Smeaton, a civil engineer, ..."): a name at the
                # start counts unless it opens with a common word ("The Corn Exchange", "In March").
                opening = _OPENING_NAME.match(text)
                first = [opening.group(1)] if opening and opening.group(1).split()[0].lower() not in STOPWORDS else []
                found = first + [m.group(1) for m in pattern.finditer(text)]
                if pattern is _FULL_NAME:
                    # "Larkmoor Instruments was founded in 1987 by Margaret Ellery and ...": who did it stands after "by".
                    doers = [m.group(1) for m in _BY_NAME.finditer(text)]
                    found = [n for n in found if n in doers] + [n for n in found if n not in doers]
                # (Not a day or month that opens the sentence: "On Tuesdays and Wednesdays Sunita Khatri is joined"; May,
                # which is a name too, is left alone.)
                found = [_CALENDAR_WORD.sub("", n) for n in found]
                found = [n for n in found if n.strip()]
                # A name the question did not give: all its words, or the name before the kind the question named
                # ("Cape Hatteras Lighthouse" for "Which lighthouse ...?").
                names = [n for n in found if not set(n.lower().split()) <= asked_words and n.split()[0].lower() not in asked_words]
                if pattern is _FULL_NAME:
                    # "he", "his": a person, not "the George Washington Bridge" the answer also names.
                    names = [n for n in names if n.split()[-1].lower() not in NOT_A_PERSON]
                # A setting put before the sentence's subject ("In England, the clock at Salisbury Cathedral ...") is not
                # what the answer is about.
                setting = _SETTING.match(text)
                names = [n for n in names if not (setting and n in setting.group(0))]
                names = [" ".join(n.split()) for n in names]  # "Othmar\nAmmann" in a hard-wrapped quote
                if names and pattern is _NAME:
                    # "the clock at Salisbury Cathedral": the thing the answer names by its place.
                    spaced = r"\s+".join(re.escape(w) for w in names[0].split())
                    held = re.search(rf"\b[Tt]he\s+([a-z]+)\s+(at|of|in|on)\s+{spaced}\b", text)
                    return f"the {held.group(1)} {held.group(2)} {names[0]}" if held and held.group(1) not in STOPWORDS else names[0]
                if names:
                    return names[0]
            return None
    return None


# A person's name with a title ("Dr Maddox", "Mrs Ada Hall"), or a topic that is a name of two or more words.
_TITLED_NAME = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Lady|Lord|Revd|Rev|Canon|Father|Sister|Cllr|Councillor|Captain|Capt)"
                          r"\.?\s+[A-Z][a-z][\w'’-]*(?:\s(?!\s)[A-Z][a-z][\w'’-]*)?\b")
_PERSON_TOPIC = re.compile(r"^\W*(?:[A-Z][a-z]+\.?\s+)+[A-Z][a-z]+\W*$")


# (Subjects only: "Peter Crane, her partner, ..." speaks of someone else's partner.)
_MASCULINE = re.compile(r"\bhe\b", re.I)
_FEMININE = re.compile(r"\bshe\b", re.I)


def _other_gender(pronoun: str, answer: str) -> bool:
    """Does the answer speak of its person only as "she" where the question says "he" (or the other way round)?"""
    asked, other = (_MASCULINE, _FEMININE) if pronoun.lower() in ("he", "him", "his") else (_FEMININE, _MASCULINE)
    return bool(other.search(answer)) and not asked.search(answer)


def _one_person_told(answer: str) -> str | None:
    """The one person an answer names (with a title, or by a full name that is no place or body), or None when it names
    none or several."""
    found = [" ".join(m.group(0).split()) for m in _TITLED_NAME.finditer(answer)]
    found += [" ".join(m.group(1).split()) for m in _FULL_NAME.finditer(answer) if m.group(1).split()[-1].lower() not in NOT_A_PERSON]
    people: list[str] = []
    for name in found:
        # "Dr Maddox" and "Maddox", "Dr Priya Ramanathan" and "Priya Ramanathan" are one person.
        if not any(name.split()[-1] == other.split()[-1] for other in people):
            people.append(name)
    return people[0] if len(people) == 1 else None


def _resolve(question: str, previous: str, answer: str = "") -> str:
    meantime = _MEANTIME.search(question)
    told = answer.strip().rstrip(".!? ")
    if meantime and told and len(words(told)) <= 40 and not _PRONOUN.search(question[: meantime.start()]):
        # "What did the volunteers do in the meantime?" after "The Station House was closed from 23 March to 4 July
        # 2020.": while what the answer told was so.
        clause = told[:1].lower() + told[1:] if told.split(" ", 1)[0].lower() in STOPWORDS else told
        resolved = re.sub(r"^\W*(and|so|but)\s+", "", question[: meantime.start()].rstrip(" ,"), flags=re.I)
        resolved = f"{resolved} while {clause}{question[meantime.end():].rstrip() or '?'}"
        return resolved[:1].upper() + resolved[1:]
    beforehand = _BEFOREHAND.search(question)
    asks_when = re.match(r"^\W*(?:(?:and|so)\s+)?(?:when|what\s+(?:time|day|date)|which\s+(?:day|date))\b", previous, re.I)
    event = topic_of(previous) if beforehand and asks_when and not _PRONOUN.search(question[: beforehand.start()]) else ""
    if event and len(event.split()) <= 4:
        # "How much warning do we get beforehand?" after "When is the AGM?": before the AGM (the thing whose time the
        # last question asked).
        the = "the " if re.search(rf"\bthe\s+{re.escape(event)}", previous, re.I) else ""
        when = "before" if beforehand.group(1).lower() in ("beforehand", "in advance") else "after"
        resolved = re.sub(r"^\W*(and|so|but)\s+", "", f"{question[: beforehand.start()]} {when} {the}{event}{question[beforehand.end():]}", flags=re.I)
        return resolved[:1].upper() + resolved[1:]
    shift = _YEAR_SHIFT.match(question)
    years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", previous)
    if shift and len(set(years)) == 1:
        # "And the year before?" after "How much did the Radiothon raise in 2023?": the same question of 2022.
        step = -1 if (shift.group(1) or shift.group(2)).lower() in ("before", "previous", "preceding") else 1
        return re.sub(rf"\b{years[0]}\b", str(int(years[0]) + step), previous.strip())
    what_if = _WHAT_IF.match(question)
    condition = _CONDITION_CLAUSE.search(previous.strip().rstrip("?.! "))
    and_if = _AND_IF.match(question)
    if and_if and not condition:
        # "and if they keep doing it?" after "What happens to a parent who keeps yelling at the ref?": that question,
        # if they keep doing it.
        return f"{previous.strip().rstrip('?.! ')} if {and_if.group(1)}?"
    what_if = what_if or and_if
    if what_if and condition:
        # "And what if the hut is shut because of a storm?" after "What happens to my deposit if I cancel 10 days
        # before?": the same question on the new condition.
        asked = previous.strip().rstrip("?.! ")[: condition.start()].rstrip()
        return f"{asked} if {what_if.group(1)}?"
    topic = topic_of(previous)
    if not topic:
        return question
    introduced = (_INTRODUCED.search(told) or _OPENING_SUBJECT.match(told)) if _INDEFINITE.search(topic) else None
    if introduced:
        # "How long does it take?" after "Do I need to do anything before I can use the gym?", answered "Everyone must
        # complete a free induction ...": "it" is what the answer brought in, not "anything".
        topic = f"the {introduced.group(1)}"
    bare = _BARE_WH.match(question)
    if bare:
        # "Why?" after "Is X hard to treat?" asks "Why is X hard to treat?"; after any other question, why about its topic.
        wh = "Why" if bare.group(3) else next(g for g in bare.groups() if g).capitalize()
        previous = previous.strip().rstrip("?.! ")
        if _YES_NO.match(previous):
            return f"{wh} {previous[:1].lower()}{previous[1:]}?"
        clause = _WH_CLAUSE.match(previous)
        if wh == "Why" and clause:
            # "Why?" after "When did the works finally close?" asks why they closed.
            return f"Why {clause.group(1)}?"
        return _BARE_FORMS.get(wh.lower(), "{wh} is {topic}?").format(wh=wh, topic=topic)
    proverb = _PRO_VERB.match(question)
    if proverb and re.match(rf"^\W*{proverb.group(1)}\b", previous, re.I):
        # "and who does the tuesday ones?" after "Who takes the Sunday sessions on the river?": "does" stands for the
        # last question's verb, so it is "and the tuesday ones?", the same question of the Tuesday sessions.
        return _resolve(f"and {proverb.group(2)}?", previous, answer)
    ellipsis = _ELLIPSIS.match(_EXAMPLES_AFTER.sub("", question))
    # (Not "And what did the study find?", a whole question of its own after "and".)
    if ellipsis and not _PRONOUN.search(ellipsis.group(1)) and len(ellipsis.group(1).split()) <= 5 and not _ASK_START.match(ellipsis.group(1)) and not _MODAL_START.match(ellipsis.group(1)):
        # "And glioblastoma?" after "What is CAR-T therapy?" asks the same thing about a new topic.
        new = ellipsis.group(1)
        place = _PREPOSITION_PHRASE.match(new)
        somewhere = new.lower() in _PLACE_ADVERBS  # "What about upstairs?": a place in one word
        spots = list(re.finditer(rf"\b{place.group(1)}\s+", previous.rstrip(" ?.!"), re.I)) if place else []
        if somewhere:
            spots = list(re.finditer(r"\b(?:in|at|on|inside|outside|near)\s+(?:the|a|an|our|your|their|its)\s+", previous.rstrip(" ?.!"), re.I))
        elif place and not spots and place.group(1).lower() in ("in", "at", "on") and _THE_PLACE.match(new) and not _TIME_IN_PHRASE.search(new):
            # "and at the lake?" after "What's the bag limit on the river?": one place for the other, whichever of "in",
            # "at" or "on" each takes (not a time: "and at 6 weeks?" is added).
            spots = list(re.finditer(r"\b(?:in|at|on)\s+(?:the|our|your|their|its)\s+(?![^?]*\b(?:in|at|on)\s)", previous.rstrip(" ?.!"), re.I))
        if place or somewhere:
            # "And in the other factory?" after "How long were bottles left to anneal in the Old Cone?": the same question
            # with its last "in ..." phrase swapped for the new one, or with the new one added ("And at weekends?" after
            # "When does the library open?").
            asked = previous.rstrip(" ?.!")
            return (asked[: spots[-1].start()] if spots else asked + " ") + new + "?"
        places = list(_NAMED_PLACE_PHRASE.finditer(previous.rstrip(" ?.!")))
        head = new.split()[-1].lower() if new.split() else ""
        if places and not topic[:1].isupper() and topic.lower() not in places[-1].group(2).lower() and (
                head in PLACE_NOUNS | _PLACE_HEADS or re.fullmatch(r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", new)):
            # "And the pilot area?" after "How many injury collisions were there in Westbrook?": the same question of
            # another place.
            asked = previous.rstrip(" ?.!")
            return asked[: places[-1].start(2)] + new + asked[places[-1].end(2) :] + "?"
        the_one = _THE_ONE_OF.match(new)
        head = _PHRASE_TAIL.split(topic, maxsplit=1)[0].split()[-1:] if the_one else []
        if head and head[0].isalpha() and head[0].lower() not in STOPWORDS:
            # "and the one in Nettlecot?" after "How big is Elvercombe Green?": the green in Nettlecot.
            noun = head[0].lower() if len(topic.split()) > 1 else head[0]
            new = f"{the_one.group(1)}{noun}{the_one.group(2)}"
        one = _ONE.match(new)
        inner = list(re.finditer(r"\b(?:the|a|an|its|their|our|your)\s+([\w'’-]+)\s+([\w'’-]+(?:\s+[\w'’-]+)?)$", topic, re.I)) if one else []
        if inner and inner[-1].start() > 0:
            # "And the summer one?" after "How much are tickets for the autumn concert?": "one" stands for the noun
            # the describing word of the topic's last phrase describes, "tickets for the summer concert".
            new = topic[: inner[-1].start(1)] + one.group(1) + " " + inner[-1].group(2)
        elif one and len(topic.split()) >= 2 and not re.fullmatch(r"(?:\d{1,3}|[A-Z])", topic.split(" ", 1)[1]):
            # (Not "the other 2" of "the Calder 2": a number or a letter is no kind of thing.)
            # "And the British one?" after "When was the Dutch windmill society started?": "one" stands for what the
            # topic's first word describes, "British windmill society".
            new = f"{one.group(1)} {topic.split(' ', 1)[1]}"
        at = previous.lower().find(topic.lower())
        if _PREPOSITION_PHRASE.match(topic):
            topic = topic.split(" ", 1)[1]  # "And Studio B?" after "What kit is in Studio A?": in Studio B
            at = previous.lower().find(topic.lower())
        if at >= 0 and re.search(r"\b(?:the|a|an)\s+$", previous[:at], re.I):
            new = re.sub(r"^(?:the|a|an)\s+", "", new, flags=re.I)  # "the" is there already
        asked = previous.rstrip(" ?")
        if at >= 0 and _plural(new) and not _plural(topic) and re.search(r"\b(?:a|an)\s+$", asked[:at], re.I) and not new[:1].isupper():
            # "And kittens?" after "When does a puppy have its vaccinations?": when do kittens have their vaccinations.
            head = re.sub(r"\b(?:a|an)\s+$", "", asked[:at], flags=re.I)
            head = re.sub(r"\b(does|is|was|has)(\s+)(?=\S*\s*$)", lambda m: _PLURAL_VERB[m.group(1).lower()] + m.group(2), head, count=1, flags=re.I)
            tail = re.sub(r"\bits\b", "their", asked[at + len(topic) :], count=1)
            return head + new + tail + "?"
        resolved = re.sub(r"\b([Aa])\s+other\b", r"\1nother", _replace_once(asked, topic, new))  # not "a other permit"
        if new[:1].isalpha() and new[:1].islower() and new[:1] not in "uh" and not new.lower().startswith("other"):
            # "a routine repair", not "an routine repair" where the last question said "an urgent repair".
            article = "an" if new[:1] in "aeio" else "a"
            resolved = re.sub(
                rf"\b([Aa])n?(\s+){re.escape(new)}", lambda m: (article if m.group(1) == "a" else article.capitalize()) + m.group(2) + new, resolved, count=1
            )
        return resolved + "?"
    bare_one = _BARE_ONE.search(question)
    if bare_one and _plural(topic) and len(topic.split()) <= 3 and not _PRONOUN.search(question):
        # "Where do I pick one up?" after "When were the cargo bikes added?": one is a cargo bike.
        one = f"{' '.join(topic.split()[:-1] + [_singular(topic.split()[-1])])}"
        one = ("an " if one[:1].lower() in "aeiou" else "a ") + re.sub(r"^(?:the|a|an|any|some)\s+", "", one, flags=re.I)
        at = 1 if bare_one.group(1) else 2
        resolved = question[: bare_one.start(at)] + one + question[bare_one.end(at) :]
        return resolved[:1].upper() + resolved[1:]
    over_at = _OVER_AT.search(question)
    it = _THING.search(question[: over_at.start()]) if over_at else None
    if over_at and it and topic and not topic[:1].isupper():
        # "who runs it over at the village hall?" after "Who is in charge of the town branch?": the same kind of thing
        # (its head noun) at the place now named, "the branch at the village hall".
        head = "the " + topic.split()[-1]
        resolved = question[: it.start()] + head + question[it.end() : over_at.start()].rstrip() + " " + over_at.group(1) + " " + question[over_at.end() :]
        resolved = _OPENING_WORDS.sub("", resolved)
        return resolved[:1].upper() + resolved[1:]
    over_there = _OVER_THERE.search(question)
    named_places = list(_NAMED_PLACE_PHRASE.finditer(previous.strip().rstrip("?.! ")))
    if over_there and not _WHERE_ASKED.match(previous) and named_places:
        # "ok and who runs it over there?" after "When did the trial start at Castlegate?": at the place it named.
        question = question[: over_there.start()] + f" at {named_places[-1].group(2)}" + question[over_there.end() :]
        question = _OPENING_WORDS.sub("", question)
        question = question[:1].upper() + question[1:]
    elif over_there and not _PRONOUN.search(question[: over_there.start()]) and _WHERE_ASKED.match(previous):
        # "Who's in charge over there?" after "Where is the dairy array?": at the place the answer named, else at the
        # place asked about.
        opening = _ANSWER_SUBJECT.match(_quotes(answer)[0] if _quotes(answer) else answer)
        place = opening.group(1) if opening and not _PRONOUN.fullmatch(opening.group(1)) else next(
            (m.group(1) for m in _AT_NAMED_PLACE.finditer(answer) if not re.fullmatch(r"(?:the\s+)?(?:" + _MONTHS_AND_DAYS + r")", m.group(1), re.I)), None)
        place = " ".join(place.split()) if place else None
        place = place or ("the " + topic if re.search(rf"\b(?:the|a|an)\s+{re.escape(topic)}\b", previous, re.I) else topic)
        resolved = _OPENING_WORDS.sub("", question[: over_there.start()]) + f" at {place}" + question[over_there.end() :]
        return resolved[:1].upper() + resolved[1:]
    if not _PRONOUN.search(_EXPLETIVE_IT.sub(" ", question)):
        return question  # "How long did it take to get the trees back in shape?": an "it" that stands for nothing
    resolved = re.sub(r"^\W*(and|so|but)\s+", "", question, flags=re.I)
    determiner = _DETERMINER.search(resolved)
    event = _EVENT.search(resolved)
    asked = _ADVERBIAL_ASK.match(previous.strip().rstrip("?.! "))
    done = _WHO_DID.match(previous.strip().rstrip("?.! "))
    if done and _SPENT.search(resolved):
        # "How long did that take?" after "Who restored the old refractor?": that is the restoring of it.
        deed = f"{_gerund(done.group(1))} {done.group(2)}"
        spent = _SPENT.search(resolved)
        resolved = resolved[: spent.start(1)] + deed + resolved[spent.end(1) :]
        return resolved[:1].upper() + resolved[1:]
    one_of = _ONE_OF_THOSE.search(resolved)
    brought = _INTRODUCED.search(told) if one_of and re.match(r"^\W*(?:and\s+)?who\b", previous, re.I) else None
    if brought:
        # "How does a volunteer get to be one of those?" after "Who is in charge in the domes?", answered "Every
        # observing night has a DDL, a senior volunteer ...": one of those is a DDL.
        resolved = resolved[: one_of.start()] + ("an " if brought.group(1)[0] in "aeiouAEIOU" else "a ") + brought.group(1) + resolved[one_of.end() :]
        return resolved[:1].upper() + resolved[1:]
    got = _GETS_WHAT.match(previous.strip().rstrip("?.! ")) or _MUST_DO_WHAT.match(previous.strip().rstrip("?.! "))
    if got and _SPENT.search(resolved):
        # "How long does that take?" after "When do the boats get their big yearly check?": that is the check.
        spent = _SPENT.search(resolved)
        resolved = resolved[: spent.start(1)] + f"the {got.group(1)}" + resolved[spent.end(1) :]
        return resolved[:1].upper() + resolved[1:]
    able = _CAN_I.match(previous.strip().rstrip("?.! "))
    if able and able.group(1).lower() not in _NOT_A_DEED and _SPENT.search(resolved):
        # "How much does that cost?" after "Can I borrow one of the orchestra's instruments?": what costs is borrowing one.
        deed = f"{_base_gerund(able.group(1))} {able.group(2)}"
        spent = _SPENT.search(resolved)
        resolved = resolved[: spent.start(1)] + deed + resolved[spent.end(1) :]
        return resolved[:1].upper() + resolved[1:]
    took = _TOOK.match(resolved)
    when = _WHEN_DID.match(previous.strip().rstrip("?.! "))
    at = when.group(2).lower().find(topic.lower()) if took and when else -1
    if at >= 0 and when.group(2)[at + len(topic) :].strip():
        # "How long did that take?" after "When did the society turn into a chamber choir?": how long the society took
        # to turn into one.
        clause = when.group(2)
        return f"How long {took.group(1).lower()} {clause[: at + len(topic)]} take to {clause[at + len(topic) :].strip()}?"
    if event and asked:
        # "How often does that happen?" after "How does the outdoor unit deal with frost?": what happens is what the
        # last question asked about, "the outdoor unit deal with frost".
        clause = previous.strip().rstrip("?.! ")[asked.end() :]
        if clause and not _PRONOUN.search(clause):
            resolved = resolved[: event.start()] + clause + resolved[event.end() :]
            return resolved[:1].upper() + resolved[1:]
    end, phrase = _phrase_after(resolved, determiner.start()) if determiner else (0, [])
    if determiner and [w.lower() for w in phrase] == ["one"]:
        # "Who curated that one?" after an answer about a named thing ("Hollinford at Play runs from ...").
        name = _ANSWER_SUBJECT.match(answer)
        if name:
            resolved = resolved[: determiner.start()] + name.group(1) + resolved[end:]
            return resolved[:1].upper() + resolved[1:]
    if determiner and len(phrase) == 1 and phrase[0].lower() in _TIME_NOUNS:
        # "How high did the brook get that time?": the time the answer dated ("... flooded Tanyard Lane in 1968"); "this
        # year's" is the asker's own.
        year = _YEAR_TOLD.search(answer) if determiner.group(0).lower().startswith("that") else None
        if year:
            resolved = resolved[: determiner.start()] + f"in {year.group(0)}" + resolved[end:]
        return resolved[:1].upper() + resolved[1:]
    if determiner and phrase and not _PRONOUN.search(resolved[: determiner.start()]):
        named = _named(phrase, previous, answer) or _place_named(phrase, answer)
        places = [m.group(2) for m in _NAMED_PLACE_PHRASE.finditer(previous.strip().rstrip("?.! "))]
        if not named and len(phrase) == 1 and phrase[0].lower() in PLACE_NOUNS | _PLACE_HEADS and len(set(places)) == 1:
            # "where does that site get its water from?" after "What is the soil like at Quarry Field?": that site is the
            # one place the last question named.
            named = places[0]
        if not named and len(phrase) == 1:
            named = _modified(phrase[0], previous)
        paid = _PHRASE_TAIL.split(topic, maxsplit=1)[0].split()
        if not named and len(phrase) == 1 and phrase[0].lower() in _MONEY_WORDS and paid and paid[-1].lower() in _PAID_NOUNS:
            # "What does that money actually pay for?" after "What's the standing charge for a house?": the charge.
            named = topic if re.match(r"(?:the|a|an)\b", topic, re.I) else f"the {topic}"
        sum_of = _HOW_MUCH_PAID.match(previous.strip().rstrip("?.! "))
        if not named and len(phrase) == 1 and phrase[0].lower() in _MONEY_WORDS and sum_of:
            # "Where did all that money come from?" after "How much did the trust pay for Tallow Wood?": the money the
            # trust paid for Tallow Wood.
            named = f"the money {sum_of.group(1)} {_PAID_FORMS[sum_of.group(2).lower()]} {sum_of.group(3)}".strip()
            end = determiner.start() + len(determiner.group(0))
            start = re.search(r"(?:\ball\s+)?$", resolved[: determiner.start()]).start()
            resolved = resolved[:start] + named + resolved[end:]
            return resolved[:1].upper() + resolved[1:]
        if named:
            # "that data centre" after "When was the Quayle Park data centre opened?" is "the Quayle Park data centre".
            resolved = resolved[: determiner.start()] + named + resolved[end:]
            return resolved[:1].upper() + resolved[1:]
        # "Did those effects last?" -> "Did those effects of the T-cells last?": the noun stays, the topic is added
        # (only its name, when it has one: "that site of Quarry Field", not "... of soil like at Quarry Field").
        names = [m.group(1) for m in _NAME.finditer(topic)] if not topic[:1].isupper() else []
        if not names and (len(topic.split()) > _TOPIC_WORDS_MAX or _SENTENCE_END.search(topic)):
            # "that migration" after "I'm on 2.4. Can I go straight to 3.2?": no short name of a thing to add.
            return resolved[:1].upper() + resolved[1:]
        resolved = resolved[:end] + f" of {names[0] if names else topic}" + resolved[end:]
        return resolved[:1].upper() + resolved[1:]
    pronoun = _PRONOUN.search(resolved)
    which = _WHICH_WAS_THAT.match(resolved)
    if which and re.search(rf"\b(?:that|this|the)\s+{re.escape(which.group(1))}\b", answer, re.I):
        # "what gap was that?" after an answer that says "... to fill that gap": the gap the documents told before the
        # quote, which the question does not name either; not the last question's topic.
        return resolved[:1].upper() + resolved[1:]
    if pronoun and pronoun.group(0).lower() == "it" and _ASKER_THEN_IT.search(previous) and not _THING.search(topic):
        # "And how long will I be without it?" after "How do I make a warranty claim if it breaks down?": the "it" the
        # last question left as it was (the thing the documents are about), not what the asker does with it.
        return resolved[:1].upper() + resolved[1:]
    if got and pronoun and pronoun.group(0).lower() in ("it", "its") and not _plural(got.group(1)) and len(got.group(1).split()) <= _TOPIC_WORDS_MAX:
        # "Was it new?" after "When did the club get its van?": what the topic got is what "it" now is.
        topic = f"the {got.group(1)}"
    elif pronoun and pronoun.group(0).lower() in ("it", "its") and _plural(topic):
        # "it" is one thing: after "Do volunteers need a background check?", "Who pays for it?" asks of the check.
        topic = _singular_object(previous, topic) or topic
    elif pronoun and pronoun.group(0).lower() in ("they", "them") and not _plural(topic):
        # "they" are many: after "Did the orchestra get any new instruments?", "Who made them?" asks of the instruments.
        topic = _singular_object(previous, topic, plural=True) or topic
    elif pronoun and pronoun.group(0).lower() in ("those", "these", "them") and topic[:1].isupper() and _LAST_THING.search(previous):
        # "how many of those did they sell?" after "When did Larkmoor bring out its first wireless station?": those are
        # wireless stations, not Larkmoor.
        thing = _LAST_THING.search(previous).group(1)
        topic = f"the {thing if _plural(thing) else thing + 's'}"
    elif pronoun and pronoun.group(0).lower() in ("he", "she", "him", "her") and _OWNER.match(topic) and _someone(_OWNER.match(topic).group(1)):
        # "Does he teach anything besides tapestry?" after "Where can I see some of the tapestry tutor's work?": the tutor,
        # not the work.
        topic = _OWNER.match(topic).group(1)
    if re.search(rf"\b(?:the|a|an)\s+{re.escape(topic)}\b", previous, re.I) and not re.match(r"(?:the|a|an)\b", topic, re.I):
        # "What did it replace?" after "When did the new terminal open?": the new terminal; "Who runs it?" after "Is
        # there a cafe?": the cafe.
        topic = f"the {topic}"
    resolved = _PRONOUN.sub(lambda m: _substitute(m.group(0), topic, m.string[m.end() :]), resolved, count=1)
    return resolved[:1].upper() + resolved[1:]


_TOPIC_WORDS_MAX = 5  # a longer "topic" is a clause, not the name of a thing
# The thing a question ends on, after a word that says whose or which it is: "... bring out its first wireless station?"
_LAST_THING = re.compile(r"\b(?:its|their|his|her|the|a|an)\s+(?:(?:first|last|new|old|latest|next)\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*[?.!]?\s*$")
def _someone(noun_phrase: str) -> bool:
    """Does the noun phrase name a person: a role ("the tapestry tutor", "the chair") or a person's name ("Dr Hale")?
    Not "the station" (whose first lifeboat is "her")."""
    last = noun_phrase.split()[-1]
    return last.lower() in ROLE_NOUNS or bool(AGENT.search(last.lower())) or bool(_TITLED_NAME.fullmatch(noun_phrase))


# Whose a thing is, where that is someone: "the tapestry tutor's work", "Dr Hale's practice".
_OWNER = re.compile(r"^((?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}?)['’]s\s+\w+(?:\s+\w+)?$", re.I)
_WHICH_WAS_THAT = re.compile(r"^\W*(?:what|which)\s+([a-z]+)\s+(?:is|was|are|were)\s+(?:that|this|it)\W*$", re.I)
# "How much did the trust pay for Tallow Wood": who paid, and what for.
_HOW_MUCH_PAID = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?how\s+much\s+(?:money\s+)?(?:did|has|have|had)\s+(.+?)\s+(pay|paid|spend|spent|raise|raised|borrow|borrowed|"
    r"receive|received|get|got|lend|lent)\s+(.*)$", re.I)
_PAID_FORMS = {"pay": "paid", "spend": "spent", "raise": "raised", "borrow": "borrowed", "receive": "received", "get": "got", "lend": "lent",
               **{w: w for w in ("paid", "spent", "raised", "borrowed", "received", "got", "lent")}}
_MONEY_WORDS = frozenset({"money", "amount", "sum", "cash"})
_PAID_NOUNS = frozenset({"charge", "charges", "fee", "fees", "rent", "price", "cost", "fare", "subscription", "deposit", "levy", "fine", "grant", "donation"})
# A question whose subject is the asker, with an "it" in a clause of its own: "How do I make a claim if it breaks down?"
_ASKER_THEN_IT = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:do|does|did|can|could|should|will|would|am|are)\s+(?:i|we)\b.*\b(?:if|when|once|after|before|because|until)\s+it\s+(?!is\b|was\b)[a-z]+", re.I)


def _gerund(verb: str) -> str:
    """The -ing form of a verb in the past ("restored" -> "restoring", "built" -> "building", "made" -> "making")."""
    lower = verb.lower()
    if lower in IRREGULAR:
        base = IRREGULAR[lower]
        return (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    if lower.endswith("ied"):
        return lower[:-3] + "ying"
    return lower[:-2] + "ing" if lower.endswith("ed") else lower + "ing"


def _base_gerund(verb: str) -> str:
    """The -ing form of a verb's base form ("borrow" -> "borrowing", "hire" -> "hiring", "swim" -> "swimming")."""
    lower = verb.lower()
    if lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")) and len(lower) > 2:
        return lower[:-1] + "ing"
    if len(lower) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lower):
        return lower + lower[-1] + "ing"
    return lower + "ing"


def _plural(phrase: str) -> bool:
    """A noun phrase whose last word is a plural by its form ("volunteers", "the locks"; not "glass", "bus", "analysis")."""
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics"))


_AUXILIARIES = frozenset("is are was were has have had will would can could should must may might does do did".split())


def _singular_object(question: str, subject: str, plural: bool = False) -> str | None:
    """The singular noun phrase a yes/no or wh-question puts after its subject's verb ("Do volunteers need a background
    check?" -> "background check"), or with `plural` the plural one ("Did the orchestra get any new instruments?" ->
    "new instruments"); None when there is none."""
    text = question.strip().rstrip("?.! ")
    at = text.lower().find(subject.lower())
    if at < 0:
        return None
    rest = text[at + len(subject) :].split()
    if len(rest) < 2 or rest[1].lower() not in (("the", "any", "some", "its", "their") if plural else ("a", "an", "the", "any", "one")):
        return None
    if rest[0].lower() in _SUBORDINATORS:
        return None  # "objections when a tree is going to be felled": the tree is in a clause of its own
    phrase = []
    for w in rest[2:]:
        if w.lower() in _PREPOSITIONS or w.lower() in _SUBORDINATORS or w.lower() in ("and", "or", "to") or w.lower() in _AUXILIARIES:
            break
        phrase.append(w)
    phrase_text = " ".join(phrase)
    return phrase_text if phrase and len(phrase) <= 4 and _plural(phrase_text) == plural else None


# "the British one", "the bigger ones": a describing word and "one" for the noun the conversation named.
_ONES = re.compile(r"\bones?$", re.I)
# A phrase that says where, when or for whom: "in the other factory", "for members", "during the winter".
_PREPOSITION_PHRASE = re.compile(r"^(in|at|on|for|during|from|with|by|inside|outside|near|under|over)\s+\S", re.I)
# A place after its preposition ("at the lake", "in the other hall"), and words that make such a phrase a time instead.
_THE_PLACE = re.compile(r"^(?:in|at|on)\s+(?:the|our|your|their|its)\s+[a-z]", re.I)
_TIME_IN_PHRASE = re.compile(
    r"\d|\b(?:weekends?|weekdays?|nights?|mornings?|afternoons?|evenings?|week|month|year|time|moment|start|end|beginning|"
    rf"spring|summer|autumn|winter|holidays?|term|season|{'|'.join(WEEKDAYS)})s?\b", re.I)
_ONE = re.compile(r"^(?:the\s+|a\s+|an\s+)?([\w'’-]+)\s+ones?$", re.I)
_THE_ONE_OF = re.compile(r"^(the\s+)one(\s+(?:in|at|on|for|from|near|by|with|of)\s+\S.*)$", re.I)
# Examples after what a follow-up names: "and the big ones like the ride-ons?" asks of the big ones.
_EXAMPLES_AFTER = re.compile(r"(?<=\w)\s*,?\s+(?:like|such\s+as|e\.g\.|for\s+example|for\s+instance)\s+[^?]+(?=\?\s*$|$)", re.I)
# A follow-up whose verb is "do", standing for the last question's: "and who does the tuesday ones?"
_PRO_VERB = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)*(who|what|where|when|which|how)\s+(?:does|do|did)\s+(the\s+(?!other\b)[\w'’-]+\s+ones?)\s*\??\s*$", re.I
)


# A question whose clause has no gap ("How does the outdoor unit deal with frost", "Does the pump defrost"), unlike
# "What did the T-cells do".
_ADVERBIAL_ASK = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:(?:how|why|when|where)\s+)?(?:does|do|did)\s+", re.I)
# A wh-question with its auxiliary ("When did the works finally close"): the clause "Why?" asks about.
_WH_CLAUSE = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:when|how)\s+((?:did|do|does|was|were|is|are|has|have|had)\s+\S.*)$", re.I)
# "Who restored the old refractor": a deed done to a thing, which "that" may stand for.
_WHO_DID = re.compile(r"^\W*(?:(?:and|so|but)\s+)?who\s+([a-z]+(?:ed|[^s\W]))\s+((?:the|a|an|this|that|its|their|his|her)\s+[^,;]+)$", re.I)
_ONE_OF_THOSE = re.compile(r"\bone\s+of\s+(?:those|them|these)\b", re.I)
_INDEFINITE = re.compile(r"\b(?:any|some)(?:thing|one|body|where)\b", re.I)
# What an answer opens with: "Our schools workshop, Rags to Riches, is ...", "The evening class runs ...".
_OPENING_SUBJECT = re.compile(r"^\W*(?:our|the|their|its)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)(?=,|\s+(?:is|are|was|were|runs|run|costs|takes|has|opens|starts)\b)", re.I)
# The first thing an answer brings in: "a free induction", "an application form".
_INTRODUCED = re.compile(r"\b(?:a|an)\s+((?:[a-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)(?=\s+(?:before|after|for|to|of|in|on|at|with|by|which|that|who|when|from)\b|[,.;:]|$)")
# "Can I borrow one of the instruments?", "Do we book the hall?": what the asker would do.
_CAN_I = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:can|could|may|do|should|must)\s+(?:i|we)\s+(?:still\s+|also\s+)?([a-z]+)\s+(\S.*)$", re.I)
_NOT_A_DEED = frozenset({"need", "have", "get", "go", "be", "know", "find", "see", "tell", "ask"})
# What a deed took or cost, or when it was: "how long did that take", "how much did it cost", "when did that happen".
_SPENT = re.compile(r"\b(?:did|does|will|would)\s+(that|this|it)\s+(?:take|cost|last|happen|occur)\b", re.I)
# "When do the boats get their big yearly check?": what they get, had or held (an event a "that" may point back to).
_GETS_WHAT = re.compile(
    r"^\W*(?:and\s+)?(?:when|where|how\s+often)\s+(?:do|does|did|will|is|are|was|were)\s+.+?\s+(?:get|gets|have|has|had|hold|holds|held|"
    r"given|done|serviced)\s+(?:their|its|his|her|the|a|an)\s+(.+)$", re.I)
# "Do the drivers have to pass some kind of test?": what they must do or undergo (a "that" may point back to it).
_MUST_DO_WHAT = re.compile(
    r"^\W*(?:and\s+)?(?:do|does|did|will|must)\s+.+?\s+(?:have\s+to|has\s+to|need\s+to|needs\s+to)\s+[a-z]+\s+"
    r"(?:(?:some|any)\s+(?:kind|sort|type)\s+of|a|an|the|any|some)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)$", re.I)
# An "it" that stands for nothing: "how long did it take to ...", "how much does it cost to ...", "is it possible to".
# (Not "how long did it take to sort out?", where "it" is what is sorted out: the verb after "to" has an object of its own.)
_EXPLETIVE_IT = re.compile(r"\b(?:does|did|do|will|would|could|can|should)\s+it\s+(?:take|cost)\s+(?:\w+\s+){0,3}?to\s+[a-z]+\s+"
                           r"(?!(?:in|up|out|off|back|on|down|over|away|through|with|for)\W*$)(?=\w)|\bis\s+it\s+(?:possible|worth|ok|okay|allowed|safe|true)\b", re.I)
# "ok, and ...", "so ...": words that open a follow-up and go when it is rewritten to stand alone.
_OPENING_WORDS = re.compile(r"^\W*(?:ok(?:ay)?\W+)?(?:and|so|but)?\s*", re.I)
# "over at the village hall", "over in Wrexley": a place the follow-up names for the same kind of thing.
_OVER_AT = re.compile(r"\bover\s+(at|in)\s+(?=\S)", re.I)
# "over there" at the end of a question, which a place asked about before tells.
_OVER_THERE = re.compile(r"(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)\s+(?:over\s+)?there(?=\W*$)", re.I)
_WHERE_ASKED = re.compile(r"^\W*(?:and\s+)?(?:where\b|(?:is|are)\s+there\s+(?:anywhere|somewhere)\b|how\s+(?:do|can|should)\s+(?:i|we|you)\s+get\s+to\b)", re.I)
# "How long did that take?" and the question it follows, "When did the society turn into a chamber choir?"
_TOOK = re.compile(r"^\W*(?:(?:and|so|but)\s+)?how\s+long\s+(did|does|will)\s+(?:that|this|it)\s+take\W*$", re.I)
_WHEN_DID = re.compile(r"^\W*(?:(?:and|so|but)\s+)?when\s+(did|does|will)\s+(\S.*)$", re.I)
# A demonstrative standing for an event: "does that happen", "does it occur".
_EVENT = re.compile(r"\b(?:that|this|it)\s+(?:happen|occur|take\s+place)\b", re.I)
# The name an answer opens with: "Hollinford at Play runs from 18 July", "Threads and Tides is ...".
_ANSWER_SUBJECT = re.compile(r"^\W*((?:The\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:at|of|and|on|the|in|&)\s+)*[A-Z0-9][\w'’-]*)*)\s+(?:[a-z]+s|is|are|was|were|has|had|will)\b")


# "that time", "this year": a demonstrative that points to a time, not to a thing of the topic.
_TIME_NOUNS = {"time", "times", "day", "days", "year", "years", "night", "week", "month", "morning", "evening", "season", "moment", "point", "stage", "winter", "summer"}
_YEAR_TOLD = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _phrase_after(text: str, start: int) -> tuple[int, list[str]]:
    """The noun phrase a demonstrative at `start` opens (up to three words, to the first verb or preposition), and
    where it ends: "that signal box have" -> "signal box"."""
    words, end = [], start
    tokens = list(re.finditer(r"[A-Za-z][\w-]*", text[start:]))
    if re.search(r"\b(?:do|does|did|can|could|will|would|should)\s*$", text[:start], re.I):
        tokens = tokens[:-1]  # "How much does that station pump?": after an auxiliary, the last word is the verb
    for previous, token in zip(tokens, tokens[1:4]):
        between = text[start + previous.end() : start + token.start()]
        word = token.group(0).lower()
        if between.strip() or word in _PHRASE_END or (words and (word in IRREGULAR or (len(word) > 3 and word.endswith(("ed", "ly"))))):
            break  # "those lamps used in lighthouses", "that money actually pay": a participle or adverb ends the phrase
        words.append(token.group(0))
        end = start + token.end()
    return end, words


_MONTHS_AND_DAYS = "|".join((*MONTHS, *WEEKDAYS))
_SOME_PLACE = {"place", "venue", "building", "location", "site", "spot", "hall"}
# A named place the answer puts something at: "spring concert at the Kellerby Corn Exchange", "held in Hollinbrook".
_AT_NAMED_PLACE = re.compile(r"\b(?:at|in|to|from|near)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)")


def _place_named(phrase: list[str], answer: str) -> str | None:
    """"that place", "the venue": the place the last answer named, when the phrase says no more than that it is a place."""
    if len(phrase) != 1 or phrase[0].lower() not in _SOME_PLACE:
        return None
    for found in _AT_NAMED_PLACE.finditer(answer):
        name = found.group(1)
        if not re.fullmatch(r"(?:the\s+)?(?:" + _MONTHS_AND_DAYS + r")", name, re.I):
            return name
    return None


def _modified(noun: str, previous: str) -> str | None:
    """"that exam" after "... before I can take the driving exam?": the noun with the words the last question set
    before it ("the driving exam"); None when it had none."""
    head = "(?:" + "|".join(map(re.escape, _singulars(noun))) + ")(?:e?s)?"
    found = re.search(rf"\b(?:the|a|an|my|our|your)\s+((?:[a-z][\w-]*\s+){{1,2}}){head}\b", previous, re.I)
    if not found or any(w.lower() in STOPWORDS | _VERBS for w in found.group(1).split()):
        return None
    return f"the {found.group(1)}{noun}"


def _named(phrase: list[str], previous: str, answer: str) -> str | None:
    """What "that X" points back to when the conversation named it more fully: the phrase ending in X with the
    name before it, in the last question ("the Quayle Park data centre") or else in the last answer ("Coldharbour
    Tunnel" for "that tunnel"). None when neither has more than X itself."""
    for size in range(len(phrase), 0, -1):
        words = phrase[:size]
        # "those lamps" points back to "the Argand lamp" too: the head's plural ending is optional.
        head = "(?:" + "|".join(map(re.escape, _singulars(words[-1]))) + ")(?:e?s)?"
        pattern = re.compile(r"\b" + r"\s+".join([*map(re.escape, words[:-1]), head]) + r"\b", re.I)
        for source in (previous, answer):
            for found in pattern.finditer(source):
                before = source[: found.start()].split()
                name: list[str] = []
                # The words right before X back to a determiner or a preposition ("Eastgate pumping"), if one of them
                # is a name: capitalised (or a number), not opening the sentence.
                while before and len(name) < 4 and before[-1].lower() not in _PHRASE_END | _WH_WORDS | _DETERMINERS:
                    word = before.pop()
                    if re.search(r"[.!?:;,]$", word) or (not before or re.search(r"[.!?:;]$", before[-1])):
                        break  # a clause ends there, or the word opens the sentence
                    name.insert(0, word)
                if any(re.fullmatch(r"[A-Z][\w'’-]*|\d[\w-]*", w) for w in name):
                    text = " ".join(name + [found.group(0)])
                    proper = found.group(0)[:1].isupper()
                    return text if proper else f"the {text}"
    return None


def _singular(noun: str) -> str:
    """A plural noun's singular by its form: "bikes" -> bike, "lockers" -> locker, "boxes" -> box, "ferries" -> ferry."""
    low = noun.lower()
    if low.endswith("ies") and len(low) > 4:
        return noun[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "zes")):
        return noun[:-2]
    return noun[:-1] if low.endswith("s") and not low.endswith("ss") else noun


# "one" standing for a thing of the kind the last question spoke of: "where do I pick one up", "how much does one cost".
_BARE_ONE = re.compile(
    r"\b(?:get|buy|book|hire|borrow|rent|pick|order|reserve|use|take|find|collect|bring|join)\s+(one)\b(?!\s+of\b)"
    r"|\b(?:does|would|will|did)\s+(one)\s+cost\b", re.I)


def _singulars(noun: str) -> list[str]:
    """What a noun may be without its plural ending: "lenses" -> lens, lense; "lamps" -> lamp; "glass" -> glass."""
    low = noun.lower()
    if len(low) > 4 and low.endswith("es"):
        return [noun[:-2], noun[:-1]]
    if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        return [noun[:-1]]
    return [noun]


_POINTER_CONTRACTED = re.compile(r"\b(that|it)['’]s\b(?=\s+(been|got)\b)?", re.I)


def _substitute(pronoun: str, topic: str, after: str = "") -> str:
    """The topic in the pronoun's place, possessive for a possessive ("his tower" -> "John Smeaton's tower"). "Her"
    is an object, not a possessive, where no noun follows it ("a complaint to her, and ...", "ask her about it")."""
    possessive = pronoun.lower() in ("its", "their", "his", "theirs") or (pronoun.lower() == "her" and not _OBJECT_END.match(after))
    return (f"{topic}'" if _plural(topic) and topic.endswith("s") else f"{topic}'s") if possessive else topic


# What may follow "her" as an object: the end, punctuation, or a word that opens no noun phrase.
_OBJECT_END = re.compile(
    r"^\s*(?:$|[^\w\s]|(?:and|or|but|if|when|while|because|so|then|now|again|too|yet|back|up|down|off|out|"
    r"about|at|by|for|from|in|into|of|on|to|with|without|over|after|before|since|during|through|"
    r"is|was|will|would|can|could|should|has|have|had|do|does|did|directly)\b)",
    re.I,
)


def _replace_once(text: str, old: str, new: str) -> str:
    index = text.lower().find(old.lower())
    return text[:index] + new + text[index + len(old) :] if index >= 0 else f"{text} {new}"


# Participles spelled as their verbs' base forms: "When was the group set up?", "When was the lift put in?"
_SAME_FORM_PARTICIPLES = frozenset({"set", "put", "cut", "shut", "let", "hit", "run", "spread", "split", "cast", "reset", "upset"})


def _participle(word: str, particle_after: bool = False) -> bool:
    """A past participle by its form: "opened", "built", "grown" (an irregular form the text module knows); with
    `particle_after` also a base-form one, which only a particle after it shows ("set up", "put in")."""
    w = word.lower()
    return ((len(w) > 4 and w.endswith("ed")) or (w in IRREGULAR and w not in ("left", "lost")) or w in _EN_PARTICIPLES
            or (particle_after and w in _SAME_FORM_PARTICIPLES))


# Participles the irregular verbs' past forms do not give: "When was Tanner's Square done up?"
_EN_PARTICIPLES = frozenset(
    "done gone seen given taken shown known written driven ridden eaten fallen begun chosen broken spoken stolen frozen "
    "worn torn born hidden forgotten".split()
)


# A place a question names: "in Westbrook", "at the Old Forge".
_NAMED_PLACE_PHRASE = re.compile(r"\b(in|at|on|from|to|near)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)")
_PLACE_HEADS = frozenset({"area", "areas", "site", "sites", "branch", "centre", "center", "school", "library", "hall", "venue", "office",
                          "depot", "ward", "campus", "zone", "district", "estate", "park", "field", "station", "wood", "farm"})
_PLURAL_VERB = {"does": "do", "is": "are", "was": "were", "has": "have"}
# A place in one word: "And upstairs?", "What about outside?"
_PLACE_ADVERBS = frozenset({"upstairs", "downstairs", "outside", "outdoors", "inside", "indoors", "abroad", "overseas", "online", "offline"})
_MODALS = frozenset({"can", "could", "will", "would", "should"})
# "in charge of", "responsible for": what follows is what the person runs.
_IN_CHARGE = re.compile(r"^(?:in\s+(?:charge|control)\s+of|responsible\s+for|accountable\s+for)\s+", re.I)
# Words that open what a yes/no question says of its subject ("still any good", "ever open", "really free").
_PREDICATE_ADVERBS = frozenset({"still", "ever", "really", "actually", "also", "already", "yet", "always", "usually", "normally",
                                "often", "currently", "now", "even", "definitely", "necessarily"})
_CLAUSE_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they"})

_PARTITIVES = {"one", "some", "any", "each", "all", "none", "either", "both", "many", "most", "several", "few", "two", "three"}


def _partitive(words: list[str]) -> bool:
    """"one of the rooms", "some of its members": the thing spoken of comes after "of"."""
    return len(words) > 2 and words[0].lower() in _PARTITIVES and words[1].lower() == "of"


_MAY_I = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:(?:am|are)\s+(i|we)\s+(?:allowed|able|permitted|supposed|meant)|"
    r"is\s+it\s+(?:ok|okay|alright|all\s+right|possible|allowed)(?:\s+for\s+(?:me|us))?)\s+to\s+",
    re.I,
)


_LATER_ASK = re.compile(r",?\s+and\s+(?=(?:who|what|when|where|why|how|which|is|are|does|do|did|can)\b)", re.I)
_WENT_WRONG = re.compile(r"^\W*(?:(?:and|so|but)\s+)?what\s+(?:went\s+wrong|happened|has\s+happened)\s+(?:with|to)\s+|\s+(?:this|last)\s+(?:year|month|week|winter|summer|spring|autumn)$", re.I)


# A word with a capital that does not open a sentence: a name ("Bowl Bash", "Curlew"); not a day's or a month's.
_NAME_WORD = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)s?\b)[A-Z][\w'’-]*\s*"
)


def without_names(text: str) -> str:
    """The text without its names, which is what it says of them: "The Plaza Jam is held on the last Sunday of August"
    says what "The Bowl Bash has been held on the second Saturday of June" says, of another thing."""
    return _NAME_WORD.sub("", text).strip() or text


def topic_of(question: str) -> str:
    """The thing a question is about: what is left after the question word, the auxiliary and a final verb."""
    text = _expanded(question.strip().rstrip("?.! "))
    # A second ask is not the topic: "How many places are there on the cliffs route, and who leads it?"
    text = _LATER_ASK.split(text, maxsplit=1)[0]
    # "What went wrong with Curlew this year?", "What happened to the old boat?": about Curlew, the old boat.
    text = _WENT_WRONG.sub("", text)
    # "Am I allowed to keep bees on my plot", "Is it OK for us to bring a dog": what the asker may do, as "can I ...".
    text = _MAY_I.sub(lambda m: f"can {m.group(1) or 'I'} ", text)
    # A request names its topic after the verb: "Tell me about Marden Lock" -> "Marden Lock".
    text = re.sub(r"^\W*(?:please\s+)?(?:tell\s+me\s+(?:more\s+)?about|describe|explain|summari[sz]e|what\s+about|how\s+about)\s+", "", text, flags=re.I)
    # "What material are the pylons made of", "What year was the mill built": the noun after the question word is what
    # is asked; the topic follows the auxiliary.
    match = _WH_NOUN_AUX.match(text) or _WH_AUX.match(text)
    aux = (match.group(1) or "").lower() if match else ""
    rest = text[match.end() :] if match else text
    # "Is there a carriage for wheelchair users" is about the carriage; "What is there to see at X" about X.
    rest = re.sub(r"^there\s+(?:to\s+\w+\s+(?:at|in|on|around|near)\s+)?", "", rest, flags=re.I)
    # "Was there ever a woman keeper", "How many places are there on the cliffs route": an adverb, or the place where
    # there are some, leads to what is asked about.
    rest = re.sub(r"^(?:ever|still|really|actually|currently)\s+", "", rest, flags=re.I)
    if re.match(r"^\W*how\s+(?:many|much)\b", text, re.I) and re.search(r"\b(?:is|are|was|were)\s+there\s", text, re.I):
        rest = re.sub(r"^(?:on|in|at|inside|near)\s+(?=(?:the|a|an|this|that|our|your)\s)", "", rest, flags=re.I)
    words = rest.split()
    if aux in ("is", "are", "was", "were") and len(words) > 2 and [w.lower() for w in words[:2]] == ["going", "to"]:
        aux, words = "will", words[2:]  # "What is going to happen to Curlew" asks as "What will happen to Curlew"
        if len(words) > 1 and words[0].lower() == "be" and re.match(r"^\W*(?:is|are|was|were)\s+there\b", text, re.I):
            aux, words = "is", words[1:]  # "Is there going to be more research" is about more research, as "Is there ..."
    if aux in ("is", "are", "was", "were") and len(words) > 2 and _IN_CHARGE.match(" ".join(words)):
        # "Who is in charge of the Tuesday track gang", "Who's responsible for the boiler": about what is run.
        words = _IN_CHARGE.sub("", " ".join(words)).split()
    if aux in ("is", "are", "was", "were") and len(words) > 1 and words[-1].lower() == "like":
        words = words[:-1]  # "What was Harrison's first marine timekeeper like" is about the timekeeper
    if aux in ("is", "are", "was", "were") and len(words) > 1:
        # "When was Hollinsdale Reservoir built", "Why are peas and beans grown before brassicas": the subject is
        # what stands before the participle (at the end, or before a preposition).
        cut = next(
            (i for i, w in enumerate(words) if i > 0 and _participle(w, i + 1 < len(words) and words[i + 1].lower() in _PARTICLES)
             and (i == len(words) - 1 or words[i + 1].lower() in _PREPOSITIONS | _PARTICLES | {"of"})),
            None,
        )
        words = words[:cut] if cut else words
        # "Is the old wall on Mill Street still any good": an adverb after the subject opens what is said of it.
        said = next((i for i, w in enumerate(words) if i > 1 and w.lower() in _PREDICATE_ADVERBS), None)
        words = words[:said] if said else words
    if aux in ("does", "do", "did", "can", "could", "will", "would", "should") and len(words) > 1:
        # "How does CAR-T therapy work" -> "CAR-T therapy"; "What did the T-cells do to the tumour" -> "the T-cells".
        # The subject has a word of its own before its verb: "did the cost rise" is about the cost, not about "the".
        first = 2 if words[0].lower() in _DETERMINERS else 1
        verb = next((i for i, w in enumerate(words) if i >= first and w.lower() in _BASE_VERBS), None)
        if (verb is not None and verb + 1 < len(words) and words[verb + 1].lower() in _ENDING_VERBS
                and (verb + 2 == len(words) or words[verb + 2].lower() in _PREPOSITIONS | _PARTICLES | {"like"})):
            # "How long does a routine repair take", "How much does a standard repair cost": a noun that can be a verb,
            # then the verb that ends the question.
            verb += 1
        be = next((i for i, w in enumerate(words) if i >= first and w.lower() == "be"), None)
        if words[0].lower() in _BASE_VERBS and words[1].lower() in _PREPOSITIONS | _PARTICLES:
            # "What will happen to Curlew": the question word is the subject; what it happens to is the topic.
            verb = 0
        elif be is not None and aux in _MODALS and (verb is None or be < verb or (be + 1 < len(words) and _participle(words[be + 1], False))):
            # (And "How quickly will an urgent repair be done": "be done" is the verb, "repair" the subject's noun.)
            # "Will the bridge still be open", "Can the hall be hired at weekends": the subject stands before "be" (and
            # an adverb before it).
            verb = be
            while verb > first and words[verb - 1].lower() in _PREDICATE_ADVERBS:
                verb -= 1
        if verb == 0:
            words = words[1:]
            while len(words) > 1 and words[0].lower() in _PREPOSITIONS | _PARTICLES | _DETERMINERS:
                words = words[1:]
        elif verb is None:
            # "How does the outdoor unit deal with frost" -> "the outdoor unit": a word before a preposition that
            # ends the question with at most two more words is its verb.
            verb = next(
                (i for i, w in enumerate(words[:-1]) if i > 0 and words[i + 1].lower() in _PARTICLES | _PREPOSITIONS and len(words) - i - 2 <= 2),
                None,
            )
        if verb is None:
            # "Can members book the rooms": the word before a determiner that opens the object is the verb; "When did
            # the society turn into a chamber choir": or the word before the preposition before it.
            # (Not the determiner of "one of the hatchbacks", which is the subject's.)
            verb = next((i - 1 for i, w in enumerate(words) if i >= first + 1 and w.lower() in _DETERMINERS and words[i - 1].lower() != "of"), None)
            if verb is not None and verb > first and words[verb].lower() in _PREPOSITIONS | _PARTICLES:
                verb -= 1
        if verb and words[0].lower() in _PERSONS and not _partitive(words) and len(words) > verb + 1:
            # "Can I bring my dog", "Do we need a permit": the person asking is no topic; what they ask about is.
            after = words[verb + 1 :]
            while after and (after[0].lower() in _PREPOSITIONS | _PARTICLES | _DETERMINERS or _partitive(after)):
                # "go to the shop" -> "shop"; "borrow one of the orchestra's instruments" -> "orchestra's instruments"
                after = after[2:] if _partitive(after) else after[1:]
            stops = _PREPOSITIONS | _PARTICLES | _SUBORDINATORS | {"without", "of", "so", "or"}
            end = next((i for i, w in enumerate(after) if i > 0 and w.lower() in stops), len(after))
            words = after[:end]
        elif verb != 0:
            words = words[:verb] if verb else words[:-1]
    elif not aux and words and re.match(r"^(who|which|what|how\s+(?:much|many)\s+\w+)\b", text, re.I):
        # "What powers the thermo-hygrometer", "How much milk goes into a batch": a verb in -s before a determiner is
        # the question's verb, and its object is what it is about.
        acts = words[0].lower().endswith("s") and len(words) > 1 and words[1].lower() in _DETERMINERS
        if re.match(r"^who\b", text, re.I) or words[0].lower().endswith("ed") or words[0].lower() in ("happens", "goes", "comes") or acts:
            # "Who carried out the research" -> "the research": the verb (and its particle) go.
            words = words[1:]
            while words and words[0].lower() in _PARTICLES | _PLACE_PREPOSITIONS:
                words = words[1:]  # "What happened at Ludden Water" is about Ludden Water
        else:
            # "Which lighthouse was built first" -> "lighthouse": the noun phrase before the verb.
            verb = next((i for i, w in enumerate(words) if w.lower() in _VERBS), None)
            words = words[:verb] if verb else words
    if len(words) > 1 and words[0].lower() in _SUBORDINATORS:
        # "What happened when the modified cells were infused" is about the clause's subject: "the modified cells".
        words = words[1:]
        verb = next((i for i, w in enumerate(words) if i > 0 and w.lower() in _VERBS), None)
        if verb is None and len(words) > 1 and words[-1].lower().endswith("ed"):
            verb = len(words) - 1  # "after the war ended" -> "the war"
        if verb is None:
            # "if the car breaks down" -> "the car": a verb in -s or -ed after the subject's noun, before a particle.
            first = 2 if words[0].lower() in _DETERMINERS else 1
            verb = next((i for i, w in enumerate(words) if i >= first and w.lower().endswith(("s", "ed")) and not w.lower().endswith("ss")
                         and i + 1 < len(words) and words[i + 1].lower() in _PARTICLES and i + 2 == len(words)), None)
        words = words[:verb] if verb else words
    # "What happened to read-2 during the outage" is about read-2, not the outage; "What temperature is the water when it
    # leaves the energy centre" about the water.
    when = next((i for i, w in enumerate(words) if i > 0 and (w.lower() in ("during", "since", "until", "while", "throughout")
                                                                or (w.lower() in ("when", "if", "because", "once") and i + 1 < len(words)
                                                                    and words[i + 1].lower() in _CLAUSE_SUBJECTS | {"it", "the", "a", "an", "there"}))), None)
    words = words[:when] if when else words
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    # "Is there a room we could hire for my 40th" is about the room: a person after the noun opens a relative clause.
    clause = next((i for i, w in enumerate(words) if i > 0 and w.lower() in _CLAUSE_SUBJECTS and words[i - 1][:1].islower()
                   and words[i - 1].lower() not in _PREPOSITIONS | _PARTICLES | _DETERMINERS | _VERBS | {"of", "and", "or", "that", "which"}), None)
    words = words[:clause] if clause else words
    if len(words) > 2 and words[0].lower() in ("kind", "kinds", "type", "types", "sort", "sorts") and words[1].lower() == "of":
        words = words[2:]  # "Which kind of oven does the bakery use" is about the oven
    if words and words[0].lower() in ("it", "they", "he", "she", "this", "that", "these", "those", "its", "their", "his", "her", "i", "we"):
        return ""  # "how many times does it retry": a pronoun names no topic of its own
    topic = " ".join(words)
    return topic if 0 < len(topic) <= 80 else ""
