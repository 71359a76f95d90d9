"""Incremental ingest: new documents added, changed ones replaced, removed ones deleted."""

from __future__ import annotations

import fcntl
import logging
import os
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import numpy as np

from rag.chunking import chunk_document, sentences_of
from rag.documents import Document, load_corpus
from rag.embeddings import MiniLMEmbedding, pooled
from rag.retrieve import BM25Index, KeywordIndex
from rag.store import DocumentParts, Store

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
        if self.skipped:
            line += f"; skipped {len(self.skipped)}: " + ", ".join(f"{d} ({r})" for d, r in self.skipped)
        return line


class Ingestor:
    """Bring the index in line with a set of corpus folders or files.

    Example:
        >>> report = Ingestor(store, embedder).ingest(["seeds"])
        >>> report.added + report.unchanged
        1
    """

    def __init__(self, store: Store, embedder: MiniLMEmbedding, chunk_tokens: int = 180,
                 overlap_tokens: int = 30, progress: bool | None = None,
                 keywords: KeywordIndex | None = None, lock_wait: float = 0.0,
                 batch_texts: int = 1024):
        if overlap_tokens >= chunk_tokens:
            raise ValueError("overlap_tokens must be below chunk_tokens")
        self.store, self.embedder = store, embedder
        self.keywords = keywords or KeywordIndex(store, store.index_dir / BM25_DIR)
        self.lock_wait = lock_wait
        self.batch_texts = batch_texts  # small documents are embedded together: full batches
        self.chunk_tokens, self.overlap_tokens = chunk_tokens, overlap_tokens
        self.progress = progress

    def ingest(self, paths: Iterable[str | Path]) -> IngestReport:
        """Add, replace or delete documents so the index matches ``paths``.

        Holds the index's ingest lock throughout, first undoing what a killed ingest left.
        """
        started = time.perf_counter()
        roots = [Path(p) for p in paths]
        loaded = load_corpus(roots)
        report = IngestReport(skipped=list(loaded.skipped))
        with IngestLock(self.store.index_dir, self.lock_wait):
            report.recovered_chunks = self.store.recover()
            todo, removed = self._plan(loaded.documents, roots, report)
            if todo or removed:
                self.store.set_state(dirty=True)
            self.store.delete_documents(removed)
            report.chunks_written = self._write(todo)
            state = self.store.state()
            if todo or removed or state["dirty"]:
                self.rebuild_bm25(uuid.uuid4().hex)
            report.chunks_total = self.store.count()
        report.seconds = time.perf_counter() - started
        return report

    def _plan(self, documents: list[Document], roots: list[Path],
              report: IngestReport) -> tuple[list[tuple[Document, str]], list[str]]:
        """What to write (new and changed documents) and what to delete (gone from ``roots``)."""
        known = self.store.documents
        todo: list[tuple[Document, str]] = []
        present: set[str] = set()
        for doc in documents:
            root = self._root_of(doc, roots)
            present.add(doc.doc_id)
            entry = known.get(doc.doc_id)
            if entry and entry["hash"] == doc.content_hash:
                report.unchanged += 1
                continue
            todo.append((doc, root))
            if entry:
                report.updated += 1
            else:
                report.added += 1
        given = {str(r.resolve()) for r in roots}
        removed = [d for d, e in known.items() if e.get("root") in given and d not in present]
        report.removed = len(removed)
        return todo, removed

    @staticmethod
    def _root_of(doc: Document, roots: list[Path]) -> str:
        path = Path(doc.path).resolve()
        for root in roots:
            resolved = root.resolve()
            if path == resolved or resolved in path.parents:
                return str(resolved)
        return str(path)

    def _prepare(self, doc: Document, root: str) -> DocumentParts:
        sentences = sentences_of(doc, self.chunk_tokens)
        chunks = chunk_document(doc, sentences, self.chunk_tokens, self.overlap_tokens)
        none = np.zeros((0, self.store.dimension), dtype=np.float32)
        return DocumentParts(doc, root, chunks, none, sentences, none)

    def _groups(self, todo: list[tuple[Document, str]]) -> Iterator[list[DocumentParts]]:
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

    def _embed(self, group: list[DocumentParts]) -> None:
        """Sentence vectors for a group of documents, and chunk vectors pooled from them.

        Chunks are runs of whole sentences, so each chunk's vector is the mean of its
        sentences' token states (:func:`pooled`). The embedder runs once per sentence and
        never on the chunks: half the work of embedding both, on shorter inputs.
        """
        vectors, sums = self.embedder.embed_sums([s.text for p in group for s in p.sentences])
        begin = 0
        for part in group:
            end = begin + len(part.sentences)
            part.sentence_vectors, mine = vectors[begin:end], sums[begin:end]
            part.chunk_vectors = np.array(
                [pooled(mine[c.first_sentence: c.last_sentence + 1]) for c in part.chunks],
                dtype=np.float32).reshape(-1, self.store.dimension)
            begin = end

    def _write(self, todo: list[tuple[Document, str]]) -> int:
        from tqdm import tqdm

        written = 0
        show = self.progress if self.progress is not None else (len(todo) > 20 and sys.stderr.isatty())
        with tqdm(total=len(todo), unit="doc", desc="ingest", disable=not show) as bar:
            for group in self._groups(todo):
                self._embed(group)
                written += sum(len(part.chunks) for part in group)
                self.store.set_state(pending=[p.doc.doc_id for p in group])
                self.store.put_documents(group)
                bar.update(len(group))
        return written

    def rebuild_bm25(self, generation: str) -> BM25Index:
        """Rebuild the BM25 index from every stored chunk, then commit ``generation``."""
        def commit() -> None:
            self.store.set_state(generation=generation, pending=[], dirty=False)
            self.store.generation = generation

        return self.keywords.rebuild(generation, commit)


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
