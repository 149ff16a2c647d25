"""Reading documents from disk: one loader per file type, each returning the text that offsets refer to."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, UnsupportedDocument

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
META_SUFFIX = ".meta.json"  # optional sidecar: {"title": ..., "author": ..., ...}


@dataclass
class SourceDocument:
    """A document's text plus what citations need to name it."""

    source: str  # path relative to the project root, or a stable id for documents not from files
    text: str
    title: str
    kind: str
    size: int
    sha256: str
    metadata: dict = field(default_factory=dict)


def is_document(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(".")


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files under the given paths, sorted, sidecars and hidden files excluded."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.endswith(META_SUFFIX) and not _hidden(child, path):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise DocumentError(f"{path} does not exist.")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load(path: Path, root: Path) -> SourceDocument:
    """Read one file; raises `UnsupportedDocument` or `DocumentError` naming the file."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocument(f"{path.name}: unsupported file type {suffix or '(none)'}; use .txt, .md, .html or .pdf.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path.name}: cannot be read ({error.strerror}).") from error
    meta = _sidecar(path)
    if suffix == ".pdf":
        text, pdf_title = _pdf_text(raw, path.name)
        title = meta.get("title") or pdf_title
    elif suffix in (".html", ".htm"):
        text, html_title = _html_text(_decode(raw, path.name))
        title = meta.get("title") or html_title
    else:
        # Universal newlines, exactly as `open(source).read()` gives them, so offsets match that.
        text = _decode(raw, path.name).replace("\r\n", "\n").replace("\r", "\n")
        title = meta.get("title")
    if not text.strip():
        raise DocumentError(f"{path.name}: contains no text.")
    return SourceDocument(
        source=_relative(path, root),
        text=text,
        title=title or _first_line(text) or path.stem,
        kind="html" if suffix == ".htm" else suffix.lstrip("."),
        size=len(raw),
        sha256=hashlib.sha256(raw + json.dumps(meta, sort_keys=True).encode()).hexdigest(),
        metadata={k: v for k, v in meta.items() if k != "title" and isinstance(v, (str, int, float, bool))},
    )


def _relative(path: Path, root: Path) -> str:
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _sidecar(path: Path) -> dict:
    meta_path = path.with_name(path.name + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DocumentError(f"{meta_path.name}: not valid JSON ({error}).") from error
    return meta if isinstance(meta, dict) else {}


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{name}: looks like a binary file, not text.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{name}: is not UTF-8 text (byte {error.start}); save it as UTF-8 and add it again.") from error


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _html_text(html: str) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    # Blank lines between blocks keep paragraphs apart for the splitter and the sentence segmenter.
    return "\n\n".join(line for line in lines if line), title


def _pdf_text(raw: bytes, name: str) -> tuple[str, str | None]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: is an encrypted PDF; remove the password and add it again.")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(f"{name}: is not a readable PDF ({error}).") from error
    return "\n\n".join(p.strip() for p in pages if p.strip()), (title or None)
