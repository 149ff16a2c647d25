"""Hybrid retrieval: dense search in Chroma and BM25 keyword search, fused by reciprocal rank fusion."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from threading import Lock

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from .embeddings import Embedder
from .store import Store
from .text import fold, keyword_tokens

# A capitalised word after a lower-case word or comma is a name ("by Harvard researchers"), not a sentence start.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+)")


class KeywordIndex:
    """BM25 (bm25s) over every chunk in the store, plus the corpus statistics the generator uses."""

    def __init__(
        self,
        ids: list[str],
        texts: list[str],
        metadatas: list[dict],
        k1: float = 1.2,
        b: float = 0.75,
        titles: bool = False,
        document_weight: float = 0.0,
    ) -> None:
        self.ids = ids
        self.texts = texts
        self.metadatas = metadatas
        self.position = {cid: i for i, cid in enumerate(ids)}
        tokens = [keyword_tokens(t) for t in texts]
        # A chunk from the middle of a document rarely repeats what the document is about; its title does.
        indexed = [_titled(tok, text, meta) for tok, text, meta in zip(tokens, texts, metadatas)] if titles else tokens
        self.bm25 = _bm25(indexed, k1, b)
        # Whole-document BM25 added to each chunk's: evidence spread over a document's chunks still counts.
        self.document_weight = document_weight if ids else 0.0
        if self.document_weight:
            sources, documents = _stitch(texts, metadatas)
            self._document_of = np.array([sources[m.get("source", "")] for m in metadatas])
            self.document_bm25 = _bm25([keyword_tokens(d) for d in documents], k1, b)
        # Keyed like the generator's content terms (folded stems), for which the rarity is used.
        df = Counter(term for doc in tokens for term in {fold(t) for t in doc})
        n = max(len(ids), 1)
        self._share = {term: f / n for term, f in df.items()}
        self._idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.proper_nouns = _proper_nouns(texts)

    def idf(self, term: str) -> float:
        """Rarer terms weigh more; a term the corpus never uses weighs the most."""
        return self._idf.get(term, self._max_idf)

    def share(self, term: str) -> float:
        """The fraction of chunks that contain the term (a folded stem)."""
        return self._share.get(term, 0.0)

    def scores(self, query: str) -> np.ndarray:
        """Every chunk's keyword score for the query (zeros when it has no searchable word)."""
        tokens = keyword_tokens(query)
        if not self.ids or not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        scores = self.bm25.get_scores(tokens)
        if self.document_weight:
            scores = scores + self.document_weight * self.document_bm25.get_scores(tokens)[self._document_of]
        return scores

    def search(self, query: str, k: int, scores: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k best chunks as (position, score), best first; chunks without a query word are left out."""
        scores = self.scores(query) if scores is None else scores
        if not self.ids:
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def _bm25(tokens: list[list[str]], k1: float, b: float):
    import bm25s

    # bm25s forces its logger to DEBUG on import, which prints on every index build.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    index = bm25s.BM25(k1=k1, b=b)
    if tokens:
        index.index(tokens, show_progress=False)
    return index


def _titled(tokens: list[str], text: str, meta: dict) -> list[str]:
    title = str(meta.get("title") or "")
    return tokens if not title or title in text else keyword_tokens(title) + tokens


def _stitch(texts: list[str], metadatas: list[dict]) -> tuple[dict[str, int], list[str]]:
    """Each document's text rebuilt from its chunks (overlaps cut by their offsets), titled; -> (source -> i, texts)."""
    parts: dict[str, list[tuple[int, int, str]]] = {}
    titles: dict[str, str] = {}
    for text, meta in zip(texts, metadatas):
        source = meta.get("source", "")
        parts.setdefault(source, []).append((int(meta.get("start", 0)), int(meta.get("end", 0)), text))
        titles[source] = str(meta.get("title") or "")
    sources, documents = {}, []
    for source, chunks in parts.items():
        pieces, reached = [], 0
        for start, end, text in sorted(chunks):
            pieces.append(text[max(0, reached - start) :] if start < reached else text)
            reached = max(reached, end)
        body = "\n".join(pieces)
        sources[source] = len(documents)
        documents.append(body if titles[source] in body else f"{titles[source]}\n{body}")
    return sources, documents


def _proper_nouns(texts: list[str]) -> frozenset[str]:
    capitalised = {m.group(1) for t in texts for m in _MID_SENTENCE_CAPITAL.finditer(t)}
    lower = {w for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
    return frozenset(w for w in capitalised if w.lower() not in lower)


@dataclass
class RetrievalConfig:
    """Defaults chosen on SciFact's train split (docs/evaluation.md); they change nothing for a one-document corpus."""

    k: int = 5
    fetch_k: int = 30
    fusion: str = "convex"  # "convex", "rrf", "dense" or "bm25"
    rrf_k: int = 60
    dense_weight: float = 1.0  # rrf only
    bm25_weight: float = 1.0  # rrf only
    keyword_share: float = 0.3  # convex: fused = (1 - share) * cosine + share * BM25 / the query's best BM25
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    bm25_titles: bool = True  # index each chunk with its document's title
    bm25_document_weight: float = 2.0  # add this times the whole document's BM25 to each chunk's

    @classmethod
    def from_settings(cls, settings) -> RetrievalConfig:
        return cls(**{name: getattr(settings, name) for name in cls.__dataclass_fields__ if hasattr(settings, name)})


class HybridRetriever(BaseRetriever):
    """A LangChain retriever; each returned Document carries its chunk id and its fused, dense and BM25 scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    embedder: Embedder
    config: RetrievalConfig = RetrievalConfig()
    # question -> texts to embed together with it (the generator's guess of what it will need); optional.
    companions: Callable[[str], list[str]] | None = None
    _index: KeywordIndex | None = PrivateAttr(default=None)
    _generation: str | None = PrivateAttr(default=None)
    _lock: Lock = PrivateAttr(default_factory=Lock)

    def keyword_index(self) -> KeywordIndex:
        """The BM25 index, rebuilt when any process has changed the store since it was built."""
        generation = self.store.generation()
        with self._lock:
            if self._index is None or generation != self._generation:
                cfg = self.config
                self._index = KeywordIndex(*self.store.all_chunks(), cfg.bm25_k1, cfg.bm25_b, cfg.bm25_titles, cfg.bm25_document_weight)
                self._generation = generation
            return self._index

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        # The chat's path: texts the answer step will embed are embedded with the question, in one model call.
        return self.search(query, also_embed=self.companions(query) if self.companions else ())

    def search(self, query: str, k: int | None = None, also_embed: Sequence[str] = ()) -> list[Document]:
        cfg = self.config
        k = k or cfg.k
        index = self.keyword_index()
        if not index.ids:
            return []
        vector = self.embedder.encode_cached([query, *also_embed])[0]
        dense = self.store.query(vector, cfg.fetch_k) if cfg.fusion != "bm25" else []
        keyword_scores = index.scores(query) if cfg.fusion != "dense" else None
        keyword = index.search(query, cfg.fetch_k, keyword_scores) if keyword_scores is not None else []
        similarity = {h.chunk_id: h.similarity for h in dense}
        position = index.position
        if cfg.fusion == "convex":
            fused = self._convex(index, vector, dense, keyword, keyword_scores, similarity)
        else:
            fused = _rrf(dense, [index.ids[i] for i, _ in keyword], cfg)
        top = sorted(fused, key=lambda c: -fused[c])[:k]
        missing = [c for c in top if c not in similarity]
        if missing:
            similarity.update(self._similarities(vector, missing))
        bm25_scores = {cid: float(keyword_scores[position[cid]]) for cid in top if cid in position} if keyword_scores is not None else {}
        texts = {h.chunk_id: (h.text, h.metadata) for h in dense}
        docs = []
        for cid in top:
            text, meta = texts.get(cid) or (index.texts[position[cid]], index.metadatas[position[cid]])
            meta = {
                **meta,
                "chunk_id": cid,
                "score": round(fused[cid], 6),
                "dense_score": round(float(similarity.get(cid, 0.0)), 6),
                "bm25_score": round(float(bm25_scores.get(cid, 0.0)), 6),
            }
            docs.append(Document(page_content=text, metadata=meta, id=cid))
        return docs

    def _convex(self, index: KeywordIndex, vector, dense, keyword, keyword_scores, similarity: dict[str, float]) -> dict[str, float]:
        """Cosine similarity and BM25 (scaled by the query's best chunk) mixed in fixed shares, over both lists."""
        share = self.config.keyword_share
        candidates = list(dict.fromkeys([h.chunk_id for h in dense] + [index.ids[i] for i, _ in keyword]))
        # A keyword-only candidate needs its cosine too; its stored vector gives it without a search.
        missing = [c for c in candidates if c not in similarity]
        if missing:
            similarity.update(self._similarities(vector, missing))
        best = float(keyword_scores.max()) if len(keyword_scores) else 0.0
        scale = share / best if best > 0 else 0.0

        def keyword_part(c: str) -> float:
            i = index.position.get(c)
            return scale * float(keyword_scores[i]) if i is not None else 0.0

        return {c: (1 - share) * similarity.get(c, 0.0) + keyword_part(c) for c in candidates}

    def _similarities(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        got = self.store.chunks.get(ids=ids, include=["embeddings"])
        return {i: float(np.dot(vector, np.asarray(e, dtype=np.float32))) for i, e in zip(got["ids"], got["embeddings"])}


def _rrf(dense, keyword_ids: list[str], cfg: RetrievalConfig) -> dict[str, float]:
    """Reciprocal rank fusion; with one list (dense or bm25 alone) it keeps that list's order."""
    fused: dict[str, float] = {}
    for rank, hit in enumerate(dense):
        fused[hit.chunk_id] = fused.get(hit.chunk_id, 0.0) + cfg.dense_weight / (cfg.rrf_k + rank + 1)
    for rank, cid in enumerate(keyword_ids):
        fused[cid] = fused.get(cid, 0.0) + cfg.bm25_weight / (cfg.rrf_k + rank + 1)
    return fused
