"""Changing the corpus folder from outside (the web page): adding uploaded files and removing documents.

Each change is all-or-nothing: a refused or failed file leaves the corpus folder and the store as they were.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .documents import META_SUFFIX, SUPPORTED_SUFFIXES, supported_list
from ..errors import AssistantError

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^\w.-]+")  # anything but letters, digits, _ . - becomes a dash
_MAX_STEM = 120


class UploadRefused(AssistantError):
    """An uploaded file was not added; the message names it and says why, `kind` says which rule refused it.

    Kinds: "name", "unsupported", "empty", "too_large", "conflict", "unreadable", "unknown" (the HTTP API maps them to statuses).
    """

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class UploadReport:
    added: list[str] = field(default_factory=list)  # sources now in the store
    unchanged: list[str] = field(default_factory=list)  # identical files already there
    refused: list[str] = field(default_factory=list)  # one sentence per file
    errors: list[AssistantError] = field(default_factory=list)  # the error behind each refused sentence, in order

    def summary(self) -> str:
        parts = []
        if self.added:
            parts.append(f"Added {', '.join(self.added)}.")
        if self.unchanged:
            parts.append(f"Already in the corpus, unchanged: {', '.join(self.unchanged)}.")
        parts += self.refused
        return " ".join(parts) or "No files were given."


def safe_name(name: str) -> str:
    """The file name an upload is stored under: no folders, no hidden files, only plain characters."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name or ""))[-1]
    cleaned = _UNSAFE.sub("-", base).strip(".- ")
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        stem, suffix = cleaned, ""
    stem = re.sub(r"-{2,}", "-", stem)[:_MAX_STEM].strip(".- ")
    if not stem:
        raise UploadRefused(f"{_shown(name)}: not a usable file name; rename the file and upload it again.", "name")
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check(name: str, path: Path, max_bytes: int) -> str:
    """Refuse unsupported types, empty and oversized files before anything is written; return the safe name."""
    safe = safe_name(name)
    suffix = Path(safe).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES or safe.endswith(META_SUFFIX):
        raise UploadRefused(f"{_shown(name)}: unsupported file type {suffix or '(none)'}; upload {supported_list()} files.", "unsupported")
    size = path.stat().st_size
    if size == 0:
        raise UploadRefused(f"{_shown(name)}: the file is empty.", "empty")
    if size > max_bytes:
        raise UploadRefused(f"{_shown(name)}: {_megabytes(size)} is over the upload limit of {_megabytes(max_bytes)}.", "too_large")
    return safe


def add_files(
    assistant,
    files: Iterable[tuple[str, Path] | Path],
    progress: Callable[[int, int, str], None] | None = None,
    show_bar: bool = False,
) -> UploadReport:
    """Copy each file into the corpus folder and ingest only that file; `progress(done, total, name)`."""
    items = [f if isinstance(f, tuple) else (Path(f).name, Path(f)) for f in files]
    report = UploadReport()
    for done, (name, path) in enumerate(items):
        if progress:
            progress(done, len(items), name)
        try:
            _add_one(assistant, name, Path(path), report, show_bar)
        except AssistantError as error:
            report.refused.append(str(error))
            report.errors.append(error)
    if progress:
        progress(len(items), len(items), "")
    return report


def _add_one(assistant, name: str, path: Path, report: UploadReport, show_bar: bool = False) -> None:
    settings = assistant.settings
    safe = check(name, path, settings.max_upload_bytes)
    folder = settings.corpus_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe
    if target.resolve().parent != folder.resolve():
        raise UploadRefused(f"{_shown(name)}: not a usable file name; rename the file and upload it again.", "name")
    source = _source(assistant, target)
    # Only what this upload created is undone: an older record of the same source is left as it was.
    fresh = assistant.store.document(source) is None
    created = _place(path, target, settings.max_upload_bytes, name)
    try:
        sync = assistant.ingest([target], progress=show_bar)
    except BaseException:
        _undo(assistant, target, source, created, fresh)
        raise
    problems = sync.failed + sync.skipped
    if problems:
        _undo(assistant, target, source, created, fresh)
        raise UploadRefused(" ".join(problems) + " Nothing was added.")
    (report.added if sync.added or sync.updated else report.unchanged).append(source)


def _place(path: Path, target: Path, max_bytes: int, name: str) -> bool:
    """Write the upload under its final name without ever overwriting; True if a new file was created."""
    # A hidden temporary name: a folder sync running meanwhile skips it, and a crash leaves no half document.
    part = target.with_name(f".upload-{uuid.uuid4().hex}.part")
    try:
        digest = _copy(path, part, max_bytes, name)
        try:
            os.link(part, target)  # fails if the name exists: an upload never replaces a file
            return True
        except FileExistsError:
            if _sha256(target) == digest:
                return False
            raise UploadRefused(
                f"{_shown(name)}: {target.name} is already in the corpus with different content; "
                "remove that document first or rename the file.",
                "conflict",
            ) from None
    finally:
        part.unlink(missing_ok=True)


def _copy(path: Path, part: Path, max_bytes: int, name: str) -> str:
    digest = hashlib.sha256()
    written = 0
    with path.open("rb") as src, part.open("xb") as dst:
        while block := src.read(1 << 20):
            written += len(block)
            if written > max_bytes:  # the file grew after it was checked
                raise UploadRefused(f"{_shown(name)}: over the upload limit of {_megabytes(max_bytes)}.", "too_large")
            digest.update(block)
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def _undo(assistant, target: Path, source: str, created: bool, fresh: bool) -> None:
    # What was there before this upload (the file, or an older record of the same source) is left alone.
    if created:
        target.unlink(missing_ok=True)
    if not (created and fresh):
        return
    try:
        if assistant.store.document(source) is not None or assistant.store.chunk_ids(source):
            assistant.remove(source)
    except AssistantError:
        log.warning("Could not remove %s from the store after a failed upload; the next sync will.", source)


def remove_document(assistant, source: str) -> Path | None:
    """Remove a document from the store and move its file out of the corpus folder (into data/removed/).

    The file is kept, not deleted, so a mistaken removal can be undone; without the move the next
    folder sync would bring the document back. Returns where the file went, or None if it was not in corpus/.
    """
    if assistant.store.document(source) is None:
        raise UploadRefused(f"{source} is not in the store.", "unknown")
    path = assistant.settings.resolve(Path(source))
    moved = _move_out(assistant.settings, path) if _inside(path, assistant.settings.corpus_path) else []
    try:
        assistant.remove(source)
    except BaseException:
        for original, kept in moved:
            kept.replace(original)
        raise
    return moved[0][1] if moved else None


def _move_out(settings, path: Path) -> list[tuple[Path, Path]]:
    if not path.is_file():
        return []
    trash = settings.data_path / "removed"
    trash.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = []
    for original in (path, path.with_name(path.name + META_SUFFIX)):
        if original.exists():
            kept = trash / f"{stamp}-{uuid.uuid4().hex[:6]}-{original.name}"
            shutil.move(original, kept)
            moved.append((original, kept))
    return moved


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _source(assistant, path: Path) -> str:
    root = assistant.settings.root.resolve()
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _shown(name: str) -> str:
    """A file name as it may appear in a message: one line, bounded length."""
    flat = " ".join(str(name).split())
    return flat if len(flat) <= 80 else flat[:77] + "..."
