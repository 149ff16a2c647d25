"""Typed errors raised by the core; the CLI and the web UI turn them into one clear sentence."""


class AssistantError(Exception):
    """Base class: `str(error)` is the sentence shown to the user."""


class InvalidQuestion(AssistantError):
    """The question is empty, too long or unreadable."""


class NothingIngested(AssistantError):
    """A question was asked before any document was ingested."""

    def __init__(self) -> None:
        super().__init__("Nothing has been ingested yet: run `assistant ingest` (or add documents on the corpus page) first.")


class DocumentError(AssistantError):
    """A document could not be read; the message names it."""


class UnsupportedDocument(DocumentError):
    """The file type is not one the assistant can read."""


class IngestBusy(AssistantError):
    """Another ingest holds the store's lock."""


class EvaluationError(AssistantError):
    """An evaluation dataset, benchmark folder or report cannot be read or written; the message names it."""


class GeneratorUnavailable(AssistantError):
    """The chosen generator cannot be built: a package is missing or a setting is wrong."""
