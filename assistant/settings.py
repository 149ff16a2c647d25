"""The one settings object: environment variables prefixed ``ASSISTANT_``, overridable by CLI flags."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The project root is where `corpus/` and `data/` live by default; sources are stored relative to it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    chunk_tokens: int = Field(200, ge=16, description="Chunk size in embedding-model tokens (the model reads at most 256).")
    chunk_overlap: int = Field(40, ge=0, description="Overlap between neighbouring chunks, in tokens.")

    k: int = Field(5, ge=1, description="Passages handed to the generator.")
    fetch_k: int = Field(30, ge=1, description="Candidates taken from each retriever before fusion.")
    fusion: str = Field("rrf", pattern="^(rrf|dense|bm25)$", description="rrf, or a single retriever.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(1.0, ge=0)
    bm25_weight: float = Field(1.0, ge=0)

    min_sentence_similarity: float = Field(0.30, description="Below this question/sentence similarity nothing is quoted.")
    min_term_coverage: float = Field(0.34, description="Share of the question's content words a quoted sentence must contain.")
    max_answer_sentences: int = Field(3, ge=1)
    max_question_chars: int = Field(2000, ge=10)
    max_upload_bytes: int = Field(20_000_000, ge=1)

    host: str = Field("127.0.0.1")
    port: int = Field(7860)
    admin_password: str | None = Field(None, description="Required on the corpus page when set.")

    def resolve(self, path: Path) -> Path:
        """Resolve a configured path against the project root."""
        return path if path.is_absolute() else self.root / path

    @property
    def corpus_path(self) -> Path:
        return self.resolve(self.corpus_dir)

    @property
    def data_path(self) -> Path:
        return self.resolve(self.data_dir)
