"""The web page (Gradio Blocks): a chat that shows its evidence, and a corpus page for maintainers.

Handlers are plain methods on `Chat` and `Corpus` (testable without a browser); `build_app` wires them into
Blocks and `serve` launches it. One `Assistant` (model and store) serves every session; each session keeps its
own conversation in `gr.State`.
"""

# No `from __future__ import annotations`: Gradio reads the handlers' `gr.EventData` hints at run time.
import hmac
import ipaddress
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import views
from .answers import Answer
from .errors import AssistantError
from .feedback import Feedback, FeedbackLog
from .uploads import add_files, remove_document

log = logging.getLogger(__name__)

OPEN, PASSWORD, READ_ONLY = "open", "password", "read-only"
Progress = Callable[[float, str], None]  # (fraction done, what is happening)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]
STATIC = Path(__file__).resolve().parent / "static"  # the page's CSS and scripts


@dataclass
class Conversation:
    """One browser session's chat; never shared between sessions."""

    history: list[dict] = field(default_factory=list)  # plain-text turns given to the assistant for follow-ups
    messages: list[dict] = field(default_factory=list)  # what the chatbot shows (escaped HTML)
    answers: dict[int, dict] = field(default_factory=dict)  # chatbot message index -> the answer, for feedback
    last_feedback: dict | None = None  # the latest vote, which a comment is added to


class Chat:
    def __init__(self, assistant, feedback: FeedbackLog) -> None:
        self.assistant = assistant
        self.feedback = feedback

    def respond(self, question: str, conversation: Conversation) -> Iterator[tuple[list[dict], str, str, Conversation]]:
        """Yield (messages, sources, how-it-was-found, conversation): progressively, then the final answer."""
        question = (question or "").strip()
        if not question:
            yield conversation.messages, views.sources_placeholder(), "", conversation
            return
        messages = conversation.messages
        messages += [_message("user", views.user_message(question)), _message("assistant", views.pending_message())]
        yield list(messages), views.sources_placeholder("Searching the documents…"), "", conversation
        try:
            answer = None
            partial = ""
            for piece in self.assistant.stream(question, conversation.history):
                if isinstance(piece, Answer):
                    answer = piece
                else:
                    partial += piece
                    messages[-1] = _message("assistant", views.partial_message(partial))
                    yield list(messages), views.sources_placeholder("Searching the documents…"), "", conversation
        except AssistantError as error:
            messages[-1] = _message("assistant", views.error_message(str(error)))
            yield list(messages), views.sources_placeholder(), "", conversation
            return
        except Exception:
            log.exception("Answering %r failed", question)
            failure = "Something went wrong while answering; it was logged. Please try again."
            messages[-1] = _message("assistant", views.error_message(failure))
            yield list(messages), views.sources_placeholder(), "", conversation
            return
        # The final Answer is authoritative: it replaces whatever text was streamed.
        messages[-1] = _message("assistant", views.answer_message(answer))
        conversation.history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        conversation.answers[len(messages) - 1] = _feedback_fields(answer)
        yield list(messages), views.sources_panel(answer, self._text), views.trace_panel(answer), conversation

    def reset(self) -> tuple[list, str, str, str, Conversation]:
        return [], views.sources_placeholder(), "", views.document_placeholder(), Conversation()

    def open_document(self, source: str, start: int, end: int) -> str:
        """The whole document with [start, end) highlighted; only documents in the store can be opened."""
        record = self.assistant.store.document(str(source))
        text = self._text(str(source)) if record else None
        if record is None or text is None:
            return views.document_missing(str(source))
        return views.document_view(record.title, record.source, text, int(start), int(end))

    def vote(self, index, liked, conversation: Conversation) -> tuple[str, bool, Conversation]:
        """Save a thumbs up/down on one answer; returns (note, whether to offer a comment box, conversation)."""
        index = index[0] if isinstance(index, (list, tuple)) else index
        fields = conversation.answers.get(int(index))
        vote = {True: "up", False: "down", "Like": "up", "Dislike": "down"}.get(liked)
        if fields is None or vote is None:
            return "Only answers can be rated.", False, conversation
        entry = self.feedback.append(Feedback(vote=vote, **fields))
        conversation.last_feedback = asdict(entry)
        thumb = "👍" if vote == "up" else "👎"
        return f"Thanks — your {thumb} was saved. Add a comment if you like:", True, conversation

    def add_comment(self, comment: str, conversation: Conversation) -> tuple[str, bool, Conversation]:
        comment = (comment or "").strip()
        if conversation.last_feedback is None:
            return "Rate an answer first (👍 or 👎 under it).", False, conversation
        if not comment:
            return "The comment is empty; nothing more was saved.", True, conversation
        # Same id as the vote: readers keep the latest line per id.
        fields = {k: v for k, v in conversation.last_feedback.items() if k != "time"}
        entry = self.feedback.append(Feedback(**{**fields, "comment": comment[:4000]}))
        conversation.last_feedback = asdict(entry)
        return "Thanks — your comment was saved.", False, conversation

    def _text(self, source: str) -> str | None:
        return self.assistant.store.document_text(source)


def _message(role: str, content: str) -> dict:
    return {"role": role, "content": content}


def _feedback_fields(answer: Answer) -> dict:
    return {
        "question": answer.question,
        "standalone_question": answer.standalone_question,
        "answer": answer.answer,
        "refused": answer.refused,
        "citations": [asdict(c) for c in answer.citations],
    }


class Corpus:
    """The corpus page: every change checks the session's right to make it, whatever the page shows."""

    def __init__(self, assistant, access: str) -> None:
        self.assistant = assistant
        self.access = access

    def allowed(self, unlocked: bool) -> bool:
        return self.access == OPEN or (self.access == PASSWORD and bool(unlocked))

    def notice(self) -> str:
        if self.access == READ_ONLY:
            return (
                "Read-only: this server listens beyond this machine and no ASSISTANT_ADMIN_PASSWORD is set, "
                "so documents cannot be changed from the browser."
            )
        if self.access == PASSWORD:
            return "Changing documents needs the admin password."
        return "Anyone who can open this page on this machine can add and remove documents."

    def listing(self) -> tuple[str, list[str]]:
        records = self.assistant.documents()
        return views.documents_table(records), [r.source for r in records]

    def unlock(self, password: str, unlocked: bool) -> tuple[bool, str]:
        if self.access != PASSWORD:
            return self.allowed(unlocked), views.status(self.notice(), ok=self.access == OPEN)
        expected = self.assistant.settings.admin_password or ""
        if hmac.compare_digest((password or "").encode(), expected.encode()):
            return True, views.status("Unlocked: you can add and remove documents in this session.")
        time.sleep(1.0)  # slows down guessing
        return False, views.status("Wrong password.", ok=False)

    def upload(self, files: list | None, unlocked: bool, progress: Progress | None = None) -> tuple[str, str, list[str]]:
        if not self.allowed(unlocked):
            return (views.status(self._denied(), ok=False), *self.listing())
        if not files:
            return (views.status("Choose one or more files first.", ok=False), *self.listing())
        def step(done: int, total: int, name: str) -> None:
            if progress:
                progress(done / max(total, 1), f"Adding {name}" if name else "Done")
        try:
            report = add_files(self.assistant, [_upload_item(f) for f in files], progress=step, show_bar=progress is not None)
        except AssistantError as error:
            return (views.status(str(error), ok=False), *self.listing())
        return (views.status(report.summary(), ok=not report.refused), *self.listing())

    def remove(self, source: str | None, unlocked: bool) -> tuple[str, str, list[str]]:
        if not self.allowed(unlocked):
            return (views.status(self._denied(), ok=False), *self.listing())
        if not source:
            return (views.status("Choose a document to remove.", ok=False), *self.listing())
        try:
            kept = remove_document(self.assistant, source)
        except AssistantError as error:
            return (views.status(str(error), ok=False), *self.listing())
        where = f" Its file was moved to {_shown_path(self.assistant.settings, kept)}." if kept else ""
        return (views.status(f"Removed {source}.{where}"), *self.listing())

    def resync(self, unlocked: bool, progress: Progress | None = None) -> tuple[str, str, list[str]]:
        if not self.allowed(unlocked):
            return (views.status(self._denied(), ok=False), *self.listing())
        if progress:
            progress(0.0, "Reading the corpus folder")
        try:
            report = self.assistant.ingest(progress=progress is not None)
        except AssistantError as error:
            return (views.status(str(error), ok=False), *self.listing())
        problems = " ".join(report.skipped + report.failed)
        return (views.status(f"{report.summary()} {problems}".strip(), ok=not report.failed), *self.listing())

    def _denied(self) -> str:
        if self.access == PASSWORD:
            return "Enter the admin password first."
        return self.notice()


def _upload_item(file) -> tuple[str, Path]:
    """Gradio hands over a temporary path (or an object with `.name`); its last part is the uploaded name."""
    path = Path(getattr(file, "path", None) or getattr(file, "name", None) or str(file))
    return path.name, path


def _shown_path(settings, path: Path) -> str:
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return str(path)


def corpus_access(admin_password: str | None, host: str) -> str:
    """Who may change the corpus: a password if one is set; else anyone on loopback; else no one."""
    if admin_password:
        return PASSWORD
    return OPEN if is_loopback(host) else READ_ONLY


def is_loopback(host: str) -> bool:
    if (host or "").strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address((host or "").strip("[]")).is_loopback
    except ValueError:
        return False


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
                _chat_tab(gr, chat, settings, conversation)
            with gr.Tab("Corpus", id="corpus") as corpus_tab:
                _corpus_tab(gr, app, corpus, unlocked, corpus_tab)
    return app


def _chat_tab(gr, chat: Chat, settings, conversation) -> None:
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
    # Starting over stops an answer still streaming, so it cannot write into the new conversation.
    for trigger, name in ((new.click, "new_conversation"), (chatbot.clear, None)):
        trigger(
            chat.reset,
            None,
            [chatbot, sources, trace, viewer, conversation],
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
            label="Add documents (.txt, .md, .html, .pdf)", file_count="multiple", file_types=UPLOAD_TYPES, elem_id="upload-files"
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
    """Launch the app with an explicit queue; with `block=False` return (app, url) and keep serving in the background."""
    settings = assistant.settings
    host = host or settings.host
    # Cheap and stops the start with one clear message when wrong: the store opens, the generator is buildable.
    assistant.documents()
    assistant.generator
    if corpus_access(settings.admin_password, host) == READ_ONLY:
        log.warning("Listening on %s without ASSISTANT_ADMIN_PASSWORD: the corpus page is read-only.", host)
    app = build_app(assistant, host=host)
    app.queue(default_concurrency_limit=settings.web_concurrency, max_size=settings.web_queue_size)
    port = port or settings.port
    try:
        _, url, _ = app.launch(
            server_name=host,
            server_port=port,
            prevent_thread_lock=True,
            footer_links=[],
            max_file_size=settings.max_upload_bytes,
            ssr_mode=False,
            quiet=not block,
            theme=theme(),
            css=_static("web.css"),
        )
    except OSError as error:
        reason = f"Cannot listen on {host}:{port} ({error}); choose another with --port or ASSISTANT_PORT."
        raise AssistantError(reason) from error
    # The page is served from here on; the model loads while the first visitor reads it.
    warm_up(assistant)
    if block:
        app.block_thread()
    return app, url
