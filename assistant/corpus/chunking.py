"""Cutting documents into chunks sized in the embedding model's tokens, each knowing where it came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from .documents import SourceDocument

# Paragraphs, then lines, then sentences, then words: a chunk breaks at the largest boundary that fits.
SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str
    title: str
    index: int
    text: str
    start: int
    end: int

    @property
    def text_hash(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()[:32]


def chunk_id(source: str, index: int) -> str:
    # Stable and readable: the same document and position always get the same id, so re-ingesting upserts.
    return f"{source}::{index:04d}"


class Chunker:
    """Token-sized recursive splitting with overlap; the tokenizer comes from the embedding model."""

    def __init__(self, tokenizer, chunk_tokens: int = 200, chunk_overlap: int = 40, max_tokens: int = 256, model: str = "") -> None:
        # Two tokens of the model's budget go to [CLS] and [SEP]; a longer chunk would lose its tail.
        self.size = min(chunk_tokens, max_tokens - 2)
        self.overlap = min(chunk_overlap, self.size // 2)
        # Stored with each document: a change of model or sizes re-chunks and re-embeds on the next sync.
        self.signature = f"{model}|tokens={self.size}|overlap={self.overlap}"
        self._tokenizer = tokenizer  # a tokenizer, or a callable returning one (loaded only when needed)
        self._splitter = None

    @property
    def splitter(self) -> RecursiveCharacterTextSplitter:
        if self._splitter is None:
            tokenizer = self._tokenizer() if callable(self._tokenizer) and not hasattr(self._tokenizer, "tokenize") else self._tokenizer
            self._splitter = RecursiveCharacterTextSplitter(
                # Counting a whole document's tokens is no model input: no warning that it is longer than one.
                length_function=lambda text: len(tokenizer.tokenize(text, verbose=False)),
                chunk_size=self.size,
                chunk_overlap=self.overlap,
                separators=SEPARATORS,
                keep_separator="end",
                strip_whitespace=True,
                add_start_index=True,
            )
        return self._splitter

    def split(self, document: SourceDocument) -> list[Chunk]:
        pieces = self.splitter.create_documents([document.text])
        chunks = []
        for index, piece in enumerate(pieces):
            start = piece.metadata["start_index"]
            if start < 0 or document.text[start : start + len(piece.page_content)] != piece.page_content:
                # The splitter's offset search can miss on repeated text; search forward from the last chunk.
                previous = chunks[-1].start if chunks else 0
                start = document.text.find(piece.page_content, previous)
            end = start + len(piece.page_content)
            chunks.append(Chunk(chunk_id(document.source, index), document.source, document.title, index, piece.page_content, start, end))
        return chunks
