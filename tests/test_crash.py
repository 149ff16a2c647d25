"""Crash-safe ingestion: a sync killed with SIGKILL part-way is finished by the next one, leaving what a clean sync leaves."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IngestBusy
from assistant.service import Assistant
from assistant.corpus.store import make_client

from .conftest import PROJECT, make_project, settings_for
from .fakes import FakeEmbedder

# Run in a child process: the real ingest code and store, with chunks written one at a time and a line printed after
# each, so the parent can SIGKILL it at a known point in the middle of the sync. The fake embedding can pause per batch.
CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {project!r})
import assistant.corpus.ingest
from assistant.embeddings import Embedder
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.corpus.store import Store
from tests.fakes import FakeEmbedder

class SlowEmbedder(FakeEmbedder):
    def embed_batch(self, texts):
        hold = Path({hold!r})
        for _ in range(1200):  # bounded: at most 60 s
            if not {hold!r} or hold.exists():
                break
            time.sleep(0.05)
        print("embedded", len(texts), flush=True)
        return super().embed_batch(texts)

write_chunks = Store.write_chunks

def write_slowly(self, chunks, vectors, *args, **kwargs):
    for i, chunk in enumerate(chunks):
        write_chunks(self, chunks[i : i + 1], vectors[i : i + 1], *args, **kwargs)
        print("wrote", chunk.id, flush=True)
        time.sleep(0.02)

Store.write_chunks = write_slowly
assistant.corpus.ingest.GROUP_CHUNKS = 6  # small groups, so documents are embedded and written in turn
settings = Settings(root=Path(sys.argv[1]), corpus_dir=Path("corpus"), data_dir=Path("data"))
embedder = Embedder() if {real} else SlowEmbedder()
print(Assistant(settings, embedder=embedder).ingest().summary(), flush=True)
"""


def _start(tmp_path: Path, root: Path, real: bool = False, hold: Path | None = None) -> subprocess.Popen:
    script = tmp_path / "child_ingest.py"
    script.write_text(CHILD.format(project=str(PROJECT), real=real, hold=str(hold or "")), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root
    )


def _kill_at(process: subprocess.Popen, marker: str) -> list[str]:
    """Read the child's progress lines and SIGKILL it right after the marker line."""
    seen = []
    for line in process.stdout:
        seen.append(line.strip())
        if seen[-1] == marker:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL and seen[-1] == marker, f"ended before {marker}: {seen[-3:]}"
    return seen


def _write_corpus(root: Path, documents: int, paragraphs: int = 3, edition: str = "first") -> None:
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        body = "\n\n".join(
            " ".join(
                f"In the {edition} run, culture {n}.{p}.{s} was kept at {30 + s} degrees for {n + p + s} days in medium {s * p}."
                for s in range(12)
            )
            for p in range(paragraphs)
        )
        (corpus / f"note-{n:02d}.txt").write_text(body + "\n", encoding="utf-8")


def _snapshot(assistant: Assistant) -> dict:
    """Everything stored, except ingest times and the generation stamp, which differ by design between runs."""
    store = assistant.store
    got = store.chunks.get(include=["documents", "metadatas", "embeddings"])
    records = {r.source: {**r.__dict__, "ingested_at": None} for r in store.documents()}
    return {
        "records": records,
        "texts": {s: store.document_text(s) for s in records},
        "chunks": {i: (doc, meta) for i, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])},
        "vectors": dict(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32))),
        "rows": len(got["ids"]),
    }


def _assert_same_store(got: dict, clean: dict) -> None:
    assert {k: got[k] for k in ("records", "texts", "chunks", "rows")} == {k: clean[k] for k in ("records", "texts", "chunks", "rows")}
    for chunk_id, vector in clean["vectors"].items():
        # Batches of other sizes can move the last float bits; the vectors are otherwise the same.
        assert np.allclose(got["vectors"][chunk_id], vector, atol=1e-5), chunk_id


def _check_consistent(snapshot: dict) -> None:
    per_source: dict[str, list[int]] = {}
    for meta in (m for _, m in snapshot["chunks"].values()):
        per_source.setdefault(meta["source"], []).append(meta["chunk_index"])
    assert snapshot["rows"] == len(snapshot["chunks"])  # no duplicate ids
    assert set(per_source) <= set(snapshot["records"]), "orphan chunks"
    for source, record in snapshot["records"].items():
        assert record["status"] == "ready", source
        assert sorted(per_source.get(source, [])) == list(range(record["chunks"])), f"duplicate or missing chunks: {source}"


def _open(root: Path, embedder=None) -> Assistant:
    # Chroma's embedded client is not process-safe: a process must not hold the store open while another writes
    # to it, so the tests open it here only when no child process is writing.
    settings = settings_for(root)
    return Assistant(settings, embedder=embedder or FakeEmbedder(), client=make_client(settings.data_path / "chroma"))


def _clean_ingest(tmp_path: Path, corpus: Path, embedder=None) -> dict:
    root = tmp_path / "clean"
    (root / "corpus").mkdir(parents=True)
    for path in corpus.iterdir():
        (root / "corpus" / path.name).write_bytes(path.read_bytes())
    assistant = _open(root, embedder)
    assistant.ingest()
    return _snapshot(assistant)


def _sources(n: int) -> set[str]:
    return {f"corpus/note-{i:02d}.txt" for i in range(n)}


def test_killed_first_ingest_is_finished_by_the_next(tmp_path):
    root = tmp_path / "project"
    _write_corpus(root, documents=12)
    _kill_at(_start(tmp_path, root), "wrote corpus/note-02.txt::0000")

    half = _snapshot(_open(root))
    statuses = {s: r["status"] for s, r in half["records"].items()}
    ready = {s for s, v in statuses.items() if v == "ready"}
    pending = {s for s, v in statuses.items() if v == "pending"}
    # Killed inside a group: the groups before it are ready, the one being written is pending, the rest not begun.
    assert "corpus/note-00.txt" in ready and "corpus/note-02.txt" in pending and len(statuses) < 12
    assert 0 < half["rows"] < sum(r["chunks"] for r in half["records"].values())

    report = _open(root).ingest()
    assert set(report.unchanged) == ready
    assert set(report.updated) == pending  # half-written documents are redone, not trusted
    assert set(report.added) == _sources(12) - set(statuses)
    after = _snapshot(_open(root))
    _check_consistent(after)
    _assert_same_store(after, _clean_ingest(tmp_path, root / "corpus"))


def test_killed_resync_after_edits_and_deletions_leaves_no_orphans(tmp_path):
    root = tmp_path / "project"
    _write_corpus(root, documents=10, paragraphs=4)
    first = _start(tmp_path, root)
    assert "10 added" in first.communicate(timeout=300)[0]
    # Shorter documents (fewer chunks: the old tail chunks must go), a new one, and two deleted ones.
    for n in (8, 9):
        (root / "corpus" / f"note-{n:02d}.txt").unlink()
    _write_corpus(root, documents=8, paragraphs=2, edition="second")
    (root / "corpus" / "new.txt").write_text("A new note about T-cells.\n", encoding="utf-8")

    _kill_at(_start(tmp_path, root), "wrote corpus/note-03.txt::0000")
    half = _snapshot(_open(root))
    assert half["records"]["corpus/note-03.txt"]["status"] == "pending"
    assert "second run" in half["texts"]["corpus/note-02.txt"] and "first run" in half["texts"]["corpus/note-07.txt"]

    _open(root).ingest()
    after = _snapshot(_open(root))
    _check_consistent(after)
    assert set(after["records"]) == _sources(8) | {"corpus/new.txt"}
    _assert_same_store(after, _clean_ingest(tmp_path, root / "corpus"))


def test_rerun_after_a_kill_embeds_only_what_is_missing(tmp_path):
    root = tmp_path / "project"
    _write_corpus(root, documents=12)
    _kill_at(_start(tmp_path, root), "wrote corpus/note-04.txt::0001")
    assistant = _open(root)
    stored = assistant.store.count()
    ready = sum(r.chunks for r in assistant.documents() if r.status == "ready")
    report = assistant.ingest()
    total = sum(r.chunks for r in assistant.documents())
    # Finished documents are skipped, the written part of the half-written one is reused, the rest is embedded.
    assert (report.chunks_embedded, report.chunks_reused) == (total - stored, stored - ready)
    # Sentence vectors come after every chunk, so the killed run stored none: the re-run stores them all.
    assert assistant.embedder.texts_embedded == total - stored + report.sentences_embedded
    assert report.sentences_embedded > 0 and all(r.sentence_vectors for r in assistant.documents())
    again = _open(root)
    second = again.ingest()
    assert second.chunks_embedded == 0 and again.embedder.texts_embedded == 0 and not second.changed


def test_second_ingest_gets_a_clear_message(tmp_path):
    root = tmp_path / "project"
    _write_corpus(root, documents=12)
    release = tmp_path / "release"
    child = _start(tmp_path, root, hold=release)
    try:
        time.sleep(0.5)
        assert child.poll() is None
        _wait_for(lambda: (root / "data" / "ingest.lock").exists())
        with pytest.raises(IngestBusy, match="Another ingest is running"):
            Assistant(settings_for(root), embedder=FakeEmbedder()).ingest()  # the lock comes before the store
        cli = subprocess.run(
            [sys.executable, "-m", "assistant.cli", "ingest", "--quiet"],
            capture_output=True, text=True, timeout=120, env={**os.environ, "ASSISTANT_ROOT": str(root)},
        )
        assert cli.returncode == 2
        assert cli.stderr.strip() == "Error: Another ingest is running on this store; try again when it has finished."
        assert child.poll() is None  # the first ingest was not disturbed
    finally:
        release.touch()
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "12 added" in out
    _check_consistent(_snapshot(_open(root)))


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_questions_are_answered_while_an_ingest_runs(fake_assistant, project, monkeypatch):
    fake_assistant.ingest()
    assert not fake_assistant.ask("What is CAR-T therapy?").refused
    _write_corpus(project, documents=30)
    slow = _SlowFake(pause=0.05)
    # The same assistant object answers and ingests, as in the web app.
    monkeypatch.setattr(fake_assistant.embedder, "embed_batch", slow.embed_batch)
    monkeypatch.setattr("assistant.corpus.ingest.GROUP_CHUNKS", 6)
    errors: list[BaseException] = []
    worker = threading.Thread(target=_capture, args=(errors, fake_assistant.ingest))
    worker.start()
    answers = []
    while worker.is_alive():
        answers.append(fake_assistant.ask("What is CAR-T therapy?"))
        time.sleep(0.01)
    worker.join()
    assert not errors, errors
    assert len(answers) >= 3 and slow.batches >= 3, "the questions should overlap the ingest"
    assert all(not a.refused and a.citations for a in answers)
    assert all(c.source == "corpus/car-t-glioblastoma.txt" for a in answers for c in a.citations)
    assert len(fake_assistant.documents()) == 31


class _SlowFake:
    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.batches = 0
        self._fake = FakeEmbedder()

    def embed_batch(self, texts):
        time.sleep(self.pause)
        self.batches += 1
        return self._fake.embed_batch(texts)


def _capture(errors: list, call) -> None:
    try:
        call()
    except BaseException as error:  # re-raised in the test thread by the assertion on `errors`
        errors.append(error)


@pytest.mark.slow
def test_real_model_ingest_killed_then_cli_rerun(tmp_path, real_embedder):
    """The bundled model and tokenizer: killed half-way through a document, then finished by `assistant ingest`."""
    root = make_project(tmp_path / "project")
    _write_corpus(root, documents=4)
    _kill_at(_start(tmp_path, root, real=True), "wrote corpus/note-01.txt::0000")
    env = {**os.environ, "ASSISTANT_ROOT": str(root)}
    listed = subprocess.run([sys.executable, "-m", "assistant.cli", "documents", "--json"], capture_output=True, text=True, env=env, timeout=120)
    statuses = {d["source"]: d["status"] for d in json.loads(listed.stdout)}
    assert statuses["corpus/note-01.txt"] == "pending"

    rerun = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", "--quiet"], capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0 and "Traceback" not in rerun.stderr, rerun.stderr
    pending = sum(status == "pending" for status in statuses.values())
    assert "5 documents in store" in rerun.stdout and f"{pending} updated" in rerun.stdout

    real = _open(root, real_embedder)
    after = _snapshot(real)
    _check_consistent(after)
    _assert_same_store(after, _clean_ingest(tmp_path, root / "corpus", real_embedder))
    assert real.ask("What is CAR-T therapy?").citations
