"""Running a golden set through the chat's own chain and scoring the answers without an LLM judge.

`evaluate()` writes `results.jsonl` (one row per item, RAGAS field names), `report.json` (every metric overall
and per category, latency, the refusal-threshold sweep) and `report.html` (the same as tables and plots).
"""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from . import metrics
from .quotes import SECTION_METRICS, answered_with_reference, is_background, is_results, quote_labels, section_scores, whole_sentence  # noqa: F401
from ..chain import build_chain
from ..embeddings import SMALL_BATCH
from ..errors import EvaluationError, InvalidQuestion, NothingIngested

# The extractive generator's refusal thresholds (Settings field -> generator attribute) and the values swept.
SWEEPS = {
    "answer_threshold": ("threshold", [round(0.05 + 0.1 * i, 2) for i in range(10)]),
}
HIT_KS = (1, 3, 5)
SPLITS = ("tune", "check")
# Section-label groups for datasets whose items carry the document's labelled sections (PubMedQA abstracts).

DEFINITIONS = {
    "answered_with_reference": "Share of answerable items with reference contexts that were answered with a quote overlapping one of them (the quote inside a context or a context inside the quote, whitespace collapsed): answered with the expected fact.",
    "hit@k": "Share of items with reference contexts where one of the top-k retrieved passages contains one of them.",
    "mrr": "Mean over those items of 1/rank of the first retrieved passage containing a reference context (0 if none).",
    "context_recall": "Share of an item's reference contexts contained in some retrieved passage, averaged over items.",
    "token_f1": "SQuAD-style token F1 of the answer (markers removed) against the reference; 0 when an answerable item is refused.",
    "embedding_similarity": "Cosine similarity of the answer and the reference under the embedding model; 0 when refused.",
    "answer_correctness": "0.75 x token F1 + 0.25 x embedding similarity, on answerable items (RAGAS weights, token F1 for the judged part).",
    "citation_validity": "Share of all citations whose quote equals the document text between its offsets (must be 1.0).",
    "citation_support": "Share of answer statements whose cited quotes hold at least half their content words and have cosine >= 0.5.",
    "refusal_accuracy": "Share of unanswerable items that were refused.",
    "false_refusal_rate": "Share of answerable items that were refused.",
    "decision_accuracy": "Share of all items where refusing or answering was the right call.",
    "refused": "Share of items that were refused (whether or not they should have been).",
    "quotes_results": "Items with labelled sections: share that were answered with at least one citation whose quote lies (whitespace normalised) in a RESULTS-like section (label containing RESULT or FINDING); refused items count as not quoting.",
    "quotes_only_background": "Items with labelled sections: share that were answered with citations that all lie in BACKGROUND/OBJECTIVE-like sections (label containing BACKGROUND, OBJECTIVE, PURPOSE, AIM, INTRODUCTION or CONTEXT); a quote spanning two sections takes both labels. Lower is better.",
    "first_citation_from_reference": "Items with a reference_source: share that were answered and whose first citation's source is that document; refused items count as not.",
    "whole_sentence_quotes": "Share of all citations whose quote is whole sentences of the document: before its start (whitespace skipped) is the start of the text, a blank line, a heading line, a list marker (- * + • or 1. (1) a)) or a sentence end (. ! ? maybe followed by a closing quote or bracket), and the quote ends with . ! ? maybe followed by a closing quote or bracket, or with a colon a list follows; a whole list item or table row (Markdown, cells joined by \" | \" as HTML and Word tables are read, or plain text aligned with spaces) counts as whole.",
}


@dataclass
class Item:
    id: str
    user_input: str
    reference: str = ""
    reference_contexts: list[str] = field(default_factory=list)
    answerable: bool = True
    category: str = "uncategorised"
    history: list[dict] = field(default_factory=list)
    reference_source: str | None = None  # the document the answer should come from, as the store names it
    sections: list[dict] = field(default_factory=list)  # that document's labelled sections: {"label", "text"}
    split: str | None = None  # "tune" or "check"


def load_dataset(path: Path) -> list[Item]:
    """Read a JSON-lines golden set; any malformed line stops the run with one sentence naming it."""
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")  # not splitlines(): U+2028/U+2029 may stand inside a JSON string
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationError(f"Cannot read the dataset {path}: {getattr(error, 'strerror', None) or error}.") from error
    items, seen = [], set()
    for number, line in enumerate(lines, 1):
        if line.strip():
            item = _item(line, f"{Path(path).name} line {number}")
            if item.id in seen:
                raise EvaluationError(f"{Path(path).name} line {number}: the id {item.id!r} is used twice.")
            seen.add(item.id)
            items.append(item)
    if not items:
        raise EvaluationError(f"The dataset {path} has no items.")
    return items


def _item(line: str, where: str) -> Item:
    try:
        raw = json.loads(line)
    except ValueError as error:
        raise EvaluationError(f"{where} is not valid JSON ({error.msg}).") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("user_input"), str):
        raise EvaluationError(f"{where} needs a string `id` and a string `user_input`.")
    answerable = raw.get("answerable", bool(raw.get("reference")))
    contexts, history = raw.get("reference_contexts") or [], raw.get("history") or []
    well_typed = (
        isinstance(answerable, bool)
        and isinstance(raw.get("reference", ""), str)
        and isinstance(contexts, list) and all(isinstance(c, str) for c in contexts)
        and isinstance(history, list) and all(isinstance(m, dict) and isinstance(m.get("content"), str) for m in history)
    )
    if not well_typed:
        raise EvaluationError(f"{where}: `answerable` must be true/false, `reference` a string, `reference_contexts` a list of strings, `history` a list of messages.")
    source, sections, split = raw.get("reference_source"), raw.get("sections") or [], raw.get("split")
    optional_typed = (
        (source is None or isinstance(source, str))
        and isinstance(sections, list)
        and all(isinstance(x, dict) and isinstance(x.get("label"), str) and isinstance(x.get("text"), str) for x in sections)
        and (split is None or isinstance(split, str))
    )
    if not optional_typed:
        raise EvaluationError(f"{where}: `reference_source` must be a string, `sections` a list of {{label, text}} strings, `split` a string.")
    sections = [{"label": x["label"], "text": x["text"]} for x in sections]
    return Item(
        raw["id"], raw["user_input"], raw.get("reference", ""), contexts, answerable, str(raw.get("category") or "uncategorised"),
        history, source, sections, split,
    )


def select(items: list[Item], split: str | None = None, limit: int | None = None) -> list[Item]:
    """The items whose `split` matches (all when split is None), then the first `limit` of them, in file order."""
    if split is not None:
        items = [i for i in items if i.split == split]
        if not items:
            raise EvaluationError(f"No item of the dataset has split {split!r}.")
    if limit is not None:
        if limit < 1:
            raise EvaluationError("--limit must be at least 1.")
        items = items[:limit]
    return items


# -- running -------------------------------------------------------------------------------------------------
def ask(chain, item: Item) -> tuple[dict, float]:
    """One item through the chain: the answer as a dict (or the refusal an invalid question gets) and its latency."""
    started = time.perf_counter()
    try:
        answer = chain.invoke({"question": item.user_input, "history": item.history}).to_dict()
    except InvalidQuestion as error:
        # The chat shows this sentence instead of an answer: a refusal. Other errors (a model server down) stop the run.
        answer = {"answer": str(error), "refused": True, "citations": [], "passages": [], "error": str(error)}
    return answer, (time.perf_counter() - started) * 1000


def result_row(item: Item, answer: dict, latency_ms: float) -> dict:
    passages = answer.get("passages", [])
    row = {
        "id": item.id,
        "category": item.category,
        "answerable": item.answerable,
        "user_input": item.user_input,
        "standalone_question": answer.get("standalone_question"),  # what was searched for, after follow-up rewriting
        "response": answer["answer"],
        "refused": answer["refused"],
        "citations": answer["citations"],
        "retrieved_contexts": [p["text"] for p in passages],
        "retrieved_context_ids": [p["chunk_id"] for p in passages],
        "latency_ms": round(latency_ms, 1),
        "reference": item.reference,
        "reference_contexts": item.reference_contexts,
    }
    for name in ("reference_source", "sections", "split"):
        if getattr(item, name):
            row[name] = getattr(item, name)
    if answer.get("error"):
        row["error"] = answer["error"]
    return row


def run(assistant, items: list[Item], progress: bool = False) -> list[dict]:
    if assistant.store.count() == 0:
        raise NothingIngested()
    _warm_up(assistant)
    rows = []
    for item in _bar(items, progress, "Evaluating"):
        answer, latency = ask(assistant.chain, item)
        rows.append(result_row(item, answer, latency))
    return rows


def _warm_up(assistant) -> None:
    # Loading the model, the sentence splitter and the keyword index belong to start-up, not to the first item's latency.
    ask(assistant.chain, Item("warm-up", "Which main findings do the documents report, and who reported them?"))


def _bar(items: list, enabled: bool, desc: str) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="item")


# -- scoring -------------------------------------------------------------------------------------------------
def score(row: dict, embed: metrics.Embed, document_text: Callable[[str], str | None]) -> dict:
    """Every per-item metric; None where a metric does not apply to the item."""
    contexts, passages = row["reference_contexts"], row["retrieved_contexts"]
    s: dict = {f"hit@{k}": None for k in HIT_KS} | {"mrr": None, "context_recall": None}
    if contexts:
        s.update({f"hit@{k}": metrics.hit_at(passages, contexts, k) for k in HIT_KS})
        s["mrr"] = metrics.reciprocal_rank(passages, contexts)
        s["context_recall"] = metrics.context_recall(passages, contexts)
    s.update(_correctness(row, embed))
    s["citations"] = len(row["citations"])
    s["valid_citations"] = sum(metrics.citation_valid(c, document_text(c["source"])) for c in row["citations"])
    s["statements"], s["supported_statements"] = _support(row, embed)
    s["whole_sentence_citations"] = sum(
        whole_sentence(document_text(c["source"]), c.get("start"), c.get("end")) for c in row["citations"]
    )
    s["refused_correctly"] = None if row["answerable"] else row["refused"]
    s["refused_wrongly"] = row["refused"] if row["answerable"] else None
    s["right_decision"] = row["refused"] != row["answerable"]
    s["refused"] = row["refused"]
    s["answered_with_reference"] = answered_with_reference(row)
    s.update(section_scores(row))
    return s


def score_all(rows: list[dict], encode: metrics.Embed, document_text: Callable[[str], str | None]) -> list[dict]:
    """`score` for every row, with the texts it compares embedded in one batch.

    Scoring compares texts two at a time; embedded pair by pair, that took about as long as answering the questions.
    So a first pass with blank vectors notes which texts it compares (which texts does not depend on the vectors),
    and they are embedded together before the real pass.
    """
    wanted: list[str] = []

    def note(texts: list[str]) -> np.ndarray:
        wanted.extend(texts)
        return np.zeros((len(texts), 1), dtype=np.float32)

    for row in rows:
        score(row, note, document_text)
    # Shortest first, a few at a time: texts of like length pad little, and small batches run on ONNX Runtime, which
    # is faster here than one large PyTorch batch of answers up to the model's length (docs/bench.md).
    unique = sorted(dict.fromkeys(wanted), key=len)
    known: dict[str, np.ndarray] = {}
    for start in range(0, len(unique), SMALL_BATCH):
        part = unique[start : start + SMALL_BATCH]
        known.update(zip(part, encode(part)))

    def embed(texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in known]
        if missing:
            known.update(zip(missing, encode(missing)))
        return np.vstack([known[t] for t in texts])

    return [score(row, embed, document_text) for row in rows]


def _correctness(row: dict, embed: metrics.Embed) -> dict:
    names = ("token_precision", "token_recall", "token_f1", "embedding_similarity", "answer_correctness")
    if not row["answerable"]:
        return dict.fromkeys(names)
    if row["refused"]:
        return dict.fromkeys(names, 0.0)
    precision, recall, f1 = metrics.token_scores(row["response"], row["reference"])
    similarity = metrics.cosine(embed, metrics.strip_markers(row["response"]), row["reference"])
    values = (precision, recall, f1, similarity, metrics.correctness(f1, similarity))
    return {name: round(v, 4) for name, v in zip(names, values)}


def _support(row: dict, embed: metrics.Embed) -> tuple[int | None, int | None]:
    if row["refused"]:
        return None, None
    quotes = {c["marker"]: c["quote"] for c in row["citations"]}
    checked = [metrics.support(s, quotes, embed) for s in metrics.statements(row["response"])]
    return len(checked), sum(c.supported for c in checked)


def summarise(scored: list[dict]) -> dict:
    """Aggregate per-item scores: means over the items each metric applies to, citation rates over citations."""
    out = {"items": len(scored)}
    for name in [f"hit@{k}" for k in HIT_KS] + ["mrr", "context_recall", "token_precision", "token_recall", "token_f1", "embedding_similarity", "answer_correctness"]:
        out[name] = metrics.mean(s[name] for s in scored)
    citations = sum(s["citations"] for s in scored)
    out["citations"] = citations
    out["citation_validity"] = round(sum(s["valid_citations"] for s in scored) / citations, 4) if citations else None
    stated = sum(s["statements"] or 0 for s in scored)
    out["citation_support"] = round(sum(s["supported_statements"] or 0 for s in scored) / stated, 4) if stated else None
    out["refusal_accuracy"] = metrics.rate(s["refused_correctly"] for s in scored)
    out["false_refusal_rate"] = metrics.rate(s["refused_wrongly"] for s in scored)
    out["decision_accuracy"] = metrics.rate(s["right_decision"] for s in scored)
    out["refused"] = metrics.rate(s.get("refused") for s in scored)
    out["answered_with_reference"] = metrics.mean(s.get("answered_with_reference") for s in scored)
    for name in SECTION_METRICS:
        out[name] = metrics.mean(s.get(name) for s in scored)
    whole = sum(s.get("whole_sentence_citations") or 0 for s in scored)
    out["whole_sentence_quotes"] = round(whole / citations, 4) if citations else None
    return out


def by_category(rows: list[dict], scored: list[dict]) -> dict:
    groups: dict[str, list[dict]] = {}
    for row, s in zip(rows, scored):
        groups.setdefault(row["category"], []).append(s)
    return {name: summarise(group) for name, group in sorted(groups.items())}


def latency(rows: list[dict]) -> dict:
    values = [r["latency_ms"] for r in rows]
    return {
        "mean": round(sum(values) / len(values), 1),
        "p50": metrics.percentile(values, 50),
        "p95": metrics.percentile(values, 95),
        "max": round(max(values), 1),
    }


def failures(rows: list[dict], scored: list[dict]) -> dict:
    """Item ids behind each miss, so a reader can open the rows that cost points."""
    return {
        "not_refused": [r["id"] for r in rows if not r["answerable"] and not r["refused"]],
        "falsely_refused": [r["id"] for r in rows if r["answerable"] and r["refused"]],
        "invalid_citations": [r["id"] for r, s in zip(rows, scored) if s["valid_citations"] < s["citations"]],
        "unsupported_statements": [r["id"] for r, s in zip(rows, scored) if (s["supported_statements"] or 0) < (s["statements"] or 0)],
        "reference_not_retrieved": [r["id"] for r, s in zip(rows, scored) if s["hit@5"] == 0.0],
        "quotes_only_background": [r["id"] for r, s in zip(rows, scored) if s.get("quotes_only_background") == 1.0],
        "first_citation_not_from_reference": [
            r["id"] for r, s in zip(rows, scored) if s.get("first_citation_from_reference") == 0.0 and not r["refused"]
        ],
    }


# -- threshold sweep -----------------------------------------------------------------------------------------
def sweep(assistant, items: list[Item], progress: bool = False) -> dict:
    """Refusal accuracy and false refusals for each value of each refusal threshold, the others held fixed.

    Only the generator changes between runs; retrieval and the embedding caches are shared, so a point costs
    little more than the generator's own work.
    """
    generator = assistant.generator
    out = {}
    for setting, (attribute, values) in SWEEPS.items():
        if not hasattr(generator, attribute):
            continue  # not the extractive generator: it has no such threshold
        current = getattr(generator, attribute)  # the setting, or the calibrated value it defaults to
        points = []
        for value in _bar(sorted({*values, current}), progress, f"Sweeping {setting}"):
            variant = copy.copy(generator)
            setattr(variant, attribute, value)
            chain = build_chain(assistant.retriever, variant, assistant.settings.max_question_chars, assistant.retriever.document_text)
            rows = [result_row(item, *ask(chain, item)) for item in items]
            points.append(_sweep_point(value, rows))
        out[setting] = {"current": current, "points": points}
    return out


def _sweep_point(value: float, rows: list[dict]) -> dict:
    unanswerable = [r for r in rows if not r["answerable"]]
    answerable = [r for r in rows if r["answerable"]]
    return {
        "value": value,
        "refusal_accuracy": metrics.rate(r["refused"] for r in unanswerable),
        "false_refusal_rate": metrics.rate(r["refused"] for r in answerable),
        "decision_accuracy": metrics.rate(r["refused"] != r["answerable"] for r in rows),
    }


# -- the whole run -------------------------------------------------------------------------------------------
def evaluate(
    assistant,
    dataset: Path,
    out_dir: Path,
    progress: bool = False,
    with_sweep: bool = True,
    baseline: Path | None = None,
    split: str | None = None,
    limit: int | None = None,
    corpus: Sequence[Path] | None = None,
) -> dict:
    """Run, score and write results.jsonl, report.json and report.html into `out_dir`; returns the report.

    `split` and `limit` choose the items (see `select`); `corpus` only records, in the report, which folders the
    store was built from (see `corpus_assistant`).
    """
    everything = load_dataset(dataset)
    items = select(everything, split, limit)
    previous = load_report(baseline) if baseline else None
    rows = run(assistant, items, progress)
    texts: dict[str, str | None] = {}

    def document_text(source: str) -> str | None:
        if source not in texts:
            texts[source] = assistant.store.document_text(source)
        return texts[source]

    scored = score_all(rows, assistant.embedder.encode, document_text)
    for row, s in zip(rows, scored):
        row["scores"] = s
    report = {
        "dataset": {
            "path": str(dataset), "sha256": hashlib.sha256(Path(dataset).read_bytes()).hexdigest(), "items": len(items),
            "dataset_items": len(everything), "split": split, "limit": limit,
        },
        "corpus": [str(p) for p in corpus] if corpus else None,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "generator": getattr(assistant.generator, "name", type(assistant.generator).__name__),
        "settings": _settings(assistant.settings),
        "documents": [{"source": d.source, "sha256": d.sha256, "chunks": d.chunks} for d in assistant.documents()],
        "overall": summarise(scored),
        "per_category": by_category(rows, scored),
        "latency_ms": latency(rows),
        "failures": failures(rows, scored),
        "threshold_sweep": sweep(assistant, items, progress) if with_sweep else {},
        "definitions": DEFINITIONS,
    }
    if previous:
        report["baseline"] = {"path": str(baseline), "created": previous.get("created"), "overall": previous.get("overall", {})}
    write(out_dir, rows, report)
    return report


@contextmanager
def corpus_assistant(settings, paths: Sequence[Path], embedder=None, progress: bool = False) -> Iterator[tuple]:
    """An Assistant on a fresh store holding only the documents under `paths`, and the ingest's report.

    The store lives in a temporary data folder (deleted afterwards) and is on disk even when the settings name a
    Chroma server, so the user's store is never touched. Everything else, the embedding model included, is the
    settings' own, and ingestion goes through the same Assistant and Ingestor as `assistant ingest`.
    """
    from ..service import Assistant

    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise EvaluationError(f"The corpus {path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="assistant-eval-", ignore_cleanup_errors=True) as tmp:
        own = settings.model_copy(update={"data_dir": Path(tmp) / "data", "chroma_url": None})
        assistant = Assistant(own, embedder=embedder)
        ingested = assistant.ingest(paths, progress=progress)
        if assistant.store.count() == 0:
            raise EvaluationError(f"Nothing could be ingested from {', '.join(map(str, paths))}.")
        yield assistant, ingested


def _settings(settings) -> dict:
    keep = ("k", "fetch_k", "fusion", "keyword_share", "rrf_k", "dense_weight", "bm25_weight", "chunk_tokens", "chunk_overlap",
            "answer_threshold", "max_answer_sentences", "embedding_model", "generator")
    dumped = settings.model_dump(mode="json")
    return {k: dumped[k] for k in keep if k in dumped} | {k: v for k, v in dumped.items() if k.startswith(("bm25_", "retrieval_"))}


def load_report(path: Path) -> dict:
    """A previous run's report, given its folder or its report.json."""
    path = Path(path)
    path = path / "report.json" if path.is_dir() else path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise EvaluationError(f"Cannot read the baseline report {path}: {getattr(error, 'strerror', None) or error}.") from error


def write(out_dir: Path, rows: list[dict], report: dict) -> None:
    from .report import render_html

    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(out_dir / "results.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        _write_atomic(out_dir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        _write_atomic(out_dir / "report.html", render_html(report, rows))
    except OSError as error:
        raise EvaluationError(f"Cannot write the report into {out_dir}: {error.strerror}.") from error


def _write_atomic(path: Path, text: str) -> None:
    # A crash mid-write must not leave a truncated report that looks like a finished one.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
