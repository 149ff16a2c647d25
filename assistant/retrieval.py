"""Hybrid retrieval: dense search in Chroma and BM25 keyword search, fused by reciprocal rank fusion."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
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

    def __init__(self, ids: list[str], texts: list[str], metadatas: list[dict], k1: float = 1.2, b: float = 0.75) -> None:
        import bm25s

        # bm25s forces its logger to DEBUG on import, which prints on every index build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.ids = ids
        self.texts = texts
        self.metadatas = metadatas
        tokens = [keyword_tokens(t) for t in texts]
        self.bm25 = bm25s.BM25(k1=k1, b=b)
        if ids:
            self.bm25.index(tokens, show_progress=False)
        # Keyed like the generator's content terms (folded stems), for which the rarity is used.
        df = Counter(term for doc in tokens for term in {fold(t) for t in doc})
        n = max(len(ids), 1)
        self._idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.proper_nouns = _proper_nouns(texts)

    def idf(self, term: str) -> float:
        """Rarer terms weigh more; a term the corpus never uses weighs the most."""
        return self._idf.get(term, self._max_idf)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        tokens = keyword_tokens(query)
        if not self.ids or not tokens:
            return []
        scores = self.bm25.get_scores(tokens)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


def _proper_nouns(texts: list[str]) -> frozenset[str]:
    capitalised = {m.group(1) for t in texts for m in _MID_SENTENCE_CAPITAL.finditer(t)}
    lower = {w for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
    return frozenset(w for w in capitalised if w.lower() not in lower)


@dataclass
class RetrievalConfig:
    k: int = 5
    fetch_k: int = 30
    fusion: str = "rrf"  # "rrf", "dense" or "bm25"
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0


class HybridRetriever(BaseRetriever):
    """A LangChain retriever; each returned Document carries its chunk id and its fused, dense and BM25 scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    embedder: Embedder
    config: RetrievalConfig = RetrievalConfig()
    _index: KeywordIndex | None = PrivateAttr(default=None)
    _generation: str | None = PrivateAttr(default=None)
    _lock: Lock = PrivateAttr(default_factory=Lock)

    def keyword_index(self) -> KeywordIndex:
        """The BM25 index, rebuilt when any process has changed the store since it was built."""
        generation = self.store.generation()
        with self._lock:
            if self._index is None or generation != self._generation:
                self._index = KeywordIndex(*self.store.all_chunks())
                self._generation = generation
            return self._index

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.search(query)

    def search(self, query: str, k: int | None = None) -> list[Document]:
        cfg = self.config
        k = k or cfg.k
        index = self.keyword_index()
        if not index.ids:
            return []
        vector = self.embedder.encode_cached([query])[0]
        dense = self.store.query(vector, cfg.fetch_k) if cfg.fusion != "bm25" else []
        keyword = index.search(query, cfg.fetch_k) if cfg.fusion != "dense" else []

        fused: dict[str, float] = {}
        similarity = {h.chunk_id: h.similarity for h in dense}
        bm25_scores = {index.ids[i]: s for i, s in keyword}
        for rank, hit in enumerate(dense):
            fused[hit.chunk_id] = fused.get(hit.chunk_id, 0.0) + cfg.dense_weight / (cfg.rrf_k + rank + 1)
        for rank, (i, _) in enumerate(keyword):
            cid = index.ids[i]
            fused[cid] = fused.get(cid, 0.0) + cfg.bm25_weight / (cfg.rrf_k + rank + 1)
        top = sorted(fused, key=lambda c: -fused[c])[:k]
        missing = [c for c in top if c not in similarity]
        if missing:
            similarity.update(self._similarities(vector, missing))
        texts = {h.chunk_id: (h.text, h.metadata) for h in dense}
        position = {cid: i for i, cid in enumerate(index.ids)}
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

    def _similarities(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        got = self.store.chunks.get(ids=ids, include=["embeddings"])
        return {i: float(np.dot(vector, np.asarray(e, dtype=np.float32))) for i, e in zip(got["ids"], got["embeddings"])}
