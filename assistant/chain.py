"""The answer chain (prepare -> retrieve -> generate -> cite); `cite` is where every citation is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda

from .answers import PARTLY_UNANSWERED, REFUSALS, UNSUPPORTED_MARK, Answer, Citation, Draft
from .reader.questions import analyse, asked_of_another, clean, quoted_before, said_before, standalone, told_before, without_names
from .reader.segment import heading_pairs, section_at

ANOTHER_PASSAGES = 5  # passages the last question finds, added for "and the other one?"


def cite(inputs: dict, document_text: Callable[[str], str | None] | None = None) -> Answer:
    """Number the statements' supports [1], [2] ... and locate each quote exactly in its document.

    A support is (passage index, quote) — the quote is found in the passage — or (passage index, quote, offset in
    the document) for a whole sentence that runs past the passage's edge, checked against the document's text.
    """
    draft: Draft = inputs["draft"]
    passages: list[Document] = inputs["passages"]
    citations: list[Citation] = []
    markers: dict[tuple[str, int], int] = {}

    def locate(support: tuple) -> tuple[Document, int] | None:
        doc, quote = passages[support[0]], support[1]
        base = int(doc.metadata.get("start", 0))
        if len(support) > 2 and document_text is not None:
            text = document_text(doc.metadata.get("source", ""))
            if text is not None and text[support[2] : support[2] + len(quote)] == quote:
                return doc, support[2]
        offset = doc.page_content.find(quote)
        return (doc, base + offset) if offset >= 0 else None  # a quote that is not verbatim is never shown

    def marker_for(support: tuple) -> int | None:
        if not 0 <= support[0] < len(passages) or not support[1]:
            return None
        found = locate(support)
        if found is None:
            return None
        doc, start = found
        quote = support[1]
        key = (doc.metadata.get("source", ""), start)
        if key not in markers:
            markers[key] = len(citations) + 1
            text = document_text(key[0]) if document_text is not None else None
            citations.append(
                Citation(
                    markers[key], key[0], doc.metadata.get("title", ""), doc.metadata.get("chunk_id", doc.id or ""), quote, start,
                    start + len(quote), section=section_at(text, start) if text else None,
                    page=text.count("\f", 0, start) + 1 if text and "\f" in text else None,
                )
            )
        return markers[key]

    if draft.refusal_reason:
        text = REFUSALS.get(draft.refusal_reason, REFUSALS["not_found"])
        if draft.closest is not None:
            marker = marker_for(draft.closest)
            if marker is not None:
                text += f" The closest passage I found: “{_flat(draft.closest[1])}” [{marker}]"
        return _answer(inputs, text, True, citations, draft.refusal_reason)

    parts: list[tuple[str, bool]] = []  # (text, whether it is a code block)
    for statement in draft.statements:
        found = [m for m in (marker_for(s) for s in statement.supports) if m is not None]
        shown = _code(statement.text) if statement.code else _flat(statement.text)
        if found:
            parts.append((shown + " " + "".join(f"[{m}]" for m in sorted(set(found))), statement.code))
        elif statement.flagged:
            parts.append((f"{shown} {UNSUPPORTED_MARK}", statement.code))
    if not citations:
        return _answer(inputs, REFUSALS["not_found"], True, [], "not_found")
    if draft.unanswered:
        parts.append((PARTLY_UNANSWERED, False))
    # A code block stands on lines of its own; sentences run on with a space.
    text = "".join(
        ("" if i == 0 else "\n" if code or parts[i - 1][1] else " ") + part for i, (part, code) in enumerate(parts)
    )
    return _answer(inputs, text, False, citations, None)


def _code(text: str) -> str:
    """A code block as shown: its lines as written, without the blank lines around it."""
    return text.strip("\n")


def _flat(text: str) -> str:
    """Shown text on one line: a quote's own line breaks (hard-wrapped documents) read as spaces."""
    return " ".join(text.split())


def _answer(inputs: dict, text: str, refused: bool, citations: list[Citation], reason: str | None) -> Answer:
    return Answer(inputs["question"], inputs["standalone_question"], text, refused, citations, inputs["passages"], reason)


def _passage_id(passage: Document) -> str:
    return str(passage.id or passage.metadata.get("chunk_id", ""))


def build_chain(
    retriever: Runnable, generator, max_question_chars: int = 2000, document_text=None, sibling=None, quoting=None,
    counterpart=None, named_with=None, corpus_texts=None,
) -> Runnable:
    """`{"question", "history"}` -> `Answer`: clean, make standalone, retrieve, generate, cite.

    `document_text(source)` gives a document's whole text, so quotes of whole sentences past a passage's edge can
    be checked and each citation can name its section and page; without it quotes must lie inside their passage.
    `sibling(noun, words, label=None)` names another kind of a noun the documents speak of (or, with a label, the
    noun with its one other label: "Studio B" beside "Studio A"), for "the other one" in a follow-up
    (`questions.standalone`); `counterpart(name)` the one name the documents set beside a name ("Home" beside
    "Pro"), for "the other one" after a question naming it; `named_with(noun)` the names the documents write beside a
    noun, for "the other dentist"; `corpus_texts()` every document's text, whose pairs of sections ("Our two
    locomotives") say which is "the other one". `quoting(quotes, passages)` gives the passages holding
    sentences the last answer quoted that `passages` lack: a follow-up is mostly answered where the conversation is,
    beside what was said. "And the other one?" is read with the passages the last question finds, too.
    """

    def pairs() -> list[tuple[str, str, str]]:
        return [pair for text in corpus_texts() for pair in heading_pairs(text)] if corpus_texts is not None else []

    def prepare(inputs: dict) -> dict:
        question = clean(inputs["question"], max_question_chars)
        alone = standalone(question, inputs.get("history"), sibling, counterpart, named_with, pairs)
        # Scope is judged on the words the user typed; the kind of fact asked for on the standalone form.
        history = inputs.get("history")
        # A follow-up that asks of the other one on its own terms is asked as it stands alone: "And how deep would
        # the other one leave things?" as "And how deep would Option 2 leave things?".
        another = asked_of_another(question, history)
        request = replace(
            analyse(alone), refusal=analyse(question).refusal, told=told_before(question, history), said=said_before(history),
            another=alone if another == question else another,
        )
        return {"question": question, "standalone_question": alone, "request": request, "quotes": quoted_before(history)}

    generate = generator if isinstance(generator, Runnable) else RunnableLambda(generator, name=getattr(generator, "name", "generator"))

    # Each step adds one key. Written as lambdas rather than `RunnablePassthrough.assign`, which starts a thread
    # pool on every call (a millisecond or two per question); the config is passed on, so callbacks still nest.
    def retrieve(inputs: dict, config: RunnableConfig) -> dict:
        passages = retriever.invoke(inputs["standalone_question"], config)
        if quoting is not None and inputs["quotes"] and not inputs["request"].refusal:
            passages = passages + quoting(inputs["quotes"], passages)
        another = inputs["request"].another
        if another and another != inputs["standalone_question"] and not inputs["request"].refusal:
            # "And the other one?" after "What's the output of the heat pump?": the other one is told in words like
            # the last question's, which find it where the follow-up's own words ("the other pump") do not. Found by
            # other words than the question's, their scores are not the question's.
            # The other one's fact is also told in words like the last answer's, without its names ("The Bowl Bash has
            # been held on the second Saturday of June" -> "The Plaza Jam is held on the last Sunday of August"): what
            # they find is read too.
            floor = min((float(p.metadata.get("score", 0.0)) for p in passages), default=0.0)
            for query in [another] + ([without_names(" ".join(inputs["quotes"]))] if inputs["quotes"] else []):
                held = {_passage_id(p) for p in passages}
                passages = passages + [
                    Document(page_content=p.page_content, metadata={**p.metadata, "score": floor, "dense_score": 0.0}, id=p.id)
                    for p in retriever.invoke(query, config)[:ANOTHER_PASSAGES] if _passage_id(p) not in held
                ]
        return {**inputs, "passages": passages}

    def draft(inputs: dict, config: RunnableConfig) -> dict:
        return {**inputs, "draft": generate.invoke(inputs, config)}

    return (
        RunnableLambda(prepare, name="prepare")
        | RunnableLambda(retrieve, name="retrieve")
        | RunnableLambda(draft, name="generate")
        | RunnableLambda(lambda inputs: cite(inputs, document_text), name="cite")
    )
