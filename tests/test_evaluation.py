"""The evaluation run: dataset checks, the files it writes, and the checks that must catch a bad answer."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.embeddings import SMALL_BATCH

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


def test_scoring_embeds_each_text_once_a_few_at_a_time_and_scores_as_one_by_one(evaluated):
    assistant, _, out, _ = evaluated
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]

    def document_text(source):
        return assistant.store.document_text(source)

    embedded: list[list[str]] = []

    def encode(batch):
        embedded.append(list(batch))
        return assistant.embedder.encode(batch)

    batched = evaluation.score_all(rows, encode, document_text)
    texts = [t for batch in embedded for t in batch]
    assert texts and len(texts) == len(set(texts)) and max(map(len, embedded)) <= SMALL_BATCH
    one_by_one = [evaluation.score(r, assistant.embedder.encode, document_text) for r in rows]
    for got, want in zip(batched, one_by_one, strict=True):
        assert got.keys() == want.keys()
        for key, value in want.items():
            assert got[key] == (pytest.approx(value, abs=1e-4) if isinstance(value, float) else value), key


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
    assert set(sweep) == {"answer_threshold"}
    assert all(0 <= p["refusal_accuracy"] <= 1 for p in sweep["answer_threshold"]["points"])

    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 3  # categories, latency, the sweep
    assert "fact-001" in html and "refusal_accuracy" in html


def test_the_sweep_moves_with_the_threshold(evaluated):
    """A threshold no sentence can reach refuses everything: the sweep's last point refuses more than its first."""
    _, _, _, report = evaluated
    points = report["threshold_sweep"]["answer_threshold"]["points"]
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


# -- the second golden set and the PubMedQA development data -------------------------------------------------
SECOND_CATEGORIES = {
    "factual": 8, "paraphrase": 8, "list": 4, "how_why": 6, "quantity_date_name": 5, "follow_up": 5,
    "on_topic_trap": 7, "off_topic": 3, "out_of_scope": 1, "injection": 1,
}
PUBMEDQA = PROJECT / "eval" / "datasets" / "pubmedqa-dev.jsonl"
EMBED = FakeEmbedder().encode_cached


GOLDEN_SETS = [
    ("second.jsonl", "eval/corpora/second/lighthouses.md"),  # for checking only
    ("dev-bicycle.jsonl", "eval/corpora/dev/bicycle-maintenance.md"),  # development (eval/train_reader.py)
    ("dev-canal.jsonl", "eval/corpora/dev/canal-report.txt"),
    ("dev-allotment.jsonl", "eval/corpora/dev/allotment-handbook.md"),
    ("dev-outage.jsonl", "eval/corpora/dev/outage-review.txt"),
    ("dev-railway.jsonl", "eval/corpora/dev/railway-guide.html"),
    ("dev-museum.jsonl", "eval/corpora/dev2/museum-guide.txt"),
    ("dev-heatpump.jsonl", "eval/corpora/dev2/heat-pump-manual.md"),
    ("dev-solar.jsonl", "eval/corpora/dev3/solar-coop-faq.md"),
]


@pytest.mark.parametrize(("dataset", "source"), GOLDEN_SETS)
def test_the_golden_sets_on_other_documents_are_well_formed(dataset, source):
    """What eval/datasets/second.README.md (and the dev sets' READMEs) promise about the items."""
    items = evaluation.load_dataset(PROJECT / "eval" / "datasets" / dataset)
    document = (PROJECT / source).read_text(encoding="utf-8")
    assert Counter(i.category for i in items) == SECOND_CATEGORIES
    assert sum(i.answerable for i in items) == 35
    for item in items:
        assert item.user_input.strip(), item.id
        for context in item.reference_contexts:
            assert context in document, f"{item.id}: context is not verbatim in the document: {context!r}"
        if item.answerable:
            assert item.reference.strip() and item.reference_contexts, item.id
            assert item.reference_source == source, item.id
        else:
            assert item.reference_contexts == [], item.id
        assert bool(item.history) == (item.category == "follow_up"), item.id
        assert all(m.get("role") in ("user", "assistant") and m["content"] for m in item.history), item.id
    assert any("\n" in c for i in items for c in i.reference_contexts)  # the documents are hard-wrapped


def test_the_html_check_set_quotes_the_text_the_store_keeps():
    """check-ferry's contexts are quoted from the page's extracted text (check-ferry.README.md), not its markup."""
    from assistant.corpus.documents import load

    source = "eval/corpora/check/ferry/ferry-guide.html"
    items = evaluation.load_dataset(PROJECT / "eval" / "datasets" / "check-ferry.jsonl")
    text = load(PROJECT / source, PROJECT).text
    assert Counter(i.category for i in items) == SECOND_CATEGORIES and sum(i.answerable for i in items) == 35
    for item in items:
        assert all(context in text for context in item.reference_contexts), item.id
        assert bool(item.reference_contexts) == item.answerable, item.id
        assert all(m["content"].split('"', 1)[-1].rstrip('"') in text for m in item.history if m["role"] == "assistant"), item.id


def test_the_traps_set_across_the_development_documents_is_well_formed():
    """dev-traps (dev-traps.README.md): per document 5 on-topic traps, 3 paraphrases and 1 figure, date or name; the
    contexts quoted from the text the loader extracts."""
    from assistant.corpus.documents import load

    items = evaluation.load_dataset(PROJECT / "eval" / "datasets" / "dev-traps.jsonl")
    sources = {source for _, source in GOLDEN_SETS[1:]}
    assert {i.reference_source for i in items} == sources
    texts = {source: load(PROJECT / source, PROJECT).text for source in sources}
    for source in sources:
        mine = [i for i in items if i.reference_source == source]
        assert Counter(i.category for i in mine) == {"on_topic_trap": 5, "paraphrase": 3, "quantity_date_name": 1}, source
    for item in items:
        assert item.user_input.strip() and not item.history, item.id
        assert item.answerable == (item.category != "on_topic_trap"), item.id
        assert bool(item.reference_contexts) == item.answerable and bool(item.reference.strip()) == item.answerable, item.id
        assert all(context in texts[item.reference_source] for context in item.reference_contexts), item.id


def test_the_pubmedqa_dataset_matches_its_corpus():
    items = evaluation.load_dataset(PUBMEDQA)
    assert len(items) == 500 and Counter(i.split for i in items) == {"tune": 250, "check": 250}
    assert {i.category for i in items} == {"pubmedqa-yes", "pubmedqa-no", "pubmedqa-maybe"}
    for item in items:
        pmid = item.id.removeprefix("pqa-")
        assert item.reference_source == f"eval/corpora/pubmedqa-dev/{pmid}.txt" and item.answerable
        path = PROJECT / item.reference_source
        text = path.read_text(encoding="utf-8")
        assert text == "\n\n".join(s["text"] for s in item.sections) + "\n", item.id  # no labels in the text
        assert json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8")) == {"title": f"PubMed {pmid}"}
        assert item.reference_contexts == [s["text"] for s in item.sections if evaluation.is_results(s["label"])]


def _sections_dataset(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "sections.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_dataset_keeps_reference_source_sections_and_split(tmp_path: Path):
    sections = [{"label": "RESULTS", "text": "It worked."}]
    path = _sections_dataset(tmp_path, [
        {"id": "a", "user_input": "q", "reference": "r", "reference_source": "docs/a.txt", "sections": sections, "split": "tune"},
        {"id": "b", "user_input": "q"},
    ])
    a, b = evaluation.load_dataset(path)
    assert (a.reference_source, a.sections, a.split) == ("docs/a.txt", sections, "tune")
    assert (b.reference_source, b.sections, b.split) == (None, [], None)
    row = evaluation.result_row(a, {"answer": "x", "refused": False, "citations": [], "passages": []}, 1.0)
    assert row["reference_source"] == "docs/a.txt" and row["sections"] == sections and row["split"] == "tune"
    assert "sections" not in evaluation.result_row(b, {"answer": "x", "refused": True, "citations": [], "passages": []}, 1.0)


@pytest.mark.parametrize(
    "extra",
    [{"sections": "RESULTS"}, {"sections": [{"label": "RESULTS"}]}, {"reference_source": 3}, {"split": ["tune"]}],
)
def test_badly_typed_optional_fields_are_one_sentence(tmp_path: Path, extra: dict):
    path = _sections_dataset(tmp_path, [{"id": "a", "user_input": "q", **extra}])
    with pytest.raises(EvaluationError, match="line 1: `reference_source` must be a string"):
        evaluation.load_dataset(path)


def test_select_filters_by_split_then_takes_the_first_n():
    items = [evaluation.Item(str(n), "q", split="tune" if n % 2 else "check") for n in range(6)]
    assert [i.id for i in evaluation.select(items, "tune")] == ["1", "3", "5"]
    assert [i.id for i in evaluation.select(items, "check", 2)] == ["0", "2"]
    assert [i.id for i in evaluation.select(items, None, 4)] == ["0", "1", "2", "3"]
    assert evaluation.select(items) == items
    with pytest.raises(EvaluationError, match="No item of the dataset has split 'other'"):
        evaluation.select(items, "other")
    with pytest.raises(EvaluationError, match="at least 1"):
        evaluation.select(items, None, 0)


ABSTRACT = "Is X safe? We asked.\n\nWe enrolled 40 people.\n\nX was safe in 39 of 40. One had a rash.\n"
ABSTRACT_SECTIONS = [
    {"label": "OBJECTIVE", "text": "Is X safe? We asked."},
    {"label": "METHODS", "text": "We enrolled 40 people."},
    {"label": "RESULTS", "text": "X was safe in 39 of 40. One had a rash."},
]


def _cite(quote: str, source: str = "abs/1.txt", marker: int = 1) -> dict:
    start = ABSTRACT.index(quote) if source == "abs/1.txt" else 0
    return {"marker": marker, "source": source, "chunk_id": "c", "quote": quote, "start": start, "end": start + len(quote)}


def _row(id: str, citations: list[dict], refused: bool = False, category: str = "pubmedqa-yes") -> dict:
    return {
        "id": id, "category": category, "answerable": True, "user_input": "Is X safe?", "refused": refused,
        "response": "The documents don't say." if refused else " ".join(f"{c['quote']} [{c['marker']}]" for c in citations),
        "citations": citations, "retrieved_contexts": [ABSTRACT], "retrieved_context_ids": ["c"], "latency_ms": 1.0,
        "reference": "X is safe.", "reference_contexts": [ABSTRACT_SECTIONS[2]["text"]],
        "reference_source": "abs/1.txt", "sections": ABSTRACT_SECTIONS,
    }


def test_section_measures_on_hand_made_rows():
    texts = {"abs/1.txt": ABSTRACT, "abs/2.txt": "Other text."}
    rows = [
        _row("results", [_cite("X was safe in 39 of 40."), _cite("Is X safe?", marker=2)]),
        _row("background", [_cite("Is X safe? We asked.")]),
        _row("spanning", [_cite("We asked.\n\nWe enrolled 40 people.")]),
        _row("elsewhere-first", [_cite("Other text.", source="abs/2.txt"), _cite("One had a rash.", marker=2)]),
        _row("refused", [_cite("X was safe in 39 of 40.")], refused=True),
        _row("part", [_cite("safe in 39")], category="pubmedqa-no"),
    ]
    scored = [evaluation.score(r, EMBED, texts.get) for r in rows]
    by_id = {r["id"]: s for r, s in zip(rows, scored)}
    assert by_id["results"]["quotes_results"] == 1.0 and by_id["results"]["quotes_only_background"] == 0.0
    assert by_id["results"]["citation_labels"] == [["RESULTS"], ["OBJECTIVE"]]
    assert by_id["background"]["quotes_results"] == 0.0 and by_id["background"]["quotes_only_background"] == 1.0
    assert by_id["spanning"]["citation_labels"] == [["OBJECTIVE", "METHODS"]] and by_id["spanning"]["quotes_only_background"] == 0.0
    assert by_id["elsewhere-first"]["first_citation_from_reference"] == 0.0 and by_id["elsewhere-first"]["quotes_results"] == 1.0
    # A refusal quotes nothing, even when it points to a closest passage.
    assert by_id["refused"]["quotes_results"] == 0.0 and by_id["refused"]["first_citation_from_reference"] == 0.0
    assert by_id["results"]["first_citation_from_reference"] == 1.0
    assert [by_id[i]["whole_sentence_citations"] for i in ("results", "background", "spanning", "part")] == [2, 1, 1, 0]

    summary = evaluation.summarise(scored)
    assert summary["quotes_results"] == round(3 / 6, 4)  # results, elsewhere-first, part (a RESULTS fragment)
    assert summary["quotes_only_background"] == round(1 / 6, 4)
    assert summary["first_citation_from_reference"] == round(4 / 6, 4)
    assert summary["refused"] == round(1 / 6, 4)
    assert summary["citations"] == 8 and summary["whole_sentence_quotes"] == round(7 / 8, 4)  # all but "safe in 39"
    per = evaluation.by_category(rows, scored)
    assert per["pubmedqa-no"]["quotes_results"] == 1.0 and per["pubmedqa-no"]["whole_sentence_quotes"] == 0.0
    assert evaluation.failures(rows, scored)["quotes_only_background"] == ["background"]
    assert evaluation.failures(rows, scored)["first_citation_not_from_reference"] == ["elsewhere-first"]


def test_items_without_sections_or_source_leave_the_measures_out(evaluated):
    _, _, _, report = evaluated
    overall = report["overall"]
    assert overall["quotes_results"] is None and overall["quotes_only_background"] is None
    assert overall["first_citation_from_reference"] is None
    assert overall["refused"] is not None and set(evaluation.DEFINITIONS) >= {
        "quotes_results", "quotes_only_background", "first_citation_from_reference", "whole_sentence_quotes", "refused"
    }


def test_eval_with_its_own_corpus_uses_a_fresh_store_and_leaves_the_users_alone(tmp_path: Path):
    root = make_project(tmp_path)
    (root / "abs").mkdir()
    (root / "abs" / "1.txt").write_text(ABSTRACT, encoding="utf-8")
    settings = settings_for(root)
    user = Assistant(settings, embedder=FakeEmbedder())
    user.ingest()
    before = [d.source for d in user.documents()]
    dataset = _sections_dataset(tmp_path, [
        {"id": f"q{n}", "user_input": "Was X safe in the people enrolled?", "reference": "X was safe in 39 of 40.",
         "reference_contexts": [ABSTRACT_SECTIONS[2]["text"]], "category": "pubmedqa-yes", "reference_source": "abs/1.txt",
         "sections": ABSTRACT_SECTIONS, "split": "tune" if n < 3 else "check"}
        for n in range(5)
    ])
    with evaluation.corpus_assistant(settings, [root / "abs"], embedder=FakeEmbedder()) as (assistant, ingested):
        temporary = assistant.settings.data_path
        assert [d.source for d in assistant.documents()] == ["abs/1.txt"] and ingested.added == ["abs/1.txt"]
        assert assistant.settings.embedding_model == settings.embedding_model and temporary != settings.data_path
        report = evaluation.evaluate(assistant, dataset, tmp_path / "out", with_sweep=False, split="check", limit=1, corpus=[root / "abs"])
    assert not temporary.exists()
    assert [d.source for d in user.documents()] == before
    assert report["dataset"]["items"] == 1 and report["dataset"]["split"] == "check" and report["dataset"]["limit"] == 1
    assert report["corpus"] == [str(root / "abs")] and [d["source"] for d in report["documents"]] == ["abs/1.txt"]
    rows = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["q3"] and rows[0]["split"] == "check"
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "quotes_results" in html and "first_citation_from_reference" in html and "whole_sentence_quotes" in html


def test_a_missing_corpus_folder_is_one_sentence_and_writes_nothing(tmp_path: Path, capsys):
    code = main(["--data-dir", str(tmp_path / "data"), "eval", "--corpus", str(tmp_path / "none"), "--dataset", str(GOLDEN),
                 "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "data").exists()


def test_a_split_no_item_has_stops_before_the_ingest(tmp_path: Path, capsys):
    code = main(["eval", "--corpus", str(tmp_path), "--dataset", str(GOLDEN), "--split", "tune", "--out", str(tmp_path / "out")])
    assert code == 2 and "No item of the dataset has split 'tune'" in capsys.readouterr().err


def test_the_check_set_on_real_documents_quotes_the_text_the_store_keeps():
    """check-real (eval/datasets/README.md): 48 items on four real documents of four kinds, each context verbatim in
    the text the loader extracts from its document."""
    from assistant.corpus.documents import load

    items = evaluation.load_dataset(PROJECT / "eval" / "datasets" / "check-real.jsonl")
    folder = PROJECT / "eval" / "corpora" / "check" / "real"
    assert sorted(p.suffix for p in folder.iterdir()) == [".html", ".md", ".pdf", ".txt"]
    texts = {f"eval/corpora/check/real/{p.name}": load(p, PROJECT).text for p in folder.iterdir()}
    assert len(items) == 48 and sum(i.answerable for i in items) == 33
    assert {i.reference_source for i in items if i.answerable} == set(texts)
    for item in items:
        assert bool(item.reference_contexts) == item.answerable, item.id
        assert all(context in texts[item.reference_source] for context in item.reference_contexts), item.id
        assert bool(item.history) == (item.category == "follow_up"), item.id


@pytest.mark.parametrize(
    ("dataset", "document", "never_written"),
    [("dev-library.jsonl", "dev4/community-library-guide.md", ("UK", "NLHF", "CAB", "RNIB", "NHS")),
     ("dev-orchestra.jsonl", "dev5/riverside-orchestra-annual-report.md", ("BBC", "VAT", "MU", "PRS", "ABRSM")),
     ("dev-huts.jsonl", "dev6/mountain-huts-guide.txt", ("VAT", "AED", "IFMGA", "EU", "GPS")),
     ("dev-windmills.jsonl", "dev7/windmills-history.md", ("UK", "SPAB", "UNESCO", "US")),
     ("dev-clocks.jsonl", "dev8/clocks-history.md", ("UK", "US", "GMT", "BBC")),
     ("dev-bridges.jsonl", "dev9/suspension-bridges.txt", ("US", "USA", "UK", "ASCE", "RH")),
     ("dev-tea.jsonl", "dev10/tea-history.md", ("EIC", "UK", "US", "VOC")),
     ("dev-printing.jsonl", "dev11/printing-history.txt", ("UK", "US", "HLF", "DTP")),
     ("dev-beekeeping.jsonl", "dev12/beekeeping-guide.html", ("UK", "BBKA", "NBU", "IPM")),
     ("dev-telegraph.jsonl", "dev13/telegraph-history.md", ("US", "UK", "GPO", "IEE")),
     ("dev-waterworks.jsonl", "dev14/water-works-booklet.txt", ("WHO", "EU", "UV", "EA")),
     ("dev-pottery.jsonl", "dev15/pottery-studio-handbook.md", ("PPE", "HSE", "VAT", "ASAP")),
     ("dev-pool.jsonl", "dev16/swimming-pool-guide.html", ("RLSS", "AED", "NHS", "PB")),
     ("dev-observatory.jsonl", "dev17/observatory-visitor-guide.md", ("RAS", "ISS", "DBS", "BST")),
     ("dev-glassworks.jsonl", "dev18/glassworks-history.txt", ("WWII", "LPG", "TUC", "BSL")),
     ("dev-cider.jsonl", "dev19/cider-cooperative-handbook.html", ("VAT", "ABV", "RHS", "PPE")),
     ("dev-radio.jsonl", "dev20/radio-station-volunteer-manual.md", ("FM", "DAB", "BBC", "USB")),
     ("dev-woodland.jsonl", "dev21/woodland-trust-faq.txt", ("SSSI", "RSPB", "OS", "FC")),
     ("dev-ebike.jsonl", "dev22/ebike-share-guide.md", ("GPS", "DfT", "PIN")),
     ("dev-hall.jsonl", "dev23/village-hall-annual-report.txt", ("WI", "DBS", "EPC", "CCTV")),
     ("dev-dehumidifier.jsonl", "dev24/dehumidifier-manual.html", ("RCD", "kWh", "HEPA", "FAQ")),
     ("dev-rowing.jsonl", "dev25/rowing-club-handbook.docx", ("CPR", "GPS", "VHF", "DBS")),
     ("dev-photoserver.jsonl", "dev26/photo-server-admin-guide.md", ("NAS", "GPU", "SSD", "CVE")),
     ("dev-bus.jsonl", "dev27/community-bus-passenger-guide.txt", ("DBS", "GP", "MOT", "PCV")),
     ("dev-saltworks.jsonl", "dev28/salt-works-history.md", ("HLF", "SSSI", "RSPB", "cwt")),
     ("dev-papermill.jsonl", "dev29/paper-mill-guide.md", ("GSM", "DBS", "EA", "HLF")),
     ("dev-recycling.jsonl", "dev30/recycling-collection-guide.txt", ("WEEE", "LPG", "DEFRA", "EfW")),
     ("dev-coastpath.jsonl", "dev31/coastal-path-walkers-guide.html", ("RNLI", "SSSI", "OS", "YHA")),
     ("dev-goatdairy.jsonl", "dev32/goat-dairy-notes.md", ("FSA", "HACCP", "APHA", "BCS")),
     ("dev-airport.jsonl", "dev33/island-airport-passenger-guide.html", ("CAA", "ATC", "RVR", "ETD")),
     ("dev-weatherstation.jsonl", "dev34/weather-station-manual.txt", ("WMO", "UTC", "USB", "UV")),
     ("dev-sleepstudy.jsonl", "dev35/school-start-sleep-study.md", ("RCT", "GCSE", "PTA", "DfE")),
     ("dev-football.jsonl", "dev36/youth-football-club-handbook.md", ("FA", "CPR", "GP", "PE")),
     ("dev-dental.jsonl", "dev37/dental-practice-patient-leaflet.txt", ("GDC", "CQC", "GA", "DOB")),
     ("dev-cinema.jsonl", "dev38/community-cinema.html", ("DBS", "SDH", "BSL", "FPS")),
     ("dev-cliguide.jsonl", "dev39/tidewatch-cli-upgrade-guide.md", ("PyPI", "CVE", "EOL", "CI")),
     ("dev-climbing.jsonl", "dev40/climbing-wall-members-handbook.md", ("GP", "AED", "DBS", "BMC")),
     ("dev-archive.jsonl", "dev41/county-archive-reading-room-guide.txt", ("CCTV", "DPI", "BSL", "UV")),
     ("dev-vets.jsonl", "dev42/vet-practice-client-information.html", ("RCVS", "FeLV", "GA", "DEFRA")),
     ("dev-heatnetwork.jsonl", "dev43/heat-network-technical-note.md", ("LPG", "MWh", "CO2", "DNO")),
     ("dev-lifeboat.jsonl", "dev44/lifeboat-station-annual-review.txt", ("RIB", "VHF", "CPR", "AED")),
     ("dev-brewery.jsonl", "dev45/brewery-visitor-page.html", ("IPA", "EV", "BSL", "CO2")),
     ("dev-foodbank.jsonl", "dev46/foodbank-volunteer-handbook.md", ("UC", "EHO", "AGM", "DBS")),
     ("dev-twentymph.jsonl", "dev47/twenty-mph-pilot-evaluation.md", ("VAS", "NO2", "HGV", "DfT")),
     ("dev-orchard.jsonl", "dev48/community-orchard-handbook.txt", ("PPE", "RHS", "DBS", "AGM")),
     ("dev-battery.jsonl", "dev49/home-battery-manual.md", ("LFP", "DNO", "MCS", "EV")),
     ("dev-festival.jsonl", "dev50/folk-festival-visitor-info.html", ("BSL", "DBS", "AED", "CAMRA")),
     ("dev-readingtrial.jsonl", "dev51/reading-programme-trial-report.md", ("SEN", "EAL", "RCT", "PTA")),
     ("dev-carshare.jsonl", "dev52/car-club-member-guide.md", ("DVLA", "PIN", "EV", "kWh")),
     ("dev-floodscheme.jsonl", "dev53/flood-scheme-consultation.txt", ("EA", "SSSI", "AOD", "CIL")),
     ("dev-residential.jsonl", "dev54/residential-trips.html", ("PTA", "FSM", "DBS", "SATs")),
     ("dev-backuptool.jsonl", "dev55/nightjar-backup-admin-guide.md", ("NAS", "UPS", "TLS", "SSD")),
     ("dev-choir.jsonl", "dev56/choir-handbook.md", ("DBS", "ABRSM", "PA", "HMRC")),
     ("dev-repaircafe.jsonl", "dev57/repair-cafe-annual-report.txt", ("AGM", "CO2", "PPE", "DBS")),
     ("dev-hostel.jsonl", "dev58/hostel.html", ("YHA", "EV", "CO", "DofE")),
     ("dev-grinder.jsonl", "dev59/grinder-manual.md", ("RPM", "DC", "SCA", "WEEE")),
     ("dev-kneetrial.jsonl", "dev60/kneetrial.txt", ("BMI", "MRI", "NSAIDs", "GP")),
     ("dev-tramline.jsonl", "dev61/tramline.html", ("CCTV", "HGVs", "EIA", "OLE")),
     ("dev-thermostat.jsonl", "dev62/thermostat.md", ("LCD", "RCD", "PIN", "kWh")),
     ("dev-seedlibrary.jsonl", "dev63/seedlibrary.txt", ("RHS", "GM", "PTA", "DBS")),
     ("dev-allotments.jsonl", "dev64/allotment-society-rules.txt", ("RHS", "RCD", "RSPB", "DBS")),
     ("dev-dentalpractice.jsonl", "dev65/dental-practice-guide.html", ("GDC", "CQC", "TMJ", "BSL")),
     ("dev-cyclelane.jsonl", "dev66/cycle-lane-consultation.md", ("DfT", "HGVs", "mph", "EV")),
     ("dev-printer.jsonl", "dev67/label-printer-manual.md", ("VAT", "SKUs", "IPA", "RMA")),
     ("dev-swimpool.jsonl", "dev68/swimming-pool.md", ("NPLQ", "DBS", "CHP", "PV")),
     ("dev-heritagerail.jsonl", "dev69/heritage-railway.html", ("ORR", "DBS", "PPE", "HRA")),
     ("dev-mobilelibrary.jsonl", "dev70/mobile-library.txt", ("HGV", "DBS", "MPG", "GPS")),
     ("dev-solarcoop.jsonl", "dev71/solar-coop.md", ("FCA", "FSCS", "DNO", "PV")),
     ("dev-theatre.jsonl", "dev72/community-theatre.md", ("MD", "DBS", "PAT", "AED")),
     ("dev-migration.jsonl", "dev73/migration-guide.md", ("GPU", "CI", "CLI", "API")),
     ("dev-ringing.jsonl", "dev74/ringing-report.html", ("BTO", "SSSI", "HPAI", "RSPB")),
     ("dev-cemetery.jsonl", "dev75/cemetery-regulations.txt", ("CWGC", "VAT", "BRAMM", "GPS")),
     ("dev-broadband.jsonl", "dev76/broadband.html", ("FCA", "BDUK", "UPS", "VoIP")),
     ("dev-scoutcamp.jsonl", "dev77/scoutcamp.md", ("DBS", "AED", "DofE", "CO")),
     ("dev-makerspace.jsonl", "dev78/makerspace.txt", ("CNC", "MDF", "PCB", "PAT")),
     ("dev-fieldtrial.jsonl", "dev79/fieldtrial.md", ("CI", "ANOVA", "GPS", "SFI")),
     ("dev-sailingclub.jsonl", "dev80/sailingclub.html", ("RYA", "VHF", "AGM", "RIB")),
     ("dev-weavingguild.jsonl", "dev81/weavingguild.txt", ("EPI", "WPI", "DBS", "VAT")),
     ("dev-harbourdredge.jsonl", "dev82/dredging.md", ("MMO", "SAC", "TBT", "PAHs")),
     ("dev-tutoring.jsonl", "dev83/tutoring.md", ("DBS", "SD", "TA", "EAL")),
     ("dev-icerink.jsonl", "dev84/icerink-guide.html", ("AED", "DBS", "VAT", "CO2")),
     ("dev-router.jsonl", "dev85/router-admin-guide.md", ("VPN", "DFS", "UPnP", "WPS")),
     ("dev-chessclub.jsonl", "dev86/chess-club-handbook.txt", ("FIDE", "DBS", "PGN", "GM")),
     ("dev-blooddonor.jsonl", "dev87/donor-reminder-trial.md", ("Hb", "GP", "ITT", "RR")),
     ("dev-gliding.jsonl", "dev88/gliding-club-pilot-handbook.pdf", ("BGA", "AGL", "AED", "CAA")),
     ("dev-streettrees.jsonl", "dev89/street-tree-strategy.txt", ("TPO", "GIS", "OPM", "VAT")),
     ("dev-conference.jsonl", "dev90/conference-delegate-handbook.docx", ("CPD", "BSL", "PEEP", "AGM")),
     ("dev-cityfarm.jsonl", "dev91/city-farm-volunteer-handbook.md", ("DBS", "PPE", "APHA", "SEN", "AGM")),
     ("dev-market.jsonl", "dev92/charter-market-guide.html", ("LPG", "PAT", "RCD", "EHO")),
     ("dev-hearing.jsonl", "dev93/hearing-clinic-patient-guide.md", ("ENT", "BTE", "CBT", "REM")),
     ("dev-bells.jsonl", "dev94/bellringers-handbook.txt", ("PCC", "DBS", "CCCBR", "cwt")),
     ("dev-backpain.jsonl", "dev95/back-pain-exercise-trial.md", ("GP", "MRI", "BMI", "MCID")),
     ("dev-sitegen.jsonl", "dev96/site-generator-manual.md", ("RSS", "WCAG", "CI", "SEO")),
     ("dev-charityshop.jsonl", "dev97/charity-shops-volunteer-handbook.docx", ("NHS", "HMRC", "DVLA", "PAT")),
     ("dev-windturbine.jsonl", "dev98/community-wind-turbine-report.pdf", ("DNO", "SCADA", "FCA", "EIA")),
     ("dev-lighthouse.jsonl", "dev99/lighthouse-visitor-guide.txt", ("LED", "KS2", "DBS", "GPS")),
     ("dev-laundrette.jsonl", "dev100/launderette-customer-guide.html", ("VAT", "RPM", "CCTV", "PAT")),
     ("dev-keyboard.jsonl", "dev101/keyboard-firmware-guide.md", ("PCB", "PR", "LED", "GPL")),
     ("dev-almshouses.jsonl", "dev102/almshouses-history-and-residents-guide.txt", ("GP", "DBS", "RSPB", "AGM")),
     ("dev-asthmatrial.jsonl", "dev103/inhaler-coaching-trial-report.md", ("ICS", "COPD", "PEF", "GP")),
     ("dev-canoeclub.jsonl", "dev104/canoe-club-members-handbook.pdf", ("AGM", "DBS", "CPR", "RNLI")),
     ("dev-parishcouncil.jsonl", "dev105/parish-council-annual-report.docx", ("RoSPA", "AED", "TPO", "PWLB")),
     ("dev-skatepark.jsonl", "dev106/skatepark-users-guide.md", ("DBS", "AED", "LED", "RoSPA")),
     ("dev-bookbinding.jsonl", "dev107/bookbinding-workshop-course-guide.txt", ("PVA", "VAT", "DBS", "HSE")),
     ("dev-aquarium.jsonl", "dev108/aquarium-visitor-guide.html", ("IUCN", "CCTV", "DBS", "VAT")),
     ("dev-ebookconv.jsonl", "dev109/ebook-converter-manual.md", ("DRM", "OCR", "UUID", "ISBN")),
     ("dev-beachclean.jsonl", "dev110/beach-clean-volunteer-handbook.txt", ("SSSI", "RNLI", "PPE", "AGM")),
     ("dev-cyclingstudy.jsonl", "dev111/school-cycle-training-study.md", ("DfT", "SEN", "PTA", "CI")),
     ("dev-carboot.jsonl", "dev112/car-boot-sale-sellers-guide.pdf", ("HMRC", "PAT", "AED", "DBS")),
     ("dev-housingcoop.jsonl", "dev113/housing-coop-members-handbook.docx", ("FCA", "CPI", "EPC", "PPE")),
     ("dev-toylibrary.jsonl", "dev114/toy-library-members-guide.md", ("DBS", "PAT", "OT", "EHCP")),
     ("dev-quarry.jsonl", "dev115/slate-quarry-visitor-guide.txt", ("HSE", "AED", "SSSI", "PPE")),
     ("dev-refillshop.jsonl", "dev116/refill-shop-customer-guide.html", ("HDPE", "SLS", "EHO", "FSA")),
     ("dev-3dprinter.jsonl", "dev117/3d-printer-user-manual.md", ("ABS", "TPU", "PTFE", "VOCs")),
     ("dev-cricketclub.jsonl", "dev118/cricket-club-members-handbook.txt", ("DBS", "AED", "LBW", "ECB")),
     ("dev-fallstrial.jsonl", "dev119/falls-prevention-trial-report.md", ("GP", "BMI", "ED", "SD")),
     ("dev-dogtraining.jsonl", "dev120/dog-training-club-handbook.pdf", ("KC", "CPR", "DBS", "AED")),
     ("dev-governors.jsonl", "dev121/school-governors-annual-report.docx", ("PTA", "DBS", "SENCO", "DfE")),
     ("dev-marina.jsonl", "dev122/marina-berth-holders-guide.md", ("RCD", "LPG", "RNLI", "HVO")),
     ("dev-abbey.jsonl", "dev123/abbey-visitor-guide-and-history.txt", ("GPR", "EV", "DBS", "NLHF")),
     ("dev-raptorcentre.jsonl", "dev124/raptor-centre-visitor-guide.html", ()),
     ("dev-doorbell.jsonl", "dev125/doorbell-user-manual.md", ()),
     ("dev-flowershow.jsonl", "dev126/flower-show-schedule-and-rules.txt", ("PA",)),
     ("dev-walkingtrial.jsonl", "dev127/walking-programme-trial-report.md", ("BMI", "GP", "BP")),
     ("dev-tennisclub.jsonl", "dev128/tennis-club-members-handbook.pdf", ("AED",)),
     ("dev-energyadvice.jsonl", "dev129/energy-advice-annual-report.docx", ()),
     ("dev-passwordvault.jsonl", "dev130/password-vault-admin-guide.md", ("SSO", "RAM", "2FA", "MFA", "CSV")),
     ("dev-orienteering.jsonl", "dev131/orienteering-club-handbook.txt", ("AGM",)),
     ("dev-botanicgarden.jsonl", "dev132/botanic-garden-visitor-guide.html", ("BSL",)),
     ("dev-campervan.jsonl", "dev133/campervan-hire-handbook.md", ("LPG",)),
     ("dev-nursery.jsonl", "dev134/nursery-parents-handbook.txt", ("DSL",)),
     ("dev-schooltransport.jsonl", "dev135/school-transport-policy.pdf", ("ITT",)),
     ("dev-sauna.jsonl", "dev136/sauna-members-handbook.md", ("AED", "AGM")),
     ("dev-compost.jsonl", "dev137/community-compost-scheme.txt", ("AGM", "PPE")),
     ("dev-hospitalvisit.jsonl", "dev138/hospital-visitor-guide.html", ("ICU", "GP")),
     ("dev-communitypub.jsonl", "dev139/community-pub-annual-report.docx", ("FCA", "VAT")),
     ("dev-angling.jsonl", "dev140/angling-club-rule-book.md", ("PFD", "AED")),
     ("dev-multicooker.jsonl", "dev141/multicooker-user-manual.pdf", ("RCD", "kPa")),
     ("dev-villageshop.jsonl", "dev142/village-shop-cooperative-report.txt", ("DBS", "POS")),
     ("dev-adulted.jsonl", "dev143/adult-education-course-guide.html", ("ESOL", "PPE")),
     ("dev-pharmacy.jsonl", "dev144/pharmacy-patient-handbook.docx", ("UTI", "BMI")),
     ("dev-parkingpermits.jsonl", "dev145/residents-parking-permit-guide.txt", ("EV", "DVLA")),
     ("dev-wikiserver.jsonl", "dev146/wiki-server-admin-guide.md", ("2FA", "SSO")),
     ("dev-toolhire.jsonl", "dev147/tool-library-members-guide.pdf", ("MDF", "LPG")),
     ("dev-weddingvenue.jsonl", "dev148/wedding-venue-booking-guide.html", ("PAT", "EV", "BSL")),
     ("dev-drivingschool.jsonl", "dev149/driving-school-pupil-handbook.docx", ("ABS", "EV")),
     ("dev-selfstorage.jsonl", "dev150/self-storage-customer-guide.pdf", ("CCTV", "VAT")),
     ("dev-homehub.jsonl", "dev151/home-hub-user-guide.md", ("UPS", "PoE")),
     ("dev-campsite.jsonl", "dev152/campsite-guest-guide.txt", ("AED", "LPG")),
     ("dev-linter.jsonl", "dev153/linter-user-guide.md", ("SSO", "SLA")),
     ("dev-bikeshare.jsonl", "dev154/bike-share-rider-guide.html", ("GPS", "PIN")),
     ("dev-danceschool.jsonl", "dev155/dance-school-handbook.docx", ("AED", "CCTV"))],
)
def test_the_blind_development_sets_are_well_formed(dataset, document, never_written):
    """The one hundred and forty blind development sets from dev-library on (eval/datasets/dev-*.README.md): 48 items each, 36
    answerable, on hard-wrapped Markdown guides, handbooks, reports, manuals, histories, a smallholding's notes, a
    research report and a technical note, hard-wrapped plain-text handbooks, booklets, a FAQ, an annual report, a
    passenger guide, a recycling guide, a weather station's manual, a dental leaflet, an archive's guide, a lifeboat station's annual review, an orchard's handbook, a flood scheme's consultation report and a repair cafe's annual report,
    a server's admin guide, a tool's guide and a backup tool's guide in Markdown with code blocks, a choir's handbook and a
    coffee grinder's manual in Markdown, a thermostat's guide, a cycle lane consultation's summary and a label printer's
    manual in Markdown, a swimming pool's and a theatre's handbooks, a solar cooperative's share offer and an image
    library's upgrade guide in Markdown, a knee trial's report, a seed library's newsletter, an allotment society's
    rules, a mobile library's report and cemetery regulations in plain text, a scout campsite's handbook, a field trial's
    report, a harbour dredging consultation and a tutoring programme's evaluation in Markdown, a makerspace's handbook
    and a weaving guild's prospectus in plain text, more than twenty HTML guides, manuals and reports, Word
    handbooks and annual reports, and nine PDFs printed by Chromium (the handbooks of a gliding club, a canoe club, a dog training
    club and a tennis club, a wind co-operative's report, a car boot sale's guide, a school transport policy, a
    multicooker's manual, a tool library's guide), each naming
    things only in full words that some questions abbreviate. A table row is quoted as the loader reads it, its cells
    joined by " | " (dev-rowing quotes single cells); dev-cider, dev-dehumidifier, dev-coastpath, dev-airport, dev-cinema, dev-vets, dev-brewery, dev-festival, dev-residential and dev-raptorcentre quote their HTML's text as a browser
    shows it, its source line breaks as single spaces, dev-rowing, dev-conference, dev-charityshop, dev-parishcouncil,
    dev-housingcoop, dev-governors, dev-energyadvice, dev-communitypub and dev-pharmacy their Word paragraphs, and dev-gliding, dev-windturbine, dev-canoeclub,
    dev-carboot, dev-dogtraining, dev-tennisclub, dev-schooltransport, dev-multicooker and dev-toolhire their PDFs' text as the loader reads it, whitespace collapsed."""
    from assistant.corpus.documents import load

    items = evaluation.load_dataset(PROJECT / "eval" / "datasets" / dataset)
    binary = (
        "dev-rowing.jsonl", "dev-gliding.jsonl", "dev-conference.jsonl", "dev-charityshop.jsonl", "dev-windturbine.jsonl",
        "dev-canoeclub.jsonl", "dev-parishcouncil.jsonl", "dev-carboot.jsonl", "dev-housingcoop.jsonl", "dev-dogtraining.jsonl",
        "dev-governors.jsonl", "dev-tennisclub.jsonl", "dev-energyadvice.jsonl", "dev-schooltransport.jsonl",
        "dev-communitypub.jsonl", "dev-multicooker.jsonl", "dev-pharmacy.jsonl", "dev-toolhire.jsonl",
        "dev-drivingschool.jsonl", "dev-selfstorage.jsonl", "dev-danceschool.jsonl",
    )
    if dataset in binary or dataset in ("dev-cider.jsonl", "dev-dehumidifier.jsonl", "dev-coastpath.jsonl", "dev-airport.jsonl", "dev-cinema.jsonl", "dev-vets.jsonl", "dev-brewery.jsonl", "dev-festival.jsonl", "dev-residential.jsonl", "dev-raptorcentre.jsonl", "dev-botanicgarden.jsonl"):
        text = " ".join(load(PROJECT / "eval" / "corpora" / document, PROJECT).text.split())
    else:
        text = (PROJECT / "eval" / "corpora" / document).read_text(encoding="utf-8")
    assert Counter(i.category for i in items) == {
        "factual": 8, "paraphrase": 10, "on_topic_trap": 7, "how_why": 6, "quantity_date_name": 4, "follow_up": 5, "list": 4,
        "off_topic": 2, "out_of_scope": 1, "injection": 1,
    }
    assert len(items) == 48 and sum(i.answerable for i in items) == 36
    for item in items:
        assert bool(item.reference_contexts) == item.answerable, item.id
        rows = [c for c in item.reference_contexts if c not in text]
        assert all(" | " in c for c in rows) and all(c in load(PROJECT / "eval" / "corpora" / document, PROJECT).text for c in rows), item.id
        assert bool(item.history) == (item.category == "follow_up"), item.id
        said = [m["content"] for m in item.history if m["role"] == "assistant"]
        assert all(s.count('"') < 2 or s.split('"', 1)[1].rsplit('"', 1)[0] in text for s in said), item.id
    assert not any(re.search(rf"\b{a}\b", text) for a in never_written)
