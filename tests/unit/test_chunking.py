"""rag.chunking: sentence splitting with offsets, token-budgeted overlapping chunks."""

from __future__ import annotations

import pytest

from rag.chunking import chunk_document, count_tokens, sentences_of, split_sentences
from rag.documents import Document

pytestmark = pytest.mark.unit


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_split_sentences_keeps_exact_offsets() -> None:
    text = "  The U.S. helped.   Mexico led it!\n\nWas it over? Yes."
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["The U.S. helped.", "Mexico led it!", "Was it over?", "Yes."]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert spans[0].start == 2


@pytest.mark.parametrize("text", ["The U.S. helped Mexico.", "Dr. Smith and Gen. Lee came.",
                                  "It cost 3.5 million.", "J. Doe spoke at 5 p.m. Monday.",
                                  "Navy Secretary Adm. Raymundo Morales and Maj. Gen. Lee sat in it."])
def test_abbreviations_initials_and_decimals_do_not_split(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(("text", "split"), [
    ("It lasted until 6 a.m. The bishop called for calm.", ["It lasted until 6 a.m.", "The bishop called for calm."]),
    ("Troops came from the U.S. He said so.", ["Troops came from the U.S.", "He said so."]),
    ('It ended in Feb. "The month was calm."', ["It ended in Feb.", '"The month was calm."']),
    ("Acme Inc. It said so.", ["Acme Inc.", "It said so."]),
    ("Gen. The Lee spoke.", ["Gen. The Lee spoke."]),  # a title never ends a sentence
    ("It is a U.S. A-10 jet.", ["It is a U.S. A-10 jet."]),
    ("The U.S. It said so.", ["The U.S.", "It said so."]),
])
def test_an_abbreviation_ends_a_sentence_before_a_function_word(text: str, split: list[str]) -> None:
    assert texts(text) == split


def test_a_blank_line_splits_without_a_full_stop() -> None:
    assert texts("Para one\n\npara two") == ["Para one", "para two"]


def test_a_lower_case_continuation_does_not_split() -> None:
    assert texts("He said no. and left.") == ["He said no. and left."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert texts('He said "stop." Then left.') == ['He said "stop."', "Then left."]


def test_split_sentences_of_blank_text_is_empty() -> None:
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


def test_count_tokens() -> None:
    assert count_tokens("") == 0
    assert count_tokens("hello world") == 2
    assert count_tokens("<|endoftext|>") > 1  # special tokens are counted as text, not refused


def test_sentences_of_cuts_an_over_long_sentence_to_the_budget() -> None:
    doc = Document("b.txt", " ".join(["word"] * 50) + ".", "b")
    pieces = sentences_of(doc, 10)
    assert len(pieces) > 1
    assert all(count_tokens(p.text) <= 10 for p in pieces)
    assert all(doc.text[p.start:p.end] == p.text for p in pieces)
    assert "".join(p.text for p in pieces).replace(" ", "") == doc.text.replace(" ", "")


def test_sentences_of_keeps_short_sentences_whole() -> None:
    doc = Document("a.txt", "One. Two. Three.", "a")
    assert [(s.start, s.end) for s in sentences_of(doc, 8)] == [(0, 4), (5, 9), (10, 16)]


def test_chunk_document_with_overlap() -> None:
    doc = Document("a.txt", "One. Two. Three.", "a")
    chunks = chunk_document(doc, sentences_of(doc, 8), budget=4, overlap=2)
    assert [(c.text, c.first_sentence, c.last_sentence) for c in chunks] == [
        ("One. Two.", 0, 1), ("Two. Three.", 1, 2)]
    assert [c.chunk_id for c in chunks] == ["a.txt::c0", "a.txt::c1"]


def test_chunk_document_without_overlap() -> None:
    doc = Document("a.txt", "One. Two. Three.", "a")
    chunks = chunk_document(doc, sentences_of(doc, 8), budget=4, overlap=0)
    assert [c.text for c in chunks] == ["One. Two.", "Three."]


def test_chunks_respect_the_budget_overlap_and_offsets() -> None:
    text = " ".join(f"Sentence number {n} is about the events of day {n}." for n in range(30))
    doc = Document("long.md", text, "Long")
    sentences = sentences_of(doc, 40)
    tokens = [count_tokens(s.text) for s in sentences]
    chunks = chunk_document(doc, sentences, budget=40, overlap=15)  # one 13-token sentence
    assert len(chunks) > 3
    assert [c.index for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert doc.text[chunk.start:chunk.end] == chunk.text
        assert sum(tokens[chunk.first_sentence:chunk.last_sentence + 1]) <= 40
    for before, after in zip(chunks, chunks[1:]):
        assert after.first_sentence == before.last_sentence  # shares exactly one sentence
        assert sum(tokens[after.first_sentence:before.last_sentence + 1]) <= 15
    assert chunks[0].first_sentence == 0 and chunks[-1].last_sentence == len(sentences) - 1


@pytest.mark.parametrize("overlap", [4, 5])
def test_overlap_at_or_above_the_budget_raises(overlap: int) -> None:
    doc = Document("a.txt", "One.", "a")
    with pytest.raises(ValueError, match="overlap must be smaller than the budget"):
        chunk_document(doc, sentences_of(doc, 8), budget=4, overlap=overlap)


def test_chunk_document_of_no_sentences_is_empty() -> None:
    assert chunk_document(Document("e.txt", "", "e"), [], budget=4, overlap=0) == []
