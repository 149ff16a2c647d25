"""Sync: new documents added, changed ones re-embedded, deleted ones removed, unchanged ones skipped."""

from __future__ import annotations

import numpy as np

from .pdfs import text_pdf


def _snapshot(assistant):
    got = assistant.store.chunks.get(include=["documents", "metadatas", "embeddings"])
    order = np.argsort(got["ids"])
    return (
        [got["ids"][i] for i in order],
        [got["documents"][i] for i in order],
        [got["metadatas"][i] for i in order],
        np.asarray(got["embeddings"])[order],
        [r.__dict__ for r in assistant.store.documents()],
    )


def test_second_sync_changes_nothing_and_embeds_nothing(fake_assistant):
    first = fake_assistant.ingest()
    assert first.added == ["corpus/car-t-glioblastoma.txt"] and first.chunks_embedded > 0
    before = _snapshot(fake_assistant)
    generation = fake_assistant.store.generation()
    embedded = fake_assistant.embedder.texts_embedded

    second = fake_assistant.ingest()
    assert second.unchanged == ["corpus/car-t-glioblastoma.txt"]
    assert not second.changed and second.chunks_embedded == 0
    assert fake_assistant.embedder.texts_embedded == embedded
    after = _snapshot(fake_assistant)
    assert before[:3] == after[:3] and np.array_equal(before[3], after[3]) and before[4] == after[4]
    assert fake_assistant.store.generation() == generation


def test_changed_document_reuses_unchanged_chunk_vectors(fake_assistant, project):
    fake_assistant.ingest()
    article = project / "corpus" / "car-t-glioblastoma.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA new closing paragraph about T-cells.\n", encoding="utf-8")
    report = fake_assistant.ingest()
    assert report.updated == ["corpus/car-t-glioblastoma.txt"]
    assert 0 < report.chunks_embedded < report.chunks_embedded + report.chunks_reused
    assert report.chunks_reused > 0
    texts = fake_assistant.store.chunks.get(include=["documents"])["documents"]
    assert any("new closing paragraph" in t for t in texts)


def test_deleted_document_is_removed(fake_assistant, project):
    extra = project / "corpus" / "extra.md"
    extra.write_text("# Extra\n\nThe extra document talks about zebrafish regeneration.\n", encoding="utf-8")
    fake_assistant.ingest()
    assert fake_assistant.store.chunk_ids("corpus/extra.md")
    extra.unlink()
    report = fake_assistant.ingest()
    assert report.removed == ["corpus/extra.md"]
    assert not fake_assistant.store.chunk_ids("corpus/extra.md")
    assert [r.source for r in fake_assistant.documents()] == ["corpus/car-t-glioblastoma.txt"]


def test_removed_document_is_gone_from_answers_at_once(fake_assistant, project):
    (project / "corpus" / "zebra.txt").write_text("Zebrafish regenerate their fins within two weeks.\n", encoding="utf-8")
    fake_assistant.ingest()
    assert any(p.metadata["source"] == "corpus/zebra.txt" for p in fake_assistant.ask("How fast do zebrafish regenerate fins?").passages)
    assert fake_assistant.remove("corpus/zebra.txt")
    answer = fake_assistant.ask("How fast do zebrafish regenerate fins?")
    assert all(p.metadata["source"] != "corpus/zebra.txt" for p in answer.passages)


def test_unknown_type_is_skipped_and_corrupt_pdf_named_others_ingested(fake_assistant, project):
    corpus = project / "corpus"
    (corpus / "slides.pptx").write_bytes(b"PK\x03\x04")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (corpus / "good.pdf").write_bytes(text_pdf(["Glioblastoma cells carry a specific protein."]))
    report = fake_assistant.ingest()
    assert any("slides.pptx" in s for s in report.skipped)
    assert any("broken.pdf" in f for f in report.failed)
    assert sorted(report.added) == ["corpus/car-t-glioblastoma.txt", "corpus/good.pdf"]


def test_a_document_that_turns_unreadable_keeps_its_old_chunks(fake_assistant, project):
    notes = project / "corpus" / "notes.txt"
    notes.write_text("Notes about T-cells and their receptors.\n", encoding="utf-8")
    fake_assistant.ingest()
    notes.write_bytes("Caf\xe9".encode("latin-1"))
    report = fake_assistant.ingest()
    assert any("notes.txt" in f for f in report.failed)
    assert fake_assistant.store.chunk_ids("corpus/notes.txt")


def test_changing_chunk_settings_rechunks(fake_assistant, project):
    from assistant.service import Assistant

    fake_assistant.ingest()
    settings = fake_assistant.settings.model_copy(update={"chunk_tokens": 60})
    other = Assistant(settings, embedder=fake_assistant.embedder, client=fake_assistant.store.client)
    report = other.ingest()
    assert report.updated == ["corpus/car-t-glioblastoma.txt"]
    assert len(other.store.chunk_ids("corpus/car-t-glioblastoma.txt")) > len(fake_assistant.store.chunk_ids("corpus/car-t-glioblastoma.txt")) - 1


def test_summary_is_one_line(fake_assistant):
    line = fake_assistant.ingest().summary()
    assert "\n" not in line and "1 added" in line and "chunks embedded" in line
