"""Incremental ingest: new documents added, changed ones replaced, removed ones deleted."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from rag.chunking import chunk_document, sentences_of
from rag.documents import Document, load_corpus
from rag.embeddings import MiniLMEmbedding
from rag.retrieve import BM25Index
from rag.store import DocumentParts, Store

log = logging.getLogger(__name__)

BM25_DIR = "bm25"
_GROUP_TEXTS = 1024  # embed several small documents together so batches stay full


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
                 overlap_tokens: int = 30, progress: bool | None = None):
        if overlap_tokens >= chunk_tokens:
            raise ValueError("overlap_tokens must be below chunk_tokens")
        self.store, self.embedder = store, embedder
        self.chunk_tokens, self.overlap_tokens = chunk_tokens, overlap_tokens
        self.progress = progress

    def ingest(self, paths: Iterable[str | Path]) -> IngestReport:
        """Add, replace or delete documents so the index matches ``paths``."""
        started = time.perf_counter()
        roots = [Path(p) for p in paths]
        loaded = load_corpus(roots)
        report = IngestReport(skipped=list(loaded.skipped))
        known = self.store.manifest["documents"]
        todo: list[tuple[Document, str]] = []
        present: set[str] = set()
        for doc in loaded.documents:
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
        for doc_id in [d for d, e in known.items() if e.get("root") in given and d not in present]:
            self.store.delete_document(doc_id)
            report.removed += 1
        report.chunks_written = self._write(todo)
        if todo or report.removed or not self.store.manifest.get("bm25_synced", False):
            self.rebuild_bm25()
        report.chunks_total = self.store.count()
        report.seconds = time.perf_counter() - started
        return report

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
            size += len(prepared.chunks) + len(prepared.sentences)
            if size >= _GROUP_TEXTS:
                yield group
                group, size = [], 0
        if group:
            yield group

    def _write(self, todo: list[tuple[Document, str]]) -> int:
        from tqdm import tqdm

        written = 0
        show = self.progress if self.progress is not None else (len(todo) > 20 and sys.stderr.isatty())
        with tqdm(total=len(todo), unit="doc", desc="ingest", disable=not show) as bar:
            for group in self._groups(todo):
                texts = [c.text for p in group for c in p.chunks] + [
                    s.text for p in group for s in p.sentences
                ]
                vectors = self.embedder.embed(texts)
                n_chunks = sum(len(p.chunks) for p in group)
                chunk_vecs, sent_vecs = vectors[:n_chunks], vectors[n_chunks:]
                c = s = 0
                for p in group:
                    p.chunk_vectors = chunk_vecs[c : c + len(p.chunks)]
                    p.sentence_vectors = sent_vecs[s : s + len(p.sentences)]
                    c, s = c + len(p.chunks), s + len(p.sentences)
                    written += len(p.chunks)
                self.store.put_documents(group)
                bar.update(len(group))
        return written

    def rebuild_bm25(self) -> BM25Index:
        """Rebuild the BM25 index from every stored chunk and persist it."""
        ids, texts = self.store.all_chunks()
        bm25 = BM25Index.build(ids, texts)
        bm25.save(self.store.index_dir / BM25_DIR)
        self.store.manifest["bm25_synced"] = True
        self.store.save_manifest()
        return bm25
