"""The grounding verifier: an LLM's sentences reach the user only when a retrieved passage supports them.

Each claim (a sentence as the model wrote it, with the passage numbers it cites and, in structured output,
a quote per citation) is checked against the passages. A supporting span must carry the claim's numbers and
names, agree on negation, share most of its weighted words and be close in meaning (embedding similarity).
The span becomes the citation's quote: a verbatim slice of the passage, so `cite()` locates it exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from langchain_core.documents import Document

from ..answers import Draft, Statement
from ..reader.questions import analyse
from ..text import Span, content_terms, normalize, sentences, stem, words

_NEGATION = re.compile(r"\b(not|no|never|none|neither|nor|without|cannot)\b|n't\b", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "hundred": "100", "thousand": "1000", "dozen": "12", "half": "50",
}
# Comparisons and absolutes change what a sentence claims ("more effective than", "cures every"): a claim
# may use one only when its source does.
_QUALIFIERS = {"than", "more", "less", "fewer", "better", "worse", "best", "worst", "most", "least", "all", "every",
               "always", "only", "entirely", "completely", "guaranteed", "cure", "cures", "cured"}
# Words capitalised mid-sentence that name nothing.
_NOT_NAMES = {"i", "the", "a", "an", "it", "this", "these", "they", "however", "also"}
# "The documents don't say" and its variants: a statement about the documents, not a claim from them.
NOT_SAID = re.compile(
    r"\b(documents?|passages?|texts?|sources?|context|articles?)\b[^.]{0,40}\b(do(es)?\s*n[o']?t|never|fail\s+to)\s+"
    r"(say|mention|state|contain|include|specify|provide|give|discuss|address|cover)"
    r"|\b(no|not\s+any)\s+(information|mention|details?)\b|\bI\s+(do\s*n[o']?t|cannot|can't)\s+(know|answer|find)\b"
    r"|\bnot\s+(mentioned|stated|specified|provided|given)\s+in\s+the\b",
    re.I,
)


@dataclass
class Claim:
    """A sentence of the model's answer as written, and its citations: (passage number from 1, quote or None)."""

    text: str
    citations: list[tuple[int, str | None]] = field(default_factory=list)


@dataclass
class Check:
    """The verdict on one claim: kept with its supports, or why not."""

    claim: Claim
    supports: list[tuple[int, str]]  # (passage index from 0, verbatim quote)
    # "supported", "recited" (supported by a passage it did not cite), "unsupported", "not_said" (the model says
    # the documents don't say), "heading" (a heading of a passage copied as if it were a statement)
    reason: str
    similarity: float = 0.0
    coverage: float = 0.0

    @property
    def supported(self) -> bool:
        return bool(self.supports)


@dataclass
class _Candidate:
    passage: int
    start: int  # offsets in the passage text
    end: int
    text: str
    kind: int = 1  # 0: the model's quote, 1: a sentence, 2: two neighbouring sentences
    vector: np.ndarray | None = None


class Verifier:
    """Turns an LLM's claims into a `Draft` that holds only supported statements (or flags the others)."""

    def __init__(
        self,
        embedder,
        index_provider: Callable | None = None,
        unsupported: str = "remove",
        min_similarity: float = 0.5,
        min_coverage: float = 0.5,
        quote_match: float = 88.0,
    ) -> None:
        if unsupported not in ("remove", "flag"):
            raise ValueError("unsupported must be 'remove' or 'flag'")
        self.embedder = embedder
        self.index_provider = index_provider  # () -> KeywordIndex, for word rarity; uniform weights without it
        self.unsupported = unsupported
        self.min_similarity = min_similarity
        self.min_coverage = min_coverage
        self.quote_match = quote_match

    def verify(self, claims: list[Claim], passages: list[Document], question: str = "") -> tuple[Draft, list[Check]]:
        checks = self.check(claims, passages, question)
        statements = []
        for c in checks:
            if c.supported:
                statements.append(Statement(_without_markers(c.claim.text), c.supports))
            elif c.reason == "unsupported" and self.unsupported == "flag":
                statements.append(Statement(_without_markers(c.claim.text), [], flagged=True))
        if not any(s.supports for s in statements):
            return Draft.refusal("not_found"), checks
        return Draft(statements=statements), checks

    def check(self, claims: list[Claim], passages: list[Document], question: str = "") -> list[Check]:
        """A verdict per claim. Words the question already has count for little: the passages share them."""
        claims = [c for c in claims if _without_markers(c.text)]
        if not claims or not passages:
            return [Check(c, [], "unsupported") for c in claims]
        texts = [_without_markers(c.text) for c in claims]
        candidates = self._candidates(passages)
        vectors = self._encode(texts + [c.text for c in candidates])
        for candidate, vector in zip(candidates, vectors[len(texts) :]):
            candidate.vector = vector
        asked = set(content_terms(question))
        headings = {_plain(s.text) for doc in passages for s in sentences(doc.page_content) if not _is_prose(s.text)}
        return [
            Check(claim, [], "heading") if _is_heading(text, headings) else self._check(claim, text, vector, candidates, passages, asked)
            for claim, text, vector in zip(claims, texts, vectors)
        ]

    def _check(self, claim: Claim, text, vector, candidates: list[_Candidate], passages: list[Document], asked: set[str]) -> Check:
        if NOT_SAID.search(text):
            return Check(claim, [], "not_said")
        # Markers that point to no retrieved passage are dropped; the others are tried first.
        cited = list(dict.fromkeys(n - 1 for n, _ in claim.citations if 1 <= n <= len(passages)))
        quotes = {n - 1: q for n, q in claim.citations if q and 1 <= n <= len(passages)}
        supports, best = [], (0.0, 0.0)
        for p in cited:
            found, scores = self._support(text, vector, p, candidates, quotes.get(p), passages[p], asked)
            best = max(best, scores, key=sum)
            if found:
                supports.append((p, found))
        if supports:
            return Check(claim, supports, "supported", *best)
        # A wrong or missing number is corrected to the retrieved passage that supports the sentence best.
        recited = None
        for p in (p for p in range(len(passages)) if p not in cited):
            found, scores = self._support(text, vector, p, candidates, None, passages[p], asked)
            best = max(best, scores, key=sum)
            if found and (recited is None or sum(scores) > sum(recited[2])):
                recited = (p, found, scores)
        if recited:
            return Check(claim, [recited[:2]], "recited", *recited[2])
        return Check(claim, [], "unsupported", *best)

    def _support(self, text, vector, p: int, candidates, quote, passage: Document, asked: set[str]) -> tuple[str | None, tuple[float, float]]:
        """The verbatim span of passage `p` that supports the claim (the model's own quote first), or None;
        with the (similarity, coverage) of that span, or of the closest one when none supports it."""
        candidates = [c for c in candidates if c.passage == p]
        located = self.locate(quote, passage.page_content) if quote else None
        if located is not None:
            # The sentence(s) holding the model's quote: a whole sentence reads as a citation and carries its subject.
            start, end = _enclosing(passage.page_content, *located)
            span = _Candidate(p, start, end, passage.page_content[start:end], kind=0)
            if not _is_instruction(span.text):
                span.vector = self._encode([span.text])[0]
                candidates = [span] + candidates
        required = _required(text)
        # Coverage is judged on what the claim adds to the question ("personalized for each patient"), when it adds anything.
        terms = [t for t in content_terms(text) if t not in asked] or content_terms(text)
        weights = self._weights(terms)
        chosen, best = None, (0.0, 0.0)
        for candidate in candidates:
            scores = (float(candidate.vector @ vector), _coverage(terms, weights, candidate.text))
            best = max(best, scores, key=sum)  # for the log: how close the claim came
            passes = scores[0] >= self.min_similarity and scores[1] >= self.min_coverage and _agrees(candidate.text, required)
            # The model's own quote first, then single sentences, then pairs; the closest within each.
            key = (candidate.kind, -sum(scores))
            if passes and (chosen is None or key < chosen[0]):
                chosen = (key, candidate.text, scores)
        return (chosen[1], chosen[2]) if chosen else (None, best)

    def locate(self, quote: str, passage: str) -> tuple[int, int] | None:
        """Exact offsets of the model's quote in the passage: verbatim, or the closest fuzzy match snapped to words."""
        quote = " ".join(quote.strip().strip("\"'“”‘’").split())
        if len(quote) < 8:
            return None
        at = passage.find(quote)
        if at >= 0:
            return at, at + len(quote)
        from rapidfuzz import fuzz

        if len(quote) > len(passage):
            return None
        match = fuzz.partial_ratio_alignment(normalize(quote), normalize(passage))
        if match is None or match.score < self.quote_match:
            return None
        return _snap(passage, match.dest_start, match.dest_end)

    def _candidates(self, passages: list[Document]) -> list[_Candidate]:
        """Sentences of every passage, then neighbouring pairs (a claim may join two sentences)."""
        singles, pairs = [], []
        for p, doc in enumerate(passages):
            spans = [s for s in sentences(doc.page_content) if _is_prose(s.text) and not _is_instruction(s.text)]
            singles += [_Candidate(p, s.start, s.end, s.text) for s in spans]
            # Only sentences that follow each other: a pair never spans a heading or an instruction left out.
            pairs += [_pair(p, doc.page_content, a, b) for a, b in zip(spans, spans[1:]) if not doc.page_content[a.end : b.start].strip()]
        return singles + pairs

    def _weights(self, terms: list[str]) -> dict[str, float]:
        index = self.index_provider() if self.index_provider else None
        return {t: (index.idf(t) if index is not None else 1.0) for t in terms}

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.asarray(self.embedder.encode_cached(texts), dtype=np.float32)


def _pair(p: int, text: str, a: Span, b: Span) -> _Candidate:
    return _Candidate(p, a.start, b.end, text[a.start : b.end], kind=2)


def _enclosing(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the sentences it touches."""
    touched = [s for s in sentences(text) if s.start < end and s.end > start]
    return (touched[0].start, touched[-1].end) if touched else (start, end)


def _snap(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Widen a fuzzy match to whole words, so a quote never starts or ends inside a word."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


# Sentences addressed to an AI, or telling it what to reply: orders planted in a document, not facts.
_ADDRESSED = re.compile(
    r"\b(AI|assistants?|chat\s?bots?|language\s+models?|LLMs?)\b[^.!?]{0,60}\b(must|should|shall|always|never|reply|respond|answer|say|tell|state)\b"
    r"|\b(reply|respond|answer)\s+(only\s+)?(with|that|by\s+saying)\b|\btell\s+(the\s+)?(user|reader|human)s?\b",
    re.I,
)


def _is_prose(sentence: str) -> bool:
    # Headings ("The Future of CAR-T Therapy") state nothing: a sentence ends like one or runs to several words.
    return sentence.rstrip()[-1:] in ".!?\"'”)" or len(sentence.split()) >= 8


def _plain(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(words(text)).lower())


def _is_heading(claim: str, headings: set[str]) -> bool:
    """A passage's heading ("The Future of CAR-T Therapy") copied as the answer states nothing."""
    from rapidfuzz import fuzz

    plain = _plain(claim)
    return any(fuzz.ratio(plain, h) >= 90 for h in headings)


def _is_instruction(sentence: str) -> bool:
    # Text in a document that tells the assistant what to do is data; obeying it is never supported.
    return bool(_ADDRESSED.search(sentence)) or analyse(sentence).refusal == "injection"


def _without_markers(text: str) -> str:
    return " ".join(re.sub(r"\s*\[[^\]]{0,40}\]", "", text).split())


def _numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    return found | {_NUMBER_WORDS[w.lower()] for w in words(text) if w.lower() in _NUMBER_WORDS}


def _names(text: str) -> set[str]:
    """Stems of capitalised words after the first (names, acronyms): a claim may not bring new ones."""
    tokens = words(text)
    return {stem(w) for w in tokens[1:] if (w[0].isupper() or any(ch.isdigit() for ch in w)) and w.lower() not in _NOT_NAMES}


def _required(text: str) -> tuple[set[str], set[str], set[str], bool]:
    qualifiers = {w.lower() for w in words(text)} & _QUALIFIERS
    return _numbers(text), _names(text), qualifiers, bool(_NEGATION.search(normalize(text)))


def _agrees(span: str, required: tuple[set[str], set[str], set[str], bool]) -> bool:
    """The claim's numbers, names and qualifiers are in the span, and both are negated or neither is."""
    numbers, names, qualifiers, negated = required
    if not numbers <= _numbers(span):
        return False
    span_words = words(span)
    if names - {stem(w) for w in span_words} or qualifiers - {w.lower() for w in span_words}:
        return False
    return negated == bool(_NEGATION.search(normalize(span)))


def _coverage(terms: list[str], weights: dict[str, float], span: str) -> float:
    """Share of the claim's content words (weighted by rarity) that the span contains."""
    if not terms:
        return 0.0
    present = set(content_terms(span))
    total = sum(weights.values()) or 1.0
    return sum(w for t, w in weights.items() if t in present) / total
