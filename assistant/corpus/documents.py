"""Reading documents from disk: one loader per file type, each returning the text that offsets refer to."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError, UnsupportedDocument

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
META_SUFFIX = ".meta.json"  # optional sidecar: {"title": ..., "author": ..., ...}
# Bumped when a loader reads the same file into different text, so a sync re-reads files it already has.
_READER_VERSION = {".pdf": b"pdf:pages-4", ".html": b"html:structure-7", ".htm": b"html:structure-7", ".docx": b"docx-2"}


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


def supported_list() -> str:
    """The supported types for a message: ".txt, .md, .html, .htm, .pdf or .docx"."""
    return ", ".join(SUPPORTED_SUFFIXES[:-1]) + " or " + SUPPORTED_SUFFIXES[-1]


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
        raise UnsupportedDocument(f"{path.name}: unsupported file type {suffix or '(none)'}; use {supported_list()}.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path.name}: cannot be read ({error.strerror}).") from error
    meta = _sidecar(path)
    properties: dict = {}  # title and author the file itself gives; the sidecar's win
    if suffix == ".pdf":
        from .pdf import pdf_text

        text, properties = pdf_text(raw, path.name)
    elif suffix == ".docx":
        from .docx import docx_text

        text, properties = docx_text(raw, path.name)
    elif suffix in (".html", ".htm"):
        text, html_title = _html_text(_decode(raw, path.name))
        properties = {"title": html_title} if html_title else {}
    else:
        # Universal newlines, exactly as `open(source).read()` gives them, so offsets match that.
        text = _decode(raw, path.name).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{path.name}: contains no text.")
    described = {**properties, **{k: v for k, v in meta.items() if v not in ("", None)}}
    # Heading and list marks were written by the loader, not the author: a title taken from the first line drops them.
    first = _first_line(text).lstrip("#- ").strip() if suffix in (".html", ".htm", ".docx") else _first_line(text)
    return SourceDocument(
        source=_relative(path, root),
        text=text,
        title=described.get("title") or first or path.stem,
        kind="html" if suffix == ".htm" else suffix.lstrip("."),
        size=len(raw),
        sha256=hashlib.sha256(raw + json.dumps(meta, sort_keys=True).encode() + _READER_VERSION.get(suffix, b"")).hexdigest(),
        metadata={k: v for k, v in described.items() if k != "title" and isinstance(v, (str, int, float, bool))},
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
    for tag in soup(["script", "style", "noscript", "template", *_CHROME_TAGS]):
        tag.decompose()
    # A page's chrome, not its text: navigation, menus, search boxes, dialogs and pop-ups, and what is hidden.
    for tag in soup.find_all(_is_chrome):
        if not tag.decomposed:
            tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    blocks: list[tuple[str, str]] = []
    _html_blocks(soup, blocks)
    # Blank lines between blocks keep paragraphs apart for the splitter and the sentence segmenter; the items of
    # a list and the rows of a table stay on consecutive lines, as in Markdown.
    text = ""
    for i, (kind, block) in enumerate(blocks):
        text += ("\n" if kind == "item" and blocks[i - 1][0] == "item" else "\n\n") + block if i else block
    return text, title


_CHROME_TAGS = ("nav", "button", "input", "select", "textarea", "svg", "dialog", "menu")
_CHROME_ROLES = {"navigation", "menu", "menubar", "search", "dialog", "alertdialog", "toolbar", "tablist"}
_POPUP = re.compile(r"(?:^|[-_])(?:popup|popover|modal|cookie|cookies)(?:$|[-_])", re.I)


def _is_chrome(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if str(attrs.get("role", "")).lower() in _CHROME_ROLES:
        return True
    names = [str(attrs.get("id", "")), *(attrs.get("class") or [])]
    return any(_POPUP.search(name) for name in names)


_LISTS = ("ul", "ol")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "td", "th", "section", "article", "blockquote", "pre", "dd", "dt", *_LISTS}


def _html_blocks(node, blocks: list[tuple[str, str]]) -> None:
    """A paragraph per block of running text, as a browser lays it out (the line breaks of the HTML source and inline
    tags such as <b> or <a> do not break it); headings as "# ...", list items as "- ...", table rows as "a | b", and
    preformatted text line by line between code fences."""
    from bs4 import CData, NavigableString, Tag

    run: list[str] = []  # running text and inline tags since the last block

    def flush() -> None:
        if paragraph := " ".join("".join(run).split()):
            blocks.append(("text", paragraph))
        run.clear()

    for child in node.children:
        if type(child) in (NavigableString, CData):
            run.append(str(child))
        elif not isinstance(child, Tag):
            continue  # comments, doctypes, processing instructions
        elif re.fullmatch(r"h[1-6]", child.name):
            flush()
            if heading := _inline(child):
                blocks.append(("heading", "#" * int(child.name[1]) + " " + heading))
        elif child.name == "li":
            flush()
            if item := _inline(child, skip=(*_LISTS, "pre")):
                blocks.append(("item", "- " + item))
            # A list or a code block inside an item comes after the item's words, as a browser shows it.
            for nested in child.find_all([*_LISTS, "pre"]):
                if nested.find_parent("li") is not child:
                    continue  # inside a nested list: read with it
                if nested.name == "pre":
                    _pre(nested, blocks)
                else:
                    _html_blocks(nested, blocks)
        elif child.name == "dl":
            flush()
            _definitions(child, blocks)
        elif child.name == "table":
            flush()
            rows = [row for row in child.find_all("tr") if row.find_parent("table") is child]
            lines = [" | ".join(_inline(cell) for cell in row.find_all(["td", "th"], recursive=False)) for row in rows]
            if lines := [line for line in lines if line.strip(" |")]:
                blocks.append(("table", "\n".join(lines)))
        elif child.name == "pre":
            flush()
            _pre(child, blocks)
        elif child.name == "br":
            run.append(" ")
        elif child.name in _BLOCK_TAGS or child.find(_STRUCTURE) is not None:
            flush()
            _html_blocks(child, blocks)
            flush()
        else:
            run.append(_inline(child))  # <b>, <a>, <span>: part of the running text
    flush()


def _definitions(dl, blocks: list[tuple[str, str]]) -> None:
    """A definition list as list items, each term with its description ("- Kettle Red: A sharp apple with red stripes
    ..."): the description is about the term, which a reader sees beside it."""
    terms: list[str] = []
    for entry in dl.find_all(["dt", "dd"]):
        if entry.find_parent("dl") is not dl:
            continue  # a nested list is read with its own description
        text = _inline(entry)
        if entry.name == "dt":
            terms.append(text)
        elif text:
            blocks.append(("item", "- " + (" / ".join(t for t in terms if t) + ": " if any(terms) else "") + text))
            terms = []
    if any(terms):
        blocks.append(("item", "- " + " / ".join(t for t in terms if t)))


_STRUCTURE = [*_BLOCK_TAGS, "table", "dl", "h1", "h2", "h3", "h4", "h5", "h6"]


def _pre(tag, blocks: list[tuple[str, str]]) -> None:
    """Preformatted text, fenced as in Markdown so that its lines are read as code, not as sentences or "# headings";
    the fence is longer than any run of backticks in the code."""
    if lines := [line.rstrip() for line in tag.get_text().splitlines() if line.strip()]:
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", "\n".join(lines))), default=0))
        blocks.append(("pre", "\n".join([fence, *lines, fence])))


def _inline(tag, skip: tuple[str, ...] = ()) -> str:
    """A block's text on one line: inline tags joined as written, blocks inside it and runs of white space as one space."""
    from bs4 import CData, NavigableString, Tag

    parts: list[str] = []

    def walk(node) -> None:
        for child in node.children:
            if type(child) in (NavigableString, CData):
                parts.append(str(child))
            elif isinstance(child, Tag) and child.name not in skip:
                spaced = child.name in _BLOCK_TAGS
                parts.append(" " if spaced else _CODE_MARK if child.name == "code" else "")
                walk(child)
                parts.append(" " if spaced else _CODE_MARK if child.name == "code" else "")

    walk(tag)
    inner = " ".join("".join(parts).split())
    # Inline code in backticks, as Markdown writes it: "use `//!` for the crate" is one sentence, not two at "!".
    return f"{_CODE_MARK}{inner}{_CODE_MARK}" if tag.name == "code" and inner else inner


_CODE_MARK = "`"
