"""A conversation as Markdown: every question and answer, and under each answer its citations with their quotes.

Turns are the plain dicts the page keeps (`Conversation.turns`): question, answer, refused and citations
(marker, source, title, quote, and page and section when known).
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"\[\d+\]")
# Characters that would make Markdown out of plain text; `<` also keeps any HTML from forming when the file is
# rendered, and escaped brackets keep text from becoming a link or an image. Citation markers [n] stay as they are.
_SPECIAL = re.compile(r"[\\`*_<>\[\]#|]")


def conversation_markdown(turns: list[dict]) -> str:
    """The whole conversation, one section per question."""
    parts = ["# Conversation", ""]
    if not turns:
        parts += ["No questions were asked.", ""]
    for number, turn in enumerate(turns, 1):
        parts += _turn(number, turn)
    return "\n".join(parts).rstrip("\n") + "\n"


def _turn(number: int, turn: dict) -> list[str]:
    lines = [f"## {number}. {_plain(_one_line(turn['question']))}", ""]
    if turn.get("refused"):
        lines += ["*Not answered from the documents.*", ""]
    lines += [_paragraphs(turn["answer"]), ""]
    citations = turn.get("citations") or []
    if citations:
        lines += ["### Sources", ""]
        for citation in citations:
            lines += _citation(citation)
    return lines


def _citation(citation: dict) -> list[str]:
    where = [f"`{_code(citation['source'])}`"]
    if citation.get("page") is not None:
        where.append(f"page {int(citation['page'])}")
    if citation.get("section"):
        where.append(f"section “{_plain(_one_line(citation['section']))}”")
    head = f"**[{int(citation['marker'])}]** {_plain(_one_line(citation['title']))} — {', '.join(where)}"
    quote = [f"> {_plain(line)}".rstrip() for line in citation["quote"].splitlines() or [""]]
    return [head, "", *quote, ""]


def _plain(text: str) -> str:
    """Text that reads the same once rendered: Markdown and HTML characters escaped, markers [n] kept."""
    pieces, last = [], 0
    for match in _MARKER.finditer(text):
        pieces += [_SPECIAL.sub(lambda m: "\\" + m.group(0), text[last : match.start()]), match.group(0)]
        last = match.end()
    pieces.append(_SPECIAL.sub(lambda m: "\\" + m.group(0), text[last:]))
    return "".join(pieces)


def _paragraphs(text: str) -> str:
    # A line starting with "1." or "-" would become a list; a blank line keeps paragraphs apart.
    lines = [re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", re.sub(r"^(\s*)([-+])", r"\1\\\2", _plain(line))) for line in text.splitlines()]
    return "\n".join(lines).strip()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _code(text: str) -> str:
    return _one_line(text).replace("`", "'")
