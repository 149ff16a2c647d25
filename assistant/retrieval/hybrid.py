"""Hybrid retrieval: dense search (exact over the chunk vectors held in memory, or Chroma's HNSW index for a large
store) and BM25 keyword search, fused by convex combination or reciprocal ranks."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from threading import Lock

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from ..corpus.store import Hit, Store

# The index each retriever answers from while an answer is being made (see `HybridRetriever.pinned`).
_PINNED: ContextVar[dict | None] = ContextVar("pinned_keyword_index", default=None)
from ..embeddings import Embedder
from .keyword import KeywordIndex

QUOTE_PROBE = 60  # characters of an earlier answer's quote that find the passage holding it


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
    exact_search_chunks: int = 20000  # up to this many chunks, dense search is exact over vectors held in memory

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
    _texts: dict = PrivateAttr(default_factory=dict)
    _lock: Lock = PrivateAttr(default_factory=Lock)

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Within this block (one answer), the store's generation is checked once: every step of the answer reads
        the same index, and the store is asked once instead of once per step."""
        token = _PINNED.set({})
        try:
            yield
        finally:
            _PINNED.reset(token)

    def keyword_index(self) -> KeywordIndex:
        """The BM25 index, rebuilt when any process has changed the store since it was built."""
        pinned = _PINNED.get()
        if pinned is not None and id(self) in pinned:
            return pinned[id(self)]
        index = self._current_index()
        if pinned is not None:
            pinned[id(self)] = index
        return index

    def _current_index(self) -> KeywordIndex:
        generation = self.store.generation()
        with self._lock:
            if self._index is None or generation != self._generation:
                cfg = self.config
                ids, texts, metas, vectors = self.store.all_chunks(vectors_up_to=cfg.exact_search_chunks)
                self._index = KeywordIndex(ids, texts, metas, cfg.bm25_k1, cfg.bm25_b, cfg.bm25_titles, cfg.bm25_document_weight, vectors)
                self._generation = generation
                self._texts = {}
            return self._index

    def document_text(self, source: str) -> str | None:
        """A document's whole text (what offsets refer to), read once per store generation."""
        texts = self._texts  # replaced, never mutated in place by a rebuild: a concurrent reader keeps a whole dict
        if source not in texts:
            texts[source] = self.store.document_text(source)
        return texts[source]

    def corpus_texts(self) -> list[str]:
        """Every document's whole text (read once per store generation, in batches)."""
        sources = list(dict.fromkeys(str(m.get("source", "")) for m in self.keyword_index().metadatas))
        self._prefetch(sources)
        return [text for source in sources if (text := self.document_text(source))]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        # The chat's path: texts the answer step will embed are embedded with the question, in one model call.
        return self.search(query, also_embed=self.companions(query) if self.companions else ())

    def search(self, query: str, k: int | None = None, also_embed: Sequence[str] = ()) -> list[Document]:
        index = self.keyword_index()
        if not index.ids:
            return []
        query = index.corrected(query)  # "in the gardn" is searched as "in the garden"
        query = index.spelled_out(query)  # "UK" is searched as "United Kingdom" where the corpus only spells it out
        query = index.ordinal(query)  # "the last stage" as "Stage 5" where the corpus numbers its stages
        query = index.comparative(query)  # "the bigger model" as "the Corrie 11" of "Corrie 7" and "Corrie 11"
        docs = self._search(index, query, k or self.config.k, also_embed)
        if docs and index.unspelled(query):
            # "Is VAT included?" where the passages found say "value added tax": searched again as they write it.
            respelled = index.spelled_out(query, [d.page_content for d in docs])
            if respelled == query:
                # Or where the documents they come from spell it out, in a passage the acronym alone did not find
                # ("Does the studio supply PPE?" of a handbook that says "personal protective equipment" once).
                sources = dict.fromkeys(str(d.metadata.get("source", "")) for d in docs)
                respelled = index.spelled_out(query, [t for t in map(self.document_text, sources) if t])
            if respelled != query:
                docs = self._search(index, respelled, k or self.config.k, also_embed)
        return docs

    def quoting(self, quotes: Sequence[str], passages: list[Document]) -> list[Document]:
        """The passages holding the sentences an earlier answer quoted that `passages` lack: a follow-up ("and if they
        keep doing it?") is mostly answered beside what was said, which its own words may not find."""
        held = {str(d.id or d.metadata.get("chunk_id", "")) for d in passages}
        index = self.keyword_index()
        flat = index.flat_texts()
        found: list[int] = []
        for quote in quotes:
            # A quote shown on one line; its start is enough to find it, and one a chunk's edge cuts is found by the
            # part of it on either side.
            line = " ".join(quote.split())
            if len(line) < QUOTE_PROBE // 2:
                continue  # "Neptune." could be anywhere
            probes = (line[:QUOTE_PROBE], line[: QUOTE_PROBE // 2], line[-QUOTE_PROBE // 2 :])
            at = next((i for probe in probes for i, text in enumerate(flat) if probe in text), None)
            if at is not None and index.ids[at] not in held and at not in found:
                found.append(at)
        if not found:
            return []
        floor = min((float(d.metadata.get("score", 0.0)) for d in passages), default=0.0)
        docs = [
            Document(page_content=index.texts[i], metadata={**index.metadatas[i], "chunk_id": index.ids[i], "score": floor}, id=index.ids[i])
            for i in found
        ]
        self._prefetch([d.metadata.get("source", "") for d in docs])
        return docs

    def _search(self, index: KeywordIndex, query: str, k: int, also_embed: Sequence[str]) -> list[Document]:
        cfg = self.config
        vector = self.embedder.encode_cached([query, *also_embed])[0]
        # Ids and similarities only: the index holds every chunk's text. A chunk another process wrote after the index
        # was built is left out until the index catches up with the store's generation.
        cosines = index.vectors @ vector if index.vectors is not None else None  # exact: every chunk's similarity
        if cfg.fusion == "bm25":
            nearest = []
        else:
            nearest = _nearest(index, cosines, cfg.fetch_k) if cosines is not None else self.store.nearest(vector, cfg.fetch_k)
        dense = [Hit(cid, "", {}, sim) for cid, sim in nearest if cid in index.position]
        keyword_scores = index.scores(query) if cfg.fusion != "dense" else None
        keyword = index.search(query, cfg.fetch_k, keyword_scores) if keyword_scores is not None else []
        similarity = {h.chunk_id: h.similarity for h in dense}
        position = index.position
        if cosines is not None:
            # Keyword-only candidates need their cosine too: the vectors in memory give every chunk's.
            similarity.update({index.ids[i]: float(cosines[i]) for i, _ in keyword})
        if cfg.fusion == "convex":
            fused = self._convex(index, vector, dense, keyword, keyword_scores, similarity)
        else:
            fused = _rrf(dense, [index.ids[i] for i, _ in keyword], cfg)
        top = _distinct(sorted(fused, key=lambda c: -fused[c]), index, k)
        missing = [c for c in top if c not in similarity]
        if missing:
            similarity.update({c: float(cosines[position[c]]) for c in missing} if cosines is not None else self._similarities(vector, missing))
        bm25_scores = {cid: float(keyword_scores[position[cid]]) for cid in top if cid in position} if keyword_scores is not None else {}
        docs = []
        for cid in top:
            text, meta = index.texts[position[cid]], index.metadatas[position[cid]]
            meta = {
                **meta,
                "chunk_id": cid,
                "score": round(fused[cid], 6),
                "dense_score": round(float(similarity.get(cid, 0.0)), 6),
                "bm25_score": round(float(bm25_scores.get(cid, 0.0)), 6),
            }
            docs.append(Document(page_content=text, metadata=meta, id=cid))
        self._prefetch([d.metadata.get("source", "") for d in docs])
        return docs

    def _prefetch(self, sources: list[str]) -> None:
        """The texts of the answer's documents in one call (quoting whole sentences reads them all)."""
        texts = self._texts
        missing = [s for s in dict.fromkeys(sources) if s and s not in texts]
        if missing:
            found = self.store.document_texts(missing)
            for source in missing:
                texts[source] = found.get(source)

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


def _distinct(ranked: list[str], index: KeywordIndex, k: int) -> list[str]:
    """The first k chunks whose texts differ: a passage that two files hold word for word (a copy of a document kept
    under another name) takes one place, its best-ranked one, and leaves the others to other passages."""
    kept: list[str] = []
    seen: set[str] = set()
    for cid in ranked:
        text = " ".join(index.texts[index.position[cid]].split())
        if text not in seen:
            seen.add(text)
            kept.append(cid)
            if len(kept) == k:
                break
    return kept


def _nearest(index: KeywordIndex, cosines: np.ndarray, k: int) -> list[tuple[str, float]]:
    """(chunk id, cosine) of the k chunks most similar to the question, best first, from every chunk's cosine."""
    if k <= 0 or not len(cosines):
        return []
    top = np.argpartition(-cosines, k - 1)[:k] if len(cosines) > k else np.arange(len(cosines))
    return [(index.ids[i], float(cosines[i])) for i in top[np.argsort(-cosines[top], kind="stable")]]


def _rrf(dense, keyword_ids: list[str], cfg: RetrievalConfig) -> dict[str, float]:
    """Reciprocal rank fusion; with one list (dense or bm25 alone) it keeps that list's order."""
    fused: dict[str, float] = {}
    for rank, hit in enumerate(dense):
        fused[hit.chunk_id] = fused.get(hit.chunk_id, 0.0) + cfg.dense_weight / (cfg.rrf_k + rank + 1)
    for rank, cid in enumerate(keyword_ids):
        fused[cid] = fused.get(cid, 0.0) + cfg.bm25_weight / (cfg.rrf_k + rank + 1)
    return fused
