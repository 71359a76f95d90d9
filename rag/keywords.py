"""The keyword index: bm25s over every stored chunk, persisted beside the store, shared per process."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from rag.casing import VERSION as CASING_VERSION
from rag.casing import learn, recased
from rag.text import TOKENS_VERSION, tokenize

if TYPE_CHECKING:
    from rag.store import Store

log = logging.getLogger(__name__)


def _write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON atomically: a crash leaves the old file or the new one, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class BM25Index:
    """A bm25s index persisted beside the Chroma store; rebuilt at ingest, loaded at query.

    Example:
        >>> bm25 = BM25Index.build(["c1", "c2"], ["Flights were suspended.", "The Pentagon said nothing."])
        >>> [chunk for chunk, score in bm25.search("suspended flights", k=5)]
        ['c1']
    """

    def __init__(self, retriever: Any, ids: list[str], casing: dict[str, str] | None = None):
        self._retriever, self.ids = retriever, ids
        self.casing = casing or {}  # names as the corpus writes them (rag.casing)
        self._df: dict[str, int] = {}
        if ids:
            counts = np.diff(retriever.scores["indptr"])
            self._df = {t: int(counts[i]) for t, i in retriever.vocab_dict.items() if i < len(counts)}

    def get(self) -> "BM25Index":
        """A built index is its own keyword source (see :class:`rag.retrieve.KeywordSource`)."""
        return self

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term; unseen terms get the maximum."""
        n, df = len(self.ids), self._df.get(term, 0)
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def document_frequency(self, term: str) -> int:
        """How many chunks hold a stemmed term."""
        return self._df.get(term, 0)

    def recased(self, question: str) -> str:
        """``question`` with the names it types in lower case as the corpus writes them."""
        return recased(question, self.casing)

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "BM25Index":
        import bm25s

        tokens = tokenize(texts)
        if not any(tokens):  # nothing to find (bm25s cannot index an empty vocabulary)
            return cls(bm25s.BM25(), [], learn(texts))
        retriever = bm25s.BM25()
        retriever.index(tokens, show_progress=False)
        return cls(retriever, list(ids), learn(texts))

    def save(self, folder: Path, generation: str) -> None:
        """Write to ``folder`` via a private temporary folder and renames (never half-written);
        ``generation`` is the store generation the index was built for. When another process
        swaps its copy in at the same moment, one of the two wins."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name + ".tmp"))
        old = folder.with_name(f"{folder.name}.old{os.getpid()}-{threading.get_ident()}")
        try:
            if self.ids:
                self._retriever.save(str(tmp), show_progress=False)
            _write_json_atomic(tmp / "ids.json", self.ids)
            _write_json_atomic(tmp / "casing.json", {"version": CASING_VERSION, "tokens": TOKENS_VERSION,
                                                       "names": self.casing})
            _write_json_atomic(tmp / "generation.json", generation)
            if folder.exists():
                folder.rename(old)
            tmp.rename(folder)
        except OSError as exc:  # another process swapped first: its copy stands
            log.debug("keyword index not saved to %s: %s", folder, exc)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def learned_here(folder: Path) -> bool:
        """Whether the index saved in ``folder`` learned its names and split its terms as this
        version does (:data:`rag.casing.VERSION`, :data:`rag.text.TOKENS_VERSION`); an older
        copy is rebuilt, as it is only a cache."""
        try:
            saved = json.loads((folder / "casing.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (isinstance(saved, dict) and saved.get("version") == CASING_VERSION
                and saved.get("tokens") == TOKENS_VERSION)

    @staticmethod
    def saved_generation(folder: Path) -> str | None:
        """The generation an index saved in ``folder`` was built for (None: no usable index)."""
        try:
            return str(json.loads((folder / "generation.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        import bm25s

        ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        casing = json.loads((folder / "casing.json").read_text(encoding="utf-8"))["names"]
        if not ids:
            return cls(bm25s.BM25(), [], casing)
        retriever = bm25s.BM25.load(str(folder), show_progress=False)
        if int(retriever.scores.get("num_docs", len(ids))) != len(ids):
            raise ValueError(f"{retriever.scores.get('num_docs')} scored chunks for {len(ids)} ids")
        return cls(retriever, ids, casing)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Top ``k`` chunk ids by BM25, dropping zero-score hits (bm25s pads with them)."""
        terms = tokenize([query])
        if not self.ids or not terms[0]:
            return []
        docs, scores = self._retriever.retrieve(terms, k=min(k, len(self.ids)), show_progress=False)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]



class KeywordIndex:
    """The BM25 index matching the store's current generation, shared by the assistants of
    one process.

    Each process keeps its own copy, cached on local disk in ``folder``: the ingest that
    commits a generation saves the index it built there; any other process (or host, with a
    Chroma server) finds the generation changed and loads that copy or rebuilds its own from
    the stored chunks. The store is asked whether the generation changed at most every
    ``check_every`` seconds.
    """

    def __init__(self, store: "Store", folder: Path, check_every: float):
        self.store, self.folder, self.check_every = store, folder, check_every
        self._index: BM25Index | None = None
        self._generation: str | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def get(self) -> BM25Index:
        """The current index (reloading or rebuilding it when the corpus changed)."""
        with self._lock:  # several UI users may ask first at once
            now = time.monotonic()
            if now - self._checked >= self.check_every:
                self.store.refresh()
                self._checked = now
            if self._index is None or self._generation != self.store.generation:
                generation = self.store.generation
                self._index = self._load(generation) or self._build(generation)
                self._generation = generation
            return self._index

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term in the index last handed out by
        :meth:`get` (each question's retrieval calls it first), without checking again."""
        return (self._index or self.get()).idf(term)

    def rebuild(self, generation: str, commit: Callable[[], None]) -> BM25Index:
        """Build from every stored chunk, save for ``generation``, then ``commit`` it (which
        makes it the store's generation) before any reader here can look."""
        with self._lock:
            self._index = self._build(generation)
            commit()
            self._generation = generation
            return self._index

    def _load(self, generation: str) -> BM25Index | None:
        if BM25Index.saved_generation(self.folder) != generation or not BM25Index.learned_here(self.folder):
            return None  # another corpus, or names learned otherwise: rebuilt
        try:
            index = BM25Index.load(self.folder)
        except Exception as exc:  # noqa: BLE001 swapped by another process while reading, or damaged
            # (an emptied .npy raises EOFError, a cut one ValueError): it is a cache, rebuilt from the store
            log.warning("keyword index at %s unreadable (%s: %s); rebuilding it from the index",
                        self.folder, type(exc).__name__, exc)
            return None
        return index if BM25Index.saved_generation(self.folder) == generation else None

    def _build(self, generation: str) -> BM25Index:
        ids, texts = self.store.all_chunks()
        index = BM25Index.build(ids, texts)
        index.save(self.folder, generation)
        return index
