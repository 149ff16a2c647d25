"""The assistant as one object: builds the store, retriever, generator and chain once, from settings.

Front ends (cli.py, web/) talk to `Assistant`; it wires the stages: corpus/ -> retrieval/ -> reader/ or llm/ -> chain.py.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cached_property
from collections.abc import Iterator
from pathlib import Path

from .answers import Answer
from .chain import build_chain
from .errors import IngestBusy, NothingIngested
from .settings import Settings


class Assistant:
    """Expensive parts (model, Chroma client) are created on first use and can be injected for tests."""

    def __init__(self, settings: Settings | None = None, embedder=None, client=None, generator=None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._client = client
        self._generator = generator

    @cached_property
    def embedder(self):
        if self._embedder is not None:
            return self._embedder
        from .embeddings import Embedder

        s = self.settings
        return Embedder(s.embedding_model, batch_size=s.embedding_batch_size, threads=s.embedding_threads, onnx_dir=s.onnx_path)

    @cached_property
    def store(self):
        from .corpus.store import Store, make_client

        client = self._client
        if client is None:
            client = make_client(None if self.settings.chroma_url else self.settings.data_path / "chroma", self.settings.chroma_url)
        return Store(client, self.embedder, self.settings.collection)

    @cached_property
    def chunker(self):
        from .corpus.chunking import Chunker

        s = self.settings
        embedder = self.embedder
        return Chunker(embedder.tokenizer, s.chunk_tokens, s.chunk_overlap, embedder.max_tokens, _model_id(embedder))

    @cached_property
    def ingestor(self):
        from .corpus.ingest import Ingestor

        if not self.settings.sentence_vectors:
            return Ingestor(self.store, self.embedder, self.chunker, self.settings.root)
        from .reader.extractive import embedding_texts
        from .reader.segment import READING_VERSION

        return Ingestor(self.store, self.embedder, self.chunker, self.settings.root, sentence_texts=embedding_texts, sentence_version=READING_VERSION)

    @cached_property
    def retriever(self):
        from .retrieval import HybridRetriever, RetrievalConfig

        return HybridRetriever(
            store=self.store, embedder=self.embedder, config=RetrievalConfig.from_settings(self.settings), companions=self._companions
        )

    def _companions(self, question: str) -> list[str]:
        """Texts the generator will embed for this question, embedded with it (the generator is built on first use)."""
        guess = getattr(self.generator, "texts_to_embed_with", None)
        return guess(question) if guess else []

    @cached_property
    def generator(self):
        if self._generator is not None:
            return self._generator
        stored = self.store.sentence_vectors if self.settings.sentence_vectors else None
        return make_generator(self.settings, self.embedder, self.retriever, stored=stored)

    @cached_property
    def chain(self):
        return build_chain(
            self.retriever, self.generator, self.settings.max_question_chars, self.retriever.document_text,
            sibling=lambda *kind: self.retriever.keyword_index().sibling(*kind), quoting=self.retriever.quoting,
            counterpart=lambda name: self.retriever.keyword_index().counterpart(name),
            named_with=lambda noun: self.retriever.keyword_index().named_with(noun), corpus_texts=self.retriever.corpus_texts,
        )

    def ask(self, question: str, history: list[dict] | None = None, config: dict | None = None) -> Answer:
        with self.retriever.pinned():  # one index (and one look at the store's generation) for the whole answer
            answer = self.chain.invoke({"question": question, "history": history or []}, config=config)
        # Checked only when nothing was found: counting the store on every question costs a round trip.
        if not answer.passages and self.store.count() == 0:
            raise NothingIngested()
        return answer

    def stream(self, question: str, history: list[dict] | None = None) -> Iterator[str | Answer]:
        """Yield the answer text in pieces as it is produced, then the final `Answer` (which is authoritative).

        With an LLM generator the pieces are the model's draft as it writes it; the final `Answer` is that
        draft after verification (unsupported sentences removed or flagged), so it replaces what was shown.
        """
        if getattr(self.generator, "streams", False):
            from .llm.generator import stream_answer

            yield from stream_answer(lambda config: self.ask(question, history, config))
            return
        answer = self.ask(question, history)
        words = answer.answer.split(" ")
        for i in range(0, len(words), 4):
            yield " ".join(words[i : i + 4]) + (" " if i + 4 < len(words) else "")
        yield answer

    def ingest(self, paths: list[Path] | None = None, progress: bool = False):
        with self._lock():
            return self.ingestor.sync_paths(paths or [self.settings.corpus_path], progress=progress)

    def remove(self, source: str) -> bool:
        with self._lock():
            return self.ingestor.remove(source)

    def documents(self):
        return self.store.documents()

    def add_files(self, files, progress=None, show_bar: bool = False):
        """Copy uploaded files into the corpus folder and ingest each; all-or-nothing per file (corpus/uploads.py)."""
        from .corpus.uploads import add_files

        return add_files(self, files, progress=progress, show_bar=show_bar)

    def remove_document(self, source: str):
        """Remove a document from the store and move its file out of the corpus folder; returns where it went."""
        from .corpus.uploads import remove_document

        return remove_document(self, source)

    @contextmanager
    def _lock(self):
        from filelock import FileLock, Timeout

        self.settings.data_path.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.settings.data_path / "ingest.lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise IngestBusy("Another ingest is running on this store; try again when it has finished.") from None
        try:
            yield
        finally:
            lock.release()


def _model_id(embedder) -> str:
    return str(getattr(embedder, "model_id", "model"))


def make_generator(settings: Settings, embedder, retriever, stored=None):
    """The generator `Settings.generator` names; LLM generators are gated and verified by the extractive machinery."""
    from .reader.extractive import ExtractiveGenerator

    # The model first: a missing package or setting is reported before anything expensive is built.
    model = None
    if settings.generator != "extractive":
        from .llm.models import chat_model

        model, structured, name = chat_model(settings)
    extractive = ExtractiveGenerator(
        embedder,
        retriever.keyword_index,
        documents=retriever.document_text,
        threshold=settings.answer_threshold,
        max_sentences=settings.max_answer_sentences,
        stored=stored,
        focus_k=retriever.config.k,
    )
    if model is None:
        return extractive
    from .llm.generator import LLMGenerator
    from .llm.verifier import Verifier

    verifier = Verifier(
        embedder,
        retriever.keyword_index,
        unsupported=settings.unsupported_statements,
        min_similarity=settings.support_min_similarity,
        min_coverage=settings.support_min_coverage,
    )
    return LLMGenerator(
        model,
        verifier,
        name=name,
        gate=extractive,
        structured=structured if settings.llm_structured_output else None,
        max_sentences=settings.llm_max_sentences,
    )
