"""Build development data from PubMedQA's expert-labelled dev items (PQA-L, the 500 outside the test split).

Writes, relative to the project root:

- `eval/corpora/pubmedqa-dev/<pmid>.txt`: one document per abstract, its CONTEXTS sections joined in order and
  separated by a blank line, without the section labels; beside it `<pmid>.txt.meta.json` with the title
  `PubMed <pmid>` (not the question, which would give the answer's document away to keyword search);
- `eval/datasets/pubmedqa-dev.jsonl`: one item per abstract, in the golden-set format plus `reference_source`,
  `sections` and `split` (see eval/datasets/README.md).

    .venv/bin/python eval/build_pubmedqa.py [--source ../shared/data/pubmedqa-dev/pqal_dev.json]

Deterministic: the same source gives byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("../shared/data/pubmedqa-dev/pqal_dev.json")
CORPUS = Path("eval/corpora/pubmedqa-dev")
DATASET = Path("eval/datasets/pubmedqa-dev.jsonl")
RESULTS_MARKS = ("RESULT", "FINDING")


def splits(pmids) -> dict[str, str]:
    """`tune` or `check` per pmid: ordered by the pmid's SHA-256, the first half tunes and the second half checks."""
    ordered = sorted(pmids, key=lambda pmid: hashlib.sha256(pmid.encode("utf-8")).hexdigest())
    half = (len(ordered) + 1) // 2
    return {pmid: "tune" if rank < half else "check" for rank, pmid in enumerate(ordered)}


def is_results(label: str) -> bool:
    return any(mark in label.upper() for mark in RESULTS_MARKS)


def document_text(entry: dict) -> str:
    return "\n\n".join(c.strip() for c in entry["CONTEXTS"]) + "\n"


def item(pmid: str, entry: dict, split: str) -> dict:
    labels, contexts = entry["LABELS"], [c.strip() for c in entry["CONTEXTS"]]
    if len(labels) != len(contexts):
        raise ValueError(f"{pmid}: {len(labels)} labels for {len(contexts)} sections")
    return {
        "id": f"pqa-{pmid}",
        "user_input": entry["QUESTION"],
        "reference": entry["LONG_ANSWER"],
        "reference_contexts": [text for label, text in zip(labels, contexts) if is_results(label)],
        "answerable": True,
        "category": f"pubmedqa-{entry['final_decision']}",
        "reference_source": (CORPUS / f"{pmid}.txt").as_posix(),
        "sections": [{"label": label, "text": text} for label, text in zip(labels, contexts)],
        "split": split,
    }


def build(source: Path, root: Path = ROOT) -> dict:
    data = json.loads(source.read_text(encoding="utf-8"))
    corpus, dataset = root / CORPUS, root / DATASET
    corpus.mkdir(parents=True, exist_ok=True)
    for old in list(corpus.glob("*.txt")) + list(corpus.glob("*.txt.meta.json")):
        old.unlink()  # an abstract dropped from the source must not linger in the corpus
    items, split = [], splits(data)
    for pmid in sorted(data, key=int):
        entry = data[pmid]
        text = document_text(entry)
        (corpus / f"{pmid}.txt").write_text(text, encoding="utf-8")
        (corpus / f"{pmid}.txt.meta.json").write_text(json.dumps({"title": f"PubMed {pmid}"}) + "\n", encoding="utf-8")
        row = item(pmid, entry, split[pmid])
        assert all(s["text"] in text for s in row["sections"])
        items.append(row)
    dataset.parent.mkdir(parents=True, exist_ok=True)
    dataset.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    counts = {s: sum(i["split"] == s for i in items) for s in ("tune", "check")}
    return {"items": len(items), "splits": counts, "without_results": sum(not i["reference_contexts"] for i in items)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="pqal_dev.json (relative paths are from the project root)")
    args = parser.parse_args(argv)
    source = args.source if args.source.is_absolute() else ROOT / args.source
    if not source.is_file():
        print(f"Error: {source} does not exist.", file=sys.stderr)
        return 2
    summary = build(source)
    print(f"Wrote {summary['items']} documents to {CORPUS}/ and {DATASET} "
          f"(tune {summary['splits']['tune']}, check {summary['splits']['check']}; "
          f"{summary['without_results']} abstracts have no RESULTS-like section, so no reference contexts).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
