"""rag.drafts: declines, and one answer from the answers to a question's parts."""

from __future__ import annotations

import pytest

from rag.drafts import Draft, combine, decline_text
from rag.types import cite

from .factories import make_doc

pytestmark = pytest.mark.unit


def test_decline_text_folds_spaces_and_cuts_long_questions() -> None:
    assert "“Who led it?”" in decline_text("Who  led\n it?", 200)
    cut = decline_text("word " * 100, 20)
    assert "“word word word word…”" in cut
    assert decline_text("x" * 20, 20).count("…") == 0  # exactly at the limit: not cut


def test_decline_text_wording() -> None:
    assert decline_text("Why?", 200) == (
        "The sources don't say. None of the indexed passages answers “Why?”; "
        "the closest passages are listed as related reading.")


def _draft(*quotes: str, refused: bool = False) -> Draft:
    doc = make_doc("d.md", list(quotes))
    citations = [cite(n, doc.passage, s.start, s.end, 0.8) for n, s in enumerate(doc.sentences, 1)]
    return Draft("", citations, refused, 0.8, False, None)


def test_parts_are_combined_in_order_with_citations_renumbered_and_shared() -> None:
    first, second = _draft("Seven died."), _draft("Seven died.", "Three fled.")
    combined = combine([first, second], ["Who died?", "Who fled?"], 200)
    assert combined.text == "Seven died. [1] Three fled. [2]"
    assert [c.number for c in combined.citations] == [1, 2] and not combined.refused


def test_a_part_the_sources_do_not_answer_is_said() -> None:
    combined = combine([_draft("Seven died."), _draft(refused=True)],
                       ["How many died?", "who fled — died?"], 200)
    assert combined.text == "Seven died. [1] (The sources don't answer “who fled?”)"
