"""rag.evaluate: text normalisation and whether an answer states the expected string."""

from __future__ import annotations

import pytest

from rag.evaluate import contains, normalize

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("text", "normal"), [
    ("  Seven  “Guards” — 1,000 KILLED ", '7 "guards" - 1000 killed'),
    ("twenty-five", "25"),
    ("It’s 12,500,000.", "it's 12500000."),
    ("", ""),
])
def test_normalize(text: str, normal: str) -> None:
    assert normalize(text) == normal


@pytest.mark.parametrize(("text", "needle"), [
    ("Seven guards died.", "7"), ("7 guards died.", "seven"), ("3 died", "3"),
    ("It was 1,000.", "1000"), ("It was 1000.", "1,000"), ("THE PENTAGON", "pentagon"),
    ("Three, then more", "3"), ("anything", ""),
])
def test_contains(text: str, needle: str) -> None:
    assert contains(text, needle)


@pytest.mark.parametrize(("text", "needle"), [
    ("In 2023 it rose", "3"), ("It was 3.5 percent", "3"), ("The cost was 13.", "3"),
    ("It was 30.", "3"), ("Version 2.3", "2"),
])
def test_a_number_is_not_found_inside_a_longer_one(text: str, needle: str) -> None:
    assert not contains(text, needle)


def test_citation_markers_are_not_text() -> None:
    assert not contains("Seven died [2].", "2")
    assert not contains("Seven died [1, 2][3-4].", "4")
    assert not contains("Seven died [unverified].", "unverified")
    assert contains("Seven died [2]. Two fled.", "2")


def test_a_decimal_needle_matches_only_whole() -> None:
    assert contains("It rose 3.5 percent.", "3.5")
    assert not contains("It rose 13.5 percent.", "3.5")
