"""The Chroma store: our embeddings only, cosine space, a manifest and a generation that tracks changes."""

from __future__ import annotations

from assistant.corpus.store import Store, make_client

from .fakes import FakeEmbedder


def test_collections_never_get_chromas_default_embedding_function(tmp_path):
    store = Store(make_client(tmp_path / "chroma"), FakeEmbedder(), "unit")
    assert store.chunks.configuration["hnsw"]["space"] == "cosine"
    assert store.chunks.configuration.get("embedding_function") is None
    reopened = make_client(tmp_path / "chroma").get_collection("unit", embedding_function=None)
    assert reopened.configuration.get("embedding_function") is None


def test_generation_changes_on_every_ingest_that_changes_something(fake_assistant, project):
    assert fake_assistant.store.generation() == ""
    fake_assistant.ingest()
    first = fake_assistant.store.generation()
    assert first
    (project / "corpus" / "x.txt").write_text("Something new about receptors.\n", encoding="utf-8")
    fake_assistant.ingest()
    assert fake_assistant.store.generation() != first


def test_keyword_index_follows_changes_made_by_another_process(fake_assistant, project):
    fake_assistant.ingest()
    assert fake_assistant.retriever.keyword_index().ids
    # A second Assistant on the same store stands in for another worker process.
    from assistant.service import Assistant

    other = Assistant(fake_assistant.settings, embedder=fake_assistant.embedder, client=fake_assistant.store.client)
    other.remove("corpus/car-t-glioblastoma.txt")
    assert fake_assistant.retriever.keyword_index().ids == []


def test_document_text_is_what_offsets_refer_to(fake_assistant, project):
    fake_assistant.ingest()
    text = (project / "corpus" / "car-t-glioblastoma.txt").read_text(encoding="utf-8")
    assert fake_assistant.store.document_text("corpus/car-t-glioblastoma.txt") == text
    record = fake_assistant.store.document("corpus/car-t-glioblastoma.txt")
    assert record.status == "ready" and record.chunks == len(fake_assistant.store.chunk_ids(record.source))


def test_remove_unknown_source_is_false(fake_assistant):
    assert fake_assistant.remove("corpus/none.txt") is False
