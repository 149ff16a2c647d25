"""Sanity check for article.jsonl: python3 check_article.py"""
import json, sys, collections, pathlib
HERE = pathlib.Path(__file__).resolve().parent
ARTICLE = pathlib.Path("/work/shared/article/car-t-glioblastoma.txt").read_text(encoding="utf-8")
CATS = {"factual", "paraphrase", "multi_passage", "follow_up", "unanswerable",
        "off_topic", "out_of_scope", "injection"}
REQ = {"id": str, "user_input": str, "reference": str, "reference_contexts": list,
       "answerable": bool, "category": str}
errs, ids, counts = [], set(), collections.Counter()
with open(HERE / "article.jsonl", encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            errs.append(f"line {n}: parse error {e}"); continue
        for k, t in REQ.items():
            if not isinstance(o.get(k), t):
                errs.append(f"line {n}: field {k} missing or not {t.__name__}")
        i = o.get("id")
        if i in ids: errs.append(f"line {n}: duplicate id {i}")
        ids.add(i)
        if o.get("category") not in CATS: errs.append(f"{i}: bad category")
        counts[o.get("category")] += 1
        if not str(o.get("user_input", "")).strip(): errs.append(f"{i}: empty user_input")
        ctx = o.get("reference_contexts") or []
        for c in ctx:
            if not isinstance(c, str) or c not in ARTICLE:
                errs.append(f"{i}: context not a verbatim substring: {c!r}")
        if o.get("answerable"):
            if not o.get("reference", "").strip() or not ctx:
                errs.append(f"{i}: answerable but empty reference/contexts")
        else:
            if o.get("reference") != "" or ctx != []:
                errs.append(f"{i}: unanswerable but non-empty reference/contexts")
        if "history" in o:
            h = o["history"]
            if o.get("category") != "follow_up": errs.append(f"{i}: history on non-follow_up")
            if not (isinstance(h, list) and h and all(
                    isinstance(m, dict) and m.get("role") in ("user", "assistant")
                    and isinstance(m.get("content"), str) and m["content"] for m in h)):
                errs.append(f"{i}: bad history")
        elif o.get("category") == "follow_up":
            errs.append(f"{i}: follow_up without history")
        if o.get("category") == "multi_passage" and len(ctx) < 2:
            errs.append(f"{i}: multi_passage needs >=2 contexts")
print(dict(counts), "total", sum(counts.values()))
print("\n".join(errs) if errs else "OK: all checks passed")
sys.exit(1 if errs else 0)
