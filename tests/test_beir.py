"""The BEIR benchmark on a tiny BEIR-format corpus made here: loading, scoring formulas, the JSON it reports."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from langchain_core.documents import Document

from assistant.evaluation import beir
from assistant.cli import main
from assistant.errors import EvaluationError
from assistant.settings import Settings

from .fakes import FakeEmbedder

# Twelve short "abstracts" on distinct topics; each query shares its words with exactly one of them.
CORPUS = {
    "d1": ("Aspirin and heart attacks", "Daily low-dose aspirin lowers the risk of a first heart attack in older adults."),
    "d2": ("Statins", "Statins reduce cholesterol and cut cardiovascular events in patients with diabetes."),
    "d3": ("Vitamin D", "Vitamin D supplements did not prevent bone fractures in community-dwelling elderly people."),
    "d4": ("Sleep and memory", "Deep sleep consolidates memory; sleep deprivation impairs recall of new words."),
    "d5": ("Malaria vaccine", "The malaria vaccine gave partial protection to infants in sub-Saharan Africa."),
    "d6": ("Coffee", "Coffee drinking was linked to lower mortality in a large cohort of nurses."),
    "d7": ("Antibiotic resistance", "Overuse of antibiotics in livestock drives resistant bacteria in hospitals."),
    "d8": ("Exercise and depression", "Aerobic exercise reduced symptoms of depression as much as medication."),
    "d9": ("Gut microbiome", "The gut microbiome of infants depends on birth by caesarean section or vaginal delivery."),
    "d10": ("Smoking cessation", "Varenicline doubled the rate of smoking cessation compared with placebo."),
    "d11": ("", "Insulin pumps improved glucose control in children with type 1 diabetes."),
    "d12": ("Salt intake", "Reducing salt intake lowers blood pressure in people with hypertension."),
}
QUERIES = {
    "q1": "aspirin prevents a first heart attack",
    "q2": "vitamin D supplements prevent fractures",
    "q3": "sleep deprivation impairs memory",
    "q4": "malaria vaccine protects infants",
    "q5": "antibiotics in livestock cause resistant bacteria",
    "q6": "exercise treats depression",
    "q7": "unjudged query about coffee",
}
TEST = {"q1": "d1", "q2": "d3", "q3": "d4", "q4": "d5"}
TRAIN = {"q5": "d7", "q6": "d8"}


def write_beir(folder: Path) -> Path:
    (folder / "qrels").mkdir(parents=True)
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for doc_id, (title, text) in CORPUS.items():
            f.write(json.dumps({"_id": doc_id, "title": title, "text": text}) + "\n")
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as f:
        for qid, text in QUERIES.items():
            f.write(json.dumps({"_id": qid, "text": text, "metadata": {}}) + "\n")
    for split, qrels in (("test", TEST), ("train", TRAIN)):
        lines = ["query-id\tcorpus-id\tscore"] + [f"{q}\t{d}\t1" for q, d in qrels.items()]
        (folder / "qrels" / f"{split}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_beir(tmp_path / "tiny")


def test_load_keeps_only_the_judged_queries_of_the_split(tiny: Path):
    test = beir.load_beir(tiny, "test")
    assert test.name == "tiny" and len(test.corpus) == 12
    assert set(test.queries) == set(TEST) and test.qrels["q2"] == {"d3": 1}
    assert set(beir.load_beir(tiny, "train").queries) == set(TRAIN)


def test_source_documents_open_with_the_title(tiny: Path):
    docs = {d.source: d for d in beir.source_documents(beir.load_beir(tiny))}
    assert docs["d1"].text == "Aspirin and heart attacks\n\n" + CORPUS["d1"][1]
    assert docs["d11"].text == CORPUS["d11"][1] and docs["d11"].title == ""


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda f: (f / "corpus.jsonl").unlink(), "corpus.jsonl is missing"),
        (lambda f: (f / "queries.jsonl").write_text('{"_id": "q1"}\nnot json\n'), "queries.jsonl line 2 is not valid JSON"),
        (lambda f: (f / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\n"), "test.tsv line 2 must be"),
        (lambda f: (f / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq99\td1\t1\n"), "judges 1 queries missing"),
    ],
)
def test_a_broken_beir_folder_is_one_sentence(tiny: Path, broken, message: str):
    broken(tiny)
    with pytest.raises(EvaluationError, match=message):
        beir.load_beir(tiny, "test")


def test_an_unknown_split_or_folder_is_one_sentence(tiny: Path, tmp_path: Path):
    with pytest.raises(EvaluationError, match="dev.tsv is missing"):
        beir.load_beir(tiny, "dev")
    with pytest.raises(EvaluationError, match="is not a folder"):
        beir.load_beir(tmp_path / "nowhere", "test")


def test_scores_match_the_formulas_worked_by_hand():
    qrels = {"a": {"d1": 1}, "b": {"d2": 1, "d3": 1}, "c": {"d9": 1}}
    run = {
        "a": ["d5", "d1"],  # relevant at rank 2
        "b": ["d2"] + [f"x{i}" for i in range(10)] + ["d3"],  # one relevant at rank 1, the other at rank 12
        # "c" retrieved nothing
    }
    m = beir.evaluate_run(qrels, run)
    ndcg_a = 1 / math.log2(3)
    ndcg_b = 1 / (1 + 1 / math.log2(3))  # DCG 1 over the ideal 1 + 1/log2(3)
    assert m["ndcg@10"] == pytest.approx((ndcg_a + ndcg_b + 0) / 3, abs=1e-4)
    assert m["recall@10"] == pytest.approx((1 + 0.5 + 0) / 3, abs=1e-4)
    assert m["recall@100"] == pytest.approx((1 + 1 + 0) / 3, abs=1e-4)
    assert m["mrr@10"] == pytest.approx((0.5 + 1 + 0) / 3, abs=1e-4)


def test_ties_keep_the_retrievers_order():
    # trec_eval would reorder equal scores by document id; ranks as scores keep ours.
    assert beir.evaluate_run({"q": {"b": 1}}, {"q": ["b", "a"]})["mrr@10"] == 1.0
    assert beir.evaluate_run({"q": {"b": 1}}, {"q": ["a", "b"]})["mrr@10"] == 0.5


def test_a_document_ranks_by_its_best_chunk():
    chunks = [Document(page_content="", metadata={"source": s}) for s in ["d2", "d1", "d2", "d3", "d1"]]
    assert beir.documents_ranked(chunks) == ["d2", "d1", "d3"]
    assert beir.documents_ranked(chunks, depth=2) == ["d2", "d1"]


def test_hybrid_uses_the_configured_fusion_and_the_others_one_list():
    settings = Settings(fusion="convex", keyword_share=0.4, bm25_k1=0.9)
    hybrid = beir.mode_config(settings, "hybrid")
    assert (hybrid.fusion, hybrid.keyword_share, hybrid.bm25_k1) == ("convex", 0.4, 0.9)
    assert beir.mode_config(Settings(fusion="rrf"), "hybrid").fusion == "rrf"
    assert beir.mode_config(settings, "dense").fusion == "dense" and beir.mode_config(settings, "bm25").fusion == "bm25"
    assert hybrid.k == hybrid.fetch_k == beir.CHUNK_DEPTH


def test_benchmark_reports_every_retriever_in_the_promised_shape(tiny: Path, tmp_path: Path):
    settings = Settings(root=tmp_path / "user", data_dir=Path("data"))
    result = beir.benchmark(beir.load_beir(tiny, "test"), settings, embedder=FakeEmbedder())
    assert set(result) == {"dataset", "queries", "metrics", "timings"}
    assert result["dataset"] == "tiny/test" and result["queries"] == 4
    assert set(result["metrics"]) == {"dense", "bm25", "hybrid"}
    for scores in result["metrics"].values():
        assert set(scores) == {"ndcg@10", "recall@10", "recall@100", "mrr@10"}
        assert all(isinstance(v, float) and 0 <= v <= 1 for v in scores.values())
    # Each query shares its rare words with one abstract only: keyword search must put it first.
    assert result["metrics"]["bm25"]["mrr@10"] == 1.0 and result["metrics"]["hybrid"]["recall@10"] == 1.0
    t = result["timings"]
    assert t["documents"] == 12 and t["chunks"] >= 12 and t["chunks_embedded"] == t["chunks"]
    assert set(t["query_ms"]) == {"dense", "bm25", "hybrid"} and set(t["query_embedding_ms"]) == {"mean", "p50", "p95"}
    assert not (tmp_path / "user").exists()  # the user's store is never touched
    assert "tiny/test" in beir.format_table(result)


def test_a_kept_store_is_reused_without_embedding_again(tiny: Path, tmp_path: Path):
    settings = Settings(root=tmp_path / "user", data_dir=Path("data"))
    dataset = beir.load_beir(tiny, "train")
    embedder = FakeEmbedder()
    first = beir.benchmark(dataset, settings, embedder=embedder, store_dir=tmp_path / "kept")
    embedded = embedder.texts_embedded
    second = beir.benchmark(dataset, settings, embedder=embedder, store_dir=tmp_path / "kept")
    assert second["timings"]["chunks_embedded"] == 0
    assert embedder.texts_embedded == embedded  # no chunk again, and the queries come from the embedder's cache
    assert second["metrics"] == first["metrics"]


@pytest.mark.slow
def test_cli_runs_the_benchmark_with_the_real_model_and_writes_json(tiny: Path, tmp_path: Path, capsys):
    out = tmp_path / "reports" / "tiny.json"
    code = main(["--data-dir", str(tmp_path / "data"), "eval-retrieval", "--beir", str(tiny), "--out", str(out), "--quiet"])
    printed = capsys.readouterr().out
    assert code == 0 and "hybrid" in printed and "nDCG@10" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["queries"] == 4 and set(result["metrics"]) == {"dense", "bm25", "hybrid"}
    # The real model matches these paraphrased claims to their abstracts.
    assert result["metrics"]["dense"]["recall@10"] == 1.0
    assert not (tmp_path / "data").exists()


def test_cli_reports_a_bad_folder_in_one_sentence(tmp_path: Path, capsys):
    code = main(["--data-dir", str(tmp_path / "data"), "eval-retrieval", "--beir", str(tmp_path / "missing")])
    err = capsys.readouterr().err
    assert code == 2 and "is not a folder" in err and "Traceback" not in err
