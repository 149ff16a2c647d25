"""Tiny PDF files built byte by byte, so tests need no PDF-writing library."""

from __future__ import annotations


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (ASCII), with a correct cross-reference table."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# -- real PDFs, printed by Chromium from HTML with known text on known pages -----------------------------------------
CHROMIUM = "/usr/bin/chromium"
ANIMALS = (
    "otters badgers herons foxes beavers ospreys lynxes martens voles hedgehogs "
    "puffins gannets walruses bison ibexes marmots pelicans cranes storks egrets "
    "ferrets weasels squirrels kestrels falcons harriers plovers curlews lemmings moose"
).split()
PLACES = (
    "Ashdown Alder Brackley Carrow Dunmere Elsworth Fenwick Garrow Hallam Islay "
    "Jarrow Kelso Larkhill Morden Netley Orford Pendle Quarry Rydal Selsey "
    "Tarrant Ulva Vexford Wenlock Yarrow Zennor Bramber Coniston Dovedale Exmoor"
).split()
SURVEY_HEADER = "Northwind Wildlife Survey Report"
SURVEY_FOOTER = "Confidential draft"

_PRINT_CSS = """
@page { size: A4; margin: 0; }
body { margin: 0; font-family: sans-serif; font-size: 14pt; }
.head { position: fixed; top: 8mm; left: 20mm; font-size: 10pt; }
.foot { position: fixed; bottom: 8mm; left: 20mm; font-size: 10pt; }
.page { height: 297mm; box-sizing: border-box; padding: 30mm 20mm; position: relative; break-after: page; overflow: hidden; }
.number { position: absolute; bottom: 18mm; right: 20mm; font-size: 10pt; }
.columns { columns: 2; column-gap: 12mm; }
.narrow { width: 30mm; hyphens: manual; }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 12mm; font-size: 11pt; }
"""


def survey_sentence(page: int) -> str:
    """The sentence only page `page` (1-based) of the survey holds."""
    return f"The survey counted {page + 40} {ANIMALS[page - 1]} at {PLACES[page - 1]} Water."


def survey_html(pages: int = 30) -> str:
    """A report of `pages` pages: a running header and footer (fixed divs repeat on every printed page), "Page N of M"
    at the bottom of each page, and on page N one heading and two sentences that are on no other page."""
    body = "".join(
        f'<section class="page"><h2>{ANIMALS[n - 1].capitalize()}</h2><p>{survey_sentence(n)} '
        f"The {ANIMALS[n - 1]} were seen mostly near the reed beds, and the team wrote them down one by one.</p>"
        f'<div class="number">Page {n} of {pages}</div></section>'
        for n in range(1, pages + 1)
    )
    return (
        f"<html><head><title>Wildlife survey</title><style>{_PRINT_CSS}</style></head><body>"
        f"<div class='head'>{SURVEY_HEADER}</div><div class='foot'>{SURVEY_FOOTER}</div>{body}</body></html>"
    )


LEFT = [f"Left side point {word} is made here." for word in "one two three four five six seven eight nine ten eleven twelve".split()]
RIGHT = [f"Right side point {word} is made here." for word in "one two three four five six seven eight nine ten eleven twelve".split()]


def columns_html() -> str:
    """Page 1: two columns (left column's sentences first), a narrow paragraph with words hyphenated at line ends by
    soft hyphens, and a lone page number at the bottom. Page 2: two columns whose paragraph gaps line up."""
    left = " ".join(s for s in LEFT for _ in (0, 1))  # each sentence twice: the column fills more lines
    right = " ".join(s for s in RIGHT for _ in (0, 1))
    return (
        f"<html><head><title>Columns</title><style>{_PRINT_CSS}</style></head><body><section class='page'>"
        f"<h1>Two columns</h1><div class='columns'><p>{left}</p><p>{right}</p></div>"
        "<p class='narrow'>The patients received immuno&shy;therapy and chemo&shy;therapy with extra&shy;ordinary results.</p>"
        "<div class='number'>2</div></section>"
        f"<section class='page'><div class='grid'>{_aligned('West')}{_aligned('East')}</div><div class='number'>3</div></section>"
        "</body></html>"
    )


def _aligned(side: str) -> str:
    """Paragraphs of equal height in each of two side-by-side columns, so the gaps between them line up."""
    return "<div>" + "".join(f"<p>{side} note {word} is one line long.</p>" for word in ("alpha", "beta", "gamma")) + "</div>"


def chromium_pdfs(htmls: list[str]) -> list[bytes]:
    """Each HTML printed to PDF by Debian's Chromium (through Playwright), in one browser start."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            for html in htmls:
                page.set_content(html)
                out.append(page.pdf(prefer_css_page_size=True, print_background=True))
        finally:
            browser.close()
    return out


def scan_pdf(pdf: bytes) -> bytes:
    """The first page of `pdf` as a picture only, the way a scanner makes a PDF: no text layer."""
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=1.5).to_pil().convert("RGB")
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PDF", resolution=108.0)
    return out.getvalue()


REPORT_ROWS = (("January", "4", "96"), ("February", "6", "412"), ("March", "5", "118"), ("Total", "15", "626"))
REPORT_STEPS = (
    "The police pass the incident to the duty leader through the paging system, with the caller's phone number and "
    "any location the caller has given.",
    "The duty leader phones the caller, where possible, to confirm where they are and what has gone wrong on the hill.",
)
REPORT_BULLETS = ("lower-leg injuries on paths and scree: 26", "lost walkers found and walked off the hill: 19")


def report_html() -> str:
    """A report as a browser prints one: sentence-case headings, a table, a numbered list whose items wrap under a
    hanging indent, a bulleted list (the bullets drawn, not written), and a heading at the top of the second page."""
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in REPORT_ROWS)
    steps = "".join(f"<li>{step}</li>" for step in REPORT_STEPS)
    bullets = "".join(f"<li>{item}</li>" for item in REPORT_BULLETS)
    return f"""<html><head><title>Rescue report</title><style>
@page {{ size: A4; margin: 20mm; }} body {{ font-family: sans-serif; font-size: 11pt; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #000; padding: 3pt 8pt; }}
h2.next {{ break-before: page; }}</style></head><body>
<h1>Valley Rescue Team</h1>
<h2>1. Call-outs</h2>
<p>Every call-out follows the same sequence of steps, set down by the team in its operating procedures.</p>
<ol>{steps}</ol>
<p>The table below gives the number of call-outs in each month and the hours given to them.</p>
<table><tr><th>Month</th><th>Call-outs</th><th>Hours</th></tr>{rows}</table>
<p>By type, the call-outs were:</p>
<ul>{bullets}</ul>
<p>Two of the lost walkers were found within the hour because they carried a beacon.</p>
<h2 class="next">Vehicles and kit</h2>
<p>The team bought a second stretcher in the spring.</p>
</body></html>"""


# A table whose cells wrap onto two or three lines in their narrow columns (the header's too).
WRAPPED_ROWS = (
    ("Primary pupils (reception to Year 6)", "more than 2 miles", "more than 1.5 miles from home"),
    ("Secondary pupils", "more than 3 miles by the shortest walking route", "2 to 6 miles to one of the three nearest schools"),
    ("Sixth form", "none", "none"),
)
WRAPPED_AFTER = "Families who move house during the school year must tell the transport team within ten days."


def wrapped_table_html(align: str) -> str:
    """The wrapped table, its cells aligned `align` (top, middle or bottom) in their rows, and a paragraph after it."""
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in WRAPPED_ROWS)
    return f"""<html><head><style>
@page {{ size: A4; margin: 20mm; }} body {{ font-family: sans-serif; font-size: 11pt; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #000; padding: 4pt 6pt; width: 36mm; vertical-align: {align}; }}
</style></head><body>
<p>The table below gives the walking distance limits.</p>
<table><tr><th>Pupil group</th><th>Standard walking distance limit</th><th>Limit for low-income families</th></tr>{rows}</table>
<p>{WRAPPED_AFTER}</p>
</body></html>"""
