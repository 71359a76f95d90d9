"""Check an index for damage, and repair it from what it stores (`rag doctor [--repair]`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.documents import Document
from rag.keywords import BM25Index
from rag.records import file_key
from rag.text import chunk_id

if TYPE_CHECKING:
    from rag.ingest import Ingestor

_PROBE = 20  # nearest chunks asked of the vector index when checking that it finds them all


@dataclass
class Checkup:
    """What :class:`Doctor` found: problems (each one line) and what a repair did."""

    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # documents whose text is gone from the index

    @property
    def healthy(self) -> bool:
        return not self.problems


class Doctor:
    """Checks the chunks, their vectors, the document records and the keyword index against
    each other; repairs by rewriting chunks from the document texts the index stores."""

    def __init__(self, ingestor: "Ingestor"):
        self.ingestor, self.store = ingestor, ingestor.store

    def check(self) -> Checkup:
        """Every problem found, none repaired."""
        found = Checkup()
        documents = self.store.read_documents()
        expected = {f"{d}::c{i}" for d, e in documents.items() for i in range(int(e.get("chunks", 0)))}
        stored = set(self.store.ids(self.store.chunks))
        if missing := expected - stored:
            found.problems.append(f"{len(missing)} chunks of indexed documents are missing")
        if extra := stored - expected:
            found.problems.append(f"{len(extra)} chunks belong to no indexed document")
        texts = set(self.store.ids(self.store.texts))
        if lost := sorted(d for d, e in documents.items() if e["hash"] not in texts):
            found.problems.append(f"{len(lost)} documents have no stored text: {', '.join(lost[:5])}")
        if problem := self._vector_problem(len(stored)):
            found.problems.append(problem)
        if problem := self._keyword_problem(stored):
            found.problems.append(problem)
        return found

    def repair(self) -> Checkup:
        """Check, then rebuild what is damaged: chunks and vectors from the stored texts (or the
        files, for a text that is gone), the keyword index from the chunks."""
        from rag.ingest import IngestLock

        found = self.check()
        if found.healthy:
            return found
        with IngestLock(self.store.index_dir, self.ingestor.lock_wait):
            self.store.drop_damaged_vectors()
            self.store.recover()
            self.store.set_state(dirty=True)
            documents = self._with_authors(self.store.read_documents())
            self.store.reset_chunks()
            rebuilt = [doc for doc in (self._document(d, e, found) for d, e in documents.items()) if doc]
            self.store.delete_documents(found.lost)
            self.ingestor.write([(doc, str(documents[doc.doc_id].get("root", ""))) for doc in rebuilt])
            self.ingestor.rebuild_bm25(uuid.uuid4().hex)
        found.repaired.append(f"rewrote the chunks of {len(rebuilt)} documents and the keyword index")
        after = self.check()
        found.problems = after.problems
        return found

    def _with_authors(self, documents: dict[str, dict]) -> dict[str, dict]:
        """The document records, each with its author: records written before they kept it
        take it from their first chunk (so the rewritten chunks and the content hash keep it)."""
        firsts = {chunk_id(d, 0): d for d, e in documents.items() if "author" not in e}
        for first, (_, meta) in self.store.get_chunks(list(firsts)).items():
            documents[firsts[first]]["author"] = str(meta.get("author", ""))
        return documents

    def _document(self, doc_id: str, entry: dict, found: Checkup) -> Document | None:
        """A stored document as it was ingested: its text from the index, else from its file."""
        meta = {k: str(entry.get(k, "")) for k in ("title", "outlet", "author", "date", "url")}
        meta["path"] = file_key(doc_id, entry)
        try:
            return Document(doc_id=doc_id, text=self.store.document_text(doc_id), **meta)
        except KeyError:
            pass
        from rag.documents import load_file

        path = Path(meta["path"])
        try:
            doc = load_file(path, doc_id)
        except (OSError, ValueError):
            found.lost.append(doc_id)
            found.repaired.append(f"removed {doc_id}: its text is gone from the index and from {path}")
            return None
        found.repaired.append(f"read {doc_id} again from {path}")
        return doc

    def _vector_problem(self, count: int) -> str | None:
        """Whether the vector index finds as many nearest chunks as it should."""
        if count == 0:
            return None
        if damage := self.store.vector_damage():
            return f"the vector index is damaged ({damage})"  # not loaded: it could crash
        probe = np.full(self.store.dimension, self.store.dimension ** -0.5).tolist()  # any unit vector
        try:
            hits = self.store.query(probe, min(_PROBE, count))
        except Exception as exc:  # noqa: BLE001 whatever the damaged segment raises
            cause = exc.__cause__ or exc  # the store's one-line error wraps Chroma's
            return f"the vector index fails ({str(cause).split(':')[-1].strip()[:120]})"
        if len(hits) < min(_PROBE, count):
            return f"the vector index finds {len(hits)} of {min(_PROBE, count)} nearest chunks"
        return None

    def _keyword_problem(self, stored: set[str]) -> str | None:
        folder = self.ingestor.keywords.folder
        if (BM25Index.saved_generation(folder) != self.store.state()["generation"]
                or not BM25Index.learned_here(folder)):  # or by an older version: rebuilt when needed
            return None  # not saved for this generation: every process rebuilds it when needed
        try:
            index = BM25Index.load(folder)
        except Exception as exc:  # noqa: BLE001 a damaged cache file
            return f"the keyword index at {folder} is unreadable ({type(exc).__name__})"
        if set(index.ids) != stored:
            return f"the keyword index at {folder} does not match the chunks"
        return None
