"""The public entry point: open an index, ingest documents, ask questions."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator, Sequence

from rag.config import Config
from rag.embeddings import DIMENSION, MODEL_NAME, MiniLMEmbedding
from rag.fetch import is_url, normalize_url
from rag.generate import GenerativeAnswerer
from rag.ingest import BM25_DIR, IngestReport, Ingestor
from rag.keywords import BM25Index, KeywordIndex
from rag.llm import ChatModel, safe_host
from rag.policy import AnswerPolicy
from rag.records import file_key
from rag.retrieve import Retrieved, Retriever
from rag.store import Store
from rag.types import Answer, Citation, final_answer

if TYPE_CHECKING:
    from rag.doctor import Checkup
    from rag.conversation import Conversation


class Assistant:
    """Cited question answering over an indexed corpus.

    Example::

        assistant = Assistant.open()
        assistant.ingest(["seeds"]).unchanged  # 1
        assistant.ask("How many National Guard members were killed?").citations[0].quote
        # 'Mexico Security Secretary Omar García Harfuch said that 25 members ...'
    """

    def __init__(self, config: Config, store: Store, embedder: MiniLMEmbedding,
                 keywords: KeywordIndex | None = None):
        self.config, self.store, self.embedder = config, store, embedder
        self.keywords = keywords or KeywordIndex(store, store.index_dir / BM25_DIR,
                                                 config.keyword_check_seconds)
        self._generator: GenerativeAnswerer | None = None
        self.retriever = Retriever(store, self.keywords, embedder.embed, config)
        self.policy = AnswerPolicy(config, embedder.embed, self.keywords.idf, lambda: self.generator)

    @classmethod
    def open(cls, index_dir: str | Path | None = None, create: bool = True,
             embedder: MiniLMEmbedding | None = None, **settings: Any) -> "Assistant":
        """Open (or, with ``create``, start) the index at ``index_dir``.

        ``index_dir`` defaults to ``$RAG_INDEX_DIR``, else ``index/`` under the project root;
        other keyword arguments override :class:`~rag.config.Config` fields. Pass an
        ``embedder`` to share one loaded model between several assistants.
        """
        config = Config.load(index_dir=index_dir, **settings)
        store = Store(config.index_dir, embedder=MODEL_NAME, dimension=DIMENSION, create=create,
                      chroma_url=config.chroma_url)
        return cls(config, store, embedder or MiniLMEmbedding(
            embed_batch_size=config.embed_batch_size, int8=config.embed_int8))

    def with_settings(self, **overrides: Any) -> "Assistant":
        """An assistant over the same index and model with some settings changed.

        Example::

            assistant.with_settings(answer_mode="extractive", top_k=3).ask("...")
        """
        overrides = {k: v for k, v in overrides.items() if v is not None}
        if not overrides:
            return self
        config = Config.load(**{**self.config.model_dump(), **overrides})
        if config.chroma_url != self.config.chroma_url or config.index_dir != self.config.index_dir:
            raise ValueError("with_settings cannot change the index; use Assistant.open")
        return Assistant(config, self.store, self.embedder, self.keywords)  # one keyword index

    def conversation(self) -> "Conversation":
        """A new conversation: follow-up questions understood from the earlier turns."""
        from rag.conversation import Conversation

        return Conversation(self)

    def describe(self) -> str:
        """How answers are produced, in one line (never the key)."""
        if not self.config.uses_llm:
            return "offline extractive answers (no model configured)"
        where = safe_host(self.config.llm_base_url)
        how = "sentences chosen" if self.config.selects else "answers written"
        return f"{how} by {self.config.llm_model} at {where}, citations checked"

    # -- ingest ---------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], progress: bool | None = None) -> IngestReport:
        """Bring the index in line with ``paths``: folders, files, or URLs (``str``, http or
        https: fetched, indexed under the URL; one that fails is skipped with its reason in the
        report). See :class:`Ingestor` and :mod:`rag.fetch`."""
        return self._ingestor(progress).ingest(list(paths))

    def remove(self, doc_ids: Iterable[str]) -> int:
        """Delete documents by id, whether or not their files still exist; ``KeyError`` (and
        nothing removed) for an unknown id. Returns the chunks left in the index."""
        return self._ingestor(False).remove(list(doc_ids))

    def doctor(self, repair: bool = False) -> "Checkup":
        """Check the index for damage (see :class:`~rag.doctor.Doctor`); with ``repair``, fix it."""
        from rag.doctor import Doctor

        doctor = Doctor(self._ingestor(False))
        return doctor.repair() if repair else doctor.check()

    def find_document(self, name: str) -> str | None:
        """The id of the document called ``name``: its id, the path of its file (which may
        no longer exist) or its URL; None when no document matches."""
        if name in self.store.documents:
            return name
        wanted = normalize_url(name) if is_url(name) else str(Path(name).expanduser().resolve())
        return next((d for d, e in self.store.documents.items() if file_key(d, e) == wanted), None)

    def _ingestor(self, progress: bool | None) -> Ingestor:
        return Ingestor(self.store, self.embedder, self.keywords, self.config, progress)

    @property
    def bm25(self) -> BM25Index:
        """The keyword index of the current corpus (reloaded after any ingest, by anyone)."""
        return self.keywords.get()

    # -- ask ------------------------------------------------------------------------------

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        """Answer ``question`` from the index with cited sentences, or decline.

        Raises ``ValueError`` for an empty question. See :meth:`ask_stream` for the modes.
        """
        return final_answer(self.ask_stream(question, top_k))

    def ask_stream(self, question: str, top_k: int | None = None, *, query: str | None = None,
                   prefer: Collection[str] = (), beside: Citation | None = None,
                   source_of: Sequence[Citation] = ()) -> Iterator[str | Answer]:
        """Yield text deltas as they are produced, then the final, verified :class:`Answer`.

        The final ``Answer`` is authoritative: its text has renumbered, checked citations and
        may differ from the streamed deltas (or replace them, when the model fails midway).
        With a model configured (``answer_mode`` ``llm``, or ``auto`` with a key or base URL)
        the answer is generated; otherwise, or when the model fails, it is extractive.
        ``query`` (a standalone rewrite of a follow-up), ``prefer`` (chunk ids to favour) and
        ``beside`` (for a comparison, the earlier answer's citation to set beside another
        account) and ``source_of`` (for "Who gave that number?", the earlier answer's citations
        whose source is asked) come from a :class:`~rag.conversation.Conversation`.

        Example::

            for item in assistant.ask_stream("Who led the operation?"):
                print(item if isinstance(item, str) else item.citations)
        """
        t0 = time.perf_counter()
        found = self.retrieve(question, top_k, query=query, prefer=prefer)
        for item in self.policy.stream(found, beside, source_of):
            if isinstance(item, Answer):
                item.timings["total_ms"] = (time.perf_counter() - t0) * 1e3
            yield item

    @property
    def generator(self) -> GenerativeAnswerer:
        """The model client, built on first use from the configuration."""
        if self._generator is None:
            self._generator = GenerativeAnswerer(ChatModel.from_config(self.config),
                                                 self.config.context_tokens)
        return self._generator

    # -- the stages ------------------------------------------------------------------------

    def retrieve(self, question: str, top_k: int | None = None, *, query: str | None = None,
                 prefer: Collection[str] = ()) -> Retrieved:
        """The passages (and their sentences) retrieved for ``question``, before answering.

        ``query``, when given, is what is searched and answered (a standalone rewrite).
        """
        return self.retriever.retrieve(question, top_k, query=query, prefer=prefer)

    def document_text(self, doc_id: str, version: str = "") -> str:
        """The text of an indexed document, as its offsets count it: the live version, or the
        ``version`` a citation names (``KeyError`` once an ingest has replaced it)."""
        return self.store.document_text(doc_id, version)

