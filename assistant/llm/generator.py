"""The LLM generator: numbered passages and the question in, a fluent answer out, every sentence verified.

The chain is LCEL: prompt | chat model (bound to a JSON schema where the model supports it). The model's
sentences, with the passage numbers and quotes it gives, go through the `Verifier`; only supported ones
reach `cite()`, so LLM answers carry the same verbatim citations as extractive ones.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.resources import files
from queue import Queue
from threading import Event, Thread

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.callbacks.manager import dispatch_custom_event
from langchain_core.documents import Document
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.utils.json import parse_partial_json

from ..answers import Answer, Draft
from ..errors import AssistantError
from ..text import sentences
from .verifier import Claim, Verifier

log = logging.getLogger(__name__)

# The custom LangChain event carrying the answer's text as the model writes it (before verification).
TOKEN_EVENT = "assistant_answer_token"

# What structured output asks for: each sentence with the passages it rests on and a verbatim quote from each.
SCHEMA = {
    "type": "object",
    "properties": {
        "statements": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "sentence": {"type": "string"},
                    "citations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"passage": {"type": "integer"}, "quote": {"type": "string"}},
                            "required": ["passage", "quote"],
                            "additionalProperties": False,
                        },
                    },
                },
                "required": ["sentence", "citations"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["statements"],
    "additionalProperties": False,
}

_MARKER = re.compile(r"\[\s*(?:passages?\s*)?(\d+(?:\s*(?:,|;|-|–|and)\s*\d+)*)\s*\]", re.I)
_TRAILING_MARKERS = re.compile(r"(?<=[.!?])(?:\s*\[[^\]]{0,40}\])+\s*$")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[[^\]]{0,40}\])+\s*")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


class LLMUnavailable(AssistantError):
    """The language model's server could not be reached or failed to answer."""


class LLMGenerator:
    """A generator (`inputs -> Draft`) that asks a chat model and keeps only what the passages support."""

    streams = True  # `Assistant.stream` relays this generator's text as it is written

    def __init__(
        self,
        model: Runnable,
        verifier: Verifier,
        name: str = "llm",
        gate: Callable[[dict], Draft] | None = None,
        structured: list[Callable[[Runnable], Runnable]] | None = None,
        max_sentences: int = 4,
        min_relevance: float = 0.2,
    ) -> None:
        self.model = model
        self.verifier = verifier
        self.name = name
        self.gate = gate  # the extractive generator: its "nothing relevant" refusal spares the LLM call
        # The model bound to JSON output, in the ways to try: a server that rejects one gets the next, then markers.
        self.formats = [bind(model) for bind in structured or []]
        self.max_sentences = max_sentences
        self.min_relevance = min_relevance  # without a gate: the best passage's dense similarity needed

    def __call__(self, inputs: dict, config: RunnableConfig | None = None) -> Draft:
        refusal, hint = self._screen(inputs)
        if refusal is not None:
            return refusal
        claims = self._claims(inputs, config)
        draft, checks = self.verifier.verify(claims, inputs["passages"], inputs["standalone_question"])
        for check in checks:
            log.debug("%s (similarity %.2f, coverage %.2f): %s", check.reason, check.similarity, check.coverage, check.claim.text)
        if draft.refusal_reason and hint is not None and hint.refusal_reason:
            return hint  # the gate's reason is more precise ("they give no figure for this")
        return draft

    def _screen(self, inputs: dict) -> tuple[Draft | None, Draft | None]:
        """Refuse before calling the model when the question is out of scope or nothing retrieved is relevant."""
        request, passages = inputs["request"], inputs["passages"]
        if request.refusal:
            return Draft.refusal(request.refusal), None
        if not passages:
            return Draft.refusal("no_passages"), None
        if self.gate is None:
            best = max(float(p.metadata.get("dense_score", 0.0)) for p in passages)
            return (Draft.refusal("not_found"), None) if best < self.min_relevance else (None, None)
        hint = self.gate(inputs)
        # The gate found no sentence even loosely about the question (it names a closest one otherwise).
        if hint.refusal_reason == "no_passages" or (hint.refusal_reason == "not_found" and hint.closest is None):
            return hint, None
        return None, hint

    def _claims(self, inputs: dict, config: RunnableConfig | None) -> list[Claim]:
        formats = self.formats  # read once: another request may drop a rejected format meanwhile
        structured = bool(formats)
        messages = prompt(structured).invoke(
            {"passages": format_passages(inputs["passages"]), "question": inputs["standalone_question"], "max_sentences": self.max_sentences}
        )
        emit = _emitter(config)
        text, shown = "", ""
        try:
            for chunk in (formats[0] if structured else self.model).stream(messages, config=config):
                text += _chunk_text(chunk)
                display = display_text(text, structured)
                if len(display) > len(shown) and display.startswith(shown):
                    emit(display[len(shown) :])
                    shown = display
        except Exception as error:  # the model's server: anything it raises is a failure to answer
            if text and type(error).__name__ == "LengthFinishReasonError":
                # OpenAI's client refuses JSON cut off at the token limit; what was written is still verified.
                log.warning("%s reached the token limit; verifying the answer as far as it got", self.name)
                return parse_answer(text, structured)
            if structured and not text and getattr(error, "status_code", None):
                # The server answered but rejects this kind of JSON output: try the next, then [n] markers.
                log.warning("%s rejected a structured output format (%s); trying the next", self.name, _short(error))
                self.formats = formats[1:]
                return self._claims(inputs, config)
            raise LLMUnavailable(f"The language model ({self.name}) did not answer: {_short(error)}") from error
        return parse_answer(text, structured)


@lru_cache(maxsize=2)
def prompt(structured: bool) -> ChatPromptTemplate:
    """The prompt, from package data: the rules, the JSON shape when asked for, then the passages and question."""
    system = _read("system.txt") + ("\n" + _read("json.txt") if structured else "")
    return ChatPromptTemplate.from_messages([("system", system), ("human", _read("question.txt"))])


def _read(name: str) -> str:
    return files("assistant.llm").joinpath("prompts", name).read_text(encoding="utf-8")


def format_passages(passages: list[Document]) -> str:
    """Numbered passages, each framed so that nothing inside it can pass for the prompt's own text."""
    blocks = []
    for n, doc in enumerate(passages, 1):
        title = str(doc.metadata.get("title") or doc.metadata.get("source") or "").replace('"', "'")
        body = re.sub(r"</?\s*passages?\b", lambda m: m.group(0).replace("<", "‹"), doc.page_content, flags=re.I)
        blocks.append(f'<passage number="{n}" title="{title}">\n{body}\n</passage>')
    return "\n".join(blocks)


def parse_answer(text: str, structured: bool) -> list[Claim]:
    """The model's answer as claims: from the JSON shape, or from prose with [n] markers."""
    if structured:
        data = _json(text)
        if isinstance(data, dict):
            return claims_from_json(data)
    return claims_from_text(text)  # also when a model asked for JSON wrote prose


def claims_from_json(data: dict) -> list[Claim]:
    claims = []
    for item in data.get("statements") or []:
        if not isinstance(item, dict) or not isinstance(item.get("sentence"), str):
            continue
        citations = []
        for c in item.get("citations") or []:
            if isinstance(c, dict) and isinstance(c.get("passage"), int):
                citations.append((c["passage"], c["quote"] if isinstance(c.get("quote"), str) else None))
            elif isinstance(c, int):
                citations.append((c, None))
        citations += [(n, None) for n in markers(item["sentence"]) if n not in {p for p, _ in citations}]
        claims.append(Claim(item["sentence"], citations))
    return claims


def claims_from_text(text: str) -> list[Claim]:
    """Sentences with the [n] markers after them; markers written after a full stop belong to the sentence before."""
    claims: list[Claim] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line.replace("**", "")).strip()
        for span in sentences(line) if line else []:
            sentence = span.text
            lead = _LEADING_MARKERS.match(sentence)
            if lead and claims:
                claims[-1].citations += [(n, None) for n in markers(lead.group())]
                sentence = sentence[lead.end() :]
            if re.sub(r"\W", "", _MARKER.sub("", sentence)):
                # Markers after the full stop ("Second point. [2][3]") cite the sentence, they are not part of it.
                claims.append(Claim(_TRAILING_MARKERS.sub("", sentence), [(n, None) for n in markers(sentence)]))
    return claims


def markers(text: str) -> list[int]:
    """Passage numbers in "[1]", "[1, 3]", "[2-3]", "[passage 2]"."""
    found: list[int] = []
    for match in _MARKER.finditer(text):
        for part in re.split(r"\s*(?:,|;|and)\s*", match.group(1)):
            bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
            found += list(range(bounds[0], bounds[-1] + 1)) if len(bounds) == 2 and bounds[1] - bounds[0] < 10 else bounds[:1]
    return list(dict.fromkeys(found))


def display_text(text: str, structured: bool) -> str:
    """What the user sees while the model writes: the prose, or the sentences of the partial JSON so far."""
    if not structured:
        return text
    data = _json(text)
    if not isinstance(data, dict):
        return ""
    parts = []
    for item in data.get("statements") or []:
        if isinstance(item, dict) and isinstance(item.get("sentence"), str):
            numbers = [c.get("passage") for c in item.get("citations") or [] if isinstance(c, dict) and isinstance(c.get("passage"), int)]
            parts.append(item["sentence"] + "".join(f" [{n}]" for n in numbers))
    return " ".join(parts)


def _json(text: str):
    text = re.sub(r"^\s*```(?:json)?|```\s*$", "", text.strip())
    try:
        return json.loads(text)
    except ValueError:
        try:
            return parse_partial_json(text)  # streaming, or cut off at the token limit
        except ValueError:
            return None


def _chunk_text(chunk) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content if isinstance(part, (str, dict)))
    return ""


def _emitter(config: RunnableConfig | None) -> Callable[[str], None]:
    """Send text to the chain's callbacks as a custom event; a no-op outside a chain run."""
    state = {"on": config is not None}

    def emit(piece: str) -> None:
        if not state["on"]:
            return
        try:
            dispatch_custom_event(TOKEN_EVENT, {"text": piece}, config=config)
        except RuntimeError:  # called directly, not inside a run: nobody listens
            state["on"] = False

    return emit


def _short(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


class _Cancelled(Exception):
    """The reader of a stream went away: stop the model instead of writing to nobody."""


class _Relay(BaseCallbackHandler):
    raise_error = True  # so that `_Cancelled` stops the run

    def __init__(self, queue: Queue) -> None:
        self.queue = queue
        self.cancelled = Event()

    def on_custom_event(self, name, data, **kwargs) -> None:
        if self.cancelled.is_set():
            raise _Cancelled()
        if name == TOKEN_EVENT:
            self.queue.put(data["text"])


def stream_answer(run: Callable[[RunnableConfig], Answer]) -> Iterator[str | Answer]:
    """Run `run(config)` in a thread; yield the model's text as it arrives, then the verified `Answer`."""
    pieces: Queue = Queue()
    relay = _Relay(pieces)
    done = object()
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["answer"] = run({"callbacks": [relay]})
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error
        finally:
            pieces.put(done)

    Thread(target=work, name="answer", daemon=True).start()
    try:
        while (piece := pieces.get()) is not done:
            yield piece
    finally:
        relay.cancelled.set()  # the caller stopped reading (or all is read): a running model stops at its next token
    if "error" in outcome:
        raise outcome["error"]
    yield outcome["answer"]
