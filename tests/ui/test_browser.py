"""The UI in a real browser: Debian's chromium driven by Playwright, loopback only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("RAG_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is missing: apt-get install chromium")
        pytest.skip("chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, app_url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.outside = []  # every request that left loopback
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else page.outside.append(r.url))
    page.goto(app_url)
    page.locator("#rag-question textarea").wait_for()
    yield page
    page.close()


def _ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#rag-question textarea")
    box.fill(question)
    box.press("Enter")


def test_ask_read_the_cited_quote_and_open_the_document(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "How many National Guard members were killed?")
    mark = page.locator("#rag-sources mark").first
    mark.wait_for(timeout=30_000)
    assert "25 members of the National Guard" in mark.inner_text()
    bubble = page.locator("#rag-chat").inner_text()
    assert "[1]" in bubble and "25 members" in bubble and "Sources (1)" in bubble
    page.locator("#rag-open input").click()
    page.get_by_role("option").first.click()
    marked = page.locator("#rag-document mark").first
    marked.wait_for(timeout=10_000)
    assert "25 members" in marked.inner_text()
    assert "The Pentagon did not respond" in page.locator("#rag-document").inner_text()  # whole text
    shot = tmp_path / "ui.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("RAG_UI_SCREENSHOT"):
        page.screenshot(path=os.environ["RAG_UI_SCREENSHOT"], full_page=True)
    assert page.outside == []


def test_document_markup_is_shown_as_text(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "What did the mayor of Tapalpa say about the mountain roads?")
    page.locator("#rag-sources mark").first.wait_for(timeout=30_000)
    panel = page.locator("#rag-sources")
    assert "<script>window.__pwned = 1</script>" in panel.inner_text()
    assert "<b>mountain roads</b>" in panel.inner_text()
    assert panel.locator("script").count() == 0 and panel.locator("b", has_text="mountain").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.outside == []


def test_a_declined_question_shows_related_reading(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "What is the recipe for chocolate cake?")
    page.locator("#rag-sources .rag-related").first.wait_for(timeout=30_000)
    assert "The sources don't say" in page.locator("#rag-chat").inner_text()


def test_phone_width_keeps_chat_and_sources_usable(browser, app_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(app_url)
    _ask(page, "Which cities had flights suspended?")
    page.locator("#rag-sources mark").first.wait_for(timeout=30_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page scrolls sideways on a phone ({width}px)"
    page.close()


def test_follow_up_questions_keep_their_own_citations(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "What did the State Department tell American travelers?")
    page.locator("#rag-sources mark").first.wait_for(timeout=30_000)
    _ask(page, "Until when?")
    page.get_by_text("Understood as").first.wait_for(timeout=30_000)
    chat = page.locator("#rag-chat").inner_text()
    assert "until further notice" in chat.split("Until when?")[-1]
    assert "shelter in place" in page.locator("#rag-sources mark").first.inner_text()
