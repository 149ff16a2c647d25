"""Chunks fit the model's token budget, overlap, and know exactly where they came from."""

from __future__ import annotations

import pytest

from assistant.corpus.chunking import Chunker
from assistant.corpus.documents import load

from .conftest import ARTICLE
from .fakes import WordTokenizer


@pytest.fixture(scope="module")
def model_tokenizer():
    from assistant.embeddings import Embedder

    return Embedder().tokenizer()  # the bundled model's tokenizer; the weights are not loaded


def test_chunks_are_verbatim_slices_with_ids(model_tokenizer):
    doc = load(ARTICLE, ARTICLE.parent.parent)
    chunks = Chunker(model_tokenizer, chunk_tokens=120, chunk_overlap=30).split(doc)
    assert len(chunks) > 3
    for i, chunk in enumerate(chunks):
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert chunk.id == f"corpus/car-t-glioblastoma.txt::{i:04d}" and chunk.index == i
        assert chunk.title == doc.title and chunk.source == doc.source


def test_chunks_fit_the_model_window(model_tokenizer):
    doc = load(ARTICLE, ARTICLE.parent.parent)
    chunker = Chunker(model_tokenizer, chunk_tokens=400, chunk_overlap=40, max_tokens=256)
    assert chunker.size == 254  # two of the 256 tokens are the model's own markers
    for chunk in chunker.split(doc):
        assert len(model_tokenizer.tokenize(chunk.text)) <= 254


def test_neighbouring_chunks_overlap_within_the_limit(model_tokenizer):
    # The splitter overlaps chunks cut inside a paragraph; chunks that end at a paragraph break need none.
    doc = load(ARTICLE, ARTICLE.parent.parent)
    chunks = Chunker(model_tokenizer, chunk_tokens=80, chunk_overlap=30).split(doc)
    overlaps = [doc.text[b.start : a.end] for a, b in zip(chunks, chunks[1:]) if b.start < a.end]
    assert overlaps
    assert all(len(model_tokenizer.tokenize(o)) <= 30 for o in overlaps)
    assert all(b.start > a.start for a, b in zip(chunks, chunks[1:]))


def test_signature_changes_with_sizes_and_model():
    a = Chunker(WordTokenizer(), 100, 20, model="m1").signature
    assert a != Chunker(WordTokenizer(), 120, 20, model="m1").signature
    assert a != Chunker(WordTokenizer(), 100, 20, model="m2").signature


def test_repeated_text_gets_distinct_offsets(tmp_path):
    path = tmp_path / "repeat.txt"
    path.write_text(("Same sentence here. " * 30 + "\n\n") * 3, encoding="utf-8")
    doc = load(path, tmp_path)
    chunks = Chunker(WordTokenizer(), chunk_tokens=20, chunk_overlap=0).split(doc)
    starts = [c.start for c in chunks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
