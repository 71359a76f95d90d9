"""Whether "he" or "she" can stand for a name, learned from how the sources refer back to it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rag.text import NAME_RUN, lexicon

Gender = Literal["he", "she"]

_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_SHE = frozenset("she her hers herself".split())
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"]?[A-Z])")
_MARKER = re.compile(r"\s*\[\d+\]")
_MORE_SPEECH = "added adds says wrote writes noted insisted warned argued continued"


@lru_cache(maxsize=1)
def _speech() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A speech tag (", she said", "said he"), which stands for whoever speaks, not for the
    name before it; and a name's own speech verb ("Sheinbaum said")."""
    verbs = "|".join(sorted(set(lexicon()["reporting_verbs"]) | set(_MORE_SPEECH.split()), key=len, reverse=True))
    tag = re.compile(rf"(?:[,;—]\s*|^)(?:(he|she)\s+(?:{verbs})\b|(?:{verbs})\s+(he|she)\b)", re.IGNORECASE)
    return tag, re.compile(rf"^(?:\s+[\w’'.-]+){{0,2}}?\s+(?:{verbs})\b")


def _next_name(sentence: str, at: int) -> int:
    """Where the next name after the one ending at ``at`` begins (or the sentence's end): a
    pronoun after it may stand for that name instead."""
    run = NAME_RUN.match(sentence, at) if at < len(sentence) and sentence[at].isspace() else None
    start = run.end() if run and run.start() == at and run.group().strip() else at
    following = NAME_RUN.search(sentence, start + 1)
    return following.start() if following else len(sentence)


def gender_of(pronoun: str) -> Gender | None:
    """"he" for he/him/his/himself, "she" for she/her/hers/herself, else ``None``."""
    word = pronoun.lower()
    if not _PRONOUN.fullmatch(word):
        return None
    return "she" if word in _SHE else "he"


def referred_as(name: str, text: str) -> Gender | None:
    """How ``text`` refers back to ``name``, by the majority of its votes (else ``None``).

    After each mention of the name's last word, the first person pronoun of the same sentence
    that is no speech tag votes, or else one opening the next sentence ("Leavitt wrote on X.
    She also thanked ..."). A name that speaks ("Sheinbaum said") gets the speech tags of the
    next two sentences (", she said"). A gender list of first names would be a word list tied
    to whoever is in the news; the documents say which pronoun their authors use.

    Example:
        >>> referred_as("Claudia Sheinbaum", "Sheinbaum said no. The aim was arrest, she said.")
        'she'
    """
    words = name.replace("’s", "").replace("'s", "").split()
    if not words:
        return None
    tag, speaks = _speech()
    mention = re.compile(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])")
    sentences = _SENTENCE_END.split(_MARKER.sub("", text))
    votes = {"he": 0, "she": 0}
    for i, sentence in enumerate(sentences):
        for found in mention.finditer(sentence):
            tags = [m.span() for m in tag.finditer(sentence)]
            until = _next_name(sentence, found.end())  # "White House secretary Leavitt said she"
            after = next((p for p in _PRONOUN.finditer(sentence, found.end(), until)
                          if not any(a <= p.start() < b for a, b in tags)), None)
            if after is None and i + 1 < len(sentences):
                after = _PRONOUN.match(sentences[i + 1])
            if after is not None:
                votes[gender_of(after.group()) or "he"] += 1
            if speaks.match(sentence[found.end():]):  # "Sheinbaum said ...": her later ", she said"
                for later in sentences[i + 1:i + 3]:
                    if mention.search(later):
                        break
                    said = tag.search(later)
                    if said:
                        votes[gender_of(said.group(1) or said.group(2)) or "he"] += 1
                        break
    if votes["he"] == votes["she"]:
        return None
    return "he" if votes["he"] > votes["she"] else "she"
