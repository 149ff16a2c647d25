"""HTML for the web page. Every piece of user or document text goes through `escape`: it is shown, never run."""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable
from functools import lru_cache
from html import escape
from urllib.parse import urlencode

from langchain_core.documents import Document

from ..answers import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")
_FLAG = re.compile(r"\[⚠[^\]]*\]")  # a sentence no passage supports, flagged by the answer chain
_CONTEXT = 160  # characters of passage shown either side of a quote in the sources panel
_MAX_DOCUMENT = 200_000  # characters of a document rendered at once in the viewer
_HEADINGS = {
    "injection": "Not something I do",
    "out_of_scope": "Outside what I answer",
}

TextLookup = Callable[[str], "str | None"]


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _open_href(source: str, start: int, end: int) -> str:
    """A link the page script reads to open a document at a span (an in-page fragment: it never navigates away).

    The chat's sanitiser keeps `href` but drops data attributes, so the target travels in the fragment.
    """
    return _attr("#open?" + urlencode({"source": source, "start": int(start), "end": int(end)}))


# -- chat messages ---------------------------------------------------------------------------------
def user_message(text: str) -> str:
    return f'<div class="msg-text">{escape(text)}</div>'


def pending_message() -> str:
    return '<div class="msg-text pending" aria-live="polite">Searching the documents…</div>'


def partial_message(text: str) -> str:
    return f'<div class="msg-text streaming" aria-live="polite">{escape(text)}<span class="cursor">▍</span></div>'


def error_message(text: str) -> str:
    return f'<div class="msg-error" role="alert">{escape(text)}</div>'


def answer_message(answer: Answer) -> str:
    """The answer with each [n] linked to its source; a refusal is framed differently and says where to look."""
    body = _linked(answer.answer, {c.marker: c for c in answer.citations})
    if not answer.refused:
        return f'<div class="answer">{body}</div>'
    heading = _HEADINGS.get(answer.refusal_reason or "", "Not in the documents")
    considered = (
        '<div class="refusal-hint">The closest passages considered are listed under <b>Sources</b>.</div>'
        if answer.passages and (answer.refusal_reason not in _HEADINGS)
        else ""
    )
    return f'<div class="refusal" role="note"><div class="refusal-title">{heading}</div><div>{body}</div>{considered}</div>'


def _linked(text: str, citations: dict[int, Citation]) -> str:
    parts, last = [], 0
    for match in re.finditer(f"{_MARKER.pattern}|{_FLAG.pattern}", text):
        if match.group(1) is None:
            parts.append(f'{escape(text[last : match.start()])}<span class="unsupported">{escape(match.group(0))}</span>')
            last = match.end()
            continue
        citation = citations.get(int(match.group(1)))
        if citation is None:
            continue
        parts.append(escape(text[last : match.start()]))
        tip = f"{citation.title} — “{citation.quote}”"
        parts.append(
            f'<a class="cite" href="{_open_href(citation.source, citation.start, citation.end)}" title="{_attr(tip)}">'
            f"[{citation.marker}]</a>"
        )
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


# -- sources panel ---------------------------------------------------------------------------------
def sources_placeholder(text: str = "The sources of the latest answer appear here, with each quote highlighted.") -> str:
    return f'<div class="sources"><h3>Sources</h3><p class="muted">{escape(text)}</p></div>'


def sources_panel(answer: Answer, document_text: TextLookup, limit: int = 3) -> str:
    """Cited passages with their quotes marked; for a refusal, the closest passages it considered."""
    document_text = lru_cache(maxsize=None)(document_text)  # one store read per document, not per card
    cards = [_citation_card(c, answer.passages, document_text) for c in answer.citations]
    if answer.refused:
        if answer.refusal_reason in _HEADINGS:
            return sources_placeholder("This is not a question about the documents, so no passages are shown.")
        cited = {c.chunk_id for c in answer.citations}
        others = [p for p in answer.passages if p.metadata.get("chunk_id", p.id) not in cited]
        cards += [_passage_card(rank, p, document_text) for rank, p in enumerate(others[: max(0, limit - len(cards))], 1)]
    if not cards:
        return sources_placeholder("No passages were found for this question.")
    heading = "Closest passages considered" if answer.refused else "Sources"
    note = '<p class="muted">None of them answers the question.</p>' if answer.refused else ""
    hint = '<p class="muted small">Click a source to read it in its document.</p>'
    return f'<div class="sources"><h3>{heading}</h3>{note}{"".join(cards)}{hint}</div>'


def _citation_card(citation: Citation, passages: list[Document], document_text: TextLookup) -> str:
    passage = next((p for p in passages if p.metadata.get("chunk_id", p.id) == citation.chunk_id), None)
    if passage is not None:
        base = int(passage.metadata.get("start", 0))
        snippet = _marked(passage.page_content, citation.start - base, citation.end - base)
    else:
        snippet = f"<mark>{escape(citation.quote)}</mark>"
    where = _position(citation.source, citation.start, citation.end, document_text, citation.section)
    label, anchor = f"[{citation.marker}]", f"source-{citation.marker}"
    return _card(label, citation.title, where, snippet, citation.source, citation.start, citation.end, anchor)


def _passage_card(rank: int, passage: Document, document_text: TextLookup) -> str:
    meta = passage.metadata
    start, end = int(meta.get("start", 0)), int(meta.get("end", 0))
    where = _position(meta.get("source", ""), start, end, document_text)
    snippet = escape(_shorten(passage.page_content, 2 * _CONTEXT))
    return _card(f"#{rank}", meta.get("title", ""), where, snippet, meta.get("source", ""), start, end, f"passage-{rank}")


def _card(label: str, title: str, where: str, snippet: str, source: str, start: int, end: int, anchor: str) -> str:
    return (
        f'<a class="source-card" id="{anchor}" href="{_open_href(source, start, end)}" title="Open in the document">'
        f'<div class="source-head"><span class="marker">{escape(label)}</span> '
        f'<span class="source-title">{escape(title)}</span></div>'
        f'<div class="source-where">{escape(where)}</div>'
        f'<div class="passage">{snippet}</div></a>'
    )


def _marked(text: str, start: int, end: int) -> str:
    """The passage around [start, end) with that span in <mark>; everything escaped."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left, right = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    left = text.rfind(" ", 0, left) + 1 if left > 0 else 0
    right_space = text.find(" ", right)
    right = len(text) if right >= len(text) or right_space < 0 else right_space
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}"


def _position(source: str, start: int, end: int, document_text: TextLookup, section: str | None = None) -> str:
    text = document_text(source) or ""
    where = f"{source}"
    if section:
        where += f" · {section}"
    if text and "\f" in text:
        where += f" · page {text.count(chr(12), 0, start) + 1} of {text.count(chr(12)) + 1}"
    elif text:
        where += f" · line {text.count(chr(10), 0, start) + 1:,}"
    if text:
        where += f" · {round(100 * start / max(len(text), 1))}% into the document"
    return where + f" · characters {start:,}–{end:,}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit] + "…"


# -- how the answer was found ----------------------------------------------------------------------
def trace_panel(answer: Answer) -> str:
    cited = {c.chunk_id for c in answer.citations}
    rows = []
    for rank, passage in enumerate(answer.passages, 1):
        m = passage.metadata
        rows.append(
            "<tr>"
            f"<td>{rank}</td><td>{escape(str(m.get('chunk_id', passage.id)))}{' ✓' if m.get('chunk_id') in cited else ''}</td>"
            f"<td>{float(m.get('score', 0)):.4f}</td><td>{float(m.get('dense_score', 0)):.3f}</td>"
            f"<td>{float(m.get('bm25_score', 0)):.2f}</td><td class='snippet'>{escape(_shorten(passage.page_content, 220))}</td>"
            "</tr>"
        )
    rewritten = (
        '<p class="muted small">Rewritten from your follow-up using the conversation.</p>'
        if answer.standalone_question != answer.question
        else ""
    )
    table = (
        "<table class='trace'><thead><tr><th>#</th><th>Passage (✓ cited)</th><th>Fused (RRF)</th><th>Dense cosine</th>"
        f"<th>BM25</th><th>Text</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else "<p class='muted'>No passages were retrieved.</p>"
    )
    if answer.refused:
        outcome = f"Refused ({escape(answer.refusal_reason or 'not_found')})"
    else:
        outcome = f"Answered with {len(answer.citations)} quote(s)"
    return (
        f"<div class='trace-box'><p><b>Question searched for:</b> {escape(answer.standalone_question)}</p>{rewritten}"
        f"<p><b>Outcome:</b> {outcome}</p>{table}</div>"
    )


# -- document viewer -------------------------------------------------------------------------------
def document_placeholder() -> str:
    hint = "Click a marker such as [1], or a source, to read the whole document here."
    return f'<div class="viewer empty"><p class="muted">{hint}</p></div>'


def document_view(title: str, source: str, text: str, start: int, end: int, page=None) -> str:
    """The whole document (or a large window of it) with the span [start, end) marked and scrolled to.

    `page` (a `corpus.pdf.PageImage`) is the cited page of a PDF drawn with the quote highlighted; it is shown
    above the text, which then marks each page break.
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left, right, note = 0, len(text), ""
    if len(text) > _MAX_DOCUMENT:
        left = max(0, start - _MAX_DOCUMENT // 2)
        right = min(len(text), left + _MAX_DOCUMENT)
        note = f'<p class="muted small">Showing characters {left:,}–{right:,} of {len(text):,}.</p>'
    body = f"{_page_breaks(text[left:start])}<mark id='doc-mark'>{_page_breaks(text[start:end])}</mark>{_page_breaks(text[end:right])}"
    where = f"{escape(source)} · " + (f"page {page.page} of {page.pages} · " if page else "") + f"highlighted: characters {start:,}–{end:,}"
    return (
        f'<div class="viewer"><div class="viewer-head"><b>{escape(title)}</b><span class="source-where">{where}</span></div>'
        f"{page_image(page) if page else ''}{note}<div class='doc-body'>{body}</div></div>"
    )


def page_image(page) -> str:
    """A PDF page as an inline PNG (a data: URI: nothing is fetched), the quote's highlight drawn on it."""
    label = f"page {page.page} of {page.pages}"
    shown = "the quote highlighted on it" if page.rectangles else "the quote could not be placed on it"
    data = base64.b64encode(page.png).decode("ascii")
    # Where the highlight starts, as a share of the page's height: the page script scrolls the picture there.
    top = min(r[1] for r in page.rectangles) / max(page.height, 1) if page.rectangles else 0.0
    return (
        f'<figure class="pdf-page"><figcaption class="page-label">{escape(label.capitalize())}, {shown}</figcaption>'
        f'<div class="page-scroll" data-mark-top="{top:.4f}"><img src="data:image/png;base64,{data}" width="{int(page.width)}" '
        f'height="{int(page.height)}" alt="{_attr(label.capitalize())}" data-page="{int(page.page)}"></div></figure>'
    )


def _page_breaks(text: str) -> str:
    """Escaped text with each PDF page break ("\f") drawn as a rule."""
    return escape(text).replace("\f", '<span class="page-break" aria-hidden="true"></span>')


def document_missing(source: str) -> str:
    return f'<div class="viewer empty"><p class="msg-error">{escape(source)} is no longer in the store.</p></div>'


# -- corpus page -----------------------------------------------------------------------------------
def documents_table(records) -> str:
    if not records:
        return "<p class='muted'>No documents yet: add some below, or put files in the corpus folder and re-sync.</p>"
    rows = "".join(
        "<tr>"
        f"<td>{escape(r.title)}</td><td><code>{escape(r.source)}</code></td><td>{escape(r.kind)}</td>"
        f"<td>{_size(r.size)}</td><td>{r.chunks:,}</td><td>{escape(_when(r.ingested_at))}</td>"
        f"<td>{escape(r.status)}</td></tr>"
        for r in records
    )
    total = sum(r.chunks for r in records)
    return (
        f"<p class='muted'>{len(records)} document{'s' if len(records) != 1 else ''}, {total:,} passages.</p>"
        "<table class='documents'><thead><tr><th>Title</th><th>Source</th><th>Type</th><th>Size</th><th>Chunks</th>"
        f"<th>Ingested</th><th>Status</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def status(text: str, ok: bool = True) -> str:
    return f'<div class="status {"ok" if ok else "problem"}" role="status">{escape(text)}</div>' if text else ""


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return ""


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
