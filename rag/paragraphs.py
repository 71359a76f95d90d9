"""Where a sentence stands in its passage: its paragraph, and the date or time the paragraph gives."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, Sequence

from rag.answer_types import YEAR, holds
from rag.figures import date_numbers
from rag.text import MONTHS, WEEKDAYS
from rag.types import StoredSentence

# a sentence opening with when its paragraph happened: "By Tuesday, 24 February,", "Early on Sunday,"
_TIME_OPENS = re.compile(rf"^(?:(?:(?:on|by|at|in|early|late|later|since|until|from|before|after|shortly|last|"
                         rf"this|that)\s+)+|(?=(?:{WEEKDAYS}|{MONTHS})\b))[^,;:\s]+(?:\s+[^,;:\s]+){{0,3}},"
                         r"(?:\s*\d{1,2}\s+[A-Z][a-z]+,)?", re.I)


@lru_cache(maxsize=64)  # every sentence of a passage asks it again
def paragraphs(passage: str) -> tuple[tuple[str, bool], ...]:
    """The paragraphs of ``passage``, each with whether it gives a date or year of its own
    ("In May 2015, ...")."""
    return tuple((p, bool(date_numbers(p) or YEAR.search(p))) for p in passage.split("\n\n"))


def one_paragraph(passage: str, first: str, second: str) -> bool:
    """Whether two sentences stand in one paragraph of ``passage``."""
    return any(first in text and second in text for text, _ in paragraphs(passage))


def dated(sentence: str, passage: str, lede: str) -> str:
    """The text a sentence's dates are read in: its passage, and the story's opening (``lede``)
    when the sentence's own paragraph gives no date or year ("261 operations were cancelled over
    the two days" is of the 22 and 23 February the opening sets; "By 24 February, ..." and "In
    May 2015, ..." are not)."""
    if not lede:
        return passage
    own = next((has_date for paragraph, has_date in paragraphs(passage) if sentence in paragraph), False)
    return passage if own else f"{passage} {lede}"


def time_opener(sentence: str, earlier: Sequence[str | None], passage: str) -> int | None:
    """Which of the sentences ``earlier`` than ``sentence`` (nearest first; None where one is
    not at hand) in its paragraph of ``passage`` opens with the time the sentences after it
    tell of ("Tuesday, 24 February, was the turning point. Alaska's first flight … Both airports
    said they were back to normal"; not "Officials said on Monday, ...", nor past a sentence
    giving another day): a when-question is answered by the two. None when none does."""
    between: set[str] = set()  # the days the sentences in between say something happened
    for k, text in enumerate(earlier):
        if text is None or not one_paragraph(passage, text, sentence):
            return None
        opening = _TIME_OPENS.match(text)
        if opening and holds(opening.group(), "time") and not _NO_TIME_OPENING.match(text):
            return k if between <= _days(opening.group()) else None  # "Flights resumed Monday." between
        between |= _days(text)
    return None


def _days(text: str) -> set[str]:
    """The weekdays and dates ``text`` says something happened on ("Monday", "24 february"; not
    "through Monday", "until 1 March": a span's end)."""
    return {" ".join(m.group(1).lower().split()) for m in _DAY.finditer(text)}


# a day, not after a span's word: "on Monday", "resumed Monday", "by 24 February" (not "through Monday")
_DAY = re.compile(rf"(?<!through\s)(?<!until\s)(?<!till\s)(?<!since\s)\b((?:{WEEKDAYS})\b|\d{{1,2}}\s+"
                  rf"(?:{MONTHS})\b|(?:{MONTHS})\s+\d{{1,2}}\b)", re.I)
# what opens like a time and is none: an owner ("Sunday's raid, …"), a month's name as a word
# ("March organisers, …", "May God protect us, …")
_NO_TIME_OPENING = re.compile(rf"^(?:\w+[’']s\b|(?i:{MONTHS})\s+(?!\d))")


def earlier_sentences(text_of: Mapping[tuple[str, int], str], sentence: StoredSentence,
                      reach: int) -> list[str | None]:
    """The texts of the ``reach`` sentences before ``sentence`` in its document (``text_of``: the
    retrieved ones by document and index), nearest first; None where one was not retrieved."""
    return [text_of.get((sentence.doc_id, sentence.index - k)) for k in range(1, reach + 1)]
