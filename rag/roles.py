"""The role a "Who is …?" question asks who holds, and whether a sentence says it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.asked import noun_phrase, says_the_same
from rag.text import CONTEXT_JOIN, canonical_terms, readings
from rag.wordnet import kin

# "Who is Mexico's security secretary?", "who's the head of the CJNG", "Who was the pilot?" (not
# "Who was behind it?"); the role ends before "according to …", "now", "then" or a clause
_WHO_IS = re.compile(r"^\W*(?:and\s+)?who(?:[’']s|\s+(?:is|was|are|were))\s+"
                     r"(?P<role>(?:the|a|an|his|her|their|its|[\w.-]+(?:’s|'s))\s.+?)"
                     r"(?:,|\s+(?:according\s+to|now|then|currently|today|that|who)\b.*)?\W*$", re.I)


@dataclass(frozen=True)
class Role:
    """A role asked about: its head noun, the words before it, and WordNet's words for it
    when the phrase is one entry ("head of state": "president", "premier", "monarch")."""

    head: str
    modifiers: frozenset[str]
    kin: frozenset[str]


def role_asked(question: str) -> Role | None:
    """The role a "Who is <role>?" question asks who holds ("Who is Mexico's security
    secretary?" -> secretary, qualified by "security"); ``None`` for a name ("Who is El
    Menchito?") and for other questions.

    >>> role_asked("Who is Mexico's security secretary?").head, role_asked("Who is El Menchito?")
    ('secretary', None)
    """
    match = _WHO_IS.match(question.partition(CONTEXT_JOIN)[0])
    if not match:
        return None
    role = re.split(r"(?:’s|'s|s’|s')\s+", match["role"])[-1]
    head, modifiers = noun_phrase(role)
    if not head:
        return None
    phrase = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.I).lower()
    whole = kin(phrase.replace(" ", "_")) if " " in phrase else frozenset()  # "head of state"
    return Role(head, modifiers, frozenset(canonical_terms(" ".join(whole))) if whole else frozenset())


def says_role(text: str, role: Role) -> bool:
    """Whether ``text`` says ``role`` as the question means it (:func:`rag.asked.says_the_same`:
    "Security Secretary Omar García Harfuch", not "Press Secretary Karoline Leavitt"), or, for
    a role WordNet knows as a phrase, one of its words ("president" for "head of state")."""
    if role.kin:
        return bool(role.kin & canonical_terms(text))
    if role.modifiers:
        return says_the_same(text, role.head, role.modifiers)
    heads = canonical_terms(role.head)
    words = re.findall(r"[\w’'.-]+", text)
    return any(canonical_terms(word) & heads and not _compound(words[at - 1] if at else "")
               for at, word in enumerate(words))


def _compound(before: str) -> bool:
    """Whether ``before``, the word before a role's head, makes another role of it: a common
    noun in lower case ("attorney general", "press secretary"; not "the general", "Mexican
    general", nor a title before it: "Defence Secretary Gen.")."""
    entry = readings(before)
    return before.islower() and "NOUN" in entry and "ADJ" not in entry and before not in _DETERMINERS


_DETERMINERS = frozenset("the a an his her their its this that".split())
