"""Whether "he" or "she" can stand for a name, learned from how the sources refer back to it,
whom an earlier turn's answer or question names, and which place a follow-up's "there" stands for."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rag.asked import noun_phrase, says_the_same
from rag.chunking import split_sentences
from rag.markers import MARKER, strip_markers
from rag.people import is_person_like, title_words, untitled
from rag.places import place_names
from rag.text import (AUXILIARIES, NAME_RUN, PREPOSITIONS, WH_WORDS, is_time_name, later_names, lexicon, names_in,
                      fold_accents, not_a_place, placed, without_possessive)
from rag.wordnet import is_place, pertains_to

Gender = Literal["he", "she"]
_QUESTION_WORDS = frozenset(f"{WH_WORDS}|{AUXILIARIES}".split("|"))

_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
# not "his" or "her": "Sheinbaum thanked the army for his work"
_SUBJECT = re.compile(r"\b(he|she|him|himself|herself)\b", re.IGNORECASE)
_OPENING = re.compile(r"[“\"]?(he|she)\b", re.IGNORECASE)  # "... Leavitt wrote. She also ..."
_SHE = frozenset("she her hers herself".split())
_MASCULINE = re.compile(r"El\s+[A-ZÁÉÍÓÚÑ]")  # a Spanish nickname's article: "El Mencho", "El Chapo"
PASSAGE_BREAK = "\x1e"  # between the answers and passages a follow-up's ``sources`` join (not a paragraph break)
SPEECH_SENTENCES = 2  # a speaker's later speech tags (", she said") are looked for this far on


@lru_cache(maxsize=1)
def _speech() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A speech tag (", she said", '," said he'), which stands for whoever speaks, not for
    the name before it; and a name's own speech verb ("Sheinbaum said", "Landau, the deputy, said")."""
    verbs = "|".join(sorted(lexicon()["speech_verbs"], key=len, reverse=True))
    tag = re.compile(rf"(?:[,;—][”\"]?\s*(he|she)\s+(?:{verbs})|[,;—][”\"]\s*(?:{verbs})\s+(he|she))\b",
                     re.IGNORECASE)  # '," said she', not "X, 34, said she heard shots"
    return tag, re.compile(rf"^,?(?:\s+[\w’'.,-]+){{0,3}}?\s+(?:{verbs})\b")


def gender_of(pronoun: str) -> Gender | None:
    """"he" for he/him/his/himself, "she" for she/her/hers/herself, else ``None``."""
    word = pronoun.lower()
    if not _PRONOUN.fullmatch(word):
        return None
    return "she" if word in _SHE else "he"


def referred_as(name: str, text: str) -> Gender | None:
    """How ``text`` refers back to ``name``, by the majority of its votes (else ``None``).

    After each mention of the name's last word (not a possessive: "Harfuch's wife said she"),
    the first "he", "she" or "him" of its sentence votes, if it comes before another person's
    name (a place or a day after "in" or "on" is none) and is no speech tag (", she said" is
    the speaker's); "his" and "her" are often someone else's and do not vote. Else, when the
    name is its sentence's first person (its subject, as a reader takes it), a he/she opening
    the next sentence does ("Leavitt wrote on X. She also thanked ..."). A name that speaks
    ("Sheinbaum said") gets the first speech tag of the next sentences that no other speaker
    comes before. A gender list of first names would be a word list tied to whoever is in the
    news; the documents say which pronoun their authors use.

    Example:
        >>> referred_as("Claudia Sheinbaum", "Sheinbaum said it was legal. The aim was arrest, she said.")
        'she'
    """
    words = without_possessive(name).split()
    if not words:
        return None
    mention = re.compile(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])")
    votes = {"he": 0, "she": 0}
    for sentences in map(_sentences, text.split(PASSAGE_BREAK)):  # no next sentence across passages
        _vote(mention, sentences, votes)
    if votes["he"] == votes["she"]:
        return None
    return "he" if votes["he"] > votes["she"] else "she"


def _vote(mention: re.Pattern[str], sentences: tuple[str, ...], votes: dict[str, int]) -> None:
    """Add the votes of one passage's ``sentences`` for the name ``mention`` finds."""
    for i, sentence in enumerate(sentences):
        for found in mention.finditer(sentence):
            if sentence.startswith(("’s", "'s"), found.end()) or placed(sentence, found.start()):
                continue  # "Harfuch's wife said she ...": she is not Harfuch; "in Jalisco": a place
            for vote in (_after(sentence, found.end(), sentences[i + 1:i + 2]),
                         _speaker(sentence, found.end(), sentences[i + 1:i + 1 + SPEECH_SENTENCES])):
                if vote:
                    votes[vote] += 1


def _called(person: str, sources: str) -> Gender | None:
    """How ``sources`` refer to the person a pronoun would become; with no vote, "El" before a
    nickname is "he" ("When did she get there?" is not asked of El Mencho). Never "she" for
    "La": "La Barbie" and "La Tuta" are men; never used to pick another person ("El Paso")."""
    return referred_as(person, sources) or ("he" if _MASCULINE.match(person) else None)


@lru_cache(maxsize=8)  # one follow-up asks this of the same sources for every candidate name
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(s.text for s in split_sentences(strip_markers(text)))


def _after(sentence: str, at: int, following: tuple[str, ...]) -> Gender | None:
    """The he/she/him after a mention ending at ``at`` and before the next name (not a
    speech tag), or a he/she opening the next sentence when the name is its sentence's first."""
    tag, _ = _speech()
    tags = [m.span() for m in tag.finditer(sentence)]
    until = _next_name(sentence, at)
    found = next((p for p in _SUBJECT.finditer(sentence, at, until)
                  if not any(a <= p.start() < b for a, b in tags)), None)
    if found is None and following and _first_person(sentence, at):
        found = _OPENING.match(following[0])  # "Leavitt wrote on X. She ...", not "... as Talpalpa. She"
    return gender_of(found.group(1)) if found else None


def _speaker(sentence: str, at: int, following: tuple[str, ...]) -> Gender | None:
    """For a name that speaks, the first later speech tag no other name comes before."""
    tag, speaks = _speech()
    if not speaks.match(sentence[at:]):  # "Sheinbaum said"
        return None
    for later in following:
        said = tag.search(later)
        if _speakers(later, said.start() if said else len(later)):
            return None  # someone else is speaking now
        if said:
            return gender_of(said.group(1) or said.group(2))
    return None


def _next_name(sentence: str, at: int) -> int:
    """Where the next name after the one ending at ``at`` begins (or the sentence's end): a
    pronoun after it may stand for that name instead ("Claudia Sheinbaum Pardo said she":
    the rest of her own name does not count, nor a word that names no one: "on X")."""
    for run in NAME_RUN.finditer(sentence):
        if (run.start() >= at and sentence[at:run.start()].strip() and is_person_like(run.group())
                and not placed(sentence, run.start(), also="on|from|to")):
            return run.start()  # not "on Monday", "in Guadalajara"
    return len(sentence)


def _first_person(sentence: str, at: int) -> bool:
    """Whether the name ending at ``at`` is the first person its sentence names (its subject,
    most likely, whom a "She" opening the next sentence continues)."""
    return not any(is_person_like(run.group()) for run in NAME_RUN.finditer(sentence, 0, at) if run.end() < at)


def _speakers(text: str, before: int) -> bool:
    """Whether someone named in ``text`` before ``before`` speaks ("Landau, the deputy, said";
    not "Oseguera had warrants against him")."""
    _, speaks = _speech()
    return any(is_person_like(run.group()) and speaks.match(text[run.end():])
               for run in NAME_RUN.finditer(text, 0, before))


def agreeing(person: str, pronoun: str, candidates: list[str], sources: str, asked: str = "",
             guess: bool = True) -> str:
    """``person``, unless ``sources`` refer to them with another pronoun than ``pronoun`` (or
    there is no ``person``); then the first of ``candidates`` (names of the recent turns) that
    looks like a person's and that the sources refer to with it; else, with ``guess``, the
    first full name the earlier questions (``asked``) named too and the sources never call
    otherwise (whom "he" stood for two turns back, named again in the last answer; not "over
    Jalisco"); else nobody."""
    wanted = gender_of(pronoun)
    if wanted is None or (person and _called(person, sources) in (None, wanted)):
        return person
    taken = set(without_possessive(person).split())
    people = [untitled(without_possessive(n)) for n in candidates]
    read = f"{sources}{PASSAGE_BREAK}{asked}"
    people = [n for n in dict.fromkeys(people) if n.split()[-1] not in taken and is_person_like(n)
              and not _placed_once(n, read)]  # "in Tapalpa"
    said: dict[str, Gender | None] = {}  # read once per name, and only as far as needed

    def called(name: str) -> Gender | None:
        if name not in said:
            said[name] = referred_as(name, sources)
        return said[name]
    return (next((n for n in people if called(n) == wanted), "")
            or next((n for n in people if guess and len(n.split()) > 1 and called(n) is None  # a full name
                     and re.search(rf"\b{re.escape(n.split()[-1])}\b", asked)), ""))


def _placed_once(name: str, text: str) -> bool:
    """Whether ``text`` puts ``name`` after a locative, an owner's mention aside: a place
    ("hiding in Tapalpa"), not a person ("officials in Sheinbaum's government")."""
    return any(placed(text, m.start()) for m in re.finditer(rf"\b{re.escape(name)}\b(?![’']s)", text))


def uses_pronoun(pronoun: str, text: str) -> bool:
    """Whether ``text`` (an earlier answer) itself has a subject of ``pronoun``'s gender ("she"
    for "her"): then a follow-up's "she" is most likely whom it means, named or not ("a
    trusted associate of the woman, and … she travelled to the cabins"; not "His body was
    identified", whose owner an earlier turn named)."""
    wanted = gender_of(pronoun)
    return wanted is not None and any(gender_of(m.group()) == wanted for m in _HE_OR_SHE.finditer(text))


def person_named(text: str) -> str:
    """The first name in ``text`` that looks like a person's: two to four capitalised words
    after any title or organisation word, not after an article, no abbreviation ("White
    House", "The United States", "U.S." are not), not placed ("at Green Bay")."""
    words_of = lexicon()
    stops = set(words_of["organisation_words"]) | set(words_of["title_words"])
    for name in names_in(" " + text):  # a name may open the earlier question
        if not name.endswith(("’s", "'s")) and any(
                placed(text, m.start()) for m in re.finditer(re.escape(name), text)):
            continue  # "What happened at Green Bay?": a place ("at El Mencho's ranch": his)
        words = name.replace("’s", "").replace("'s", "").split()
        while words and words[0].lower() in _QUESTION_WORDS:  # "Was El Mencho ..."
            words = words[1:]
        if organisations := [i for i, w in enumerate(words) if w in stops]:
            words = words[organisations[-1] + 1:]  # "Press Secretary Karoline Leavitt"
        if 2 <= len(words) <= 4 and words[0] not in ("The", "A", "An") and not any("." in w for w in words):
            return " ".join(words)
    return ""


_WHERE = re.compile(r"^\W*(?:and\s+)?(?:where\b|(?:in|at|to|from)\s+(?:what|which)\s+(?:town|city|state|place|country)\b)",
                    re.IGNORECASE)
# "TAPALPA, Jalisco — ", "MEXICO CITY — ", "GUADALAJARA, Mexico (AP) — "
_DATELINE = re.compile(r"^\s*([A-ZÁÉÍÓÚÑ]{2}[A-ZÁÉÍÓÚÑ .'-]*?)(?:,\s+[A-Z][\w .'-]*?)?(?:\s+\([\w. ]+\))?\s+[—–-]\s")
_OPENING_PLACE = re.compile(r"^\s*(?:In|At|Near|Outside|Inside|From)\b")
_THAT_FROM = re.compile(r"(\bhow far\s+(?:away\s+)?(?:is|was)\s+)(?:that|it)(?=\s+from\b)", re.IGNORECASE)  # "How far is that from X?"
_HOW_FAR = re.compile(r"^\W*(?:and\s+)?how far\s+(?:away\s+)?(?:is|was|are|were)\s+(.+?)\s+from\b", re.IGNORECASE)
# "there" as a place ("stuck there"), not "there were"
_THERE = re.compile(rf"\bthere\b(?!\s+(?:{AUXILIARIES})\b)", re.IGNORECASE)
_EXISTENTIAL = frozenset(  # "Were there ...?", "Did there remain ...?"
    "is are was were has have had will would can could did does should may might must shall".split())

_PREPOSITIONS = frozenset(PREPOSITIONS.split("|"))


def answered_place(previous: str, answer: str) -> str:
    """The place the earlier answer gave when the earlier question asked where: the first name
    a preposition places in its quoted sentences ("outside Tapalpa"; not a month, language,
    acronym or people: "in Mexican custody"), the opening sentence's dateline ("TAPALPA,
    Jalisco — ...") coming before the later sentences' places; empty otherwise."""
    if not _WHERE.match(previous) or not answer:
        return ""
    asked = set(names_in(previous))
    quoted = [s for s in MARKER.split(answer) if s.strip() and not s.strip().isdigit()]
    for n, sentence in enumerate(quoted):
        opening = _OPENING_PLACE.sub(lambda m: m.group().lower(), sentence)  # "In Tapalpa, ...": placed
        for name, _, is_placed in later_names(f" {opening}"):
            name = without_possessive(name.rstrip(".,;:"))  # "in Jalisco’s highlands"
            if is_placed and name not in asked and not not_a_place(name) and not pertains_to(name):
                return name
        if n == 0 and (dateline := _DATELINE.match(sentence)) and not not_a_place(dateline.group(1)):
            return dateline.group(1).title()  # where the story was filed; not "US, Mexican officials -"
    return ""


def placed_there(question: str, previous: str, avoid: str = "", answered: str = "", sources: str = "") -> str:
    """``question`` with a place "there" (or the "that" of "How far is that from ...?") replaced
    by the place the earlier answer gave to a where-question (``answered``), else by the
    earlier question's place: its last name after "in", "at", "to"... or else its last name
    the recent ``sources`` place something in or WordNet knows for a place ("Guadalajara",
    not "World Cup", of "Is Guadalajara still hosting World Cup games?"), or else its last name other than ``avoid``
    (the person a pronoun of ``question`` stands for): "How many lorries were stuck there?"
    after "How much did the Mercado de Abastos lose?" -> "... stuck in Mercado de Abastos?"."""
    if answered:
        question = _THAT_FROM.sub(lambda m: f"{m.group(1)}{answered}", question, count=1)
        if answered in question:
            return question
    names = [answered] if answered else [n for n in names_in(previous) if not avoid or avoid not in n]
    if (distance := _HOW_FAR.match(previous)) and not answered:  # "How far is Tapalpa from Guadalajara?"
        names = [n for n in names if n in distance.group(1)] or names  # Guadalajara is where it is measured from
    located = [n for n in names if any(placed(previous, m.start(), also="from|to")
                                       for m in re.finditer(re.escape(n), previous))]
    where = {fold_accents(without_possessive(p)) for p in place_names(sources)} if sources and not located else set()
    names = located or [n for n in names if fold_accents(n) in where or is_place(n.split()[-1].lower())] or names
    for there in _THERE.finditer(question) if names else ():
        before = question[:there.start()].split()
        if before and before[-1].lower() not in _EXISTENTIAL:  # not "Were there any arrests?"
            place = names[-1] if before[-1].lower() in _PREPOSITIONS else f"in {names[-1]}"  # "from there"
            return f"{question[:there.start()]}{place}{question[there.end():]}"
    return question


_HE_OR_SHE = re.compile(r"\b(?:he|she)\b", re.I)  # a subject: not "his body", whose owner is no answer
_ASKS_WHO = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who|whom|whose|which)\b", re.I)


def needs_antecedent(question: str, sentence: str, before: str) -> bool:
    """Whether an answer to a who/which ``question`` must quote the sentence ``before`` its
    ``sentence``: that one says "he" or "she" of someone the sentence before names and the
    question does not ("Audias Flores Silva … is a regional commander." "… an early signal that
    he was being groomed for the top job.")."""
    pronoun = _HE_OR_SHE.search(sentence)
    if not _ASKS_WHO.match(question) or not pronoun or any(
            is_person_like(n) for n in names_in(f" {sentence[: pronoun.start()]}")):
        return False  # "Sheinbaum said she had ordered it": she is Sheinbaum
    named = person_named(before)
    return bool(named) and named not in question and named not in sentence


_POSSESSOR = re.compile(r"(?<!^)\b([A-ZÁÉÍÓÚÑ][a-záéíóúñ]{2,})(?:’s|'s)\s+[a-z]")


def titled(role: str, answer: str) -> str:
    """The person ``answer`` names with the title ``role`` asks about ("Mexico's defence
    secretary": Ricardo Trevilla Trejo of "Security Secretary Omar García Harfuch, Defence
    Secretary Gen. Ricardo Trevilla Trejo ..."); empty when none is."""
    head, modifiers = noun_phrase(role) if role else ("", frozenset())
    names = (untitled(n.rstrip(".,;:")) for n in names_in(f" {answer}") if head and says_the_same(n, head, modifiers))
    return next((n for n in names if person_named(f" {n}")), "")


def titled_otherwise(role: str, name: str, answer: str) -> bool:
    """Whether ``answer`` gives ``name`` a title, none of it ``role``'s head ("White House Press
    Secretary Karoline Leavitt" is no answer to whom "the Mexican president" stands for)."""
    if not role:
        return False
    head = noun_phrase(role)[0].lower()
    for run in names_in(f" {answer}"):
        before = run[: -len(name)].split() if name and run.endswith(name) else []
        titles = {w.rstrip(".").lower() for w in before if w.rstrip(".") in title_words()}
        if titles:
            return head not in titles
    return False


def possessor(question: str) -> str:
    """A lone capitalised name that owns something in ``question`` ("What's Trump's stance on
    the cartels?" -> "Trump"): a person more often than not; empty when there is none."""
    match = _POSSESSOR.search(question)
    name = match.group(1) if match else ""
    return "" if not name or is_time_name(name) or name in lexicon()["organisation_words"] else name


def named_in_full(previous: str, answer: str) -> str:
    """A one-word name of the earlier question in full, as its answer gives it ("Trump" of
    "When did Trump do that?" -> "Donald Trump" of "President Donald Trump declared ...")."""
    lone = {n for n in names_in(f" {previous}") if len(n.split()) == 1}
    for name in names_in(f" {MARKER.split(answer or '')[0]}"):
        full = person_named(f" {name}")
        if full and lone & set(full.split()):
            return full
    return ""
