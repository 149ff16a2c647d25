"""PDFs printed by a real Chromium from HTML with known text on known pages: pages kept apart by form feeds, running
headers, footers and page numbers dropped, two columns read in order, hyphens kept, scans refused; and the viewer's
page image with the quote highlighted where it stands."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest

from assistant.corpus.documents import load
from assistant.corpus.pdf import CELL_GAP, PAGE_BREAK, _span_boxes, page_of
from assistant.reader.segment import segment
from assistant.errors import DocumentError
from assistant.web.feedback import FeedbackLog
from assistant.web.handlers import Chat

from .pdfs import (
    ANIMALS,
    CHROMIUM,
    REPORT_BULLETS,
    REPORT_ROWS,
    REPORT_STEPS,
    LEFT,
    RIGHT,
    SURVEY_FOOTER,
    SURVEY_HEADER,
    WRAPPED_AFTER,
    WRAPPED_ROWS,
    chromium_pdfs,
    columns_html,
    report_html,
    scan_pdf,
    survey_html,
    survey_sentence,
    wrapped_table_html,
)

PAGES = 30
ASKED = 17  # the survey page the question's answer is on
HIGHLIGHT = (253, 233, 154)  # the highlight's yellow as it looks over white paper


@pytest.fixture(scope="module")
def printed() -> dict[str, bytes]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install chromium`.")
    survey, columns = chromium_pdfs([survey_html(PAGES), columns_html()])
    return {"survey": survey, "columns": columns, "scan": scan_pdf(survey)}


def _load(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return load(path, tmp_path)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_each_page_holds_its_own_sentences_and_no_others(tmp_path, printed):
    doc = _load(tmp_path, "survey.pdf", printed["survey"])
    pages = doc.text.split(PAGE_BREAK)
    assert len(pages) == PAGES and not doc.text.startswith(PAGE_BREAK) and not doc.text.endswith(PAGE_BREAK)
    for number, page in enumerate(pages, start=1):
        assert survey_sentence(number) in _flat(page), number
        assert page.startswith(ANIMALS[number - 1].capitalize()), number
        others = [n for n in range(1, PAGES + 1) if n != number and survey_sentence(n) in _flat(page)]
        assert others == [], number
    assert doc.title == "Wildlife survey" and doc.kind == "pdf"


def test_running_header_footer_and_page_numbers_are_not_stored(tmp_path, printed):
    text = _load(tmp_path, "survey.pdf", printed["survey"]).text
    assert SURVEY_HEADER not in text and SURVEY_FOOTER not in text
    assert not re.search(r"Page \d+ of \d+", text)
    columns = _load(tmp_path, "columns.pdf", printed["columns"]).text
    assert not [line for line in columns.splitlines() if line.strip().isdigit()]  # the lone "2" and "3"


def test_page_of_an_offset_is_the_page_it_was_printed_on(tmp_path, printed):
    text = _load(tmp_path, "survey.pdf", printed["survey"]).text
    for number in (1, 2, ASKED, PAGES):
        first_words = survey_sentence(number)[:30]
        assert page_of(text, text.index(first_words)) == number
    assert page_of(text, 0) == 1 and page_of(text, len(text)) == PAGES


def test_two_columns_are_read_one_after_the_other(tmp_path, printed):
    text = _load(tmp_path, "columns.pdf", printed["columns"]).text
    first, second = text.split(PAGE_BREAK)
    flat = _flat(first)
    positions = [flat.index(sentence) for sentence in LEFT + RIGHT]
    assert positions == sorted(positions)  # every left sentence, in order, then every right one
    assert flat.index("Two columns") < positions[0]
    # Paragraph gaps that line up across the gutter do not interleave the columns.
    notes = [f"{side} note {word}" for side in ("West", "East") for word in ("alpha", "beta", "gamma")]
    positions = [second.index(note) for note in notes]
    assert positions == sorted(positions)


def test_hyphenated_line_ends_are_kept_verbatim(tmp_path, printed):
    text = _load(tmp_path, "columns.pdf", printed["columns"]).text
    assert re.search(r"immuno[-‐\u00ad]\ntherapy", text) and re.search(r"chemo[-‐\u00ad]\ntherapy", text)
    assert "immunotherapy" not in text


def test_a_scan_is_refused_with_one_sentence_and_nothing_stored(fake_assistant, printed):
    path = fake_assistant.settings.corpus_path / "scan.pdf"
    path.write_bytes(printed["scan"])
    with pytest.raises(DocumentError) as caught:
        load(path, fake_assistant.settings.root)
    message = str(caught.value)
    assert message.startswith("scan.pdf: has no text layer") and message.count(". ") == 0 and message.endswith(".")
    report = fake_assistant.ingest()
    assert [m for m in report.failed if "scan.pdf" in m] == [message]
    assert fake_assistant.store.document("corpus/scan.pdf") is None
    assert [r.source for r in fake_assistant.documents()] == ["corpus/car-t-glioblastoma.txt"]


@pytest.fixture
def survey_assistant(fake_assistant, printed):
    (fake_assistant.settings.corpus_path / "survey.pdf").write_bytes(printed["survey"])
    report = fake_assistant.ingest()
    assert "corpus/survey.pdf" in report.added
    return fake_assistant


def _asked_citation(assistant):
    answer = assistant.ask(f"How many {ANIMALS[ASKED - 1]} did the survey count at Pendle Water?")
    citations = [c for c in answer.citations if c.source == "corpus/survey.pdf"]
    assert citations, answer.answer
    return citations[0]


def test_a_citation_of_a_pdf_is_on_the_page_its_quote_was_printed_on(survey_assistant):
    citation = _asked_citation(survey_assistant)
    text = survey_assistant.store.document_text("corpus/survey.pdf")
    assert text[citation.start : citation.end] == citation.quote
    assert page_of(text, citation.start) == ASKED
    if citation.page is not None:  # cite() fills it from the same arithmetic
        assert citation.page == ASKED


def _png(html: str):
    from PIL import Image

    match = re.search(r'src="data:image/png;base64,([^"]+)"', html)
    assert match, html[:300]
    return Image.open(io.BytesIO(base64.b64decode(match.group(1)))).convert("RGB")


def _highlighted(pixel) -> bool:
    return all(abs(a - b) <= 14 for a, b in zip(pixel, HIGHLIGHT))


def _quote_region(pdf: Path, page_index: int, quote: str, scale: float) -> tuple[float, float, float, float]:
    """Where the quote's characters are on the page, in image pixels, found by PDFium's own text search."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[page_index]
        height = page.get_height()
        textpage = page.get_textpage()
        boxes = []
        for piece in quote.split("\n"):
            found = textpage.search(piece, match_case=True).get_next()
            assert found, piece
            boxes += [textpage.get_charbox(i) for i in range(found[0], found[0] + found[1])]
    finally:
        document.close()
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return left * scale, (height - top) * scale, right * scale, (height - bottom) * scale


def test_the_viewer_shows_the_cited_page_with_the_quote_highlighted_where_it_is(survey_assistant, tmp_path):
    citation = _asked_citation(survey_assistant)
    chat = Chat(survey_assistant, FeedbackLog(tmp_path / "feedback.jsonl"))
    html = chat.open_document(citation.source, citation.start, citation.end)
    assert f"page {ASKED} of {PAGES}" in html and "<mark id='doc-mark'>" in html
    image = _png(html)
    assert 780 <= image.width <= 820 and image.height > image.width  # an A4 page about 800 pixels wide

    pdf = survey_assistant.settings.root / "corpus" / "survey.pdf"
    left, top, right, bottom = _quote_region(pdf, ASKED - 1, citation.quote, image.width / 595.92)
    pixels = image.load()
    lit = [(x, y) for x in range(0, image.width, 2) for y in range(0, image.height, 2) if _highlighted(pixels[x, y])]
    assert len(lit) > 200  # a visible highlight
    inside = [(x, y) for x, y in lit if left - 4 <= x <= right + 4 and top - 4 <= y <= bottom + 4]
    assert len(inside) >= 0.95 * len(lit)  # and it is where the quote is printed, nowhere else
    assert min(x for x, _ in lit) <= left + 8 and max(x for x, _ in lit) >= right - 8

    again = chat.open_document(citation.source, citation.start, citation.end)
    assert again == html  # drawn once, then served from the cache


def test_the_viewer_falls_back_to_the_text_when_the_pdf_file_is_gone(survey_assistant, tmp_path):
    citation = _asked_citation(survey_assistant)
    (survey_assistant.settings.root / citation.source).unlink()
    html = Chat(survey_assistant, FeedbackLog(tmp_path / "feedback.jsonl")).open_document(citation.source, citation.start, citation.end)
    assert "data:image/png" not in html and "<mark id='doc-mark'>" in html
    assert 'class="page-break"' in html  # the text view still shows where pages end


def test_no_page_is_named_for_text_stored_without_pages(tmp_path, printed):
    from assistant.corpus.pdf import highlighted_page

    path = tmp_path / "survey.pdf"
    path.write_bytes(printed["survey"])
    text = load(path, tmp_path).text
    start = text.index(survey_sentence(ASKED))
    assert highlighted_page(path, text, start, start + 20).page == ASKED
    old = text.replace(PAGE_BREAK, "\n\n")  # how PDFs were stored before pages were kept
    assert highlighted_page(path, old, start, start + 20) is None
    assert highlighted_page(tmp_path / "gone.pdf", text, start, start + 20) is None


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install chromium`.")
    return chromium_pdfs([report_html()])[0]


def test_a_printed_report_reads_as_its_rows_items_and_headings(tmp_path, report_pdf):
    text = _load(tmp_path, "report.pdf", report_pdf).text
    # A table row is one line, its cells apart as an HTML table's are read; the header row too.
    assert f"Month{CELL_GAP}Call-outs{CELL_GAP}Hours" in text
    for row in REPORT_ROWS:
        assert CELL_GAP.join(row) in text, row
    sentences = segment(text)
    rows = [s for s in sentences if s.kind == "row"]
    assert [s.reading for s in rows][-len(REPORT_ROWS) :] == [CELL_GAP.join(row) for row in REPORT_ROWS]
    assert all(s.header == CELL_GAP.join(("Month", "Call-outs", "Hours")) for s in rows[-len(REPORT_ROWS) :])
    # A numbered item that wraps under its hanging indent is one item, and a drawn bullet reads as a bullet.
    items = [s.reading for s in sentences if s.kind == "item"]
    assert [step for step in REPORT_STEPS if step in items] == list(REPORT_STEPS), items
    assert [b for b in REPORT_BULLETS if b in items] == list(REPORT_BULLETS) and f"• {REPORT_BULLETS[0]}" in text
    # Headings: one in sentence case after its number, and one at the top of a page after a finished sentence.
    headings = [s.reading for s in sentences if s.kind == "heading"]
    assert "Call-outs" in headings and "Vehicles and kit" in headings, headings
    stretcher = next(s for s in sentences if "second stretcher" in s.reading)
    assert stretcher.section and stretcher.section.endswith("Vehicles and kit")
    assert page_of(text, stretcher.start) == 2


def test_a_table_row_of_a_pdf_is_highlighted_cell_by_cell(tmp_path, report_pdf):
    text = _load(tmp_path, "report.pdf", report_pdf).text
    row = CELL_GAP.join(REPORT_ROWS[1])
    start = text.index(row)
    boxes = _span_boxes(report_pdf, "report.pdf", 0, text.split(PAGE_BREAK)[0], (start, start + len(row)))
    assert len(boxes) == len("".join(REPORT_ROWS[1]))  # every printed character, none for what is put between cells
    assert len({round(box[1]) for box in boxes}) == 1  # all on the row's line


@pytest.fixture(scope="module")
def wrapped_pdfs() -> list[bytes]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install chromium`.")
    return chromium_pdfs([wrapped_table_html(align) for align in ("top", "middle", "bottom")])


@pytest.mark.parametrize("which", [0, 1, 2], ids=["top", "middle", "bottom"])
def test_a_table_row_whose_cells_wrap_reads_as_one_row(tmp_path, wrapped_pdfs, which):
    text = _load(tmp_path, "limits.pdf", wrapped_pdfs[which]).text
    # Each row one line, each cell's wrapped lines joined where they were cut; the paragraph after it untouched.
    assert CELL_GAP.join(("Pupil group", "Standard walking distance limit", "Limit for low-income families")) in text
    for row in WRAPPED_ROWS:
        assert CELL_GAP.join(row) in text, (row, text)
    assert WRAPPED_AFTER in " ".join(text.split())
    rows = [s for s in segment(text) if s.kind == "row"]
    assert [s.reading for s in rows][-len(WRAPPED_ROWS) :] == [CELL_GAP.join(row) for row in WRAPPED_ROWS]
    assert all(s.header == "Pupil group | Standard walking distance limit | Limit for low-income families" for s in rows[1:])
