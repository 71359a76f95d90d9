"""rag.types: citing a span of a passage, answers as JSON, related reading, the final answer."""

from __future__ import annotations

import json

import pytest

from rag.types import Answer, Claim, Passage, cite, final_answer

from .factories import make_passage

pytestmark = pytest.mark.unit

PREAMBLE = "Headline. "
BODY = "Seven guards died. Flights were suspended."


@pytest.fixture
def passage() -> Passage:
    return make_passage("d1", BODY, start=len(PREAMBLE), version="h1")


def test_cite_quotes_the_document_span(passage: Passage) -> None:
    document = PREAMBLE + BODY
    start = document.index("Flights")
    citation = cite(2, passage, start, len(document))
    assert citation.quote == "Flights were suspended."
    assert document[citation.quote_start:citation.quote_end] == citation.quote
    assert (citation.number, citation.doc_id, citation.chunk_id) == (2, "d1", "d1::c0")
    assert citation.passage == BODY and citation.version == "h1"


def test_cite_of_the_whole_passage(passage: Passage) -> None:
    assert cite(1, passage, passage.start, passage.end).quote == BODY


@pytest.mark.parametrize(("start", "end"), [(0, 15), (10, 10), (20, 15), (10, 10 + len(BODY) + 1)])
def test_cite_outside_the_passage_raises(passage: Passage, start: int, end: int) -> None:
    with pytest.raises(ValueError, match=f"span {start}:{end} is outside passage d1::c0"):
        cite(1, passage, start, end)


def test_cite_rounds_the_score_and_keeps_supported(passage: Passage) -> None:
    citation = cite(1, passage, 10, 20, score=0.123456789, supported=False)
    assert citation.score == 0.1235
    assert citation.supported is False
    assert cite(1, passage, 10, 20).supported is True


def _answer(**fields: object) -> Answer:
    values = dict(question="q?", text="Seven died. [1]", refused=False, mode="extractive")
    values.update(fields)
    return Answer(**values)  # type: ignore[arg-type]


def test_answer_to_dict_keys_and_rounding(passage: Passage) -> None:
    answer = _answer(support=0.987654, timings={"embed_ms": 1.23456, "total_ms": 10.0},
                     citations=[cite(1, passage, 10, 28, 0.5)], sources=[passage],
                     claims=[Claim("Seven died.", [1], True, 0.9)])
    data = answer.to_dict()
    assert set(data) == {"question", "query", "understood", "text", "refused", "mode", "answer_type", "support",
                         "conflict", "citations", "sources", "claims", "unsupported", "notices",
                         "timings"}
    assert data["support"] == 0.9877
    assert data["timings"] == {"embed_ms": 1.23, "total_ms": 10.0}
    assert data["citations"][0]["quote"] == "Seven guards died."
    assert data["sources"][0]["chunk_id"] == "d1::c0"
    assert data["claims"][0] == {"text": "Seven died.", "citations": [1], "supported": True,
                                 "score": 0.9, "reason": "", "corrected": False}
    assert json.loads(json.dumps(data)) == data


def test_answer_to_dict_lists_are_copies() -> None:
    answer = _answer(notices=["n"])
    answer.to_dict()["notices"].append("x")
    assert answer.notices == ["n"]


def test_related_honours_related_count() -> None:
    sources = [make_passage(f"d{i}", "x") for i in range(5)]
    assert [p.doc_id for p in _answer(sources=sources).related] == ["d0", "d1", "d2"]
    assert [p.doc_id for p in _answer(sources=sources, related_count=1).related] == ["d0"]
    assert _answer(sources=sources, related_count=0).related == []


def test_final_answer_is_the_last_answer_of_the_stream() -> None:
    first, last = _answer(text="first"), _answer(text="last")
    assert final_answer(iter(["Sev", first, "en", last, "tail"])) is last


@pytest.mark.parametrize("stream", [[], ["only", "text"]])
def test_final_answer_without_an_answer_raises(stream: list[str]) -> None:
    with pytest.raises(RuntimeError, match="ask_stream ended without an answer"):
        final_answer(stream)


def test_an_answer_is_reworded_unless_only_capitals_were_given() -> None:
    assert not _answer(question="where was el mencho  born", query="where was El Mencho born").reworded
    assert _answer(question="Until when?", query="Until when did the State Department say so?").reworded
    assert _answer(question="natonal guard", query="national guard").reworded  # a typo mended
    assert not _answer(question="q?", query="").reworded
