"""Incremental ingest: new documents added, changed ones replaced, removed ones deleted."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np

from rag.chunking import chunk_document, sentences_of
from rag.config import Config
from rag.documents import Document, load_corpus
from rag.embeddings import MiniLMEmbedding, pooled
from rag.fetch import is_url, load_urls
from rag.keywords import BM25Index, KeywordIndex
from rag.records import DocumentParts, file_key
from rag.store import Store

log = logging.getLogger(__name__)

BM25_DIR = "bm25"


@dataclass
class IngestReport:
    """What an ingest did: document counts by outcome, chunk counts and wall time."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_written: int = 0
    chunks_total: int = 0
    recovered_chunks: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (file, id): its usual id was taken
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def summary(self) -> str:
        """One line for people."""
        line = (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged; {self.chunks_written} chunks written, "
            f"{self.chunks_total} in the index; {self.seconds:.2f} s"
        )
        if self.recovered_chunks:
            line += f"; removed {self.recovered_chunks} chunks an interrupted ingest left"
        if self.renamed:
            line += "; indexed under a longer id (the usual one belongs to another file): " + ", ".join(
                d for _, d in self.renamed)
        if self.skipped:
            line += f"; skipped {len(self.skipped)}: " + ", ".join(f"{d} ({r})" for d, r in self.skipped)
        return line


class Ingestor:
    """Bring the index in line with a set of corpus folders or files, and fetch URLs.

    Chunk sizes, the lock wait and the embedding batch come from ``config``.

    Example::

        report = Ingestor(store, embedder, keywords, config).ingest(["seeds"])
        report.added + report.unchanged  # 1
    """

    def __init__(self, store: Store, embedder: MiniLMEmbedding, keywords: KeywordIndex,
                 config: Config, progress: bool | None = None):
        if config.overlap_tokens >= config.chunk_tokens:
            raise ValueError("overlap_tokens must be below chunk_tokens")
        self.store, self.embedder, self.keywords, self.config = store, embedder, keywords, config
        self.lock_wait = config.ingest_wait
        self.batch_texts = config.ingest_batch_texts  # small documents embedded together: full batches
        self.chunk_tokens, self.overlap_tokens = config.chunk_tokens, config.overlap_tokens
        self.progress = progress

    def ingest(self, paths: Iterable[str | Path]) -> IngestReport:
        """Add, replace or delete documents so the index matches ``paths``; a ``str`` that is
        a URL is fetched (see :mod:`rag.fetch`), added or updated, never removed by a folder.

        Holds the index's ingest lock throughout, first undoing what a killed ingest left.
        """
        started = time.perf_counter()
        given = list(paths)
        urls = [p for p in given if isinstance(p, str) and is_url(p)]
        roots = [Path(p) for p in given if not (isinstance(p, str) and is_url(p))]
        loaded = load_corpus(roots)
        fetched = load_urls(urls, self.config)  # before the lock: downloads are slow
        report = IngestReport(skipped=loaded.skipped + fetched.skipped)
        with IngestLock(self.store.index_dir, self.lock_wait):
            report.recovered_chunks = self.store.recover()
            todo, removed = self._plan(loaded.documents + fetched.documents, roots, report)
            if todo or removed:
                self.store.set_state(dirty=True)
            self.store.delete_documents(removed)
            report.chunks_written = self.write(todo)
            state = self.store.state()
            if todo or removed or state["dirty"]:
                self.rebuild_bm25(uuid.uuid4().hex)
            report.chunks_total = self.store.count()
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, doc_ids: list[str]) -> int:
        """Delete documents by id (their files may be gone); returns the chunks left in the index."""
        with IngestLock(self.store.index_dir, self.lock_wait):
            self.store.recover()
            unknown = [d for d in doc_ids if d not in self.store.documents]
            if unknown:
                raise KeyError(f"no document {unknown[0]!r} in the index (see `rag list`)")
            self.store.set_state(dirty=True)
            self.store.delete_documents(list(doc_ids))
            self.rebuild_bm25(uuid.uuid4().hex)
            return self.store.count()

    def _plan(self, documents: list[Document], roots: list[Path],
              report: IngestReport) -> tuple[list[tuple[Document, str]], list[str]]:
        """What to write (new and changed documents) and what to delete (gone from ``roots``).

        A file keeps the id it was first indexed under, however it is named later; a new file
        whose proposed id belongs to another file gets a longer one (never replaces it).
        """
        known = self.store.documents
        owner = {d: file_key(d, e) for d, e in known.items()}  # id -> the file it belongs to
        by_file = {key: d for d, key in owner.items()}
        todo: list[tuple[Document, str]] = []
        present: set[str] = set()
        for doc in documents:
            doc_id = by_file.get(doc.path) or self._unique_id(doc, owner, report)
            owner[doc_id] = doc.path
            doc = replace(doc, doc_id=doc_id)
            present.add(doc_id)
            entry = known.get(doc_id)
            if entry and entry["hash"] == doc.content_hash:
                report.unchanged += 1
                continue
            todo.append((doc, self._root_of(doc, roots)))
            if entry:
                report.updated += 1
            else:
                report.added += 1
        folders = [r.resolve() for r in roots if r.is_dir()]
        uploads = self.store.index_dir.resolve()  # files uploaded through the UI live in the index
        removed = [d for d in known if d not in present and not is_url(owner[d])
                   and uploads not in Path(owner[d]).parents
                   and any(folder in Path(owner[d]).parents for folder in folders)]
        report.removed = len(removed)
        return todo, removed

    @staticmethod
    def _unique_id(doc: Document, owner: dict[str, str], report: IngestReport) -> str:
        """``doc``'s proposed id, or, when another file has it, one qualified by its folder."""
        if owner.get(doc.doc_id, doc.path) == doc.path:
            return doc.doc_id
        depth = len(Path(doc.doc_id).parts)
        folder = Path(doc.path).parents[depth - 1].name if depth <= len(Path(doc.path).parents) else ""
        candidate = f"{folder}/{doc.doc_id}" if folder else doc.doc_id
        if owner.get(candidate, doc.path) != doc.path:
            candidate = f"{doc.doc_id}~{hashlib.sha1(doc.path.encode()).hexdigest()[:8]}"
        log.warning("%s: id %s belongs to %s; indexed as %s", doc.path, doc.doc_id,
                    owner[doc.doc_id], candidate)
        report.renamed.append((doc.path, candidate))
        return candidate

    @staticmethod
    def _root_of(doc: Document, roots: list[Path]) -> str:
        if is_url(doc.path):
            return doc.path  # a URL's document has no folder
        path = Path(doc.path)
        for root in roots:
            resolved = root.resolve()
            if path == resolved or resolved in path.parents:
                return str(resolved)
        return str(path)

    def _prepare(self, doc: Document, root: str) -> DocumentParts:
        sentences = sentences_of(doc, self.chunk_tokens)
        chunks = chunk_document(doc, sentences, self.chunk_tokens, self.overlap_tokens)
        vectors = np.zeros((len(sentences), self.store.dimension), dtype=np.float32)  # filled by _embed
        return DocumentParts(doc, root, chunks, sentences, vectors)

    def _groups(self, todo: list[tuple[Document, str]]) -> Iterator[list[DocumentParts]]:
        """Documents committed together: small ones gathered up to ``batch_texts`` sentences."""
        group: list[DocumentParts] = []
        size = 0
        for doc, root in todo:
            prepared = self._prepare(doc, root)
            group.append(prepared)
            size += len(prepared.sentences)
            if size >= self.batch_texts:
                yield group
                group, size = [], 0
        if group:
            yield group

    def _windows(self, group: list[DocumentParts]) -> Iterator[list[tuple[DocumentParts, int, int]]]:
        """Runs of chunks, as (document, first chunk, end chunk), of about ``batch_texts``
        sentences: embedded and written together, so a big document streams through."""
        window: list[tuple[DocumentParts, int, int]] = []
        size = 0
        for part in group:
            begin = 0
            for i, chunk in enumerate(part.chunks):
                size += chunk.last_sentence - chunk.first_sentence + 1
                if size >= self.batch_texts:
                    window.append((part, begin, i + 1))
                    yield window
                    window, size, begin = [], 0, i + 1
            if begin < len(part.chunks):
                window.append((part, begin, len(part.chunks)))
        if window:
            yield window

    def _embed(self, window: list[tuple[DocumentParts, int, int]]) -> None:
        """Embed a window's sentences, pool its chunks' vectors from them and store the chunks.

        Chunks are runs of whole sentences, so each chunk's vector is the mean of its
        sentences' token states (:func:`pooled`). The embedder runs once per sentence and
        never on the chunks: half the work of embedding both, on shorter inputs.
        """
        ranges = [(part.chunks[a].first_sentence, part.chunks[b - 1].last_sentence + 1)
                  for part, a, b in window]
        texts = [s.text for (part, _, _), (lo, hi) in zip(window, ranges) for s in part.sentences[lo:hi]]
        vectors, sums = self.embedder.embed_sums(texts)
        begin, batch = 0, []
        for (part, a, b), (lo, hi) in zip(window, ranges):
            part.sentence_vectors[lo:hi] = vectors[begin: begin + hi - lo]
            mine = sums[begin: begin + hi - lo]
            chunk_vectors = np.array([pooled(mine[c.first_sentence - lo: c.last_sentence - lo + 1])
                                      for c in part.chunks[a:b]], dtype=np.float32)
            batch.append((part.doc, part.chunks[a:b], chunk_vectors))
            begin += hi - lo
        self.store.add_chunks(batch)

    def write(self, todo: list[tuple[Document, str]]) -> int:
        """Chunk, embed and store each (document, root) in bounded batches; chunks written.

        Each group is marked pending, its old chunks deleted, its new chunks written window
        by window, then committed (texts and document records): see ``Store.recover``.
        """
        written = 0
        with Progress(sum(len(doc.text) for doc, _ in todo), self.progress) as progress:
            for group in self._groups(todo):
                self.store.set_state(pending=[p.doc.doc_id for p in group])
                self.store.delete_chunks_of([p.doc.doc_id for p in group])
                for window in self._windows(group):
                    self._embed(window)
                    chunks = sum(b - a for _, a, b in window)
                    written += chunks
                    progress.update(sum(p.chunks[b - 1].end - p.chunks[a].start for p, a, b in window), chunks)
                self.store.commit_documents(group)
        return written

    def rebuild_bm25(self, generation: str) -> BM25Index:
        """Rebuild the BM25 index from every stored chunk, then commit ``generation``."""
        return self.keywords.rebuild(generation, lambda: self.store.commit(generation))


class Progress:
    """Ingest progress: a bar on a terminal; elsewhere a line every ``every`` seconds, once an
    ingest has run that long (short ingests print nothing)."""

    def __init__(self, total_chars: int, show: bool | None = None, every: float = 15.0):
        from tqdm import tqdm

        terminal = sys.stderr.isatty()
        bar = show if show is not None else terminal and total_chars > 200_000
        self.bar = tqdm(total=total_chars, unit="B", unit_scale=True, desc="ingest text",
                        disable=not bar or not terminal)
        self.lines = show is not False and not terminal
        self.total, self.every = total_chars, every
        self.done = self.chunks = 0
        self.started = self.last = time.monotonic()

    def update(self, chars: int, chunks: int) -> None:
        self.done, self.chunks = min(self.total, self.done + chars), self.chunks + chunks
        self.bar.update(chars)
        now = time.monotonic()
        if self.lines and now - self.last >= self.every:
            self.last = now
            rate = self.chunks / max(now - self.started, 1e-9)
            print(f"ingest: {self.done / 1e6:.1f} of {self.total / 1e6:.1f} MB of text "
                  f"({100 * self.done / max(self.total, 1):.0f} %), {self.chunks} chunks written, "
                  f"{rate:.1f} chunks/s", file=sys.stderr, flush=True)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()


class IngestBusy(RuntimeError):
    """Another ingest holds the index."""


class IngestLock:
    """An exclusive lock on an index folder for one ingest (``flock``: released if the holder dies).

    With a Chroma server the lock file is in the local folder: it serializes ingests from one
    host; ingests from several hosts at once converge (writes are idempotent) but may repeat work.
    """

    def __init__(self, index_dir: Path, wait: float = 0.0):
        self.path = Path(index_dir) / "ingest.lock"
        self.wait = wait
        self._handle: Any = None

    def __enter__(self) -> "IngestLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    handle.close()
                    raise IngestBusy(f"another ingest ({holder}) is writing the index at "
                                     f"{self.path.parent}; try again when it finishes") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.truncate(0)
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()
