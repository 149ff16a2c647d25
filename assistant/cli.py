"""The `assistant` command: parse flags, call the core, print the result. Errors become one sentence."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from .errors import AssistantError
from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    _quiet_libraries()
    try:
        settings = Settings(**{k: v for k, v in _overrides(args).items() if v is not None})
        return args.handler(args, settings)
    except AssistantError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Answers questions only from its documents, with verbatim citations.")
    parser.add_argument("--data-dir", type=Path, help="where the store lives (ASSISTANT_DATA_DIR)")
    parser.add_argument("--corpus-dir", type=Path, help="folder that `ingest` syncs (ASSISTANT_CORPUS_DIR)")
    parser.add_argument("--chroma-url", help="use a Chroma server instead of the on-disk store (ASSISTANT_CHROMA_URL)")
    parser.add_argument("--embedding-model", help="local path or model id (ASSISTANT_EMBEDDING_MODEL)")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="sync documents into the store (default: the corpus folder)")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders; folders are synced (deleted files are removed)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(handler=_ingest)

    remove = sub.add_parser("remove", help="remove documents from the store (the files are left alone)")
    remove.add_argument("sources", nargs="+", help="document sources as listed by `assistant documents`")
    remove.set_defaults(handler=_remove)

    docs = sub.add_parser("documents", help="list the ingested documents")
    docs.add_argument("--json", action="store_true")
    docs.set_defaults(handler=_documents)

    ask = sub.add_parser("ask", help="answer one question from the documents")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--history", type=Path, help='JSON list of {"role": "user"|"assistant", "content": str}')
    ask.add_argument("-k", type=int, help="passages given to the generator (ASSISTANT_K)")
    ask.set_defaults(handler=_ask)

    serve = sub.add_parser("serve", help="serve the web chat")
    serve.add_argument("--host", help="address to listen on (ASSISTANT_HOST)")
    serve.add_argument("--port", type=int, help="port (ASSISTANT_PORT)")
    serve.add_argument("--ingest", action="store_true", help="sync the corpus folder before serving")
    serve.set_defaults(handler=_serve)
    return parser


def _overrides(args: argparse.Namespace) -> dict:
    names = ("data_dir", "corpus_dir", "chroma_url", "embedding_model", "host", "port", "k")
    return {name: getattr(args, name, None) for name in names}


def _assistant(settings: Settings):
    from .service import Assistant

    return Assistant(settings)


def _ingest(args, settings: Settings) -> int:
    report = _assistant(settings).ingest(args.paths or None, progress=not args.quiet and sys.stderr.isatty())
    for line in report.skipped:
        print(f"Skipped {line}", file=sys.stderr)
    for line in report.failed:
        print(f"Failed {line}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def _remove(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    status = 0
    for source in args.sources:
        if assistant.remove(source):
            print(f"Removed {source}.")
        else:
            print(f"Error: {source} is not in the store (see `assistant documents`).", file=sys.stderr)
            status = 2
    return status


def _documents(args, settings: Settings) -> int:
    records = _assistant(settings).documents()
    if args.json:
        print(json.dumps([r.__dict__ for r in records], indent=2))
        return 0
    if not records:
        print("No documents ingested yet: run `assistant ingest`.")
    for r in records:
        print(f"{r.source}\t{r.kind}\t{r.size:,} bytes\t{r.chunks} chunks\t{r.status}\t{r.title}")
    return 0


def _ask(args, settings: Settings) -> int:
    history = _read_history(args.history) if args.history else None
    answer = _assistant(settings).ask(args.question, history)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return 0
    print(answer.answer)
    for c in answer.citations:
        print(f"  [{c.marker}] {c.source} ({c.start}-{c.end}): “{c.quote}”")
    return 0


def _read_history(path: Path) -> list[dict]:
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AssistantError(f"Cannot read the history file {path}: {error}.") from error
    valid = isinstance(history, list) and all(
        isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str) for m in history
    )
    if not valid:
        raise AssistantError(f'{path} must be a JSON list of {{"role": "user"|"assistant", "content": "..."}} objects.')
    return history


def _serve(args, settings: Settings) -> int:
    from .web import serve

    assistant = _assistant(settings)
    if args.ingest:
        print(assistant.ingest().summary())
    serve(assistant)
    return 0


def _quiet_libraries() -> None:
    # Library chatter (telemetry notices, weight-loading bars) is noise on a command line.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    for name in ("chromadb", "sentence_transformers", "transformers", "httpx", "bm25s"):
        logging.getLogger(name).setLevel(logging.ERROR)


if __name__ == "__main__":
    sys.exit(main())
