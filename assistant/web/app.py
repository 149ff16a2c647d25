"""The web page (Gradio Blocks): a chat that shows its evidence, and a corpus page for maintainers.

Handlers are plain methods on `Chat` and `Corpus` (handlers.py, testable without a browser); `build_app` wires
them into Blocks and `serve` launches it. One `Assistant` (model and store) serves every session; each session
keeps its own conversation in `gr.State`, and the browser keeps a plain copy (`gr.BrowserState`) that a reload
restores.
"""

# No `from __future__ import annotations`: Gradio reads the handlers' `gr.EventData` hints at run time.
import hashlib
import logging
import time
from pathlib import Path

from ..corpus.documents import SUPPORTED_SUFFIXES
from ..errors import AssistantError
from . import views
from .feedback import FeedbackLog
from .handlers import OPEN, PASSWORD, READ_ONLY, Chat, Conversation, Corpus, corpus_access

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"  # the page's CSS and scripts


# -- Blocks ----------------------------------------------------------------------------------------
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def build_app(assistant, host: str | None = None, feedback: FeedbackLog | None = None):
    """The Blocks app; `host` is the address it will listen on (it decides who may change the corpus)."""
    import gradio as gr

    settings = assistant.settings
    chat = Chat(assistant, feedback or FeedbackLog(settings.feedback_path))
    corpus = Corpus(assistant, corpus_access(settings.admin_password, host or settings.host))

    with gr.Blocks(title="Document assistant", analytics_enabled=False) as app:
        conversation = gr.State(Conversation())
        unlocked = gr.State(False)
        gr.HTML(
            "<div class='app-head'><h1>Document assistant</h1><p>Answers only from its documents and quotes them: "
            "every statement links to the passage it comes from. When the documents don't say, it says so.</p></div>"
        )
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                _chat_tab(gr, app, chat, settings, conversation)
            with gr.Tab("Corpus", id="corpus") as corpus_tab:
                _corpus_tab(gr, app, corpus, unlocked, corpus_tab)
    return app


def _browser_copy(gr, chat: Chat, settings):
    """The conversation kept in the browser's localStorage, under one key per data folder.

    Every tab of a browser shares it (the latest answer in any tab is what a reload shows). BrowserState's
    encryption uses a secret sent to the page, so it protects nothing; a stable one lets a conversation outlive a
    server restart, and `Chat.restore` checks everything that comes back.
    """
    key = hashlib.sha256(str(settings.data_path.resolve()).encode("utf-8")).hexdigest()[:16]
    return gr.BrowserState(chat.stored(Conversation()), storage_key=f"assistant-conversation-{key}", secret=key)


def _chat_tab(gr, app, chat: Chat, settings, conversation) -> None:
    stored = _browser_copy(gr, chat, settings)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            chatbot = gr.Chatbot(
                value=[],
                label="Conversation",
                elem_id="chat",
                height=500,
                render_markdown=False,
                sanitize_html=True,
                feedback_options=("Like", "Dislike"),
                examples=[{"text": q} for q in settings.example_questions],
                placeholder=(
                    "<b>Ask a question about the documents.</b><br>"
                    "Every answer quotes its sources; if the documents don't say, the assistant says so."
                ),
                buttons=[],
            )
            with gr.Row():
                question = gr.Textbox(
                    placeholder="Ask about the documents…",
                    show_label=False,
                    elem_id="question",
                    scale=8,
                    max_lines=4,
                    autofocus=True,
                )
                ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
            with gr.Row():
                new = gr.Button("New conversation", size="sm", elem_id="new-conversation")
                export = gr.DownloadButton("Export conversation", size="sm", interactive=False, elem_id="export-conversation")
            with gr.Group(visible=False, elem_id="feedback") as feedback_box:
                note = gr.Markdown(elem_id="feedback-note")
                comment = gr.Textbox(
                    placeholder="What was right or wrong? (optional)", show_label=False, lines=2, elem_id="feedback-comment"
                )
                send = gr.Button("Send comment", size="sm", elem_id="send-comment")
            with gr.Accordion("How this answer was found", open=False, elem_id="trace"):
                trace = gr.HTML("<p class='muted'>Ask a question to see the passages that were retrieved and their scores.</p>")
        with gr.Column(scale=2, min_width=320):
            sources = gr.HTML(views.sources_placeholder(), elem_id="sources", js_on_load=_static("sources.js"))
            viewer = gr.HTML(views.document_placeholder(), elem_id="viewer", js_on_load=_static("viewer.js"))

    outputs = [chatbot, sources, trace, conversation]

    def respond_example(conv: Conversation, evt: gr.SelectData):
        text = evt.value.get("text", "") if isinstance(evt.value, dict) else str(evt.value)
        yield from chat.respond(text, conv)

    def open_event(evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        if not isinstance(data, dict) or not data.get("source"):
            return gr.skip()
        return chat.open_document(data["source"], int(data.get("start", 0)), int(data.get("end", 0)))

    def save(conv: Conversation):
        path = chat.export(conv)  # kept current: the button downloads the file it holds when clicked
        return chat.stored(conv), gr.update(value=path, interactive=path is not None)

    def restore(value):
        messages, sources_html, conv = chat.restore(value)
        return messages, sources_html, conv, *save(conv)

    def reset_event():
        # The browser's copy is cleared with the screen, so a reload right after cannot bring the old one back.
        *shown, conv = chat.reset()
        return (*shown, conv, *save(conv))

    def vote_event(conv: Conversation, evt: gr.LikeData):
        text, show, conv = chat.vote(evt.index, evt.liked, conv)
        return gr.update(value=text), gr.update(visible=True), gr.update(visible=show, value=""), gr.update(visible=show), conv

    def comment_event(text: str, conv: Conversation):
        note_text, show, conv = chat.add_comment(text, conv)
        return gr.update(value=note_text), gr.update(visible=show, value=text if show else ""), gr.update(visible=show), conv

    # The question box is read when the event fires, so clearing it in a parallel event loses nothing.
    answering = [
        ask.click(chat.respond, [question, conversation], outputs, api_name="ask"),
        question.submit(chat.respond, [question, conversation], outputs, api_visibility="private"),
        chatbot.example_select(respond_example, [conversation], outputs, api_visibility="private"),
    ]
    for trigger in (ask.click, question.submit):
        trigger(lambda: "", None, [question], queue=False, api_visibility="private")
    for event in answering:
        event.then(save, [conversation], [stored, export], queue=False, api_visibility="private")
    app.load(restore, [stored], [chatbot, sources, conversation, stored, export], api_visibility="private")
    # Starting over stops an answer still streaming, so it cannot write into the new conversation.
    for trigger, name in ((new.click, "new_conversation"), (chatbot.clear, None)):
        trigger(
            reset_event,
            None,
            [chatbot, sources, trace, viewer, conversation, stored, export],
            api_name=name,
            api_visibility="public" if name else "private",
            cancels=answering,
        ).then(lambda: gr.update(visible=False), None, [feedback_box], queue=False, api_visibility="private")
    # A new question closes the document opened for the previous answer.
    for trigger in (ask.click, question.submit, chatbot.example_select):
        trigger(views.document_placeholder, None, [viewer], queue=False, api_visibility="private")
    sources.click(open_event, None, [viewer], api_visibility="private")
    chatbot.like(vote_event, [conversation], [note, feedback_box, comment, send, conversation], api_visibility="private")
    send.click(comment_event, [comment, conversation], [note, comment, send, conversation], api_visibility="private")


def _corpus_tab(gr, app, corpus: Corpus, unlocked, corpus_tab) -> None:
    gr.HTML(views.status(corpus.notice(), ok=corpus.access != READ_ONLY))
    with gr.Row(visible=corpus.access == PASSWORD, elem_id="unlock") as lock_row:
        password = gr.Textbox(type="password", placeholder="Admin password", show_label=False, scale=4, elem_id="admin-password")
        unlock = gr.Button("Unlock", scale=1, elem_id="unlock-button")
    table = gr.HTML(elem_id="documents")
    with gr.Column(visible=corpus.access == OPEN, elem_id="manage") as manage:
        files = gr.File(
            label=f"Add documents ({', '.join(SUPPORTED_SUFFIXES)})", file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), elem_id="upload-files"
        )
        add = gr.Button("Add to corpus", variant="primary", elem_id="add-files")
        with gr.Row():
            choice = gr.Dropdown(label="Remove a document", choices=[], scale=4, elem_id="remove-choice")
            remove = gr.Button("Remove", variant="stop", scale=1, elem_id="remove-document")
        resync = gr.Button("Re-sync the corpus folder", elem_id="resync")
    outcome = gr.HTML(elem_id="corpus-status")

    def refresh():
        html, sources = corpus.listing()
        return html, gr.update(choices=sources, value=None)

    def unlock_event(password_text: str, state: bool):
        ok, message = corpus.unlock(password_text, state)
        return ok, message, gr.update(visible=ok), gr.update(visible=not ok), ""

    def wrap(result):
        message, html, sources = result
        return message, html, gr.update(choices=sources, value=None)

    def upload_event(paths, state: bool, progress=gr.Progress(track_tqdm=True)):
        return (*wrap(corpus.upload(paths, state, lambda f, d: progress(f, desc=d))), None)

    def remove_event(source: str, state: bool):
        return wrap(corpus.remove(source, state))

    def resync_event(state: bool, progress=gr.Progress(track_tqdm=True)):
        return wrap(corpus.resync(state, lambda f, d: progress(f, desc=d)))

    listing = [outcome, table, choice]
    app.load(refresh, None, [table, choice], api_visibility="private")
    corpus_tab.select(refresh, None, [table, choice], api_visibility="private")
    unlock.click(unlock_event, [password, unlocked], [unlocked, outcome, manage, lock_row, password], api_name="unlock")
    password.submit(unlock_event, [password, unlocked], [unlocked, outcome, manage, lock_row, password], api_visibility="private")
    # Corpus changes run one at a time in this process (the store's lock also guards against other processes).
    add.click(upload_event, [files, unlocked], [*listing, files], concurrency_limit=1, concurrency_id="corpus", api_name="upload")
    remove.click(remove_event, [choice, unlocked], listing, concurrency_limit=1, concurrency_id="corpus", api_name="remove")
    resync.click(resync_event, [unlocked], listing, concurrency_limit=1, concurrency_id="corpus", api_name="resync")


def theme():
    import gradio as gr

    # System fonts only: the page must not wait on a font server it may not reach.
    return gr.themes.Soft(
        primary_hue="teal",
        neutral_hue="slate",
        font=["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )


def warm_up(assistant) -> None:
    """Load the model, build the keyword index and run one question through the chain, so no visitor pays for it.

    Runs after the page is served: the page needs none of it, and a question asked meanwhile waits for the
    model (its loading is locked) instead of failing.
    """
    started = time.perf_counter()
    try:
        assistant.embedder.embed_query("warm up")
        if assistant.store.count():
            assistant.ask("What is this about?")  # builds the keyword index and the chain on the way
    except AssistantError as error:
        log.warning("Warm-up: %s", error)
    log.info("Ready to answer in %.1f s.", time.perf_counter() - started)


def serve(assistant, host: str | None = None, port: int | None = None, block: bool = True):
    """Serve the page, the HTTP API and the OpenAI-compatible endpoint on one port; with `block=False` return
    (app, url) and keep serving in the background (`app.close()` stops the server)."""
    import threading

    settings = assistant.settings
    host = host or settings.host
    # Cheap and stops the start with one clear message when wrong: the store opens, the generator is buildable.
    assistant.documents()
    assistant.generator
    if corpus_access(settings.admin_password, host) == READ_ONLY:
        log.warning("Listening on %s without ASSISTANT_ADMIN_PASSWORD: the corpus page is read-only.", host)
    if settings.api_token is None and corpus_access(None, host) == READ_ONLY:
        log.warning("Listening on %s without ASSISTANT_API_TOKEN: the HTTP API cannot change documents.", host)
    app = build_app(assistant, host=host)
    app.queue(default_concurrency_limit=settings.web_concurrency, max_size=settings.web_queue_size)
    port = port or settings.port
    _check_port(host, port)
    api = _mounted(assistant, app, host, port)
    url = _url(host, port)
    server = _server(api, app, host, port, background=not block)
    if block:
        print(f"Serving the chat on {url} and its HTTP API (docs at {url}docs).", flush=True)
        # The page is served as soon as uvicorn listens; the model loads meanwhile, in this thread.
        threading.Thread(target=_warm_when_started, args=(assistant, api, server), name="warm-up", daemon=True).start()
        _run(server, host, port)
        return app, url
    _start(server, host, port)
    # The page is served from here on; the model loads while the first visitor reads it.
    warm_up(assistant)
    api.state.ready.set()
    return app, url


def _mounted(assistant, blocks, host: str, port: int):
    """The API app with the Gradio page mounted at / (the API's own routes, and /docs, come first)."""
    import gradio as gr

    from .api import build_api

    api = build_api(assistant, host)
    gr.mount_gradio_app(
        api,
        blocks,
        path="/",
        server_name=host,
        server_port=port,
        footer_links=[],
        max_file_size=assistant.settings.max_upload_bytes,
        ssr_mode=False,
        show_error=False,  # as launch() had it: errors stay in the server's log
        theme=theme(),
        css=_static("web.css"),
    )
    # As launch() does: `blocks.close()` then stops the heartbeats of the app that is actually served.
    blocks.server_app = blocks.app = next(route.app for route in reversed(api.routes) if getattr(route, "path", None) == "")
    return api


def _server(api, blocks, host: str, port: int, background: bool):
    import uvicorn
    from gradio.http_server import Server

    config = uvicorn.Config(api, host=host.strip("[]"), port=port, log_level="warning", timeout_graceful_shutdown=5)
    # Gradio's Server subclass installs no signal handlers (a background thread cannot) and has close(), which
    # `blocks.close()` calls; in the foreground uvicorn's own handles Ctrl-C and SIGTERM.
    server = Server(config) if background else uvicorn.Server(config)
    blocks.server = server
    blocks.server_port = port
    blocks.local_url = _url(host, port)
    return server


def _check_port(host: str, port: int) -> None:
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a closed server's TIME_WAIT is no obstacle
            probe.bind(address)
    except OSError as error:
        raise _cannot_listen(host, port, str(error)) from error


def _cannot_listen(host: str, port: int, why: str) -> AssistantError:
    return AssistantError(f"Cannot listen on {host}:{port} ({why}); choose another with --port or ASSISTANT_PORT.")


def _start(server, host: str, port: int, timeout: float = 60.0) -> None:
    """Run uvicorn in a daemon thread and return once it listens."""
    import threading

    server.thread = threading.Thread(target=server.run, name="server", daemon=True)
    server.thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not server.thread.is_alive() or time.monotonic() > deadline:  # uvicorn exits its thread when it cannot bind
            server.should_exit = True
            raise _cannot_listen(host, port, "the server did not start")
        time.sleep(0.01)


def _run(server, host: str, port: int) -> None:
    try:
        server.run()
    except SystemExit as error:  # uvicorn exits when it cannot bind (another process took the port meanwhile)
        if not server.started:
            raise _cannot_listen(host, port, "the server did not start") from error
        raise


def _warm_when_started(assistant, api, server) -> None:
    while not server.started and not server.should_exit:
        time.sleep(0.01)
    if server.started:
        warm_up(assistant)
        api.state.ready.set()


def _url(host: str, port: int) -> str:
    shown = "localhost" if host in ("0.0.0.0", "::", "[::]") else f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"
