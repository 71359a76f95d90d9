"""The public entry point: open an index, ingest documents, ask questions."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterable

from rag.answer import Answer, ExtractiveAnswerer
from rag.config import Config
from rag.embeddings import DIMENSION, MODEL_NAME, MiniLMEmbedding
from rag.ingest import BM25_DIR, IngestReport, Ingestor
from rag.retrieve import BM25Index, HybridRetriever
from rag.store import Store

MAX_QUESTION_CHARS_HARD = 100_000  # beyond the configured cut, still refuse absurd inputs fast


class Assistant:
    """Cited question answering over an indexed corpus.

    Example:
        >>> assistant = Assistant.open()
        >>> assistant.ingest(["seeds"]).unchanged
        1
        >>> assistant.ask("How many National Guard members were killed?").citations[0].quote
        'Mexico Security Secretary Omar García Harfuch said that 25 members ...'
    """

    def __init__(self, config: Config, store: Store, embedder: MiniLMEmbedding):
        self.config, self.store, self.embedder = config, store, embedder
        self._bm25: BM25Index | None = None

    @classmethod
    def open(cls, index_dir: str | Path | None = None, create: bool = True,
             embedder: MiniLMEmbedding | None = None, **settings: Any) -> "Assistant":
        """Open (or, with ``create``, start) the index at ``index_dir``.

        ``index_dir`` defaults to ``$RAG_INDEX_DIR``, else ``index/`` under the project root;
        other keyword arguments override :class:`~rag.config.Config` fields. Pass an
        ``embedder`` to share one loaded model between several assistants.
        """
        config = Config.load(index_dir=index_dir, **settings)
        store = Store(config.index_dir, embedder=MODEL_NAME, dimension=DIMENSION, create=create)
        return cls(config, store, embedder or MiniLMEmbedding(embed_batch_size=config.embed_batch_size))

    # -- ingest ---------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], progress: bool | None = None) -> IngestReport:
        """Bring the index in line with ``paths`` (folders or files); see :class:`Ingestor`."""
        ingestor = Ingestor(self.store, self.embedder, self.config.chunk_tokens,
                            self.config.overlap_tokens, progress=progress)
        report = ingestor.ingest(list(paths))
        self._bm25 = None  # reload the rebuilt index on next use
        return report

    @property
    def bm25(self) -> BM25Index:
        """The persisted BM25 index, loaded once (rebuilt if missing or stale)."""
        if self._bm25 is None:
            folder = self.store.index_dir / BM25_DIR
            if (folder / "ids.json").exists() and self.store.manifest.get("bm25_synced", False):
                self._bm25 = BM25Index.load(folder)
            else:
                self._bm25 = Ingestor(self.store, self.embedder).rebuild_bm25()
        return self._bm25

    # -- ask ------------------------------------------------------------------------------

    def _check_question(self, question: str) -> tuple[str, list[str]]:
        if not isinstance(question, str):
            raise TypeError("question must be a string")
        if not question.strip():
            raise ValueError("the question is empty: ask something about the documents")
        notices = []
        text = " ".join(question[:MAX_QUESTION_CHARS_HARD].split())
        if len(text) > self.config.max_question_chars:
            notices.append(
                f"The question was {len(question):,} characters long; only the first "
                f"{self.config.max_question_chars:,} were used."
            )
            text = text[: self.config.max_question_chars]
        return text, notices

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        """Answer ``question`` from the index with cited sentences, or decline.

        Raises ``ValueError`` for an empty question.
        """
        t0 = time.perf_counter()
        query, notices = self._check_question(question)
        k = top_k or self.config.top_k
        if k < 1:
            raise ValueError("top_k must be at least 1")
        if not self.store.manifest["documents"]:
            notices.append("The index is empty: add documents with `rag ingest PATH`.")
        vector = self.embedder.embed([query])[0]
        t1 = time.perf_counter()
        retrieval = HybridRetriever(self.store, self.bm25, self.config.candidates,
                                    self.config.rrf_k).retrieve(query, vector, k)
        t2 = time.perf_counter()
        wanted: dict[str, set[int]] = {}
        for p in retrieval.passages:
            wanted.setdefault(p.doc_id, set()).update(range(p.first_sentence, p.last_sentence + 1))
        sentences = [s for doc_id, indices in sorted(wanted.items())
                     for s in self.store.get_sentences(doc_id, sorted(indices))]
        answerer = ExtractiveAnswerer(self.bm25.idf, self.config.min_support,
                                      self.config.max_answer_sentences)
        draft = answerer.answer(query, vector, retrieval.passages, sentences)
        t3 = time.perf_counter()
        timings = {"embed_ms": (t1 - t0) * 1e3, **retrieval.timings,
                   "retrieve_ms": (t2 - t1) * 1e3, "answer_ms": (t3 - t2) * 1e3,
                   "total_ms": (t3 - t0) * 1e3}
        return Answer(
            question=question if len(question) <= 10_000 else question[:10_000] + "…",
            text=draft.text, refused=draft.refused, mode="extractive",
            citations=draft.citations, sources=retrieval.passages, timings=timings,
            query=query, answer_type=draft.answer_type, support=draft.support,
            conflict=draft.conflict, notices=notices,
        )

    def document_text(self, doc_id: str) -> str:
        """The text of an indexed document, as its offsets count it."""
        return self.store.document_text(doc_id)
