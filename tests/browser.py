"""What the browser tests share: Debian's Chromium driven by Playwright, and asking a question on the page."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
TIMEOUT = 90_000  # generous: CI shares two cores with the model and the server


@contextmanager
def chromium_page(profile: Path, url: str):
    """A page of a fresh Chromium profile, opened on the chat at `url` (ready to type into)."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)  # answers with the real model on two cores can take a few seconds
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install chromium` (.ci/run does).")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1400, "height": 960}
        )
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(url)
        page.wait_for_selector("#question textarea")
        try:
            yield page
        finally:
            context.close()


def ask(page, question: str):
    """Type a question, press Enter, and return the new assistant message once it is final."""
    from playwright.sync_api import expect

    bots = page.locator("#chat [data-testid='bot']")
    before = bots.count()
    box = page.locator("#question textarea")
    # The page clears the box after each question; on a busy machine that can land after the next question is typed and
    # wipe it, so the next is typed only once the box is empty again, and sent once it holds the whole question.
    expect(box).to_be_editable()
    expect(box).to_have_value("")
    box.fill(question)
    expect(box).to_have_value(question)
    box.press("Enter")
    expect(bots).to_have_count(before + 1)
    reply = bots.nth(before)
    expect(reply.locator(".answer, .refusal, .msg-error")).to_have_count(1)
    return reply
