"""The evaluation report as one self-contained HTML page: tables plus inline SVG plots (no plotting library)."""

from __future__ import annotations

from html import escape

# Metrics shown in the tables, in reading order; higher is better except where listed in LOWER_IS_BETTER.
COLUMNS = [
    "items", "hit@1", "hit@3", "hit@5", "mrr", "context_recall", "token_f1", "embedding_similarity",
    "answer_correctness", "citations", "citation_validity", "citation_support", "refusal_accuracy",
    "false_refusal_rate", "decision_accuracy", "answered_with_reference", "refused", "whole_sentence_quotes", "quotes_results",
    "quotes_only_background", "first_citation_from_reference",
]
LOWER_IS_BETTER = {"false_refusal_rate", "quotes_only_background"}
NEUTRAL = {"refused"}  # a change is neither better nor worse by itself
COLOURS = ["#3366cc", "#dc3912", "#109618", "#ff9900", "#990099"]

CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child,td.text{text-align:left}
td.text{max-width:28rem}
tr.miss{background:#fde8e8}
tr.current{background:#fff6d5}
.up{color:#17803d}.down{color:#b42318}
figure{display:inline-block;margin:0 2rem 1rem 0}
figcaption{font-size:.85rem;color:#555}
code{background:#f3f3f3;padding:0 .2rem}
"""


def render_html(report: dict, rows: list[dict]) -> str:
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<title>Answer-quality report</title><style>", CSS, "</style></head><body>",
        "<h1>Answer-quality report</h1>",
        _summary(report),
        "<h2>Overall</h2>", _overall(report),
        "<h2>Per category</h2>", _table(report["per_category"]), _category_plot(report["per_category"]),
        "<h2>Latency</h2>", _latency(report, rows),
        "<h2>Refusal threshold</h2>", _sweeps(report.get("threshold_sweep", {})),
        "<h2>Misses</h2>", _failures(report["failures"]),
        "<h2>Items</h2>", _items(rows),
        "<h2>Definitions</h2>", _definitions(report["definitions"]),
        "</body></html>",
    ]
    return "\n".join(parts)


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))


def _summary(report: dict) -> str:
    d, s = report["dataset"], report["settings"]
    docs = ", ".join(escape(x["source"]) for x in report["documents"])
    knobs = ", ".join(f"{escape(k)}={_fmt(v)}" for k, v in s.items())
    chosen = "".join(f", {name} {escape(str(d[name]))}" for name in ("split", "limit") if d.get(name) is not None)
    corpus = report.get("corpus")
    store = f"<br>Store: a temporary one built from {', '.join(f'<code>{escape(c)}</code>' for c in corpus)}." if corpus else ""
    return (
        f"<p>Dataset <code>{escape(d['path'])}</code> ({d['items']} items{chosen}, sha256 {d['sha256'][:12]}).{store}<br>"
        f"Generator <b>{escape(str(report['generator']))}</b>, run {escape(report['created'])}.<br>"
        f"Documents: {docs or 'none'}.<br>Settings: {knobs}.</p>"
    )


def _overall(report: dict) -> str:
    overall = report["overall"]
    old = report.get("baseline", {}).get("overall", {})
    head = "<tr><th>metric</th><th>value</th>" + ("<th>baseline</th><th>change</th>" if old else "") + "</tr>"
    body = []
    for name in COLUMNS:
        if name not in overall:
            continue
        cells = f"<td>{escape(name)}</td><td>{_fmt(overall[name])}</td>"
        if old:
            cells += f"<td>{_fmt(old.get(name))}</td><td>{_delta(name, overall[name], old.get(name))}</td>"
        body.append(f"<tr>{cells}</tr>")
    note = f"<p>Baseline: <code>{escape(report['baseline']['path'])}</code> ({escape(str(report['baseline'].get('created')))}).</p>" if old else ""
    return note + "<table>" + head + "".join(body) + "</table>"


def _delta(name: str, new, old) -> str:
    if not isinstance(new, (int, float)) or not isinstance(old, (int, float)) or new == old:
        return ""
    if name in NEUTRAL:
        return f"{new - old:+.3f}"
    better = (new < old) if name in LOWER_IS_BETTER else (new > old)
    return f'<span class="{"up" if better else "down"}">{new - old:+.3f}</span>'


def _table(groups: dict) -> str:
    head = "<tr><th>category</th>" + "".join(f"<th>{escape(c)}</th>" for c in COLUMNS) + "</tr>"
    body = "".join(
        f"<tr><td>{escape(name)}</td>" + "".join(f"<td>{_fmt(values.get(c))}</td>" for c in COLUMNS) + "</tr>"
        for name, values in groups.items()
    )
    return "<table>" + head + body + "</table>"


def _category_plot(groups: dict) -> str:
    """Horizontal bars per category: the metrics that apply to it (answering or refusing)."""
    shown = ["hit@5", "answer_correctness", "refusal_accuracy", "false_refusal_rate"]
    bar, gap, left, width = 9, 8, 110, 360
    rows = [(name, [(m, values.get(m)) for m in shown if values.get(m) is not None]) for name, values in groups.items()]
    height = sum(len(bars) * bar + gap for _, bars in rows) + 40
    out, y = [], 10
    for name, bars in rows:
        out.append(f'<text x="{left - 6}" y="{y + len(bars) * bar / 2 + 4}" text-anchor="end" font-size="11">{escape(name)}</text>')
        for metric, value in bars:
            colour = COLOURS[shown.index(metric)]
            out.append(f'<rect x="{left}" y="{y}" width="{value * width:.1f}" height="{bar - 1}" fill="{colour}"><title>{escape(metric)} {value:.3f}</title></rect>')
            y += bar
        y += gap
    out.append(_axis_ticks(left, width, y))
    legend = _legend(shown, 10, y + 30)
    svg = f'<svg width="{max(left + width + 30, 560)}" height="{height + 20}" role="img" aria-label="per-category scores">{"".join(out)}{legend}</svg>'
    return f"<figure>{svg}<figcaption>Per-category scores (0 to 1).</figcaption></figure>"


def _axis_ticks(left: int, width: int, y: int) -> str:
    ticks = []
    for i in range(6):
        x = left + width * i / 5
        ticks.append(f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 4}" stroke="#888"/><text x="{x}" y="{y + 14}" font-size="10" text-anchor="middle">{i / 5:.1f}</text>')
    return f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#888"/>' + "".join(ticks)


def _legend(names: list[str], x: float, y: float) -> str:
    out = []
    for i, name in enumerate(names):
        out.append(f'<rect x="{x:.0f}" y="{y - 8}" width="10" height="10" fill="{COLOURS[i]}"/><text x="{x + 14:.0f}" y="{y + 1}" font-size="11">{escape(name)}</text>')
        x += 24 + 6.5 * len(name)  # about the width of the label at this font size
    return "".join(out)


def _latency(report: dict, rows: list[dict]) -> str:
    stats = report["latency_ms"]
    text = ", ".join(f"{k} {v:.0f} ms" for k, v in stats.items())
    values = [r["latency_ms"] for r in rows]
    return f"<p>{text} (per item, model already loaded).</p>" + _histogram(values)


def _histogram(values: list[float], bins: int = 20) -> str:
    low, high = min(values), max(values)
    step = (high - low) / bins or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(int((v - low) / step), bins - 1)] += 1
    left, width, height = 40, 400, 140
    top = max(counts)
    bars = []
    for i, c in enumerate(counts):
        h = height * c / top
        bars.append(f'<rect x="{left + i * width / bins:.1f}" y="{10 + height - h:.1f}" width="{width / bins - 1:.1f}" height="{h:.1f}" fill="#3366cc"><title>{low + i * step:.0f}–{low + (i + 1) * step:.0f} ms: {c}</title></rect>')
    axis = (
        f'<line x1="{left}" y1="{10 + height}" x2="{left + width}" y2="{10 + height}" stroke="#888"/>'
        f'<text x="{left}" y="{height + 26}" font-size="10">{low:.0f} ms</text>'
        f'<text x="{left + width}" y="{height + 26}" font-size="10" text-anchor="end">{high:.0f} ms</text>'
        f'<text x="{left - 4}" y="18" font-size="10" text-anchor="end">{top}</text>'
    )
    svg = f'<svg width="{left + width + 20}" height="{height + 40}" role="img" aria-label="latency histogram">{"".join(bars)}{axis}</svg>'
    return f"<figure>{svg}<figcaption>Latency distribution (items per bin).</figcaption></figure>"


def _sweeps(sweeps: dict) -> str:
    if not sweeps:
        return "<p>No sweep in this run (the generator has no refusal thresholds, or the sweep was skipped).</p>"
    out = ["<p>Each threshold varied alone, the others at their configured values. Pick the value where refusal accuracy is high and false refusals are low.</p>"]
    for setting, data in sweeps.items():
        out.append(_line_plot(setting, data))
        head = "<tr><th>" + escape(setting) + "</th><th>refusal_accuracy</th><th>false_refusal_rate</th><th>decision_accuracy</th></tr>"
        body = "".join(
            f"<tr{' class=current' if p['value'] == data['current'] else ''}><td>{p['value']:.2f}{' (current)' if p['value'] == data['current'] else ''}</td>"
            f"<td>{_fmt(p['refusal_accuracy'])}</td><td>{_fmt(p['false_refusal_rate'])}</td><td>{_fmt(p['decision_accuracy'])}</td></tr>"
            for p in data["points"]
        )
        out.append("<table>" + head + body + "</table>")
    return "\n".join(out)


def _line_plot(setting: str, data: dict) -> str:
    series = ["refusal_accuracy", "false_refusal_rate", "decision_accuracy"]
    points = data["points"]
    xs = [p["value"] for p in points]
    lo, hi = min(xs), max(xs)
    left, width, height, top = 40, 380, 180, 10

    def px(x: float) -> float:
        return left + width * (x - lo) / ((hi - lo) or 1)

    def py(y: float) -> float:
        return top + height * (1 - y)

    out = [f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" stroke="#bbb"/>']
    for i in range(6):
        out.append(f'<text x="{left - 4}" y="{py(i / 5) + 3:.1f}" font-size="10" text-anchor="end">{i / 5:.1f}</text>')
    for x in xs[:: max(len(xs) // 6, 1)]:
        out.append(f'<text x="{px(x):.1f}" y="{top + height + 14}" font-size="10" text-anchor="middle">{x:.2f}</text>')
    current = data["current"]
    if lo <= current <= hi:
        out.append(f'<line x1="{px(current):.1f}" y1="{top}" x2="{px(current):.1f}" y2="{top + height}" stroke="#999" stroke-dasharray="4 3"><title>current {current}</title></line>')
    for i, name in enumerate(series):
        coords = " ".join(f"{px(p['value']):.1f},{py(p[name]):.1f}" for p in points if p[name] is not None)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{COLOURS[i]}" stroke-width="2"/>')
    out.append(_legend(series, 10, top + height + 34))
    svg = f'<svg width="{max(left + width + 20, 470)}" height="{top + height + 50}" role="img" aria-label="sweep of {escape(setting)}">{"".join(out)}</svg>'
    return f"<figure>{svg}<figcaption>{escape(setting)} (dashed: current value)</figcaption></figure>"


def _failures(failures: dict) -> str:
    items = "".join(f"<li>{escape(name)}: {', '.join(escape(i) for i in ids) or 'none'}</li>" for name, ids in failures.items())
    return f"<ul>{items}</ul>"


def _items(rows: list[dict]) -> str:
    head = "<tr><th>id</th><th>category</th><th>question</th><th>answer</th><th>refused</th><th>correctness</th><th>hit@5</th><th>citations valid</th><th>ms</th></tr>"
    body = []
    for r in rows:
        s = r["scores"]
        miss = r["refused"] == r["answerable"] or s["valid_citations"] < s["citations"]
        body.append(
            f"<tr{' class=miss' if miss else ''}><td>{escape(r['id'])}</td><td>{escape(r['category'])}</td>"
            f"<td class=text>{escape(r['user_input'])}</td><td class=text>{escape(r['response'])}</td>"
            f"<td>{'yes' if r['refused'] else 'no'}</td><td>{_fmt(s['answer_correctness'])}</td><td>{_fmt(s['hit@5'])}</td>"
            f"<td>{s['valid_citations']}/{s['citations']}</td><td>{r['latency_ms']:.0f}</td></tr>"
        )
    return "<p>Rows in red: a wrong refusal decision or an invalid citation.</p><table>" + head + "".join(body) + "</table>"


def _definitions(definitions: dict) -> str:
    return "<dl>" + "".join(f"<dt><b>{escape(k)}</b></dt><dd>{escape(v)}</dd>" for k, v in definitions.items()) + "</dl>"
