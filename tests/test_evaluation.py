"""The evaluation run: dataset checks, the files it writes, and the checks that must catch a bad answer."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.evaluation import runner as evaluation
from assistant.cli import main
from assistant.errors import AssistantError, EvaluationError
from assistant.service import Assistant
from assistant.corpus.store import make_client

from .conftest import ARTICLE, PROJECT, make_project, settings_for
from .fakes import FakeEmbedder

GOLDEN = PROJECT / "eval" / "datasets" / "article.jsonl"
CATEGORIES = {"factual", "paraphrase", "multi_passage", "follow_up", "unanswerable", "off_topic", "out_of_scope", "injection"}
RESULT_FIELDS = {"id", "user_input", "response", "refused", "citations", "retrieved_contexts", "retrieved_context_ids", "latency_ms"}


def test_golden_set_is_well_formed():
    """What eval/datasets/README.md promises about article.jsonl (formerly check_article.py)."""
    items = evaluation.load_dataset(GOLDEN)
    article = ARTICLE.read_text(encoding="utf-8")
    counts = Counter(i.category for i in items)
    assert len(items) >= 50 and set(counts) == CATEGORIES
    assert sum(i.answerable for i in items) == 38
    for item in items:
        assert item.user_input.strip(), item.id
        for context in item.reference_contexts:
            assert context in article, f"{item.id}: context is not verbatim in the article: {context!r}"
        if item.answerable:
            assert item.reference.strip() and item.reference_contexts, item.id
        else:
            assert item.reference == "" and item.reference_contexts == [], item.id
        assert bool(item.history) == (item.category == "follow_up"), item.id
        assert all(m.get("role") in ("user", "assistant") and m["content"] for m in item.history), item.id
        if item.category == "multi_passage":
            assert len(item.reference_contexts) >= 2, item.id


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "user_input": "q"}\n{not json}\n', "line 2 is not valid JSON"),
        ('{"id": "a", "user_input": "q"}\n{"id": "a", "user_input": "r"}\n', "the id 'a' is used twice"),
        ('{"user_input": "q"}\n', "needs a string `id`"),
        ('{"id": "a", "user_input": "q", "reference_contexts": "not a list"}\n', "a list of strings"),
        ("\n\n", "has no items"),
    ],
)
def test_a_bad_dataset_is_one_sentence_naming_the_problem(tmp_path: Path, content: str, message: str):
    path = tmp_path / "set.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        evaluation.load_dataset(path)


def test_a_missing_dataset_is_an_error_not_a_traceback(tmp_path: Path, capsys):
    code = main(["--data-dir", str(tmp_path / "data"), "eval", "--dataset", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Error: Cannot read the dataset") and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_eval_before_anything_is_ingested_says_so(tmp_path: Path, capsys):
    data = tmp_path / "data"
    code = main(["--data-dir", str(data), "eval", "--dataset", str(GOLDEN), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 2 and "Nothing has been ingested yet" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _subset(tmp_path: Path, ids: list[str]) -> Path:
    lines = [line for line in GOLDEN.read_text(encoding="utf-8").splitlines() if json.loads(line)["id"] in ids]
    path = tmp_path / "subset.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SUBSET = ["fact-001", "fact-003", "fu-001", "unans-001", "off-001", "inj-001"]


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    """One evaluation of a few golden items on the fake embedding, shared by the tests that read it."""
    root = make_project(tmp_path_factory.mktemp("eval"))
    settings = settings_for(root)
    assistant = Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))
    assistant.ingest()
    dataset = _subset(root, SUBSET)
    out = root / "report"
    report = evaluation.evaluate(assistant, dataset, out)
    return assistant, dataset, out, report


def test_evaluate_writes_results_report_and_html(evaluated):
    _, _, out, report = evaluated
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == SUBSET
    for row in rows:
        assert RESULT_FIELDS <= set(row)
        assert len(row["retrieved_contexts"]) == len(row["retrieved_context_ids"]) > 0 or row["refused"]
        assert row["latency_ms"] >= 0
    by_id = {r["id"]: r for r in rows}
    # Requests outside the job are refused whatever the retriever finds.
    assert by_id["inj-001"]["refused"] and by_id["off-001"]["refused"]

    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(report))
    overall = saved["overall"]
    assert overall["items"] == len(SUBSET)
    assert overall["refusal_accuracy"] is not None and overall["false_refusal_rate"] is not None
    assert overall["citation_validity"] in (None, 1.0)  # every quote the chain emits is verbatim at its offsets
    assert set(saved["per_category"]) == {"factual", "follow_up", "unanswerable", "off_topic", "injection"}
    assert saved["per_category"]["injection"]["refusal_accuracy"] == 1.0
    assert saved["per_category"]["factual"]["answer_correctness"] is not None
    assert set(saved["latency_ms"]) == {"mean", "p50", "p95", "max"}
    sweep = saved["threshold_sweep"]
    assert set(sweep) == {"min_sentence_similarity", "min_term_coverage"}
    assert all(0 <= p["refusal_accuracy"] <= 1 for p in sweep["min_term_coverage"]["points"])

    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 4  # categories, latency, two sweeps
    assert "fact-001" in html and "refusal_accuracy" in html


def test_the_sweep_moves_with_the_threshold(evaluated):
    """A threshold no sentence can reach refuses everything: the sweep's last point refuses more than its first."""
    _, _, _, report = evaluated
    points = report["threshold_sweep"]["min_term_coverage"]["points"]
    assert points[-1]["false_refusal_rate"] >= points[0]["false_refusal_rate"]
    assert points[-1]["refusal_accuracy"] >= points[0]["refusal_accuracy"]


def test_a_tampered_citation_is_caught(evaluated):
    assistant, _, out, _ = evaluated
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    cited = next(r for r in rows if r["citations"])
    bad = json.loads(json.dumps(cited))
    bad["citations"][0]["start"] += 1
    bad["citations"][0]["end"] += 1
    text = assistant.store.document_text
    good_score = evaluation.score(cited, assistant.embedder.encode_cached, text)
    bad_score = evaluation.score(bad, assistant.embedder.encode_cached, text)
    assert good_score["valid_citations"] == good_score["citations"]
    assert bad_score["valid_citations"] == bad_score["citations"] - 1
    summary = evaluation.summarise([bad_score])
    assert summary["citation_validity"] < 1.0
    assert evaluation.failures([bad], [bad_score])["invalid_citations"] == [bad["id"]]


def test_an_answer_to_an_unanswerable_item_counts_against_refusal_accuracy(evaluated):
    assistant, _, out, _ = evaluated
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if not r["answerable"])
    answered = {**row, "refused": False, "response": "An answer the corpus never gave.", "citations": []}
    scores = evaluation.score(answered, assistant.embedder.encode_cached, assistant.store.document_text)
    assert scores["refused_correctly"] is False and scores["right_decision"] is False
    assert scores["statements"] == 1 and scores["supported_statements"] == 0  # an uncited statement
    assert evaluation.failures([answered], [scores])["not_refused"] == [row["id"]]


def test_a_refused_answerable_item_scores_zero_correctness(evaluated):
    assistant, _, out, _ = evaluated
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if r["answerable"])
    refused = {**row, "refused": True, "response": "The documents don't say.", "citations": []}
    scores = evaluation.score(refused, assistant.embedder.encode_cached, assistant.store.document_text)
    assert scores["answer_correctness"] == 0.0 and scores["refused_wrongly"] is True


def test_a_baseline_report_adds_a_comparison(evaluated, tmp_path: Path):
    assistant, dataset, out, report = evaluated
    again = evaluation.evaluate(assistant, dataset, tmp_path / "again", with_sweep=False, baseline=out)
    assert again["baseline"]["overall"] == report["overall"]
    assert "baseline" in (tmp_path / "again" / "report.html").read_text(encoding="utf-8")
    assert again["threshold_sweep"] == {}


def test_an_unreadable_baseline_is_one_sentence(evaluated, tmp_path: Path):
    assistant, dataset, _, _ = evaluated
    with pytest.raises(EvaluationError, match="Cannot read the baseline report"):
        evaluation.evaluate(assistant, dataset, tmp_path / "x", baseline=tmp_path / "missing.json")
    assert not (tmp_path / "x").exists()


def test_an_invalid_question_is_recorded_as_the_refusal_the_chat_shows(evaluated):
    assistant, _, _, _ = evaluated
    answer, _ = evaluation.ask(assistant.chain, evaluation.Item("blank", "   "))
    assert answer["refused"] and answer["error"] and answer["citations"] == []


def test_a_generator_failure_stops_the_run_instead_of_counting_as_refusals():
    class DownChain:
        def invoke(self, _inputs):
            raise AssistantError("The language model did not answer: connection refused.")

    with pytest.raises(AssistantError, match="did not answer"):
        evaluation.ask(DownChain(), evaluation.Item("q", "What is CAR-T?"))
