"""The role a "Who is …?" question asks who holds, and whether a sentence says it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.asked import noun_phrase, says_the_same
from rag.kinds import singular
from rag.people import title_words
from rag.text import CONTEXT_JOIN, canonical_terms, idioms_out, is_time_name, lexicon, readings
from rag.wordnet import is_person_noun, kin, pertains_to

# "Who is Mexico's security secretary?", "who's the head of the CJNG", "Who was the pilot?" (not
# "Who was behind it?"); the role ends before "according to …", "now", "then" or a clause
_WHO_IS = re.compile(r"^\W*(?:and\s+)?who(?:[’']s|\s+(?:is|was|are|were))\s+"
                     r"(?P<role>(?:the|a|an|his|her|their|its|[\w.-]+(?:’s|'s))\s.+?)"
                     r"(?:,|\s+(?:according\s+to|now|then|currently|today|that|who)\b.*)?\W*$", re.I)


# "Who heads the Secretariat of National Defense?": the role of one who does that to a body
_WHO_HEADS = re.compile(r"^\W*(?i:(?:and\s+)?who\s+(?:now\s+|currently\s+)?(?P<verb>heads|leads|runs|chairs|directs|"
                        r"commands)\s+)(?P<of>(?:the\s+)?[A-ZÁÉÍÓÚÑ].*?)(?:\s+(?i:now|currently|today))?\W*$")
_ROLE_OF_VERB = {"heads": "head", "leads": "leader", "runs": "head", "chairs": "chair", "directs": "director",
                 "commands": "commander"}
# the body or place a role is of: "Mexico" of "Mexico's defense secretary", "Jalisco" of "the governor of Jalisco"
_OWNER = re.compile(r"^(?:the\s+)?([A-ZÁÉÍÓÚÑ][\w.-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w.-]*)*)(?:’s|'s)\s")
_OF = re.compile(r"\s+of\s+(?:the\s+)?([A-ZÁÉÍÓÚÑ].*)$")

_LONGEST = 200  # characters of a "Who is <role>?" question


@dataclass(frozen=True)
class Role:
    """A role asked about: its head noun, the words before it, and WordNet's words for it
    when the phrase is one entry ("head of state": "president", "premier", "monarch"), or the
    verb it was asked by ("Who leads …?": "lead", which "led by" says)."""

    head: str
    modifiers: frozenset[str]
    kin: frozenset[str]
    phrase: str = ""  # the role as asked, when WordNet knows it as one entry: "attorney general"


def role_asked(question: str) -> Role | None:
    """The role a "Who is <role>?" question asks who holds ("Who is Mexico's security
    secretary?" -> secretary, qualified by "security"); ``None`` for a name ("Who is El
    Menchito?") and for other questions.

    >>> role_asked("Who is Mexico's security secretary?").head, role_asked("Who is El Menchito?")
    ('secretary', None)
    """
    heads, match = _matched(question)
    if heads:  # "Who heads the Secretariat …?": its head
        verb = heads["verb"].lower()  # "now led by his son" says it too
        return Role(_ROLE_OF_VERB[verb], frozenset(), frozenset(canonical_terms(verb.removesuffix("s"))))
    if not match:
        return None
    role = re.split(r"(?:’s|'s|s’|s')\s+", match["role"])[-1]
    head, modifiers = noun_phrase(role)
    if not head:
        return None
    phrase = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.I).lower()
    whole = kin(phrase.replace(" ", "_")) if " " in phrase else frozenset()  # "head of state"
    if not whole and not is_role_noun(head):  # "Who are the main names being floated?": names are no one
        return None
    if not whole:
        return Role(head, modifiers, frozenset())
    return Role(head, modifiers, frozenset(canonical_terms(" ".join(whole))), phrase)


def role_of(question: str) -> str:
    """The named body or place whose role a "Who is <role>?" question asks who holds ("Jalisco" of
    "Who is the governor of Jalisco?", "Mexico" of "Who is Mexico's defense secretary?", "the
    Secretariat of National Defense" of "Who heads the Secretariat of National Defense?"); ""
    when the role is of no name ("Who is the pilot?")."""
    heads, match = _matched(question)
    if heads:
        return heads["of"]
    if not match:
        return ""
    owner, of = _OWNER.match(match["role"]), _OF.search(match["role"])
    return (owner.group(1) if owner else "") or (of.group(1) if of else "")


def _matched(question: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """A "Who heads …?" question's match, else a "Who is <role>?" one's; a role is asked briefly
    (the patterns are quadratic on a long run of punctuation)."""
    own = question.partition(CONTEXT_JOIN)[0]
    if len(own) > _LONGEST:
        return None, None
    heads = _WHO_HEADS.match(own)
    return heads, None if heads else _WHO_IS.match(own)


def is_role_noun(noun: str) -> bool:
    """Whether ``noun`` (lower case, maybe plural) names a person by what they are: the
    lexicon's roles and titles, or a noun WordNet's commonest sense of which is a kind of person
    ("pilot", "stepson", "officials"; "boss" is no plural)."""
    return any(n in _roles() or is_person_noun(n) for n in (noun, singular(noun)))


def is_role_word(noun: str) -> bool:
    """Whether ``noun`` (lower case, maybe plural) is one of the lexicon's roles or titles
    ("governor", "archbishop"; not any kind of person: "traffickers")."""
    return noun in _roles() or singular(noun) in _roles()


@lru_cache(maxsize=1)
def role_terms() -> frozenset[str]:
    """The canonical terms of the lexicon's roles and titles."""
    return frozenset(canonical_terms(" ".join(_roles())))


def doing_terms(role: str) -> set[str]:
    """The terms of the verb an agent noun is of ("leader": lead, "governor": govern), or none."""
    verb = role[:-2] if role.endswith(("er", "or")) else ""
    return canonical_terms(verb) if verb and "VERB" in readings(verb) else set()


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    words = lexicon()
    return frozenset(words["role_words"]) | {t.lower().rstrip(".") for t in words["title_words"]}


def says_role(text: str, role: Role) -> bool:
    """Whether ``text`` says ``role`` as the question means it (:func:`rag.asked.says_the_same`:
    "Security Secretary Omar García Harfuch", not "Press Secretary Karoline Leavitt"; the phrase
    asked, "Attorney General Ernestina Godoy"); for a role WordNet knows as a phrase of another
    head, also one of its words ("president" for "head of state")."""
    if role.phrase and re.search(rf"\b{re.escape(role.phrase)}\b", text, re.I):
        return True
    if role.kin and " of " in role.phrase:  # "head of state": its kin, not any head
        return bool(role.kin & canonical_terms(text))
    if role.modifiers:
        return says_the_same(text, role.head, role.modifiers)
    heads = canonical_terms(role.head)
    text = idioms_out(text)  # "Gen." is "general"
    words = list(re.finditer(r"[\w’'.-]+", text))
    return any(canonical_terms(word.group()) & heads and not (
        at and not text[words[at - 1].end(): word.start()].strip() and _compound(words[at - 1].group()))
        for at, word in enumerate(words))


def _compound(before: str) -> bool:
    """Whether ``before``, the word right before a role's head, makes another role of it: a
    noun ("attorney general", "Vice President", "Press Secretary"; not "the general", "Mexican
    general", "Former President", "Mexico's president", "Jalisco Governor", "Sunday, President",
    nor a title before a title: "Defence Secretary Gen.")."""
    word = before.rstrip(".")
    entry = readings(word.lower())
    if (not word or word.lower() in _DETERMINERS or word.endswith(("’s", "'s")) or {"ADJ", "ADV"} & set(entry)
            or is_time_name(word) or pertains_to(word)):  # "Mexican"
        return False
    if word[:1].isupper() and word in title_words() and word != "Press":  # "Press Secretary" is a role
        return False
    return "NOUN" in entry


_DETERMINERS = frozenset("the a an his her their its this that".split())
