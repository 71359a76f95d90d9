"""Hybrid retrieval: dense top-k from Chroma plus BM25 (bm25s), fused by reciprocal rank."""

from __future__ import annotations

import functools
import logging
import re
import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Collection, Mapping, Protocol

import numpy as np

from rag.config import Config
from rag.figures import counted
from rag.keywords import BM25Index
from rag.mentions import required_names
from rag.overview import asks_overview, overview_subject, story_reference
from rag.parts import follow_up_parts, question_parts
from rag.people import learn_aliases
from rag.store import Store
from rag.spelling import respelled, spelled_out
from rag.text import chunk_id as nth_chunk, lexicon, mentioned_terms, name_terms, with_apostrophes
from rag.types import Passage, StoredSentence

_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,500}>")  # pasted HTML tags carry no question

log = logging.getLogger(__name__)


def _cleaned(question: str) -> str:
    """``question`` with markup out, spaces folded, typed contractions given their apostrophes and
    abbreviations spelled out."""
    return spelled_out(with_apostrophes(" ".join(_MARKUP.sub(" ", question).split())))


def reciprocal_rank_fusion(rankings: list[list[str]], k: int) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of 1 / (k + rank), rank from 1.

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
    further: list[Passage] = field(default_factory=list)  # the next best, past ``top_k``


class KeywordSource(Protocol):
    """The keyword index of the current corpus: a built :class:`BM25Index` is its own source;
    a :class:`~rag.keywords.KeywordIndex` reloads it when another ingest changed the corpus."""

    def get(self) -> BM25Index: ...


class HybridRetriever:
    """Dense (Chroma) + BM25, fused by reciprocal rank.

    Example::

        retriever = HybridRetriever(store, keywords, candidates=20, rrf_k=60)
        retriever.retrieve("Who is El Mencho?", query_vector, top_k=5).passages[0].title
        # 'U.S. provided intelligence support ...'
    """

    def __init__(self, store: Store, keywords: KeywordSource, candidates: int, rrf_k: int):
        if candidates < 1 or rrf_k < 1:
            raise ValueError("candidates and rrf_k must be positive")
        self.store, self.keywords = store, keywords
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
                 prefer: Collection[str] = (), further: int = 0) -> Retrieval:
        """The ``top_k`` best passages for ``question`` (whose embedding is ``vector``), and the
        ``further`` best after them.

        Candidates whose chunk id is in ``prefer`` (a conversation's earlier citations and
        their neighbours) get a third ranking in the fusion; nothing else is added.
        """
        t0 = time.perf_counter()
        dense = self.dense(vector, self.candidates)
        t1 = time.perf_counter()
        lexical = self.keywords.get().search(question, self.candidates)
        t2 = time.perf_counter()
        rankings = [[i for i, _ in dense], [i for i, _ in lexical]]
        if prefer:
            first_seen = dict.fromkeys(i for ranking in rankings for i in ranking)
            rankings.append([i for i in first_seen if i in prefer])
        fused = reciprocal_rank_fusion(rankings, k=self.rrf_k)[:top_k + further]
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
        best = {chunk_id for chunk_id, _ in fused[:top_k]}
        return Retrieval([p for p in passages if p.chunk_id in best], timings,
                         [p for p in passages if p.chunk_id not in best])


@dataclass
class Retrieved:
    """What retrieval produced for one question: the passages and their stored sentences."""

    question: str
    query: str
    vector: np.ndarray
    passages: list[Passage]
    sentences: list[StoredSentence]
    notices: list[str]
    timings: dict[str, float]
    parts: list["Retrieved"] = field(default_factory=list)  # a multi-part question's parts
    own: str = ""  # a follow-up's own words, when ``query`` is its standalone rewrite
    further: list[Passage] = field(default_factory=list)  # past top_k: read for another document's figure
    further_sentences: list[StoredSentence] = field(default_factory=list)

    def sentences_of(self, passage: Passage) -> list[StoredSentence]:
        span = range(passage.first_sentence, passage.last_sentence + 1)
        return [s for s in self.sentences if s.doc_id == passage.doc_id and s.index in span]


class Retriever:
    """From a question to its passages and their sentences: check, embed, fuse, read.

    Example::

        found = Retriever(store, keywords, embedder.embed, config).retrieve("Who led it?")
        found.passages[0].title, found.sentences_of(found.passages[0])[0].text
    """

    def __init__(self, store: Store, keywords: KeywordSource,
                 embed: Callable[[list[str]], np.ndarray], config: Config):
        self.store, self.keywords, self.embed, self.config = store, keywords, embed, config
        self.hybrid = HybridRetriever(store, keywords, config.candidates, config.rrf_k)
        self._mentions: dict[tuple[str, str], tuple[frozenset[str], Mapping[str, str]]] = {}
        self._titles: dict[str, np.ndarray] = {}  # title -> its vector
        self._outlets: tuple[str | None, dict[frozenset[str], list[tuple[int, str]]]] = ("", {})  # generation, index
        self._headlines: tuple[str | None, BM25Index | None] = ("", None)  # generation, index

    def retrieve(self, question: str, top_k: int | None = None, *, query: str | None = None,
                 prefer: Collection[str] = ()) -> Retrieved:
        """The passages for ``question``; ``query``, when given, is what is searched and
        answered (a follow-up's standalone rewrite); ``prefer``: chunk ids to favour. Typos of
        either are mended from the corpus's words first (:func:`rag.spelling.respelled`), and
        names typed in lower case written as the corpus writes them (:mod:`rag.casing`)."""
        t0 = time.perf_counter()
        text, notices = self.check_question(question)
        k = top_k or self.config.top_k
        if k < 1:
            raise ValueError("top_k must be at least 1")
        keywords = self.keywords.get()  # first: it notices another ingest's commit and refreshes the store
        scoring = self.config.scoring  # typos: "suspnded" -> "suspended"
        mend = functools.partial(respelled, frequency=keywords.document_frequency,
                                 min_letters=scoring.typo_min_letters, max_mended=scoring.typo_max_words)
        text = keywords.recased(mend(text))  # "el mencho" is read as "El Mencho"
        if query:  # a follow-up's rewrite, cleaned as the question is
            query = keywords.recased(mend(_cleaned(query)[: self.config.max_question_chars]))
        own = text if query and query != text else ""  # a follow-up's own words, when ``query`` rewrites them
        query = query or text
        if not self.store.documents:
            notices.append("The index is empty: add documents with `rag ingest PATH`.")
        asked = follow_up_parts(query) if own else question_parts(query)
        # several questions, or one after a statement (a follow-up's rewrite is one already:
        # "the Pentagon — What did the State Department say?" keeps its own words first)
        asked = asked if len(asked) > 1 or (asked != [query] and query == text) else []
        searched = _searched(query)
        vectors = self.embed([searched, *asked])
        t1 = time.perf_counter()
        rivals = self.config.rival_passages if counted(query) else 0  # "how many blockades": another account
        retrieval = self.hybrid.retrieve(searched, vectors[0], k, prefer, rivals)
        parts = [self._part(part, vector, k, prefer) for part, vector in zip(asked, vectors[1:])]
        passages = _merged([retrieval.passages, *(p.passages for p in parts)])
        passages = _merged([passages, self._naming(query, passages, keywords)])
        if asks_overview(query):
            passages = _merged([passages, self._leads(passages), self._headline_leads(searched, vectors[0])])
            self._about(passages, vectors[0])
        t2 = time.perf_counter()
        sentences = self._sentences(passages)
        taken = {p.chunk_id for p in passages}
        further = [p for p in retrieval.further if p.chunk_id not in taken]
        timings = {"embed_ms": (t1 - t0) * 1e3, **retrieval.timings, "retrieve_ms": (t2 - t1) * 1e3}
        limit = self.config.shown_question_chars
        shown = question if len(question) <= limit else question[:limit] + "…"
        return Retrieved(shown, query, vectors[0], passages, sentences, notices, timings, parts, own,
                         further, self._sentences(further) if further else [])

    def _part(self, part: str, vector: np.ndarray, k: int, prefer: Collection[str]) -> Retrieved:
        """One part of a multi-part question, retrieved on its own."""
        passages = self.hybrid.retrieve(part, vector, k, prefer).passages
        return Retrieved(part, part, vector, passages, self._sentences(passages), [], {})

    def _naming(self, query: str, passages: list[Passage], keywords: BM25Index) -> list[Passage]:
        """For each name of ``query`` that no retrieved document mentions in full, the passage
        that searching for the name alone ranks first, if it says every word of the name:
        fusion can leave out a passage only the keyword search found ("Did the Pentagon give
        Salon any details?"), and a decline must not say no source mentions a name that one
        does. A question about a story ("the Gulf Coast Courier piece") also gets the first
        passage of the story from the outlet it names, whose chunks need never say its name."""
        self._mention(passages)
        have, out = {p.chunk_id for p in passages}, []
        story = bool(_story().search(query))
        for name, terms in required_names(query):
            hits = self._outlet_leads(terms) if story and not any(
                terms <= name_terms(p.outlet) for p in passages) else []
            if not hits and any(terms <= p.mentions for p in passages):
                continue
            hits += [i for i, _ in keywords.search(name, self.config.name_lookups)]
            got = self.store.get_chunks([i for i in hits if i not in have])
            named = (Passage.from_metadata(i, *got[i]) for i in hits if i in got)  # all its words: not
            passage = next((p for p in named if terms <= name_terms(f"{p.outlet} {p.text}")), None)
            if passage:  # just "López" of "Joaquín Guzmán López" for "López Obrador"
                have.add(passage.chunk_id)
                out.append(passage)
        return out

    def _outlet_leads(self, terms: set[str]) -> list[str]:
        """The first chunks of the stories from the outlet named by ``terms``: the outlet of
        exactly those words first, then outlets holding all of them."""
        outlets = self._outlet_index()
        holding = sorted((at, doc) for said, docs in outlets.items() if terms < said for at, doc in docs)
        ranked = [doc for _, doc in outlets.get(frozenset(terms), [])] + [doc for _, doc in holding]
        return [nth_chunk(doc, 0) for doc in ranked[: self.config.name_lookups]]

    def _outlet_index(self) -> dict[frozenset[str], list[tuple[int, str]]]:
        """The documents of each outlet (with their place in the store's order), by its name's
        terms: built once per index generation, so a question about a story reads the outlets,
        not every document."""
        generation, index = self._outlets  # answers run in threads: read one tuple, publish a new one
        current = self.store.generation  # before reading: a refresh meanwhile only rebuilds again
        if generation != current or not index:
            index = {}
            for at, (doc, meta) in enumerate(list(self.store.documents.items())):  # a copy: ingests change it
                index.setdefault(frozenset(name_terms(str(meta.get("outlet", "")))), []).append((at, doc))
            self._outlets = (current, index)
        return index

    def _leads(self, passages: list[Passage]) -> list[Passage]:
        """The first chunk of the documents of ``passages``, best first: a news story's lead
        says what it is about, so an overview can start from it."""
        return self._first_chunks(list(dict.fromkeys(p.doc_id for p in passages))[: self.config.overview_documents])

    def _headline_leads(self, searched: str, vector: np.ndarray) -> list[Passage]:
        """The first chunks of the stories whose headlines are most like an overview's subject
        (among those sharing a word with it, when there are many): the story about it, which
        the passages found may not reach ("the economic fallout from the weekend of
        blockades": they say blockades; the headline "Jalisco counts the cost of the weekend
        of blockades" names the story about the cost)."""
        documents, many = self.store.documents, self.config.candidates  # a few headlines are all read
        hits = list(documents.items()) if len(documents) <= many else self._headline_index().search(searched, many)
        titles = [str(documents.get(doc, {}).get("title", "")) for doc, _ in hits]
        vectors = self._title_vectors([t for t in titles if t])
        near = sorted(((float(vectors[t] @ vector), doc) for (doc, _), t in zip(hits, titles) if t), reverse=True)
        return self._first_chunks([doc for _, doc in near[: self.config.overview_documents]])

    def _first_chunks(self, docs: list[str]) -> list[Passage]:
        ids = [nth_chunk(doc, 0) for doc in docs]
        found = self.store.get_chunks(ids)
        return [Passage.from_metadata(i, *found[i]) for i in ids if i in found]

    def _headline_index(self) -> BM25Index:
        """A keyword index of the documents' headlines, built once per index generation."""
        generation, index = self._headlines  # answers run in threads: read one tuple, publish a new one
        current = self.store.generation
        if generation != current or index is None:
            documents = list(self.store.documents.items())  # a copy: ingests change it
            index = BM25Index.build([doc for doc, _ in documents], [str(m.get("title", "")) for _, m in documents])
            self._headlines = (current, index)
        return index

    def _about(self, passages: list[Passage], vector: np.ndarray) -> None:
        """Give each passage how like ``vector`` its document's title is: a headline says what
        the story is about, so an overview draws on the story about what it asks."""
        vectors = self._title_vectors([p.title for p in passages if p.title])
        for p in passages:
            p.about = float(vectors[p.title] @ vector) if p.title else None

    def _title_vectors(self, titles: list[str]) -> dict[str, np.ndarray]:
        """Each headline's vector, embedded once and kept for later questions."""
        cached = self._titles  # answers run in threads: read one dict, publish a new one
        wanted = set(titles)
        missing = sorted(wanted - set(cached))
        vectors = {t: cached[t] for t in wanted & set(cached)}
        if missing:
            vectors.update(zip(missing, self.embed(missing)))
            self._titles = ({} if len(cached) >= TITLES_CACHED else dict(cached)) | vectors
        return vectors

    def check_question(self, question: str) -> tuple[str, list[str]]:
        """The question as searched (markup out, spaces folded, typed contractions given their
        apostrophes, cut to the limit) and notices; ``TypeError``/``ValueError`` for a question
        that is not one."""
        if not isinstance(question, str):
            raise TypeError("question must be a string")
        if not question.strip():
            raise ValueError("the question is empty: ask something about the documents")
        notices = []
        text = _cleaned(question[: self.config.max_question_chars_hard])
        if not text:
            raise ValueError("the question is only markup: ask something about the documents")
        if len(text) > self.config.max_question_chars:
            notices.append(
                f"The question was {len(question):,} characters long; only the first "
                f"{self.config.max_question_chars:,} were used."
            )
            text = text[: self.config.max_question_chars]
        return text, notices

    def _mention(self, passages: list[Passage]) -> None:
        """Give each passage what its whole document mentions and the surnames it gives its
        nicknames (cached per document version)."""
        for p in passages:
            key = (p.doc_id, p.version)
            known = self._mentions.get(key)
            if known is None:
                try:
                    text = self.store.document_text(p.doc_id, p.version)
                except KeyError:  # removed meanwhile: its passages alone, not cached
                    p.mentions, p.aliases = frozenset(), {}
                    continue
                known = frozenset(mentioned_terms(p.title, p.outlet, text)), MappingProxyType(learn_aliases(text))
                if len(self._mentions) >= MENTIONS_CACHED:  # answers run in threads: a
                    self._mentions = {}                     # new dict, never one cleared under them
                self._mentions[key] = known
            p.mentions, p.aliases = known

    def _sentences(self, passages: list[Passage]) -> list[StoredSentence]:
        """The stored sentences of ``passages``, from the version each chunk was cut from:
        during another process's ingest the chunks may already be newer than this process's
        list of documents."""
        self._mention(passages)
        wanted: dict[tuple[str, str], set[int]] = {}
        for p in passages:
            wanted.setdefault((p.doc_id, p.version), set()).update(
                range(p.first_sentence, p.last_sentence + 1))
        self.store.prefetch(wanted)
        return [s for (doc_id, version), indices in sorted(wanted.items())
                for s in self.store.get_sentences(doc_id, sorted(indices), version)]


MENTIONS_CACHED = 512  # documents whose terms are kept between questions
TITLES_CACHED = 512  # headline vectors kept between overview questions


@functools.lru_cache(maxsize=1)
def _story() -> re.Pattern[str]:
    """A word for a story: the question is about one ("the Salon piece", "the Courier's report")."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, lexicon()['story_words']))})\b", re.I)


def _searched(query: str) -> str:
    """What is searched for ``query``: an overview of a topic by its subject ("Can you give me
    an overview of how the U.S. reacted?": how the U.S. reacted), whose request words ("give",
    "overview") no passage about it says; else the query."""
    if not asks_overview(query):
        return query
    subject = overview_subject(query)
    return subject if subject and not story_reference(subject) else query


def _merged(rankings: list[list[Passage]]) -> list[Passage]:
    """The first ranking, then what the others add (a multi-part question's parts), no repeats."""
    seen: set[str] = set()
    out = []
    for passage in (p for ranking in rankings for p in ranking):
        if passage.chunk_id not in seen:
            seen.add(passage.chunk_id)
            out.append(passage)
    return out
