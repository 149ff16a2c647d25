"""The answer chain (prepare -> retrieve -> generate -> cite); `cite` is where every citation is made."""

from __future__ import annotations

from dataclasses import replace

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda

from .answers import REFUSALS, UNSUPPORTED_MARK, Answer, Citation, Draft
from .reader.questions import analyse, clean, standalone


def cite(inputs: dict) -> Answer:
    """Number the statements' supports [1], [2] ... and locate each quote exactly in its document."""
    draft: Draft = inputs["draft"]
    passages: list[Document] = inputs["passages"]
    citations: list[Citation] = []
    markers: dict[tuple[str, int], int] = {}

    def marker_for(passage_index: int, quote: str) -> int | None:
        doc = passages[passage_index]
        offset = doc.page_content.find(quote)
        if offset < 0:
            return None  # a quote that is not verbatim in its passage is never shown
        start = doc.metadata.get("start", 0) + offset
        key = (doc.metadata.get("source", ""), start)
        if key not in markers:
            markers[key] = len(citations) + 1
            citations.append(
                Citation(markers[key], key[0], doc.metadata.get("title", ""), doc.metadata.get("chunk_id", doc.id or ""), quote, start, start + len(quote))
            )
        return markers[key]

    if draft.refusal_reason:
        text = REFUSALS.get(draft.refusal_reason, REFUSALS["not_found"])
        if draft.closest is not None:
            marker = marker_for(*draft.closest)
            if marker is not None:
                text += f" The closest passage I found: “{draft.closest[1]}” [{marker}]"
        return _answer(inputs, text, True, citations, draft.refusal_reason)

    parts = []
    for statement in draft.statements:
        found = [m for m in (marker_for(i, q) for i, q in statement.supports) if m is not None]
        if found:
            parts.append(statement.text + " " + "".join(f"[{m}]" for m in sorted(set(found))))
        elif statement.flagged:
            parts.append(f"{statement.text} {UNSUPPORTED_MARK}")
    if not citations:
        return _answer(inputs, REFUSALS["not_found"], True, [], "not_found")
    return _answer(inputs, " ".join(parts), False, citations, None)


def _answer(inputs: dict, text: str, refused: bool, citations: list[Citation], reason: str | None) -> Answer:
    return Answer(inputs["question"], inputs["standalone_question"], text, refused, citations, inputs["passages"], reason)


def build_chain(retriever: Runnable, generator, max_question_chars: int = 2000) -> Runnable:
    """`{"question", "history"}` -> `Answer`: clean, make standalone, retrieve, generate, cite."""

    def prepare(inputs: dict) -> dict:
        question = clean(inputs["question"], max_question_chars)
        alone = standalone(question, inputs.get("history"))
        # Scope is judged on the words the user typed; the kind of fact asked for on the standalone form.
        request = replace(analyse(alone), refusal=analyse(question).refusal)
        return {"question": question, "standalone_question": alone, "request": request}

    generate = generator if isinstance(generator, Runnable) else RunnableLambda(generator, name=getattr(generator, "name", "generator"))

    # Each step adds one key. Written as lambdas rather than `RunnablePassthrough.assign`, which starts a thread
    # pool on every call (a millisecond or two per question); the config is passed on, so callbacks still nest.
    def retrieve(inputs: dict, config: RunnableConfig) -> dict:
        return {**inputs, "passages": retriever.invoke(inputs["standalone_question"], config)}

    def draft(inputs: dict, config: RunnableConfig) -> dict:
        return {**inputs, "draft": generate.invoke(inputs, config)}

    return (
        RunnableLambda(prepare, name="prepare")
        | RunnableLambda(retrieve, name="retrieve")
        | RunnableLambda(draft, name="generate")
        | RunnableLambda(cite, name="cite")
    )
