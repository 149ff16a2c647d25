"""Uploads into corpus/ and removals from the web page: safe names, limits, and all-or-nothing changes."""

import os
import re
from pathlib import Path

import pytest
from filelock import FileLock

from assistant.errors import IngestBusy
from assistant.corpus.uploads import UploadRefused, add_files, check, remove_document, safe_name

LLAMAS = "Notes on llamas.\n\nLlamas are domesticated South American camelids used as pack animals by Andean cultures.\n"


def _state(assistant) -> tuple:
    """Everything an upload may change: the corpus folder's files, the documents and the chunk count."""
    folder = assistant.settings.corpus_path
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    return files, [(r.source, r.sha256, r.status) for r in assistant.documents()], assistant.store.count()


@pytest.fixture
def ingested(fake_assistant):
    fake_assistant.ingest()
    return fake_assistant


@pytest.fixture
def inbox(tmp_path_factory) -> Path:
    """Where uploaded files come from: outside the project, like a browser's temporary upload folder."""
    return tmp_path_factory.mktemp("inbox")


def _file(folder: Path, name: str, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.mark.parametrize(
    "name, stored",
    [
        ("report.txt", "report.txt"),
        ("../../etc/evil.txt", "evil.txt"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        (".hidden.txt", "hidden.txt"),
        ("My notes <final> (v2).TXT", "My-notes-final-v2.txt"),
        ("a/b<img src=x onerror=alert(1)>.html", "b-img-src-x-onerror-alert-1.html"),
        ("Ünïcödé résumé.pdf", "Ünïcödé-résumé.pdf"),
        ("-rf .md", "rf.md"),
    ],
)
def test_upload_names_lose_folders_hidden_dots_and_odd_characters(name, stored):
    assert safe_name(name) == stored


@pytest.mark.parametrize("name", ["", "..", "../", "<>.txt", "...txt", "notes/"])
def test_unusable_names_are_refused_with_a_sentence(name, tmp_path):
    with pytest.raises(UploadRefused, match=r"not a usable file name|unsupported file type \(none\)"):
        check(name, _file(tmp_path, "x.txt", LLAMAS), 1000)


def test_an_upload_is_stored_in_corpus_and_found_by_retrieval_at_once(ingested, inbox):
    report = add_files(ingested, [_file(inbox, "llamas.txt", LLAMAS)])
    assert report.added == ["corpus/llamas.txt"] and not report.refused
    assert (ingested.settings.corpus_path / "llamas.txt").read_text() == LLAMAS
    hits = ingested.retriever.search("llamas camelids pack animals", k=1)
    assert hits[0].metadata["source"] == "corpus/llamas.txt"


def test_a_name_with_folders_cannot_escape_corpus(ingested, inbox):
    outside_before = sorted(p.name for p in ingested.settings.root.iterdir())
    report = add_files(ingested, [("../../../evil.txt", _file(inbox, "x.txt", LLAMAS))])
    assert report.added == ["corpus/evil.txt"]
    assert sorted(p.name for p in ingested.settings.root.iterdir()) == outside_before
    assert not (ingested.settings.root.parent / "evil.txt").exists()


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("program.exe", b"MZ\x90\x00", "unsupported file type .exe"),
        ("notes.json", "{}", "unsupported file type .json"),
        ("doc.txt.meta.json", "{}", "unsupported file type"),
        ("empty.txt", "", "empty"),
        ("latin1.txt", "caf\xe9 au lait".encode("latin-1"), "not UTF-8"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF|contains no text"),
        ("blank.md", "   \n\n  ", "contains no text"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(ingested, inbox, name, content, reason):
    before = _state(ingested)
    report = add_files(ingested, [_file(inbox, name, content)])
    assert not report.added and len(report.refused) == 1
    assert re.search(reason, report.refused[0]), report.refused
    assert _state(ingested) == before


def test_the_size_limit_is_a_setting(ingested, inbox):
    ingested.settings.max_upload_bytes = 50
    before = _state(ingested)
    report = add_files(ingested, [_file(inbox, "llamas.txt", LLAMAS)])
    assert "over the upload limit of 0.0 MB" in report.refused[0]
    assert _state(ingested) == before


def test_an_existing_file_is_never_overwritten(ingested, inbox):
    article = ingested.settings.corpus_path / "car-t-glioblastoma.txt"
    original = article.read_bytes()
    before = _state(ingested)
    report = add_files(ingested, [_file(inbox, "car-t-glioblastoma.txt", LLAMAS)])
    assert "already in the corpus with different content" in report.refused[0]
    assert article.read_bytes() == original and _state(ingested) == before


def test_uploading_an_identical_file_again_changes_nothing(ingested, inbox):
    article = ingested.settings.corpus_path / "car-t-glioblastoma.txt"
    before = _state(ingested)
    report = add_files(ingested, [_file(inbox, article.name, article.read_bytes())])
    assert report.unchanged == ["corpus/car-t-glioblastoma.txt"] and not report.added and not report.refused
    assert _state(ingested) == before


def test_a_symlink_in_corpus_is_not_written_through(ingested, tmp_path, inbox):
    outside = _file(tmp_path / "elsewhere", "secret.txt", LLAMAS)
    (ingested.settings.corpus_path / "link.txt").symlink_to(outside)
    report = add_files(ingested, [_file(inbox, "link.txt", "Something else entirely about goats.\n")])
    assert "not a usable file name" in report.refused[0]
    assert outside.read_text() == LLAMAS


def test_several_files_at_once_each_succeed_or_fail_alone(ingested, inbox):
    good = _file(inbox, "llamas.md", LLAMAS)
    bad = _file(inbox, "bad.txt", b"\xff\xfe\x00binary")
    steps = []
    report = add_files(ingested, [good, bad], progress=lambda done, total, name: steps.append((done, total)))
    assert report.added == ["corpus/llamas.md"]
    assert len(report.refused) == 1 and report.refused[0].startswith("bad.txt")
    assert not (ingested.settings.corpus_path / "bad.txt").exists()
    assert steps == [(0, 2), (1, 2), (2, 2)]


def test_a_crash_while_writing_the_store_leaves_no_file_and_no_half_document(ingested, inbox, monkeypatch):
    before = _state(ingested)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # The pending manifest record is written before the chunks: this fails after the store was touched.
    monkeypatch.setattr(ingested.store, "write_chunks", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        add_files(ingested, [_file(inbox, "llamas.txt", LLAMAS)])
    monkeypatch.undo()
    assert _state(ingested) == before


def test_a_busy_store_refuses_the_upload_and_keeps_nothing(ingested, inbox):
    before = _state(ingested)
    with FileLock(ingested.settings.data_path / "ingest.lock"):
        report = add_files(ingested, [_file(inbox, "llamas.txt", LLAMAS)])
    assert report.refused == [str(IngestBusy("Another ingest is running on this store; try again when it has finished."))]
    assert _state(ingested) == before


def test_removing_moves_the_file_out_of_corpus_and_retrieval_forgets_it_at_once(ingested, inbox):
    add_files(ingested, [_file(inbox, "llamas.txt", LLAMAS)])
    assert ingested.retriever.search("llamas camelids", k=1)[0].metadata["source"] == "corpus/llamas.txt"
    kept = remove_document(ingested, "corpus/llamas.txt")
    assert kept.parent == ingested.settings.data_path / "removed" and kept.read_text() == LLAMAS
    assert not (ingested.settings.corpus_path / "llamas.txt").exists()
    assert "corpus/llamas.txt" not in [r.source for r in ingested.documents()]
    assert all(d.metadata["source"] != "corpus/llamas.txt" for d in ingested.retriever.search("llamas camelids", k=10))
    # A folder sync does not bring it back.
    assert "corpus/llamas.txt" not in ingested.ingest().added


def test_removing_takes_the_sidecar_along(ingested):
    remove_document(ingested, "corpus/car-t-glioblastoma.txt")
    assert sorted(os.listdir(ingested.settings.corpus_path)) == []
    assert len(list((ingested.settings.data_path / "removed").iterdir())) == 2
    assert ingested.documents() == []


def test_removing_an_unknown_document_is_one_sentence(ingested):
    with pytest.raises(UploadRefused, match=r"^corpus/nope.txt is not in the store\.$"):
        remove_document(ingested, "corpus/nope.txt")


def test_a_failed_removal_puts_the_file_back(ingested, monkeypatch):
    before = _state(ingested)

    def busy(source):
        raise IngestBusy("Another ingest is running on this store; try again when it has finished.")

    monkeypatch.setattr(ingested, "remove", busy)
    with pytest.raises(IngestBusy):
        remove_document(ingested, "corpus/car-t-glioblastoma.txt")
    assert _state(ingested) == before
