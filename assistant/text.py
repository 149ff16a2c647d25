"""Word and sentence handling shared by keyword retrieval and the extractive generator."""

from __future__ import annotations

import re
import unicodedata
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
    carry carried carries carrying conduct conducted conducts conducting perform performed performing undertake
    undertook undertaken per via""".split()
)
# Light verbs ("carried out", "conducted") say little about what was done; they are stop words above.
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
}

_stemmer = Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    """NFKC-normalise and fold typographic quotes so matching ignores them."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalize(text))


# Words the English stemmer runs together with others of another meaning: "engineering" and "engine" both give
# "engin", "business" and "busy" both "busi", "authority" and "author" both "author".
_OVERSTEMMED = {
    **dict.fromkeys(("engineer", "engineers", "engineering", "engineered"), "engineering"),
    **dict.fromkeys(("business", "businesses"), "business"),
    **dict.fromkeys(("authority", "authorities"), "authority"),
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    low = word.lower()
    return _OVERSTEMMED.get(low) or _stemmer.stemWord(low)


# Derivational endings the English stemmer keeps ("treatment" vs "treat"); folded when matching a question's
# words against a sentence, where a reader would count them as the same word.
_DERIVED = re.compile(r"(?<=\w{4})(ment|ments|ation|ition|ing|er|ers)$")


def fold(term: str) -> str:
    return _DERIVED.sub("", term)


def content_terms(text: str) -> list[str]:
    """Stemmed, folded content words in order, without stop words or duplicates."""
    return list(_content_terms(text))


@lru_cache(maxsize=32768)
def _content_terms(text: str) -> tuple[str, ...]:
    # Cached: the same passage sentences are read again for every question that retrieves them.
    return tuple(dict.fromkeys(t for t in term_sequence(text) if t))


def term_sequence(text: str) -> list[str | None]:
    """The terms of `text`'s words in order, repeats kept, None for a stop word: neighbouring terms stood side by side."""
    return [fold(stem(IRREGULAR.get(w.lower(), w))) if w.lower() not in STOPWORDS and len(w) > 1 else None for w in words(text)]


def keyword_tokens(text: str) -> list[str]:
    """Tokens for the BM25 index: stemmed, lower-cased, irregular forms as their verb ("grew" as "grow", as the
    reader's terms read them), stop words removed (duplicates kept); and each dotted number whole ("3.4.0", "2.5",
    "v1.2"), which the words alone split into digits too short to count."""
    tokens = [stem(IRREGULAR.get(w.lower(), w)) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 1]
    return tokens + [m.group(0).lower() for m in _DOTTED_NUMBER.finditer(text)]


_DOTTED_NUMBER = re.compile(r"(?<![\w.])[vV]?\d+(?:\.\d+)+(?![\w]|\.\d)")


@dataclass(frozen=True)
class Span:
    """A sentence and its character offsets in the text it was cut from."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets in a text (sentencex: rule-based, abbreviation-aware), whitespace trimmed."""
    import sentencex

    spans, cursor = [], 0
    # sentencex's pieces concatenate to the input exactly, so offsets are running sums.
    for piece in sentencex.segment("en", text):
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
