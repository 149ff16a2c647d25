"""Load test of the web chat (`make load`): 20 concurrent users ask 200 questions in all, on 127.0.0.1 only.

Each simulated user is its own `gradio_client` session and asks its questions one after another, as a person
would; all users start together. Without `--url` the script ingests a copy of the project's corpus into a
temporary folder, starts `assistant serve` there, and stops it at the end. Bounded: a fixed number of requests,
a timeout per request and for the whole run. Results go to eval/reports/load.json and docs/bench.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "eval" / "datasets" / "article.jsonl"
PORTS = range(8210, 8220)  # loopback ports for servers these scripts start (the server-mode test uses 8201-8209)


# -- a served app -------------------------------------------------------------------------------------------------
def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("No free port in 8210-8219 on 127.0.0.1.")


def project_copy(folder: Path) -> Path:
    """A throwaway project root holding a copy of the repository's corpus, so the user's store is never touched."""
    shutil.copytree(ROOT / "corpus", folder / "corpus")
    return folder


def cli(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True, **kwargs)


def start_server(root: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "ASSISTANT_ROOT": str(root)}
    command = [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(log, "wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def wait_for_page(url: str, server: subprocess.Popen, started: float, timeout: float = 180) -> float:
    """Seconds from `started` until the page answers HTTP 200."""
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"assistant serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def memory_mb(pid: int) -> dict:
    """Current and peak resident memory of a process (Linux /proc), in MB."""
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        return {}
    return {"rss_mb": fields.get("VmRSS"), "peak_rss_mb": fields.get("VmHWM")}


# -- talking to the chat ------------------------------------------------------------------------------------------
def chat_endpoint(client) -> str:
    """The chat's API name: `/ask` (the web UI), `/chat` (a plain ChatInterface), else the one taking one string."""
    named = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    for name in ("/ask", "/chat"):
        if name in named:
            return name
    for name, spec in named.items():
        params = spec.get("parameters", [])
        if len(params) == 1 and params[0].get("python_type", {}).get("type") == "str":
            return name
    raise RuntimeError(f"No chat endpoint among {sorted(named)}")


def reply(output) -> str:
    """The assistant's last message from the endpoint's output (a message list, or plain text)."""
    messages = output[0] if isinstance(output, (tuple, list)) and output and isinstance(output[0], list) else output
    if isinstance(messages, str):
        return messages
    for message in reversed(messages or []):
        if isinstance(message, dict) and message.get("role") == "assistant":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
            return str(content or "")
    return ""


def failure(text: str) -> str | None:
    """Why a reply counts as an error: none, an error message, or a page still waiting."""
    if not text.strip():
        return "empty reply"
    if "msg-error" in text or "Something went wrong" in text:
        return "error reply: " + re.sub(r"<[^>]+>", "", text)[:160]
    if "pending" in text and "Searching the documents" in text:
        return "no final answer"
    return None


def questions() -> list[str]:
    items = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Follow-ups make no sense out of their conversation: each simulated user asks stand-alone questions.
    return [item["user_input"] for item in items if not item.get("history")]


# -- the load run ---------------------------------------------------------------------------------------------------
def run_load(url: str, users: int, total: int, request_timeout: float, deadline: float) -> dict:
    from gradio_client import Client

    pool = questions()
    per_user = [total // users + (1 if u < total % users else 0) for u in range(users)]
    clients = [Client(url, verbose=False) for _ in range(users)]
    endpoint = chat_endpoint(clients[0])
    # Not counted: the server serves its page before the model has loaded; this waits until it answers.
    # Its own session, so no user starts with a conversation.
    warm = Client(url, verbose=False)
    warm.predict("What is this about?", api_name=endpoint)
    warm.close()
    start_line = threading.Barrier(users)
    records: list[dict] = []
    lock = threading.Lock()
    ends_at = time.monotonic() + deadline

    def user(u: int) -> None:
        start_line.wait()
        for i in range(per_user[u]):
            question = pool[(u * 7 + i) % len(pool)]
            record = {"user": u, "question": question}
            if time.monotonic() > ends_at:
                record.update(seconds=None, error="not sent: the run's time limit was reached")
            else:
                began = time.perf_counter()
                try:
                    output = clients[u].submit(question, api_name=endpoint).result(timeout=request_timeout)
                    record.update(seconds=time.perf_counter() - began, error=failure(reply(output)))
                except Exception as error:  # counted and reported, never hidden
                    record.update(seconds=time.perf_counter() - began, error=f"{type(error).__name__}: {error}"[:200])
            with lock:
                records.append(record)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as workers:
        list(workers.map(user, range(users)))
    wall = time.perf_counter() - began
    for client in clients:
        client.close()
    return summarise(records, users, wall, endpoint)


def summarise(records: list[dict], users: int, wall: float, endpoint: str) -> dict:
    ok = [r["seconds"] for r in records if r["error"] is None]
    errors = [r for r in records if r["error"] is not None]
    ms = sorted(s * 1000 for s in ok)
    return {
        "endpoint": endpoint,
        "users": users,
        "questions": len(records),
        "answered": len(ok),
        "errors": len(errors),
        "error_samples": [f"{r['question'][:60]!r}: {r['error']}" for r in errors[:5]],
        "wall_seconds": round(wall, 2),
        "throughput_qps": round(len(ok) / wall, 2) if wall else None,
        "latency_ms": {
            "p50": round(percentile(ms, 50), 1) if ms else None,
            "p95": round(percentile(ms, 95), 1) if ms else None,
            "max": round(ms[-1], 1) if ms else None,
            "mean": round(statistics.fmean(ms), 1) if ms else None,
        },
    }


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear-interpolated percentile, as numpy's default."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    position = (len(sorted_values) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


# -- reports --------------------------------------------------------------------------------------------------------
def write_block(path: Path, name: str, markdown: str) -> None:
    """Replace this script's block in a Markdown file (between HTML comment markers), keeping the rest."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def machine() -> dict:
    return {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()], "python": sys.version.split()[0]}


def markdown(result: dict) -> str:
    lat = result["latency_ms"]
    verdict = "met" if result["errors"] == 0 and result["questions"] else "missed"
    lines = [
        "## Load (`make load`)",
        "",
        f"Measured {result['measured_at']} on {result['machine']['cpus']} cores (load average before the run: "
        f"{', '.join(map(str, result['machine']['load_average']))}), against `assistant serve` on 127.0.0.1 "
        f"(endpoint `{result['endpoint']}`, extractive answers, the project's corpus). {result['users']} users, each its own "
        f"session, asked {result['questions']} questions in all, one after another per user.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| questions answered | {result['answered']} of {result['questions']} |",
        f"| errors (target: 0) | {result['errors']} ({verdict}) |",
        f"| latency p50 / p95 / max | {lat['p50']} / {lat['p95']} / {lat['max']} ms |",
        f"| throughput | {result['throughput_qps']} questions/s over {result['wall_seconds']} s |",
    ]
    if result.get("server_memory"):
        lines.append(f"| server peak memory (RSS high-water mark) | {result['server_memory'].get('peak_rss_mb')} MB |")
    if result.get("server_concurrency"):
        lines.append(f"| server setting | {result['server_concurrency']} |")
    if result["error_samples"]:
        lines += ["", "Errors seen: " + "; ".join(result["error_samples"])]
    lines += ["", "Latency is what a user waits with 19 others asking at the same time: the server answers "
              f"`web_concurrency` questions at once and queues the rest, so p50 is mostly queueing on 2 cores."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running chat on 127.0.0.1 (default: start one on a copy of the corpus)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--request-timeout", type=float, default=300.0, help="seconds one question may take")
    parser.add_argument("--deadline", type=float, default=1200.0, help="seconds after which no new question is sent")
    parser.add_argument("--json", type=Path, default=ROOT / "eval" / "reports" / "load.json")
    parser.add_argument("--md", type=Path, default=ROOT / "docs" / "bench.md")
    args = parser.parse_args(argv)
    if args.url and not re.match(r"^https?://(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(/|$)", args.url):
        parser.error("--url must be a loopback address (127.x.x.x, localhost or [::1]): this script only loads this machine")

    result = {"measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="assistant-load-") as tmp:
        server = None
        url = args.url
        if not url:
            root = project_copy(Path(tmp) / "project")
            ingest = cli(root, "ingest", "--quiet", timeout=900)
            if ingest.returncode != 0:
                raise SystemExit(f"Ingest failed: {ingest.stderr.strip()}")
            port = free_port()
            url = f"http://127.0.0.1:{port}/"
            server = start_server(root, port, Path(tmp) / "serve.log")
            try:
                wait_for_page(url, server, time.perf_counter())
            except RuntimeError as error:
                stop_server(server)
                raise SystemExit(f"{error}; see the log:\n{(Path(tmp) / 'serve.log').read_text()[-2000:]}")
        try:
            result.update(run_load(url, args.users, args.questions, args.request_timeout, args.deadline))
            if server:
                result["server_memory"] = memory_mb(server.pid)
                from assistant.settings import Settings

                s = Settings()
                result["server_concurrency"] = f"web_concurrency={getattr(s, 'web_concurrency', '?')}, web_queue_size={getattr(s, 'web_queue_size', '?')}"
        finally:
            if server:
                stop_server(server)
                if result.get("errors"):  # the server logged each failure with its traceback: keep them with the report
                    result["server_log_tail"] = (Path(tmp) / "serve.log").read_text(encoding="utf-8", errors="replace")[-6000:]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_block(args.md, "load", markdown(result))
    print(markdown(result))
    if result.get("server_log_tail"):
        print("\nThe server's log (its end):\n" + result["server_log_tail"], file=sys.stderr)
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
