"""URL ingest against a real loopback web server: pages, PDFs, text, and every way a fetch fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Iterator

import pytest

from rag import Assistant

from .conftest import ROOT, SEED_DOC
from .faults import LoopbackServer, free_port

ARTICLE = """<!doctype html>
<html><head><title>Harbor Bridge reopens in Port Elvar</title>
<script>var tracking = "ignore me";</script></head>
<body><nav>Home | World | Business</nav>
<article>
<h1>Harbor Bridge reopens in Port Elvar</h1>
<p>The Harbor Bridge in Port Elvar reopened to traffic on Monday after fourteen months of
repairs. The city council said the repairs cost 82 million euros, paid from the regional
infrastructure fund.</p>
<p>Mayor Ilse Vandermeer thanked commuters for their patience and said ferry services added
during the closure would run until the end of the month. Engineers replaced the steel deck
and all 64 suspension cables.</p>
<p>Local shop owners on the waterfront said trade had fallen by a third while the bridge was
closed, and welcomed its reopening ahead of the summer season.</p>
</article></body></html>
"""
UPDATED = ARTICLE.replace("82 million euros", "91 million euros")
NOTES = ("Field notes from the Larch Valley survey.\n\nThe survey team counted 312 grey herons "
         "nesting along the river in April, twice the number counted five years ago.\n")


def tiny_pdf(lines: list[str], title: str) -> bytes:
    """A valid one-page PDF showing ``lines`` in Helvetica, with ``title`` in its metadata."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               "/Resources << /Font << /F1 5 0 R >> >> >>",
               f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", f"<< /Title ({title}) >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


@dataclass
class Page:
    """What the site answers for one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before the answer starts
    trickle: float = 0.0  # seconds between single bytes of the body
    sized: bool = True  # send Content-Length (else the body ends when the connection closes)
    location: str = ""  # a redirect's target


class Site(LoopbackServer):
    """A real web server on 127.0.0.1 serving ``pages`` (changeable while it runs)."""

    def __init__(self, pages: dict[str, Page]):
        self.pages = pages
        self.served: list[str] = []  # the paths asked for, in order
        super().__init__()
        self.base = self.url

    def page(self, path: str) -> str:
        return self.base + path

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.served.append(self.path)
                page = site.pages.get(self.path, Page(b"no such page", "text/plain", 404))
                if site._stop.wait(page.delay):
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                if page.location:
                    self.send_header("Location", page.location)
                if page.sized:
                    self.send_header("Content-Length", str(len(page.body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                try:
                    self._write(page)
                except OSError:
                    pass  # the client gave up (too large, too slow): what is being tested

            def _write(self, page: Page) -> None:
                if not page.trickle:
                    self.wfile.write(page.body)
                    return
                for byte in page.body:
                    if site._stop.wait(page.trickle):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()

        return Handler


def _pages() -> dict[str, Page]:
    big = ("<p>" + "filler text " * 4000 + "</p>").encode()
    return {
        "/article.html": Page(ARTICLE.encode()),
        "/notes.txt": Page(NOTES.encode(), "text/plain; charset=utf-8"),
        "/brief.md": Page(b"---\ntitle: River brief\noutlet: Valley Post\n---\nThe river rose "
                          b"by 2 metres overnight.\n", "text/markdown"),
        "/dam.pdf": Page(tiny_pdf(["The Larch Valley dam holds 40 million cubic metres of water.",
                                   "It was finished in 1987."], "Dam report"), "application/pdf"),
        "/old-article": Page(status=301, location="/article.html"),
        "/loop": Page(status=302, location="/loop"),
        "/broken": Page(b"oops", "text/plain", 500),
        "/logo.png": Page(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        "/big.html": Page(big),
        "/big-unsized.html": Page(big, sized=False),
        "/slow.html": Page(ARTICLE.encode(), delay=10.0),
        "/trickle.html": Page(ARTICLE.encode(), trickle=0.05, sized=False),
    }


@pytest.fixture()
def site() -> Iterator[Site]:
    with Site(_pages()) as running:
        yield running


@pytest.fixture()
def web(fresh: Assistant) -> Assistant:
    """``fresh`` with limits a test can reach: 1 s per URL, 20 kB."""
    return fresh.with_settings(fetch_timeout=1.0, fetch_max_mb=0.02, fetch_private_hosts=True)


def test_a_page_is_indexed_under_its_url_and_cited(web: Assistant, site: Site) -> None:
    url = site.page("/article.html")
    report = web.ingest([url])
    assert (report.added, report.skipped) == (1, [])
    entry = web.store.documents[url]
    assert entry["title"] == "Harbor Bridge reopens in Port Elvar" and entry["url"] == url
    answer = web.ask("How much did the Harbor Bridge repairs cost?")
    assert not answer.refused and "82 million euros" in answer.text
    assert {(c.doc_id, c.source) for c in answer.citations} == {(url, url)}
    assert "ignore me" not in web.document_text(url)


def test_reingest_unchanged_then_changed(web: Assistant, site: Site) -> None:
    url = site.page("/article.html")
    assert web.ingest([url]).added == 1
    again = web.ingest([url])
    assert (again.unchanged, again.added, again.updated) == (1, 0, 0)
    site.pages["/article.html"] = Page(UPDATED.encode())
    changed = web.ingest([url])
    assert (changed.updated, changed.added, changed.unchanged) == (1, 0, 0)
    assert "91 million euros" in web.document_text(url) and list(web.store.documents) == [url]


def test_text_markdown_pdf_and_a_redirect(web: Assistant, site: Site) -> None:
    urls = [site.page(p) for p in ("/notes.txt", "/brief.md", "/dam.pdf", "/old-article")]
    report = web.ingest(urls)
    assert (report.added, report.skipped) == (4, [])
    assert "312 grey herons" in web.document_text(urls[0])
    brief = web.store.documents[urls[1]]
    assert (brief["title"], brief["outlet"]) == ("River brief", "Valley Post")
    assert "40 million cubic metres" in web.document_text(urls[2])
    assert web.store.documents[urls[2]]["title"] == "Dam report"
    moved = web.store.documents[urls[3]]  # indexed under the URL given; its source is where it led
    assert moved["url"] == site.page("/article.html")
    answer = web.ask("How many grey herons were nesting along the river?")
    assert answer.citations and answer.citations[0].source == urls[0]


def test_failures_are_skipped_with_reasons_and_the_rest_goes_on(web: Assistant, site: Site) -> None:
    refused = f"http://127.0.0.1:{free_port()}/article.html"
    expected = {
        site.page("/missing.html"): "HTTP 404", site.page("/broken"): "HTTP 500",
        site.page("/logo.png"): "not a document (image/png)", site.page("/big.html"): "too large",
        site.page("/big-unsized.html"): "too large", site.page("/slow.html"): "timed out",
        site.page("/trickle.html"): "timed out", site.page("/loop"): "too many redirects",
        refused: "connection refused", "ftp://127.0.0.1/file.txt": "unsupported scheme ftp",
    }
    good = site.page("/notes.txt")
    report = web.ingest([*list(expected)[:5], good, *list(expected)[5:]])
    assert report.added == 1 and list(web.store.documents) == [good]
    reasons = dict(report.skipped)
    assert set(reasons) == set(expected)
    for url, reason in expected.items():
        assert reason in reasons[url], (url, reasons[url])
    assert all(url in report.summary() for url in expected)


def test_folder_ingest_never_removes_url_documents(web: Assistant, site: Site, corpus: Path) -> None:
    url = site.page("/notes.txt")
    spare = corpus / "spare.md"
    spare.write_text("# Spare\n\nA second local document about the harbour ferry timetable.\n")
    assert web.ingest([corpus, url]).added == 3
    spare.unlink()
    report = web.ingest([corpus])
    assert (report.removed, report.unchanged) == (1, 1)
    assert sorted(web.store.documents) == sorted([SEED_DOC, url])


def test_find_and_remove_by_url(web: Assistant, site: Site) -> None:
    url = site.page("/notes.txt")
    web.ingest([url])
    assert web.find_document(url.replace("http://", "HTTP://") + "#herons") == url
    assert web.find_document(site.page("/other.txt")) is None
    web.remove([url])
    assert url not in web.store.documents and web.find_document(url) is None


# -- the command line ----------------------------------------------------------------------

def _rag(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_FETCH_TIMEOUT": "2", "RAG_FETCH_PRIVATE": "1"}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


def test_cli_ingests_urls_and_a_url_file(site: Site, tmp_path: Path) -> None:
    index, article, notes = tmp_path / "index", site.page("/article.html"), site.page("/notes.txt")
    done = _rag("ingest", article, "--json", index=index)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == 1
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# morning reading\n\n{article}   # again: unchanged\n{notes}\n"
                       f"{site.page('/missing.html')}\n")
    done = _rag("ingest", "--urls", str(listing), index=index)
    assert done.returncode == 0, done.stderr
    assert "1 added, 0 updated, 0 removed, 1 unchanged" in done.stdout
    assert f"{site.page('/missing.html')} (HTTP 404 Not Found)" in done.stdout
    assert [line for line in done.stderr.splitlines() if "missing.html" in line] == [
        f"WARNING rag.fetch: skipped {site.page('/missing.html')}: HTTP 404 Not Found"]
    done = _rag("remove", article, index=index)
    assert done.returncode == 0 and f"removed 1 document: {article}" in done.stdout
    listed = _rag("list", "--json", index=index)
    assert [d["id"] for d in json.loads(listed.stdout)] == [notes]


@pytest.mark.parametrize("content, message", [
    ("# nothing here\n\n", "no URLs in"), ("https://a.example/x\nnews/a.md\n", "line 2 is not a URL")])
def test_cli_rejects_a_bad_url_file(tmp_path: Path, content: str, message: str) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(content)
    done = _rag("ingest", "--urls", str(listing), index=tmp_path / "index")
    assert done.returncode == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "index").exists()  # nothing fetched, nothing created


def test_this_machine_and_private_networks_are_refused_by_default(fresh: Assistant, site: Site) -> None:
    guarded = fresh.with_settings(fetch_timeout=1.0)
    report = guarded.ingest([site.page("/notes.txt"), "https://user:pw@example.org/a"], progress=False)
    reasons = dict(report.skipped)
    refused = reasons[site.page("/notes.txt")]
    assert "private network" in refused and "RAG_FETCH_PRIVATE" in refused
    assert any("password" in why for why in reasons.values())
    assert dict(guarded.store.documents) == {} and site.served == []
