"""A 30-page PDF in a real Chromium: uploaded on the corpus page, asked about, and its citation opened on the page it
was printed on, drawn with the quote highlighted. The fake embedding keeps it fast; the page, the store, the PDF
and the browser are real."""

import io
from pathlib import Path

import pytest

from assistant.corpus.store import make_client
from assistant.service import Assistant
from assistant.web.app import serve

from .browser import ask, chromium_page
from .conftest import make_project, settings_for
from .fakes import FakeEmbedder
from .pdfs import ANIMALS, CHROMIUM, chromium_pdfs, survey_html
pytestmark = pytest.mark.browser


ASKED = 17  # the page the answer is printed on
HIGHLIGHT = (253, 233, 154)  # the highlight's yellow over white paper


@pytest.fixture(scope="module")
def survey_pdf(tmp_path_factory) -> Path:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install chromium`.")
    path = tmp_path_factory.mktemp("upload") / "survey.pdf"
    path.write_bytes(chromium_pdfs([survey_html(30)])[0])
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The page served on loopback (so the corpus page is open) over a real Chroma store, with the fake embedding."""
    root = make_project(tmp_path_factory.mktemp("browser-pdf"))
    settings = settings_for(root, port=7893)
    assistant = Assistant(settings, embedder=FakeEmbedder(), client=make_client(settings.data_path / "chroma"))
    assistant.ingest()
    app, url = serve(assistant, host="127.0.0.1", block=False)
    try:
        yield assistant, url
    finally:
        app.close()


@pytest.fixture(scope="module")
def page(survey_pdf, site, tmp_path_factory):
    """The chat in Chromium; the PDF is printed first (Playwright's sync API runs one session per thread)."""
    with chromium_page(tmp_path_factory.mktemp("chromium-profile"), site[1]) as tab:
        yield tab


def test_an_uploaded_pdf_is_cited_by_page_and_shown_with_the_highlight(site, page, survey_pdf):
    from PIL import Image
    from playwright.sync_api import expect

    assistant, _ = site
    page.get_by_role("tab", name="Corpus").click()
    page.set_input_files("#upload-files input[type=file]", str(survey_pdf))
    expect(page.locator("#upload-files")).to_contain_text("survey.pdf")
    page.click("#add-files")
    expect(page.locator("#corpus-status")).to_contain_text("Added corpus/survey.pdf.")
    assert assistant.store.document("corpus/survey.pdf").kind == "pdf"

    page.get_by_role("tab", name="Chat").click()
    reply = ask(page, f"How many {ANIMALS[ASKED - 1]} did the survey count at Pendle Water?")
    expect(reply.locator(".answer")).to_contain_text("57 pelicans")
    reply.locator("a.cite").first.click()

    viewer = page.locator("#viewer")
    expect(viewer.locator(".viewer-head")).to_contain_text(f"page {ASKED} of 30")
    expect(viewer.locator(".page-label")).to_contain_text(f"Page {ASKED} of 30, the quote highlighted on it")
    picture = viewer.locator(".pdf-page img")
    expect(picture).to_be_visible()
    assert picture.get_attribute("src").startswith("data:image/png;base64,")
    assert picture.evaluate("img => img.complete && img.naturalWidth") >= 780  # decoded, about 800 pixels wide
    expect(viewer.locator("mark")).to_have_text("The survey counted 57 pelicans at Pendle Water.")

    page.wait_for_timeout(500)  # the picture scrolls to its highlight
    shot = Image.open(io.BytesIO(viewer.locator(".page-scroll").screenshot())).convert("RGB")
    pixels = shot.load()
    lit = [
        (x, y)
        for x in range(shot.width)
        for y in range(shot.height)
        if all(abs(a - b) <= 16 for a, b in zip(pixels[x, y], HIGHLIGHT))
    ]
    assert len(lit) > 100, "no highlight visible on the page picture"
    # One printed line is highlighted, starting at the text's left margin (20 mm of the page's 210).
    assert max(y for _, y in lit) - min(y for _, y in lit) < 0.05 * shot.width
    assert abs(min(x for x, _ in lit) / shot.width - 20 / 210) < 0.03
