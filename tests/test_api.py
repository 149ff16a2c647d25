"""The HTTP API and the OpenAI-compatible endpoint, served by the real `serve()` on a loopback port and called over HTTP.

Most tests use the fake embedding on a real Chroma store; one (slow) drives the real model through the `openai` client.
"""

import json
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict

import httpx
import pytest
from pydantic import SecretStr

from assistant.errors import AssistantError
from assistant.web.api import FAILURE, ApiError, build_api, check_write, event

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
QUESTION = "What is CAR-T therapy?"
LIMIT = 50_000  # the served app's upload limit, small so an oversized file is cheap to make


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fake-embedding assistant served on loopback with an API token; health is read during the warm-up."""
    from assistant.corpus.store import make_client
    from assistant.service import Assistant
    from assistant.web import app as web

    from .conftest import make_project, settings_for
    from .fakes import FakeEmbedder

    settings = settings_for(make_project(tmp_path_factory.mktemp("api")), port=free_port(), api_token=TOKEN, max_upload_bytes=LIMIT)
    assistant = Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))
    assistant.ingest()
    during_warm_up = []
    real_warm_up = web.warm_up

    def warm_up(warmed):
        response = httpx.get(f"http://127.0.0.1:{settings.port}/api/health", timeout=30)
        during_warm_up.append((response.status_code, response.json()))
        real_warm_up(warmed)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(web, "warm_up", warm_up)
        app, url = web.serve(assistant, host="127.0.0.1", block=False)
    try:
        with httpx.Client(base_url=url, timeout=60) as http:
            yield assistant, url, http, during_warm_up
    finally:
        app.close()


def sse(text: str) -> list[tuple[str, str]]:
    """(event, data) pairs, parsed as the server-sent events format says (one space after the colon is dropped)."""
    events = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.split("\n"):
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        events.append((name, "\n".join(data)))
    return events


def one_sentence(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"error"} and isinstance(body["error"], str) and body["error"].endswith(".")
    assert "Traceback" not in response.text and "File \"" not in response.text
    return body["error"]


def sources_text(answer: dict) -> str:
    pages = ["" if c["page"] is None else f", p. {c['page']}" for c in answer["citations"]]
    lines = [f"[{c['marker']}] {c['title']}{page} — “{c['quote']}”" for c, page in zip(answer["citations"], pages)]
    return answer["answer"] + ("\n\nSources:\n" + "\n".join(lines) if lines else "")


# -- health, page, docs -----------------------------------------------------------------------------------------------
def test_health_is_503_during_the_warm_up_and_ready_after(site):
    assistant, _, http, during_warm_up = site
    assert len(during_warm_up) == 1
    status, body = during_warm_up[0]
    assert status == 503 and set(body) == {"error"} and "loading" in body["error"]
    response = http.get("/api/health")
    assert response.status_code == 200 and response.json() == {"status": "ready", "documents": len(assistant.documents())}


def test_the_page_the_api_docs_and_the_gradio_api_share_the_port(site):
    _, url, http, _ = site
    page = http.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    docs = http.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    paths = http.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/documents", "/api/documents/{source}", "/api/health", "/v1/chat/completions", "/v1/models"} <= set(paths)
    from gradio_client import Client

    messages, sources, _ = Client(url, verbose=False).predict(QUESTION, api_name="/ask")
    assert len(messages) == 2 and "<mark>" in sources


# -- ask --------------------------------------------------------------------------------------------------------------
def test_ask_returns_what_ask_json_prints(site):
    assistant, _, http, _ = site
    response = http.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert body == json.loads(json.dumps(assistant.ask(QUESTION).to_dict()))
    assert not body["refused"] and "[1]" in body["answer"] and body["citations"][0]["quote"]


def test_ask_reads_the_history_of_a_follow_up(site):
    assistant, _, http, _ = site
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": assistant.ask(QUESTION).answer}]
    body = http.post("/api/ask", json={"question": "How does it work?", "history": history}).json()
    assert body["standalone_question"] == "How does CAR-T therapy work?"
    assert body == json.loads(json.dumps(assistant.ask("How does it work?", history).to_dict()))


def test_k_changes_the_passages_of_that_request_only(site):
    assistant, _, http, _ = site

    def passages(k):
        body = http.post("/api/ask", json={"question": QUESTION, **({"k": k} if k else {})}).json()
        return len(body["passages"])

    with ThreadPoolExecutor(6) as pool:
        counts = list(pool.map(passages, [1, None, 2, 1, None, 2]))
    default = assistant.settings.k
    assert counts == [1, default, 2, 1, default, 2]
    assert assistant.retriever.config.k == default and len(assistant.ask(QUESTION).passages) == default


def test_an_answer_with_k_is_the_answer_of_an_assistant_set_to_that_k(site):
    from assistant.service import Assistant

    assistant, _, http, _ = site
    configured = Assistant(assistant.settings.model_copy(update={"k": 2}), embedder=assistant.embedder, client=assistant.store.client)
    body = http.post("/api/ask", json={"question": "How are the T-cells modified?", "k": 2}).json()
    assert body == json.loads(json.dumps(configured.ask("How are the T-cells modified?").to_dict()))


def test_a_streamed_answer_is_tokens_then_the_answer_then_done(site):
    assistant, _, http, _ = site
    expected = json.loads(json.dumps(assistant.ask(QUESTION).to_dict()))
    for request in (
        {"json": {"question": QUESTION, "stream": True}},
        {"json": {"question": QUESTION}, "headers": {"Accept": "text/event-stream"}},
    ):
        response = http.post("/api/ask", **request)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        events = sse(response.text)
        names = [name for name, _ in events]
        assert names[-2:] == ["answer", "done"] and set(names[:-2]) == {"token"} and len(names) > 3
        assert "".join(data for name, data in events if name == "token") == expected["answer"]
        assert json.loads(events[-2][1]) == expected


def test_a_stream_that_fails_midway_ends_with_an_error_event(site, monkeypatch):
    assistant, _, http, _ = site

    def failing(question, history):
        yield "The documents "
        raise AssistantError("The store is not reachable.")

    monkeypatch.setattr(assistant, "stream", failing)
    events = sse(http.post("/api/ask", json={"question": QUESTION, "stream": True}).text)
    assert events == [("token", "The documents "), ("error", json.dumps({"error": "The store is not reachable."})), ("done", "{}")]


def test_event_data_keeps_every_line_and_space():
    piece = " two\nlines "
    assert sse(event("token", piece)) == [("token", piece)]


# -- errors -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "request_kwargs, words",
    [
        ({"json": {"question": ""}}, "Please type a question"),
        ({"json": {"question": "   ", "stream": True}}, "Please type a question"),
        ({"json": {"question": "x" * 5000}}, "characters long"),
        ({"content": b'{"question": "What is', "headers": {"Content-Type": "application/json"}}, "not valid JSON"),
        ({"json": {"q": QUESTION}}, "question"),
        ({"json": [QUESTION]}, "JSON object"),
        ({"json": {"question": QUESTION, "k": 0}}, "k"),
        ({"json": {"question": QUESTION, "history": [{"role": "system", "content": "x"}]}}, "history"),
    ],
)
def test_bad_questions_and_bodies_are_400_with_one_sentence(site, request_kwargs, words):
    _, _, http, _ = site
    assert words in one_sentence(http.post("/api/ask", **request_kwargs), 400)


def test_unknown_endpoints_are_404_in_the_same_shape(site):
    _, _, http, _ = site
    assert "/api/nothing" in one_sentence(http.get("/api/nothing"), 404)
    assert "/v1/nothing" in http.get("/v1/nothing").json()["error"]["message"]
    response = http.get("/api/ask")
    assert "accepts POST, not GET" in one_sentence(response, 405) and response.headers["allow"] == "POST"
    assert "accepts GET and POST" in one_sentence(http.put("/api/documents"), 405)


def test_an_unexpected_error_is_logged_and_is_500_with_one_sentence(site, monkeypatch, caplog):
    assistant, _, http, _ = site

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(assistant, "ask", broken)
    response = http.post("/api/ask", json={"question": QUESTION})
    assert one_sentence(response, 500) == FAILURE and "secret" not in response.text
    assert "secret internals" in caplog.text


def test_nothing_ingested_is_503(fake_assistant):
    from fastapi.testclient import TestClient

    with TestClient(build_api(fake_assistant, "127.0.0.1")) as client:
        assert "Nothing has been ingested" in one_sentence(client.post("/api/ask", json={"question": QUESTION}), 503)
        assert one_sentence(client.get("/api/health"), 503)  # serve() sets it ready after the warm-up
        assert client.get("/api/documents").json() == []


# -- documents --------------------------------------------------------------------------------------------------------
def test_documents_are_listed_as_documents_json_prints(site):
    assistant, _, http, _ = site
    assert http.get("/api/documents").json() == [asdict(r) for r in assistant.documents()]


def test_upload_then_delete_changes_the_store(site, tmp_path):
    assistant, _, http, _ = site
    corpus = assistant.settings.corpus_path
    files = [("files", ("llamas.md", b"# Llamas\n\nLlamas are South American camelids used as pack animals.\n", "text/markdown"))]
    response = http.post("/api/documents", files=files, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["added"] == ["corpus/llamas.md"] and response.json()["refused"] == []
    assert (corpus / "llamas.md").is_file() and "corpus/llamas.md" in [d["source"] for d in http.get("/api/documents").json()]
    answer = http.post("/api/ask", json={"question": "What are llamas used as?"}).json()
    assert answer["citations"] and answer["citations"][0]["source"] == "corpus/llamas.md"

    again = http.post("/api/documents", files=files, headers=AUTH).json()
    assert again["unchanged"] == ["corpus/llamas.md"] and again["added"] == []

    response = http.delete("/api/documents/corpus/llamas.md", headers=AUTH)
    assert response.status_code == 200 and response.json()["removed"] == "corpus/llamas.md"
    assert not (corpus / "llamas.md").exists() and assistant.store.document("corpus/llamas.md") is None
    assert "not in the store" in one_sentence(http.delete("/api/documents/corpus/llamas.md", headers=AUTH), 404)


def _state(assistant):
    return sorted(p.name for p in assistant.settings.corpus_path.iterdir()), [asdict(r) for r in assistant.documents()]


@pytest.mark.parametrize(
    "upload, status, words",
    [
        (("tool.exe", b"MZ\x90\x00binary", "application/octet-stream"), 415, "unsupported file type .exe"),
        (("big.txt", b"words " * (LIMIT // 5), "text/plain"), 413, "over the upload limit"),
        (("empty.txt", b"", "text/plain"), 400, "the file is empty"),
        (("notes.txt", b"\xff\xfe\x00\x00 not utf-8 \x00\x9f", "text/plain"), 400, "Nothing was added"),
    ],
)
def test_a_refused_upload_changes_nothing(site, upload, status, words):
    assistant, _, http, _ = site
    before = _state(assistant)
    response = http.post("/api/documents", files=[("files", upload)], headers=AUTH)
    message = one_sentence(response, status)
    assert words in message and upload[0] in message and response.json()["refused"] == [message]
    assert _state(assistant) == before


def test_uploads_that_are_not_files_are_400(site):
    _, _, http, _ = site
    assert "field `files`" in one_sentence(http.post("/api/documents", json={"files": ["a.txt"]}, headers=AUTH), 400)
    assert "No files were given" in one_sentence(http.post("/api/documents", data={"files": "a.txt"}, files=[("other", ("a.txt", b"x"))], headers=AUTH), 400)


def test_a_busy_ingest_is_409(site):
    from filelock import FileLock

    assistant, _, http, _ = site
    before = _state(assistant)
    with FileLock(assistant.settings.data_path / "ingest.lock"):
        upload = http.post("/api/documents", files=[("files", ("llamas.md", b"Llamas are camelids.\n", "text/markdown"))], headers=AUTH)
        assert "Another ingest is running" in one_sentence(upload, 409)
        removal = http.delete("/api/documents/corpus/car-t-glioblastoma.txt", headers=AUTH)
        assert "Another ingest is running" in one_sentence(removal, 409)
    assert _state(assistant) == before


# -- who may write ----------------------------------------------------------------------------------------------------
def test_who_may_write():
    token = SecretStr(TOKEN)
    check_write(None, None, "127.0.0.1")
    check_write(None, None, "localhost")
    check_write(None, None, "::1")
    for host in ("0.0.0.0", "192.168.1.20", "example.org"):
        with pytest.raises(ApiError) as refused:
            check_write(None, None, host)
        assert refused.value.status == 403 and "ASSISTANT_API_TOKEN" in str(refused.value)
    for host in ("127.0.0.1", "0.0.0.0"):
        check_write(f"Bearer {TOKEN}", token, host)
        check_write(f"bearer  {TOKEN} ", token, host)
        for header, status in ((None, 401), ("", 401), (TOKEN, 401), ("Basic abc", 401), ("Bearer wrong", 403), (f"Bearer {TOKEN}x", 403)):
            with pytest.raises(ApiError) as refused:
                check_write(header, token, host)
            assert refused.value.status == status, header


def test_writes_need_the_token_when_one_is_set(site):
    assistant, _, http, _ = site
    before = _state(assistant)
    files = [("files", ("llamas.md", b"Llamas are camelids.\n", "text/markdown"))]
    response = http.post("/api/documents", files=files)
    assert "Bearer" in one_sentence(response, 401) and response.headers["www-authenticate"] == "Bearer"
    assert one_sentence(http.post("/api/documents", files=files, headers={"Authorization": "Bearer wrong"}), 403)
    assert one_sentence(http.delete("/api/documents/corpus/car-t-glioblastoma.txt"), 401)
    assert _state(assistant) == before
    assert http.get("/api/documents").status_code == 200 and http.post("/api/ask", json={"question": QUESTION}).status_code == 200


def test_without_a_token_a_server_beyond_loopback_refuses_writes(fake_assistant):
    from fastapi.testclient import TestClient

    fake_assistant.ingest()
    before = _state(fake_assistant)
    with TestClient(build_api(fake_assistant, "0.0.0.0")) as client:
        upload = client.post("/api/documents", files=[("files", ("llamas.md", b"Llamas are camelids.\n", "text/markdown"))])
        assert "no ASSISTANT_API_TOKEN" in one_sentence(upload, 403)
        assert one_sentence(client.delete("/api/documents/corpus/car-t-glioblastoma.txt"), 403)
        assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200
    assert _state(fake_assistant) == before


# -- the OpenAI-compatible endpoint -----------------------------------------------------------------------------------
def openai_client(url: str):
    from openai import OpenAI

    return OpenAI(base_url=f"{url}v1", api_key="any-key-is-ignored", max_retries=0, timeout=120)


def test_the_openai_client_gets_the_cited_answer_with_its_sources(site):
    _, url, http, _ = site
    expected = http.post("/api/ask", json={"question": QUESTION}).json()
    client = openai_client(url)
    assert [m.id for m in client.models.list()] == ["assistant"]
    completion = client.chat.completions.create(model="assistant", messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": QUESTION}])
    content = completion.choices[0].message.content
    assert content == sources_text(expected) and "\n\nSources:\n[1] Personalized Immunotherapy" in content
    assert completion.choices[0].finish_reason == "stop" and completion.object == "chat.completion"
    extra = completion.model_dump()
    assert extra["citations"] == expected["citations"] and extra["refused"] is False


def test_the_openai_client_streams_the_same_reply(site):
    _, url, http, _ = site
    expected = sources_text(http.post("/api/ask", json={"question": QUESTION}).json())
    chunks = list(openai_client(url).chat.completions.create(model="assistant", messages=[{"role": "user", "content": QUESTION}], stream=True))
    assert len(chunks) > 3 and {c.object for c in chunks} == {"chat.completion.chunk"} and len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == expected
    assert [c.choices[0].finish_reason for c in chunks][-1] == "stop" and chunks[-1].model_dump()["citations"]


def test_earlier_messages_are_the_history_and_refusals_are_replies(site):
    assistant, url, http, _ = site
    client = openai_client(url)
    first = client.chat.completions.create(model="assistant", messages=[{"role": "user", "content": QUESTION}]).choices[0].message.content
    follow_up = client.chat.completions.create(
        model="assistant",
        messages=[{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first}, {"role": "user", "content": [{"type": "text", "text": "How does it work?"}]}],
    )
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": assistant.ask(QUESTION).answer}]
    expected = http.post("/api/ask", json={"question": "How does it work?", "history": history}).json()
    assert follow_up.choices[0].message.content == sources_text(expected)

    refusal = client.chat.completions.create(model="assistant", messages=[{"role": "user", "content": "Write a poem about CAR-T therapy"}])
    assert refusal.model_dump()["refused"] is True and "outside what I do" in refusal.choices[0].message.content


def test_openai_errors_come_in_the_openai_shape(site):
    import openai

    _, url, http, _ = site
    with pytest.raises(openai.BadRequestError) as error:
        openai_client(url).chat.completions.create(model="assistant", messages=[{"role": "user", "content": "  "}])
    assert "Please type a question." in str(error.value)
    response = http.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "hi"}]})
    assert response.status_code == 400 and response.json()["error"]["message"] == "The messages hold no user message to answer."
    assert http.post("/v1/chat/completions", json={"messages": []}).status_code == 400


@pytest.mark.slow
def test_the_real_model_answers_through_the_openai_client(real_assistant):
    from assistant.web.app import serve

    app, url = serve(real_assistant, host="127.0.0.1", port=free_port(), block=False)
    try:
        assert httpx.get(f"{url}api/health", timeout=30).json()["status"] == "ready"
        client = openai_client(url)
        completion = client.chat.completions.create(model="assistant", messages=[{"role": "user", "content": QUESTION}])
        content = completion.choices[0].message.content
        assert content.startswith("CAR-T therapy, or chimeric antigen receptor T-cell therapy") and "[1]" in content
        citation = completion.model_dump()["citations"][0]
        text = real_assistant.store.document_text(citation["source"])
        assert text[citation["start"] : citation["end"]] == citation["quote"] and f"— “{citation['quote']}”" in content
        streamed = client.chat.completions.create(model="assistant", messages=[{"role": "user", "content": QUESTION}], stream=True)
        assert "".join(c.choices[0].delta.content or "" for c in streamed) == content
    finally:
        app.close()
