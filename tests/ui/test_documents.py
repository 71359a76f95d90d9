"""The Documents tab's handlers over a real index: list, upload, URLs, guards, remove, then ask."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from rag import Assistant
from ui.app import ChatApp
from ui.documents import DocumentsTab, safe_name

from ..test_urls import tiny_pdf

FERRY = """---
title: Ferry service resumes on Lake Corvina
outlet: Valley Courier
author: Ana Ruiz
date: 2026-03-02
---

The ferry service across Lake Corvina resumed on Tuesday after a three-week suspension caused by ice.
The operator said the ferry Santa Lucia carried 418 passengers on its first day back.
Harbour master Teodora Lind said a second boat would join the route in April.
"""
FERRY_QUESTION = "How many passengers did the Santa Lucia ferry carry on its first day back?"
FERRY_PAGE = """<!doctype html>
<html><head><title>Ferry service resumes on Lake Corvina</title></head>
<body><nav>Home | Region | Weather</nav>
<article><h1>Ferry service resumes on Lake Corvina</h1>
<p>The ferry service across Lake Corvina resumed on Tuesday after a three-week suspension caused
by ice on the northern shore.</p>
<p>The operator said the ferry Santa Lucia carried 418 passengers on its first day back, most of
them commuters travelling to the market town of Brisa.</p>
<p>Harbour master Teodora Lind said a second boat would join the route in April and that the
timetable would be published on the harbour office's notice board.</p>
</article></body></html>
"""
NOTES = "Survey notes.\n\nThe survey team counted 312 grey herons nesting along the Larch river in April.\n"


@pytest.fixture()
def assistant(tmp_path: Path, seeded: Assistant) -> Assistant:
    """An empty index of its own (the seeded model shared)."""
    return Assistant.open(index_dir=tmp_path / "index", embedder=seeded.embedder, answer_mode="extractive")


@pytest.fixture()
def incoming(tmp_path: Path) -> Path:
    """Where the "browser" uploads from (Gradio's cache in the app)."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def _write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def _statuses(status: str) -> list[str]:
    """The per-item lines of an "Add" result."""
    return [line for line in status.splitlines() if line.startswith("- ")]


@pytest.mark.unit
@pytest.mark.parametrize("given, safe", [
    ("ferry.md", "ferry.md"),
    ("../../etc/passwd.md", "passwd.md"),
    ("..\\..\\Windows\\evil.HTML", "evil.html"),
    (".hidden.md", "hidden.md"),
    ("...md", "upload.md"),
    ("a..b..c.txt", "a.b.c.txt"),
    ("we<ird>|na:me?.pdf", "we_ird_na_me_.pdf"),
    ("Ñandú report.htm", "Ñandú report.htm"),
    ("notes", "notes"),
])
def test_upload_names_are_plain_file_names(given: str, safe: str) -> None:
    assert safe_name(given) == safe
    assert "/" not in safe_name(given) and ".." not in safe_name(given)


def test_uploads_are_listed_with_their_ids_and_cited_at_once(assistant: Assistant, incoming: Path) -> None:
    app, tab = ChatApp(assistant), DocumentsTab(assistant)
    assert tab.rows() == []
    before = app.chat_api(FERRY_QUESTION)  # loads the (empty) keyword index first
    assert before["refused"]
    files = [_write(incoming, "corvina-ferry.md", FERRY), _write(incoming, "herons.txt", NOTES)]
    status, table, picker, cleared, urls = tab.add(files, "")
    assert _statuses(status) == ["- ✓ **added**: corvina-ferry.md → id corvina-ferry.md",
                                 "- ✓ **added**: herons.txt → id herons.txt"], status
    assert cleared is None and urls == ""
    rows = {row[6]: row for row in table["data"]}
    assert rows["corvina-ferry.md"][:6] == ["Ferry service resumes on Lake Corvina", "Valley Courier",
                                             "Ana Ruiz", "2026-03-02", 1, "uploaded"]
    assert rows["herons.txt"][2] == ""  # no author given
    assert ("herons (herons.txt)", "herons.txt") in picker["choices"]
    assert list(tab.staging.iterdir()) == []  # the copies are gone
    assert tab.staging.name.startswith(".")  # a folder ingest never walks into it
    assistant.ingest([assistant.store.index_dir], progress=False)  # a folder holding the uploads
    assert {"corvina-ferry.md", "herons.txt"} <= set(assistant.store.documents)  # kept
    answer = app.chat_api(FERRY_QUESTION)
    assert not answer["refused"] and "418" in answer["text"]
    assert answer["citations"][0]["title"] == "Ferry service resumes on Lake Corvina"
    hits = assistant.bm25.search("Teodora Lind harbour master", 1)  # the keyword index reloaded
    (_, meta), = assistant.store.get_chunks([hits[0][0]]).values()
    assert meta["doc_id"] == "corvina-ferry.md"


def test_uploading_again_updates_or_leaves_the_document(assistant: Assistant, incoming: Path) -> None:
    tab = DocumentsTab(assistant)
    tab.add([_write(incoming, "corvina-ferry.md", FERRY)], "")
    status = tab.add([_write(incoming, "corvina-ferry.md", FERRY)], "")[0]
    assert "**unchanged**: corvina-ferry.md → id corvina-ferry.md" in status
    changed = FERRY.replace("418 passengers", "512 passengers")
    status = tab.add([_write(incoming, "corvina-ferry.md", changed)], "")[0]
    assert "**updated**: corvina-ferry.md → id corvina-ferry.md" in status
    assert list(assistant.store.documents) == ["corvina-ferry.md"]
    assert "512 passengers" in assistant.document_text("corvina-ferry.md")


def test_a_file_name_cannot_leave_the_upload_folder(assistant: Assistant, incoming: Path) -> None:
    tab = DocumentsTab(assistant)
    odd = incoming / "..%2F..%2Fescape"
    odd.mkdir()
    status = tab.add([_write(odd, "..hidden ferry.md", FERRY)], "")[0]
    assert "→ id hidden ferry.md" in status, status
    (entry,) = assistant.store.documents.values()
    assert Path(entry["path"]).parent == tab.staging.resolve()
    assert not [p for p in tab.staging.parent.rglob("*") if "ferry" in p.name or "escape" in p.name]


def test_bad_files_are_refused_one_by_one_and_the_rest_go_in(assistant: Assistant, incoming: Path) -> None:
    tab = DocumentsTab(assistant.with_settings(ui_upload_max_mb=0.01))  # 10 kB
    tab.add([_write(incoming, "herons.txt", NOTES)], "")
    original = assistant.store.documents["herons.txt"]["hash"]
    files = [_write(incoming, "broken.pdf", b"%PDF-1.4 not really a pdf"),
             _write(incoming, "setup.exe", b"MZ\x90\x00"),
             _write(incoming, "big.md", "word " * 5000),
             _write(incoming, "herons.txt", b"\x00\x01binary now"),  # a bad new version
             _write(incoming, "corvina-ferry.md", FERRY)]
    lines = _statuses(tab.add(files, "")[0])
    assert len(lines) == 5 and all("\n" not in line for line in lines)
    assert lines[0].startswith("- ⚠ **skipped**: broken.pdf (unreadable .pdf file")
    assert lines[1].startswith("- ⚠ **skipped**: setup.exe (unsupported type .exe")
    assert lines[2] == "- ⚠ **skipped**: big.md (0.0238 MB is over the 0.01 MB upload limit)"
    assert lines[3] == "- ⚠ **skipped**: herons.txt (binary content, not text; the indexed version is kept)"
    assert lines[4].startswith("- ✓ **added**: corvina-ferry.md")
    assert sorted(assistant.store.documents) == ["corvina-ferry.md", "herons.txt"]
    assert assistant.store.documents["herons.txt"]["hash"] == original  # as it was


def test_a_pdf_upload_is_indexed(assistant: Assistant, incoming: Path) -> None:
    pdf = tiny_pdf(["The Larch river survey counted 312 grey herons in April."], "Heron survey")
    status = DocumentsTab(assistant).add([_write(incoming, "heron-survey.pdf", pdf)], "")[0]
    assert "**added**: heron-survey.pdf → id heron-survey.pdf" in status
    assert assistant.store.documents["heron-survey.pdf"]["title"] == "Heron survey"


def test_too_many_items_at_once_adds_nothing(assistant: Assistant, incoming: Path) -> None:
    tab = DocumentsTab(assistant.with_settings(ui_upload_max_items=2))
    files = [_write(incoming, f"note-{i}.txt", NOTES) for i in range(2)]
    status, *_, urls = tab.add(files, "http://127.0.0.1:9/a.html")
    assert status.startswith("3 items at once is too many: add at most 2")
    assert urls == "http://127.0.0.1:9/a.html" and dict(assistant.store.documents) == {}
    assert tab.add(None, "  \n")[0] == "Choose files or paste URLs first."


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        found = self.path == "/news/corvina-ferry.html"
        body = FERRY_PAGE.encode() if found else b"not here"
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_on_this_machine_is_refused_unless_allowed(assistant: Assistant, site: str) -> None:
    status = DocumentsTab(assistant).add([], f"{site}/news/corvina-ferry.html")[0]
    assert "**skipped**" in status and "private network" in status
    assert dict(assistant.store.documents) == {}


def test_pasted_urls_are_fetched_in_one_ingest(assistant: Assistant, site: str) -> None:
    assistant = assistant.with_settings(fetch_private_hosts=True)  # the test site is on loopback
    tab, page = DocumentsTab(assistant), f"{site}/news/corvina-ferry.html"
    pasted = f"{page}\n\nnot a url\n{site}/gone.html\n/etc/hostname\n"
    status, table, _, _, left = tab.add([], pasted)
    lines = _statuses(status)
    assert lines[0].startswith("- ✓ **added**: ") and lines[0].endswith("corvina-ferry.html")
    assert lines[1] == "- ⚠ **skipped**: not a url (not a URL: it must start with http:// or https://)"
    assert lines[2].startswith("- ⚠ **skipped**: ") and "404" in lines[2]
    assert lines[3].startswith("- ⚠ **skipped**: /etc/hostname (not a URL")  # never read as a path
    assert left == f"not a url\n{site}/gone.html\n/etc/hostname"  # what failed stays in the box
    (row,) = table["data"]
    assert row[0] == "Ferry service resumes on Lake Corvina" and row[5] == page and row[6] == page
    assert "**unchanged**" in tab.add([], page)[0]
    assert "418" in ChatApp(assistant).chat_api(FERRY_QUESTION)["text"]


def test_removing_asks_first_and_then_the_answers_forget_it(assistant: Assistant, incoming: Path) -> None:
    app, tab = ChatApp(assistant), DocumentsTab(assistant)
    tab.add([_write(incoming, "corvina-ferry.md", FERRY.replace("Lake Corvina", "Lake <b>Corvina</b>")),
             _write(incoming, "herons.txt", NOTES)], "")
    assert app.chat_api(FERRY_QUESTION)["citations"][0]["doc_id"] == "corvina-ferry.md"
    assert tab.ask_remove(None)[3] == "Pick a document to remove first."
    row, question, pending, _ = tab.ask_remove("corvina-ferry.md")
    assert row["visible"] and pending == "corvina-ferry.md"
    assert question == "Really remove **Ferry service resumes on Lake &lt;b&gt;Corvina&lt;/b&gt;** " \
                       "(corvina-ferry.md)?"
    assert tab.cancel_remove()[1] is None and "corvina-ferry.md" in assistant.store.documents
    status, table, picker, row, pending = tab.confirm_remove("corvina-ferry.md")
    assert status.startswith("Removed Ferry service") and not row["visible"] and pending is None
    assert [r[-1] for r in table["data"]] == ["herons.txt"] and picker["choices"] == [("herons (herons.txt)",
                                                                                     "herons.txt")]
    answer = app.chat_api(FERRY_QUESTION)
    assert all(c["doc_id"] != "corvina-ferry.md" for c in answer["citations"] + answer["sources"])
    assert "no longer in the index" in tab.confirm_remove("corvina-ferry.md")[0]


def test_refresh_shows_what_another_process_added(assistant: Assistant, incoming: Path) -> None:
    tab = DocumentsTab(assistant)
    other = Assistant.open(index_dir=assistant.config.index_dir, embedder=assistant.embedder)
    other.ingest([_write(incoming, "herons.txt", NOTES)], progress=False)
    table, picker = tab.refresh()
    assert [r[-1] for r in table["data"]] == ["herons.txt"] and picker["choices"][0][1] == "herons.txt"


def test_every_column_has_a_width() -> None:
    from ui.documents import HEADERS, WIDTHS

    assert len(WIDTHS) == len(HEADERS)
