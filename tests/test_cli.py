"""The command line: JSON shape, clear one-line errors, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant import cli
from assistant.service import Assistant
from assistant.corpus.store import make_client

from .fakes import FakeEmbedder


@pytest.fixture
def fake_cli(monkeypatch, project):
    """The CLI in-process, building a fake-embedding assistant on the tmp project."""

    def build(settings):
        settings = settings.model_copy(update={"root": project})
        return Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))

    monkeypatch.setattr(cli, "_assistant", build)
    return project


def test_ask_before_ingest_prints_one_sentence(fake_cli, capsys):
    assert cli.main(["ask", "What is CAR-T therapy?"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: Nothing has been ingested yet") and err.count("\n") == 1


def test_empty_and_overlong_questions(fake_cli, capsys):
    cli.main(["ingest", "--quiet"])
    capsys.readouterr()
    assert cli.main(["ask", ""]) == 2
    assert "Please type a question." in capsys.readouterr().err
    assert cli.main(["ask", "x" * 100_000]) == 2
    assert "100,000 characters" in capsys.readouterr().err


def test_ingest_then_ask_json(fake_cli, capsys):
    assert cli.main(["ingest", "--quiet"]) == 0
    assert "1 added" in capsys.readouterr().out
    assert cli.main(["ask", "--json", "What is CAR-T therapy?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["question"] == "What is CAR-T therapy?" and data["refused"] is False


def test_history_file_is_validated(fake_cli, capsys, tmp_path):
    cli.main(["ingest", "--quiet"])
    bad = tmp_path / "history.json"
    bad.write_text('{"role": "user"}', encoding="utf-8")
    assert cli.main(["ask", "--history", str(bad), "And why?"]) == 2
    assert "must be a JSON list" in capsys.readouterr().err
    good = tmp_path / "good.json"
    good.write_text(json.dumps([{"role": "user", "content": "What is glioblastoma?"}]), encoding="utf-8")
    assert cli.main(["ask", "--json", "--history", str(good), "How is it treated?"]) == 0
    assert "glioblastoma" in json.loads(capsys.readouterr().out)["standalone_question"]


def test_unknown_file_is_skipped_with_a_warning(fake_cli, capsys):
    (fake_cli / "corpus" / "deck.pptx").write_bytes(b"PK")
    assert cli.main(["ingest", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "Skipped deck.pptx: unsupported file type .pptx" in captured.err
    assert "1 skipped" in captured.out


def test_remove_unknown_source(fake_cli, capsys):
    assert cli.main(["remove", "corpus/nope.txt"]) == 2
    assert "is not in the store" in capsys.readouterr().err


@pytest.mark.slow
def test_real_cli_json_citations_are_verbatim(project):
    """The installed console script with the real model and store: `open(source).read()[start:end] == quote`."""
    env = {**os.environ, "ASSISTANT_ROOT": str(project)}
    exe = os.path.join(os.path.dirname(sys.executable), "assistant")
    ingest = subprocess.run([exe, "ingest"], env=env, capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    run = subprocess.run([exe, "ask", "--json", "What is CAR-T therapy?"], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    data = json.loads(run.stdout)
    assert not data["refused"] and data["citations"]
    for c in data["citations"]:
        with open(project / c["source"]) as f:
            assert f.read()[c["start"] : c["end"]] == c["quote"]
    refused = subprocess.run([exe, "ask", "--json", "Who won the 2018 World Cup?"], env=env, capture_output=True, text=True, timeout=300)
    assert json.loads(refused.stdout)["refused"] is True
