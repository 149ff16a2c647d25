"""Word files (.docx): paragraphs in order, headings as Markdown "#" lines, list items as "- " lines (numbered ones
under the number Word shows, "3. "), tables row by row."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import DocumentError

_HEADING = re.compile(r"^heading (\d)$", re.IGNORECASE)


def docx_text(raw: bytes, name: str) -> tuple[str, dict]:
    """The document's text (blocks apart by a blank line) and its core properties (title, author)."""
    from docx import Document
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    try:
        document = Document(io.BytesIO(raw))
        blocks = _blocks(document)
        core = document.core_properties
        properties = {"title": (core.title or "").strip(), "author": (core.author or "").strip()}
    except (OpcError, zipfile.BadZipFile, LxmlError, KeyError, ValueError, TypeError, AttributeError, OSError) as error:
        reason = str(error).rstrip(".") or type(error).__name__
        raise DocumentError(f"{name}: is not a readable Word file ({reason}).") from error
    return "\n\n".join(blocks), {key: value for key, value in properties.items() if value}


def _blocks(document) -> list[str]:
    from docx.table import Table

    blocks: list[str] = []
    listing = False  # consecutive list items stay on consecutive lines, like a Markdown list
    numbers = _Numbering(document)
    # The Title stands over the whole document: where Heading 1 is used too, each heading goes one level below it
    # ("# Handbook", "## About the school"), as a Markdown file's would.
    styles = {(p.style.name or "").lower() for p in document.paragraphs if p.style is not None and p.text.strip()}
    shift = 1 if {"title", "heading 1"} <= styles else 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = _rows(item)
            if rows:
                blocks.append("\n".join(rows))
            listing = False
            continue
        text = item.text.strip()
        if not text:
            continue
        level = _heading_level(item)
        if level and item.style.name != "Title":
            level = min(level + shift, 6)
        if level:
            blocks.append("#" * level + " " + " ".join(text.split()))
            listing = False
        elif _is_list_item(item):
            line = numbers.marker(item) + text.replace("\n", " ")
            if listing:
                blocks[-1] += "\n" + line
            else:
                blocks.append(line)
            listing = True
        else:
            blocks.append(text)
            listing = False
    return blocks


def _heading_level(paragraph) -> int:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == "Title":
        return 1
    match = _HEADING.match(name or "")
    return int(match.group(1)) if match else 0


def _is_list_item(paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    properties = paragraph._p.pPr
    return name.startswith("List") or (properties is not None and properties.numPr is not None)


class _Numbering:
    """The marker Word shows before a list item: "3. " or "b) " for a numbered list (counted as Word counts: per
    list, on at its next item after a paragraph between, deeper levels starting again under a new item), "- " for
    bullets and for what cannot be read."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, int], tuple[str, int]] = {}  # (numId, level) -> (format, start)
        self.counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): a for a in numbering.findall(_w("abstractNum"))}
        for num in numbering.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            levels = abstract.get(ref.get(_w("val"))) if ref is not None else None
            for level in levels.findall(_w("lvl")) if levels is not None else []:
                fmt, start = level.find(_w("numFmt")), level.find(_w("start"))
                self.formats[(num.get(_w("numId")), int(level.get(_w("ilvl"), 0)))] = (
                    fmt.get(_w("val")) if fmt is not None else "bullet", int(start.get(_w("val"))) if start is not None else 1,
                )
            for override in num.findall(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                key = (num.get(_w("numId")), int(override.get(_w("ilvl"), 0)))
                if start is not None and key in self.formats:
                    self.formats[key] = (self.formats[key][0], int(start.get(_w("val"))))

    def marker(self, paragraph) -> str:
        num_id, level = _numbering_of(paragraph)
        fmt, start = self.formats.get((num_id, level), ("bullet", 1)) if num_id else ("bullet", 1)
        if fmt not in ("decimal", "lowerLetter"):
            return "- "
        counts = self.counts.setdefault(num_id, {})
        n = counts.get(level, start - 1) + 1
        counts[level] = n
        for deeper in [lv for lv in counts if lv > level]:
            del counts[deeper]
        return f"{n}. " if fmt == "decimal" else f"{chr(ord('a') + (n - 1) % 26)}) "


def _numbering_of(paragraph) -> tuple[str | None, int]:
    """(numId, level) from the paragraph's own properties, else from its style's (a "List Number" style carries it)."""
    level = 0
    for holder in (paragraph._p.pPr, *_style_chain(paragraph.style)):
        num_pr = holder.numPr if holder is not None else None
        if num_pr is None:
            continue
        if num_pr.ilvl is not None:
            level = int(num_pr.ilvl.val)
        if num_pr.numId is not None:
            return str(num_pr.numId.val), level
    return None, level


def _style_chain(style) -> list:
    chain = []
    while style is not None and len(chain) < 10:
        chain.append(style.element.pPr)
        style = style.base_style
    return chain


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is last:  # a merged cell is listed once per grid column it spans
                continue
            last = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows
