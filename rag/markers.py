"""Citation markers in answer text: ``[1]``, ``[1, 3]``, ``[2-4]``, and ``[unverified]``."""

from __future__ import annotations

import re

UNVERIFIED = "[unverified]"  # shown after a generated sentence its sources do not support
MARKER = re.compile(r"\[(\d+(?:\s*[-–,]\s*\d+)*)\]")  # [1], [1, 3], [2-4]
_MARKER_WITH_SPACE = re.compile(r"\s*" + MARKER.pattern)


def parse_markers(text: str) -> list[int]:
    """Citation numbers in ``text`` in order of appearance: ``[1]``, ``[1, 3]``, ``[2-4]``.

    >>> parse_markers("A [1]. B [2-3][1, 4].")
    [1, 2, 3, 1, 4]
    """
    numbers: list[int] = []
    for match in MARKER.finditer(text):
        for part in re.split(r"\s*,\s*", match.group(1)):
            bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part)]
            if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 50:
                numbers.extend(range(bounds[0], bounds[1] + 1))
            else:
                numbers.extend(bounds)
    return numbers


def strip_markers(text: str) -> str:
    """``text`` without citation markers, ``[unverified]`` included.

    >>> strip_markers("Seven died [1][2]. Maybe more [3] [unverified].")
    'Seven died. Maybe more.'
    """
    return _MARKER_WITH_SPACE.sub("", text.replace(" " + UNVERIFIED, "").replace(UNVERIFIED, ""))


def with_marker(sentence: str, number: int) -> str:
    """Put ``[n]`` after a sentence.

    >>> with_marker("Seven died. ", 2)
    'Seven died. [2]'
    """
    return f"{sentence.rstrip()} [{number}]"
