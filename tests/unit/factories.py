"""Hand-made passages, stored sentences, unit vectors and a toy embedder for the unit tests."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from rag.types import Passage, StoredSentence

DIM = 4  # the hand-made vectors of the answer tests


def unit(*components: float) -> np.ndarray:
    """A float32 unit vector in the direction of ``components`` (padded to :data:`DIM`)."""
    vector = np.zeros(max(DIM, len(components)), dtype=np.float32)
    vector[: len(components)] = components
    return vector / np.linalg.norm(vector)


def leaning(cosine: float, axis: int) -> np.ndarray:
    """A unit vector at ``cosine`` to the first axis, tilted towards ``axis`` (1..DIM-1).

    Two such vectors with different axes have cosine ``cosine ** 2`` between them.
    """
    vector = np.zeros(DIM, dtype=np.float32)
    vector[0], vector[axis] = cosine, np.sqrt(1.0 - cosine**2)
    return vector


@dataclass
class Doc:
    """A made-up document: its whole text, the passage that covers its body, its sentences."""

    text: str
    passage: Passage
    sentences: list[StoredSentence]


def make_doc(doc_id: str, sentences: list[str], vectors: list[np.ndarray] | None = None,
             preamble: str = "", title: str | None = None, paragraphs: frozenset[int] = frozenset()) -> Doc:
    """A document of ``preamble`` + the sentences joined by spaces (by a blank line before
    those numbered in ``paragraphs``), one passage covering the sentences (so passage offsets
    start after the preamble), each sentence stored with its vector (a default one per
    sentence when ``vectors`` is None)."""
    vectors = vectors if vectors is not None else [unit(1.0)] * len(sentences)
    assert len(vectors) == len(sentences)
    text, stored = preamble, []
    for number, (sentence, vector) in enumerate(zip(sentences, vectors)):
        if number:
            text += "\n\n" if number in paragraphs else " "
        start = len(text)
        stored.append(StoredSentence(doc_id, number, start, start + len(sentence),
                                     sentence, vector))
        text += sentence
    start = len(preamble)
    passage = make_passage(doc_id, text[start:], start=start, first_sentence=0,
                           last_sentence=len(sentences) - 1, title=title)
    return Doc(text, passage, stored)


def make_passage(doc_id: str, text: str, start: int = 0, first_sentence: int = 0,
                 last_sentence: int = 0, title: str | None = None, **fields: object) -> Passage:
    """A passage of ``doc_id`` whose document offsets are ``start .. start + len(text)``
    (titled "Title of <doc_id>" unless ``title`` is given)."""
    values: dict[str, object] = dict(
        chunk_id=f"{doc_id}::c0", text=text, doc_id=doc_id,
        title=f"Title of {doc_id}" if title is None else title,
        outlet="Outlet", date="2026-02-23", url=f"https://example.org/{doc_id}",
        source=f"https://example.org/{doc_id}", start=start, end=start + len(text),
        first_sentence=first_sentence, last_sentence=last_sentence)
    values.update(fields)
    return Passage(**values)  # type: ignore[arg-type]


def flat_idf(term: str) -> float:
    """Every term weighs the same."""
    return 1.0


def bag_of_words_embed(texts: list[str], dimension: int = 256) -> np.ndarray:
    """A deterministic toy embedder: lower-cased words hashed into a normalized count vector.

    Texts sharing their words get cosine 1, texts sharing none get 0.
    """
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[row, zlib.crc32(word.encode()) % dimension] += 1.0
        norm = np.linalg.norm(out[row])
        if norm:
            out[row] /= norm
    return out


def embedded_doc(doc_id: str, sentences: list[str], preamble: str = "") -> Doc:
    """:func:`make_doc` with each sentence's vector from :func:`bag_of_words_embed`."""
    return make_doc(doc_id, sentences, list(bag_of_words_embed(sentences)), preamble=preamble)
