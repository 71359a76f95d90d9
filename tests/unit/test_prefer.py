"""rag.prefer: which of the answering sentences a question prefers."""

from __future__ import annotations

import pytest

from rag.drafts import Candidate
from rag.prefer import asked_terms, focused, saying_the_thing

from .factories import make_doc

pytestmark = pytest.mark.unit


def candidates(*sentences: str, score: float = 0.5) -> tuple[list[Candidate], list]:
    doc = make_doc("d1", list(sentences))
    return [Candidate(s, doc.passage, score, True) for s in doc.sentences], doc.sentences


def test_asked_terms_leave_out_pointers_and_answer_type_words() -> None:
    assert asked_terms("Where did she post it?") == asked_terms("Where did she post?")
    assert "name" not in " ".join(asked_terms("What was his real name?"))


def test_a_follow_up_prefers_the_sentences_holding_most_of_its_own_words() -> None:
    found, _ = candidates("Sheinbaum posted a statement on Facebook.", "Leavitt posted on X.")
    assert [c.sentence.index for c in focused(found, "where did Sheinbaum post her statement", 0.2)] == [0]
    assert focused(found, "where did Sheinbaum post her statement", 0.9) == found  # too weak to answer


def test_a_role_asked_about_is_preferred_and_none_is_required() -> None:
    found, sentences = candidates("Press Secretary Karoline Leavitt said so.",
                                  "Security Secretary Omar García Harfuch spoke.")
    kept = saying_the_thing(found, "Who is Mexico's security secretary?", "person", sentences)
    assert [c.sentence.index for c in kept] == [1]
    nobody, sentences = candidates("Karoline Leavitt said so.")
    assert saying_the_thing(nobody, "Who is Mexico's security secretary?", "person", sentences) == nobody
