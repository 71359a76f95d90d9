"""rag.verify: splitting a model's text into cited claims, rendering, and the citation check."""

from __future__ import annotations

import pytest

from rag.markers import UNVERIFIED
from rag.types import Claim, Passage, StoredSentence
from rag.verify import CitationVerifier, Verified, _render, _split_claims

from .factories import bag_of_words_embed, embedded_doc, flat_idf

pytestmark = pytest.mark.unit


def claims(text: str) -> list[tuple[str, list[int], bool]]:
    return [(c.body, c.numbers, c.inherited) for c in _split_claims(text)]


# -- _split_claims ----------------------------------------------------------------------------

def test_split_claims_reads_each_sentences_markers() -> None:
    assert claims("Seven died [1]. Nine fled [2][3, 4].") == [
        ("Seven died.", [1], False), ("Nine fled.", [2, 3, 4], False)]


def test_an_uncited_sentence_inherits_the_next_cited_one_in_its_paragraph() -> None:
    assert claims("Seven died. Ten ran. Nine fled [2]. Four hid [4].") == [
        ("Seven died.", [2], True), ("Ten ran.", [2], True), ("Nine fled.", [2], False),
        ("Four hid.", [4], False)]


def test_inheritance_stops_at_the_paragraph() -> None:
    assert claims("Seven died.\n\nNine fled [2].") == [("Seven died.", [], False), ("Nine fled.", [2], False)]


def test_a_markers_only_sentence_joins_the_previous_one() -> None:
    assert claims("Seven died [1]. [2]") == [("Seven died.", [1, 2], False)]
    assert claims("Seven died. [1]") == [("Seven died.", [1], False)]
    assert claims("[1]") == []


def test_bullets_are_stripped_and_each_is_a_claim() -> None:
    assert claims("- Seven died [1]\n* Nine fled [2]\n• Four hid [3]") == [
        ("Seven died", [1], False), ("Nine fled", [2], False), ("Four hid", [3], False)]


def test_a_line_break_ends_a_sentence() -> None:
    assert claims("Intro line\nSeven died [3].") == [("Intro line", [3], True), ("Seven died.", [3], False)]


def test_markers_after_the_full_stop_stay_with_their_sentence() -> None:
    assert claims("Seven died. [1] Nine fled. [2]") == [
        ("Seven died.", [1], False), ("Nine fled.", [2], False)]


def test_markers_glued_to_the_full_stop_stay_with_their_sentence() -> None:
    assert claims("Seven died.[1] Nine fled.[2]") == [
        ("Seven died.", [1], False), ("Nine fled.", [2], False)]


def test_numbered_list_items_are_stripped() -> None:
    assert claims("1. Seven died [1]\n2. Nine fled [2]") == [
        ("Seven died", [1], False), ("Nine fled", [2], False)]


# -- _render ----------------------------------------------------------------------------------

def test_render_puts_markers_after_each_sentence_and_flags_failures() -> None:
    rendered = _render([Claim("Seven died.", [1, 2], supported=True),
                        Claim("Nine fled.", [3], supported=False),
                        Claim("Four hid.", [], supported=False)])
    assert rendered == f"Seven died. [1][2] Nine fled. [3] {UNVERIFIED} Four hid. {UNVERIFIED}"


def test_render_of_nothing_is_empty() -> None:
    assert _render([]) == ""


# -- CitationVerifier -------------------------------------------------------------------------

@pytest.mark.parametrize(("min_support", "w_cosine"), [(-0.1, 0.5), (1.1, 0.5), (0.5, -0.1), (0.5, 1.1)])
def test_verifier_rejects_settings_outside_zero_one(min_support: float, w_cosine: float) -> None:
    with pytest.raises(ValueError, match=r"min_support and w_cosine must be within \[0, 1\]"):
        CitationVerifier(bag_of_words_embed, flat_idf, min_support, w_cosine)


GUARDS = embedded_doc("d1", ["Seven guards were killed in Jalisco.", "Flights were suspended."],
                      preamble="Headline\n\n")
REWARD = embedded_doc("d2", ["The reward was raised to fifteen million dollars."])
WOUNDED = embedded_doc("d3", ["Nine soldiers were wounded."])
PASSAGES = [GUARDS.passage, REWARD.passage, WOUNDED.passage]
_SENTENCES = {d.passage.doc_id: d.sentences for d in (GUARDS, REWARD, WOUNDED)}


def sentences_of(passage: Passage) -> list[StoredSentence]:
    return _SENTENCES[passage.doc_id]


def verify(text: str) -> Verified:
    verifier = CitationVerifier(bag_of_words_embed, flat_idf, min_support=0.51, w_cosine=0.5)
    return verifier.verify(text, PASSAGES, sentences_of)


def test_a_true_claim_is_supported_and_quoted() -> None:
    checked = verify("Seven guards were killed in Jalisco [1].")
    assert checked.text == "Seven guards were killed in Jalisco. [1]"
    assert checked.grounded and checked.unsupported == [] and checked.dropped == []
    (citation,) = checked.citations
    assert citation.supported and citation.quote == "Seven guards were killed in Jalisco."
    assert GUARDS.text[citation.quote_start:citation.quote_end] == citation.quote
    assert checked.vectors.shape == (1, 256)


def test_out_of_range_markers_are_dropped_and_reported() -> None:
    checked = verify("Seven guards were killed in Jalisco [1][7]. Nine soldiers were wounded [0][3].")
    assert checked.dropped == [0, 7]
    assert checked.text == "Seven guards were killed in Jalisco. [1] Nine soldiers were wounded. [2]"
    assert [c.doc_id for c in checked.citations] == ["d1", "d3"]


def test_a_number_the_cited_passage_lacks_is_unsupported() -> None:
    checked = verify("Fifty-two guards were killed in Jalisco [1].")
    (claim,) = checked.claims
    assert not claim.supported and claim.reason == "52 not in the cited sources"
    assert checked.unsupported == ["Fifty-two guards were killed in Jalisco."]
    assert checked.text.endswith(f"[1] {UNVERIFIED}") and not checked.grounded
    assert checked.citations[0].supported is False


def test_an_unrelated_claim_is_unsupported() -> None:
    (claim,) = verify("Astronauts walked on the moon [2].").claims
    assert not claim.supported and claim.reason == "the cited sources do not support it"


def test_a_claim_without_any_citation_that_no_source_supports() -> None:
    checked = verify("Astronauts walked on the moon.")
    assert checked.claims[0].reason == "no citation to a given source"
    assert checked.citations == [] and checked.text == f"Astronauts walked on the moon. {UNVERIFIED}"


def test_a_claim_cited_to_the_wrong_source_is_corrected() -> None:
    checked = verify("Seven guards were killed in Jalisco [2].")
    (claim,) = checked.claims
    assert claim.supported and claim.corrected and checked.corrected == 1
    assert [c.doc_id for c in checked.citations] == ["d1"]


def test_citations_are_renumbered_one_to_m_in_order_of_first_use() -> None:
    checked = verify("Nine soldiers were wounded [3]. Seven guards were killed in Jalisco [1]. "
                     "Nine soldiers were wounded again [3].")
    assert [c.citations for c in checked.claims] == [[1], [2], [1]]
    assert [(c.number, c.doc_id) for c in checked.citations] == [(1, "d3"), (2, "d1")]
    assert checked.text.count("[1]") == 2 and "[3]" not in checked.text


def test_an_empty_text_has_no_claims() -> None:
    checked = verify("")
    assert (checked.text, checked.claims, checked.citations, checked.dropped) == ("", [], [], [])
    assert not checked.grounded
