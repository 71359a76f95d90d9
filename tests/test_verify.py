"""The citation checker on hand-written model outputs over real retrieved passages."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.figures import numbers_in
from rag.markers import UNVERIFIED, parse_markers
from rag.retrieve import Retrieved
from rag.verify import CitationVerifier, Verified


@pytest.fixture(scope="module")
def found(seeded: Assistant) -> Retrieved:
    return seeded.retrieve("How many National Guard members were killed?")


def _verify(seeded: Assistant, found: Retrieved, text: str) -> Verified:
    verifier = CitationVerifier(seeded.embedder.embed, seeded.bm25.idf,
                                seeded.config.claim_min_support, seeded.config.scoring.claim_w_cosine)
    return verifier.verify(text, found.passages, found.sentences_of)


def _number_of(found: Retrieved, needle: str) -> int:
    return next(i for i, p in enumerate(found.passages, 1) if needle in p.text)


def test_parse_markers_forms() -> None:
    assert parse_markers("A [1]. B [1, 3]. C [2-4]. D [1][2].") == [1, 1, 3, 2, 3, 4, 1, 2]


def test_true_claim_is_supported_with_its_quote(seeded: Assistant, found: Retrieved) -> None:
    n = _number_of(found, "25 members of the National Guard")
    checked = _verify(seeded, found, f"Twenty-five National Guard members died [{n}].")
    assert checked.grounded and not checked.unsupported
    (citation,) = checked.citations
    assert citation.number == 1 and citation.supported
    assert "25 members" in citation.quote
    text = seeded.document_text(citation.doc_id)
    assert text[citation.quote_start : citation.quote_end] == citation.quote
    assert checked.text.endswith("[1]") and UNVERIFIED not in checked.text


def test_wrong_number_is_unsupported(seeded: Assistant, found: Retrieved) -> None:
    n = _number_of(found, "25 members of the National Guard")
    checked = _verify(seeded, found, f"García Harfuch said 52 National Guard members were killed [{n}].")
    assert not checked.grounded
    assert checked.claims[0].reason.startswith("52 ")
    assert checked.text.endswith(UNVERIFIED) and not checked.citations[0].supported


def test_claim_cited_to_the_wrong_passage_is_recited_and_flagged(
        seeded: Assistant, found: Retrieved) -> None:
    right = _number_of(found, "25 members of the National Guard")
    wrong = next(i for i, p in enumerate(found.passages, 1) if "25 members" not in p.text)
    checked = _verify(seeded, found, f"Twenty-five National Guard members died [{wrong}].")
    (claim,) = checked.claims
    assert claim.supported and claim.corrected and claim.citations == [1]
    assert checked.citations[0].chunk_id == found.passages[right - 1].chunk_id
    assert checked.corrected == 1


def test_unrelated_claim_is_unsupported(seeded: Assistant, found: Retrieved) -> None:
    checked = _verify(seeded, found, "The weather in Jalisco was sunny and mild [1].")
    assert not checked.claims[0].supported
    assert checked.claims[0].reason == "the cited sources do not support it"


def test_out_of_range_markers_are_dropped(seeded: Assistant, found: Retrieved) -> None:
    n = _number_of(found, "25 members of the National Guard")
    checked = _verify(seeded, found, f"Twenty-five guardsmen were killed [{n}][9]. It was violent [0].")
    assert checked.dropped == [0, 9]
    assert "[9]" not in checked.text and "[0]" not in checked.text
    assert checked.claims[1].citations == [] and not checked.claims[1].supported
    assert all(1 <= m <= len(checked.citations) for m in parse_markers(checked.text))


def test_cited_sources_are_renumbered_in_order_of_first_use(seeded: Assistant, found: Retrieved) -> None:
    guard = _number_of(found, "25 members of the National Guard")
    reward = _number_of(found, "$15 million reward")
    assert guard != reward
    text = (f"El Mencho carried a $15 million U.S. reward [{reward}]. "
            f"Twenty-five National Guard members were killed [{guard}]. "
            f"The U.S. offered $15 million for him [{reward}].")
    checked = _verify(seeded, found, text)
    assert [c.number for c in checked.citations] == [1, 2]
    assert checked.citations[0].chunk_id == found.passages[reward - 1].chunk_id
    assert checked.citations[1].chunk_id == found.passages[guard - 1].chunk_id
    assert [c.citations for c in checked.claims] == [[1], [2], [1]]
    assert parse_markers(checked.text) == [1, 2, 1]


def test_marker_after_the_full_stop_and_bullets(seeded: Assistant, found: Retrieved) -> None:
    n = _number_of(found, "25 members of the National Guard")
    checked = _verify(seeded, found, f"- Twenty-five National Guard members were killed. [{n}]")
    assert len(checked.claims) == 1
    assert checked.claims[0].text == "Twenty-five National Guard members were killed."
    assert checked.claims[0].supported


def test_uncited_sentences_are_attributed_or_marked(seeded: Assistant, found: Retrieved) -> None:
    checked = _verify(seeded, found, "Twenty-five National Guard members were killed.\n"
                                     "Astronauts walked on the moon.")
    true, false = checked.claims
    assert true.supported and true.corrected and true.citations == [1]
    assert not false.supported and false.reason == "no citation to a given source"
    assert checked.text.endswith(UNVERIFIED) and len(checked.citations) == 1


def test_compound_number_words() -> None:
    assert numbers_in("twenty-five guards, thirty two soldiers and seven others") == {25, 32, 7}


def test_a_paragraph_cited_once_at_its_end_is_checked_sentence_by_sentence(
        seeded: Assistant) -> None:
    found = seeded.retrieve("Where were flights suspended and what did the State Department say?")
    flights = _number_of(found, "Flights were suspended")
    text = ("Flights were suspended in Guadalajara and Puerto Vallarta. "
            "Astronauts walked on the moon. "
            f"Travelers were told to shelter in place until further notice [{flights}].")
    checked = _verify(seeded, found, text)
    first, moon, last = checked.claims
    assert first.supported and first.citations == [1]
    assert not moon.supported and moon.citations == [] and "paragraph" in moon.reason
    assert checked.text.count(UNVERIFIED) == 1


def test_overlapping_chunks_quoting_the_same_sentence_are_cited_once(seeded: Assistant) -> None:
    found = seeded.retrieve("What reward did the U.S. offer for El Mencho?")
    holders = [i for i, p in enumerate(found.passages, 1) if "$15 million reward" in p.text]
    if len(holders) < 2:
        pytest.skip("retrieval returned one chunk holding the sentence")
    markers = "".join(f"[{n}]" for n in holders)
    checked = _verify(seeded, found, f"The U.S. offered a $15 million reward for his arrest {markers}.")
    assert checked.claims[0].supported and checked.claims[0].citations == [1]
    assert len(checked.citations) == 1


def test_a_small_wrong_count_is_not_excused_by_the_date(seeded: Assistant, found: Retrieved) -> None:
    n = _number_of(found, "25 members of the National Guard")
    checked = _verify(seeded, found, f"Two Guard troops died in the reprisals after the raid [{n}].")
    assert not checked.grounded and checked.claims[0].reason == "2 not in the cited sources"


def test_a_question_word_the_source_lacks_is_not_vouched_for(seeded: Assistant) -> None:
    found = seeded.retrieve("How many cartel members were arrested?")
    n = _number_of(found, "seven other cartel members were killed")
    verifier = CitationVerifier(seeded.embedder.embed, seeded.bm25.idf,
                                seeded.config.claim_min_support, seeded.config.scoring.claim_w_cosine)
    claim = f"Seven cartel members were arrested during the operation [{n}]."
    checked = verifier.verify(claim, found.passages, found.sentences_of,
                              question="How many cartel members were arrested?")
    assert not checked.grounded and "arrested" in checked.claims[0].reason
    killed = verifier.verify(f"Seven cartel members were killed with El Mencho [{n}].",
                             found.passages, found.sentences_of,
                             question="How many cartel members were killed?")
    assert killed.grounded
