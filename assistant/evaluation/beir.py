"""A BEIR-format retrieval benchmark run through the assistant's own ingest, store and retriever.

The corpus goes into a separate store (a temporary folder unless one is given, so the user's store is never
touched); each query is answered by `HybridRetriever` at chunk level, and a document's score is that of its best
chunk. nDCG@10, Recall@10/100 and MRR@10 come from pytrec_eval (the trec_eval measures BEIR reports).
"""

from __future__ import annotations

import csv
import hashlib
import json
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..corpus.documents import SourceDocument
from ..errors import EvaluationError
from ..retrieval import RetrievalConfig

MODES = ("dense", "bm25", "hybrid")
DOC_DEPTH = 100  # documents ranked per query (Recall@100 needs 100)
CHUNK_DEPTH = 1000  # chunks fetched per query so that ~100 distinct documents remain after merging chunks


@dataclass
class BeirDataset:
    name: str
    split: str
    corpus: dict[str, tuple[str, str]]  # id -> (title, text)
    queries: dict[str, str]  # only the queries judged in the split
    qrels: dict[str, dict[str, int]]


def load_beir(folder: Path, split: str = "test") -> BeirDataset:
    """Read corpus.jsonl, queries.jsonl and qrels/<split>.tsv; a missing or malformed file is one clear sentence."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvaluationError(f"{folder} is not a folder: give a BEIR dataset folder (corpus.jsonl, queries.jsonl, qrels/).")
    corpus = {r["_id"]: (str(r.get("title") or ""), str(r.get("text") or "")) for r in _jsonl(folder / "corpus.jsonl")}
    all_queries = {r["_id"]: str(r.get("text") or "") for r in _jsonl(folder / "queries.jsonl")}
    qrels = _qrels(folder / "qrels" / f"{split}.tsv")
    unknown = [q for q in qrels if q not in all_queries]
    if unknown:
        raise EvaluationError(f"qrels/{split}.tsv judges {len(unknown)} queries missing from queries.jsonl (e.g. {unknown[0]}).")
    if not corpus or not qrels:
        raise EvaluationError(f"{folder} has an empty corpus or no judged queries in qrels/{split}.tsv.")
    return BeirDataset(folder.name, split, corpus, {q: all_queries[q] for q in qrels}, qrels)


def _jsonl(path: Path) -> Iterator[dict]:
    try:
        lines = path.open(encoding="utf-8")
    except OSError:
        raise EvaluationError(f"{path} is missing: a BEIR folder has corpus.jsonl, queries.jsonl and qrels/<split>.tsv.") from None
    with lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise EvaluationError(f"{path.name} line {number} is not valid JSON.") from None
            if not isinstance(row, dict) or not isinstance(row.get("_id"), (str, int)):
                raise EvaluationError(f"{path.name} line {number} has no `_id`.")
            row["_id"] = str(row["_id"])
            yield row


def _qrels(path: Path) -> dict[str, dict[str, int]]:
    try:
        rows = list(csv.reader(path.open(encoding="utf-8"), delimiter="\t"))
    except OSError:
        raise EvaluationError(f"{path} is missing: choose a split that the dataset has (test, train, dev).") from None
    qrels: dict[str, dict[str, int]] = {}
    for number, row in enumerate(rows, 1):
        if number == 1 and row and not row[-1].strip().lstrip("-").isdigit():
            continue  # the header line
        if len(row) != 3 or not row[2].strip().lstrip("-").isdigit():
            raise EvaluationError(f"{path.name} line {number} must be `query-id<TAB>corpus-id<TAB>score`.")
        qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    return qrels


def source_documents(dataset: BeirDataset) -> list[SourceDocument]:
    """One document per corpus entry; the title opens the text so both retrievers see it."""
    out = []
    for doc_id, (title, text) in dataset.corpus.items():
        body = f"{title}\n\n{text}" if title and text else (title or text)
        digest = hashlib.sha256(body.encode()).hexdigest()
        # An untitled entry stays untitled: its id is no word of its text, and keyword search indexes titles.
        out.append(SourceDocument(doc_id, body, title, "txt", len(body.encode()), digest))
    return out


# -- scoring ----------------------------------------------------------------------------------------------
def evaluate_run(qrels: dict[str, dict[str, int]], run: dict[str, list[str]]) -> dict[str, float]:
    """nDCG@10, Recall@10, Recall@100, MRR@10 averaged over every judged query (an empty run scores 0)."""
    import pytrec_eval

    # Scores from ranks, so trec_eval orders documents exactly as the retriever did (no tie reordering).
    scored = {q: {d: float(len(docs) - i) for i, d in enumerate(docs)} for q, docs in run.items()}
    scored = {q: scored.get(q) or {"__none__": 0.0} for q in qrels}
    full = pytrec_eval.RelevanceEvaluator(qrels, {"ndcg_cut.10", "recall.10", "recall.100"}).evaluate(scored)
    top10 = {q: dict(list(docs.items())[:10]) for q, docs in scored.items()}
    reciprocal = pytrec_eval.RelevanceEvaluator(qrels, {"recip_rank"}).evaluate(top10)

    def average(measure: str, results: dict) -> float:
        return round(float(np.mean([results[q][measure] if q in results else 0.0 for q in qrels])), 4)

    return {
        "ndcg@10": average("ndcg_cut_10", full),
        "recall@10": average("recall_10", full),
        "recall@100": average("recall_100", full),
        "mrr@10": average("recip_rank", reciprocal),
    }


def documents_ranked(chunks, depth: int = DOC_DEPTH) -> list[str]:
    """Chunk hits (best first) -> document ids ranked by their best chunk."""
    return list(dict.fromkeys(c.metadata["source"] for c in chunks))[:depth]


# -- the benchmark ----------------------------------------------------------------------------------------
@contextmanager
def _store_folder(path: Path | None):
    if path is not None:
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="beir-store-") as tmp:
        yield Path(tmp)


def benchmark(dataset: BeirDataset, settings, embedder=None, store_dir: Path | None = None, progress: bool = False) -> dict:
    """Ingest the corpus into a separate store, then rank documents for every query with each retriever."""
    from ..service import Assistant

    with _store_folder(store_dir) as folder:
        # A throwaway project root: the benchmark's store never shares a folder with the user's.
        local = settings.model_copy(update={"root": folder, "data_dir": Path("data"), "collection": "beir"})
        assistant = Assistant(local, embedder=embedder)
        started = time.perf_counter()
        report = assistant.ingestor.sync_documents(source_documents(dataset), progress=progress)
        ingest_seconds = time.perf_counter() - started
        embedding_ms = _embed_queries(assistant.embedder, dataset)
        metrics, timings = {}, {}
        for mode in MODES:
            run, seconds = _rank(assistant, dataset, mode, progress)
            metrics[mode] = evaluate_run(dataset.qrels, run)
            timings[mode] = _query_timings(seconds)
        chunks = assistant.store.count()
        del assistant  # Chroma's files must be closed before the temporary folder goes
    return {
        "dataset": f"{dataset.name}/{dataset.split}",
        "queries": len(dataset.queries),
        "metrics": metrics,
        "timings": {
            "documents": len(dataset.corpus),
            "chunks": chunks,
            "chunks_embedded": report.chunks_embedded,
            "ingest_seconds": round(ingest_seconds, 1),
            "query_embedding_ms": embedding_ms,
            "query_ms": timings,
        },
    }


def _rank(assistant, dataset: BeirDataset, mode: str, progress: bool) -> tuple[dict[str, list[str]], list[float]]:
    retriever = assistant.retriever
    retriever.config = mode_config(assistant.settings, mode)
    retriever.keyword_index()  # built once, before the clock starts
    run, seconds = {}, []
    items = dataset.queries.items()
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc=f"Querying ({mode})", unit="query")
    for qid, text in items:
        assistant.embedder.encode_cached([text])  # embedded (and timed) once, in _embed_queries
        started = time.perf_counter()
        run[qid] = documents_ranked(retriever.search(text))
        seconds.append(time.perf_counter() - started)
    return run, seconds


def _embed_queries(embedder, dataset: BeirDataset) -> dict:
    """Embedding each query, timed apart: the same for every retriever, so it is not charged to the first one run."""
    embedder.encode_cached(["warm-up"])
    seconds = []
    for text in dataset.queries.values():
        started = time.perf_counter()
        embedder.encode_cached([text])
        seconds.append(time.perf_counter() - started)
    return _query_timings(seconds)


def mode_config(settings, mode: str) -> RetrievalConfig:
    """The chat's retrieval settings, searched deep; `hybrid` keeps the configured fusion, the others use one list."""
    config = RetrievalConfig.from_settings(settings)
    fusion = config.fusion if mode == "hybrid" else mode
    return replace(config, fusion=fusion, k=CHUNK_DEPTH, fetch_k=CHUNK_DEPTH)


def _query_timings(seconds: list[float]) -> dict:
    ms = np.asarray(seconds) * 1000
    return {"mean": round(float(ms.mean()), 1), "p50": round(float(np.percentile(ms, 50)), 1), "p95": round(float(np.percentile(ms, 95)), 1)}


def format_table(result: dict) -> str:
    """The result as a plain-text table for the terminal."""
    t = result["timings"]
    lines = [
        f"{result['dataset']}: {result['queries']} queries, {t['documents']} documents, {t['chunks']} chunks "
        f"(ingest {t['ingest_seconds']} s, {t['chunks_embedded']} chunks embedded)",
        f"{'retriever':<10}{'nDCG@10':>9}{'R@10':>8}{'R@100':>8}{'MRR@10':>8}{'ms/query':>10}",
    ]
    for mode, m in result["metrics"].items():
        lines.append(f"{mode:<10}{m['ndcg@10']:>9.4f}{m['recall@10']:>8.4f}{m['recall@100']:>8.4f}{m['mrr@10']:>8.4f}{t['query_ms'][mode]['mean']:>10.1f}")
    lines.append(f"ms/query excludes embedding the query: {t['query_embedding_ms']['mean']:.1f} ms on average.")
    return "\n".join(lines)
