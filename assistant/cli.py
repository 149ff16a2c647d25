"""The `assistant` command: parse flags, call the core, print the result. Errors become one sentence."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from .errors import AssistantError
from .settings import GENERATORS, Settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    _quiet_libraries()
    try:
        settings = _settings(args)
        return args.handler(args, settings)
    except AssistantError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


def _settings(args: argparse.Namespace) -> Settings:
    from pydantic import ValidationError

    try:
        return Settings(**{k: v for k, v in _overrides(args).items() if v is not None})
    except ValidationError as error:
        # The value itself is not repeated: it may be a key.
        problem = error.errors()[0]
        name = str(problem["loc"][0]) if problem.get("loc") else "a setting"
        raise AssistantError(f"ASSISTANT_{name.upper()} is not valid: {problem['msg']}.") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Answers questions only from its documents, with verbatim citations.")
    parser.add_argument("--data-dir", type=Path, help="where the store lives (ASSISTANT_DATA_DIR)")
    parser.add_argument("--corpus-dir", type=Path, help="folder that `ingest` syncs (ASSISTANT_CORPUS_DIR)")
    parser.add_argument("--chroma-url", help="use a Chroma server instead of the on-disk store (ASSISTANT_CHROMA_URL)")
    parser.add_argument("--embedding-model", help="local path or model id (ASSISTANT_EMBEDDING_MODEL)")
    parser.add_argument("--llm-model", help="LLM name, or .gguf path for llamacpp (ASSISTANT_LLM_MODEL)")
    parser.add_argument("--llm-base-url", help="LLM server, e.g. http://127.0.0.1:11434 (ASSISTANT_LLM_BASE_URL)")
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
    ask.add_argument("--generator", choices=GENERATORS, help="who writes the answer (ASSISTANT_GENERATOR)")
    ask.set_defaults(handler=_ask)

    evaluate = sub.add_parser("eval", help="run a golden set through the chat's chain and write a scored report")
    evaluate.add_argument("--dataset", type=Path, required=True, help="JSON lines with RAGAS fields (user_input, reference, ...)")
    evaluate.add_argument("--out", type=Path, required=True, help="folder for results.jsonl, report.json and report.html")
    evaluate.add_argument("--generator", help="who writes the answers (ASSISTANT_GENERATOR)")
    evaluate.add_argument("--baseline", type=Path, help="an earlier report (folder or report.json) to compare against")
    evaluate.add_argument("--no-sweep", action="store_true", help="skip the refusal-threshold sweep")
    evaluate.add_argument("--quiet", action="store_true", help="no progress bar")
    evaluate.add_argument(
        "--corpus", type=Path, nargs="+", metavar="DIR",
        help="evaluate against a fresh temporary store holding only these folders or files (your store is left alone)",
    )
    evaluate.add_argument("--split", choices=("tune", "check"), help="only the items whose `split` field is this")
    evaluate.add_argument("--limit", type=int, metavar="N", help="only the first N items (after --split)")
    evaluate.set_defaults(handler=_eval)

    beir = sub.add_parser("eval-retrieval", help="benchmark dense, BM25 and hybrid retrieval on a BEIR dataset")
    beir.add_argument("--beir", type=Path, required=True, help="folder with corpus.jsonl, queries.jsonl and qrels/")
    beir.add_argument("--split", default="test", help="qrels file to score against: test, train or dev (default: test)")
    beir.add_argument("--out", type=Path, help="also write the result as JSON to this file")
    beir.add_argument("--store", type=Path, help="keep the benchmark's store in this folder and reuse it (default: a temporary one)")
    beir.add_argument("--quiet", action="store_true", help="no progress bars")
    beir.set_defaults(handler=_eval_retrieval)

    serve = sub.add_parser("serve", help="serve the web chat")
    serve.add_argument("--host", help="address to listen on (ASSISTANT_HOST)")
    serve.add_argument("--port", type=int, help="port (ASSISTANT_PORT)")
    serve.add_argument("--ingest", action="store_true", help="sync the corpus folder before serving")
    serve.add_argument("--generator", choices=GENERATORS, help="who writes the answers (ASSISTANT_GENERATOR)")
    serve.set_defaults(handler=_serve)
    return parser


def _overrides(args: argparse.Namespace) -> dict:
    names = ("data_dir", "corpus_dir", "chroma_url", "embedding_model", "host", "port", "k", "generator", "llm_model", "llm_base_url")
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
    assistant = _assistant(settings)
    if not args.json and sys.stdout.isatty() and getattr(assistant.generator, "streams", False):
        answer = _streamed(assistant, args.question, history)
    else:
        answer = assistant.ask(args.question, history)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return 0
    print(answer.answer)
    for c in answer.citations:
        print(f"  [{c.marker}] {c.source} ({c.start}-{c.end}): “{c.quote}”")
    return 0


def _streamed(assistant, question: str, history):
    """Show the model's draft as it is written (dimmed), then replace it with the verified answer."""
    import shutil

    shown = ""
    for piece in assistant.stream(question, history):
        if not isinstance(piece, str):
            break
        shown += piece
        sys.stdout.write("\x1b[2m" + piece + "\x1b[0m")
        sys.stdout.flush()
    if shown:
        width = shutil.get_terminal_size().columns
        rows = sum(max(1, -(-len(line) // width)) for line in shown.split("\n"))
        sys.stdout.write("\r" + (f"\x1b[{rows - 1}A" if rows > 1 else "") + "\x1b[J")
    return piece


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


def _eval(args, settings: Settings) -> int:
    from .evaluation.runner import corpus_assistant, evaluate, load_dataset, select

    progress = not args.quiet and sys.stderr.isatty()
    options = dict(progress=progress, with_sweep=not args.no_sweep, baseline=args.baseline, split=args.split, limit=args.limit)
    if args.corpus:
        select(load_dataset(args.dataset), args.split, args.limit)  # a bad dataset stops the run before the ingest
        with corpus_assistant(settings, args.corpus, progress=progress) as (assistant, ingested):
            for line in ingested.skipped + ingested.failed:
                print(f"Not ingested: {line}", file=sys.stderr)
            print(f"Temporary store: {ingested.summary()}")
            report = evaluate(assistant, args.dataset, args.out, corpus=args.corpus, **options)
    else:
        report = evaluate(_assistant(settings), args.dataset, args.out, **options)
    o = report["overall"]
    print(
        f"{o['items']} items: answer correctness {_num(o['answer_correctness'])}, refusal accuracy {_num(o['refusal_accuracy'])}, "
        f"false refusals {_num(o['false_refusal_rate'])}, citation validity {_num(o['citation_validity'])}, hit@5 {_num(o['hit@5'])}."
    )
    sections = [f"{name.replace('_', ' ')} {_num(o.get(name))}" for name in ("quotes_results", "quotes_only_background", "first_citation_from_reference") if o.get(name) is not None]
    print(", ".join([f"Refused {_num(o.get('refused'))}", f"whole-sentence quotes {_num(o.get('whole_sentence_quotes'))}", *sections]) + ".")
    print(f"Report: {args.out / 'report.html'}")
    return 0


def _num(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _eval_retrieval(args, settings: Settings) -> int:
    from .evaluation.beir import benchmark, format_table, load_beir

    dataset = load_beir(args.beir, args.split)
    result = benchmark(dataset, settings, store_dir=args.store, progress=not args.quiet and sys.stderr.isatty())
    print(format_table(result))
    if args.out:
        try:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            raise AssistantError(f"Cannot write {args.out}: {error.strerror}.") from error
        print(f"Wrote {args.out}")
    return 0


def _serve(args, settings: Settings) -> int:
    from .web.app import serve

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
    for name in ("chromadb", "sentence_transformers", "transformers", "httpx", "bm25s", "pypdf"):
        logging.getLogger(name).setLevel(logging.ERROR)


if __name__ == "__main__":
    sys.exit(main())
