"""A document as a reader sees it: blocks (paragraphs, headings, list items, table rows), their sentences, sections.

Segmentation does not depend on how lines are wrapped. A prose block's single line breaks (and a hyphen that
splits a word at a line end) are replaced in a same-length copy, so the sentence splitter's offsets are the
document's own: every `Sentence.text` is `document[start:end]`, line breaks included. What the reader matches
and embeds is `Sentence.reading`, the same words on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..text import CODE_FENCE, LIST_MARKER, split_sentences

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TILDE_UNDERLINE = re.compile(r"^ {0,3}(~{3,}|\^{3,})[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|\n]*\S[^|\n]*(?:\|[^|\n]*\S[^|\n]*){1,}$")
_ROW_RULE = re.compile(r"^\s*[|+]?\s*:?-{2,}:?\s*([|+]\s*:?-{2,}:?\s*)*[|+]?\s*$")  # "|---|:--:|", "----+----"
# Markup in a Markdown or text file that is no text: a line of HTML tags ('<p align="center"><img ...></p>'), a link
# reference definition ("[travisLink]: https://..."), an HTML comment (which may run over several lines).
_TAG_LINE = re.compile(r"^\s*(?:</?[A-Za-z][^<>]*>\s*)+$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+(?:\s+[\"'(].*[\"')])?\s*$")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
# A line of a table of contents or an index: its words, a row of dot leaders, a page number ("Naming . . . . 3").
_LEADERS = re.compile(r"(?:\.\s?){4,}\s*[\divxlc]+\s*$", re.I)
# Markdown front matter: a "---" line first, "key: value" lines, a closing "---" or "..." line.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,200}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*:(?:\s|$)")
_COLUMN_GAP = re.compile(r"\S {3,}\S|\S\t+\S")  # cells of a plain-text table, apart
_WEB_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")  # a title block's address line
_INLINE_CODE = re.compile(r"`[^`]{1,200}`")
# A code block (opened by `CODE_FENCE`) closes at a line of its fence's mark, at least as long.
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
# A bullet on a line of its own, its item's words on the next line (as PDF text often comes out).
_LONE_BULLET = re.compile(r"^[ \t]*[•▪◦‣–][ \t]*$")
# A line break inside a word ("treat-\nment"): the reader reads one word.
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n[ \t]*(?=[a-z])")
_TERMINAL = ".!?:;\"'”’)…"
# Raised whenever a change here (or in what `extractive.embedding_texts` makes of it) reads a document into other
# sentences: a store re-embeds the sentences of documents read by another version on its next sync.
READING_VERSION = "6"
PLAIN_HEADING_WORDS = 14
_STOPPED_HEADING_WORDS = 8


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str  # "prose", "item", "row", "heading", "code"
    level: int = 0  # headings: 1 for a title, 2.. below it


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # verbatim: document[start:end]
    reading: str  # line breaks collapsed and split words joined: what is matched and embedded
    kind: str  # "prose", "item" (a list item), "row" (a table row), "heading", "code" (a fenced code block, whole)
    section: str | None  # the heading path it stands under: "Results > Survival"
    block: int  # index of its block
    first: bool  # the first sentence of its block
    header: str | None = None  # a table row below a table's first row: that row ("Month 2025 2024"), as read
    header_start: int | None = None  # where that row starts


def reading_form(text: str) -> str:
    """The words of a span on one line: "treat-\\nment" -> "treatment", other line breaks -> spaces."""
    return " ".join(_HYPHEN_BREAK.sub("", text).split())


# Markdown's marks around words: links and images ("[the guide](https://...)"), an address in angle brackets, bold.
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_MD_BOLD = re.compile(r"(?<![\w*])(\*\*)(?=\S)(.+?)(?<=\S)\*\*(?![\w*])")  # not "__": "__init__" is a name


def shown_form(reading: str) -> str:
    """A sentence as an answer shows it: its reading form without Markdown's link targets and bold marks ("[the
    guide](https://example.org/guide)" -> "the guide"). The citation keeps the verbatim quote, targets and all."""
    text = _MD_IMAGE.sub(lambda m: m.group(1), reading)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_AUTOLINK.sub(lambda m: m.group(1), text)
    return _MD_BOLD.sub(lambda m: m.group(2), text)


def blocks(text: str) -> list[Block]:
    """Headings, list items, table rows and prose paragraphs, in order, with their offsets."""
    lines = [(m.start(), m.end(1), m.group(1)) for m in re.finditer(r"([^\n\f]*)(?:[\n\f]|$)", text)]
    out: list[Block] = []
    current: list[int] | None = None  # [start, end, kind index] of the block being built
    kinds = ("prose", "item", "row")

    def close() -> None:
        nonlocal current
        if current is not None:
            rows = _aligned_rows(text, current[0], current[1]) if current[2] == 0 else None
            records = _records(text, current[0], current[1]) if current[2] == 0 and not rows else None
            if rows:
                out.extend(Block(a, b, "row") for a, b in rows)
            elif records:
                out.extend(Block(a, b, "item") for a, b in records)
            else:
                out.append(Block(current[0], current[1], kinds[current[2]]))
            current = None

    fence: tuple[str, int | None, int | None] | None = None  # an open code block: its mark, its code's start and end
    bullet = False  # a bullet stood alone on the line before
    blank = False  # a blank line since the last line read
    comment = False  # inside an HTML comment
    front = _FRONT_MATTER.match(text)
    # Front matter ("---", "title: ...", "tags:", "- ...", "---") describes the document; it is not its text.
    skip = front.end() if front and _FRONT_KEY.match(text[front.start() :].split("\n", 2)[1]) else 0
    for start, end, line in lines:
        if start < skip:
            continue
        stripped = line.strip()
        if fence is not None:
            mark, code_start, code_end = fence
            closing = _FENCE_CLOSE.match(line)
            if closing and closing.group(1)[0] == mark[0] and len(closing.group(1)) >= len(mark):
                if code_start is not None and code_end is not None:
                    out.append(Block(code_start, code_end, "code"))
                fence = None
            elif stripped:
                lead = start + len(line) - len(line.lstrip())
                fence = (mark, lead if code_start is None else code_start, start + len(line.rstrip()))
            continue
        if comment:
            comment = _COMMENT_CLOSE not in line
            continue
        if stripped.startswith(_COMMENT_OPEN):
            close()
            comment = _COMMENT_CLOSE not in stripped[len(_COMMENT_OPEN) :]
            continue
        if _TAG_LINE.match(line) or _LINK_DEFINITION.match(line):
            close()
            continue
        if (
            _TILDE_UNDERLINE.match(line) and current is not None and current[2] in (0, 1) and "\n" not in text[current[0] : current[1]]
            and len(stripped) >= max(3, current[1] - current[0] - 2)
        ):
            # Plain text underlines a title with tildes ("How the Charity Began" / "~~~~~~~~~~~~~~~~~~~~~") as with
            # "=" or "-": a line of them as long as the line above is no code fence.
            out.append(Block(current[0], current[1], "heading", 2))
            current = None
            continue
        opening = CODE_FENCE.match(line)
        if opening:
            # Code is not prose: its lines are no sentences, and a "# comment" in it is no heading.
            close()
            fence, bullet = (opening.group(1), None, None), False
            continue
        if not stripped:
            blank = True
            continue
        if blank:
            blank = False
            # A sentence that runs on past a blank line ("... so Rustup may install" / "the documentation for ...", as
            # PDF text often has it) is one paragraph; anything else after a blank line starts a new block.
            if not (current is not None and current[2] == 0 and _runs_on(text[current[0] : current[1]], stripped)):
                close()
        if _LONE_BULLET.match(line):
            close()
            bullet = True
            continue
        if _LEADERS.search(line):
            # A contents or index line ("Naming . . . . 3") points to the text; it says nothing itself.
            close()
            continue
        if bullet and not _ATX.match(line):
            # "•" alone on its line, then the item's words: one list item.
            bullet = False
            current = [start + len(line) - len(line.lstrip()), start + len(line.rstrip()), 1]
            continue
        if start and text[start - 1] == "\f" and (_finished(text[max(0, start - 80) : start - 1]) or _COLUMN_GAP.search(_last_line(text, start - 1))):
            # A page ends with a finished sentence or a table's row: what the next page starts (often a heading) is a
            # block of its own. An unfinished one ("Fundraising events raised" / "£12,310, of which ...") goes on
            # across the break.
            close()
        atx = _ATX.match(line)
        if atx:
            close()
            out.append(Block(start + line.index(atx.group(2)), start + line.index(atx.group(2)) + len(atx.group(2)), "heading", len(atx.group(1))))
            continue
        if _SETEXT.match(line) and current is not None and current[2] in (0, 1) and "\n" not in text[current[0] : current[1]]:
            # Underlined: "Usage\n-----", and in plain text "1. Definitions\n--------------" (a numbered item no more).
            level = 1 if stripped[0] == "=" else 2
            out.append(Block(current[0], current[1], "heading", level))
            current = None
            continue
        if _RULE.match(line) or _ROW_RULE.match(line) and ("|" in line or "+" in line):
            close()
            continue
        lead = start + len(line) - len(line.lstrip())
        if "|" in stripped.strip("|") and _ROW.match(line):  # the cheap test first: _ROW backtracks on long lines
            close()
            # The cells, without the outer pipes: "| Eddystone | 1698 |" -> "Eddystone | 1698".
            inner = line.strip().strip("|").strip()
            at = start + line.index(inner)
            out.append(Block(at, at + len(inner), "row"))
            continue
        item = LIST_MARKER.match(line)
        if item:
            close()
            current = [start + item.end(), start + len(line.rstrip()), 1]  # the item's words, without its bullet
            continue
        if current is None:
            current = [lead, start + len(line.rstrip()), 0]
        else:
            current[1] = start + len(line.rstrip())  # a wrapped line continues its paragraph or list item
    close()
    if fence is not None and fence[1] is not None and fence[2] is not None:
        out.append(Block(fence[1], fence[2], "code"))  # a code block left open runs to the end of the document
    return _by_first_use(text, _plain_headings(text, out))


def _by_first_use(text: str, found: list[Block]) -> list[Block]:
    """Plain text ranks its heading styles by the order it first uses them, as reStructuredText does: where a line in
    capitals ("OUR TWO WORKSHOPS") comes before the first underlined heading ("The Wood Shop\n-----"), the lines in
    capitals are the sections and the underlined ones the sections inside them. (Markdown's "#" says its own level.)"""
    headings = [b for b in found if b.kind == "heading"]
    if any(text[text.rfind("\n", 0, b.start) + 1 : b.start].lstrip().startswith("#") for b in headings):
        return found
    below = [b for b in headings if b.level != 1]
    if not below or below[0].level != 6 or not any(b.level == 2 for b in below):
        return found
    return [replace(b, level={6: 2, 2: 3}[b.level]) if b.kind == "heading" and b.level in (2, 6) else b for b in found]


def _runs_on(paragraph: str, line: str) -> bool:
    """Does a line after a blank one carry on the paragraph's unfinished sentence? The paragraph ends without a stop
    (nor a colon) and the line opens in lower case, as no sentence, heading or list item does."""
    return (
        not _finished(paragraph) and not paragraph.rstrip().endswith(":") and line[:1].islower()
        and not LIST_MARKER.match(line) and len(paragraph.split()) > PLAIN_HEADING_WORDS // 2
        # A table's rows ("x86_64-apple-ios   64-bit x86 iOS") and a web address on its own line run on no sentence.
        and not _COLUMN_GAP.search(line) and not _COLUMN_GAP.search(paragraph.rsplit("\n", 1)[-1]) and not _WEB_LINE.match(line)
    )


def _last_line(text: str, end: int) -> str:
    return text[: end].rsplit("\n", 1)[-1]


def _finished(text: str) -> bool:
    """Does the text end a sentence (its last character, spaces aside, closing punctuation)?"""
    text = text.rstrip()
    return bool(text) and text[-1] in _TERMINAL


def _aligned_rows(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """A plain-text table, its columns aligned with runs of spaces ("May       1,104     987"): its lines, as rows.
    Three lines or more, each with the same number of cells (the first line, a header, may have one fewer), and
    short cells after the first: wrapped prose with two spaces after a full stop is not a table."""
    body = text[start:end]
    lines = body.split("\n")
    if len(lines) < 3:
        return None
    cells = [[c for c in re.split(r" {2,}|\t+", line.strip()) if c] for line in lines]
    width = len(cells[1])
    if width < 2 or any(len(row) != width for row in cells[1:]) or len(cells[0]) not in (width, width - 1):
        return None
    keyed = all(" " not in row[0] for row in cells[1:])  # "aarch64-apple-darwin   ARM64 macOS (11.0+, Big Sur+)"
    if any(len(cell) > 30 for row in cells for cell in row[1:]) and not _columns_line_up(lines) and not keyed:
        return None
    return _line_spans(lines, start)


# A line that gives one record under a label: "Route: Valley Path (easy); distance 6.5 km", "Phone: 01632 960 412".
_RECORD = re.compile(r"^[ \t]*[A-Z][\w'’()/&.-]*(?:[ \t]+[\w'’()/&.-]+){0,3}:[ \t]+\S")


def _records(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Lines that each open with a label and a colon ("Route: ...", "Address: ...", "Open: ..."): each line is a record
    of its own, as a list's items are, and no sentence runs from one into the next. Wrapped prose never opens every
    line so."""
    lines = text[start:end].split("\n")
    if len(lines) < 2 or not all(_RECORD.match(line) for line in lines):
        return None
    return _line_spans(lines, start)


def _line_spans(lines: list[str], start: int) -> list[tuple[int, int]]:
    """Each line's span at document offsets, its leading and trailing spaces left out."""
    out, at = [], start
    for line in lines:
        lead = len(line) - len(line.lstrip())
        out.append((at + lead, at + len(line.rstrip())))
        at += len(line) + 1
    return out


def _columns_line_up(lines: list[str]) -> bool:
    """Every cell after the first starts at the same column on every line ("08:41   Cache library upgrade deployed"
    under "Time    Event"): a table whose last column is prose. Wrapped prose never lines up this way."""
    starts = [tuple(m.start() for m in re.finditer(r"(?:^|(?<= {2})|(?<=\t))\S", line)) for line in lines]
    return len(set(starts)) == 1 and len(starts[0]) >= 2 and all(len(c) <= 30 for c in (re.split(r" {2,}|\t+", l.strip())[0] for l in lines))


def _plain_headings(text: str, found: list[Block]) -> list[Block]:
    """A one-line paragraph without closing punctuation, followed by more text, is a heading ("About the Author")."""
    out = []
    explicit = any(b.kind == "heading" for b in found)
    for i, b in enumerate(found):
        body = text[b.start : b.end]
        lines = body.split("\n")
        # A caption may end in a bracket ("Lock passages at Coldharbour Top Lock (Lock 21)"); a sentence ends in a stop.
        closed = body.rstrip()[-1:] in _TERMINAL + "," and not (body.rstrip().endswith(")") and not re.search(r"[.!?]", body))
        if b.kind == "item" and _numbered_heading(text, found, i):
            # "1. The Canal and Its History" alone between blank lines, above prose: a numbered section heading.
            out.append(Block(b.start, b.end, "heading", 2 if not explicit else 6))
            continue
        plain = (
            b.kind == "prose"
            and not closed
            and i + 1 < len(found)
            and found[i + 1].kind not in ("heading", "code")  # "To allow a lint, run" above its command leads in
            and (
                (len(lines) == 1 and 0 < len(body.split()) <= PLAIN_HEADING_WORDS)
                # A title over two or three lines ("WRENFORD CANAL TRUST / Annual Report 2025"): each line short and
                # in capitals or title case (or a web address under the title), which wrapped prose never is.
                or (len(lines) <= 3 and all(0 < len(line.split()) <= PLAIN_HEADING_WORDS and _title_line(line) for line in lines))
            )
        )
        if plain:
            # Without Markdown headings, the document's first line is its title and the others sit under it.
            level = 1 if not explicit and not any(x.kind == "heading" for x in out) else 2 if not explicit else 6
            out.append(Block(b.start, b.end, "heading", level))
        else:
            out.append(b)
    return out


_NUMBER_MARK = re.compile(r"(?:^|\n)[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+$")


def _numbered_heading(text: str, found: list[Block], i: int) -> bool:
    """A numbered item that is a section heading: one short line, no closing stop, a blank line before and after it,
    and prose (not more items) next; titled, or with no item before it."""
    b = found[i]
    body = text[b.start : b.end]
    if "\n" in body or len(body.split()) > PLAIN_HEADING_WORDS:
        return False
    if body.rstrip()[-1:] in _TERMINAL + ",":
        # "8. Termination." and "1. Source Code." are headings with a stop (licences, contracts); "1. Open the valve."
        # is a step: a closed one must be short and in title case.
        titled_stop = body.rstrip().endswith(".") and len(body.split()) <= _STOPPED_HEADING_WORDS and _titled(body) and body.count(".") == 1
        if not titled_stop:
            return False
    # A heading in sentence case ("2. Call-outs", "1. A word from the team leader") is told from the last item of a
    # numbered list by what stands before it: not another item.
    if not _titled(body) and (i == 0 or found[i - 1].kind == "item"):
        return False
    line_start = text.rfind("\n", 0, b.start) + 1
    if not _NUMBER_MARK.search(text[line_start : b.start]):
        return False
    before = text[:line_start].rstrip(" \t")
    after = text[b.end :].lstrip(" \t")
    blank_before = not before or before.endswith("\n\n") or before.endswith("\f")
    blank_after = after.startswith("\n\n") or after.startswith("\n\f")
    following = found[i + 1] if i + 1 < len(found) else None
    return blank_before and blank_after and following is not None and following.kind == "prose"


def _title_line(line: str) -> bool:
    return _titled(line) or _WEB_LINE.match(line) is not None


def _titled(line: str) -> bool:
    """In capitals, or with most of its longer words capitalised."""
    long = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) >= 4]
    return bool(long) and (line.upper() == line or sum(w[0].isupper() for w in long) >= 0.7 * len(long))


@lru_cache(maxsize=2048)
def segment(text: str) -> tuple[Sentence, ...]:
    """Every sentence of a document with its offsets, kind and section; headings are sentences of kind "heading"."""
    out: list[Sentence] = []
    path: list[tuple[int, str]] = []  # (level, title) of the headings in force
    head: Sentence | None = None  # the first row of the table being read
    for number, block in enumerate(blocks(text)):
        body = text[block.start : block.end]
        if block.kind == "heading":
            title = shown_form(reading_form(body)).strip("#: ").strip()  # "[3.4.0](https://...) (2024-10-08)" -> "3.4.0 (2024-10-08)"
            while path and path[-1][0] >= block.level:
                path.pop()
            if not path or path[-1][1] != title:
                path.append((block.level, title))
            out.append(Sentence(block.start, block.end, body, title, "heading", _path(path[:-1]), number, True))
            continue
        section = _path(path)
        if block.kind == "code":
            # A code block is read whole, as written: quoted after the sentence that leads in to it, never on its own.
            out.append(Sentence(block.start, block.end, body, " ".join(body.split()), "code", section, number, True))
            continue
        if block.kind == "row":
            # A table's first row is its header: the rows below it carry it, as a reader reads a row by its columns.
            row = Sentence(block.start, block.end, body, reading_form(body), "row", section, number, True)
            if head is not None and out[-1].kind == "row" and out[-1].block == number - 1:
                row = replace(row, header=head.reading, header_start=head.start)
            else:
                head = row
            out.append(row)
            continue
        for i, (start, end) in enumerate(_split(text, block)):
            piece = text[start:end]
            out.append(Sentence(start, end, piece, reading_form(piece), block.kind, section, number, i == 0))
    return tuple(out)


@lru_cache(maxsize=2048)
def title_of(text: str) -> Sentence | None:
    """The document's first heading (its title, mostly), or None."""
    return next((s for s in segment(text) if s.kind == "heading"), None)


@lru_cache(maxsize=2048)
def heading_pairs(text: str) -> tuple[tuple[str, str, str], ...]:
    """The document's sections that hold exactly two sections of their own, as (title, first, second): "Our two
    locomotives" over "No. 4 Lady Ursula" and "No. 11 Brackenfell". "The other one" after a question about one of
    them is the other."""
    below: dict[str, list[str]] = {}
    opening: dict[str, list[str]] = {}  # a section's path -> the names its paragraphs open with
    for s in segment(text):
        if s.kind == "heading" and s.section:
            below.setdefault(s.section, []).append(s.reading)
        elif s.kind == "prose" and s.first and s.section and (named := _OPENING_NAME.match(s.reading)):
            opening.setdefault(s.section, []).append(named.group(1))
    pairs = [(parent.split(" > ")[-1], *titles) for parent, titles in below.items() if len(titles) == 2]
    # Or, under a heading that says there are two ("The two camping fields"), the two names its paragraphs open with
    # ("Beech Field is the upper field ...", "Heron Meadow is the lower field ...").
    for section, names in opening.items():
        heading = section.split(" > ")[-1]
        if _OF_TWO.search(heading) and len(set(names)) == 2 and section not in below:
            pairs.append((heading, *dict.fromkeys(names)))
    return tuple(pairs)


# "two" or "both" in a heading: "The two camping fields", "Our two vans", "Both sites".
_OF_TWO = re.compile(r"\b(?:two|both|pair)\b", re.I)
# A paragraph that opens with a name and says what it is: "Beech Field is the upper field", "The Wood Shop has ...".
_OPENING_NAME = re.compile(r"^(?:The\s+)?((?-i:[A-Z][\w'’-]*)(?:\s+(?:(?:of|and|on)\s+)?(?-i:[A-Z][\w'’-]*)){0,3})\s+(?:is|are|was|were|has|have|lies|stands|sits|opened|takes|runs)\b")


def _split(text: str, block: Block) -> list[tuple[int, int]]:
    body = text[block.start : block.end]
    # The same length as the block, so the splitter's offsets are the document's: line breaks read as spaces.
    copy = body.replace("\n", " ")
    # Inline code says nothing about where a sentence ends: "use `#![deny(clippy::all)]` in your crate" is one sentence.
    copy = _INLINE_CODE.sub(lambda m: "`" + "x" * (len(m.group()) - 2) + "`", copy)
    return [(block.start + s, block.start + e) for s, e in split_sentences(copy)]


def _path(path: list[tuple[int, str]]) -> str | None:
    return " > ".join(title for _, title in path) or None


def section_at(text: str, offset: int) -> str | None:
    """The heading path in force at `offset` of the document."""
    section = None
    for s in segment(text):
        if s.start > offset:
            break
        section = (f"{s.section} > {s.reading}" if s.section else s.reading) if s.kind == "heading" else s.section
    return section


def sentences_in(text: str, start: int, end: int) -> list[Sentence]:
    """The document's sentences that overlap [start, end), whole (a sentence cut by a chunk boundary is widened)."""
    return [s for s in segment(text) if s.end > start and s.start < end]
