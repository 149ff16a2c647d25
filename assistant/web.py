"""The web chat: a thin Gradio adapter over `Assistant.ask`."""

from __future__ import annotations

from .errors import AssistantError


def respond(assistant, message: str, history: list[dict]) -> str:
    """Chat handler: one question in, the cited answer out as plain text."""
    try:
        answer = assistant.ask(message, [{"role": m["role"], "content": _text(m["content"])} for m in history])
    except AssistantError as error:
        return str(error)
    lines = [answer.answer, ""] + [f"[{c.marker}] {c.title} — “{c.quote}”" for c in answer.citations]
    return "\n".join(lines).strip()


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def build_app(assistant):
    import gradio as gr

    return gr.ChatInterface(
        fn=lambda message, history: respond(assistant, message, history),
        title="Document assistant",
        description="Answers only from the documents, with verbatim quotes.",
        examples=["What is CAR-T therapy?", "What is glioblastoma?"],
    )


def serve(assistant, host: str | None = None, port: int | None = None) -> None:
    app = build_app(assistant)
    app.queue(default_concurrency_limit=4, max_size=64)
    app.launch(server_name=host or assistant.settings.host, server_port=port or assistant.settings.port, show_api=False)
