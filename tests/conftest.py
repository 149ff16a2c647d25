"""Shared fixtures: a fake-embedding assistant for unit tests, the real model and store for integration tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.corpus.store import make_client

from .fakes import FakeEmbedder

PROJECT = Path(__file__).resolve().parent.parent
ARTICLE = PROJECT / "corpus" / "car-t-glioblastoma.txt"


def make_project(root: Path) -> Path:
    """A project folder with the article (and its metadata sidecar) in corpus/."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for path in PROJECT.joinpath("corpus").glob("car-t-glioblastoma.txt*"):
        shutil.copy(path, corpus / path.name)
    return root


def settings_for(root: Path, **overrides) -> Settings:
    return Settings(root=root, corpus_dir=Path("corpus"), data_dir=Path("data"), **overrides)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def fake_assistant(project: Path) -> Assistant:
    """An assistant on a real on-disk Chroma store in tmp, with the fake embedding."""
    settings = settings_for(project)
    return Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))


@pytest.fixture(scope="session")
def real_embedder(tmp_path_factory):
    """The bundled model as the product runs it: questions on the ONNX export (made here once), batches on PyTorch."""
    from assistant.embeddings import Embedder

    return Embedder(onnx_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory, real_embedder) -> Assistant:
    """The bundled model and a real Chroma store on disk, with the article ingested once per session."""
    root = make_project(tmp_path_factory.mktemp("real"))
    assistant = Assistant(settings_for(root), embedder=real_embedder)
    report = assistant.ingest()
    assert report.added == ["corpus/car-t-glioblastoma.txt"]
    return assistant
