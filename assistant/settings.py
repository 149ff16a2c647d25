"""The one settings object: environment variables prefixed ``ASSISTANT_``, overridable by CLI flags."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# The project root is where `corpus/` and `data/` live by default; sources are stored relative to it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Who can write the answers: the offline extractive reader, or an LLM through one of three clients.
GENERATORS = ("extractive", "ollama", "openai", "llamacpp")


class Settings(BaseSettings):
    """Every knob of the assistant; each field is `ASSISTANT_<NAME>` in the environment."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    root: Path = Field(PROJECT_ROOT, description="Project root; document sources are stored relative to it.")
    corpus_dir: Path = Field(Path("corpus"), description="Folder synced by `assistant ingest` with no paths.")
    data_dir: Path = Field(Path("data"), description="Where the Chroma store, feedback and locks live.")
    collection: str = Field("assistant", description="Chroma collection name.")
    chroma_url: str | None = Field(None, description="Use a Chroma server (e.g. http://127.0.0.1:8000) instead of the on-disk store.")

    embedding_model: str | None = Field(None, description="Local path or model id; default: the bundled all-MiniLM-L6-v2.")
    embedding_batch_size: int = Field(64, ge=1)
    embedding_threads: int | None = Field(None, ge=1, description="PyTorch threads for embedding; default all cores. 1 is far faster when other work shares the CPU (see docs/bench.md).")
    embedding_onnx: bool = Field(True, description="Embed questions (batches of up to 8 texts) with ONNX Runtime, on an export of the model made once per machine; off: PyTorch only.")
    model_cache_dir: Path | None = Field(None, description="Where that export is kept; default $XDG_CACHE_HOME/assistant, else ~/.cache/assistant.")
    chunk_tokens: int = Field(200, ge=16, description="Chunk size in embedding-model tokens (the model reads at most 256).")
    chunk_overlap: int = Field(40, ge=0, description="Overlap between neighbouring chunks, in tokens.")

    k: int = Field(5, ge=1, description="Passages handed to the generator.")
    fetch_k: int = Field(30, ge=1, description="Candidates taken from each retriever before fusion.")
    fusion: str = Field("convex", pattern="^(convex|rrf|dense|bm25)$", description="convex (weighted scores), rrf (reciprocal ranks), or a single retriever.")
    keyword_share: float = Field(0.3, ge=0, le=1, description="convex fusion: BM25's share (scaled by the query's best) beside cosine similarity.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(1.0, ge=0, description="rrf fusion: weight of the dense ranks.")
    bm25_weight: float = Field(1.0, ge=0, description="rrf fusion: weight of the BM25 ranks.")
    bm25_k1: float = Field(1.2, ge=0)
    bm25_b: float = Field(0.75, ge=0, le=1)
    bm25_titles: bool = Field(True, description="Index every chunk's words with its document's title.")
    bm25_document_weight: float = Field(2.0, ge=0, description="Add this times the whole document's BM25 to each chunk's.")
    exact_search_chunks: int = Field(
        20000, ge=0,
        description="Up to this many chunks, dense search is exact, over the chunk vectors held in memory; above it, Chroma's HNSW index.",
    )

    answer_threshold: float | None = Field(None, ge=0, le=1, description="The extractive reader answers when its best sentence's probability of answering reaches this; default: the calibrated value shipped with the reader (docs/reader.md).")
    max_answer_sentences: int = Field(3, ge=1)
    sentence_vectors: bool = Field(True, description="Store the reader's sentence vectors at ingest (after the chunks), so an answer embeds only the question; off: sentences are embedded when first read.")
    max_question_chars: int = Field(2000, ge=10)
    max_upload_bytes: int = Field(20_000_000, ge=1)

    generator: str = Field("extractive", pattern="^(extractive|ollama|openai|llamacpp)$", description="Who writes the answer: extractive (offline quotes), ollama, openai (any OpenAI-compatible server) or llamacpp (a local GGUF file).")
    llm_model: str | None = Field(None, description="Model name for ollama/openai (default llama3.2 / gpt-4o-mini); path to the .gguf file for llamacpp.")
    llm_base_url: str | None = Field(None, description="Server URL, e.g. http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080/v1 (OpenAI-compatible).")
    llm_api_key: SecretStr | None = Field(None, description="API key for the openai generator (else OPENAI_API_KEY); never printed.")
    llm_temperature: float = Field(0.0, ge=0, le=2)
    llm_max_tokens: int = Field(512, ge=16, description="Longest answer the model may write, in its tokens.")
    llm_timeout: float = Field(120.0, gt=0, description="Seconds to wait for the model's server.")
    llm_context: int = Field(4096, ge=512, description="Context window for llamacpp, in tokens.")
    llm_structured_output: bool = Field(True, description="Ask for JSON (sentences with passage numbers and quotes); off: parse [n] markers.")
    llm_max_sentences: int = Field(4, ge=1, description="Sentences the LLM is asked to keep its answer within.")
    unsupported_statements: str = Field("remove", pattern="^(remove|flag)$", description="What happens to an LLM sentence no passage supports: removed, or kept and visibly flagged.")
    support_min_similarity: float = Field(0.5, description="Embedding similarity an LLM sentence needs with the passage text that supports it.")
    support_min_coverage: float = Field(0.5, description="Share of an LLM sentence's content words (weighted by rarity) the supporting text must contain.")

    host: str = Field("127.0.0.1")
    port: int = Field(7860)
    admin_password: str | None = Field(None, description="Required on the corpus page when set.")
    api_token: SecretStr | None = Field(None, description="Bearer token the HTTP API requires for adding and removing documents; unset: only a loopback server allows them.")
    feedback_file: Path = Field(Path("feedback.jsonl"), description="Chat feedback as JSON lines, relative to data_dir.")
    web_concurrency: int = Field(2, ge=1, description="Questions answered at once by the web chat (the rest wait in the queue).")
    web_queue_size: int = Field(64, ge=1, description="Requests the web queue holds before refusing new ones.")
    example_questions: list[str] = Field(
        ["What is CAR-T therapy?", "What is glioblastoma?", "How are the patient's T-cells modified?"],
        description="Shown on an empty chat; a JSON list in the environment.",
    )

    def resolve(self, path: Path) -> Path:
        """Resolve a configured path against the project root."""
        return path if path.is_absolute() else self.root / path

    @property
    def corpus_path(self) -> Path:
        return self.resolve(self.corpus_dir)

    @property
    def data_path(self) -> Path:
        return self.resolve(self.data_dir)

    @property
    def onnx_path(self) -> Path | None:
        """The folder for the embedding model's ONNX export, or None when questions are embedded on PyTorch."""
        if not self.embedding_onnx:
            return None
        if self.model_cache_dir is not None:
            return self.resolve(self.model_cache_dir)
        cache = os.environ.get("XDG_CACHE_HOME")
        return (Path(cache) if cache else Path.home() / ".cache") / "assistant"

    @property
    def feedback_path(self) -> Path:
        return self.feedback_file if self.feedback_file.is_absolute() else self.data_path / self.feedback_file
