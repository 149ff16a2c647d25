"""The embedding model's two runtimes: ONNX Runtime for questions, PyTorch for batches, giving the same vectors."""

from __future__ import annotations

import logging

import numpy as np

from assistant.embeddings import ONNX_BATCH, SHORT_TEXT, SMALL_BATCH, Embedder

TEXTS = ["What is CAR-T therapy?", "Glioblastoma is the most common malignant brain tumour in adults.", "  spaced  out  "]


def test_small_batches_run_on_the_onnx_export_with_pytorchs_vectors(real_embedder):
    session = real_embedder.onnx_session()
    assert session is not None
    exported = list(real_embedder.onnx_dir.glob("*.onnx"))
    assert len(exported) == 1
    torch_vectors = real_embedder._torch_batch(TEXTS)
    assert np.abs(session.encode(TEXTS) - torch_vectors).max() < 1e-5
    assert np.abs(real_embedder.embed_batch(TEXTS[:1])[0] - torch_vectors[0]).max() < 1e-5  # alone, unpadded
    assert np.allclose(np.linalg.norm(session.encode(TEXTS), axis=1), 1.0, atol=1e-5)
    # A text longer than the model reads is cut where PyTorch cuts it.
    long = "tumour " * 400
    assert np.abs(session.encode([long]) - real_embedder._torch_batch([long])).max() < 1e-5
    # Another process (here, another embedder) uses the file already exported.
    before = exported[0].stat().st_mtime_ns
    again = Embedder(onnx_dir=real_embedder.onnx_dir)
    again._model = real_embedder.model  # the same weights, without loading them twice
    assert again.onnx_session() is not None and exported[0].stat().st_mtime_ns == before


def test_many_sentences_run_on_the_export_a_few_at_a_time_in_their_order(real_embedder, monkeypatch):
    session = real_embedder.onnx_session()
    calls = []
    encode = session.encode
    monkeypatch.setattr(session, "encode", lambda texts: calls.append(len(texts)) or encode(texts))
    many = [f"sentence number {i} about tumours" + " and the brain" * (i % 7) for i in range(3 * ONNX_BATCH + 1)]
    vectors = real_embedder.embed_batch(many)
    assert calls == [ONNX_BATCH] * 3 + [1]
    assert np.abs(vectors - real_embedder._torch_batch(many)).max() < 1e-5  # each text's own vector, in order


def test_large_batches_of_long_texts_and_a_missing_export_use_pytorch(real_embedder, tmp_path, caplog):
    many = [f"chunk number {i} " + "about tumours and how they are treated " * 12 for i in range(SMALL_BATCH + 1)]
    assert min(map(len, many)) > SHORT_TEXT
    assert np.abs(real_embedder.embed_batch(many) - real_embedder._torch_batch(many)).max() == 0
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the export folder should be")
    embedder = Embedder(onnx_dir=blocked)
    embedder._model = real_embedder.model
    with caplog.at_level(logging.WARNING, logger="assistant.embeddings"):
        vectors = embedder.embed_batch(TEXTS)
    assert embedder.onnx_session() is None
    assert "PyTorch only" in caplog.text
    assert np.abs(vectors - real_embedder._torch_batch(TEXTS)).max() == 0
    assert Embedder().onnx_session() is None  # no folder given: PyTorch only, nothing written


def test_questions_batches_and_word_counts_from_many_threads_do_not_break_each_other(real_embedder):
    """A served chat answers several users at once while a maintainer's upload is embedded: the tokenizer's padding
    and truncation state must not change under a running call (before the fix, 4 of 4 question threads failed)."""
    from concurrent.futures import ThreadPoolExecutor

    questions = [[f"question {i} about glioblastoma cells", "short"] for i in range(40)]
    batches = [[f"a sentence number {k} " * (k % 7 + 1)] * 20 for k in range(6)]
    expected = [real_embedder._torch_batch(q) for q in questions]
    counter = real_embedder.tokenizer()

    def count(k: int) -> int:
        return sum(len(counter.tokenize(f"word{k} screeching {j}")) for j in range(200))

    with ThreadPoolExecutor(max_workers=7) as pool:
        asked = [pool.submit(real_embedder.embed_batch, q) for q in questions]
        embedded = [pool.submit(real_embedder.embed_batch, b) for b in batches]
        counted = [pool.submit(count, k) for k in range(4)]
        answers = [f.result() for f in asked]
        assert all(f.result().shape == (20, 384) for f in embedded)
        assert all(f.result() > 0 for f in counted)
    assert max(float(np.abs(a - e).max()) for a, e in zip(answers, expected)) < 1e-5
    assert counter is not real_embedder.model.tokenizer  # counting never shares PyTorch's tokenizer
