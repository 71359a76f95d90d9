"""The UI in a real browser: Debian's chromium driven by Playwright, loopback only."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from rag import Assistant

from ..conftest import ROOT, SEED_DOC, SEEDS
from ..faults import free_port
from .conftest import EVIL
from .test_documents import FERRY_PAGE, FERRY_QUESTION

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


def test_a_follow_up_is_shown_with_the_question_it_follows(page) -> None:  # type: ignore[no-untyped-def]
    _ask(page, "How did the cartel react to El Mencho's death?")
    page.locator("#rag-sources mark").first.wait_for(timeout=30_000)
    _ask(page, "Who gave that number?")
    page.get_by_text("Understood as").first.wait_for(timeout=30_000)
    chat = page.locator("#rag-chat").inner_text()
    assert "Understood as: Who gave that number? (after “How did the cartel react" in chat
    assert " — " not in chat.split("Understood as:")[-1].split("\n")[0]  # not the search's dash


@pytest.fixture()
def documents_app(tmp_path: Path, seeded: Assistant) -> Iterator[str]:
    """The app over an index of its own (it is changed): the seed article and the markup one."""
    from ui.app import launch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SEED_DOC, corpus / SEED_DOC)
    (corpus / "tapalpa-markup.md").write_text(EVIL, encoding="utf-8")
    assistant = Assistant.open(index_dir=tmp_path / "index", embedder=seeded.embedder,
                               answer_mode="extractive")
    assistant.ingest([corpus], progress=False)
    demo, url = launch(assistant, port=free_port(), block=False)
    yield url.rstrip("/")
    demo.close()


def _wait_text(page, selector: str, text: str, shown: bool = True, timeout: float = 30_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the element's visible text holds ``text`` (or, ``shown`` False, no longer does)."""
    page.wait_for_function("([sel, text, shown]) => (document.querySelector(sel)?.innerText ?? '')"
                           ".includes(text) === shown", arg=[selector, text, shown], timeout=timeout)


def test_upload_ask_and_remove_a_document(browser, documents_app: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
    page.goto(documents_app)
    page.locator("#rag-question textarea").wait_for()
    page.get_by_role("tab", name="Documents").click()
    _wait_text(page, "#rag-doc-table", "U.S. provided")
    assert "<script>window.__pwned = 1</script>" in page.locator("#rag-doc-table").inner_text()
    saved = tmp_path / "corvina-ferry.html"
    saved.write_text(FERRY_PAGE, encoding="utf-8")
    page.locator("#rag-upload input[type=file]").set_input_files(str(saved))
    _wait_text(page, "#rag-upload", "corvina-ferry.html")
    page.locator("#rag-add").click()
    _wait_text(page, "#rag-doc-status", "added", timeout=60_000)
    assert "corvina-ferry.html → id corvina-ferry.html" in page.locator("#rag-doc-status").inner_text()
    _wait_text(page, "#rag-doc-table", "Ferry service resumes on Lake Corvina")
    if os.environ.get("RAG_SCREENSHOTS") == "1":
        page.screenshot(path=str(ROOT / "docs" / "documents-tab.png"), full_page=True)

    page.get_by_role("tab", name="Chat").click()
    _ask(page, FERRY_QUESTION)
    page.locator("#rag-sources mark").first.wait_for(timeout=30_000)
    assert "418 passengers" in page.locator("#rag-sources mark").first.inner_text()
    assert "Ferry service resumes on Lake Corvina" in page.locator("#rag-sources").inner_text()

    page.get_by_role("tab", name="Documents").click()
    page.locator("#rag-remove-pick input").click()
    page.get_by_role("option", name=re.compile("Ferry service")).click()
    page.locator("#rag-remove").click()
    _wait_text(page, "#rag-confirm", "Really remove")
    assert "Ferry service resumes on Lake Corvina" in page.locator("#rag-confirm").inner_text()
    page.locator("#rag-confirm-yes").click()
    _wait_text(page, "#rag-doc-status", "Removed")
    _wait_text(page, "#rag-doc-table", "Corvina", shown=False)
    assert not page.locator("#rag-confirm").is_visible()
    page.locator("#rag-remove-pick input").click()
    assert page.get_by_role("option", name=re.compile("Ferry service")).count() == 0
    page.keyboard.press("Escape")

    page.get_by_role("tab", name="Chat").click()
    _ask(page, FERRY_QUESTION)
    page.wait_for_function("() => document.querySelector('#rag-chat').innerText.split('Sources (').length > 2",
                           timeout=30_000)  # the second answer is in
    assert "Corvina" not in page.locator("#rag-sources").inner_text()
    assert page.evaluate("window.__pwned") is None and outside == []
    page.close()
