"""Syncing documents into the store: add new, re-embed changed, remove deleted, skip unchanged."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .chunking import Chunk, Chunker
from .documents import SourceDocument, iter_files, load
from ..embeddings import Embedder
from ..errors import DocumentError, UnsupportedDocument
from .store import DocumentRecord, Store

log = logging.getLogger(__name__)

# Documents are written in groups so a huge corpus never sits in memory whole and progress lands steadily.
GROUP_CHUNKS = 4096


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one sentence each: unsupported types
    failed: list[str] = field(default_factory=list)  # one sentence each: unreadable documents
    chunks_embedded: int = 0
    chunks_reused: int = 0
    sentences_embedded: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        docs = len(self.added) + len(self.updated) + len(self.unchanged)
        line = (
            f"{docs} document{'s' if docs != 1 else ''} in store: {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {len(self.unchanged)} unchanged; {self.chunks_embedded} chunks embedded, "
            f"{self.chunks_reused} reused"
        )
        if self.sentences_embedded:
            line += f", {self.sentences_embedded} sentences"
        if self.skipped:
            line += f"; {len(self.skipped)} skipped"
        if self.failed:
            line += f"; {len(self.failed)} failed"
        return line + f" ({self.seconds:.1f} s)."


class Ingestor:
    """Brings the store in line with a set of documents; every step is safe to repeat after a crash."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        chunker: Chunker,
        root: Path,
        sentence_texts: Callable[[str], list[str]] | None = None,
        sentence_version: str = "1",
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.chunker = chunker
        self.root = root
        # document text -> the texts the reader will embed from it; their vectors are stored after the chunks
        self.sentence_texts = sentence_texts
        # How the reader reads sentences: when it changes, unchanged documents' sentence vectors are written anew.
        self.sentence_version = sentence_version

    def sync_paths(self, paths: list[Path], progress: bool = False) -> SyncReport:
        """Sync files; documents stored from inside a given folder but no longer in it are removed."""
        report = SyncReport()
        documents: list[SourceDocument] = []
        unreadable: set[str] = set()
        for path in iter_files(paths):
            try:
                documents.append(load(path, self.root))
            except UnsupportedDocument as error:
                report.skipped.append(str(error))
            except DocumentError as error:
                report.failed.append(str(error))
                unreadable.add(self._source_prefix(path).rstrip("/"))
        folders = [self._source_prefix(p) for p in paths if p.is_dir()]
        return self.sync_documents(documents, prune_prefixes=folders, report=report, progress=progress, keep=unreadable)

    def _source_prefix(self, folder: Path) -> str:
        folder = folder.resolve()
        try:
            rel = folder.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = folder.as_posix()
        return "" if rel == "." else rel.rstrip("/") + "/"

    def sync_documents(
        self,
        documents: Iterable[SourceDocument],
        prune_prefixes: Iterable[str] = (),
        report: SyncReport | None = None,
        progress: bool = False,
        keep: set[str] | None = None,
    ) -> SyncReport:
        started = time.perf_counter()
        report = report or SyncReport()
        existing = {r.source: r for r in self.store.documents()}
        wanted: dict[str, SourceDocument] = {}
        for doc in documents:
            wanted[doc.source] = doc
        todo = []
        for doc in wanted.values():
            record = existing.get(doc.source)
            if record and record.status == "ready" and record.sha256 == doc.sha256 and record.signature == self.chunker.signature:
                report.unchanged.append(doc.source)
            else:
                todo.append((doc, record))
        # A document that failed to load keeps its old chunks: a bad edit must not erase good answers.
        keep = keep or set()
        prefixes = tuple(prune_prefixes)
        for source in existing:
            if source not in wanted and source not in keep and prefixes and source.startswith(prefixes):
                self.store.remove(source)
                report.removed.append(source)
        self._write(todo, report, progress)
        if self.sentence_texts is not None:
            # Changed documents, and unchanged ones stored before sentence vectors were (or while a crash stopped them),
            # or read into sentences by another version of the reader.
            unchanged = set(report.unchanged)
            behind = [
                (doc, existing[doc.source]) for doc in wanted.values()
                if doc.source in unchanged and existing[doc.source].sentence_vectors != self.sentence_version
            ]
            self._write_sentences([(doc, record) for doc, record in todo] + behind, report, progress)
        if report.changed:
            self.store.bump_generation()
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, source: str) -> bool:
        removed = self.store.remove(source)
        if removed:
            self.store.bump_generation()
        return removed

    def _write(self, todo: list[tuple[SourceDocument, DocumentRecord | None]], report: SyncReport, progress: bool) -> None:
        if not todo:
            return
        split = [(doc, record, self.chunker.split(doc)) for doc, record in todo]
        total = sum(len(chunks) for _, _, chunks in split)
        bar = _progress_bar(total, progress)
        group: list[tuple[SourceDocument, DocumentRecord | None, list[Chunk]]] = []
        size = 0
        for item in split:
            group.append(item)
            size += len(item[2])
            if size >= GROUP_CHUNKS:
                self._write_group(group, report, bar)
                group, size = [], 0
        if group:
            self._write_group(group, report, bar)
        bar.close()

    def _write_sentences(self, todo: list[tuple[SourceDocument, DocumentRecord | None]], report: SyncReport, progress: bool) -> None:
        """Second phase: the documents are already searchable; now the reader's sentence vectors are stored, each
        text embedded once even when several documents share it (a text two documents share is kept under one of
        them, so removing that one makes the other embed it when it is read). A crash here loses only speed."""
        if not todo:
            return
        wanted: dict[str, list[str]] = {}
        for doc, record in todo:
            texts = list(dict.fromkeys(self.sentence_texts(doc.text)))
            wanted[doc.source] = texts
            if record is not None:
                keep = {self.store.sentence_id(t) for t in texts}
                self.store.delete_sentence_ids(self.store.sentence_ids(doc.source) - keep)
        every = list(dict.fromkeys(t for texts in wanted.values() for t in texts))
        known = self.store.known_sentences(every) if every else set()
        missing = [t for t in every if t not in known]
        owner = {t: source for source, texts in wanted.items() for t in texts}
        bar = _progress_bar(len(missing), progress, "Sentences", "sentence")
        for start in range(0, len(missing), GROUP_CHUNKS):
            part = missing[start : start + GROUP_CHUNKS]
            vectors = self.embedder.encode(part, progress=bar.update)
            by_source: dict[str, list[int]] = {}
            for i, text in enumerate(part):
                by_source.setdefault(owner[text], []).append(i)
            for source, rows in by_source.items():
                self.store.write_sentence_vectors(source, [part[i] for i in rows], vectors[rows])
            report.sentences_embedded += len(part)
        bar.close()
        self.store.mark_sentence_vectors([doc.source for doc, _ in todo], self.sentence_version)

    def _write_group(self, group, report: SyncReport, bar) -> None:
        # Reuse vectors of unchanged chunk texts (from the store and from within this group): never embed twice.
        known: dict[str, np.ndarray] = {}
        for _, record, _ in group:
            if record is not None:
                known.update(self.store.embeddings_by_text(record.source))
        missing: dict[str, str] = {}
        for _, _, chunks in group:
            for chunk in chunks:
                if chunk.text_hash not in known:
                    missing.setdefault(chunk.text_hash, chunk.text)
        reused = sum(len(chunks) for _, _, chunks in group) - len(missing)
        bar.update(reused)
        if missing:
            vectors = self.embedder.encode(list(missing.values()), progress=bar.update)
            known.update(zip(missing.keys(), vectors))
        report.chunks_embedded += len(missing)
        report.chunks_reused += reused
        self._write_documents(group, known)
        for doc, record, _ in group:
            (report.updated if record else report.added).append(doc.source)

    def _write_documents(self, group, vectors: dict) -> None:
        # Pending first, ready last: a crash anywhere in between leaves records the next sync redoes. The whole
        # group is written in a few calls rather than four per document, because each Chroma write is a commit.
        pending = [(self._record(doc, len(chunks)), doc.text) for doc, _, chunks in group]
        self.store.mark_all(pending)
        new_ids = {c.id for _, _, chunks in group for c in chunks}
        stale = [i for i in self.store.chunk_ids_of([doc.source for doc, _, _ in group]) if i not in new_ids]
        self.store.delete_chunks(stale)
        chunks = [c for _, _, doc_chunks in group for c in doc_chunks]
        if chunks:
            matrix = np.vstack([vectors[c.text_hash] for c in chunks])
            self.store.write_chunks(chunks, matrix, extra_by_source={doc.source: _doc_extra(doc) for doc, _, _ in group})
        self.store.mark_all([(replace(record, status="ready"), text) for record, text in pending])

    def _record(self, doc: SourceDocument, chunks: int) -> DocumentRecord:
        return DocumentRecord(
            source=doc.source,
            title=doc.title,
            kind=doc.kind,
            size=doc.size,
            sha256=doc.sha256,
            signature=self.chunker.signature,
            chunks=chunks,
            ingested_at=time.time(),
            status="pending",
        )


def _doc_extra(doc: SourceDocument) -> dict:
    return {"kind": doc.kind, **{f"doc_{k}": v for k, v in doc.metadata.items()}}


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, enabled: bool, desc: str = "Embedding", unit: str = "chunk"):
    if not enabled or not total:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit)

