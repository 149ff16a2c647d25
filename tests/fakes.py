"""Test doubles: an embedding that still ranks by shared words, without loading a model."""

from __future__ import annotations

import hashlib

import numpy as np

from assistant.embeddings import Embedder
from assistant.text import keyword_tokens


class WordTokenizer:
    """Enough of a Hugging Face tokenizer for the splitter: one token per whitespace-separated word."""

    def tokenize(self, text: str, **_) -> list[str]:
        return text.split()

    def encode(self, text: str, **_) -> list[int]:
        return list(range(len(text.split())))


class FakeEmbedder(Embedder):
    """Hashed bag of stemmed words: texts sharing words get similar unit vectors."""

    def __init__(self, dimension: int = 384) -> None:
        super().__init__(model="fake-hashed-words", batch_size=64)
        self._dimension = dimension

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def max_tokens(self) -> int:
        return 256

    def tokenizer(self):
        return WordTokenizer()

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in keyword_tokens(text) or ["<empty>"]:
                out[row, int(hashlib.md5(token.encode()).hexdigest(), 16) % self._dimension] += 1.0
            out[row] /= np.linalg.norm(out[row])
        return out
