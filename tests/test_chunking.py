"""Sentence splitting and chunking keep exact offsets and respect the token budget."""

from __future__ import annotations

from rag.chunking import chunk_document, count_tokens, sentences_of, split_sentences
from rag.documents import Document, load_corpus

from .conftest import SEEDS


def test_every_seed_chunk_and_sentence_has_exact_offsets() -> None:
    for doc in load_corpus([SEEDS]).documents:
        sentences = sentences_of(doc, 180)
        chunks = chunk_document(doc, sentences, 180, 30)
        assert len(chunks) >= 2
        for span in sentences:
            assert doc.text[span.start : span.end] == span.text
        for chunk in chunks:
            assert doc.text[chunk.start : chunk.end] == chunk.text
            assert count_tokens(chunk.text) <= 180
        # together the chunks cover every sentence, in order, with overlap
        assert chunks[0].first_sentence == 0 and chunks[-1].last_sentence == len(sentences) - 1
        for a, b in zip(chunks, chunks[1:]):
            assert a.first_sentence < b.first_sentence <= a.last_sentence + 1


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. assisted Mexican forces. Mr. Trump spoke at 9 a.m. Friday. It ended."
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. assisted Mexican forces.", "Mr. Trump spoke at 9 a.m. Friday.", "It ended.",
    ]


def test_quotes_and_paragraphs_split() -> None:
    text = "“We are calm,” she said. “Stay home.”\n\nFlights resumed"
    assert [s.text for s in split_sentences(text)] == [
        "“We are calm,” she said.", "“Stay home.”", "Flights resumed",
    ]


def test_overlap_repeats_trailing_sentences() -> None:
    doc = Document("d.txt", " ".join(f"Sentence number {i} is here." for i in range(40)), "d")
    chunks = chunk_document(doc, sentences_of(doc, 40), budget=40, overlap=10)
    assert len(chunks) > 3
    assert all(b.first_sentence == a.last_sentence for a, b in zip(chunks, chunks[1:]))


def test_overlong_sentence_is_cut_at_words_within_budget() -> None:
    doc = Document("long.txt", "word " * 500 + "end.", "long")
    sentences = sentences_of(doc, 50)
    assert len(sentences) > 5
    for span in sentences:
        assert count_tokens(span.text) <= 50 and doc.text[span.start : span.end] == span.text
    chunks = chunk_document(doc, sentences, 50, 10)
    assert chunks[-1].text.endswith("end.")
