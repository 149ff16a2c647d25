"""The Chroma store: chunk vectors plus a manifest of ingested documents, on disk or on a Chroma server."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from .chunking import Chunk

# Chroma needs a vector for every record; manifest records are looked up by id, so theirs is a constant.
_MANIFEST_VECTOR = [1.0]
_GENERATION_ID = "__generation__"


def make_client(path: Path | None = None, url: str | None = None):
    """A Chroma client: HTTP when a server URL is given, otherwise persistent on disk (in memory without a path)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=chroma_settings,
        )
    if path is None:
        return chromadb.EphemeralClient(settings=chroma_settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@dataclass(frozen=True)
class DocumentRecord:
    source: str
    title: str
    kind: str
    size: int
    sha256: str
    signature: str
    chunks: int
    ingested_at: float
    status: str  # "ready", or "pending" while (or if a crash left it) half-written
    # The reader's sentence vectors are stored (written after the chunks): the version of how sentences were read
    # then ("" when none are; True from a store written before versions were recorded).
    sentence_vectors: str | bool = ""

    @classmethod
    def from_metadata(cls, meta: dict) -> DocumentRecord:
        # Fields with a default may be missing from records written by an older version.
        return cls(**{name: meta[name] for name in cls.__dataclass_fields__ if name in meta})


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    text: str
    metadata: dict
    similarity: float


class Store:
    """Chunks live in one collection (cosine space), the document manifest in a second one."""

    def __init__(self, client, embedding, name: str = "assistant") -> None:
        from langchain_chroma import Chroma

        self.client = client
        self.name = name
        # embedding_function=None on raw collections: Chroma's default one would try to download a model.
        self.chunks = client.get_or_create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})
        # LangChain's view of the same collection, with our embeddings, for similarity search.
        self.vectorstore = Chroma(client=client, collection_name=name, embedding_function=embedding)
        self.manifest = client.get_or_create_collection(f"{name}-documents", embedding_function=None)
        # The reader's sentence vectors, computed at ingest so a question embeds only itself. A cache: a missing
        # vector costs time, never an answer, so it is written after the chunks and outside their consistency rules.
        self.sentences = client.get_or_create_collection(f"{name}-sentences", embedding_function=None)
        self._model = str(getattr(embedding, "model_id", ""))  # in each sentence's id: another model's vectors never match
        self._batch = min(client.get_max_batch_size(), 2048)

    # -- manifest -------------------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        got = self.manifest.get(include=["metadatas"])
        records = [DocumentRecord.from_metadata(m) for i, m in zip(got["ids"], got["metadatas"]) if i != _GENERATION_ID]
        return sorted(records, key=lambda r: r.source)

    def document(self, source: str) -> DocumentRecord | None:
        got = self.manifest.get(ids=[source], include=["metadatas"])
        return DocumentRecord.from_metadata(got["metadatas"][0]) if got["ids"] else None

    def document_text(self, source: str) -> str | None:
        """The text that citation offsets refer to (the extracted text for HTML and PDF)."""
        got = self.manifest.get(ids=[source], include=["documents"])
        return got["documents"][0] if got["ids"] else None

    def mark(self, record: DocumentRecord, text: str) -> None:
        self.mark_all([(record, text)])

    def mark_all(self, items: Sequence[tuple[DocumentRecord, str]]) -> None:
        """Write manifest records in as few calls as Chroma allows: each call is a commit."""
        fields = DocumentRecord.__dataclass_fields__
        for start in range(0, len(items), self._batch):
            part = items[start : start + self._batch]
            self.manifest.upsert(
                ids=[record.source for record, _ in part],
                embeddings=[_MANIFEST_VECTOR] * len(part),
                documents=[text for _, text in part],
                metadatas=[{name: getattr(record, name) for name in fields} for record, _ in part],
            )

    def mark_sentence_vectors(self, sources: Sequence[str], version: str = "1") -> None:
        """Record that these documents' sentence vectors are stored, read by `version` of the reader's segmentation
        (their chunks and text are left as they are)."""
        for start in range(0, len(sources), self._batch):
            got = self.manifest.get(ids=list(sources[start : start + self._batch]), include=["metadatas"])
            if got["ids"]:
                self.manifest.update(ids=got["ids"], metadatas=[{**m, "sentence_vectors": version} for m in got["metadatas"]])

    def generation(self) -> str:
        """Changes whenever the store's contents change, in any process sharing it."""
        got = self.manifest.get(ids=[_GENERATION_ID], include=["metadatas"])
        return got["metadatas"][0]["value"] if got["ids"] else ""

    def bump_generation(self) -> None:
        value = f"{time.time():.6f}-{uuid.uuid4().hex[:8]}"
        self.manifest.upsert(ids=[_GENERATION_ID], embeddings=[_MANIFEST_VECTOR], metadatas=[{"value": value}])

    # -- chunks ---------------------------------------------------------------------------------
    def count(self) -> int:
        return self.chunks.count()

    def chunk_ids(self, source: str) -> list[str]:
        return self.chunks.get(where={"source": source}, include=[])["ids"]

    def chunk_ids_of(self, sources: Sequence[str]) -> list[str]:
        """The chunk ids of several documents, a batch of sources per call."""
        ids: list[str] = []
        for start in range(0, len(sources), 1000):
            ids += self.chunks.get(where={"source": {"$in": list(sources[start : start + 1000])}}, include=[])["ids"]
        return ids

    def embeddings_by_text(self, source: str) -> dict[str, np.ndarray]:
        """Existing vectors of a document keyed by chunk-text hash, reused when the document changes."""
        got = self.chunks.get(where={"source": source}, include=["metadatas", "embeddings"])
        if not got["ids"]:
            return {}
        return {m["text_hash"]: np.asarray(e, dtype=np.float32) for m, e in zip(got["metadatas"], got["embeddings"])}

    def write_chunks(
        self, chunks: Sequence[Chunk], vectors: np.ndarray, extra: dict | None = None, extra_by_source: dict[str, dict] | None = None
    ) -> None:
        """Upsert chunks with their vectors; `extra` metadata for all of them, or per document with `extra_by_source`."""
        for start in range(0, len(chunks), self._batch):
            part = chunks[start : start + self._batch]
            self.chunks.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + len(part)],
                documents=[c.text for c in part],
                metadatas=[_chunk_metadata(c, extra_by_source.get(c.source) if extra_by_source else extra) for c in part],
            )

    def delete_chunks(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), self._batch):
            self.chunks.delete(ids=ids[start : start + self._batch])

    def remove(self, source: str) -> bool:
        """Delete a document's chunks, then its manifest record (so a crash in between is retried)."""
        record = self.document(source)
        ids = self.chunk_ids(source)
        if record is None and not ids:
            return False
        self.delete_chunks(ids)
        self.manifest.delete(ids=[source])
        self.sentences.delete(where={"source": source})
        return True

    # -- sentence vectors -----------------------------------------------------------------------------
    def sentence_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those texts that have one."""
        if not texts:
            return {}
        by_id = {self.sentence_id(t): t for t in texts}
        got = self.sentences.get(ids=list(by_id), include=["embeddings"])
        return {by_id[i]: np.asarray(e, dtype=np.float32) for i, e in zip(got["ids"], got["embeddings"])}

    def sentence_ids(self, source: str) -> set[str]:
        return set(self.sentences.get(where={"source": source}, include=[])["ids"])

    def known_sentences(self, texts: Sequence[str]) -> set[str]:
        """Which of these texts already have a vector (from any document)."""
        by_id = {self.sentence_id(t): t for t in texts}
        found: set[str] = set()
        ids = list(by_id)
        for start in range(0, len(ids), self._batch):
            found |= {by_id[i] for i in self.sentences.get(ids=ids[start : start + self._batch], include=[])["ids"]}
        return found

    def write_sentence_vectors(self, source: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        for start in range(0, len(texts), self._batch):
            part = texts[start : start + self._batch]
            self.sentences.upsert(
                ids=[self.sentence_id(t) for t in part], embeddings=vectors[start : start + len(part)], metadatas=[{"source": source}] * len(part)
            )

    def sentence_id(self, text: str) -> str:
        return hashlib.sha1(f"{self._model}\n{text}".encode("utf-8")).hexdigest()

    def delete_sentence_ids(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), self._batch):
            self.sentences.delete(ids=ids[start : start + self._batch])

    def all_chunks(self, vectors_up_to: int = 0) -> tuple[list[str], list[str], list[dict], np.ndarray | None]:
        """Every chunk's id, text and metadata, for the in-memory index; and their vectors (rows in the same
        order) when the store holds at most `vectors_up_to` chunks, else None."""
        ids, texts, metas, rows = [], [], [], []
        total = self.count()
        include = ["documents", "metadatas"] + (["embeddings"] if total <= vectors_up_to else [])
        for offset in range(0, total, 5000):
            got = self.chunks.get(include=include, limit=5000, offset=offset)
            ids += got["ids"]
            texts += got["documents"]
            metas += got["metadatas"]
            if "embeddings" in include:
                rows.append(np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1))
        vectors = (np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)) if "embeddings" in include else None
        return ids, texts, metas, vectors

    def nearest(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks: no texts read, for callers that hold them."""
        if k <= 0:
            return []
        got = self.chunks.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]

    def document_texts(self, sources: Sequence[str]) -> dict[str, str]:
        """Several documents' texts in one call."""
        got = self.manifest.get(ids=list(sources), include=["documents"])
        return dict(zip(got["ids"], got["documents"]))

    def query(self, vector: Sequence[float], k: int) -> list[Hit]:
        if k <= 0:  # Chroma returns what it has when asked for more, so the store need not be counted first
            return []
        found = self.vectorstore.similarity_search_by_vector_with_relevance_scores(np.asarray(vector, dtype=float).tolist(), k=k)
        # Cosine space: Chroma's distance is 1 - cosine similarity.
        return [Hit(doc.id, doc.page_content, doc.metadata, 1.0 - distance) for doc, distance in found]


def _chunk_metadata(chunk: Chunk, extra: dict | None) -> dict:
    meta = {
        "source": chunk.source,
        "title": chunk.title,
        "chunk_index": chunk.index,
        "start": chunk.start,
        "end": chunk.end,
        "text_hash": chunk.text_hash,
    }
    if extra:
        meta.update(extra)
    return meta
