"""Hybrid retrieval: dense top-k from Chroma plus BM25 (bm25s), fused by reciprocal rank."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Collection

import numpy as np

from rag.records import write_json_atomic
from rag.store import Store

log = logging.getLogger(__name__)


def _quiet_bm25s() -> None:
    """bm25s sets its logger to DEBUG when imported (lazily, for start-up time): undo that."""
    logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass
class Passage:
    """A retrieved chunk with where it came from and how it ranked."""

    chunk_id: str
    text: str
    doc_id: str
    title: str
    outlet: str
    date: str
    url: str
    source: str
    start: int
    end: int
    first_sentence: int
    last_sentence: int
    version: str = ""  # the document version (content hash) this chunk was cut from
    score: float = 0.0
    dense: float | None = None
    bm25: float | None = None

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> "Passage":
        return cls(
            chunk_id=chunk_id, text=text, doc_id=str(meta["doc_id"]), title=str(meta["title"]),
            outlet=str(meta.get("outlet", "")), date=str(meta.get("date", "")),
            url=str(meta.get("url", "")), source=str(meta.get("source", "")),
            start=int(meta["start"]), end=int(meta["end"]),
            first_sentence=int(meta["first_sentence"]), last_sentence=int(meta["last_sentence"]),
            version=str(meta.get("hash", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """BM25 terms: lower-cased, English stop words removed, Snowball-stemmed."""
    import bm25s

    _quiet_bm25s()
    return bm25s.tokenize(
        texts, stopwords="en", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


class BM25Index:
    """A bm25s index persisted beside the Chroma store; rebuilt at ingest, loaded at query.

    Example:
        >>> bm25 = BM25Index.build(["c1", "c2"], ["Flights were suspended.", "The Pentagon said nothing."])
        >>> bm25.search("suspended flights", k=5)
        [('c1', 0.46...)]
    """

    def __init__(self, retriever: Any, ids: list[str]):
        self._retriever, self.ids = retriever, ids
        self._df: dict[str, int] = {}
        if ids:
            counts = np.diff(retriever.scores["indptr"])
            self._df = {t: int(counts[i]) for t, i in retriever.vocab_dict.items() if i < len(counts)}

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term; unseen terms get the maximum."""
        n, df = len(self.ids), self._df.get(term, 0)
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "BM25Index":
        import bm25s

        retriever = bm25s.BM25()
        if texts:
            retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, list(ids))

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
            write_json_atomic(tmp / "ids.json", self.ids)
            write_json_atomic(tmp / "generation.json", generation)
            if folder.exists():
                folder.rename(old)
            tmp.rename(folder)
        except OSError as exc:  # another process swapped first: its copy stands
            log.debug("keyword index not saved to %s: %s", folder, exc)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)

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
        if not ids:
            return cls(bm25s.BM25(), [])
        retriever = bm25s.BM25.load(str(folder), show_progress=False)
        if int(retriever.scores.get("num_docs", len(ids))) != len(ids):
            raise ValueError(f"{retriever.scores.get('num_docs')} scored chunks for {len(ids)} ids")
        return cls(retriever, ids)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Top ``k`` chunk ids by BM25, dropping zero-score hits (bm25s pads with them)."""
        terms = tokenize([query])
        if not self.ids or not terms[0]:
            return []
        docs, scores = self._retriever.retrieve(terms, k=min(k, len(self.ids)), show_progress=False)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of 1 / (k + rank), rank from 1.

    Example:
        >>> reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=60)[0][0]
        'b'
    """
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class Retrieval:
    """What :meth:`HybridRetriever.retrieve` found, with per-stage milliseconds."""

    passages: list[Passage]
    timings: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    """Dense (Chroma via llama-index) + BM25, fused by reciprocal rank.

    Example:
        >>> retriever = HybridRetriever(store, bm25, candidates=20, rrf_k=60)
        >>> retriever.retrieve("Who is El Mencho?", query_vector, top_k=5).passages[0].title
        'U.S. provided intelligence support ...'
    """

    def __init__(self, store: Store, bm25: BM25Index, candidates: int = 20, rrf_k: int = 60):
        if candidates < 1 or rrf_k < 1:
            raise ValueError("candidates and rrf_k must be positive")
        self.store, self.bm25 = store, bm25
        self.candidates, self.rrf_k = candidates, rrf_k

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Top ``k`` chunk ids by cosine similarity."""
        stored = self.store.count()
        if stored == 0:
            return []
        hits = self.store.query(vector.tolist(), k)
        if len(hits) < min(k, stored):  # a vector segment lost records: answers would be worse
            log.warning("the vector index returned %d of the %d nearest chunks asked for: it is "
                        "damaged; repair it with `rag doctor --repair`", len(hits), min(k, stored))
        return hits

    def retrieve(self, question: str, vector: np.ndarray, top_k: int,
                 prefer: Collection[str] = ()) -> Retrieval:
        """The ``top_k`` best passages for ``question`` (whose embedding is ``vector``).

        Candidates whose chunk id is in ``prefer`` (a conversation's earlier citations and
        their neighbours) get a third ranking in the fusion; nothing else is added.
        """
        t0 = time.perf_counter()
        dense = self.dense(vector, self.candidates)
        t1 = time.perf_counter()
        lexical = self.bm25.search(question, self.candidates)
        t2 = time.perf_counter()
        rankings = [[i for i, _ in dense], [i for i, _ in lexical]]
        if prefer:
            first_seen = dict.fromkeys(i for ranking in rankings for i in ranking)
            rankings.append([i for i in first_seen if i in prefer])
        fused = reciprocal_rank_fusion(rankings, k=self.rrf_k)[:top_k]
        found = self.store.get_chunks([i for i, _ in fused])
        dense_by_id, bm25_by_id = dict(dense), dict(lexical)
        passages = []
        for chunk_id, score in fused:
            if chunk_id not in found:  # deleted since the keyword index was built (an ingest ran)
                log.debug("chunk %s is no longer stored; skipped", chunk_id)
                continue
            passage = Passage.from_metadata(chunk_id, *found[chunk_id])
            passage.score = score
            passage.dense, passage.bm25 = dense_by_id.get(chunk_id), bm25_by_id.get(chunk_id)
            passages.append(passage)
        t3 = time.perf_counter()
        timings = {"dense_ms": (t1 - t0) * 1e3, "bm25_ms": (t2 - t1) * 1e3, "fuse_ms": (t3 - t2) * 1e3}
        return Retrieval(passages, timings)


class KeywordIndex:
    """The BM25 index matching the store's current generation, shared by the assistants of
    one process.

    Each process keeps its own copy, cached on local disk in ``folder``: the ingest that
    commits a generation saves the index it built there; any other process (or host, with a
    Chroma server) finds the generation changed and loads that copy or rebuilds its own from
    the stored chunks. The store is asked whether the generation changed at most every
    ``check_every`` seconds.
    """

    def __init__(self, store: Store, folder: Path, check_every: float = 1.0):
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

    def rebuild(self, generation: str, commit: Callable[[], None]) -> BM25Index:
        """Build from every stored chunk, save for ``generation``, then ``commit`` it (which
        makes it the store's generation) before any reader here can look."""
        with self._lock:
            self._index = self._build(generation)
            commit()
            self._generation = generation
            return self._index

    def _load(self, generation: str) -> BM25Index | None:
        if BM25Index.saved_generation(self.folder) != generation:
            return None
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
