"""rag.generate: sources packed into the prompt budget, the prompt, and spotting a decline."""

from __future__ import annotations

import pytest

from rag.chunking import count_tokens
from rag.generate import build_prompt, pack_sources, says_sources_dont_answer

from .factories import make_passage

pytestmark = pytest.mark.unit

BIG = make_passage("big", "word " * 200, title="Big")
SMALL = make_passage("small", "Seven guards died.", title="Guards")


def test_pack_sources_skips_a_passage_that_does_not_fit_and_keeps_a_later_one() -> None:
    kept, blocks, used = pack_sources([BIG, SMALL], budget=40)
    assert kept == [SMALL]
    assert blocks == ["[1] Guards (Outlet, 2026-02-23)\nSeven guards died."]
    assert used == count_tokens(blocks[0]) + 2


def test_pack_sources_respects_the_budget_exactly() -> None:
    _, blocks, cost = pack_sources([SMALL], budget=1000)
    assert pack_sources([SMALL], budget=cost)[0] == [SMALL]
    assert pack_sources([SMALL], budget=cost - 1) == ([], [], 0)
    assert len(blocks) == 1


def test_pack_sources_numbers_the_kept_passages_from_one() -> None:
    kept, blocks, used = pack_sources([BIG, SMALL, SMALL], budget=1000)
    assert [b.split("]")[0] for b in blocks] == ["[1", "[2", "[3"]
    assert used <= 1000 and kept == [BIG, SMALL, SMALL]


def test_missing_metadata_gets_placeholders() -> None:
    untitled = make_passage("plain.md", "Flights stopped.", title="", outlet="", date="")
    (block,) = pack_sources([untitled], budget=1000)[1]
    assert block == "[1] plain.md (unknown outlet, undated)\nFlights stopped."


def test_build_prompt_has_a_system_and_a_user_message() -> None:
    prompted = build_prompt("How many guards died?", [BIG, SMALL], budget=40)
    assert [m["role"] for m in prompted.messages] == ["system", "user"]
    user = prompted.messages[1]["content"]
    assert "[1] Guards (Outlet, 2026-02-23)\nSeven guards died." in user
    assert "[2]" not in user and "word word" not in user
    assert "Question: How many guards died?" in user
    assert prompted.passages == [SMALL]
    assert prompted.tokens == sum(count_tokens(m["content"]) for m in prompted.messages)


def test_braces_in_a_passage_are_not_placeholders() -> None:
    odd = make_passage("odd", "A {question} and {0} in the text.", title="Odd")
    user = build_prompt("Why?", [odd], budget=1000).messages[1]["content"]
    assert "A {question} and {0} in the text." in user


@pytest.mark.parametrize("reply", [
    "The sources don't say.", "The sources do not mention the toll.", "The passages never state it.",
    "The document doesn't say", "The context did not provide a number.",
    "the SOURCES DO NOT SPECIFY how many",
])
def test_declines_are_recognised(reply: str) -> None:
    assert says_sources_dont_answer(reply)


@pytest.mark.parametrize("reply", [
    "Seven people died [1].", "Sources say seven died.", "The sources agree: seven died [1][2].",
    "Officials did not say more. The sources report seven deaths [1].",
])
def test_answers_are_not_declines(reply: str) -> None:
    assert not says_sources_dont_answer(reply)
