"""The public entry point: open an index, ingest documents, ask questions."""

from __future__ import annotations

import re
import time
from pathlib import Path
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator

import numpy as np

from rag.answer import Answer, Draft, ExtractiveAnswerer, decline_text, final_answer, relevance
from rag.config import Config
from rag.embeddings import DIMENSION, MODEL_NAME, MiniLMEmbedding
from rag.generate import GenerativeAnswerer, Prompted, says_sources_dont_answer
from rag.ingest import BM25_DIR, IngestReport, Ingestor
from rag.llm import ChatModel, LLMError, safe_host
from rag.retrieve import BM25Index, HybridRetriever, KeywordIndex, Passage
from rag.records import StoredSentence, file_key
from rag.store import Store
from rag.verify import UNVERIFIED, CitationVerifier, Verified

if TYPE_CHECKING:
    from rag.doctor import Checkup
    from rag.conversation import Conversation

MAX_QUESTION_CHARS_HARD = 100_000  # beyond the configured cut, still refuse absurd inputs fast
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,500}>")  # pasted HTML tags carry no question


@dataclass
class Retrieved:
    """What retrieval produced for one question."""

    question: str
    query: str
    vector: np.ndarray
    passages: list[Passage]
    sentences: list[StoredSentence]
    notices: list[str]
    timings: dict[str, float]

    def sentences_of(self, passage: Passage) -> list[StoredSentence]:
        span = range(passage.first_sentence, passage.last_sentence + 1)
        return [s for s in self.sentences if s.doc_id == passage.doc_id and s.index in span]


class Assistant:
    """Cited question answering over an indexed corpus.

    Example:
        >>> assistant = Assistant.open()
        >>> assistant.ingest(["seeds"]).unchanged
        1
        >>> assistant.ask("How many National Guard members were killed?").citations[0].quote
        'Mexico Security Secretary Omar García Harfuch said that 25 members ...'
    """

    def __init__(self, config: Config, store: Store, embedder: MiniLMEmbedding,
                 keywords: KeywordIndex | None = None):
        self.config, self.store, self.embedder = config, store, embedder
        self.keywords = keywords or KeywordIndex(store, store.index_dir / BM25_DIR)
        self._generator: GenerativeAnswerer | None = None

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

        Example:
            >>> assistant.with_settings(answer_mode="extractive", top_k=3).ask("...")
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
        return f"answers written by {self.config.llm_model} at {where}, citations checked"

    # -- ingest ---------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], progress: bool | None = None) -> IngestReport:
        """Bring the index in line with ``paths`` (folders or files); see :class:`Ingestor`."""
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
        """The id of the document called ``name``: its id, or the path of its file (which may
        no longer exist); None when no document matches."""
        if name in self.store.documents:
            return name
        wanted = str(Path(name).expanduser().resolve())
        return next((d for d, e in self.store.documents.items() if file_key(d, e) == wanted), None)

    def _ingestor(self, progress: bool | None) -> Ingestor:
        return Ingestor(self.store, self.embedder, self.config.chunk_tokens,
                        self.config.overlap_tokens, progress=progress, keywords=self.keywords,
                        lock_wait=self.config.ingest_wait, batch_texts=self.config.ingest_batch_texts)

    @property
    def bm25(self) -> BM25Index:
        """The keyword index of the current corpus (reloaded after any ingest, by anyone)."""
        return self.keywords.get()

    # -- ask ------------------------------------------------------------------------------

    def _check_question(self, question: str) -> tuple[str, list[str]]:
        if not isinstance(question, str):
            raise TypeError("question must be a string")
        if not question.strip():
            raise ValueError("the question is empty: ask something about the documents")
        notices = []
        text = " ".join(_MARKUP.sub(" ", question[:MAX_QUESTION_CHARS_HARD]).split())
        if not text:
            raise ValueError("the question is only markup: ask something about the documents")
        if len(text) > self.config.max_question_chars:
            notices.append(
                f"The question was {len(question):,} characters long; only the first "
                f"{self.config.max_question_chars:,} were used."
            )
            text = text[: self.config.max_question_chars]
        return text, notices

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        """Answer ``question`` from the index with cited sentences, or decline.

        Raises ``ValueError`` for an empty question. See :meth:`ask_stream` for the modes.
        """
        return final_answer(self.ask_stream(question, top_k))

    def ask_stream(self, question: str, top_k: int | None = None, *, query: str | None = None,
                   prefer: Collection[str] = ()) -> Iterator[str | Answer]:
        """Yield text deltas as they are produced, then the final, verified :class:`Answer`.

        The final ``Answer`` is authoritative: its text has renumbered, checked citations and
        may differ from the streamed deltas (or replace them, when the model fails midway).
        With a model configured (``answer_mode`` ``llm``, or ``auto`` with a key or base URL)
        the answer is generated; otherwise, or when the model fails, it is extractive.
        ``query`` (a standalone rewrite of a follow-up) and ``prefer`` (chunk ids to favour)
        come from a :class:`~rag.conversation.Conversation`.

        Example:
            >>> for item in assistant.ask_stream("Who led the operation?"):
            ...     print(item if isinstance(item, str) else item.citations)
        """
        t0 = time.perf_counter()
        found = self.retrieve(question, top_k, query=query, prefer=prefer)
        t1 = time.perf_counter()
        draft = self._extractive(found)
        timings = {**found.timings, "answer_ms": (time.perf_counter() - t1) * 1e3}
        extractive = self._answer(found, draft.text, "extractive", timings, draft=draft)
        if not self.config.uses_llm:
            yield extractive.text
            yield self._finish(extractive, t0)
            return
        generator = self.generator
        if draft.support < self.config.llm_min_support:  # nothing relevant: don't ask the model
            extractive.mode = generator.name
            yield extractive.text
            yield self._finish(extractive, t0)
            return
        prompted = generator.prompt(found.query, found.passages)
        parts: list[str] = []
        t2 = time.perf_counter()
        try:
            for delta in generator.stream(prompted):
                if not parts:
                    timings["first_token_ms"] = (time.perf_counter() - t2) * 1e3
                parts.append(delta)
                yield delta
        except LLMError as exc:
            what = "stopped partway" if parts else "was not used"
            extractive.timings.update(timings)
            extractive.notices.append(f"The model {what}: {exc}. This is the offline extractive answer.")
            yield self._finish(extractive, t0)
            return
        timings["llm_ms"] = (time.perf_counter() - t2) * 1e3
        yield self._finish(self._generated(found, "".join(parts), prompted, extractive, timings), t0)

    def _generated(self, found: "Retrieved", text: str, prompted: Prompted, fallback: Answer,
                   timings: dict[str, float]) -> Answer:
        """The model's answer after the citation check, or the fallback when ungrounded."""
        name = self.generator.name
        checked = CitationVerifier(self.embedder.embed, self.bm25.idf,
                                   self.config.claim_min_support).verify(
            text, prompted.passages, found.sentences_of, found.query)
        if says_sources_dont_answer(text) and not checked.grounded:
            if fallback.refused or not self.config.llm_fallback:
                return self._answer(found, decline_text(found.question), name, timings, refused=True)
            return _fall_back(fallback, timings, "The model found no answer in the sources, but "
                              "a quoted sentence answers the question")
        reason = self._weaker_than_extractive(found, checked, fallback)
        if reason and self.config.llm_fallback:
            return _fall_back(fallback, timings, reason)
        answer = self._answer(found, checked.text, name, timings, citations=checked.citations,
                              claims=checked.claims, unsupported=checked.unsupported,
                              support=max((c.score for c in checked.claims), default=0.0))
        if checked.dropped:
            answer.notices.append(
                "Citation markers to sources that were not given were removed: "
                + ", ".join(f"[{n}]" for n in checked.dropped) + "."
            )
        if checked.corrected:
            answer.notices.append(
                f"{checked.corrected} sentence(s) cited a source that does not state them (or "
                "none); their citations point to the source that does."
            )
        if checked.unsupported:
            answer.notices.append(
                f"{len(checked.unsupported)} sentence(s) are not supported by the sources they "
                f"cite and are marked {UNVERIFIED}."
            )
        return answer

    def _weaker_than_extractive(self, found: "Retrieved", checked: Verified,
                                fallback: Answer) -> str:
        """Why the checked model answer should give way to the extractive one ("" if not).

        The citation check proves support, not relevance: a small model often answers with a
        true sentence about something else. Supported sentences are scored against the
        question like extractive candidates; below ``min_support``, or below the extractive
        answer's own score, the extractive answer is the better one.
        """
        kept = [i for i, c in enumerate(checked.claims) if c.supported]
        if not kept:
            return "The model's answer had no sentence supported by a source it cited"
        scores = relevance(found.query, found.vector, [checked.claims[i].text for i in kept],
                           checked.vectors[kept], self.bm25.idf)
        best = max(scores)
        if best < self.config.min_support:
            return "The model's supported sentences do not address the question"
        if not fallback.refused and fallback.support > best:
            return "A quoted sentence answers the question more directly than the model did"
        return ""

    @property
    def generator(self) -> GenerativeAnswerer:
        """The model client, built on first use from the configuration."""
        if self._generator is None:
            self._generator = GenerativeAnswerer(ChatModel.from_config(self.config),
                                                 self.config.context_tokens)
        return self._generator

    # -- the stages ------------------------------------------------------------------------

    def retrieve(self, question: str, top_k: int | None = None, *, query: str | None = None,
                 prefer: Collection[str] = ()) -> "Retrieved":
        """The passages (and their sentences) retrieved for ``question``, before answering.

        ``query``, when given, is what is searched and answered (a standalone rewrite).
        """
        t0 = time.perf_counter()
        text, notices = self._check_question(question)
        query = " ".join(query.split())[: self.config.max_question_chars] if query else text
        k = top_k or self.config.top_k
        if k < 1:
            raise ValueError("top_k must be at least 1")
        bm25 = self.bm25  # first: it notices another ingest's commit and refreshes the store
        if not self.store.documents:
            notices.append("The index is empty: add documents with `rag ingest PATH`.")
        vector = self.embedder.embed([query])[0]
        t1 = time.perf_counter()
        retrieval = HybridRetriever(self.store, bm25, self.config.candidates,
                                    self.config.rrf_k).retrieve(query, vector, k, prefer)
        t2 = time.perf_counter()
        # Sentences of the version each chunk was cut from: during another process's ingest
        # the chunks may already be newer than this process's list of documents.
        wanted: dict[tuple[str, str], set[int]] = {}
        for p in retrieval.passages:
            wanted.setdefault((p.doc_id, p.version), set()).update(
                range(p.first_sentence, p.last_sentence + 1))
        self.store.prefetch(wanted)
        sentences = [s for (doc_id, version), indices in sorted(wanted.items())
                     for s in self.store.get_sentences(doc_id, sorted(indices), version)]
        timings = {"embed_ms": (t1 - t0) * 1e3, **retrieval.timings,
                   "retrieve_ms": (t2 - t1) * 1e3}
        shown = question if len(question) <= 10_000 else question[:10_000] + "…"
        return Retrieved(shown, query, vector, retrieval.passages, sentences, notices, timings)

    def _extractive(self, found: "Retrieved") -> Draft:
        answerer = ExtractiveAnswerer(self.bm25.idf, self.config.min_support,
                                      self.config.max_answer_sentences)
        focus = found.question if found.query != " ".join(found.question.split()) else ""
        return answerer.answer(found.query, found.vector, found.passages, found.sentences, focus)

    @staticmethod
    def _answer(found: "Retrieved", text: str, mode: str, timings: dict[str, float],
                draft: Draft | None = None, **fields: Any) -> Answer:
        if draft is not None:
            fields = {"citations": draft.citations, "refused": draft.refused,
                      "answer_type": draft.answer_type, "support": draft.support,
                      "conflict": draft.conflict, **fields}
        refused = fields.pop("refused", False)
        return Answer(question=found.question, text=text, mode=mode, refused=refused,
                      sources=found.passages,
                      timings=dict(timings), query=found.query, notices=list(found.notices),
                      **fields)

    @staticmethod
    def _finish(answer: Answer, t0: float) -> Answer:
        answer.timings["total_ms"] = (time.perf_counter() - t0) * 1e3
        return answer

    def document_text(self, doc_id: str, version: str = "") -> str:
        """The text of an indexed document, as its offsets count it: the live version, or the
        ``version`` a citation names (``KeyError`` once an ingest has replaced it)."""
        return self.store.document_text(doc_id, version)


def _fall_back(extractive: Answer, timings: dict[str, float], reason: str) -> Answer:
    """The extractive answer in place of the model's, saying why and what the call cost."""
    extractive.timings.update(timings)
    extractive.notices.append(f"{reason}, so the offline extractive answer is shown instead.")
    return extractive
