"""The quality gate: the article's golden set through the real chain, held to eval/thresholds.json.

The build fails when answer correctness, refusal accuracy or citation validity (which must stay at 100%) drop
below the thresholds, which were set a little under the numbers measured when they were written.
"""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.runner import evaluate
from assistant.service import Assistant

from .conftest import PROJECT, make_project, settings_for

pytestmark = pytest.mark.slow

GOLDEN = PROJECT / "eval" / "datasets" / "article.jsonl"
THRESHOLDS = PROJECT / "eval" / "thresholds.json"


@pytest.fixture(scope="module")
def report(tmp_path_factory, real_embedder) -> dict:
    # A store of its own: documents other tests add to a shared store must not move the gate.
    root = make_project(tmp_path_factory.mktemp("gate"))
    assistant = Assistant(settings_for(root), embedder=real_embedder)
    assistant.ingest()
    return evaluate(assistant, GOLDEN, root / "report", with_sweep=False)


def _limits() -> dict:
    return json.loads(THRESHOLDS.read_text(encoding="utf-8"))


def test_citations_are_all_verbatim_at_their_offsets(report):
    overall = report["overall"]
    assert overall["citations"] > 0
    assert overall["citation_validity"] == 1.0, f"invalid citations in {report['failures']['invalid_citations']}"


@pytest.mark.parametrize("metric", sorted(_limits()["min"]))
def test_metric_stays_at_or_above_its_threshold(report, metric):
    floor = _limits()["min"][metric]
    value = report["overall"][metric]
    assert value is not None and value >= floor, (
        f"{metric} {value} < {floor}; not refused: {report['failures']['not_refused']}, "
        f"falsely refused: {report['failures']['falsely_refused']}"
    )


@pytest.mark.parametrize("metric", sorted(_limits()["max"]))
def test_metric_stays_at_or_below_its_ceiling(report, metric):
    ceiling = _limits()["max"][metric]
    value = report["overall"][metric]
    assert value is not None and value <= ceiling, f"{metric} {value} > {ceiling}; falsely refused: {report['failures']['falsely_refused']}"


def test_every_out_of_job_request_is_refused(report):
    for category in ("injection", "off_topic", "out_of_scope"):
        assert report["per_category"][category]["refusal_accuracy"] == 1.0, category
