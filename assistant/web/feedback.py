"""Feedback on answers, kept as JSON lines so evaluators can turn them into test cases."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from threading import Lock

VOTES = ("up", "down")


@dataclass
class Feedback:
    """One vote on one answer. A later line with the same id (adding a comment) supersedes an earlier one."""

    question: str
    answer: str
    citations: list[dict]
    vote: str
    comment: str = ""
    refused: bool = False
    standalone_question: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    time: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S%z"))

    def __post_init__(self) -> None:
        if self.vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {self.vote!r}")


class FeedbackLog:
    """Appends one line per record; the file is only ever appended to, never rewritten."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = Lock()

    def append(self, feedback: Feedback) -> Feedback:
        line = json.dumps(asdict(feedback), ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write of one whole line, so concurrent sessions never interleave half-lines.
            with self.path.open("a", encoding="utf-8") as f:
                f.write(line)
        return feedback

    def entries(self) -> list[Feedback]:
        """The latest record for each id, in the order the ids first appeared."""
        if not self.path.exists():
            return []
        latest: dict[str, Feedback] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = Feedback(**json.loads(line))
                latest[record.id] = record
        return list(latest.values())
