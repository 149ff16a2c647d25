"""The page's handlers as plain objects: `Chat` (answers, documents, feedback) and `Corpus` (maintainers' changes).

They take and return plain values, so tests drive them without a browser; `app.py` wires them into Gradio.
"""

import hashlib
import hmac
import ipaddress
import logging
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..answers import REFUSALS, Answer, Citation
from ..errors import AssistantError
from . import views
from .export import conversation_markdown
from .feedback import Feedback, FeedbackLog

log = logging.getLogger(__name__)

OPEN, PASSWORD, READ_ONLY = "open", "password", "read-only"
Progress = Callable[[float, str], None]  # (fraction done, what is happening)
STORED_VERSION = 1  # the shape of the conversation the browser keeps (`Chat.stored`)
MAX_TURNS = 50  # questions kept in the browser and restored from it; older ones are dropped
EXPORTS = Path(tempfile.gettempdir()) / "assistant-exports"  # Markdown exports, one folder per content


@dataclass
class Conversation:
    """One browser session's chat; never shared between sessions."""

    history: list[dict] = field(default_factory=list)  # plain-text turns given to the assistant for follow-ups
    messages: list[dict] = field(default_factory=list)  # what the chatbot shows (escaped HTML)
    answers: dict[int, dict] = field(default_factory=dict)  # chatbot message index -> the answer, for feedback
    last_feedback: dict | None = None  # the latest vote, which a comment is added to
    turns: list[dict] = field(default_factory=list)  # plain JSON per answered question: kept in the browser, exported


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
        conversation.turns.append({**_feedback_fields(answer), "refusal_reason": answer.refusal_reason})
        yield list(messages), views.sources_panel(answer, self._text), views.trace_panel(answer), conversation

    def reset(self) -> tuple[list, str, str, str, Conversation]:
        return [], views.sources_placeholder(), "", views.document_placeholder(), Conversation()

    def stored(self, conversation: Conversation) -> dict:
        """What the browser keeps of the conversation: plain JSON, read back by `restore`."""
        return {"version": STORED_VERSION, "turns": conversation.turns[-MAX_TURNS:]}

    def restore(self, stored) -> tuple[list[dict], str, Conversation]:
        """(messages, sources, conversation) rebuilt from what the browser kept; anything malformed is dropped.

        The value comes from the browser, so it is never trusted: messages are rendered again from its plain
        text through `views`, never taken as HTML.
        """
        conversation, answer = Conversation(), None
        for turn in restored_turns(stored, self.assistant.settings.max_question_chars):
            answer = _answer_of(turn)
            conversation.messages += [_message("user", views.user_message(turn["question"])), _message("assistant", views.answer_message(answer))]
            conversation.history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": turn["answer"]}]
            conversation.answers[len(conversation.messages) - 1] = _feedback_fields(answer)
            conversation.turns.append(turn)
        sources = views.sources_panel(answer, self._text) if answer and answer.citations else views.sources_placeholder()
        return list(conversation.messages), sources, conversation

    def export(self, conversation: Conversation) -> str | None:
        """The path of a Markdown file with the whole conversation, or None when nothing was answered yet."""
        if not conversation.turns:
            return None
        text = conversation_markdown(conversation.turns)
        # Named by content: the same conversation is one file, and no session can reach another's by guessing.
        path = EXPORTS / hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] / "conversation.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return str(path)

    def open_document(self, source: str, start: int, end: int) -> str:
        """The whole document with [start, end) highlighted; only documents in the store can be opened.

        A PDF also shows the cited page drawn from its file with the quote highlighted (the text alone if the file is gone).
        """
        record = self.assistant.store.document(str(source))
        text = self._text(str(source)) if record else None
        if record is None or text is None:
            return views.document_missing(str(source))
        page = None
        if record.kind == "pdf":
            from ..corpus.pdf import highlighted_page

            page = highlighted_page(self.assistant.settings.resolve(Path(record.source)), text, int(start), int(end))
        return views.document_view(record.title, record.source, text, int(start), int(end), page)

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


# -- the conversation kept in the browser, checked on its way back ---------------------------------------
_CITATION_TEXT = {"source": 1000, "title": 500, "chunk_id": 1200, "quote": 3000}  # longest accepted
_MAX_ANSWER, _MAX_CITATIONS, _MAX_SECTION = 20_000, 20, 500


def restored_turns(stored, max_question_chars: int = 2000) -> list[dict]:
    """The well-formed turns of a stored conversation (at most the last MAX_TURNS); malformed ones are dropped."""
    if not isinstance(stored, dict) or stored.get("version") != STORED_VERSION or not isinstance(stored.get("turns"), list):
        return []
    turns = (_restored_turn(t, max_question_chars) for t in stored["turns"][-MAX_TURNS:])
    return [t for t in turns if t is not None]


def _restored_turn(value, max_question_chars: int) -> dict | None:
    if not isinstance(value, dict):
        return None
    question, answer, refused = value.get("question"), value.get("answer"), value.get("refused")
    if not (_text(question, max_question_chars) and question.strip() and _text(answer, _MAX_ANSWER) and isinstance(refused, bool)):
        return None
    standalone = value.get("standalone_question")
    reason = value.get("refusal_reason")
    citations = value.get("citations") if isinstance(value.get("citations"), list) else []
    return {
        "question": question,
        "standalone_question": standalone if _text(standalone, 4 * max_question_chars) else question,
        "answer": answer,
        "refused": refused,
        "citations": [c for c in map(_restored_citation, citations[:_MAX_CITATIONS]) if c is not None],
        "refusal_reason": reason if reason in REFUSALS else None,
    }


def _restored_citation(value) -> dict | None:
    if not isinstance(value, dict) or not all(_text(value.get(k), limit) for k, limit in _CITATION_TEXT.items()):
        return None
    marker, start, end, page, section = (value.get(k) for k in ("marker", "start", "end", "page", "section"))
    if not (_number(marker, 1, 999) and _number(start, 0, 10**9) and _number(end, start, 10**9)):
        return None
    if not (page is None or _number(page, 1, 10**6)) or not (section is None or _text(section, _MAX_SECTION)):
        return None
    return {"marker": marker, **{k: value[k] for k in _CITATION_TEXT}, "start": start, "end": end, "section": section, "page": page}


def _text(value, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _number(value, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high  # not bool, not float


def _answer_of(turn: dict) -> Answer:
    citations = [Citation(**c) for c in turn["citations"]]
    return Answer(turn["question"], turn["standalone_question"], turn["answer"], turn["refused"], citations, [], turn["refusal_reason"])


def _feedback_fields(answer: Answer) -> dict:
    # What `ask --json` prints, less the retrieved passages.
    return {k: v for k, v in answer.to_dict().items() if k != "passages"}


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
            report = self.assistant.add_files([_upload_item(f) for f in files], progress=step, show_bar=progress is not None)
        except AssistantError as error:
            return (views.status(str(error), ok=False), *self.listing())
        return (views.status(report.summary(), ok=not report.refused), *self.listing())

    def remove(self, source: str | None, unlocked: bool) -> tuple[str, str, list[str]]:
        if not self.allowed(unlocked):
            return (views.status(self._denied(), ok=False), *self.listing())
        if not source:
            return (views.status("Choose a document to remove.", ok=False), *self.listing())
        try:
            kept = self.assistant.remove_document(source)
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
