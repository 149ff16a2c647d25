"""PDFs: text in reading order with the page breaks kept (one form feed between pages), and a page drawn with a quote
highlighted where it stands on it.

The text comes from pdfminer.six's layout analysis, ordered by cutting each page into columns and bands; running
headers, footers and page numbers are dropped. The same extraction, redone for one page, gives every stored
character its box on the page, which is what the highlight is drawn from.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DocumentError
from ..text import LIST_MARKER

PAGE_BREAK = "\f"  # between consecutive pages' text; the page of offset i is text.count("\f", 0, i) + 1
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be a running header or footer
_REPEATED = 0.5  # ... and are dropped when they repeat on more than this share of the pages
_ROMAN = r"(?=[ivxlc])c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(rf"^[-–—\s]*((page|p\.)\s*)?(\d{{1,4}}|{_ROMAN})(\s*(of|/)\s*\d{{1,4}})?[-–—\s]*$", re.IGNORECASE)
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
CELL_GAP = " | "  # between a table row's cells, as HTML and Word tables are read: the reader knows such a line for a row
_DOT = 6.0  # points: a drawn shape no wider or taller than this may be a list's bullet
_BULLET_GAP = 16.0  # points between a bullet and its item's text, at most
_CELL_SPACE = 0.9  # a gap between glyphs wider than this many line heights parts two cells
_SAME_LINE = 2.0  # points between the baselines of cells of one table row
_CELL_WORDS = 6  # a table's cells average at most this many words (prose side by side is columns, not a table)
_ALIGN = 3.0  # points: a line starting this close to a column's left edge is in that column
_ROW_REACH = 2.5  # line heights between a table's last line and the next row's first, at most
_CELL_LINES = 4  # a table cell wraps onto at most this many lines
_LINE_MARGIN = 0.5  # line heights between two lines of one cell, at most (pdfminer's own for a paragraph's lines)
_HIGHLIGHT = (250, 204, 21, 110)  # RGBA drawn over the quote's characters
_pdfium_lock = threading.Lock()  # PDFium is not thread-safe; the web page serves several sessions at once

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, origin at the bottom left


@dataclass
class Line:
    """One line of a page as extracted: its text and, per character, the glyph's box (None for inserted spaces)."""

    text: str
    boxes: list[Box | None]
    bbox: Box
    parts: tuple[Line, ...] = ()  # the lines a table cell's wrapped lines were joined from


# -- text ------------------------------------------------------------------------------------------
def pdf_text(raw: bytes, name: str) -> tuple[str, dict]:
    """The document's text, pages joined by a form feed, and its properties (title, author); one-sentence errors."""
    properties = _properties(raw, name)
    pages = _pages(raw, name)
    if not any(line.text.strip() for page in pages for block in page for line in block):
        raise DocumentError(f"{name}: has no text layer (a scanned PDF?); run it through OCR and add it again.")
    dropped = _running_lines(pages)
    return PAGE_BREAK.join(_page_text(page, dropped, p) for p, page in enumerate(pages)), properties


def page_of(text: str, offset: int) -> int:
    """The 1-based page an offset of a PDF's stored text is on."""
    return text.count(PAGE_BREAK, 0, max(0, offset)) + 1


def _properties(raw: bytes, name: str) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: is an encrypted PDF; remove the password and add it again.")
        info = reader.metadata
        len(reader.pages)  # a file whose page tree is broken fails here, with pypdf's reason
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(f"{name}: is not a readable PDF ({error}).") from error
    if not info:
        return {}
    return {key: str(value).strip() for key, value in (("title", info.title), ("author", info.author)) if value and str(value).strip()}


def _pages(raw: bytes, name: str, page_numbers: list[int] | None = None) -> list[list[list[Line]]]:
    """Each page as its text blocks in reading order, each block its lines."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTCurve, LTTextBox
    from pdfminer.psparser import PSException  # the base of every pdfminer error

    pages = []
    try:
        for layout in extract_pages(io.BytesIO(raw), laparams=LAParams(), page_numbers=page_numbers):
            blocks = [el for el in layout if isinstance(el, LTTextBox)]
            ordered = _reading_order(blocks, _width(blocks) if blocks else 0)
            dots = [el.bbox for el in layout if isinstance(el, LTCurve) and el.width <= _DOT and el.height <= _DOT]
            lines = (part for block in ordered for part in _bulleted(_lines(block), dots) if part)
            pages.append(_tables(_hanging(lines)))
    except (PSException, ValueError, KeyError, TypeError, AssertionError, OSError) as error:
        raise DocumentError(f"{name}: is not a readable PDF ({error}).") from error
    return pages


def _lines(block) -> list[Line]:
    from pdfminer.layout import LTChar, LTTextLine

    lines = []
    for line in block:
        if not isinstance(line, LTTextLine):
            continue
        items = list(line)
        chars, boxes = [], []
        for i, item in enumerate(items):
            text = item.get_text()
            box = (item.x0, item.y0, item.x1, item.y1) if isinstance(item, LTChar) else None
            if box and text == " " and i + 1 < len(items) and _starts_within(items[i + 1], item):
                continue  # a space glyph drawn under the next one (Chromium does this at a hyphenated line end)
            text = _LIGATURES.get(text, text).replace(PAGE_BREAK, " ").replace("\r", " ").replace("\n", " ")
            chars += text
            boxes += [box] * len(text)
        start = next((i for i, c in enumerate(chars) if not c.isspace()), len(chars))
        end = len(chars) - next((i for i, c in enumerate(reversed(chars)) if not c.isspace()), len(chars))
        if start < end:
            lines.append(Line("".join(chars[start:end]), boxes[start:end], (line.x0, line.y0, line.x1, line.y1)))
    return lines


def _bulleted(block: list[Line], dots: list[Box]) -> list[list[Line]]:
    """A block cut before each line that starts a list item whose bullet is drawn, not written (Chromium draws a disc),
    with a "• " put before that line so that the item reads as one. A dot just left of a line, level with it, is its
    bullet; pdfminer groups the items of a list into one block, as it groups the lines of a paragraph."""
    out: list[list[Line]] = []
    for line in block:
        x0, y0, x1, y1 = line.bbox
        dot = next((d for d in dots if 0 < x0 - d[2] <= _BULLET_GAP and y0 <= (d[1] + d[3]) / 2 <= y1), None)
        if dot is not None:
            out.append([Line("• " + line.text, [dot, None] + line.boxes, (dot[0], y0, x1, y1))])
        elif out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _hanging(blocks: Iterable[list[Line]]) -> list[list[Line]]:
    """Blocks with a list item's wrapped lines joined to its first: pdfminer groups only aligned lines, so the lines
    under a hanging indent ("1. The police pass ... with the" over "caller's phone number ...") come out apart."""
    out: list[list[Line]] = []
    for block in blocks:
        item = out[-1] if out else None
        marker = LIST_MARKER.match(item[0].text) if item else None
        if item and marker and _continues_item(item, block, marker.end()):
            item.extend(block)
        else:
            out.append(list(block))
    return out


def _continues_item(item: list[Line], block: list[Line], text_start: int) -> bool:
    """Does `block` stand directly under `item`, at the indent of the item's text after its marker?"""
    first, last, next_line = item[0], item[-1], block[0]
    indent = next((box[0] for box in first.boxes[text_start:] if box), None)
    height = first.bbox[3] - first.bbox[1]
    gap = last.bbox[1] - next_line.bbox[3]
    return indent is not None and abs(next_line.bbox[0] - indent) <= 2 and -1 <= gap <= 0.8 * height


def _tables(blocks: list[list[Line]]) -> list[list[Line]]:
    """Blocks with a table's cells read a row at a time: the cells of a row (one line each, on one baseline) joined by
    runs of spaces, as a plain-text table is written, and the rows of the table one block. pdfminer gives each cell a
    block of its own (or runs two close cells together), so without this every figure of a table stands alone."""
    tables: list[list[tuple[list[int], list[Line]]]] = []
    for row in _rows(blocks):
        table = tables[-1] if tables else None
        if table and _next_row(table[-1][1], row[1]):
            table.append(row)
        else:
            tables.append([row])
    first_cell: dict[int, list[Line]] = {}
    tables = [
        table for table in tables
        if len(table) >= 2 and sum(len(c.text.split()) for _, row in table for c in row) <= _CELL_WORDS * sum(len(row) for _, row in table)
    ]
    cells: set[int] = {i for table in tables for indices, _ in table for i in indices}
    for table in tables:
        wrapped = _wrapped_cells(table, blocks, cells)
        first_cell[table[0][0][0]] = [_row_line(row) for row in _grid(table, [blocks[i] for i in wrapped])]
        cells.update(wrapped)
    return [first_cell[i] if i in first_cell else block for i, block in enumerate(blocks) if i in first_cell or i not in cells]


def _columns(table: list[tuple[list[int], list[Line]]]) -> list[float]:
    """Where each column of a table starts: its cells' leftmost edge."""
    return [min(row[k].bbox[0] for _, row in table) for k in range(len(table[0][1]))]


def _column_of(line: Line, starts: list[float]) -> int | None:
    """The column a line starts at (cells are left-aligned), if any; a line of the last column but one must end
    before the last column starts."""
    for k, start in enumerate(starts):
        if abs(line.bbox[0] - start) <= _ALIGN:
            return k if k + 1 == len(starts) or line.bbox[2] < starts[k + 1] else None
    return None


def _wrapped_cells(table: list[tuple[list[int], list[Line]]], blocks: list[list[Line]], taken: set[int]) -> list[int]:
    """The blocks that are the rest of a table whose cells wrap: the lines under a one-line cell that carry on its
    text ("more than 2" / "miles"), and rows below whose cells take two lines or more, which pdfminer gives as blocks
    of their own. Each line starts at a column's left edge, and each block is close under the table so far."""
    starts = _columns(table)
    top = max(row[0].bbox[3] for _, row in table)
    bottom = min(cell.bbox[1] for _, row in table for cell in row)
    height = min(cell.bbox[3] - cell.bbox[1] for cell in table[0][1])  # a line's height (a wrapped cell is taller)
    found: list[int] = []
    candidates = sorted(
        (i for i in range(len(blocks)) if i not in taken),  # not a row of this table or another, nor taken already
        key=lambda i: -blocks[i][0].bbox[3],
    )
    for i in candidates:
        block = blocks[i]
        if block[0].bbox[3] > top:
            continue  # above the table
        if bottom - block[0].bbox[3] > _ROW_REACH * height:
            break  # below the table's end: everything after is further down
        if all(_column_of(line, starts) is not None for line in block):
            found.append(i)
            bottom = min(bottom, block[-1].bbox[1])
    return found


def _grid(table: list[tuple[list[int], list[Line]]], extra: list[list[Line]]) -> list[list[Line]]:
    """A table's rows as lists of cells, a cell's wrapped lines joined into one.

    The lines are banded by height (lines that overlap in height stand side by side, whether their cells are top,
    middle or bottom aligned); a row's padding makes the gap between two rows wider than the gap between two lines of
    one cell, so the bands are parted into rows at the wider gaps. Where every gap is alike (no cell wraps, or a
    table without padding) each band is a row of its own."""
    if not extra and not any(cell.parts for _, row in table for cell in row):
        return [row for _, row in table]
    starts = _columns(table)
    lines = [(k, part) for _, row in table for k, cell in enumerate(row) for part in (cell.parts or (cell,))]
    lines += [(_column_of(line, starts), line) for block in extra for line in block]
    bands: list[list[tuple[int, Line]]] = []
    for k, line in sorted(lines, key=lambda item: -item[1].bbox[3]):
        if bands and line.bbox[3] > min(other.bbox[1] for _, other in bands[-1]):
            bands[-1].append((k, line))
        else:
            bands.append([(k, line)])
    gaps = [min(l.bbox[1] for _, l in above) - max(l.bbox[3] for _, l in below) for above, below in zip(bands, bands[1:])]
    wide = (min(gaps) + max(gaps)) / 2 if gaps and max(gaps) - min(gaps) > _SAME_LINE else -math.inf
    # ... and no wider than the gap pdfminer allows between two lines of one paragraph (half a line's height).
    heights = sorted(line.bbox[3] - line.bbox[1] for _, line in lines)
    wide = min(wide, _LINE_MARGIN * heights[len(heights) // 2])
    rows = [list(bands[0])]
    for gap, band in zip(gaps, bands[1:]):
        if gap > wide:
            rows.append(list(band))
        else:
            rows[-1] += band
    return [
        [_joined([line for c, line in sorted(row, key=lambda item: -item[1].bbox[3]) if c == k]) for k in sorted({c for c, _ in row})]
        for row in rows
    ]


def _joined(lines: list[Line]) -> Line:
    """A cell's lines as one, a space between them (none after a hyphen: "big-" and "endian" are "big-endian")."""
    joints = ["" if above.text.endswith("-") and below.text[:1].isalpha() else " " for above, below in zip(lines, lines[1:])]
    return _concatenated(lines, joints, tuple(part for line in lines for part in (line.parts or (line,))))


def _rows(blocks: list[list[Line]]) -> list[tuple[list[int], list[Line]]]:
    """Blocks of a few short lines side by side, top to bottom: (the blocks, their cells left to right), where there
    are two cells or more. A block's lines are one cell that wraps; a one-line block whose words stand far apart is
    cells run together. Blocks whose heights overlap stand in one row (top, middle or bottom aligned)."""
    short = [i for i, block in enumerate(blocks) if len(block) == 1 or (len(block) <= _CELL_LINES and all(len(_cells(line)) == 1 for line in block))]
    short.sort(key=lambda i: (-blocks[i][0].bbox[3], blocks[i][0].bbox[0]))
    groups: list[list[int]] = []
    for i in short:
        if groups and blocks[i][0].bbox[3] > min(blocks[j][-1].bbox[1] for j in groups[-1]) + _SAME_LINE:
            groups[-1].append(i)
        else:
            groups.append([i])
    rows = []
    for group in groups:
        group.sort(key=lambda i: blocks[i][0].bbox[0])
        pieces = [cell for i in group for cell in (_cells(blocks[i][0]) if len(blocks[i]) == 1 else [_joined(blocks[i])])]
        cells = _stacked(pieces)
        if len(cells) >= 2 and all(left.bbox[2] < right.bbox[0] for left, right in zip(cells, cells[1:])):
            rows.append((group, cells))
    return rows


def _stacked(pieces: list[Line]) -> list[Line]:
    """Pieces of one row that stand one above the other (a cell's last lines pdfminer put in a block of their own,
    under a line where it ran two cells together) joined into their cell, the cells left to right."""
    columns: list[list[Line]] = []
    for piece in sorted(pieces, key=lambda line: line.bbox[0]):
        if columns and piece.bbox[0] < max(line.bbox[2] for line in columns[-1]):
            columns[-1].append(piece)
        else:
            columns.append([piece])
    return [column[0] if len(column) == 1 else _joined(sorted(column, key=lambda line: -line.bbox[3])) for column in columns]


def _cells(line: Line) -> list[Line]:
    """A line cut where its glyphs stand further apart than a word space can: table cells pdfminer ran together."""
    height = line.bbox[3] - line.bbox[1]
    cuts, last = [], None
    for i, box in enumerate(line.boxes):
        if box is None:
            continue
        if last is not None and box[0] - line.boxes[last][2] > _CELL_SPACE * height:
            cuts.append((last + 1, i))
        last = i
    if not cuts:
        return [line]
    pieces, start = [], 0
    for end, restart in cuts + [(len(line.boxes), len(line.boxes))]:
        text, boxes = line.text[start:end].strip(), line.boxes[start:end]
        real = [b for b in boxes if b]
        if text and real:
            lead = len(line.text[start:end]) - len(line.text[start:end].lstrip())
            pieces.append(Line(text, boxes[lead : lead + len(text)], (real[0][0], line.bbox[1], real[-1][2], line.bbox[3])))
        start = restart
    return pieces


def _next_row(above: list[Line], row: list[Line]) -> bool:
    """Is `row` the next row of a table whose last row is `above`: close below it, with as many cells, each under the
    cell of its column (left, right or centre aligned, so the two overlap)?"""
    height = min(cell.bbox[3] - cell.bbox[1] for cell in above)  # a line's height (a wrapped cell is taller)
    if len(above) != len(row) or min(cell.bbox[1] for cell in above) - max(cell.bbox[3] for cell in row) > _ROW_REACH * height:
        return False
    return all(a.bbox[0] < b.bbox[2] and b.bbox[0] < a.bbox[2] for a, b in zip(above, row))


def _row_line(cells: list[Line]) -> Line:
    """A table row's cells as one line, CELL_GAP between them."""
    return _concatenated(cells, [CELL_GAP] * (len(cells) - 1))


def _concatenated(lines: list[Line], joints: list[str], parts: tuple[Line, ...] = ()) -> Line:
    """Lines as one, `joints[i]` written (with no glyph box) between line i and line i + 1."""
    text, boxes = lines[0].text, list(lines[0].boxes)
    for joint, line in zip(joints, lines[1:]):
        text += joint + line.text
        boxes += [None] * len(joint) + line.boxes
    box = (min(l.bbox[0] for l in lines), min(l.bbox[1] for l in lines), max(l.bbox[2] for l in lines), max(l.bbox[3] for l in lines))
    return Line(text, boxes, box, parts)


def _starts_within(item, space) -> bool:
    from pdfminer.layout import LTChar

    return isinstance(item, LTChar) and item.x0 < (space.x0 + space.x1) / 2


def _reading_order(blocks: list, width: float) -> list:
    """Blocks ordered as a reader goes: bands top to bottom, columns left to right within a band (a recursive XY cut).

    Two bands that are both cut into columns at the same gutter are one stretch of columns whose paragraph gaps
    happen to line up: they are read together, each column to its end before the next. `width` is the page's text width.
    """
    if len(blocks) <= 1:
        return list(blocks)
    bands = _merge_columned(list(reversed(_split(blocks, 1))), width)  # PDF y grows upwards
    if len(bands) > 1:
        return [b for band in bands for b in _reading_order(band, width)]
    columns = _split(blocks, 0)
    if len(columns) > 1:
        return [b for column in columns for b in _reading_order(column, width)]
    return sorted(blocks, key=lambda b: (-b.y1, b.x0))


def _merge_columned(bands: list[list], width: float) -> list[list]:
    merged: list[list] = []
    for band in bands:
        if merged and _gutters(merged[-1], width) & _gutters(band, width):
            merged[-1] = merged[-1] + band
        else:
            merged.append(band)
    return merged


def _gutters(band: list, width: float) -> set[int]:
    """Where (in whole points) a band is cut into columns at least a fifth of the page's text wide each."""
    columns = _split(band, 0, min_gap=6)
    if len(columns) < 2 or any(_width(c) < 0.2 * width for c in columns):
        return set()
    edges = [(max(b.x1 for b in left), min(b.x0 for b in right)) for left, right in zip(columns, columns[1:])]
    return {x for low, high in edges for x in range(math.floor(low), math.ceil(high) + 1)}


def _split(blocks: list, axis: int, min_gap: float = 0) -> list[list]:
    """Groups of blocks separated by a gap wider than `min_gap` along the axis (0: x, 1: y), in increasing order."""
    low = (lambda b: b.x0) if axis == 0 else (lambda b: b.y0)
    high = (lambda b: b.x1) if axis == 0 else (lambda b: b.y1)
    groups, reach = [], -math.inf
    for block in sorted(blocks, key=low):
        if not groups or low(block) - reach > min_gap:
            groups.append([])
        groups[-1].append(block)
        reach = max(reach, high(block))
    return groups


def _width(blocks: list) -> float:
    return max(b.x1 for b in blocks) - min(b.x0 for b in blocks)


def _running_lines(pages: list[list[list[Line]]]) -> set[tuple[int, int, int]]:
    """(page, block, line) of every running header, footer and page number.

    A header or footer is a line among the top or bottom few of a page whose text, digits aside, recurs in the
    same place on most pages; a page number is such a line holding only a number ("7", "Page 7 of 30", "- vii -").
    """
    edges: dict[tuple[str, str], set[int]] = {}
    candidates = []
    for p, page in enumerate(pages):
        placed = sorted(((b, i, line) for b, block in enumerate(page) for i, line in enumerate(block)), key=lambda t: -t[2].bbox[3])
        sides = [("top", placed[:_EDGE_LINES]), ("bottom", placed[-_EDGE_LINES:])]
        for side, lines in sides:
            for b, i, line in lines:
                key = (side, re.sub(r"\d+", "#", " ".join(line.text.lower().split())))
                edges.setdefault(key, set()).add(p)
                candidates.append((key, (p, b, i), line.text))
    with_text = sum(1 for page in pages if page)
    needed = max(2, math.floor(_REPEATED * with_text) + 1)
    return {where for key, where, text in candidates if len(edges[key]) >= needed or _PAGE_NUMBER.match(text)}


def _page_text(page: list[list[Line]], dropped: set, number: int) -> str:
    return "\n\n".join(text for text in (_block_text(page, b, dropped, number) for b in range(len(page))) if text)


def _block_text(page, b: int, dropped: set, number: int) -> str:
    return "\n".join(line.text for i, line in enumerate(page[b]) if (number, b, i) not in dropped)


# -- a page drawn with a quote highlighted -----------------------------------------------------------
@dataclass(frozen=True)
class PageImage:
    png: bytes
    page: int  # 1-based
    pages: int
    rectangles: tuple[Box, ...]  # the highlight, in image pixels (left, top, right, bottom)
    width: int
    height: int


def highlighted_page(path: Path, text: str, start: int, end: int, width: int = 800) -> PageImage | None:
    """The page holding text[start:end] drawn from the PDF at `path`, the span's characters highlighted.

    `text` is the document's stored text; None when the file is gone or unreadable (the caller shows the text).
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    index = page_of(text, start) - 1
    page_start = text.rfind(PAGE_BREAK, 0, start) + 1
    page_end = text.find(PAGE_BREAK, page_start)
    page_end = len(text) if page_end < 0 else page_end
    page_text = text[page_start:page_end]
    span = (start - page_start, min(end, page_end) - page_start)
    try:
        return _render(str(path), stat.st_mtime_ns, stat.st_size, text.count(PAGE_BREAK) + 1, index, page_text, span, width)
    except (DocumentError, OSError):
        return None


@lru_cache(maxsize=32)
def _render(
    path: str, mtime_ns: int, size: int, stored_pages: int, index: int, page_text: str, span: tuple[int, int], width: int
) -> PageImage | None:
    """Cached by file version, page and span: re-opening a citation draws nothing again."""
    raw = Path(path).read_bytes()
    image, pages, to_pixels = _draw(raw, index, width)
    if image is None or pages != stored_pages:
        return None  # not the file the text was read from (or text stored before pages were kept): no page to name
    boxes = _span_boxes(raw, Path(path).name, index, page_text, span)
    rectangles = tuple(to_pixels(box) for box in _merge(boxes)) if to_pixels else ()
    if rectangles:
        from PIL import Image, ImageDraw

        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for left, top, right, bottom in rectangles:
            draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill=_HIGHLIGHT)
        image = Image.alpha_composite(image.convert("RGBA"), overlay)
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return PageImage(out.getvalue(), index + 1, pages, rectangles, image.width, image.height)


def _span_boxes(raw: bytes, name: str, index: int, page_text: str, span: tuple[int, int]) -> list[Box]:
    """The glyph boxes of page_text[span], matching the stored page's lines to the page extracted again."""
    pages = _pages(raw, name, page_numbers=[index])
    if not pages:
        return []
    extracted = iter(line for block in pages[0] for line in block)
    boxes, offset = [], 0
    for stored in page_text.split("\n"):
        line_start, offset = offset, offset + len(stored) + 1
        if not stored:
            continue
        match = next((line for line in extracted if line.text == stored), None)
        if match is None:
            break  # the file changed since it was ingested: highlight what could be matched
        low, high = max(span[0], line_start), min(span[1], line_start + len(stored))
        if low < high:
            boxes += [box for box in match.boxes[low - line_start : high - line_start] if box]
    return boxes


def _merge(boxes: list[Box]) -> list[Box]:
    """One rectangle per run of glyphs on the same line."""
    merged: list[list[float]] = []
    for x0, y0, x1, y1 in boxes:
        last = merged[-1] if merged else None
        if last and abs(last[1] - y0) < 0.5 * (y1 - y0) and x0 >= last[0] - 1:
            last[0], last[1], last[2], last[3] = min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)
        else:
            merged.append([x0, y0, x1, y1])
    return [tuple(m) for m in merged]


def _draw(raw: bytes, index: int, width: int):
    """(the page as a PIL image about `width` pixels wide, the page count, PDF box -> pixel rectangle)."""
    import pypdfium2 as pdfium

    with _pdfium_lock:
        try:
            document = pdfium.PdfDocument(raw)
        except pdfium.PdfiumError:
            return None, 0, None
        try:
            pages = len(document)
            if not 0 <= index < pages:
                return None, pages, None
            page = document[index]
            left, bottom, right, top = page.get_cropbox()
            media_left, media_bottom, _, _ = page.get_mediabox()
            scale = width / max(right - left, 1)
            image = page.render(scale=scale).to_pil()
            rotated = page.get_rotation() != 0
        finally:
            document.close()
    # pdfminer's boxes are relative to the media box's corner; the picture shows the crop box.
    dx, dy = left - media_left, bottom - media_bottom

    def to_pixels(box: Box) -> Box:
        x0, y0, x1, y1 = box
        return ((x0 - dx) * scale, (top - bottom - (y1 - dy)) * scale, (x1 - dx) * scale, (top - bottom - (y0 - dy)) * scale)

    # A rotated page is drawn, but its highlight would land elsewhere: it is left out.
    return image, pages, None if rotated else to_pixels
