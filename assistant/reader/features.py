"""What the reader knows about a question and a candidate sentence, as numbers a small linear model weighs.

Every cue here is general English (question forms, discourse and reporting cues, answer types), never the words
of one document. The weights come from `assistant/reader/model.json`, fitted by `eval/train_reader.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import normalize

# -- question forms ---------------------------------------------------------------------------------
_LEAD = r"^\W*(?:(?:and|so|but|then|also|ok|okay)\W+)?"
# A request that asks a question indirectly: "Explain how crop rotation works", "Tell me why the dam failed".
_REQUEST = r"(?:please\s+)?(?:explain|describe|tell\s+me|show\s+me|(?:can|could)\s+you\s+(?:explain|tell\s+me|describe))\s+"
FORMS = [
    ("why", re.compile(_LEAD + rf"(?:{_REQUEST})?(?:why\b|what\s+(?:makes|made|causes|caused|explains|is\s+the\s+reason)|how\s+come\b)", re.I)),
    ("how", re.compile(_LEAD + r"how\s+(?:does|do|did|is|are|was|were|can|could|would)\b(?!\s+(?:many|much|long|often))"
                       + "|" + _LEAD + _REQUEST + r"how\s+(?!(?:many|much|long|often|far|big|old|soon|to)\b)", re.I)),
    ("finding", re.compile(
        r"\bwhat\s+(?:did|does|do|have|has)\s+(?:the\s+|they\s+|it\s+|researchers?\s+|authors?\s+|study\s+|trial\s+|team\s+)*"
        r"(?:\w+\s+){0,3}(?:find|found|show|shown|showed|report|reveal|discover|demonstrate|conclude|learn|observe)\b"
        r"|\bwhat\s+(?:were|are|was|is)\s+the\s+(?:main\s+|key\s+|major\s+)?(?:results?|findings?|outcomes?|conclusions?)\b", re.I)),
    ("definition", re.compile(
        _LEAD + r"(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?[^?]{1,60}?\s*\??$|"
        + _LEAD + r"what\s+(?:does|do)\s+[^?]{1,40}?\s+(?:stand\s+for|mean)\s*\??$|" + _LEAD + r"define\b", re.I)),
    ("list", re.compile(
        _LEAD + r"(?:which|what)\s+(?:\w+\s+){0,2}(?:are|were|include|includes|included)\b|\blist\b|\bname\s+(?:the|all|some)\b"
        r"|\bwhat\s+(?:kinds?|types?|sorts?)\s+of\b", re.I)),
    ("yesno", re.compile(_LEAD + r"(?:is|are|was|were|do|does|did|can|could|should|will|would|has|have|had)\b", re.I)),
]


# A headline's question after its topic ("Storage of vaccines: does the cold chain hold?"), and a question without a
# question word ("Stage I carcinoma: really an early stage?") ask yes or no too.
_CLAUSE_YESNO = re.compile(r"(?:[:.;]|\s[-–—]+|--)\s*(?:is|are|was|were|do|does|did|can|could|should|will|would|has|have|had|must|may)\b", re.I)
_QUESTION_WORD = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b", re.I)


def question_form(question: str) -> str | None:
    """The form of a question: why, how (mechanism), finding, definition, list, yesno, or None."""
    text = normalize(question).strip()
    form = next((name for name, pattern in FORMS if pattern.search(text)), None)
    if form is None and text.endswith("?") and (_CLAUSE_YESNO.search(text) or not _QUESTION_WORD.search(text)):
        return "yesno"
    return form


# -- sentence cues ----------------------------------------------------------------------------------
# An aim or a restatement of the question: what a study set out to do, not what it found.
PURPOSE = re.compile(
    r"\b(?:the\s+)?(?:aims?|objectives?|purpose|goal)\s+(?:of|was|is|were)\b|\bwe\s+(?:aimed|sought|set\s+out|hypothesi[sz]ed|asked|wanted)\b"
    r"|\b(?:to\s+(?:determine|assess|evaluate|investigate|examine|explore|compare|identify|establish|test)\s+(?:whether|if|the|how|what))"
    r"|\b(?:this|the\s+present|the\s+current|our)\s+(?:study|paper|article|work|review|trial|analysis)\s+"
    r"(?:examines|examined|investigates|investigated|explores|explored|addresses|addressed|aims|aimed|evaluates|evaluated|assesses|assessed)\b"
    r"|\b(?:is|was|remains)\s+(?:unknown|unclear|not\s+known|poorly\s+understood|controversial|debated)\b|\blittle\s+is\s+known\b"
    r"|\bthe\s+question\b",
    re.I,
)
# What was found: reporting verbs, comparisons, significance, effect sizes.
FINDING = re.compile(
    r"\b(?:showed|shows|shown|found|find|revealed|demonstrated|indicated|suggests?|suggested|observed|concluded|confirmed)\b"
    r"|\b(?:was|were|is|are)\s+(?:significantly\s+|not\s+|strongly\s+|independently\s+)?(?:associated|correlated|related|linked)\b"
    r"|\bsignifican(?:t|tly|ce)\b|\bp\s*[<=>≤]\s*0?\.\d|\b(?:odds|hazard|risk)\s+ratio\b|\bconfidence\s+interval\b|\d\s*%"
    r"|\b(?:increased|decreased|reduced|improved|higher|lower|greater|fewer|more|less)\b.{0,40}\b(?:than|compared|versus|vs)\b"
    r"|\b(?:resulted\s+in|led\s+to|leading\s+to)\b|\bno\s+(?:significant\s+)?difference\b",
    re.I,
)
# How a study was done: who took part, what was measured and how (a methods sentence reports no finding).
PROCEDURE = re.compile(
    r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:included|excluded|enrolled|recruited|randomi[sz]ed|assigned|allocated|selected|sampled|"
    r"collected|recorded|measured|analy[sz]ed|reviewed|performed|administered|interviewed|surveyed|invited|divided|classified|"
    r"categori[sz]ed|stratified|matched|identified|obtained|calculated|defined|conducted|studied|examined|evaluated|assessed|"
    r"tested|compared|followed\s+up|used\s+to)\b"
    r"|\bwe\s+(?:\w+ly\s+)?(?:reviewed|studied|analy[sz]ed|identified|enrolled|recruited|included|collected|conducted|performed|"
    r"used|compared|examined|evaluated|assessed|measured|surveyed|interviewed|selected|obtained|calculated|developed|designed|followed)\b"
    r"|\b(?:retrospective|prospective|cross-sectional|case-control|cohort|randomi[sz]ed|controlled|observational)\s+(?:\w+\s+)?"
    r"(?:study|review|analysis|trial|design|survey)\b|\ba\s+total\s+of\s+\d",
    re.I,
)
# A question about how a study was done ("What kind of patients were enrolled?", "How were they recruited?"): a
# methods sentence answers it.
ASKS_PROCEDURE = re.compile(
    r"\b(?:enrol|recruit|randomi[sz]|allocat|sampl|interview|survey|eligib|inclusion|exclusion|took\s+part|take\s+part|"
    r"participat|methods?\b|design(?:ed)?\b|were\s+(?:\w+ly\s+)?(?:included|excluded|selected|studied|treated|followed))",
    re.I,
)
CAUSE = re.compile(
    r"\b(?:which|that|this)\s+is\s+why\b|\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|therefore|thus|hence|making\s+it|which\s+makes|caused\s+by|since|so\s+that|"
    r"the\s+reasons?|causes|reasons\s+(?:for|why)|because\s+of|leads?\s+to|led\s+to|results?\s+in|resulting\s+in|allow(?:s|ed|ing)?|enabl(?:es|ed|ing)|prevent(?:s|ed|ing)?|"
    # What would happen otherwise is the reason for doing it: "if the RH is too high, mould can grow".
    r"otherwise|or\s+else|to\s+avoid|in\s+case|if\s+(?:\w+\s+){1,5}?too)\b"
    # What comes before ", so" is the reason for what follows: "the sky never grows fully dark, so there are no evening
    # observing nights" (not "so far", "so much", "and so on").
    r"|,\s+so\s+(?!that\b|far\b|much\b|many\b|long\b|on\b|forth\b)",
    re.I,
)
MECHANISM = re.compile(
    r"\b(?:by|through|via|involv(?:es|ed|ing)|works?\s+by|uses?|using|consists?\s+of|is\s+made|are\s+made|then|which|where|"
    r"so\s+that|in\s+order\s+to|into|turn(?:s|ed)?|convert(?:s|ed)?|produc(?:es|ed|ing)|modif(?:y|ies|ied|ying)|engineer(?:s|ed)?)\b",
    re.I,
)
DEFINES = re.compile(r"\b(?:is|are|was|were)\s+(?:an?|the|one\s+of)\b|\b(?:refers?\s+to|means|known\s+as|called|defined\s+as|stands?\s+for)\b|,\s*or\b|\(", re.I)
# A sentence that continues the one before it ("It involves ...", "These cells ...").
CONTINUES = re.compile(r"^\W*(?:it|its|they|their|this|these|those|such|he|she|his|her|the\s+latter|the\s+former|in\s+addition|also|then|there)\b", re.I)
NUMBER = re.compile(r"(?<![\w.])(?!(?:1[5-9]|20)\d\d\b)\d+(?:[.,]\d+)?")
PAST = re.compile(r"\b[a-z]{3,}ed\b|\b(?:was|were|had|found|showed|shown|did|made|took|gave|led|grew|fell|rose|became)\b")
RESULTS_SECTION = re.compile(r"\b(?:results?|findings?|conclusions?|outcomes?|discussion|summary|answer)\b", re.I)
SETUP_SECTION = re.compile(r"\b(?:background|introduction|objectives?|aims?|purpose|methods?|materials|design|setting)\b", re.I)

FEATURES = (
    "similarity",  # question vs sentence (or the sentence with the one it continues)
    "focus_similarity",  # the question without its topic words vs sentence
    "coverage",  # share of the question's words (weighted by rarity) in the sentence (and what it continues)
    "distinctive",  # share of the question's words that are rare among the candidates
    "novelty",  # share of the sentence's own words the question does not have: a restatement has little
    "purpose",  # an aim or a restatement cue
    "finding",  # a reporting or result cue
    "procedure",  # how a study was done (who took part, what was measured); for questions that ask what was found
    "number",  # holds a figure (a digit other than a year); left out for what-is, how, why and list questions
    "past",  # share of its words in the past tense: what was done or found; left out for the same questions
    "form_match",  # the cue the question's form asks for: a cause for why, a definition for what-is, ...
    "results_section",  # under a heading like Results, Findings, Conclusions
    "setup_section",  # under a heading like Background, Methods, Objective
    "rank",  # 1 for the best-retrieved passage, 1/2 for the next, ...
    "document_rank",  # the same for its document, by its best passage or its closest sentence, whichever ranks it higher
    "passage_score",  # its passage's retrieval score over the best passage's
    "same_document",  # share of the retrieved passages that come from its document
    "continues",  # starts like a continuation of the sentence before it
    "list_item",  # a list item or table row
)


# What the answer-or-refuse decision weighs: the best sentence, and how well the corpus knows the question at all.
DECISION = (
    "best",  # the sentence model's log-odds for the best sentence holding the asked-for kind of fact (scaled)
    "similarity",  # that sentence's similarity to the question
    "focus_similarity",
    "coverage",  # its share of the question's words (by rarity)
    "key_terms",  # share of the question's key words (its names, or its two rarest known words) that it holds
    "unknown",  # share of the question's words (by rarity) that the corpus never uses
    "unknown_specific",  # the same for such words that are specific terms (the model's vocabulary splits them in 3+ pieces)
    "dense",  # the best retrieved passage's cosine with the question
    "missing_names",  # share of the question's names and acronyms its passage does not contain
    "typed",  # the question asks for a kind of fact (number, date, name, place, person)
    "complete",  # 1 when that sentence holds every word of the question and the corpus knows them all
    "phrase",  # its share of the question's word pairs ("barrel adjuster", "head of engineering") standing together
)


@dataclass
class Candidate:
    """One sentence of a retrieved passage's document, with what the reader measured of it."""

    passage: int  # index into the retrieved passages
    start: int  # offsets in the document's text
    end: int
    text: str  # verbatim
    reading: str  # on one line: matched and embedded
    kind: str
    section: str | None
    block: int
    previous: str | None = None  # the sentence before it in the same block, when this one continues it
    source: str = ""  # its document
    terms: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()  # the words of the sentence before it in its block ("The work cost ...")
    header_start: int | None = None  # a table row: where its table's header row starts
    referent: frozenset[str] = frozenset()  # the words of the name "the lock" in its paragraph stands for
    title: str | None = None  # the top heading it stands under (the document's title, mostly)
    code: Candidate | None = None  # the code block it leads in to ("... run the following command:")
    heading: str | None = None  # the heading that holds the fact asked for, when the sentence does not ("3.4.0 (2024-10-08)")
    resolved: str | None = None  # read with its pronouns as the name they point back to ("Because Hesketh is small ...")
    listed: bool = False  # the first item of the list a heading names, answering a list question on its own
    values: dict[str, float] = field(default_factory=dict)
    embedded: bool = False
    probability: float = 0.0

    def vector(self) -> list[float]:
        return [self.values.get(name, 0.0) for name in FEATURES]
