"""Reading saved news pages: the article only, its metadata, and the fallback for non-articles."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from rag.documents import Document, load_file
from rag.html import paragraphs, read_html, strip_site

pytestmark = pytest.mark.unit

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
# Each page's boilerplate: cookie banner, nav, ad, newsletter box, related links, comments, footer.
BOILERPLATE = {
    "ledger-seawall.html": ["crunchy biscuits", "Tidewater Weather Desk", "Sunbright Solar",
                            "Morning Tide newsletter", "record salmon run", "gullwatcher77",
                            "Mark my words", "Ledger Media Holdings"],
    "courier-library.html": ["jam jars", "Friday Night Scoreboard", "Hollow Pines Mattress",
                             "Courier Weekly Digest", "Tamsin bridge inspection", "story hour",
                             "recycled paper since 1911"],
}
BODY = ("Lorna Whitfield said the vote was about the families who live and work below the bluff. "
        "The wall will run 1.9 kilometres from the ferry terminal to the mouth of Kessler Creek. ") * 3


@pytest.mark.parametrize("page", sorted(BOILERPLATE))
def test_a_news_page_is_read_as_its_article_only(page: str) -> None:
    doc = load_file(PAGES / page, page)
    assert [p for p in BOILERPLATE[page] if p in doc.text] == []
    assert doc.text.count("\n\n") >= 3 and "\n\n\n" not in doc.text  # paragraphs kept apart


def test_article_text_and_metadata_come_from_the_page() -> None:
    doc = load_file(PAGES / "ledger-seawall.html", "ledger-seawall.html")
    assert doc.text.startswith("The Port Alder harbor board voted 5-2")
    assert doc.text.endswith("a 60-day public comment period.")
    assert (doc.title, doc.outlet, doc.author, doc.date) == (
        "Harbor board approves $48 million seawall for Port Alder", "The Pacific Ledger",
        "Maya Okafor", "2026-03-14")
    assert doc.url == "https://www.pacificledger.example/2026/03/14/port-alder-seawall-vote"
    assert doc.extra == {}


def test_a_title_with_a_dash_and_the_site_name_loses_the_site() -> None:
    doc = load_file(PAGES / "courier-library.html", "courier-library.html")
    assert (doc.title, doc.outlet, doc.author, doc.date) == (
        "Millbrook library to reopen after flood repairs", "The Valley Courier", "Daniel Reyes",
        "2026-02-02")


@pytest.mark.parametrize("head", [
    '<title>Seawall approved | The Pacific Ledger</title><meta property="og:site_name" content="The Pacific Ledger">',
    '<meta property="og:title" content="Seawall approved - Pacific Ledger">'
    '<link rel="canonical" href="https://www.pacificledger.com/a/seawall">',
    '<meta property="og:title" content="The Pacific Ledger » Seawall approved">'
    '<meta property="og:site_name" content="The Pacific Ledger">',
])
def test_the_site_suffix_is_cut_from_page_titles(head: str) -> None:
    meta, text = read_html(f"<html><head>{head}</head><body><article><p>{BODY}</p></article></body></html>",
                           "p.html")
    assert meta["title"] == "Seawall approved" and text.startswith("Lorna Whitfield")


@pytest.mark.parametrize(("title", "sites", "expected"), [
    ("Story | The Pacific Ledger", ("The Pacific Ledger",), "Story"),
    ("Story – Pacific Ledger", ("", "www.pacificledger.example"), "Story"),
    ("PACIFIC LEDGER: Story", ("The Pacific Ledger",), "Story"),
    ("Gaza - the long road home", ("The Pacific Ledger",), "Gaza - the long road home"),
    ("Story | The Pacific Ledger", (), "Story | The Pacific Ledger"),
    ("Left | Right | The Pacific Ledger", ("The Pacific Ledger",), "Left | Right"),
])
def test_strip_site(title: str, sites: tuple[str, ...], expected: str) -> None:
    assert strip_site(title, *sites) == expected


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    assert paragraphs("  One.\n\n\nTwo. \n \nThree.") == "One.\n\nTwo.\n\nThree."


def test_a_page_with_no_article_keeps_its_visible_text_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        doc = load_file(PAGES / "ledger-local-index.html", "ledger-local-index.html")
    assert doc.text == "Local\n\nSeawall vote\n\nFerry fares\n\nSalmon run"
    assert doc.title == "Local news | The Pacific Ledger" and doc.date == "" and doc.author == ""
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == ["ledger-local-index.html: no article found in the page; indexed all its visible text"]


def test_the_author_is_part_of_the_content_hash() -> None:
    doc = Document("a.md", "Text.", "T", "O", "2026-02-23", "https://u")
    old = hashlib.sha256("T\x1fO\x1f2026-02-23\x1fhttps://u\x1eText.".encode()).hexdigest()
    assert doc.content_hash == old  # no author: indexes from before authors are not re-ingested
    assert Document("a.md", "Text.", "T", "O", "2026-02-23", "https://u", author="A").content_hash != old


def test_front_matter_author_is_the_documents_author(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T | Site\nauthor: Ana Ruiz\nsection: World\n---\nBody.", encoding="utf-8")
    doc = load_file(path, "a.md")
    assert (doc.title, doc.author, doc.extra) == ("T | Site", "Ana Ruiz", {"section": "World"})

