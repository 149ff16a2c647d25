"""The load script, run as an operator runs it: 20 concurrent users ask 200 questions of a served chat on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "eval" / "load.py"


def test_twenty_users_get_two_hundred_answers_without_an_error(tmp_path: Path):
    report, page = tmp_path / "load.json", tmp_path / "bench.md"
    page.write_text("# Benchmarks\n\nnotes kept\n\n<!-- load:begin -->\nold\n<!-- load:end -->\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--users", "20", "--questions", "200", "--request-timeout", "120", "--deadline", "600",
         "--json", str(report), "--md", str(page)],
        capture_output=True, text=True, timeout=900,
    )
    assert run.returncode == 0, f"{run.stdout[-2000:]}\n{run.stderr[-3000:]}"
    result = json.loads(report.read_text(encoding="utf-8"))
    assert (result["users"], result["questions"], result["answered"], result["errors"]) == (20, 200, 200, 0), result["error_samples"]
    latency = result["latency_ms"]
    assert 0 < latency["p50"] <= latency["p95"] <= latency["max"]
    assert result["throughput_qps"] > 0 and result["server_memory"]
    # The report block is replaced in place; the hand-written notes around it stay.
    text = page.read_text(encoding="utf-8")
    assert "notes kept" in text and "old" not in text and "200 of 200" in text


def test_the_load_script_refuses_to_load_another_machine():
    run = subprocess.run([sys.executable, str(SCRIPT), "--url", "http://example.com/"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "loopback" in run.stderr
