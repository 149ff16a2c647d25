"""Feedback lines: one JSON object per vote, comments supersede by id, concurrent writers never mix lines."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.web.feedback import Feedback, FeedbackLog


def _vote(vote="up", **extra) -> Feedback:
    citation = {"marker": 1, "source": "corpus/a.txt", "title": "A", "chunk_id": "corpus/a.txt::0000", "quote": "q", "start": 0, "end": 1}
    return Feedback(question="What is A?", answer="A is a letter. [1]", citations=[citation], vote=vote, **extra)


def test_a_vote_is_one_json_line_with_everything_an_evaluator_needs(tmp_path):
    log = FeedbackLog(tmp_path / "data" / "feedback.jsonl")
    log.append(_vote("down", comment="wrong quote"))
    lines = (tmp_path / "data" / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert {"question", "answer", "citations", "vote", "comment", "time", "id"} <= set(record)
    assert record["vote"] == "down" and record["comment"] == "wrong quote"
    assert record["citations"][0]["quote"] == "q"


def test_a_comment_line_supersedes_the_vote_with_the_same_id(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    first = log.append(_vote("up"))
    other = log.append(_vote("down"))
    log.append(Feedback(**{**first.__dict__, "comment": "clear and well sourced"}))
    entries = log.entries()
    assert [e.id for e in entries] == [first.id, other.id]
    assert entries[0].comment == "clear and well sourced"
    assert len((tmp_path / "feedback.jsonl").read_text().splitlines()) == 3  # appended, never rewritten


def test_only_up_and_down_are_votes():
    with pytest.raises(ValueError):
        _vote("maybe")


def test_concurrent_sessions_write_whole_lines(tmp_path):
    log = FeedbackLog(tmp_path / "feedback.jsonl")
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: log.append(_vote("up", comment="x" * (i * 500))), range(64)))
    lines = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 64
    assert sorted(len(json.loads(line)["comment"]) for line in lines) == [i * 500 for i in range(64)]
