"""Where an answer's quotes come from: whole sentences or not, which labelled section, the expected fact or not.

Pure functions of a result row (and the document's text); `runner.score` calls them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import CODE_FENCE, ENDS_SENTENCE, LIST_MARKER, normalize

RESULTS_MARKS = ("RESULT", "FINDING")
BACKGROUND_MARKS = ("BACKGROUND", "OBJECTIVE", "PURPOSE", "AIM", "INTRODUCTION", "CONTEXT")
SECTION_METRICS = ("quotes_results", "quotes_only_background", "first_citation_from_reference")


def _flat(text: str) -> str:
    return " ".join(normalize(text).split())


def is_results(label: str) -> bool:
    return any(mark in label.upper() for mark in RESULTS_MARKS)


def is_background(label: str) -> bool:
    return any(mark in label.upper() for mark in BACKGROUND_MARKS)


def quote_labels(quote: str, sections: Sequence[dict]) -> list[str]:
    """Labels of the sections the quote lies in, in order; two (or more) when it spans them; [] when in none.

    Whitespace is collapsed and typographic quotes folded on both sides, so a quote that crosses the blank line
    between two sections (or a line break inside one) is still found.
    """
    needle = _flat(quote)
    if not needle:
        return []
    spans, pieces, at = [], [], 0
    for section in sections:
        text = _flat(section["text"])
        spans.append((at, at + len(text), section["label"]))
        pieces.append(text)
        at += len(text) + 1  # the joining space
    start = " ".join(pieces).find(needle)
    if start < 0:
        return []
    end = start + len(needle)
    labels = [label for a, b, label in spans if a < end and start < b]
    return list(dict.fromkeys(labels))


def section_scores(row: dict) -> dict:
    """quotes_results, quotes_only_background and first_citation_from_reference; None where the item lacks the data."""
    out: dict = dict.fromkeys(SECTION_METRICS)
    citations, answered = row["citations"], not row["refused"]
    if row.get("sections"):
        labels = [quote_labels(c["quote"], row["sections"]) for c in citations]
        out["citation_labels"] = labels
        out["quotes_results"] = float(answered and any(is_results(x) for found in labels for x in found))
        out["quotes_only_background"] = float(
            answered and bool(labels) and all(found and all(is_background(x) for x in found) for found in labels)
        )
    if row.get("reference_source"):
        out["first_citation_from_reference"] = float(answered and bool(citations) and citations[0]["source"] == row["reference_source"])
    return out




def whole_sentence(text: str | None, start, end) -> bool:
    """Does text[start:end] start at the start of a sentence and end at the end of one?

    Start: skipping whitespace backwards from `start` reaches the start of the text, a blank line, the end of a
    heading line (`#`), or a sentence end (. ! ? maybe followed by closing quotes or brackets); or the quote
    opens a list item (only a marker like `- ` or `1. ` before it on its line). End: the quote, trailing
    whitespace aside, ends with . ! ? maybe followed by closing quotes or brackets, or with a colon that a list
    follows. A whole list item or table row (Markdown, cells joined by " | ", or plain text aligned with spaces)
    is whole as it is.
    """
    if text is None or not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return False
    line_start = max(text.rfind("\n", 0, start), text.rfind("\f", 0, start)) + 1  # a page break ends a line too
    if _whole_line(text, line_start, start, end):
        return True  # a list item or table row, punctuated or not: the unit a reader quotes
    if _whole_block(text, start, end):
        return True  # a code block between its fences
    if not ENDS_SENTENCE.search(text[start:end].rstrip()) and not _leads_a_list(text, end) and not _leads_to_code(text, end):
        return False
    if LIST_MARKER.fullmatch(text[line_start:start]):
        return True
    i, newlines = start, 0
    while i > 0 and text[i - 1].isspace():
        newlines += 1 if text[i - 1] == "\n" else 2 if text[i - 1] == "\f" else 0  # a page break is a blank line
        i -= 1
    if i == 0 or newlines >= 2:
        return True
    if newlines == 1 and text[text.rfind("\n", 0, i) + 1 : i].lstrip().startswith("#"):
        return True
    return bool(ENDS_SENTENCE.search(text[max(0, i - 8) : i]))




def _whole_block(text: str, start: int, end: int) -> bool:
    """The quote is a code block, between its fences."""
    before = text[:start].split("\n")  # its own line's start last
    after = text[end:].split("\n")  # its own line's rest first
    return (
        not before[-1].strip() and not after[0].strip() and len(before) > 1 and len(after) > 1
        and CODE_FENCE.match(before[-2]) is not None and CODE_FENCE.match(after[1]) is not None
    )


def _leads_to_code(text: str, end: int) -> bool:
    """The quote ends its paragraph and a code block follows it: "To allow a lint, run" is finished by its command."""
    after = text[end:].split("\n")
    following = next((line for line in after[1:] if line.strip()), "")
    return not after[0].strip() and len(after) > 2 and not after[1].strip() and CODE_FENCE.match(following) is not None


def _whole_line(text: str, line_start: int, start: int, end: int) -> bool:
    """The quote is a whole list item or table row: only a marker or a pipe before it, the line's end after it. A row
    is a Markdown row (pipes), a row of cells joined by " | " (an HTML or Word table as read), or a plain-text one,
    its columns aligned with runs of spaces, on a line of its own."""
    before = text[line_start:start]
    line_end = min((i for i in (text.find("\n", end), text.find("\f", end)) if i >= 0), default=-1)
    after = text[end : len(text) if line_end < 0 else line_end]
    item = LIST_MARKER.fullmatch(before) is not None and not after.strip()
    quote = text[start:end]
    piped = "|" in quote and after.strip() in ("|", "") and before.strip() in ("|", "") and (before.strip() or after.strip())
    whole = not before.strip() and not after.strip() and "\n" not in quote
    aligned = whole and _ALIGNED.search(quote) is not None
    # A row without outer pipes ("Site | Otters", as HTML and Word tables are read): a line next to it has cells too.
    bare = whole and " | " in quote
    if aligned or bare:
        # A row of a table: a line next to it is aligned in columns too.
        above = text[: max(line_start - 1, 0)].rsplit("\n", 1)[-1] if line_start else ""
        below = text[line_end + 1 :].split("\n", 1)[0] if line_end >= 0 else ""
        aligned = aligned and any(_ALIGNED.search(line) for line in (above, below))
        bare = bare and any(" | " in line for line in (above, below))
    # A record under a label ("Route: Kar Path (moderate); distance 5.8 km"), among lines that each open so.
    labelled = whole and _LABELLED.match(quote) is not None
    if labelled:
        above = text[: max(line_start - 1, 0)].rsplit("\n", 1)[-1] if line_start else ""
        below = text[line_end + 1 :].split("\n", 1)[0] if line_end >= 0 else ""
        labelled = any(_LABELLED.match(line) for line in (above, below))
    return bool(item or piped or aligned or bare or labelled)


_ALIGNED = re.compile(r"\S(?: {2,}|\t)\S")
_LABELLED = re.compile(r"^[ \t]*[A-Z][\w'’()/&.-]*(?:[ \t]+[\w'’()/&.-]+){0,3}:[ \t]+\S")


def _leads_a_list(text: str, end: int) -> bool:
    """The quote ends with a colon and a list follows it, or its paragraph ends there (a table follows: "Four of them
    are shown in the main hall:"): a lead-in ("It has three parts:") is a whole sentence."""
    if not text[:end].rstrip().endswith(":"):
        return False
    rest = text[end:].lstrip(" \t")
    return LIST_MARKER.match(rest.lstrip("\n")) is not None or rest.startswith("\n\n") or not rest.strip()


def answered_with_reference(row: dict) -> float | None:
    """1 when an answerable item is answered and one of its quotes overlaps one of its reference contexts."""
    if not row["answerable"] or not row["reference_contexts"]:
        return None
    if row["refused"]:
        return 0.0
    quotes = [_flat(c["quote"]) for c in row["citations"]]
    contexts = [_flat(c) for c in row["reference_contexts"]]
    return float(any(q and (q in c or c in q) for q in quotes for c in contexts))
