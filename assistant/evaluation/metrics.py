"""Answer-quality metrics that need no LLM judge: retrieval hits, answer overlap, citation checks, refusals.

Every function here is pure (texts and numbers in, numbers out) except where an embedding function is passed
in; the definitions are the ones written out in docs/evaluation.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from statistics import fmean

import numpy as np

from ..text import content_terms, normalize, words

# A passage "contains" a reference context that is cut by a chunk boundary when it holds at least this share of
# the context's words as one unbroken run.
OVERLAP_SHARE = 0.5
# A sentence is supported by what it cites when both its content words and its meaning are there.
SUPPORT_LEXICAL = 0.5
SUPPORT_SEMANTIC = 0.5
# RAGAS weighs factual overlap 0.75 and semantic similarity 0.25 in answer correctness; token F1 stands in for the
# LLM-judged factual part here.
CORRECTNESS_WEIGHTS = (0.75, 0.25)

_MARKERS = re.compile(r"(?:\s*\[\d+\])+")
_STATEMENT = re.compile(r"(?P<text>.*?)(?P<marks>(?:\s*\[\d+\])+)", re.S)
_ARTICLES = {"a", "an", "the"}

Embed = Callable[[list[str]], np.ndarray]  # texts -> unit-length row vectors


# -- retrieval ------------------------------------------------------------------------------------------------
def _flat(text: str) -> str:
    return " ".join(normalize(text).split())


def _word_list(text: str) -> list[str]:
    return [w.lower() for w in words(text)]


def contains(passage: str, context: str, share: float = OVERLAP_SHARE) -> bool:
    """Does the passage hold the reference context: verbatim, or as one run of at least `share` of its words?"""
    if _flat(context) in _flat(passage):
        return True
    ctx = _word_list(context)
    if not ctx:
        return False
    match = SequenceMatcher(None, ctx, _word_list(passage), autojunk=False).find_longest_match(0, len(ctx), 0, None)
    return match.size / len(ctx) >= share


def first_relevant_rank(passages: Sequence[str], contexts: Sequence[str]) -> int | None:
    """1-based rank of the first passage containing any reference context, or None."""
    for rank, passage in enumerate(passages, 1):
        if any(contains(passage, c) for c in contexts):
            return rank
    return None


def hit_at(passages: Sequence[str], contexts: Sequence[str], k: int) -> float:
    """1.0 when one of the top-k passages contains at least one reference context."""
    rank = first_relevant_rank(passages, contexts)
    return 1.0 if rank is not None and rank <= k else 0.0


def reciprocal_rank(passages: Sequence[str], contexts: Sequence[str]) -> float:
    rank = first_relevant_rank(passages, contexts)
    return 1.0 / rank if rank else 0.0


def context_recall(passages: Sequence[str], contexts: Sequence[str]) -> float:
    """Share of the reference contexts contained in some retrieved passage (matters when an answer spans two)."""
    if not contexts:
        return 0.0
    return sum(any(contains(p, c) for p in passages) for c in contexts) / len(contexts)


# -- answer correctness -----------------------------------------------------------------------------------------
def strip_markers(text: str) -> str:
    """The answer without its citation markers ("... [1][2]")."""
    return " ".join(_MARKERS.sub("", text).split())


def answer_tokens(text: str) -> list[str]:
    """SQuAD-style normalisation: lower case, punctuation dropped, articles dropped."""
    return [w for w in _word_list(strip_markers(text)) if w not in _ARTICLES]


def token_scores(response: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the response's tokens against the reference's, counting repeats."""
    got, want = answer_tokens(response), answer_tokens(reference)
    common = sum((Counter(got) & Counter(want)).values())
    if not got or not want or not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / len(got), common / len(want)
    return precision, recall, 2 * precision * recall / (precision + recall)


def cosine(embed: Embed, a: str, b: str) -> float:
    vectors = embed([a, b])
    return float(np.dot(vectors[0], vectors[1]))


def correctness(f1: float, similarity: float) -> float:
    token_weight, semantic_weight = CORRECTNESS_WEIGHTS
    return token_weight * f1 + semantic_weight * max(similarity, 0.0)


# -- citations --------------------------------------------------------------------------------------------------
def citation_valid(citation: dict, document_text: str | None) -> bool:
    """The quote is exactly the document's text between the citation's offsets."""
    if document_text is None:
        return False
    start, end = citation.get("start"), citation.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(document_text):
        return False
    return document_text[start:end] == citation.get("quote")


@dataclass
class CitedStatement:
    text: str
    markers: list[int]


def statements(answer: str) -> list[CitedStatement]:
    """Split an answer into the text before each group of markers; trailing text without markers is uncited."""
    out, end = [], 0
    for match in _STATEMENT.finditer(answer):
        text = match.group("text").strip()
        if words(text):
            out.append(CitedStatement(text, [int(m) for m in re.findall(r"\[(\d+)\]", match.group("marks"))]))
        end = match.end()
    rest = answer[end:].strip()
    if words(rest):
        out.append(CitedStatement(rest, []))
    return out


@dataclass
class Support:
    statement: str
    lexical: float  # share of the statement's content words found in what it cites
    semantic: float  # cosine similarity between the statement and what it cites
    supported: bool


def support(statement: CitedStatement, quotes: dict[int, str], embed: Embed) -> Support:
    """Is the statement backed by the quotes its markers point to? Uncited or dangling markers are not support."""
    cited = [quotes[m] for m in statement.markers if m in quotes]
    if not cited:
        return Support(statement.text, 0.0, 0.0, False)
    evidence = " ".join(cited)
    terms = content_terms(statement.text)
    have = set(content_terms(evidence))
    lexical = sum(t in have for t in terms) / len(terms) if terms else 0.0
    semantic = cosine(embed, statement.text, evidence)
    return Support(statement.text, lexical, semantic, lexical >= SUPPORT_LEXICAL and semantic >= SUPPORT_SEMANTIC)


# -- aggregation ------------------------------------------------------------------------------------------------
def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that apply (None = not applicable); None when none apply."""
    present = [v for v in values if v is not None]
    return round(fmean(present), 4) if present else None


def rate(flags: Iterable[bool | None]) -> float | None:
    return mean(None if f is None else float(f) for f in flags)


def percentile(values: Sequence[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 1) if len(values) else None
