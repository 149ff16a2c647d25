"""The offline generator: answers only with sentences of the retrieved passages that answer the question."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from langchain_core.documents import Document

from ..answers import Draft, Statement
from ..embeddings import Embedder
from .questions import Request, analyse
from ..retrieval import KeywordIndex
from ..text import STOPWORDS, content_terms, normalize, sentences, stem, words

_NUMBER_WORDS = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|twice|double|percent"
_QUANTITY = re.compile(rf"\d|%|\b({_NUMBER_WORDS})\b|\$|€|£", re.I)
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_DATE = re.compile(
    rf"\b(1[5-9]\d\d|20\d\d)s?\b|\b({_MONTHS})\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(last|next|this)\s+(year|month|week|spring|summer|autumn|fall|winter)\b|\bago\b",
    re.I,
)
_DURATION = re.compile(
    rf"\b(\d+|an?|one|several|a\s+few|few|many|{_NUMBER_WORDS})\s+(second|minute|hour|day|week|month|year|decade)s?\b", re.I
)
_ROLE = re.compile(r"\b(researchers?|scientists?|doctors?|physicians?|investigators?|clinicians?|team|authors?|surgeons?)\b", re.I)
_CODE = re.compile(r"\b[A-Z][A-Za-z]*\d[A-Za-z0-9]*\b|\b[A-Z]{3,}\b")
_QUESTION_NAME = re.compile(r"\b(?:[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*|[A-Z][a-z]+|\d[\d.,]*)\b")
_AUTHORSHIP = re.compile(r"\bwho\s+(wrote|writes|authored|penned)\b|\bauthor\b|\bwriter\b|\bwho\s+is\s+behind\b", re.I)
_ANAPHOR = re.compile(r"^(it|they|this|these|such|he|she)\b", re.I)
_WHY = re.compile(r"^\W*(and\s+)?(why|what\s+makes|how\s+come)\b", re.I)
_CAUSE = re.compile(r"\b(because|due\s+to|owing\s+to|as\s+a\s+result|therefore|thus|making\s+it|which\s+makes|caused\s+by|since|so\s+that)\b", re.I)
_DEFINITION_Q = re.compile(
    r"^\W*(?:and\s+)?(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?P<x>[^?]{2,60}?)\s*\??$"
    r"|^\W*what\s+(?:does|do)\s+(?P<y>[^?]{2,40}?)\s+(?:stand\s+for|mean)\s*\??$",
    re.I,
)
_PLACE = re.compile(r"\b(in|at|within|inside|throughout|across|near|from)\s+(the\s+)?\w+", re.I)


@dataclass
class Candidate:
    passage: int  # index into the retrieved passages
    text: str
    start: int  # offset inside the passage text
    lexical: float  # share of the question's words (weighted by corpus rarity) in the sentence: gates answers
    terms: frozenset[str] = frozenset()
    context: str | None = None  # the previous sentence plus this one, when this one starts with "It", "They" ...
    similarity: float = 0.0  # question vs sentence
    focus_similarity: float = 0.0  # question without its topic words vs sentence
    distinctive: float = 0.0  # share of the question's words that are rare among the candidates: ranks answers
    bonus: float = 0.0
    embedded: bool = False  # similarities computed (sentences no word rule lets answer are not embedded)

    @property
    def score(self) -> float:
        return 0.5 * (self.similarity + self.focus_similarity) + 0.6 * self.distinctive + self.bonus


class ExtractiveGenerator:
    """Scores each sentence of the passages by meaning (embeddings) and by the question's words it contains."""

    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        index_provider,
        min_similarity: float = 0.30,
        min_coverage: float = 0.34,
        strong_similarity: float = 0.55,
        max_sentences: int = 3,
        max_embedded: int = 40,
    ) -> None:
        self.embedder = embedder
        self.index_provider = index_provider  # () -> KeywordIndex, for word rarity and known names
        self.min_similarity = min_similarity
        self.min_coverage = min_coverage
        self.strong_similarity = strong_similarity
        self.max_sentences = max_sentences
        self.max_embedded = max_embedded

    def __call__(self, inputs: dict) -> Draft:
        request: Request = inputs["request"]
        passages: list[Document] = inputs["passages"]
        if request.refusal:
            return Draft.refusal(request.refusal)
        if not passages:
            return Draft.refusal("no_passages")
        index: KeywordIndex = self.index_provider()
        terms = content_terms(request.text)
        candidates = self._candidates(passages, terms, index)
        if not terms or not candidates:
            return Draft.refusal("not_found")
        focus = self._score_words(request.text, terms, candidates)
        mentioned = [_mentions(doc.page_content, request.text) for doc in passages]  # depends on the passage only
        # Embedding is most of an answer's cost: only sentences the word rules let answer are embedded (the
        # others keep similarity 0; they counted above, for the topic and the words' rarity).
        self._embed(request.text, focus, [c for c in candidates if self._could_answer(c, request, passages, mentioned[c.passage])])
        ranked = sorted(candidates, key=lambda c: (not c.embedded, -c.score))
        relevant = [
            c for c in ranked if self._relevant(c, request, index, mentioned[c.passage]) or _names_author(c, request, passages)
        ]
        answering = [c for c in relevant if has_answer_type(c.text, request, index.proper_nouns)]
        if not answering:
            # On topic but without the kind of fact asked for (no number for "how many"): say which is missing.
            reason = _reason(request) if relevant else "not_found"
            closest = (relevant or ranked)[0]
            return Draft.refusal(reason, closest=_as_support(closest) if closest.similarity >= 0.2 else None)
        best = answering[0].score
        chosen = [c for c in answering if c.score >= best - 0.06][: self.max_sentences]
        # Readable order: the order the sentences have in their documents.
        chosen.sort(key=lambda c: (passages[c.passage].metadata.get("source", ""), passages[c.passage].metadata.get("start", 0) + c.start))
        return Draft(statements=[Statement(c.text, [(c.passage, c.text)]) for c in chosen])

    def _candidates(self, passages: list[Document], terms: list[str], index: KeywordIndex) -> list[Candidate]:
        weights = {t: index.idf(t) for t in terms}
        total = sum(weights.values()) or 1.0
        seen: set[tuple[str, int]] = set()
        out = []
        for p, doc in enumerate(passages):
            previous: set[str] = set()
            previous_text = ""
            for span in _sentences(doc.page_content):
                # Overlapping chunks repeat sentences; keep each document position once.
                key = (doc.metadata.get("source", ""), doc.metadata.get("start", 0) + span.start)
                if key in seen or not _is_prose(span.text):
                    continue
                seen.add(key)
                own = set(content_terms(span.text))
                # "It is characterized by ..." is about what the previous sentence named: inherit its words.
                anaphoric = bool(previous_text) and bool(_ANAPHOR.match(span.text))
                present = own | previous if anaphoric else own
                context = f"{previous_text} {span.text}" if anaphoric else None
                previous, previous_text = own, span.text
                lexical = sum(w for t, w in weights.items() if t in present) / total
                out.append(Candidate(p, span.text, span.start, lexical, frozenset(present), context))
        # Embedding every sentence of a long passage list would cost more than the rest of the answer.
        out.sort(key=lambda c: (-c.lexical, c.passage))
        return out[: self.max_embedded]

    def _could_answer(self, c: Candidate, request: Request, passages: list[Document], mentioned: bool) -> bool:
        """Can `_relevant` (or the authorship rule) accept this sentence whatever its similarity? Word rules only."""
        return _names_author(c, request, passages) or (mentioned and (c.lexical >= self.min_coverage / 2 or c.bonus > 0))

    def _score_words(self, question: str, terms: list[str], candidates: list[Candidate]) -> str:
        """Each candidate's rarity share and bonus; returns the question without its topic word, to embed."""
        # Words most candidates share (the topic, e.g. "CAR-T therapy") dominate a small model's similarity
        # and say nothing about which sentence answers; rank also by the question without them.
        n = len(candidates)
        df = {t: sum(t in c.terms for c in candidates) for t in terms}
        # Squared rarity: the sentence holding the question's rarest word should beat ones sharing only the topic.
        local = {t: math.log(1 + n / (1 + f)) ** 2 for t, f in df.items() if f}
        # The topic is the question's most widespread word, when other words are left to tell sentences apart.
        common = max(df, key=df.get) if df else None
        topic = {common} if common and len(local) >= 2 and n >= 5 and df[common] >= 0.15 * n else set()
        total = sum(local.values()) or 1.0
        definition = _definition_subject(question)
        causal = bool(_WHY.match(question))
        for c in candidates:
            c.distinctive = sum(w for t, w in local.items() if t in c.terms) / total
            c.bonus = 0.15 if definition and _defines(c.text, definition) else 0.0
            if causal and _CAUSE.search(c.text):
                c.bonus += 0.1
        return _without(question, topic)

    def _embed(self, question: str, focus: str, candidates: list[Candidate]) -> None:
        """Similarity of each candidate (or its anaphora context) to the question and to its focus, in one call."""
        contexts = [c.context for c in candidates if c.context]
        vectors = self.embedder.encode_cached([question, focus] + [c.text for c in candidates] + contexts)
        n_c = len(candidates)
        sims = np.asarray(vectors[2 : 2 + n_c] @ vectors[0], dtype=float)
        focus_sims = np.asarray(vectors[2 : 2 + n_c] @ vectors[1], dtype=float)
        context_sims = iter(np.asarray(vectors[2 + n_c :] @ vectors[0], dtype=float))
        for c, sim, fsim in zip(candidates, sims, focus_sims):
            c.embedded, c.similarity, c.focus_similarity = True, float(sim), float(fsim)
            if c.context:
                c.similarity = max(c.similarity, float(next(context_sims)))

    def texts_to_embed_with(self, question: str) -> list[str]:
        """What `_embed` will embed besides the sentences, guessed before retrieval so the question and it share
        one model call (which costs little more than embedding the question alone).

        `_score_words` picks the question without its topic word, the question word most of the retrieved sentences
        share; it is guessed here as the question word the most chunks of the corpus contain. A wrong guess
        costs one short text in that model call, and `_embed` embeds what it needs as before.
        """
        text = analyse(question).text
        terms = content_terms(text)
        if len(terms) < 2:
            return []
        index: KeywordIndex = self.index_provider()
        common = max(terms, key=index.share)
        if index.share(common) < 0.15:
            return []
        focus = _without(text, {common})
        return [focus] if focus != text else []

    def _relevant(self, c: Candidate, request: Request, index: KeywordIndex, mentioned: bool) -> bool:
        """Is the sentence about what was asked? Meaning and words must both agree (`mentioned`: see `_mentions`)."""
        if not mentioned:
            return False
        if c.similarity >= self.strong_similarity and (c.lexical >= self.min_coverage / 2 or c.bonus > 0):
            return True
        if c.similarity >= self.min_similarity and c.lexical >= self.min_coverage:
            return True
        # "Who did the research?" is short and generic: a sentence naming someone may match few of its words.
        if request.answer_type == "person" and _names(c.text, request.text, index.proper_nouns):
            return c.lexical >= self.min_coverage / 2 and c.similarity >= self.min_similarity - 0.1
        return False


def _without(question: str, topic: set[str]) -> str:
    """The question without the words whose terms are in `topic` (the whole question if nothing would be left)."""
    if not topic:
        return question
    focus = " ".join(w for w in question.split() if not (set(content_terms(w)) & topic))
    return focus if content_terms(focus) else question


def _mentions(passage: str, question: str) -> bool:
    """Names, acronyms and numbers in the question ("the FDA", "2018", "The Lancet") must appear in the passage."""
    asked = [m.group(0) for m in _QUESTION_NAME.finditer(question) if m.start() > 0 and m.group(0).lower() not in STOPWORDS]
    text = normalize(passage).lower()
    return all(normalize(name).lower() in text for name in asked)


def _names_author(c: Candidate, request: Request, passages: list[Document]) -> bool:
    """For "who wrote this?", the sentence naming the author the document's metadata gives is the answer."""
    author = passages[c.passage].metadata.get("doc_author")
    return bool(author and _AUTHORSHIP.search(request.text) and str(author) in c.text)


def has_answer_type(sentence: str, request: Request, proper_nouns: frozenset[str]) -> bool:
    """Does the sentence hold the kind of fact asked for (a number for "how many", a name for "which hospital")?"""
    kind = request.answer_type
    if kind is None:
        return True
    if kind == "quantity":
        return bool(_QUANTITY.search(_without_question_words(sentence, request.text)))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "duration":
        return bool(_DURATION.search(sentence))
    names = _names(sentence, request.text, proper_nouns)
    if kind == "person":
        return bool(names or _ROLE.search(sentence))
    if kind == "location":
        return bool(names or _PLACE.search(sentence))
    return bool(_names(sentence, request.text, proper_nouns, codes=True))  # "name"


def _names(sentence: str, question: str, proper_nouns: frozenset[str], codes: bool = False) -> list[str]:
    """Proper names in the sentence that the question does not already contain; `codes` adds "CD19"-like ids."""
    asked = {stem(w) for w in words(question)}
    found = [w for w in words(sentence) if w in proper_nouns] + (_CODE.findall(sentence) if codes else [])
    found += [m.group(0) for m in re.finditer(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b", sentence) if m.start() > 0]
    return [n for n in found if not all(stem(w) in asked for w in words(n))]


def _without_question_words(sentence: str, question: str) -> str:
    # "CAR-T" in the question must not count as a number-bearing answer; strip tokens the question shares.
    asked = {w.lower() for w in words(question)}
    return " ".join(w for w in re.split(r"\s+", sentence) if re.sub(r"\W", "", w.lower()) not in asked)


def _definition_subject(question: str) -> str | None:
    """"What is X?" / "What does X stand for?" -> X, for questions that ask for a definition."""
    match = _DEFINITION_Q.match(normalize(question))
    return (match.group("x") or match.group("y")).strip().lower() if match else None


def _defines(sentence: str, subject: str) -> bool:
    """Does the sentence define the subject ("X, or ..., is a ...", "X, also known as Y", "Y, also known as X, is")?"""
    text = normalize(sentence).lower()
    at = text.find(subject)
    if at < 0:
        return False
    after = text[at + len(subject) : at + len(subject) + 80]
    return bool(re.match(r"[\w\s-]{0,24}?(,\s*or\b|,?\s*(is|are)\s+(a|an|the)\b|,?\s*(also\s+)?known\s+as\b|\s*\(|,?\s*refers\s+to\b|,?\s*means\b)", after)) or (
        "also known as" in text[:at]
    )


def _is_prose(text: str) -> bool:
    # Headings and bylines are not statements: a sentence ends with punctuation or runs to several words.
    return text.rstrip()[-1:] in ".!?\"'”)" or len(text.split()) >= 8


def _as_support(c: Candidate) -> tuple[int, str]:
    return (c.passage, c.text)


def _reason(request: Request) -> str:
    return f"missing_{request.answer_type}" if request.answer_type else "not_found"


@lru_cache(maxsize=8192)
def _sentences(text: str):
    return tuple(sentences(text))
