"""The HTTP API beside the page: ask (JSON or server-sent events), the documents, health; every error is one sentence.

`build_api` returns a FastAPI app; `serve` (app.py) mounts the Gradio page on it, so the page, this API and the
OpenAI-compatible endpoint (openai_api.py) share one process and one port. Endpoints are plain functions over the
same `Assistant` the page uses; FastAPI runs them in its thread pool.
"""

from __future__ import annotations

import copy
import hmac
import json
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import asdict, replace
from itertools import chain
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, SecretStr
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ..answers import Answer
from ..corpus.uploads import UploadRefused
from ..errors import AssistantError, IngestBusy, InvalidQuestion
from .handlers import is_loopback

log = logging.getLogger(__name__)

MAX_K = 50  # passages one request may ask for; the fused candidates are at most twice the fetch depth anyway
MAX_FILES = 20  # files in one upload request
FAILURE = "Something went wrong on the server; it was logged. Please try again."
NOT_READY = "The assistant is still loading its model and keyword index; try again in a few seconds."
_UPLOAD_STATUS = {"too_large": 413, "unsupported": 415, "conflict": 409, "unknown": 404}


class ApiError(Exception):
    """An HTTP error with its one-sentence message (raised by the endpoints, turned into JSON by the route)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers


# -- errors: one sentence, the right status, never a traceback -------------------------------------------------------
def status_for(error: Exception) -> int:
    if isinstance(error, ApiError):
        return error.status
    if isinstance(error, UploadRefused):
        return _UPLOAD_STATUS.get(error.kind, 400)
    if isinstance(error, InvalidQuestion):
        return 400
    if isinstance(error, IngestBusy):
        return 409
    if isinstance(error, AssistantError):
        return 503  # nothing ingested yet, the store or the LLM server unreachable, the generator unavailable
    return 500


def error_body(path: str, message: str, status: int) -> dict:
    """`{"error": sentence}`; under /v1 the OpenAI shape, so OpenAI clients show the sentence."""
    if path.startswith("/v1/"):
        kind = "invalid_request_error" if status < 500 else "server_error"
        return {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return {"error": message}


def error_response(request: Request, error: Exception) -> JSONResponse:
    status = status_for(error)
    if status == 500:
        log.error("%s %s failed", request.method, request.url.path, exc_info=error)
        message = FAILURE
    else:
        message = str(error)
    return JSONResponse(error_body(request.url.path, message, status), status, headers=getattr(error, "headers", None))


def invalid_request(error: RequestValidationError) -> str:
    """A validation error as one sentence naming the first problem."""
    problems = error.errors()
    problem = problems[0] if problems else {}
    if problem.get("type") == "json_invalid":
        return "The request body is not valid JSON."
    where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body")
    if not where:
        return "The request body must be a JSON object."
    return f"The request body is not valid: {where}: {str(problem.get('msg', 'invalid')).rstrip('.')}."


class OneSentenceRoute(APIRoute):
    """Whatever an endpoint raises becomes `{"error": sentence}` with its status; unexpected errors are logged."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def guarded(request: Request):
            try:
                return await handler(request)
            except (RequestValidationError, HTTPException):
                raise  # the app's handlers below give them the same shape
            except Exception as error:
                return error_response(request, error)

        return guarded


def _install_error_handlers(api: FastAPI) -> None:
    async def validation(request: Request, error: RequestValidationError):
        return JSONResponse(error_body(request.url.path, invalid_request(error), 400), 400)

    async def http(request: Request, error: HTTPException):
        message = error.detail if isinstance(error.detail, str) and error.detail.endswith(".") else f"{error.detail}."
        return JSONResponse(error_body(request.url.path, message, error.status_code), error.status_code, headers=error.headers)

    api.add_exception_handler(RequestValidationError, validation)
    api.add_exception_handler(HTTPException, http)


# -- who may change the documents -------------------------------------------------------------------------------------
def check_write(authorization: str | None, token: SecretStr | None, host: str) -> None:
    """Raise `ApiError` unless a request with this Authorization header may add or remove documents.

    With a token set, the request must carry it; without one, only a server listening on loopback accepts writes.
    """
    secret = token.get_secret_value() if token is not None else ""
    if secret:
        scheme, _, given = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise ApiError(401, "Adding or removing documents needs the API token: send Authorization: Bearer <token>.", {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode("utf-8"), secret.encode("utf-8")):
            raise ApiError(403, "The API token is not valid.")
        return
    if not is_loopback(host):
        raise ApiError(
            403,
            "This server listens beyond this machine and no ASSISTANT_API_TOKEN is set, so documents cannot be changed through the API.",
        )


# -- asking -----------------------------------------------------------------------------------------------------------
class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AskBody(BaseModel):
    question: str
    history: list[Turn] = Field(default_factory=list)
    k: int | None = Field(None, ge=1, le=MAX_K, description="passages handed to the generator, for this request only")
    stream: bool = Field(False, description="answer as server-sent events (also chosen by Accept: text/event-stream)")


def with_k(assistant, k: int | None):
    """The assistant, or for another `k` a shallow copy whose retriever hands `k` passages to the generator.

    Nothing shared changes, so concurrent requests with different `k` never see each other's: the copy shares the
    store, the model and the generator, its retriever is a copy sharing the keyword index, and its chain is built
    from that retriever (by the Assistant's own `chain`, so it is wired exactly as the default one).
    """
    if k is None or k == assistant.settings.k:
        return assistant
    assistant.generator  # built once on the shared assistant (with the store and the model), then shared by the copy
    retriever = assistant.retriever
    retriever.keyword_index()  # current before it is shared: the copy never rebuilds it for itself
    view = copy.copy(assistant)
    view.retriever = retriever.model_copy(update={"config": replace(retriever.config, k=k)})
    view.__dict__.pop("chain", None)  # built on first use, from the copy's retriever
    return view


def wants_events(request: Request, stream: bool) -> bool:
    return stream or "text/event-stream" in request.headers.get("accept", "")


def event(name: str, data: str) -> str:
    """One server-sent event; a multi-line `data` becomes several data lines, as the format requires."""
    return f"event: {name}\n" + "".join(f"data: {line}\n" for line in data.split("\n")) + "\n"


def started(pieces: Iterator) -> Iterator:
    """`pieces` with its first item already produced, so a bad question or an empty store fails before any byte is sent."""
    first = next(pieces)
    return chain([first], pieces)


def answer_events(pieces: Iterator) -> Iterator[str]:
    """`token` events with the text as it comes, `answer` with the final JSON (authoritative), then `done`."""
    try:
        for piece in pieces:
            if isinstance(piece, Answer):
                yield event("answer", json.dumps(piece.to_dict(), ensure_ascii=False))
            elif piece:  # an empty data field would not be dispatched by a browser's EventSource
                yield event("token", piece)
    except AssistantError as error:
        yield event("error", json.dumps({"error": str(error)}, ensure_ascii=False))
    except Exception:
        log.exception("Streaming an answer failed")
        yield event("error", json.dumps({"error": FAILURE}))
    yield event("done", "{}")


def event_stream(body: Iterator[str]) -> StreamingResponse:
    # No caching and no proxy buffering: each event must reach the client when it is written.
    return StreamingResponse(body, media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


# -- the app ----------------------------------------------------------------------------------------------------------
UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                }
            }
        },
    }
}


def build_api(assistant, host: str | None = None) -> FastAPI:
    """The API for `assistant` on a server listening on `host` (which, without a token, decides who may write).

    `api.state.ready` is set once the model and keyword index are loaded (`serve` sets it after the warm-up).
    """
    settings = assistant.settings
    host = host or settings.host
    api = FastAPI(
        title="Document assistant",
        version="1",
        description="Answers only from its documents, with verbatim citations. The chat page is served at `/`.",
    )
    api.state.ready = threading.Event()
    _install_error_handlers(api)
    router = APIRouter(route_class=OneSentenceRoute)

    def may_write(request: Request) -> None:
        check_write(request.headers.get("authorization"), settings.api_token, host)

    @router.post("/api/ask", summary="Answer one question from the documents")
    def ask(body: AskBody, request: Request):
        answering = with_k(assistant, body.k)
        history = [turn.model_dump() for turn in body.history]
        if wants_events(request, body.stream):
            return event_stream(answer_events(started(answering.stream(body.question, history))))
        return JSONResponse(answering.ask(body.question, history).to_dict())

    @router.get("/api/documents", summary="The documents in the store")
    def documents():
        return JSONResponse([asdict(record) for record in assistant.documents()])

    @router.post("/api/documents", summary="Add documents (multipart field `files`)", openapi_extra=UPLOAD_SCHEMA)
    async def upload(request: Request):
        may_write(request)  # before the body is read: a refused client cannot make the server store its upload
        uploads = await _uploaded_files(request, settings.max_upload_bytes)
        try:
            return await run_in_threadpool(_add, assistant, uploads)
        finally:
            for upload in uploads:
                await upload.close()

    @router.delete("/api/documents/{source:path}", summary="Remove a document (its file is kept in data/removed/)")
    def remove(source: str, request: Request):
        may_write(request)
        assistant.remove_document(source)
        return JSONResponse({"removed": source, "documents": len(assistant.documents())})

    @router.get("/api/health", summary="200 once the model and keyword index are loaded, 503 before")
    def health():
        if not api.state.ready.is_set():
            raise ApiError(503, NOT_READY)
        return JSONResponse({"status": "ready", "documents": len(assistant.documents())})

    from .openai_api import add_openai_routes

    add_openai_routes(router, assistant)

    @router.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    @router.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(request: Request, rest: str):
        # Without this, the page mounted at / would answer unknown API paths with its own 404.
        path = request.url.path
        allowed = sorted({m for r in router.routes if r.endpoint is not unknown and r.path_regex.match(path) for m in r.methods})
        if allowed:
            raise ApiError(405, f"{path} accepts {' and '.join(allowed)}, not {request.method}.", {"Allow": ", ".join(allowed)})
        raise ApiError(404, f"There is no API endpoint {request.method} {path}; see /docs.")

    api.include_router(router)
    return api


async def _uploaded_files(request: Request, max_bytes: int) -> list[UploadFile]:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FILES * max_bytes + 1_000_000:
        raise ApiError(413, f"The upload is over the limit of {MAX_FILES} files of {max_bytes / 1_000_000:.1f} MB each.")
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(400, "Send the documents as multipart/form-data files in the field `files`.")
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES)
    except HTTPException as error:  # a malformed body, or too many parts
        raise ApiError(400, f"The upload cannot be read: {str(error.detail).rstrip('.')}.") from None
    uploads = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
    if not uploads:
        await form.close()
        raise ApiError(400, "No files were given: send them as multipart/form-data in the field `files`.")
    return uploads


def _add(assistant, uploads: list[UploadFile]) -> JSONResponse:
    """The corpus page's rules and messages (corpus/uploads.py); any refused file makes the response an error."""
    with tempfile.TemporaryDirectory(prefix="assistant-upload-") as folder:
        files = []
        for i, upload in enumerate(uploads):
            path = Path(folder) / str(i)  # the name the user gave is checked (and made safe) by add_files
            with path.open("wb") as out:
                shutil.copyfileobj(upload.file, out, 1 << 20)
            files.append((upload.filename or "", path))
        report = assistant.add_files(files)
    body = {"added": report.added, "unchanged": report.unchanged, "refused": report.refused, "message": report.summary()}
    if not report.errors:
        return JSONResponse(body)
    # Several files refused for different reasons: the first one's status (each file's sentence is in `refused`).
    status = status_for(report.errors[0])
    if status == 500:
        log.error("Adding %s failed", report.refused[0], exc_info=report.errors[0])
    return JSONResponse({"error": " ".join(report.refused), **body}, status)
