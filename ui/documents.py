"""The Documents tab: the indexed documents, adding files and URLs, removing with a confirmation."""

from __future__ import annotations

import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import gradio as gr

from rag import Assistant, IndexUnavailable
from rag.documents import SUFFIXES
from rag.fetch import is_url, normalize_url
from rag.ingest import IngestBusy
from ui.render import md

UPLOADS = ".uploads"  # under the index folder (hidden: a folder ingest never reads it)
HEADERS = ["Title", "Outlet", "Author", "Date", "Chunks", "Source", "Id"]
WIDTHS = ["28%", "11%", "11%", "8%", "6%", "20%", "16%"]  # one per column of HEADERS
NAME_CHARS = 120  # an uploaded file's name is cut to this (file systems allow 255 bytes)
ICONS = {"added": "✓", "updated": "↻", "unchanged": "=", "skipped": "⚠"}  # in common fonts
_UNSAFE = re.compile(r"[^\w.\- ]+")
_DOTS = re.compile(r"\.{2,}")


def safe_name(name: str) -> str:
    """An uploaded file's name as a plain file name: no folders, no ``..``, no leading dot or
    space, only letters, digits and ``._- ``; its suffix kept (lower-cased).

    Example:
        >>> safe_name("../../etc/.Evil notes?.MD")
        'Evil notes_.md'
    """
    base = re.split(r"[/\\]", name)[-1]
    dot = base.rfind(".")
    stem, suffix = (base[:dot], base[dot:].lower()) if dot > 0 else (base, "")
    suffix = _UNSAFE.sub("", suffix)
    stem = _DOTS.sub(".", _UNSAFE.sub("_", stem)).lstrip(". ").rstrip(". ")[:NAME_CHARS]
    return (stem or "upload") + suffix


@dataclass(frozen=True)
class Outcome:
    """What adding one file or URL did: added, updated, unchanged or skipped (and why)."""

    item: str
    status: str
    doc_id: str = ""
    note: str = ""

    def line(self) -> str:
        """One Markdown list item, every name escaped."""
        text = f"- {ICONS[self.status]} **{self.status}**: {md(self.item)}"
        if self.doc_id:
            text += f" → id {md(self.doc_id)}"
        return text + (f" ({md(self.note)})" if self.note else "")


def summary(outcomes: list[Outcome]) -> str:
    """The results of one "Add" as Markdown: a count line, then one line per item."""
    counts = ", ".join(f"{sum(o.status == s for o in outcomes)} {s}" for s in ICONS
                       if any(o.status == s for o in outcomes))
    return "\n".join([f"**{counts}.**", *(o.line() for o in outcomes)])


def _outcome(item: str, doc_id: str | None, before: Mapping[str, str],
             documents: Mapping[str, Mapping[str, Any]], why: str = "", note: str = "") -> Outcome:
    """One item's result, from the index before and after its ingest (``why``: the reason
    the ingest gave for skipping it)."""
    if why or doc_id is None or doc_id not in documents:
        kept = "; the indexed version is kept" if why and doc_id in documents else ""
        return Outcome(item, "skipped", note=(why or "nothing was indexed") + kept)
    if doc_id not in before:
        return Outcome(item, "added", doc_id, note)
    changed = before[doc_id] != documents[doc_id].get("hash")
    return Outcome(item, "updated" if changed else "unchanged", doc_id, note)


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class DocumentsTab:
    """The tab's handlers over one assistant; :meth:`build` lays it out inside a ``gr.Blocks``.

    Example::

        with gr.Blocks() as demo:
            DocumentsTab(Assistant.open()).build()
    """

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self._lock = threading.Lock()  # one add or remove at a time (the ingest lock would refuse)

    @property
    def staging(self) -> Path:
        """The private folder uploads are read from: a stable place, so a file uploaded again
        under the same name updates its document instead of adding a second one."""
        return self.assistant.store.index_dir / UPLOADS

    # -- the list -----------------------------------------------------------------------------

    def rows(self) -> list[list[Any]]:
        """One row per indexed document (this process's list; see :meth:`refresh`)."""
        staged = str(self.staging.resolve())
        rows = []
        for doc_id, entry in dict(self.assistant.store.documents).items():  # a copy: adds may run
            path = str(entry.get("path", ""))
            source = str(entry.get("url") or "") or ("uploaded" if path.startswith(staged) else path)
            rows.append([str(entry.get("title", "")), str(entry.get("outlet", "")), str(entry.get("author") or ""),
                         str(entry.get("date", "")), int(entry.get("chunks", 0)), source, doc_id])
        return sorted(rows, key=lambda r: (r[0].casefold(), r[-1]))

    def choices(self) -> list[tuple[str, str]]:
        """The remove picker's choices: (title and id, id)."""
        return [(f"{r[0]} ({r[-1]})", r[-1]) for r in self.rows()]

    def refresh(self) -> tuple[Any, Any]:
        """The list again, reloaded if another process changed the index."""
        try:
            self.assistant.store.refresh()
        except IndexUnavailable as exc:
            gr.Warning(str(exc))
        return self._table(), gr.update(choices=self.choices(), value=None)

    def _table(self) -> dict[str, Any]:
        return {"headers": HEADERS, "data": self.rows()}

    # -- adding -------------------------------------------------------------------------------

    def add(self, files: list[str] | None, urls: str | None,
            progress: gr.Progress = gr.Progress()) -> tuple[str, Any, Any, Any, str]:
        """Index uploaded files and pasted URLs (one a line); returns the per-item results, the
        list, the picker, the (cleared) upload box and the URLs that did not go in."""
        files = [str(f) for f in files or []]
        lines = [line.strip() for line in (urls or "").splitlines() if line.strip()]
        limit = self.assistant.config.ui_upload_max_items
        if not files and not lines:
            return "Choose files or paste URLs first.", *self.refresh(), None, urls or ""
        if len(files) + len(lines) > limit:
            return (f"{len(files) + len(lines)} items at once is too many: add at most {limit} "
                    "(nothing was added).", gr.skip(), gr.skip(), gr.skip(), urls or "")
        with self._lock:
            outcomes = self.add_files(files, progress) + self.add_urls(lines, progress)
        left = [o.item for o in outcomes[len(files):] if o.status == "skipped"]
        return summary(outcomes), *self.refresh(), None, "\n".join(left)

    def _before(self) -> dict[str, str]:
        self.assistant.store.refresh()
        return {d: str(e.get("hash", "")) for d, e in self.assistant.store.documents.items()}

    def _problem(self, path: Path, name: str, taken: set[str]) -> str:
        """Why an uploaded file cannot be indexed, or ""."""
        suffix = Path(name).suffix
        if suffix not in SUFFIXES:
            return f"unsupported type {suffix or '(none)'}: use {', '.join(SUFFIXES)}"
        if name in taken:
            return "another file in this upload has the same name"
        try:
            size = path.stat().st_size
        except OSError as exc:
            return f"unreadable: {exc.strerror or exc}"
        config = self.assistant.config
        if size > config.ui_upload_max_bytes:
            return f"{size / 1024 / 1024:.3g} MB is over the {config.ui_upload_max_mb:g} MB upload limit"
        return ""

    def add_files(self, paths: Iterable[str], progress: gr.Progress = gr.Progress()) -> list[Outcome]:
        """Copy each file under a safe name into the upload folder, index them (by file, so no
        other document is touched), remove the copies; one result per file, in order."""
        paths = [Path(p) for p in paths]
        staged: dict[int, Path] = {}
        try:
            results = [self._stage(i, path, staged) for i, path in enumerate(paths)]
            if staged:
                progress(0.2, desc=f"Indexing {len(staged)} file(s)")
                results = self._ingest_staged(paths, staged, results)
        finally:
            for target in staged.values():
                target.unlink(missing_ok=True)
        return [r for r in results if r is not None]

    def _stage(self, i: int, path: Path, staged: dict[int, Path]) -> Outcome | None:
        """Copy upload ``i`` into the upload folder under a safe name (None), or say why not."""
        name = safe_name(path.name)
        problem = self._problem(path, name, {p.name for p in staged.values()})
        if not problem:
            try:
                self.staging.mkdir(mode=0o700, parents=True, exist_ok=True)
                shutil.copyfile(path, self.staging / name)
                staged[i] = self.staging / name
            except OSError as exc:
                problem = f"could not be read: {_one_line(exc)}"
        return Outcome(path.name, "skipped", note=problem) if problem else None

    def _ingest_staged(self, paths: list[Path], staged: dict[int, Path],
                       results: list[Outcome | None]) -> list[Outcome | None]:
        try:
            before = self._before()
            report = self.assistant.ingest(list(staged.values()), progress=False)
        except (IngestBusy, IndexUnavailable, OSError, ValueError) as exc:
            return [Outcome(paths[i].name, "skipped", note=_one_line(exc)) if i in staged else r
                    for i, r in enumerate(results)]
        documents, skipped = self.assistant.store.documents, dict(report.skipped)
        for i, target in staged.items():
            doc_id = self.assistant.find_document(str(target))
            note = f"{target.name} is another document's id" if doc_id and doc_id != target.name else ""
            why = skipped.get(target.name, "")
            results[i] = _outcome(paths[i].name, doc_id, before, documents, why, note)
        return results

    def add_urls(self, urls: list[str], progress: gr.Progress = gr.Progress()) -> list[Outcome]:
        """Fetch and index the URLs in one ingest (one keyword-index rebuild; one failing does
        not stop the rest); never a path (this box must not read the server's files). One
        result per line, in order."""
        outcomes = {u: Outcome(u, "skipped", note="not a URL: it must start with http:// or https://")
                    for u in urls if not is_url(u)}
        wanted = [u for u in urls if is_url(u)]
        if wanted:
            progress(0.5, desc=f"Fetching {len(wanted)} URL(s)")
            try:
                before = self._before()
                report = self.assistant.ingest(wanted, progress=False)
            except (IngestBusy, IndexUnavailable, OSError, ValueError) as exc:
                outcomes.update({u: Outcome(u, "skipped", note=_one_line(exc)) for u in wanted})
            else:
                documents, skipped = dict(self.assistant.store.documents), dict(report.skipped)
                outcomes.update({u: _outcome(u, self.assistant.find_document(u), before, documents,
                                             skipped.get(normalize_url(u), "")) for u in wanted})
        return [outcomes[u] for u in urls]

    # -- removing -----------------------------------------------------------------------------

    def ask_remove(self, doc_id: str | None) -> tuple[Any, str, str | None, str]:
        """Show the confirmation for ``doc_id``: (confirm row, its question, the pending id, status)."""
        entry = self.assistant.store.documents.get(doc_id or "")
        if entry is None:
            return gr.update(visible=False), "", None, "Pick a document to remove first."
        question = f"Really remove **{md(str(entry.get('title') or doc_id))}** ({md(str(doc_id))})?"
        return gr.update(visible=True), question, doc_id, ""

    def confirm_remove(self, doc_id: str | None) -> tuple[str, Any, Any, Any, None]:
        """Remove the confirmed document: (status, list, picker, hidden confirm row, no pending id)."""
        if not doc_id:
            return "Nothing to remove.", *self.refresh(), gr.update(visible=False), None
        title = str(self.assistant.store.documents.get(doc_id, {}).get("title") or doc_id)
        with self._lock:
            try:
                self.assistant.remove([doc_id])
                status = f"Removed {md(title)} ({md(doc_id)})."
            except KeyError:
                status = f"{md(doc_id)} is no longer in the index (removed elsewhere)."
            except (IngestBusy, IndexUnavailable) as exc:
                status = f"Not removed: {md(str(exc))}"
        return status, *self.refresh(), gr.update(visible=False), None

    @staticmethod
    def cancel_remove() -> tuple[Any, None, str]:
        """Hide the confirmation: (hidden confirm row, no pending id, status)."""
        return gr.update(visible=False), None, "Nothing removed."

    # -- layout -------------------------------------------------------------------------------

    def build(self) -> gr.Tab:
        """The tab, inside the current ``gr.Blocks`` and ``gr.Tabs``."""
        config = self.assistant.config
        with gr.Tab("Documents", id="documents", elem_id="rag-documents-tab") as tab:
            table = gr.Dataframe(self._table(), headers=HEADERS, interactive=False, wrap=True,
                                 column_widths=WIDTHS, show_search="search", max_height=420,
                                 label="Indexed documents", elem_id="rag-doc-table")
            reload = gr.Button("Refresh", elem_id="rag-doc-refresh", size="sm")
            with gr.Row(equal_height=False):
                files = gr.File(file_count="multiple", file_types=list(SUFFIXES), elem_id="rag-upload",
                                label=f"Upload files ({' '.join(SUFFIXES)}; up to "
                                      f"{config.ui_upload_max_mb:g} MB each)")
                urls = gr.Textbox(label="Or paste URLs, one a line", lines=4, elem_id="rag-urls",
                                  placeholder="https://example.com/news/story.html")
            add = gr.Button("Add to the index", variant="primary", elem_id="rag-add")
            status = gr.Markdown("", elem_id="rag-doc-status")
            with gr.Row(equal_height=False):
                picker = gr.Dropdown(self.choices(), value=None, label="Document to remove",
                                     elem_id="rag-remove-pick", scale=3)
                remove = gr.Button("Remove…", variant="stop", elem_id="rag-remove", scale=1,
                                   min_width=120)
            with gr.Row(visible=False, elem_id="rag-confirm") as confirm:
                question = gr.Markdown("", elem_id="rag-confirm-question")
                yes = gr.Button("Confirm", variant="stop", elem_id="rag-confirm-yes")
                no = gr.Button("Cancel", elem_id="rag-confirm-no")
            pending = gr.State(None)
        private: dict[str, Any] = {"api_visibility": "private"}
        writes: dict[str, Any] = {**private, "concurrency_id": "rag-documents", "concurrency_limit": 1}
        for trigger in (tab.select, reload.click):
            trigger(self.refresh, None, [table, picker], **writes)
        add.click(self.add, [files, urls], [status, table, picker, files, urls], **writes)
        remove.click(self.ask_remove, picker, [confirm, question, pending, status], **private)
        picker.input(lambda: (gr.update(visible=False), None), None, [confirm, pending], **private)
        yes.click(self.confirm_remove, pending, [status, table, picker, confirm, pending], **writes)
        no.click(self.cancel_remove, None, [confirm, pending, status], **private)
        return tab
