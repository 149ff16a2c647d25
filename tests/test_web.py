"""The web page: handlers called directly (fast), then the served app through gradio_client."""

import json
import re
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest
from langchain_core.documents import Document

from assistant.web import views
from assistant.answers import Answer, Citation
from assistant.web.feedback import FeedbackLog
from assistant.web.handlers import OPEN, PASSWORD, READ_ONLY, Chat, Conversation, Corpus, corpus_access, is_loopback

XSS = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"


@pytest.fixture
def ingested(fake_assistant):
    fake_assistant.ingest()
    return fake_assistant


@pytest.fixture
def chat(ingested):
    return Chat(ingested, FeedbackLog(ingested.settings.feedback_path))


def _ask(chat: Chat, question: str, conversation: Conversation | None = None):
    conversation = conversation or Conversation()
    steps = list(chat.respond(question, conversation))
    return steps, conversation


def _no_markup_from(text: str, html: str) -> None:
    """`text` appears in `html` only escaped: as characters, never as a tag."""
    assert text not in html
    assert re.search(r"<(img|script)\b", html, re.I) is None


# -- chat handler -----------------------------------------------------------------------------------
def test_an_answer_streams_then_shows_linked_markers_and_highlighted_sources(chat, ingested):
    steps, conversation = _ask(chat, "What is CAR-T therapy?")
    assert len(steps) >= 3  # the question at once, then pieces of text, then the final answer
    assert "Searching the documents" in steps[0][0][-1]["content"]
    messages, sources, trace, _ = steps[-1]
    answer_html = messages[-1]["content"]
    links = re.findall(r'<a class="cite" href="([^"]+)"[^>]*>\[(\d+)\]</a>', answer_html)
    assert links, answer_html
    target = dict(pair.split("=") for pair in unescape(links[0][0]).removeprefix("#open?").split("&"))
    quote = re.search(r"<mark>(.*?)</mark>", sources, re.S).group(1)
    text = ingested.store.document_text("corpus/car-t-glioblastoma.txt")
    # The highlighted quote is exactly the span the marker opens.
    assert unescape(quote) == text[int(target["start"]) : int(target["end"])]
    assert "Question searched for:</b> What is CAR-T therapy?" in trace and "Dense cosine" in trace
    assert conversation.history == [
        {"role": "user", "content": "What is CAR-T therapy?"},
        {"role": "assistant", "content": conversation.history[1]["content"]},
    ]
    assert "[1]" in conversation.history[1]["content"]


def test_the_final_answer_replaces_the_streamed_text(chat, ingested, monkeypatch):
    final = ingested.ask("What is CAR-T therapy?")
    monkeypatch.setattr(ingested, "stream", lambda q, h: iter(["a draft that ", "is superseded", final]))
    steps, _ = _ask(chat, "What is CAR-T therapy?")
    assert "a draft that is superseded" in steps[2][0][-1]["content"]
    assert "superseded" not in steps[-1][0][-1]["content"] and 'class="cite"' in steps[-1][0][-1]["content"]


def test_a_refusal_looks_different_and_lists_the_closest_passages(chat):
    steps, conversation = _ask(chat, "Who won the 2018 World Cup?")
    messages, sources, trace, _ = steps[-1]
    assert 'class="refusal"' in messages[-1]["content"] and 'class="answer"' not in messages[-1]["content"]
    assert "Closest passages considered" in sources and sources.count('class="source-card"') == 3
    assert "None of them answers the question." in sources
    assert "Refused" in trace


def test_a_request_outside_the_job_is_refused_without_passages(chat):
    steps, _ = _ask(chat, "Write a poem about CAR-T therapy")
    messages, sources, _, _ = steps[-1]
    assert "Outside what I answer" in messages[-1]["content"]
    assert "not a question about the documents" in sources and "source-card" not in sources


def test_follow_ups_use_this_conversation_only(chat):
    _, first = _ask(chat, "What is CAR-T therapy?")
    steps, first = _ask(chat, "How does it work?", first)
    assert "How does CAR-T therapy work?" in steps[-1][2] and "Rewritten from your follow-up" in steps[-1][2]
    assert len(first.messages) == 4 and len(first.history) == 4
    other_steps, other = _ask(chat, "How does it work?")
    assert "Rewritten from your follow-up" not in other_steps[-1][2] and len(other.messages) == 2


def test_questions_are_shown_as_text_never_as_markup(chat):
    steps, _ = _ask(chat, f"{XSS} {SCRIPT} What is CAR-T therapy?")
    for messages, sources, trace, _ in steps:
        for html in [m["content"] for m in messages] + [sources, trace]:
            _no_markup_from(XSS, html)
            _no_markup_from(SCRIPT, html)
    assert unescape(steps[-1][0][0]["content"]).count(XSS) == 1


def test_documents_are_shown_as_text_never_as_markup(ingested, chat):
    hostile = f"Zorblax minerals.\n\nZorblax is a blue mineral {SCRIPT} found in {XSS} caves on Mars.\n"
    (ingested.settings.corpus_path / "zorblax.txt").write_text(hostile, encoding="utf-8")
    ingested.ingest()
    steps, _ = _ask(chat, "Where is Zorblax mineral found?")
    messages, sources, trace, _ = steps[-1]
    assert "zorblax" in trace.lower()  # the hostile passage was retrieved and shown
    viewer = chat.open_document("corpus/zorblax.txt", 0, 20)
    for html in (messages[-1]["content"], sources, trace, viewer):
        _no_markup_from(XSS, html)
        _no_markup_from(SCRIPT, html)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in viewer


def test_assistant_errors_become_one_sentence_and_nothing_else_breaks(fake_assistant):
    chat = Chat(fake_assistant, FeedbackLog(fake_assistant.settings.feedback_path))
    steps, conversation = _ask(chat, "What is CAR-T therapy?")  # nothing ingested yet
    content = steps[-1][0][-1]["content"]
    assert 'class="msg-error"' in content and "Nothing has been ingested yet" in content
    assert "Traceback" not in content and conversation.history == []


def test_an_unexpected_failure_is_logged_not_shown(chat, ingested, monkeypatch, caplog):
    def broken(question, history):
        raise RuntimeError("internal detail /secret/path")
        yield  # pragma: no cover

    monkeypatch.setattr(ingested, "stream", broken)
    steps, _ = _ask(chat, "What is CAR-T therapy?")
    content = steps[-1][0][-1]["content"]
    assert "Something went wrong" in content and "/secret/path" not in content
    assert "internal detail" in caplog.text


def test_an_empty_question_does_nothing(chat):
    steps, conversation = _ask(chat, "   ")
    assert steps[-1][0] == [] and conversation.history == []


def test_new_conversation_starts_empty(chat):
    messages, sources, trace, viewer, conversation = chat.reset()
    assert messages == [] and conversation.history == [] and "Click a marker" in viewer and "Sources" in sources


def test_opening_a_citation_shows_the_whole_document_with_the_span_marked(chat, ingested):
    text = ingested.store.document_text("corpus/car-t-glioblastoma.txt")
    start = text.index("CAR-T therapy, or chimeric")
    html = chat.open_document("corpus/car-t-glioblastoma.txt", start, start + 40)
    assert unescape(re.search(r"<mark id='doc-mark'>(.*?)</mark>", html).group(1)) == text[start : start + 40]
    assert unescape(re.sub(r"<[^>]+>", "", html.split("<div class='doc-body'>")[1])) == text
    assert "is no longer in the store" in chat.open_document("corpus/missing.txt", 0, 5)


# -- feedback ---------------------------------------------------------------------------------------
def test_votes_and_comments_are_saved_as_json_lines(chat, ingested):
    steps, conversation = _ask(chat, "What is CAR-T therapy?")
    note, show_comment, conversation = chat.vote(1, False, conversation)
    assert show_comment and "👎" in note
    note, show_comment, conversation = chat.add_comment(f"The quote is fine {XSS}", conversation)
    assert not show_comment and "saved" in note
    lines = [json.loads(line) for line in ingested.settings.feedback_path.read_text(encoding="utf-8").splitlines()]
    assert [line["vote"] for line in lines] == ["down", "down"] and lines[0]["id"] == lines[1]["id"]
    assert lines[1]["comment"] == f"The quote is fine {XSS}"
    assert lines[1]["question"] == "What is CAR-T therapy?" and lines[1]["citations"][0]["quote"]
    assert lines[1]["answer"] == conversation.history[1]["content"]


def test_only_answers_can_be_rated(chat):
    _, conversation = _ask(chat, "What is CAR-T therapy?")
    note, show_comment, _ = chat.vote(0, True, conversation)  # the user's own message
    assert note == "Only answers can be rated." and not show_comment
    assert not chat.feedback.path.exists()


# -- rendering --------------------------------------------------------------------------------------
def _answer(quote: str, passage: str, refused=False) -> Answer:
    meta = {"chunk_id": "d::0000", "source": "d", "title": XSS, "start": 100, "end": 100 + len(passage)}
    doc = Document(page_content=passage, metadata=meta)
    start = 100 + passage.index(quote)
    citation = Citation(1, "d", XSS, "d::0000", quote, start, start + len(quote))
    return Answer(SCRIPT, SCRIPT, f"{quote} [1] [7]", refused, [citation], [doc], "not_found" if refused else None)


def test_views_escape_every_piece_of_text():
    answer = _answer(f"It says {XSS}", f"Before. It says {XSS} here. {SCRIPT} After.")
    lookup = {"d": "x" * 100 + answer.passages[0].page_content}.get
    for html in (views.answer_message(answer), views.sources_panel(answer, lookup), views.trace_panel(answer)):
        _no_markup_from(XSS, html)
        _no_markup_from(SCRIPT, html)
    assert "[7]" in views.answer_message(answer)  # a number with no citation stays plain text
    assert views.answer_message(answer).count('class="cite"') == 1


def test_the_marked_span_is_the_quote_inside_its_passage():
    answer = _answer("the quoted words", "Some words first, then the quoted words, then more words.")
    sources = views.sources_panel(answer, lambda s: None)
    assert re.search(r"then <mark>the quoted words</mark>, then more", sources)


def test_documents_table_escapes_titles():
    from assistant.corpus.store import DocumentRecord

    record = DocumentRecord("corpus/a.txt", XSS, "txt", 1234, "sha", "sig", 3, 0.0, "ready")
    html = views.documents_table([record])
    _no_markup_from(XSS, html)
    assert "1.2 KB" in html and "<td>3</td>" in html


# -- who may change the corpus -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "password, host, access",
    [
        (None, "127.0.0.1", OPEN),
        (None, "localhost", OPEN),
        (None, "::1", OPEN),
        (None, "0.0.0.0", READ_ONLY),
        (None, "192.168.1.20", READ_ONLY),
        (None, "example.org", READ_ONLY),
        ("secret", "0.0.0.0", PASSWORD),
        ("secret", "127.0.0.1", PASSWORD),
    ],
)
def test_corpus_access_rule(password, host, access):
    assert corpus_access(password, host) == access


def test_loopback_detection():
    assert is_loopback("127.0.0.2") and is_loopback("[::1]") and not is_loopback("") and not is_loopback("10.0.0.1")


def _upload(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "llamas.md"
    path.write_text("Llamas are South American camelids used as pack animals.\n", encoding="utf-8")
    return path


def test_a_read_only_corpus_page_changes_nothing(ingested, tmp_path_factory):
    corpus = Corpus(ingested, READ_ONLY)
    before = ([r.source for r in ingested.documents()], sorted(p.name for p in ingested.settings.corpus_path.iterdir()))
    for status, *_ in (
        corpus.upload([str(_upload(tmp_path_factory.mktemp("in")))], True),
        corpus.remove("corpus/car-t-glioblastoma.txt", True),
        corpus.resync(True),
    ):
        assert "Read-only" in status and 'class="status problem"' in status
    assert corpus.unlock("anything", False)[0] is False
    assert ([r.source for r in ingested.documents()], sorted(p.name for p in ingested.settings.corpus_path.iterdir())) == before


def test_the_password_unlocks_changes_for_that_session(ingested, tmp_path_factory):
    ingested.settings.admin_password = "correct horse"
    corpus = Corpus(ingested, PASSWORD)
    upload = str(_upload(tmp_path_factory.mktemp("in")))
    status, _, _ = corpus.upload([upload], False)
    assert "Enter the admin password first." in status
    assert corpus.unlock("wrong", False) == (False, views.status("Wrong password.", ok=False))
    unlocked, status = corpus.unlock("correct horse", False)
    assert unlocked and "Unlocked" in status
    status, table, sources = corpus.upload([upload], unlocked)
    assert "Added corpus/llamas.md." in status and "corpus/llamas.md" in sources and "llamas.md" in table
    status, table, sources = corpus.remove("corpus/llamas.md", unlocked)
    assert "Removed corpus/llamas.md." in status and "data/removed/" in status and "corpus/llamas.md" not in sources


def test_resync_reports_the_sync_and_its_progress(ingested):
    (ingested.settings.corpus_path / "extra.md").write_text("# Extra\n\nAn extra note about alpacas.\n", encoding="utf-8")
    steps = []
    status, table, sources = Corpus(ingested, OPEN).resync(False, lambda fraction, text: steps.append(text))
    assert "1 added" in status and "corpus/extra.md" in sources and steps


def test_upload_problems_are_reported_per_file(ingested, tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    (folder / "tool.exe").write_bytes(b"MZ")
    status, _, sources = Corpus(ingested, OPEN).upload([str(folder / "tool.exe"), str(_upload(folder))], False)
    assert "Added corpus/llamas.md." in status and "tool.exe: unsupported file type .exe" in status
    assert 'class="status problem"' in status and "corpus/tool.exe" not in sources


# -- the served app, through gradio_client ------------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app served on loopback with the fake embedding; counts how often the store is opened."""
    from gradio_client import Client

    import assistant.corpus.store as store_module
    from assistant.service import Assistant
    from assistant.corpus.store import make_client
    from assistant.web.app import serve

    from .conftest import make_project, settings_for
    from .fakes import FakeEmbedder

    opened = []

    class CountingStore(store_module.Store):
        def __init__(self, *args, **kwargs):
            opened.append(1)
            super().__init__(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "Store", CountingStore)
        settings = settings_for(make_project(tmp_path_factory.mktemp("served")), port=7866)
        assistant = Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))
        assistant.ingest()
        app, url = serve(assistant, host="127.0.0.1", block=False)
        try:
            yield assistant, url, opened, lambda: Client(url, verbose=False)
        finally:
            app.close()


def test_the_served_chat_answers_with_linked_citations(served):
    _, _, _, client = served
    messages, sources, trace = client().predict("What is CAR-T therapy?", api_name="/ask")
    text = messages[-1]["content"][0]["text"] if isinstance(messages[-1]["content"], list) else messages[-1]["content"]
    assert 'class="cite"' in text and "<mark>" in sources and "Question searched for" in trace


def test_concurrent_sessions_each_keep_their_own_conversation(served):
    assistant, _, opened, client = served
    topics = ["CAR-T therapy", "glioblastoma", "CAR-T therapy", "glioblastoma", "CAR-T therapy", "glioblastoma"]

    def converse(topic: str):
        session = client()
        session.predict(f"What is {topic}?", api_name="/ask")
        return session.predict("How is it treated?", api_name="/ask")

    with ThreadPoolExecutor(len(topics)) as pool:
        results = list(pool.map(converse, topics))
    for topic, (messages, _, trace) in zip(topics, results):
        assert len(messages) == 4
        assert f"How is {topic} treated?" in trace  # the follow-up was read with this session's history only
    assert len(opened) == 1  # one store for the process, not one per request or session


def test_new_conversation_forgets_the_history(served):
    _, _, _, client = served
    session = client()
    session.predict("What is CAR-T therapy?", api_name="/ask")
    session.predict(api_name="/new_conversation")
    messages, _, trace = session.predict("How is it treated?", api_name="/ask")
    assert len(messages) == 2 and "Rewritten from your follow-up" not in trace


def test_upload_and_remove_through_the_served_corpus_page(served, tmp_path):
    from gradio_client import handle_file

    assistant, _, _, client = served
    path = tmp_path / "llamas.md"
    path.write_text("Llamas are South American camelids used as pack animals.\n", encoding="utf-8")
    session = client()
    status, table, _choices = session.predict([handle_file(str(path))], api_name="/upload")[:3]
    assert "Added corpus/llamas.md." in status and "corpus/llamas.md" in table
    assert any(d.metadata["source"] == "corpus/llamas.md" for d in assistant.retriever.search("llamas camelids"))
    status, table, _ = session.predict("corpus/llamas.md", api_name="/remove")
    assert "Removed corpus/llamas.md." in status and "corpus/llamas.md" not in table
    assert all(d.metadata["source"] != "corpus/llamas.md" for d in assistant.retriever.search("llamas camelids"))


def test_a_server_listening_beyond_loopback_without_password_keeps_the_corpus_read_only(tmp_path):
    from gradio_client import Client, handle_file

    from assistant.service import Assistant
    from assistant.corpus.store import make_client
    from assistant.web.app import build_app

    from .conftest import make_project, settings_for
    from .fakes import FakeEmbedder

    settings = settings_for(make_project(tmp_path / "project"))
    assistant = Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))
    assistant.ingest()
    # Built as if listening on every address; launched on loopback only, because tests stay on 127.0.0.1.
    app = build_app(assistant, host="0.0.0.0")
    app.queue(default_concurrency_limit=2)
    _, url, _ = app.launch(server_name="127.0.0.1", server_port=7867, prevent_thread_lock=True, quiet=True)
    try:
        path = tmp_path / "llamas.md"
        path.write_text("Llamas are South American camelids.\n", encoding="utf-8")
        session = Client(url, verbose=False)
        status = session.predict([handle_file(str(path))], api_name="/upload")[0]
        assert "Read-only" in status
        assert "Read-only" in session.predict("corpus/car-t-glioblastoma.txt", api_name="/remove")[0]
        assert [r.source for r in assistant.documents()] == ["corpus/car-t-glioblastoma.txt"]
        files = sorted(p.name for p in settings.corpus_path.iterdir())
        assert files == ["car-t-glioblastoma.txt", "car-t-glioblastoma.txt.meta.json"]
        messages, _, _ = session.predict("What is CAR-T therapy?", api_name="/ask")  # the chat stays open
        assert len(messages) == 2
    finally:
        app.close()


def test_a_busy_port_is_one_sentence(fake_assistant):
    import socket

    from assistant.errors import AssistantError
    from assistant.web.app import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 7869))
        taken.listen()
        with pytest.raises(AssistantError, match=r"^Cannot listen on 127.0.0.1:7869 .*choose another with --port"):
            serve(fake_assistant, host="127.0.0.1", port=7869, block=False)


def test_the_page_is_served_before_the_model_warms_up(tmp_path_factory, monkeypatch):
    import urllib.request

    from assistant.web import app as web
    from assistant.service import Assistant
    from assistant.corpus.store import make_client

    from .conftest import make_project, settings_for
    from .fakes import FakeEmbedder

    settings = settings_for(make_project(tmp_path_factory.mktemp("early")), port=7867)
    assistant = Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))
    assistant.ingest()
    seen = []

    def warm_up(warmed):
        with urllib.request.urlopen("http://127.0.0.1:7867/", timeout=30) as page:
            seen.append(page.status)
        real_warm_up(warmed)

    real_warm_up = web.warm_up
    monkeypatch.setattr(web, "warm_up", warm_up)
    app, _ = web.serve(assistant, host="127.0.0.1", block=False)
    app.close()
    assert seen == [200]


def test_warm_up_prepares_every_part_of_an_answer_and_never_stops_the_server(fake_assistant, caplog):
    from assistant.errors import AssistantError
    from assistant.web.app import warm_up

    fake_assistant.ingest()
    warm_up(fake_assistant)
    assert fake_assistant.retriever._index is not None and fake_assistant.embedder.texts_embedded > 1

    def broken(*_args, **_kwargs):
        raise AssistantError("The store is not reachable.")

    fake_assistant.ask = broken
    warm_up(fake_assistant)
    assert "The store is not reachable." in caplog.text


# -- the conversation kept in the browser, and its export -------------------------------------------------
def _stored_json(chat: Chat, conversation: Conversation):
    """What the page hands to the browser, as the browser hands it back (through JSON)."""
    return json.loads(json.dumps(chat.stored(conversation)))


def test_a_restored_conversation_shows_the_same_messages_and_follow_ups_use_it(chat):
    _, first = _ask(chat, "What is CAR-T therapy?")
    messages, sources, restored = chat.restore(_stored_json(chat, first))
    assert messages == first.messages and restored.history == first.history and restored.turns == first.turns
    assert "<mark>" in sources and restored.answers == first.answers  # the sources and votes of the latest answer
    steps, restored = _ask(chat, "How does it work?", restored)
    assert "How does CAR-T therapy work?" in steps[-1][2] and len(restored.messages) == 4
    note, _, _ = chat.vote(3, True, restored)
    assert "saved" in note


def test_the_stored_conversation_is_plain_json_capped_and_cleared_by_a_new_conversation(chat):
    _, conversation = _ask(chat, "What is CAR-T therapy?")
    stored = chat.stored(conversation)
    assert json.loads(json.dumps(stored)) == stored and stored["version"] == 1 and len(stored["turns"]) == 1
    assert set(stored["turns"][0]) == {"question", "standalone_question", "answer", "refused", "citations", "refusal_reason"}
    assert "<" not in json.dumps(stored)  # text and citations only, no HTML
    conversation.turns = conversation.turns * 80
    assert len(chat.stored(conversation)["turns"]) == 50
    assert chat.restore(_stored_json(chat, conversation))[2].history.__len__() == 100
    *_, fresh = chat.reset()
    assert chat.stored(fresh) == {"version": 1, "turns": []}


@pytest.mark.parametrize(
    "stored",
    [None, "", 0, True, [], "junk", {"version": 2, "turns": []}, {"version": 1}, {"version": 1, "turns": "x"},
     {"version": 1, "turns": [None, 1, "x", [], {}]}],
)
def test_a_stored_value_of_the_wrong_shape_gives_an_empty_conversation(chat, stored):
    messages, sources, conversation = chat.restore(stored)
    assert messages == [] and conversation.history == [] and conversation.turns == [] and "Sources" in sources


def test_a_tampered_stored_value_is_checked_and_rendered_again_as_text(chat):
    _, conversation = _ask(chat, "What is CAR-T therapy?")
    good = _stored_json(chat, conversation)["turns"][0]
    citation = good["citations"][0]
    hostile = {
        **good,
        "question": f"{XSS} {SCRIPT}",
        "answer": f"<b onmouseover=alert(1)>bold</b> {SCRIPT} [1]",
        "citations": [{**citation, "title": XSS, "quote": SCRIPT, "source": "javascript:alert(1)"}],
    }
    broken = [
        {**good, "question": 5},
        {**good, "question": "   "},
        {**good, "question": "x" * 3000},  # longer than a question may be
        {**good, "answer": None},
        {**good, "answer": "y" * 30_000},
        {**good, "refused": "no"},
    ]
    bad_citations = [
        {**citation, "marker": True},
        {**citation, "marker": "1"},
        {**citation, "start": -1},
        {**citation, "end": citation["start"] - 1},
        {**citation, "quote": "q" * 5000},
        {**citation, "page": 0},
        {**citation, "section": ["x"]},
        {**citation, "title": None},
        "not a citation",
    ]
    odd = {**good, "citations": bad_citations + [citation] * 30, "refusal_reason": "<script>", "standalone_question": 7}
    messages, sources, restored = chat.restore({"version": 1, "turns": [hostile, *broken, odd]})
    assert len(restored.turns) == 2 and len(messages) == 4
    # Only the first 20 citations are read, and the malformed ones among them dropped.
    assert restored.turns[1]["citations"] == [citation] * (20 - len(bad_citations))
    assert restored.turns[1]["refusal_reason"] is None and restored.turns[1]["standalone_question"] == good["question"]
    for html in [m["content"] for m in messages] + [sources]:
        _no_markup_from(XSS, html)
        _no_markup_from(SCRIPT, html)
        assert "<b " not in html and 'href="javascript' not in html
    assert unescape(messages[0]["content"]).count(XSS) == 1 and "&lt;b onmouseover" in messages[1]["content"]


def test_only_the_last_turns_are_restored(chat):
    _, conversation = _ask(chat, "What is CAR-T therapy?")
    turn = _stored_json(chat, conversation)["turns"][0]
    many = [{**turn, "question": f"Question {n}?"} for n in range(200)]
    _, _, restored = chat.restore({"version": 1, "turns": many})
    assert [t["question"] for t in restored.turns] == [f"Question {n}?" for n in range(150, 200)]


def test_the_export_is_a_markdown_file_with_every_question_answer_and_quote(chat, monkeypatch, tmp_path):
    import assistant.web.handlers as handlers

    monkeypatch.setattr(handlers, "EXPORTS", tmp_path / "exports")
    assert chat.export(Conversation()) is None  # nothing to export yet
    _, conversation = _ask(chat, "What is CAR-T therapy?")
    _ask(chat, "How does it work?", conversation)
    path = Path(chat.export(conversation))
    assert path.name == "conversation.md" and path.parent.parent == tmp_path / "exports"
    text = re.sub(r"\\(.)", r"\1", path.read_text(encoding="utf-8"))
    for turn in conversation.turns:
        assert turn["question"] in text and turn["answer"] in text
        for citation in turn["citations"]:
            assert f"> {citation['quote']}" in text and citation["title"] in text and citation["source"] in text
    assert chat.export(conversation) == str(path)  # the same conversation is the same file
