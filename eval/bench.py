"""Benchmarks behind `make bench`: latency, cold start, ingestion, scale and memory, measured on this machine.

Ratios are measured side by side in the same run (the assistant and its baseline on the same questions or the
same chunk texts, interleaved or back to back), so a busy machine slows both. Results go to
eval/reports/bench.json and, as a Markdown table, to docs/bench.md (between the `bench` markers); the
load average before and after is recorded with them, because other work on the machine changes every number.

    python eval/bench.py                 # everything (SciFact ingestion takes several minutes on 2 cores)
    python eval/bench.py --quick         # a smoke run: 300 SciFact abstracts, 1k and 10k chunks
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (  # noqa: E402  (the served-app helpers are shared with the load script)
    ROOT,
    chat_endpoint,
    cli,
    failure,
    free_port,
    memory_mb,
    project_copy,
    reply,
    start_server,
    stop_server,
    wait_for_page,
    write_block,
)

SCIFACT = ROOT.parent / "shared" / "data" / "scifact"
ARTICLE_SET = ROOT / "eval" / "datasets" / "article.jsonl"
# Asked before measuring, so the model, the store and the keyword index are loaded; none is in the measured set.
WARM_UP = ["What does the article report?", "Who is affected by this disease?", "What treatment is described here?"]
TARGETS = {
    "warm_p50_article_ms": 30.0,
    "warm_p50_abstracts_ms": 60.0,
    "warm_p50_100k_ms": 60.0,
    "page_served_s": 10.0,
    "ingest_ratio": 0.9,
    "reingest_s": 2.0,
}


# -- helpers ------------------------------------------------------------------------------------------------------
def ms(seconds: list[float]) -> dict:
    values = np.asarray(seconds) * 1000
    return {
        "n": len(values),
        "p50": round(float(np.percentile(values, 50)), 2),
        "p95": round(float(np.percentile(values, 95)), 2),
        "mean": round(float(values.mean()), 2),
    }


def timed(call, *args, **kwargs) -> tuple[float, object]:
    began = time.perf_counter()
    result = call(*args, **kwargs)
    return time.perf_counter() - began, result


def settings_for(root: Path, **overrides):
    from assistant.settings import Settings

    fields = {"root": root, "corpus_dir": Path("corpus"), "data_dir": Path("data"), **overrides}
    if "generator" in Settings.model_fields:
        fields["generator"] = "extractive"  # the benchmark measures the offline answer path whatever the environment says
    return Settings(**fields)


class Uncached:
    """The baseline's embeddings: the same model and normalisation, without the assistant's query cache."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_batch(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_batch([text])[0].tolist()


def baseline_search(store, embedder):
    """Plain LangChain: `Chroma.similarity_search` (top 4) on the same collection with the same embeddings."""
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    class _Embeddings(Uncached, Embeddings):
        pass

    chroma = Chroma(client=store.client, collection_name=store.name, embedding_function=_Embeddings(embedder))
    return lambda question: chroma.similarity_search(question, k=4)


def article_items() -> list[dict]:
    return [json.loads(line) for line in ARTICLE_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- 1. warm question latency on the article ---------------------------------------------------------------------
def warm_article(embedder, root: Path) -> dict:
    from assistant.service import Assistant

    assistant = Assistant(settings_for(root), embedder=embedder)
    assistant.ingest()
    for question in WARM_UP:
        assistant.ask(question)
    baseline = baseline_search(assistant.store, embedder)
    baseline("warm up")
    items = article_items()
    first, repeat, base, retrieval = [], [], [], []
    # Interleaved per question: the assistant (a question it has not seen) then the baseline, so load hits both.
    for item in items:
        first.append(timed(assistant.ask, item["user_input"], item.get("history") or [])[0])
        base.append(timed(baseline, item["user_input"])[0])
    embed = []
    for item in items:
        repeat.append(timed(assistant.ask, item["user_input"], item.get("history") or [])[0])
        retrieval.append(timed(assistant.retriever.search, item["user_input"])[0])
        embed.append(timed(embedder.embed_batch, [item["user_input"]])[0])
    return {
        "questions": len(items),
        "chunks": assistant.store.count(),
        "answer_new_question_ms": ms(first),
        "answer_repeated_question_ms": ms(repeat),
        "retrieval_only_cached_query_ms": ms(retrieval),
        "question_embedding_ms": ms(embed),
        "langchain_baseline_ms": ms(base),
    }


# -- 1b. warm questions at 1,000 abstracts -----------------------------------------------------------------------
def abstracts(embedder, root: Path, scifact: Path, questions: int = 60) -> dict:
    """The 500 PubMedQA dev abstracts plus the first 500 SciFact abstracts; PubMedQA questions, each new."""
    from assistant.evaluation.beir import load_beir, source_documents
    from assistant.service import Assistant

    assistant = Assistant(settings_for(root), embedder=embedder)
    pubmed = ROOT / "eval" / "corpora" / "pubmedqa-dev"
    ingest_s, report = timed(assistant.ingest, [pubmed])
    sentences = report.sentences_embedded
    if (scifact / "corpus.jsonl").exists():
        dataset = load_beir(scifact, "test")
        more_s, report = timed(assistant.ingestor.sync_documents, source_documents(dataset)[:500])
        ingest_s += more_s
        sentences += report.sentences_embedded
    items = [json.loads(line) for line in (ROOT / "eval" / "datasets" / "pubmedqa-dev.jsonl").read_text(encoding="utf-8").split("\n") if line.strip()]
    for item in items[:3]:
        assistant.ask(item["user_input"])  # warm-up: model, keyword index
    first, repeat = [], []
    asked = [item["user_input"] for item in items[3 : 3 + questions]]
    for question in asked:
        first.append(timed(assistant.ask, question)[0])
    for question in asked:
        repeat.append(timed(assistant.ask, question)[0])
    return {
        "documents": len(assistant.documents()),
        "chunks": assistant.store.count(),
        "questions": len(asked),
        "answer_new_question_ms": ms(first),
        "answer_repeated_question_ms": ms(repeat),
        "ingested": report.summary(),
        "ingest_s": round(ingest_s, 1),
        "sentence_vectors_stored": sentences,
    }


# -- 2. cold start ------------------------------------------------------------------------------------------------
def cold_start(root: Path, runs: int = 3) -> dict:
    """Process start to the first answer (`assistant ask`) and to the page being served (`assistant serve`)."""
    answers = []
    for _ in range(runs):
        seconds, result = timed(cli, root, "ask", "What is CAR-T therapy?", timeout=600)
        if result.returncode != 0:
            raise RuntimeError(f"assistant ask failed: {result.stderr.strip()}")
        answers.append(seconds)
    served = [served_app(root) for _ in range(2)]
    return {"cli_first_answer_s": [round(s, 2) for s in answers], "serve": served}


def served_app(root: Path, questions: int = 20) -> dict:
    from gradio_client import Client

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_file = root / f"serve-{port}.log"
    began = time.perf_counter()
    server = start_server(root, port, log_file)
    try:
        page = wait_for_page(url, server, began)
        client = Client(url, verbose=False)
        endpoint = chat_endpoint(client)
        first = reply(client.predict("What is CAR-T therapy?", api_name=endpoint))
        first_answer = time.perf_counter() - began
        for item in article_items()[:questions]:
            reply(client.predict(item["user_input"], api_name=endpoint))
        memory = memory_mb(server.pid)
        client.close()
    finally:
        stop_server(server)
    return {
        "page_served_s": round(page, 2),
        "first_web_answer_s": round(first_answer, 2),
        "first_answer_error": failure(first),
        "memory_after_questions": {"questions": questions + 1, **memory},
    }


# -- 3. ingestion -------------------------------------------------------------------------------------------------
def scifact_ingest(embedder, folder: Path, scifact: Path, limit: int | None) -> tuple[dict, dict]:
    """Ingest SciFact from files; the baseline is `SentenceTransformer.encode` on the same chunk texts."""
    from assistant.evaluation.beir import load_beir, source_documents
    from assistant.corpus.documents import load
    from assistant.service import Assistant

    dataset = load_beir(scifact, "test")
    documents = source_documents(dataset)[:limit] if limit else source_documents(dataset)
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for doc in documents:
        (corpus / f"{doc.source}.txt").write_text(doc.text, encoding="utf-8")
    assistant = Assistant(settings_for(folder, collection="scifact"), embedder=embedder)
    # The exact texts the ingest will embed: the same loader and chunker, each distinct text once.
    texts = list(dict.fromkeys(c.text for p in sorted(corpus.iterdir()) for c in assistant.chunker.split(load(p, folder))))
    log(f"SciFact: {len(documents)} abstracts, {len(texts)} distinct chunk texts; plain encode first")
    model = embedder.model
    encode_s, _ = timed(model.encode, texts, batch_size=embedder.batch_size, show_progress_bar=False)
    log(f"plain encode {encode_s:.1f} s; now the assistant's ingest")
    before = embedder.texts_embedded
    ingest_s, report = timed(assistant.ingest, [corpus])
    embedded = embedder.texts_embedded - before
    log(f"ingest {ingest_s:.1f} s ({report.chunks_embedded} chunks embedded); re-ingest")
    before = embedder.texts_embedded
    reingest_s, again = timed(assistant.ingest, [corpus])
    result = {
        "documents": len(documents),
        "chunks": assistant.store.count(),
        "chunk_texts_embedded": embedded,
        "plain_encode_s": round(encode_s, 2),
        "plain_encode_chunks_per_s": round(len(texts) / encode_s, 1),
        "ingest_s": round(ingest_s, 2),
        "ingest_chunks_per_s": round(report.chunks_embedded / ingest_s, 1),
        "ratio_to_plain_encode": round((report.chunks_embedded / ingest_s) / (len(texts) / encode_s), 3),
        "reingest_s": round(reingest_s, 3),
        "reingest_texts_embedded": embedder.texts_embedded - before,
        "reingest_unchanged": len(again.unchanged),
        "batch_size": embedder.batch_size,
    }
    material = store_material(assistant.store)
    material["dataset"] = dataset
    material["queries"] = list(dataset.queries.items())
    return result, material


def store_material(store) -> dict:
    """Every chunk's id, text, metadata and vector: the raw material of the large synthetic stores."""
    ids, texts, metas, vectors = [], [], [], []
    total = store.count()
    for offset in range(0, total, 5000):
        got = store.chunks.get(include=["documents", "metadatas", "embeddings"], limit=5000, offset=offset)
        ids += got["ids"]
        texts += got["documents"]
        metas += got["metadatas"]
        vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
    return {"ids": ids, "texts": texts, "metas": metas, "vectors": np.vstack(vectors)}


# -- 4. scale -----------------------------------------------------------------------------------------------------
def scale(embedder, material: dict, folder: Path, sizes: list[int], per_size: int = 40, seed: int = 7) -> list[dict]:
    """Query latency with N chunks: real SciFact chunks, then copies of them with slightly perturbed vectors."""
    from assistant.service import Assistant
    from assistant.corpus.store import Store, make_client

    rng = np.random.default_rng(seed)
    claims = [text for _, text in material["queries"]]
    results = []
    for number, size in enumerate(sizes):
        log(f"scale: building a store of {size:,} chunks")
        root = folder / f"scale-{size}"
        client = make_client(root / "data" / "chroma")
        store = Store(client, embedder, "scale")
        write_s = write_synthetic(store, material, size, rng)
        assistant = Assistant(settings_for(root, collection="scale"), embedder=embedder, client=client)
        index_s, _ = timed(assistant.retriever.keyword_index)
        # Each size gets its own claims and an empty vector cache: no size profits from an earlier one.
        chosen = claims[number * (per_size + 3) : (number + 1) * (per_size + 3)]
        warm, measured = chosen[:3], chosen[3:]
        for question in warm:
            assistant.ask(question)
        embedder.clear_cache()
        baseline = baseline_search(store, embedder)
        baseline(warm[0])
        answer, repeat, dense, base, embed = [], [], [], [], []
        for question in measured:
            answer.append(timed(assistant.ask, question)[0])
            base.append(timed(baseline, question)[0])
            embed.append(timed(embedder.embed_batch, [question])[0])
        for question in measured:
            repeat.append(timed(assistant.ask, question)[0])
            dense.append(timed(store.query, embedder.encode_cached([question])[0], assistant.settings.fetch_k)[0])
        results.append(
            {
                "chunks": store.count(),
                "synthetic_copies": max(0, size - len(material["ids"])),
                "store_write_s": round(write_s, 1),
                "keyword_index_build_s": round(index_s, 1),
                "answer_new_question_ms": ms(answer),
                "answer_repeated_question_ms": ms(repeat),
                "question_embedding_ms": ms(embed),
                "dense_query_only_ms": ms(dense),
                "langchain_baseline_ms": ms(base),
            }
        )
        del assistant, store, client
    return results


def write_synthetic(store, material: dict, size: int, rng) -> float:
    base = len(material["ids"])
    began = time.perf_counter()
    batch = 2000
    for start in range(0, size, batch):
        rows = range(start, min(start + batch, size))
        ids, texts, metas, vectors = [], [], [], []
        for i in rows:
            copy_number, j = divmod(i, base)
            meta = dict(material["metas"][j])
            vector = material["vectors"][j]
            if copy_number:
                # A copy: same text, its vector nudged (cosine ~0.98 to the original) so the index holds distinct points.
                meta["source"] = f"copy{copy_number:02d}/{meta['source']}"
                vector = vector + rng.normal(0.0, 0.01, vector.shape).astype(np.float32)
                vector = vector / np.linalg.norm(vector)
            ids.append(f"{meta['source']}::{meta.get('chunk_index', 0):04d}")
            texts.append(material["texts"][j])
            metas.append(meta)
            vectors.append(vector)
        store.chunks.upsert(ids=ids, documents=texts, metadatas=metas, embeddings=np.vstack(vectors))
    return time.perf_counter() - began


# -- 5. embedding backends ------------------------------------------------------------------------------------------
def backends(embedder, material: dict, sample_size: int = 512) -> dict:
    """The default PyTorch backend against ONNX / OpenVINO (sentence-transformers) and PyTorch int8, on SciFact."""
    texts = list(dict.fromkeys(material["texts"]))
    sample = texts[:sample_size]
    model = embedder.model
    torch_s, _ = timed(model.encode, sample, batch_size=embedder.batch_size, show_progress_bar=False)
    torch_ndcg = dense_ndcg(material, material["vectors"], lambda qs: embedder.embed_batch(qs))
    out = {"sample_chunks": len(sample), "torch": {"chunks_per_s": round(len(sample) / torch_s, 1), "ndcg@10_dense": torch_ndcg}}
    for backend in ("onnx", "openvino"):
        out[backend] = sentence_transformers_backend(embedder, backend, sample)
    out["torch_int8_dynamic"] = torch_int8(embedder, material, sample, torch_s, torch_ndcg)
    return out


def sentence_transformers_backend(embedder, backend: str, sample: list[str]) -> dict:
    from sentence_transformers import SentenceTransformer

    try:
        # Exported on the fly from the bundled folder, with the hub switched off: offline or not at all.
        model = SentenceTransformer(embedder.model_name, device="cpu", backend=backend, local_files_only=True)
    except Exception as error:  # reported as the reason this backend is not offered
        return {"available": False, "reason": " ".join(str(error).split())[:300]}
    seconds, _ = timed(model.encode, sample, batch_size=embedder.batch_size, show_progress_bar=False)
    return {"available": True, "chunks_per_s": round(len(sample) / seconds, 1)}


def torch_int8(embedder, material: dict, sample: list[str], torch_s: float, torch_ndcg: float) -> dict:
    import torch

    quantized = torch.ao.quantization.quantize_dynamic(copy.deepcopy(embedder.model), {torch.nn.Linear}, dtype=torch.qint8)
    seconds, _ = timed(quantized.encode, sample, batch_size=embedder.batch_size, show_progress_bar=False)
    result = {"available": True, "chunks_per_s": round(len(sample) / seconds, 1), "speedup": round(torch_s / seconds, 2)}
    if torch_s / seconds < 1.1:
        result["ndcg@10_dense"] = None
        result["note"] = "not 10% faster than PyTorch on the sample, so the full SciFact re-embedding was skipped"
        return result

    def encode(texts: list[str]) -> np.ndarray:
        return quantized.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True, show_progress_bar=False)

    log("int8 is faster on the sample: re-embedding SciFact with it for nDCG@10")
    vectors = encode(material["texts"])
    result["ndcg@10_dense"] = dense_ndcg(material, vectors, encode)
    result["ndcg@10_change"] = round(result["ndcg@10_dense"] - torch_ndcg, 4)
    return result


def dense_ndcg(material: dict, vectors: np.ndarray, encode) -> float:
    """SciFact test nDCG@10 of exact dense search over the chunk vectors (a document scores as its best chunk)."""
    from assistant.evaluation.beir import evaluate_run

    sources = np.asarray([Path(m["source"]).stem for m in material["metas"]])  # corpus/<doc id>.txt -> doc id
    # With only part of SciFact ingested, only the queries with a relevant abstract in that part are scored.
    present = set(sources.tolist())
    qrels = {q: {d: r for d, r in rels.items() if d in present} for q, rels in material["dataset"].qrels.items()}
    qrels = {q: rels for q, rels in qrels.items() if rels}
    queries = [(qid, text) for qid, text in material["queries"] if qid in qrels]
    q = np.asarray(encode([text for _, text in queries]), dtype=np.float32)
    scores = q @ np.asarray(vectors, dtype=np.float32).T
    run = {}
    for (qid, _), row in zip(queries, scores):
        order = np.argsort(-row)[:1000]
        run[qid] = list(dict.fromkeys(sources[order].tolist()))[:100]
    return evaluate_run(qrels, run)["ndcg@10"]


# -- 6. PyTorch threads --------------------------------------------------------------------------------------------
def threads(embedder, texts: list[str], questions: list[str]) -> dict:
    """One question and one batch of chunks, embedded with each thread count in turn (alternating, twice)."""
    import torch

    default = torch.get_num_threads()
    counts = sorted({1, os.cpu_count() or 1})
    single: dict[int, list[float]] = {n: [] for n in counts}
    batch: dict[int, list[float]] = {n: [] for n in counts}
    try:
        for _ in range(2):
            for n in counts:
                torch.set_num_threads(n)
                # PyTorch itself (a question alone runs on the ONNX export, whose threads are fixed at its load).
                single[n] += [timed(embedder._torch_batch, [q])[0] for q in questions]
                batch[n].append(timed(embedder._torch_batch, texts)[0])
    finally:
        torch.set_num_threads(default)
    return {
        str(n): {"question_ms": ms(single[n]), "batch_chunks_per_s": round(len(texts) * len(batch[n]) / sum(batch[n]), 1)}
        for n in counts
    } | {"batch_size": len(texts), "questions": len(questions) * 2}


# -- the report -----------------------------------------------------------------------------------------------------
def environment(embedder=None) -> dict:
    import chromadb
    import onnxruntime
    import sentence_transformers
    import torch

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "")
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "embedding_threads_setting": os.environ.get("ASSISTANT_EMBEDDING_THREADS", "unset (all cores)"),
        "sentence_transformers": sentence_transformers.__version__,
        "chromadb": chromadb.__version__,
        "onnxruntime": onnxruntime.__version__,
        "questions_on_onnx": bool(embedder is not None and embedder.onnx_session() is not None),
    }


def verdicts(result: dict) -> dict:
    out = {}
    article = result.get("warm_article")
    if article:
        out["warm_p50_article_ms"] = article["answer_new_question_ms"]["p50"]
    if result.get("abstracts"):
        out["warm_p50_abstracts_ms"] = result["abstracts"]["answer_new_question_ms"]["p50"]
    for row in result.get("scale") or []:
        if row["chunks"] >= 100_000:
            out["warm_p50_100k_ms"] = row["answer_new_question_ms"]["p50"]
    if result.get("cold_start"):
        out["page_served_s"] = max(s["page_served_s"] for s in result["cold_start"]["serve"])
    ingest = result.get("ingest")
    if ingest:
        out["ingest_ratio"] = ingest["ratio_to_plain_encode"]
        out["reingest_s"] = ingest["reingest_s"]
    met = {}
    for name, value in out.items():
        target = TARGETS[name]
        ok = value >= target if name == "ingest_ratio" else value <= target if name == "warm_p50_abstracts_ms" else value < target
        if name == "reingest_s":
            ok = ok and ingest["reingest_texts_embedded"] == 0
        met[name] = {"value": value, "target": target, "met": ok}
    return met


def markdown(result: dict) -> str:
    env, load = result["environment"], result["load_average"]
    threads_set = env.get("embedding_threads_setting", "")
    suffix = f" with ASSISTANT_EMBEDDING_THREADS={threads_set}" if threads_set.isdigit() else ""
    lines = [
        f"## Benchmarks (`make bench`{suffix})",
        "",
        f"Measured {result['measured_at']} on {env['cpus']} cores ({env['cpu']}), torch {env['torch']} with "
        f"{env['torch_threads']} threads (`ASSISTANT_EMBEDDING_THREADS` {env.get('embedding_threads_setting', 'unset')}), sentence-transformers {env['sentence_transformers']}, Chroma {env['chromadb']}; "
        f"questions embedded on {'ONNX Runtime ' + env.get('onnxruntime', '') if env.get('questions_on_onnx') else 'PyTorch'}. "
        f"Load average before / after the run: {load['before']} / {load['after']} (on {env['cpus']} cores: above "
        f"{env['cpus']} means other work was competing for the CPU and every number below is slower than on a quiet machine).",
        "",
        "| measure | result | target | |",
        "|---|---|---|---|",
    ]
    names = {
        "warm_p50_article_ms": ("warm answer p50, article (ms)", "< 30"),
        "warm_p50_abstracts_ms": ("warm answer p50, 1,000 abstracts, new PubMedQA questions (ms)", "≤ 60"),
        "warm_p50_100k_ms": ("warm answer p50, 100k chunks (ms)", "< 60"),
        "page_served_s": ("process start to page served (s, worst of 2)", "< 10"),
        "ingest_ratio": ("ingest chunks/s ÷ plain encode chunks/s, SciFact", "≥ 0.9"),
        "reingest_s": ("re-ingest unchanged SciFact (s; texts embedded)", "< 2, 0 embedded"),
    }
    for key, v in result["targets"].items():
        label, target = names[key]
        value = v["value"]
        if key == "reingest_s":
            value = f"{value} s; {result['ingest']['reingest_texts_embedded']} embedded"
        lines.append(f"| {label} | {value} | {target} | {'met' if v['met'] else '**missed**'} |")

    article = result.get("warm_article")
    if article:
        a = article
        lines += [
            "",
            f"**Warm questions on the article** ({a['questions']} questions of `eval/datasets/article.jsonl`, {a['chunks']} chunks; "
            "model, store and keyword index loaded; each question new to the query cache unless said):",
            "",
            "| path | p50 ms | p95 ms |",
            "|---|---|---|",
            f"| assistant: retrieve (dense + BM25) and extractive answer | {a['answer_new_question_ms']['p50']} | {a['answer_new_question_ms']['p95']} |",
            f"| the same questions again (question vectors cached) | {a['answer_repeated_question_ms']['p50']} | {a['answer_repeated_question_ms']['p95']} |",
            f"| hybrid retrieval only, cached question vector | {a['retrieval_only_cached_query_ms']['p50']} | {a['retrieval_only_cached_query_ms']['p95']} |",
            f"| embedding one question (part of every new question) | {a['question_embedding_ms']['p50']} | {a['question_embedding_ms']['p95']} |",
            f"| plain LangChain: `Chroma.similarity_search` top 4, same embeddings | {a['langchain_baseline_ms']['p50']} | {a['langchain_baseline_ms']['p95']} |",
        ]
    ab = result.get("abstracts")
    if ab:
        lines += [
            "",
            f"**Warm questions at 1,000 abstracts** ({ab['documents']} documents: the 500 PubMedQA dev abstracts and 500 SciFact "
            f"abstracts, {ab['chunks']} chunks; {ab['questions']} PubMedQA questions, each new, so every answer reads documents "
            f"it has not read before): new question p50 / p95 {ab['answer_new_question_ms']['p50']} / {ab['answer_new_question_ms']['p95']} ms; "
            f"the same questions again {ab['answer_repeated_question_ms']['p50']} / {ab['answer_repeated_question_ms']['p95']} ms. "
            f"Ingesting them took {ab.get('ingest_s', '?')} s, including {ab.get('sentence_vectors_stored', 0):,} sentence vectors "
            "stored for the reader (`sentence_vectors`, on by default).",
        ]
    cold = result.get("cold_start")
    if cold:
        serve = cold["serve"]
        mem = serve[-1]["memory_after_questions"]
        lines += [
            "",
            "**Cold start** (a new process, the store already ingested):",
            "",
            f"- `assistant ask` from process start to the printed answer: {', '.join(f'{s} s' for s in cold['cli_first_answer_s'])}.",
            f"- `assistant serve` from process start to HTTP 200 on the page: {', '.join(str(s['page_served_s']) + ' s' for s in serve)}; "
            f"to the first answer through the web API: {', '.join(str(s['first_web_answer_s']) + ' s' for s in serve)}.",
            f"- Memory of the served app after {mem['questions']} questions: {mem.get('rss_mb')} MB resident, peak (VmHWM) {mem.get('peak_rss_mb')} MB.",
        ]
    ingest = result.get("ingest")
    if ingest:
        i = ingest
        lines += [
            "",
            f"**Ingestion** (SciFact: {i['documents']:,} abstracts as .txt files, {i['chunks']:,} chunks, batch size {i['batch_size']}): "
            f"plain `SentenceTransformer.encode` on the same {i['chunk_texts_embedded']:,} chunk texts {i['plain_encode_chunks_per_s']} chunks/s "
            f"({i['plain_encode_s']} s); `assistant ingest` (read, chunk, embed, write to Chroma) {i['ingest_chunks_per_s']} chunks/s "
            f"({i['ingest_s']} s), ratio {i['ratio_to_plain_encode']}. Re-ingesting the unchanged corpus: {i['reingest_s']} s, "
            f"{i['reingest_texts_embedded']} texts embedded, {i['reingest_unchanged']:,} documents unchanged.",
        ]
    rows = result.get("scale")
    if rows:
        lines += [
            "",
            "**Scale** (SciFact chunks; above their number, copies of them whose vectors are nudged by Gaussian noise σ=0.01 "
            "per dimension, so no 100k texts are embedded; each size asked 40 SciFact claims it had not seen):",
            "",
            "| chunks | answer, new question p50 / p95 ms | same question again p50 / p95 ms | embedding the question p50 ms | dense query only p50 ms | LangChain top-4 p50 ms | keyword index build s | store write s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            lines.append(
                f"| {r['chunks']:,} | {r['answer_new_question_ms']['p50']} / {r['answer_new_question_ms']['p95']} | "
                f"{r['answer_repeated_question_ms']['p50']} / {r['answer_repeated_question_ms']['p95']} | {r['question_embedding_ms']['p50']} | "
                f"{r['dense_query_only_ms']['p50']} | {r['langchain_baseline_ms']['p50']} | {r['keyword_index_build_s']} | {r['store_write_s']} |"
            )
        lines += [
            "",
            "A new question's answer includes embedding the question and, on first sight of each retrieved passage, its "
            "sentences (those the extractive answer may quote, which it compares with the question); \"same question again\" has "
            "both cached, which is what a passage already seen costs.",
        ]
    b = result.get("backends")
    if b:
        lines += ["", f"**Embedding backends** ({b['sample_chunks']} SciFact chunks; nDCG@10 of exact dense search on the SciFact test queries):", ""]
        lines += ["| backend | chunks/s | nDCG@10 | |", "|---|---|---|---|"]
        lines.append(f"| PyTorch (default) | {b['torch']['chunks_per_s']} | {b['torch']['ndcg@10_dense']} | |")
        for name, label in (("onnx", "ONNX (sentence-transformers)"), ("openvino", "OpenVINO (sentence-transformers)"), ("torch_int8_dynamic", "PyTorch int8 dynamic quantization")):
            r = b[name]
            if not r.get("available"):
                lines.append(f"| {label} | not available | | {r['reason']} |")
            else:
                ndcg = r.get("ndcg@10_dense")
                lines.append(f"| {label} | {r['chunks_per_s']} | {'' if ndcg is None else ndcg} | {r.get('note', '')} |")
    t = result.get("threads")
    if t:
        counts = [k for k in t if k.isdigit()]
        lines += [
            "",
            f"**PyTorch threads** (the same model; one question at a time, {t['questions']} questions, and batches of {t['batch_size']} chunks, "
            "thread counts alternated): set with `ASSISTANT_EMBEDDING_THREADS`.",
            "",
            "| threads | one question p50 / p95 ms | batch chunks/s |",
            "|---|---|---|",
        ]
        for n in counts:
            lines.append(f"| {n} | {t[n]['question_ms']['p50']} / {t[n]['question_ms']['p95']} | {t[n]['batch_chunks_per_s']} |")
    if result.get("skipped"):
        lines += ["", "Not measured in this run: " + "; ".join(result["skipped"]) + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 SciFact abstracts and 1k/10k chunks only")
    parser.add_argument("--scifact", type=Path, default=SCIFACT, help="BEIR SciFact folder (default: ../shared/data/scifact)")
    parser.add_argument("--scifact-docs", type=int, default=None, help="ingest only the first N SciFact abstracts (default: all)")
    parser.add_argument("--sizes", default=None, help="comma-separated store sizes (default 1000,10000,100000)")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out: warm,abstracts,cold,ingest,scale,backends,threads")
    parser.add_argument("--block", default="bench", help="name of the block of docs/bench.md to (re)write")
    parser.add_argument("--json", type=Path, default=ROOT / "eval" / "reports" / "bench.json")
    parser.add_argument("--md", type=Path, default=ROOT / "docs" / "bench.md")
    parser.add_argument("--render", type=Path, help="only write the Markdown table again from an earlier bench.json")
    args = parser.parse_args(argv)
    if args.render:
        text = markdown(json.loads(args.render.read_text(encoding="utf-8")))
        write_block(args.md, args.block, text)
        print(text)
        return 0
    skip = {s for s in args.skip.split(",") if s}
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([1000, 10000] if args.quick else [1000, 10000, 100000])

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from assistant.embeddings import Embedder
    from assistant.settings import Settings

    result: dict = {"measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "quick": args.quick, "skipped": []}
    result["load_average"] = {"before": round(os.getloadavg()[0], 2)}
    settings = Settings()
    # As the product builds it: questions on the ONNX export (`embedding_onnx`), batches on PyTorch.
    embedder = Embedder(batch_size=settings.embedding_batch_size, threads=settings.embedding_threads, onnx_dir=settings.onnx_path)
    embedder.model  # loaded before the environment is read, so the thread count shown is the one used
    embedder.onnx_session()
    result["environment"] = environment(embedder)
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        tmp = Path(tmp)
        article = project_copy(tmp / "article")
        if "warm" not in skip:
            log("warm questions on the article")
            result["warm_article"] = warm_article(embedder, article)
        if "abstracts" not in skip:
            log("warm questions at 1,000 abstracts")
            result["abstracts"] = abstracts(embedder, project_copy(tmp / "abstracts"), args.scifact)
        if "cold" not in skip:
            if "warm" in skip:
                cli(article, "ingest", "--quiet", timeout=600)
            log("cold start")
            result["cold_start"] = cold_start(article)
        material = None
        if "ingest" not in skip or "scale" not in skip or "backends" not in skip:
            if not (args.scifact / "corpus.jsonl").exists():
                result["skipped"].append(f"SciFact ingestion, scale and backends ({args.scifact} not found)")
            else:
                log("SciFact ingestion")
                limit = args.scifact_docs or (300 if args.quick else None)
                result["ingest"], material = scifact_ingest(embedder, tmp / "scifact", args.scifact, limit)
        if material and "scale" not in skip:
            result["scale"] = scale(embedder, material, tmp, sizes)
        if material and "backends" not in skip:
            log("embedding backends")
            result["backends"] = backends(embedder, material)
        if "threads" not in skip:
            log("PyTorch threads")
            sample = material["texts"][:64] if material else [item["reference"] or item["user_input"] for item in article_items()][:64]
            result["threads"] = threads(embedder, sample, [item["user_input"] for item in article_items()][:30])
    result["load_average"]["after"] = round(os.getloadavg()[0], 2)
    result["targets"] = verdicts(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    write_block(args.md, args.block, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
