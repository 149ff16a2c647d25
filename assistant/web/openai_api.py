"""An OpenAI-compatible chat endpoint: `POST /v1/chat/completions` (streamed or not) and `GET /v1/models`.

Any OpenAI client can talk to the assistant. The last user message is the question, the user and assistant messages
before it are the history. The reply is the cited answer followed by its sources; the structured citations and
whether the question was refused ride along as extra top-level fields (`citations`, `refused`).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..answers import Answer
from ..errors import AssistantError
from .api import FAILURE, ApiError, error_body, event_stream, started

log = logging.getLogger(__name__)

MODEL = "assistant"
SOURCES = "\n\nSources:\n"


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: str
    content: str | list[dict] | None = None  # a string, or parts like {"type": "text", "text": "..."}


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")  # temperature, max_tokens, ...: the answer is quoted, not sampled

    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False


def conversation(messages: list[ChatMessage]) -> tuple[str, list[dict]]:
    """(question, history): the last user message, and the user and assistant turns before it (system ones are ignored)."""
    turns = [(m.role, _text(m.content)) for m in messages if m.role in ("user", "assistant")]
    last = max((i for i, (role, _) in enumerate(turns) if role == "user"), default=None)
    if last is None:
        raise ApiError(400, "The messages hold no user message to answer.")
    # An earlier reply of ours carries its sources; the history needs only the answer.
    history = [{"role": role, "content": text.split(SOURCES, 1)[0] if role == "assistant" else text} for role, text in turns[:last]]
    return turns[last][1], history


def _text(content) -> str:
    if isinstance(content, list):
        return "\n".join(str(part.get("text", "")) for part in content if isinstance(part, dict) and part.get("type") == "text")
    return content or ""


def reply(answer: Answer) -> str:
    """The answer with its [n] markers, then one line per citation: `[n] Title, p. PAGE — “quote”`."""
    if not answer.citations:
        return answer.answer
    lines = [f"[{c.marker}] {c.title or c.source}{'' if c.page is None else f', p. {c.page}'} — “{c.quote}”" for c in answer.citations]
    return answer.answer + SOURCES + "\n".join(lines)


def extras(answer: Answer) -> dict:
    return {"citations": answer.to_dict()["citations"], "refused": answer.refused}


def completion(answer: Answer) -> dict:
    message = {"role": "assistant", "content": reply(answer)}
    return {
        "id": _id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        **extras(answer),
    }


def chunks(pieces: Iterator, forward: bool) -> Iterator[str]:
    """`chat.completion.chunk` events, then `data: [DONE]`.

    With `forward` the pieces are sent as they come (the extractive reader's pieces are the final answer's text).
    An LLM's pieces are its draft, which the verifier may still cut; a chat-completion stream cannot take text
    back, so then the verified answer is sent once it is known.
    """
    ident, created = _id(), int(time.time())

    def chunk(delta: dict, finish: str | None = None, **extra) -> str:
        body = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": MODEL,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}], **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    sent = ""
    try:
        for piece in pieces:
            if isinstance(piece, Answer):
                text = reply(piece)
                if not text.startswith(sent):  # cannot happen with forwarded pieces; said rather than hidden
                    log.warning("A streamed chat completion differs from its final answer.")
                rest = text[len(sent):] if text.startswith(sent) else ""
                if rest:
                    yield chunk({"content": rest})
                yield chunk({}, "stop", **extras(piece))
            elif forward and piece:
                sent += piece
                yield chunk({"content": piece})
    except AssistantError as error:
        yield f"data: {json.dumps(error_body('/v1/', str(error), 503), ensure_ascii=False)}\n\n"
    except Exception:
        log.exception("Streaming a chat completion failed")
        yield f"data: {json.dumps(error_body('/v1/', FAILURE, 500))}\n\n"
    yield "data: [DONE]\n\n"


def add_openai_routes(router: APIRouter, assistant) -> None:
    @router.post("/v1/chat/completions", summary="OpenAI-compatible chat completion (the key, if any, is ignored)")
    def chat_completions(body: ChatRequest):
        question, history = conversation(body.messages)
        if body.stream:
            forward = not getattr(assistant.generator, "streams", False)
            return event_stream(chunks(started(assistant.stream(question, history)), forward))
        return JSONResponse(completion(assistant.ask(question, history)))

    @router.get("/v1/models", summary="The one model this server offers")
    def models():
        return JSONResponse({"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "assistant"}]})


def _id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"
