"""What a question asks for (a number, person, place or time) and whether a sentence holds one."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rag.text import AUXILIARIES, MONTHS, PREPOSITIONS, WEEKDAYS, canonical_terms, lexicon

AnswerType = Literal["number", "time", "place", "person"]

# Words between "what/which" and the noun that says what is asked: "which White House official".
_MOD = (
    r"(?:(?:is|was|are|were)\s+the\s+)?"
    rf"(?:(?!(?:{AUXILIARIES})\b)[\w.-]+\s+){{0,3}}?"
)
_QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("number", re.compile(
        r"\bhow (many|much|old|big|large|high|often)\b|\b(what|which)\s+"
        rf"{_MOD}(number|amount|sum|"
        r"percentage|share|proportion|figure|total|toll|size|rate|price|cost|age)\b|\bdeath toll\b|\bcount of\b", re.I)),
    ("time", re.compile(
        r"^\W*when\b|\b(what|which)\s+"
        rf"{_MOD}(day|date|year|month|week|time|hour|weekday)\b|"
        r"\buntil when\b|\bsince when\b|\bhow long\b|\bwhat time\b|\bon what day\b", re.I)),
    ("place", re.compile(
        r"^\W*where\b|\bwhere\b|\b(what|which)\s+"
        rf"{_MOD}(city|cities|town|towns|state|states|country|"
        r"countries|place|places|region|municipality|airport|airports|hospital|location|area)\b",
        re.I)),
    ("person", re.compile(
        r"^\W*who\b|\bwho(m|se)?\b|\b(what|which)\s+"
        rf"{_MOD}(official|leader|person|people|president|"
        r"minister|secretary|spokes\w+|man|woman|politician|commander|general)\b", re.I)),
]

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
_HOUR = r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b"
_TIME = re.compile(
    rf"\b({WEEKDAYS}|{MONTHS})\b|\b(1[89]|20)\d\d\b|\b(last|next|this|early|late) "
    r"(fall|autumn|spring|summer|winter|week|month|year|night|morning|weekend)\b|"
    r"\b(yesterday|today|tomorrow|tonight|overnight|dawn|midnight|noon)\b|\buntil\b|"
    rf"\bsince\b|{_HOUR}|"
    r"\b\d+\s+(days?|weeks?|months?|years?|hours?)\b|"
    r"\bfurther notice\b",
    re.I,
)
_NAME = r"[A-ZÁÉÍÓÚÑ][\w’'\-áéíóúñ]+"


def _alternatives(name: str) -> str:
    """A regex alternation of the lexicon's ``name`` list (its words matched literally)."""
    return "|".join(re.escape(word) for word in lexicon()[name])


_PERSON = re.compile(
    rf"\b(President|Secretary|Minister|Gen\.|General|Sen\.|Senator|Gov\.|Governor|Mayor|"
    rf"Spokes\w+|Press Secretary|Director|Chief)\s+{_NAME}|(?<!^)(?<![.!?]\s)\b{_NAME}\s+(?:{_NAME}\s+)?{_NAME}\b|"
    rf"“[^”]+”|\b{_NAME}\s+(said|wrote|told|urged|added|stated|announced)\b|"
    rf"\b(said|wrote|told|urged|according to)\s+{_NAME}|"
    # a role stands for a person: "the bishop of Guadalajara called for calm"
    r"(?i:\b(the|a|its|their|his|her)\s+([a-z]+\s+)?(bishop|archbishop|cardinal|pope|governor|"
    r"mayor|president|minister|secretary|spokes(man|woman|person)|ambassador|senator|prosecutor|"
    r"attorney general|police chief|commander|official|officials|authorities|embassy)\b)"
)
_PLACE = re.compile(
    rf"\b(in|at|from|near|to|across|outside|inside|namely|of|around|throughout|along|into|towards?|"
    rf"between|beyond|over)\s+(the\s+)?(state of\s+)?{_NAME}|"
    r"\b(the\s+)?(north|south|east|west|centre|center)(\s*-?\s*(east|west))?(ern)?\s+of\b|"
    rf"\b({_alternatives('places')})\b|"
    # "Where did she post it?": a platform is where a statement was made
    rf"\b(on|via)\s+({_alternatives('platforms')})\b"
)


_OVERVIEW = re.compile(
    r"^\W*(?:please\s+)?(?:summari[sz]e|sum up|outline|recap|describe|explain|give\s+(?:me\s+)?(?:an?\s+)?"
    r"(?:overview|summary|outline|rundown|recap)(?:\s+of)?|(?:an?\s+)?(?:overview|summary)\s+of|tell\s+me\s+about|"
    r"what\s+happened(?=\s+(?:in|at|during|after|on|since|when|there)\b|\W*$)|"
    r"how\s+did\s+.{3,80}\s+unfold)\b(?!\s+why\b)", re.IGNORECASE)


_TIME_PHRASE = re.compile(
    rf"\b(?:on|by|in|at|during|until|since|about|for|before|after)\s+(?:the\s+)?"
    rf"(?:{WEEKDAYS}|{MONTHS}|{_HOUR[2:]})[^,;?—]*", re.IGNORECASE)


def last_time_phrase(text: str) -> re.Match[str] | None:
    """The last "on Sunday" / "by 8 p.m." / "in February" phrase of ``text``, if any.

    >>> last_time_phrase("What did the survey find about Sunday?").group()
    'about Sunday'
    """
    found = list(_TIME_PHRASE.finditer(text))
    return found[-1] if found else None


def overview_subject(question: str) -> str:
    """An overview question without its request ("Summarize the raid." -> "the raid.").

    >>> overview_subject("Give an overview of the economic impact.")
    'the economic impact.'
    """
    return _OVERVIEW.sub("", question, count=1).strip()


def asks_overview(question: str) -> bool:
    """Whether ``question`` asks for a summary or an account rather than one fact.

    >>> asks_overview("Give an overview of the death toll."), asks_overview("Who led it?")
    (True, False)
    """
    return bool(_OVERVIEW.search(question))


@lru_cache(maxsize=256)  # called once per candidate sentence with the same question
def question_type(question: str) -> AnswerType | None:
    """The kind of answer ``question`` asks for, or ``None`` for open questions.

    Example:
        >>> question_type("How many National Guard members were killed?")
        'number'
    """
    for kind, pattern in _QUESTION_PATTERNS:
        if pattern.search(question):
            return kind
    return None


_AGE_Q = re.compile(r"\bhow old\b|\bwhat age\b|\bage\b", re.I)
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\b\d{1,3}-year-old\b", re.I)
_MONEY_Q = re.compile(r"\bhow much\b|\bamount\b|\bsum\b", re.I)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(million|billion)?\s*(dollars|pesos|euros|usd|mxn)\b",
                    re.I)
_MONEY_SPAN = re.compile(r"[$€£]\s?\d[\d,.]*(\s*(million|billion|thousand))?", re.I)
_DURATION_Q = re.compile(r"\bhow long\b|\bfor how many (minutes|hours|days|weeks|months|years)\b", re.I)
_DURATION = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|\w+-\w+)\s+"
    r"(minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)\b|\b(until|since)\b|"
    r"\bfurther notice\b|\ball (day|night|week)\b|\bovernight\b", re.I)
# "What time did it begin?" asks the hour or the part of the day, not the date.
_CLOCK_Q = re.compile(r"\bwhat time\b|\btime of (the )?day\b|\bat what hour\b|\bwhat hour\b", re.I)
_CLOCK = re.compile(
    rf"{_HOUR}|\b\d{{1,2}}h\b|"
    r"\b(morning|afternoon|evening|night|nightfall|dawn|daybreak|dusk|noon|midday|midnight|"
    r"overnight|sunrise|sunset)\b", re.I)
# "What did the governor say?" is answered by reported speech, not by what happened.
_SPEECH_Q = re.compile(r"\bwhat did\b.*\b(say|tell|write|post|announce|claim)\b|\bsay anything\b", re.I)
_SPEECH = re.compile(
    r"\b(said|says|told|tells|wrote|writes|posted|announced|stated|added|urged|called|described|"
    r"according to|declared|warned|asked|explained|insisted|praised|thanked|statement|"
    r"respond|responded|comment|commented|declined)\b|[“\"]", re.I)  # "did not respond" answers too
_PERCENT_Q = re.compile(r"\bpercent|\bpercentage\b|\bshare\b|\bproportion\b", re.I)
_PERCENT = re.compile(r"\d\s?%|\bpercent\b", re.I)


def fits(question: str, sentence: str, title: str = "") -> bool:
    """Finer checks than :func:`holds`: the figures a question names, ages, money, percentages.

    A sentence cannot answer "What was the reward raised to in 2025?" unless it (or the
    ``title`` of its document: "revisiting the attack of 1 May 2015") says 2025,
    nor "How old was he?" with a count of dead, nor "How long did it last?" without a duration.

    Example:
        >>> fits("How old was El Mencho?", "Seven cartel members were killed.")
        False
    """
    asked = numbers_in(question)
    if asked and not asked <= numbers_in(sentence) | numbers_in(title):
        return False
    if _DURATION_Q.search(question):
        return bool(_DURATION.search(sentence))
    if _CLOCK_Q.search(question):
        return bool(_CLOCK.search(sentence))
    if _SPEECH_Q.search(question) and not _SPEECH.search(sentence):
        return False
    if question_type(question) != "number":
        return True
    if _AGE_Q.search(question):
        return bool(_AGE.search(sentence))
    if _PERCENT_Q.search(question):
        return bool(_PERCENT.search(sentence))
    if re.search(r"\bhow many\b", question, re.I):
        return bool(numbers_in(_MONEY_SPAN.sub(" ", _TIME_ONLY_YEARS.sub(" ", sentence))))
    if _MONEY_Q.search(question):
        return bool(_MONEY.search(sentence))
    return True


def precise(question: str, sentence: str) -> bool:
    """Whether ``sentence`` gives the asked kind of answer exactly, not only roughly: an hour
    for "What time ...?" ("at about 2:30 p.m.", not "on Sunday evening"), a named one for
    "Which cartel ...?" ("the Jalisco New Generation Cartel", not "the cartel").

    Example:
        >>> precise("What time was it?", "It was postponed on Sunday evening.")
        False
        >>> precise("Which cartel did he lead?", "He led the Jalisco New Generation Cartel.")
        True
    """
    if _CLOCK_Q.search(question):
        return bool(re.search(_HOUR, sentence, re.I))
    kind = _WHICH_NOUN.search(question)  # "Which cartel ...?": one the sentence names ("... Cartel")
    if kind and not _AUXILIARY.fullmatch(kind.group(1)):
        noun = kind.group(1)
        return bool(re.search(rf"\b{_NAME}(?:\s+{_NAME})*\s+{noun[:1].upper()}{noun[1:]}s?\b", sentence))
    return True


_WHICH_NOUN = re.compile(r"\b(?:[Ww]hich|[Ww]hat)\s+([a-z]{3,})\b(?![’'])")  # "which cartel", not "which airline's flight"
_AUXILIARY = re.compile(rf"(?:{AUXILIARIES}|time|kind|type|sort|part|role|else|other|happened)", re.I)
_EVENT_AT_END = re.compile(  # "Where was El Mencho buried?", "To what date was it rescheduled?"
    rf"^\W*(?:(?:{PREPOSITIONS})\s+)?(?:where|when|(?:what|which)\s+(?:date|day|time|year|month|hour|"
    r"city|town|state|country|place))\s+(?:was|were|is|are|has been|have been|had been)\s+.+?\s+"
    r"(\w+ed|born|hurt|slain|shot|taken|caught|lost|hit|seen|found|sent|built|given|struck|made)\s*\??\s*$", re.I)
_PLANNED = re.compile(r"\b(?:supposed|scheduled|due|set|planned|meant|expected)\s+to\s+be\b", re.I)
_LIGHT_EVENTS = frozenset(  # "Where was the raid conducted?" is asked of any sentence placing it
    "based located situated held staged conducted carried happened occurred reported filmed".split())


def asked_event(question: str) -> str:
    """The event a where/when question asks about when it ends the question ("Where was El
    Mencho buried?" -> "buried"); empty for others and for light verbs ("conducted").

    Example:
        >>> asked_event("Where was El Mencho buried?"), asked_event("Where was the raid held?")
        ('buried', '')
    """
    match = _EVENT_AT_END.match(question)
    if not match or _PLANNED.search(question):  # "supposed to be played": it may never have been
        return ""
    verb = match.group(1).lower()
    return "" if verb in _LIGHT_EVENTS else verb


_IRREGULAR = "died|hurt|left|slain|shot|held|taken|caught|lost|hit|fled|killed"
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
    match = _PREDICATE.search(question)
    return match.group(1).lower() if match else None


_COUNT_PHRASE = re.compile(r"\bhow many\s+([^?,;:—]+)", re.I)
_NOUN_PHRASE_END = re.compile(
    rf"(?:{AUXILIARIES}|{PREPOSITIONS}|{_IRREGULAR}|took|made|gave|went|came|saw|got|ran|fell|"
    r"remain|remained|and|or|that|who|which)", re.I)
# What follows a verb rather than a noun (or nothing): "buses burned on Sunday", not "masked armed men".
_VERB_NEXT = re.compile(rf"|(?:{AUXILIARIES}|{PREPOSITIONS}|the|a|an|his|her|its|their|this|that)", re.I)
_GENERIC_COUNTS = {"people", "persons", "individuals", "times", "others"}  # count anything
_BINDING_WINDOW = 5  # words either side of a figure that say what it counts
_NUMBER_OF = re.compile(r"\b(?:number|total|toll|count)\s+of\s+((?:[\w’'-]+\s+){1,3})", re.I)
_NUMBER_OF_WINDOW = 15  # "the number of X ..." this far before a figure names what it counts


def counted(question: str) -> set[str]:
    """What a "how many" question counts, as canonical terms of its noun phrase ("How many
    Guard troops died?" -> {"guard", "troop"}); empty when it counts people in general or is
    not a count.

    Example:
        >>> sorted(counted("How many crew members died when it was hit?"))
        ['crew', 'member']
    """
    match = _COUNT_PHRASE.search(question)
    if not match:
        return set()
    phrase: list[str] = []
    words = [w.strip(".’'\"“”").lower() for w in match.group(1).split()[:6]]
    for word, after in zip(words, [*words[1:], ""]):
        if _NOUN_PHRASE_END.fullmatch(word) or (phrase and word.endswith("ed") and _VERB_NEXT.fullmatch(after)):
            break  # "were", "of", "died", or a verb after the noun ("buses burned on Sunday")
        phrase.append(word)
    if not phrase or phrase[-1] in _GENERIC_COUNTS:
        return set()
    return canonical_terms(" ".join(phrase))


def bound_numbers(sentence: str, head: set[str], every: bool = False) -> set[float]:
    """The figures of ``sentence`` that count ``head``: the noun is within a few words of
    the figure ("25 members of the National Guard", "the death toll rose to 73"); with
    ``every``, all of ``head``'s terms are ("Guard members", not "cartel members").

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
    for match in (*_DIGITS.finditer(blanked), *_COMPOUND_OR_WORD.finditer(blanked)):
        before = _up_to_figure(blanked[:match.start()].split()[::-1])
        after = _up_to_figure(blanked[match.end():].split())
        near = set().union(*(_word_terms(w) for w in before + after))
        leading = " ".join(_up_to_figure(blanked[:match.start()].split()[::-1], _NUMBER_OF_WINDOW)[::-1])
        of = _NUMBER_OF.search(leading)  # "brought the number of security personnel killed to nine"
        near |= set().union(*(_word_terms(w) for w in of.group(1).split())) if of else set()
        if (head <= near) if every else bool(head & near):
            found |= numbers_in(match.group().replace("_", "-"))
    return found


@lru_cache(maxsize=8192)  # the same words come back in every sentence and question
def _word_terms(word: str) -> frozenset[str]:
    return frozenset(canonical_terms(word))


def _up_to_figure(words: list[str], window: int = _BINDING_WINDOW) -> list[str]:
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
    return numbers_in(_DATE.sub(" ", _TIME_ONLY_YEARS.sub(" ", text)))


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


def holds(sentence: str, kind: AnswerType | None) -> bool:
    """Whether ``sentence`` contains something of the asked-for kind (always, for ``None``)."""
    if kind is None:
        return True
    if kind == "number":
        return bool(numbers_in(_TIME_ONLY_YEARS.sub(" ", sentence)))
    if kind == "time":
        return bool(_TIME.search(sentence))
    if kind == "place":
        return bool(_PLACE.search(sentence))
    return bool(_PERSON.search(sentence))


_MONTH_NAMES = "|".join(m[:1].upper() + m[1:] for m in MONTHS.split("|"))  # "30 may have" is no date
_DATE = re.compile(
    rf"\b\d{{1,2}}\s+(?:{_MONTH_NAMES})|\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b|"
    rf"\b(?:{_MONTH_NAMES})\s+(?:1[89]|20)\d\d\b|"
    rf"(?i:{_HOUR})")
# Years are times, not counts: "in 2024" alone does not answer "how many".
_TIME_ONLY_YEARS = re.compile(r"\b(in|since|until|by|of)\s+(1[89]|20)\d\d\b", re.IGNORECASE)
