"""The page in a real browser (Debian's Chromium through Playwright), served with the real model and a real
Chroma store on disk: a cited answer whose citation opens the highlighted span, a visible refusal, markup
shown as text, feedback, and the password-protected corpus page. Saves docs/screenshot.png."""

import json
import shutil

import pytest

from assistant.service import Assistant
from assistant.web.app import serve

from .browser import TIMEOUT, ask, chromium_page
from .conftest import PROJECT, make_project, settings_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "browser-test-password"
QUOKKAS = "# Quokkas\n\nQuokkas are small marsupials. Quokkas live on Rottnest Island, off the coast of Western Australia.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory, real_embedder):
    """The real assistant (bundled model, Chroma on disk) served on loopback with an admin password."""
    root = make_project(tmp_path_factory.mktemp("browser"))
    assistant = Assistant(settings_for(root, port=7868, admin_password=PASSWORD), embedder=real_embedder)
    assert assistant.ingest().added == ["corpus/car-t-glioblastoma.txt"]
    app, url = serve(assistant, host="127.0.0.1", block=False)
    try:
        yield assistant, url
    finally:
        app.close()


@pytest.fixture(scope="module")
def browser_page(site, tmp_path_factory):
    with chromium_page(tmp_path_factory.mktemp("chromium-profile"), site[1]) as page:
        page.dialogs = []  # any alert() an injected payload managed to run
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page


_ask = ask


def _new_conversation(page):
    from playwright.sync_api import expect

    page.click("#new-conversation")
    expect(page.locator("#chat [data-testid='bot']")).to_have_count(0)


def test_a_question_gets_a_cited_answer_and_the_citation_opens_the_highlighted_span(site, browser_page):
    from playwright.sync_api import expect

    assistant, _ = site
    page = browser_page
    expect(page.locator("#chat button.example").first).to_be_visible()  # example questions on an empty chat
    reply = _ask(page, "What is CAR-T therapy?")
    marker = reply.locator("a.cite").first
    expect(marker).to_have_text("[1]")
    text = assistant.store.document_text("corpus/car-t-glioblastoma.txt")
    quote = page.locator("#sources mark").first.inner_text()
    assert quote and quote in text  # the highlighted quote is verbatim in the document

    marker.click()
    highlighted = page.locator("#viewer mark")
    expect(highlighted).to_have_text(quote)
    expect(highlighted).to_be_in_viewport()
    whole = page.locator("#viewer .doc-body").inner_text()
    assert text.split("\n")[0] in whole and text.strip().split("\n")[-1] in whole  # the whole document is there
    page.wait_for_timeout(800)  # let the smooth scroll to the highlight settle before the picture
    page.evaluate("() => window.scrollTo(0, 0)")
    (PROJECT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(PROJECT / "docs" / "screenshot.png"))

    page.click("#trace")  # the collapsed "how this answer was found"
    expect(page.locator("#trace .trace-box")).to_contain_text("Question searched for: What is CAR-T therapy?")
    expect(page.locator("#trace table.trace tbody tr").first).to_be_visible()
    page.click("#trace button, #trace .label-wrap")  # fold it again


def test_an_example_question_and_a_source_card_open_the_document_too(browser_page):
    from playwright.sync_api import expect

    page = browser_page
    _new_conversation(page)
    expect(page.locator("#viewer mark")).to_have_count(0)
    page.locator("#chat button.example", has_text="What is CAR-T therapy?").click()  # an example question
    expect(page.locator("#chat [data-testid='bot'] .answer")).to_have_count(1)
    card = page.locator("#sources a.source-card").first
    quote = card.locator("mark").inner_text()
    card.click()
    expect(page.locator("#viewer mark")).to_have_text(quote)


def test_an_off_topic_question_is_refused_visibly_with_the_closest_passages(browser_page):
    from playwright.sync_api import expect

    page = browser_page
    reply = _ask(page, "Who won the 2018 World Cup?")
    expect(reply.locator(".refusal")).to_be_visible()
    expect(reply.locator(".refusal-title")).to_have_text("Not in the documents")
    expect(reply.locator("a.cite")).to_have_count(0)
    expect(page.locator("#sources h3")).to_have_text("Closest passages considered")
    assert page.locator("#sources a.source-card").count() >= 1


def test_markup_in_a_question_is_shown_as_text_and_runs_nothing(browser_page):
    from playwright.sync_api import expect

    page = browser_page
    payloads = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", '<img src=y onerror="window.pwned=1">']
    for payload in payloads:
        _ask(page, payload)
        expect(page.locator("#chat [data-testid='user']").last).to_have_text(payload)
    assert page.locator("img[src='x'], img[src='y']").count() == 0
    assert page.evaluate("() => window.pwned === undefined")
    assert page.dialogs == []


def test_a_vote_and_comment_are_saved(site, browser_page):
    from playwright.sync_api import expect

    assistant, _ = site
    page = browser_page
    _new_conversation(page)
    _ask(page, "What is CAR-T therapy?")
    page.locator("#chat button[aria-label='Like']").last.click()
    expect(page.locator("#feedback-note")).to_contain_text("your 👍 was saved")
    page.fill("#feedback-comment textarea", "Quote matches the claim.")
    page.click("#send-comment")
    expect(page.locator("#feedback-note")).to_contain_text("your comment was saved")
    records = [json.loads(line) for line in assistant.settings.feedback_path.read_text(encoding="utf-8").splitlines()]
    assert records[-1]["vote"] == "up" and records[-1]["comment"] == "Quote matches the claim."
    assert records[-1]["question"] == "What is CAR-T therapy?" and records[-1]["citations"]


def test_the_corpus_page_needs_the_password_then_adds_and_removes_documents(site, browser_page, tmp_path):
    from playwright.sync_api import expect

    assistant, _ = site
    page = browser_page
    upload = tmp_path / "quokkas.md"
    upload.write_text(QUOKKAS, encoding="utf-8")

    page.get_by_role("tab", name="Corpus").click()
    expect(page.locator("#documents")).to_contain_text("corpus/car-t-glioblastoma.txt")
    expect(page.locator("#upload-files")).to_be_hidden()
    page.fill("#admin-password input, #admin-password textarea", "not the password")
    page.click("#unlock-button")
    expect(page.locator("#corpus-status")).to_have_text("Wrong password.")
    page.fill("#admin-password input, #admin-password textarea", PASSWORD)
    page.click("#unlock-button")
    expect(page.locator("#corpus-status")).to_contain_text("Unlocked")

    page.set_input_files("#upload-files input[type=file]", str(upload))
    # Gradio shows a staged file's stem and extension in separate elements ("quokkas" ".md").
    expect(page.locator("#upload-files")).to_contain_text("quokkas")
    page.click("#add-files")
    expect(page.locator("#corpus-status")).to_contain_text("Added corpus/quokkas.md.")
    expect(page.locator("#documents")).to_contain_text("Quokkas")
    assert (assistant.settings.corpus_path / "quokkas.md").read_text(encoding="utf-8") == QUOKKAS

    page.get_by_role("tab", name="Chat").click()
    _new_conversation(page)
    _ask(page, "Where do quokkas live?")
    expect(page.locator("#sources")).to_contain_text("corpus/quokkas.md")

    page.get_by_role("tab", name="Corpus").click()
    page.locator("#remove-choice input").click()
    page.get_by_role("option", name="corpus/quokkas.md").click()
    page.click("#remove-document")
    expect(page.locator("#corpus-status")).to_contain_text("Removed corpus/quokkas.md.")
    expect(page.locator("#documents")).not_to_contain_text("quokkas")

    page.get_by_role("tab", name="Chat").click()
    _new_conversation(page)
    _ask(page, "Where do quokkas live?")
    expect(page.locator("#sources")).not_to_contain_text("quokkas.md")
    page.click("#trace")  # the collapsed trace is rendered once opened
    expect(page.locator("#trace .trace-box")).to_contain_text("Question searched for: Where do quokkas live?")
    assert "quokkas.md" not in page.locator("#trace .trace-box").text_content(timeout=TIMEOUT)
    page.click("#trace button, #trace .label-wrap")
    shutil.rmtree(assistant.settings.data_path / "removed", ignore_errors=True)


EXPORT = "button#export-conversation, #export-conversation button"


def _reload(page):
    page.reload()
    page.wait_for_selector("#question textarea")


def _saved(page, empty: bool = False):
    """Wait until the browser holds the latest conversation: the export button changes in the same update."""
    from playwright.sync_api import expect

    button = expect(page.locator(EXPORT).first)
    button.to_be_disabled() if empty else button.to_be_enabled()


def test_the_conversation_survives_a_reload_and_downloads_as_markdown(browser_page, tmp_path):
    import re

    from playwright.sync_api import expect

    page = browser_page
    page.get_by_role("tab", name="Chat").click()
    _new_conversation(page)
    reply = _ask(page, "What is CAR-T therapy?")
    answer = " ".join(reply.locator(".answer").inner_text().split())
    quote = page.locator("#sources mark").first.inner_text()

    _saved(page)
    _reload(page)
    expect(page.locator("#chat [data-testid='user']")).to_have_text(["What is CAR-T therapy?"])
    expect(page.locator("#chat [data-testid='bot'] .answer")).to_have_count(1)
    assert " ".join(page.locator("#chat [data-testid='bot'] .answer").inner_text().split()) == answer
    expect(page.locator("#chat [data-testid='bot'] a.cite").first).to_have_text("[1]")  # markers link again
    expect(page.locator("#sources mark").first).to_have_text(quote)

    _ask(page, "How does it work?")  # a follow-up after the reload is read with the restored conversation
    _saved(page)
    page.click("#trace")
    expect(page.locator("#trace .trace-box")).to_contain_text("Question searched for: How does CAR-T therapy work?")
    expect(page.locator("#trace .trace-box")).to_contain_text("Rewritten from your follow-up")
    page.click("#trace button, #trace .label-wrap")

    with page.expect_download() as download_info:
        page.click(EXPORT)
    download = download_info.value
    assert download.suggested_filename.endswith(".md")
    download.save_as(tmp_path / download.suggested_filename)
    markdown = (tmp_path / download.suggested_filename).read_text(encoding="utf-8")
    text = " ".join(re.sub(r"\\(.)", r"\1", markdown).split())  # Markdown escapes and line breaks aside
    assert "What is CAR-T therapy?" in text and "How does it work?" in text
    assert answer in text and f"> {' '.join(quote.split())}" in text


def test_new_conversation_clears_what_a_reload_restores_and_junk_in_storage_breaks_nothing(site, browser_page):
    import hashlib

    from playwright.sync_api import expect

    assistant, _ = site
    page = browser_page
    _new_conversation(page)
    _saved(page, empty=True)
    _reload(page)
    _saved(page, empty=True)  # what the page restored is empty
    expect(page.locator("#chat button.example").first).to_be_visible()  # an empty chat again
    expect(page.locator("#chat [data-testid='user']")).to_have_count(0)

    key = hashlib.sha256(str(assistant.settings.data_path.resolve()).encode("utf-8")).hexdigest()[:16]
    page.evaluate("key => localStorage.setItem(key, 'bm90:anl1bms=')", f"assistant-conversation-{key}")
    _reload(page)
    page.wait_for_timeout(1000)  # let the restore on load run
    expect(page.locator("#chat [data-testid='user']")).to_have_count(0)
    _ask(page, "What is CAR-T therapy?")
    expect(page.locator("#chat [data-testid='bot'] .answer")).to_have_count(1)
    assert page.dialogs == []
