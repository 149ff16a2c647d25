"""What a generator returns (`Draft` of `Statement`s) and what the chain returns (`Answer` with `Citation`s).

These types sit below both the generators (reader/, llm/) and the chain (chain.py), which import them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from langchain_core.documents import Document


@dataclass
class Statement:
    """One sentence of an answer and the passages that support it: (passage index, verbatim quote)."""

    text: str
    supports: list[tuple[int, str]]
    flagged: bool = False  # an LLM sentence no passage supports, kept visibly marked (setting unsupported_statements=flag)
    code: bool = False  # a code block, shown with its own lines


@dataclass
class Draft:
    """What a generator returns: statements, or a refusal with the reason and optionally the closest passage."""

    statements: list[Statement] = field(default_factory=list)
    refusal_reason: str | None = None
    closest: tuple[int, str] | None = None
    unanswered: int = 0  # asks of a question with several that the statements leave unanswered

    @classmethod
    def refusal(cls, reason: str, closest: tuple[int, str] | None = None) -> Draft:
        return cls(refusal_reason=reason, closest=closest)


@dataclass
class Citation:
    marker: int
    source: str
    title: str
    chunk_id: str
    quote: str
    start: int  # offsets of the quote in the document's text: text[start:end] == quote
    end: int
    section: str | None = None  # the heading path the quote stands under ("Results > Survival"), if any
    page: int | None = None  # 1-based page of a PDF (pages are separated by form feeds in its text); None otherwise


@dataclass
class Answer:
    question: str
    standalone_question: str
    answer: str
    refused: bool
    citations: list[Citation]
    passages: list[Document]
    refusal_reason: str | None = None

    def to_dict(self) -> dict:
        """The shape `assistant ask --json` prints."""
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [asdict(c) for c in self.citations],
            "passages": [
                {
                    "chunk_id": p.metadata.get("chunk_id", p.id),
                    "source": p.metadata.get("source", ""),
                    "score": p.metadata.get("score", 0.0),
                    "text": p.page_content,
                }
                for p in self.passages
            ],
        }


REFUSALS = {
    "injection": "I only answer questions from the documents, and I don't follow instructions given inside a question.",
    "out_of_scope": "That is outside what I do: I answer questions about what the documents say, with quotes.",
    "no_passages": "The documents don't say: nothing in them matches this question.",
    "not_found": "The documents don't say.",
    "missing_quantity": "The documents don't say: they give no figure for this.",
    "missing_date": "The documents don't say: they give no date or time for this.",
    "missing_measure": "The documents don't say: they give no measurement for this.",
    "missing_duration": "The documents don't say: they give no length of time for this.",
    "missing_person": "The documents don't say: they name no one for this.",
    "missing_name": "The documents don't say: they give no name for this.",
    "missing_contact": "The documents don't say: they give no such contact details.",
    "missing_location": "The documents don't say: they give no place for this.",
}
# After an answer to some of a question's asks, for the rest.
PARTLY_UNANSWERED = "The documents don't say the rest of what was asked."


UNSUPPORTED_MARK = "[⚠ not supported by the documents]"
