"""Word files (.docx): paragraphs in order, headings as Markdown "#" lines, list items as "- " lines, tables row by row."""

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
        if level:
            blocks.append("#" * level + " " + " ".join(text.split()))
            listing = False
        elif _is_list_item(item):
            line = "- " + text.replace("\n", " ")
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
