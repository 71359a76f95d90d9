"""Figures in text: the numbers a sentence gives (digits and words, dates and clock times
aside) and what each counts; what a "how many" question counts and what happened to it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rag.config import Scoring
from rag.events import passed_over
from rag.text import AUXILIARIES, MONTHS, PREPOSITIONS, canonical_terms, is_time_name, readings

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
    "dozens": 24, "hundreds": 200, "thousands": 2000, "million": 1e6, "millions": 2e6,
}
_DIGITS = re.compile(r"(?<![\w.])\$?\d[\d,]*(?:\.\d+)?(?!\d)")
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_SMALL_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(w for w, v in _NUMBER_WORDS.items() if v < 100 and w not in ("dozen", "dozens"))
    + r")\b", re.I)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_COMPOUND = re.compile(rf"\b({_TENS})[- ]({_UNITS})\b", re.I)
_COMPOUND_OR_WORD = re.compile(
    rf"\b(?:({_TENS})_({_UNITS})|" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
# An hour of the day: "9 p.m.", "7 a.m.", "21:00", "9 o'clock" (times, dates and figures use it).
HOUR = r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b"

_MONTH_NAMES = "|".join(m[:1].upper() + m[1:] for m in MONTHS.split("|"))  # "30 may have" is no date
# typed in lower case and without the dot ("22 feb", "2 mar", "4 august"): not "may" or "march"
_MONTH_NAMES += "|(?i:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?|" + "|".join(
    m for m in MONTHS.split("|") if "\\" not in m and m not in ("may", "march"))
# A calendar date: "4 March", "22 and 23 February", "the 22nd of February", "March 4, 2026", "March
# 1st" (days and years, no hours).
_CALENDAR = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:and|to|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?)*\s+(?:of\s+)?(?:{_MONTH_NAMES})"
    rf"(?!\w)(?:,?\s+(?:1[89]|20)\d\d\b)?|"
    rf"\b(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:-|–)\s*\d{{1,2}})?\b(?:,?\s+(?:1[89]|20)\d\d\b)?")
_DATE = re.compile(  # a date or a clock time: not a count
    rf"{_CALENDAR.pattern}|\b(?:{_MONTH_NAMES})\s+(?:1[89]|20)\d\d\b|(?i:{HOUR})")
# Years are times, not counts: "in 2024" alone does not answer "how many".
TIME_ONLY_YEARS = re.compile(r"\b(in|since|until|by|of)\s+(1[89]|20)\d\d\b", re.IGNORECASE)

_IRREGULAR = "died|hurt|left|slain|shot|held|taken|caught|lost|hit|fled|killed|took part|take part"
_PREDICATE = re.compile(
    rf"\bhow many\b(?:\s+[\w.’'-]+){{1,5}}?\s+(?:(?:were|was|are|is|got|have been|has been|had been)\s+)?"
    rf"((?:\w+ed|{_IRREGULAR})(?:\s+(?:his|her|their|its)\s+li(?:fe|ves))?)\b",  # "lost their lives"
    re.I,
)


def count_predicate(question: str) -> str | None:
    """What happened to the things counted: "How many soldiers were wounded?" -> "wounded".

    Example:
        >>> count_predicate("How many Guard troops died in the reprisals?")
        'died'
        >>> count_predicate("How many Guard troops lost their lives?")
        'lost their lives'
    """
    match = _PREDICATE.search(_plain(question))
    return match.group(1).lower() if match else None


def count_event(question: str) -> str | None:
    """What :func:`count_predicate` says happened, when that is the whole of it: not "left"
    of "How many travelers were left stuck?" (a state follows, which a figure's own verb
    seldom repeats: "left hundreds stranded")."""
    predicate = count_predicate(question)
    if not predicate:
        return None
    after = re.search(rf"\b{re.escape(predicate)}\b\W*(\w*)", _plain(question), re.I)
    following = after.group(1) if after else ""
    entry = readings(following.lower()) if following.islower() else {}
    state = bool(_OWN_PAST.fullmatch(following)) or ("ADJ" in entry and "ADV" not in entry)  # "stuck"
    return None if state else predicate  # not "yesterday", "on Sunday", "overall"


_CATENATIVE = re.compile(r"\b(?:end(?:ed|s)?|w(?:ou|i)nds?|wound)\s+up\s+(?:being\s+(\w+ed)\b|(\w+ing)\b)", re.I)


def _plain(question: str) -> str:
    """``question`` with "ended up doing" said plainly ("How many ended up dying?" -> "How
    many died?", "ended up being killed" -> "were killed"): what happened is the later verb."""
    def past(match: re.Match[str]) -> str:
        if match.group(1):
            return f"were {match.group(1)}"
        from lemminflect import getInflection  # 0.1 s to import: only for such a question

        lemma = readings(match.group(2).lower()).get("VERB", (match.group(2),))[0]
        return (getInflection(lemma, tag="VBD") or (match.group(2),))[0]
    return _CATENATIVE.sub(past, question)


_COUNT_PHRASE = re.compile(r"\bhow many\s+([^?,;:—]+)", re.I)
_NOUN_PHRASE_END = re.compile(
    rf"(?:{AUXILIARIES}|{PREPOSITIONS}|{_IRREGULAR}|took|made|gave|went|came|saw|got|ran|fell|"
    r"remain|remained|and|or|that|who|which)", re.I)
# What follows a verb rather than a noun (or nothing): "buses burned on Sunday", not "masked armed men".
_VERB_NEXT = re.compile(rf"|(?:{AUXILIARIES}|{PREPOSITIONS}|the|a|an|his|her|its|their|this|that)", re.I)
_PART = re.compile(r"of\s+(?:the|them|those|these)\b", re.I)  # "six of the attacks"; not "200 of its stores"
_PART_OF = re.compile(rf"{_PART.pattern}[^?]*?\s+(?:were|are|was|is)\s+(?!\w+ed\b)(.+)", re.I)
_COPULA_NOUN = re.compile(r"(?:were|are|was|is)\s+(?!\w+ed\b)(([A-Za-z]+).*)", re.I)  # "how many were civilians?"
_WHOLE_OF = re.compile(r"^of\s+(?:the|those|these)\s+", re.I)  # "of the attacks": the whole a part is of
_GENERIC_COUNTS = {"people", "persons", "individuals", "times", "others"}  # count anything
_NUMBER_OF = re.compile(r"\b(?:number|total|toll|count)\s+of\s+((?:[\w’'-]+\s+){1,3})", re.I)
_CLAUSE_BREAK = re.compile(r"[;:—]|,\s+and\b|,?\s+\b(?:but|while|although|whereas)\b", re.I)  # its clause
_WINDOWS = Scoring().windows  # the configured defaults


def counted(question: str) -> set[str]:
    """What a "how many" question counts, as canonical terms of its noun phrase ("How many
    Guard troops died?" -> {"guard", "troop"}); empty when it counts people in general or is
    not a count.

    Example:
        >>> sorted(counted("How many crew members died when it was hit?"))
        ['crew', 'member']
    """
    return canonical_terms(" ".join(count_phrase(question)).lower())


def count_phrase(question: str) -> list[str]:
    """The words of what a "how many" question counts, as written ([] for people in general);
    of a part, what the part is ("How many of the dead were civilians?" -> ["civilians"]), or
    the whole when the part is a place ("How many of the attacks were in Jalisco?": attacks)."""
    match = _COUNT_PHRASE.search(_plain(question))
    if not match:
        return []
    counted_part = _PART_OF.match(match.group(1)) or _counted_after_copula(match.group(1))
    phrase = _noun_phrase_at((counted_part or match).group(1))
    if counted_part and not phrase:  # "How many of the attacks were in Jalisco?": attacks, wherever
        phrase = _noun_phrase_at(_WHOLE_OF.sub("", match.group(1)))
    return [] if not phrase or phrase[-1].lower() in _GENERIC_COUNTS else phrase


def asks_a_part(question: str) -> bool:
    """Whether a "how many" question counts a part of something ("How many of the attacks were
    in Jalisco?"), not a whole ("How many blockades were reported?")."""
    match = _COUNT_PHRASE.search(question)
    return bool(match and _PART.match(match.group(1)))


def counted_where(question: str) -> str:
    """The place a part of a count is in ("in Jalisco" of "How many of the attacks were in
    Jalisco?"), which the answering sentence must say; empty otherwise."""
    match = _COUNT_PHRASE.search(question)
    part = _PART_OF.match(match.group(1)) if match else None
    return part.group(1).strip() if part and re.match(r"(?:in|at|near|outside)\s+[A-ZÁÉÍÓÚÑ]", part.group(1)) else ""


def _counted_after_copula(asked: str) -> re.Match[str] | None:
    """What "how many were civilians?" counts: a noun after the copula, or a name ("were
    Americans"); not "were back by Tuesday", "were run over", "were cut"."""
    match = _COPULA_NOUN.match(asked)
    word = match.group(2) if match else ""
    kinds = readings(word.lower())
    noun = "NOUN" in kinds and not {"ADV", "ADJ", "VERB"} & set(kinds)
    return match if word[:1].isupper() or noun else None


def _noun_phrase_at(text: str) -> list[str]:
    """The words of the noun phrase ``text`` begins with (up to six)."""
    phrase: list[str] = []
    words = [w.strip(".’'\"“”") for w in text.split()[:6]]
    for word, after in zip(words, [*words[1:], ""]):
        if (_NOUN_PHRASE_END.fullmatch(word) or (phrase and word.endswith("ed") and _VERB_NEXT.fullmatch(after))
                or (phrase and set(readings(word.lower())) == {"ADV"}  # "troops actually died", not
                    and "NOUN" in readings(phrase[-1].lower()))):  # "very badly damaged buses"
            break  # "were", "of", "died", or a verb after the noun ("buses burned on Sunday")
        phrase.append(word)
    return phrase


def bound_numbers(sentence: str, head: set[str], every: bool = False,
                  windows: tuple[int, int] = _WINDOWS, parts: set[str] | None = None,
                  happened: frozenset[str] = frozenset(), noun: Callable[[str], bool] | None = None,
                  common: frozenset[str] = frozenset()) -> set[float]:
    """The figures of ``sentence`` that count ``head``: the noun is within a few words of
    the figure ("25 members of the National Guard", "the death toll rose to 73"); with
    ``every``, all of ``head``'s terms are ("Guard members", not "cartel members"). With
    ``parts`` (a whole count's other terms), a part of them counts only when its clause says
    one of those terms (:func:`_says_any`): "229 of the blockades had been removed" is no count
    of the blockades reported on Sunday; "Six of those attacks took place in Jalisco" counts the
    attacks in Jalisco.
    ``windows``: how many words either side, and before "the number of X ... to nine"
    (``Scoring.count_window``, ``Scoring.number_of_window``). With ``happened`` (the terms of
    what a question asks happened to them: "killed"), a figure whose own clause says something
    else happened (:func:`figure_clause`: "three soldiers being wounded") counts nothing; nor
    one whose own words of what it counts do not say the ``noun`` asked ("30 suspected members
    of organised crime" for "members of the security forces"). Terms of ``head`` also in
    ``common`` (kinds WordNet gives of the noun asked) count only as words in lower case: "guard"
    of "soldiers" is not the name "National Guard".

    Example:
        >>> bound_numbers("More than 30 blockade points and 16 burning buses.",
        ...               counted("How many buses burned?"))
        {16.0}
        >>> bound_numbers("It brought the number of police officers killed in the attack to nine.",
        ...               counted("How many police officers died?"))
        {9.0}
    """
    found: set[float] = set()
    blanked = _COMPOUND.sub(lambda m: m.group().replace(" ", "_").replace("-", "_"), sentence)
    dates = [m.span() for m in _DATE.finditer(blanked)]  # "on Sunday, 22 February, as helicopters carrying
    for match in (*_DIGITS.finditer(blanked), *_COMPOUND_OR_WORD.finditer(blanked)):  # troops": no count
        if any(start <= match.start() < end for start, end in dates):
            continue
        preceding = blanked[:match.start()].split()[::-1]  # nearest first
        before = _up_to_figure(preceding, windows[0])
        after = _up_to_figure(blanked[match.end():].split(), windows[0])
        if parts is not None and _PART.match(" ".join(after[:2])) and not _says_any(parts, blanked, match):
            continue
        leading = " ".join(_up_to_figure(preceding, windows[1])[::-1])
        of = _NUMBER_OF.search(_CLAUSE_BREAK.split(leading)[-1])  # "brought the number of X ... to nine":
        raised = bool(of) and preceding[:1] == ["to"]  # X alone counts, not the words before "to"
        opens = [] if raised else [i == len(preceding) - 1 for i in range(len(before))]  # the sentence's
        words = ([] if raised else before) + after + (of.group(1).split() if of else [])  # first word: no name
        terms = [(_word_terms(w), _capitalised(w) and not (i < len(opens) and opens[i])) for i, w in enumerate(words)]
        near = set().union(*(t for t, _ in terms))
        named = set().union(*(t for t, name in terms if name)) - set().union(*(t for t, name in terms if not name))
        near -= named & common  # "25 members of the National Guard": no guard to count soldiers by
        if not ((head <= near) if every else bool(head & near)):
            continue
        counts, event = figure_clause(blanked[match.end():], acted_on=_acted_on(preceding))
        if (not happened or not event or canonical_terms(event) & happened) and (noun is None or noun(counts)):
            found |= numbers_in(match.group().replace("_", "-"))
    return found


_QUOTES = " “\"'‘("


def _capitalised(word: str) -> bool:
    """Whether ``word`` begins with a capital, quotes and brackets aside ("“Guard”")."""
    return word.lstrip(_QUOTES)[:1].isupper()


_OWN_AUX = re.compile(r"(?:were|was|are|is|be|been|being|got|had|has|have|reportedly)", re.I)
_OWN_PAST = re.compile(rf"(?:[a-z]+ed|died|{_IRREGULAR})", re.I)


def figure_clause(after: str, acted_on: bool = False) -> tuple[str, str]:
    """The clause a figure begins, read from the text ``after`` it: the words of what it counts
    and what it says happened to them, its verb phrase ("Mexican soldiers", "being wounded in the"
    of "three Mexican soldiers being wounded in the gunfight"; "buses", "burned on Sunday" of "16
    buses burned on Sunday"). The verb is empty when none comes before a break, a relative
    clause ("12 suspects who were involved") or another figure, or when it is a light or
    reporting one ("73 were reported", which any event may follow) or leads to a state ("were
    left stranded"). When a verb comes right before the figure (``acted_on``: "burned 16 buses
    parked in the depot"), a participle after its noun describes the noun, and is no verb.

    Example:
        >>> figure_clause(" Mexican soldiers being wounded in the gunfight")
        ('Mexican soldiers', 'being wounded in the')
        >>> figure_clause(" soldiers stationed in Jalisco were killed")  # "stationed": a participle of the noun
        ('soldiers stationed in Jalisco', 'were killed')
    """
    clause = _OWN_CLAUSE_END.split(after, maxsplit=1)[0]
    if acted_on:  # "arrested 12 suspects who were involved": the relative clause describes them
        clause = _RELATIVE.split(clause, maxsplit=1)[0]
    words = [w.strip(".’'\"“”!?") for w in _RELATIVE.sub(" ", clause).split()[:12]]  # "3 soldiers who died"
    end = next((i for i, w in enumerate(words) if _DIGITS.search(w) or _COMPOUND_OR_WORD.fullmatch(w)), len(words))
    words = words[:end]  # not another figure's: "25 Guard members and 2 soldiers were killed"
    bare = None  # a participle right after the noun: the verb, unless an auxiliary's comes later
    for i, word in enumerate(words):
        if _OWN_AUX.fullmatch(word):
            at = i + 1
            while at < len(words) and _OWN_AUX.fullmatch(words[at]):  # "had been wounded"
                at += 1
            if at < len(words) and _OWN_PAST.fullmatch(words[at]):
                return " ".join(words[:i]), _event_or_none(words[i:at + 3])  # "were killed in the"
            break
        following = words[i + 1] if i + 1 < len(words) else ""
        if (bare is None and not acted_on and i and word.islower() and _OWN_PAST.fullmatch(word)
                and _VERB_NEXT.fullmatch(following.lower())):  # "died in the fighting"; not "30 suspected members"
            bare = i
    if bare is not None:
        return " ".join(words[:bare]), _event_or_none(words[bare:bare + 3])
    return " ".join(words), ""


def _acted_on(preceding: list[str]) -> bool:
    """Whether a verb in the past comes right before a figure (``preceding``: the words before
    it, nearest first), an amount aside: "killed at least 25", "cancelled some 261"."""
    words = [w for w in preceding[:4] if w.lower() not in _AMOUNT_WORDS]
    return bool(words) and words[0].islower() and bool(_OWN_PAST.fullmatch(words[0]))  # not "killed, 25"


_AMOUNT_WORDS = frozenset("at least more than about some nearly over almost around roughly an estimated".split())
# a figure's clause ends at a break or a contrast; a relative pronoun opens the verb of its noun
_OWN_CLAUSE_END = re.compile(r"[,;:—()]|\b(?:while|whereas)\b", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|that)\b", re.I)


def _event_or_none(words: list[str]) -> str:
    """The verb phrase ``words`` say (an auxiliary, the verb and what follows: "were shot dead
    in", which the lexicon reads as "killed"), or empty when its verb is light, reports, or
    leads to a state ("were left stranded")."""
    verbs = [w for w in words if not _OWN_AUX.fullmatch(w)]
    verb = verbs[0].lower() if verbs else ""
    state = len(verbs) > 1 and _OWN_PAST.fullmatch(verbs[1]) and not _VERB_NEXT.fullmatch(verbs[1])  # "left stranded"
    if verb in passed_over() or state:
        return ""
    return " ".join(words)


@lru_cache(maxsize=8192)  # the same words come back in every sentence and question
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(canonical_terms(word))


_WHOLE = frozenset("all both each every".split())  # "All 12 of the gunmen": all of them
_CAPITALISED = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\w’'-]+")


def _says_any(terms: set[str], text: str, figure: re.Match[str]) -> bool:
    """Whether the clause of a part ("229 of the blockades ...") says one of ``terms``: after it,
    or in a name before it ("In Jalisco, six of the attacks ..."; not a day, "on Sunday"), or
    whether it is a whole ("all 12 of the gunmen")."""
    preceding = text[:figure.start()]
    if preceding.split()[-1:] and preceding.split()[-1].lower() in _WHOLE:
        return True
    names = " ".join(w for w in _CAPITALISED.findall(_CLAUSE_BREAK.split(preceding)[-1]) if not is_time_name(w))
    return bool(terms & (canonical_terms(_CLAUSE_BREAK.split(text[figure.end():])[0]) | canonical_terms(names)))


def _up_to_figure(words: list[str], window: int) -> list[str]:
    """The first few ``words``, stopping at another figure (which counts something else)."""
    out = []
    for word in words[:window]:
        if _DIGITS.search(word) or _COMPOUND_OR_WORD.fullmatch(word.strip(".,;:")):
            break
        out.append(word)
    return out


def figures_in(text: str) -> set[float]:
    """The counts and amounts of ``text``: its numbers, dates and clock times aside.

    >>> sorted(figures_in("By Monday, 23 February, at 8 p.m., 73 had died since 2024."))
    [73.0]
    """
    return numbers_in(_DATE.sub(" ", TIME_ONLY_YEARS.sub(" ", text)))


@lru_cache(maxsize=4096)  # a passage is read again for each of its sentences
def date_numbers(text: str) -> frozenset[float]:
    """The numbers of the calendar dates ``text`` names (days, and a year given with them).

    >>> sorted(date_numbers("cancelled over 22 and 23 February, 261 flights"))
    [22.0, 23.0]
    """
    return frozenset(n for match in _CALENDAR.finditer(text) for n in numbers_in(match.group()))


def without_dates(text: str) -> str:
    """``text`` with its calendar dates blanked ("the 4 suspects on 4 March" keeps one 4)."""
    return _CALENDAR.sub(" ", text)


def numbers_in(text: str) -> set[float]:
    """The numbers ``text`` states, digits or words, each on its own (``$15 million`` -> {15, 1e6}).

    >>> sorted(numbers_in("$15 million and twenty-five"))
    [15.0, 25.0, 1000000.0]
    """
    found: set[float] = set()
    for match in _DIGITS.finditer(text):
        raw = match.group().lstrip("$").replace(",", "")
        try:
            found.add(float(raw))
        except ValueError:
            continue
    for match in _COMPOUND.finditer(text):  # "twenty-five" is 25, not 20 and 5
        found.add(float(_NUMBER_WORDS[match.group(1).lower()] + _NUMBER_WORDS[match.group(2).lower()]))
    for match in _NUMBER_WORD.finditer(_COMPOUND.sub(" ", text)):
        found.add(float(_NUMBER_WORDS[match.group().lower()]))
    return found


def digits_for_number_words(text: str) -> str:
    """``text`` with number words up to ninety-nine written as digits ("twenty-five" -> "25")."""
    text = _COMPOUND.sub(lambda m: str(_NUMBER_WORDS[m.group(1).lower()]
                                       + _NUMBER_WORDS[m.group(2).lower()]), text)
    return _SMALL_NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group().lower()]), text)


def without_numbers(text: str) -> str:
    """``text`` with its numbers (digits and number words) blanked out."""
    return _NUMBER_WORD.sub(" ", _COMPOUND.sub(" ", _DIGITS.sub(" ", text)))
