"""What a question asks for (a number, person, place or time) and whether a sentence holds one."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rag.figures import HOUR, TIME_ONLY_YEARS, date_numbers, numbers_in, without_dates
from rag.kinds import named_kind, names_of_kind, singular
from rag.places import names_place, says_common_place
from rag.asked import (asks_name, defining, gives_name, named_owner, named_thing, names_it, names_owned, noun_phrase,
                       says_the_same, without_names, without_referents)
from rag.events import PERFECT_SAID
from rag.speakers import SPEAKING, SPEAKS, speaker_named, topic_named
from rag.text import (AUXILIARIES, CONTEXT_JOIN, MONTHS, NAME_WORD, NICKNAME, PREPOSITIONS, WEEKDAYS,
                      canonical_terms, later_names, lexicon, readings, without_possessive)

AnswerType = Literal["number", "time", "place", "person"]

# Words between "what/which" and the noun that says what is asked: "which White House official".
_MOD = (
    r"(?:(?:is|was|are|were)\s+the\s+)?"
    rf"(?:(?!(?:{AUXILIARIES})\b)[\w.-]+\s+){{0,3}}?"
)
_QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("number", re.compile(
        r"\bhow (many|much|old|big|large|high|often|far(?!\s+(?:into|in|along|through)\b))\b|\b(what|which)\s+"
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

_TIME = re.compile(
    rf"\b({WEEKDAYS}|{MONTHS})\b|\b(1[89]|20)\d\d\b|\b(last|next|this|early|late) "
    r"(fall|autumn|spring|summer|winter|week|month|year|night|morning|weekend)\b|"
    r"\b(yesterday|today|tomorrow|tonight|overnight|dawn|midnight|noon)\b|\buntil\b|"
    rf"\bsince\b|{HOUR}|"
    r"\b\d+\s+(days?|weeks?|months?|years?|hours?)\b|"
    r"\bfurther notice\b",
    re.I,
)
_NAME = NAME_WORD


_PERSON = re.compile(  # "who" is answered by people, and by bodies ("the Mexican Army")
    rf"\b(President|Secretary|Minister|Gen\.|General|Sen\.|Senator|Gov\.|Governor|Mayor|"
    rf"Spokes\w+|Press Secretary|Director|Chief)\s+{_NAME}|(?<!^)(?<![.!?]\s)\b{_NAME}\s+(?:{_NAME}\s+)?{_NAME}\b|"
    rf"{NICKNAME}|\b{_NAME}\s+(?:{SPEAKING})\b|\b{_NAME},\s+who\b|"  # "Trevilla described", "Trevilla, who"
    rf"\b(said|wrote|told|urged|according to)\s+{_NAME}|"
    # a role stands for a person: "the bishop of Guadalajara called for calm"
    r"(?i:\b(the|a|its|their|his|her)\s+([a-z]+\s+)?(bishop|archbishop|cardinal|pope|governor|"
    r"mayor|president|minister|secretary|spokes(man|woman|person)|ambassador|senator|prosecutor|"
    r"attorney general|police chief|commander|officials|authorities|embassy)\b|"
    # "the official said", not "the official picture"
    r"\b(the|a|an|its|their|his|her)\s+([a-z]+\s+)?official(?=\s*[,.;:]|\s+(who|was|is|has|had|would|will|"
    r"could|did|does|said|told|spoke|wrote|gave|in|from|at|of|for|with|[a-z]+ed|[a-z]+s)\b))"
)



_TIME_PHRASE = re.compile(
    rf"\b(?:on|by|in|at|during|until|since|about|for|before|after)\s+(?:the\s+)?"
    rf"(?:{WEEKDAYS}|{MONTHS}|{HOUR[2:]})[^,;?—]*", re.IGNORECASE)


def last_time_phrase(text: str) -> re.Match[str] | None:
    """The last "on Sunday" / "by 8 p.m." / "in February" phrase of ``text``, if any.

    >>> last_time_phrase("What did the survey find about Sunday?").group()
    'about Sunday'
    """
    found = list(_TIME_PHRASE.finditer(text))
    return found[-1] if found else None


@lru_cache(maxsize=256)  # called once per candidate sentence with the same question
def question_type(question: str) -> AnswerType | None:
    """The kind of answer ``question`` asks for, or ``None`` for open questions.

    Example:
        >>> question_type("How many National Guard members were killed?")
        'number'
    """
    unranked = _RANK.sub(" ", question)
    for kind, pattern in _QUESTION_PATTERNS:
        if pattern.search(unranked) and not (kind in ("person", "place") and _ACCOUNT.match(question)
                                             and not _WH_ASKED.search(question)):
            return kind
    return None


# "his number two", "the cartel's number 2": a rank (second-in-command), not a figure asked or stated
_RANK = re.compile(r"\b(?:[\w-]+(?:'s|’s)|his|her|their|its|the)\s+number\s+(?:one|two|three|[1-3])\b", re.I)


# "What happened to his son who was his number two?", "How did the army find out where he was?":
# accounts; a "who" or "where" in them opens a relative clause or an indirect question, unless a
# part asks it ("…, and who was El R1?")
_ACCOUNT = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:why|how|what\s+(?:happened|became))\b", re.I)
_WH_ASKED = re.compile(r"(?:[;—]|\b(?:and|or))\s+(?:who(?:m|se|'s|’s)?|where)\b", re.I)  # not ", who": a
# relative clause set off by commas ("What happened to Rubén, who was his number two?")


_AGE_Q = re.compile(r"\bhow old\b|\bwhat age\b|\bage\b", re.I)
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\b\d{1,3}-year-old\b", re.I)
# "How far is Tapalpa (from Guadalajara)?", not "How far did occupancy fall (from its peak)?" (a degree)
_DISTANCE_Q = re.compile(r"\bhow far\s+(?:away\s+)?(?:is|was|are|were|from)\b|\bdistance\s+(?:between|from|to)\b", re.I)
_DISTANCE = re.compile(r"\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s?|miles?|metres?|meters?)\b|"  # "130 kilometres"
                       r"\b(?:an?|one|two|three|four|five|six|\d+)(?:[- ]and[- ]a[- ]half)?[- ](?:hours?|minutes?)"
                       r"(?:[- ]long|\s+and\s+a\s+half)?\s+(?:by\s+(?:road|car|air)|(?:drive|flight|ride|away)\b|"
                       r"from\s+(?:the\s+)?(?-i:[A-ZÁÉÍÓÚÑ]))",
                       re.I)  # "two hours by road", "a two-hour drive", "90 minutes from"
_MONEY_Q = re.compile(r"\bhow much\b|\bamount\b|\bsum\b", re.I)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(million|billion)?\s*(dollars|pesos|euros|usd|mxn)\b",
                    re.I)
_MONEY_SPAN = re.compile(r"[$€£]\s?\d[\d,.]*(\s*(million|billion|thousand))?", re.I)
_DURATION_Q = re.compile(r"\bhow long\b|\bfor how many (minutes|hours|days|weeks|months|years)\b", re.I)
_DURATION = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|\w+-\w+)\s+"
    r"(minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)\b|"
    # "since 2009", "until Tuesday"; not "since the operation"
    rf"\b(?:until|since)\s+(?:(?:early|late|mid-?|last|next|the|this)\s*){{0,2}}(?:{WEEKDAYS}|{MONTHS}|\d+|"
    r"then|now|today|tonight|tomorrow|yesterday|midnight|noon|dawn|dusk|morning|afternoon|evening|night|"
    r"weekend|week|month|year|end|start)(?!\w)|"
    r"\bfurther notice\b|\ball (day|night|week)\b|\bovernight\b", re.I)
# "What time did it begin?" asks the hour or the part of the day, not the date.
_CLOCK_Q = re.compile(r"\bwhat time\b(?!\s+(?:of\s+(?:the\s+)?year|frame|period|zone))|\btime of (the )?day\b|"
                      r"\bat what hour\b|\bwhat hour\b", re.I)
_CLOCK = re.compile(
    rf"{HOUR}|\b\d{{1,2}}h\b|"
    r"\b(morning|afternoon|evening|night|nightfall|dawn|daybreak|dusk|noon|midday|midnight|"
    r"overnight|sunrise|sunset)\b", re.I)
# "On what date ...?" asks a day of a month (or a month of a year), not "last fall" or "Sunday".
_DATE_Q = re.compile(r"\b(?:what|which)\s+(?:exact\s+)?date\b", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:{MONTHS})\s+(?:of\s+)?(?:1[89]|20)\d\d\b", re.I)  # "March 2025": a date too
# "What did the governor say?" is answered by reported speech, not by what happened.
_SPEECH_Q = re.compile(r"\bwhat did\b.*\b(say|tell|write|post|announce|claim)\b|\bsay anything\b", re.I)
_SPEECH = re.compile(rf"{SPEAKS.pattern}|\bstatement\b|[“\"]", re.I)  # "did not respond" answers too
_PERCENT_Q = re.compile(r"\bpercent|\bpercentage\b|\bshare\s+of\b|\b(?:what|which)\s+(?:\w+\s+)?share\b|"
                        r"\bproportion\b", re.I)  # not "share" the verb: "countries share a border"
_PERCENT = re.compile(r"\d\s?%|\bpercent\b", re.I)
# "99 of the incidents", "six of them": a part of a whole counted
_PART_OF = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|most|"
                      r"many)\s+of\s+(?:the|those|these|them|its|their)\b", re.I)
_LABEL = re.compile(r"\b(?:article|game|match|line|day|week|phase|stage|round|section|chapter|page|gate|route|"
                    r"number|no\.)\s+$", re.I)  # "article 19 of the constitution": a label, no part


def _part_of(sentence: str) -> bool:
    """Whether ``sentence`` counts a part of a whole ("99 of the incidents were in Jalisco")."""
    return any(not _LABEL.search(sentence[: m.start()]) for m in _PART_OF.finditer(sentence))


def fits(question: str, sentence: str, title: str = "", context: str = "", before: str = "",
         known: str = "") -> bool:
    """Finer checks than :func:`holds`: the figures a question names, ages, money, percentages,
    a name it asks for (:func:`rag.asked.gives_name`) given for what it names (in ``sentence``
    or the one ``before`` it: "Three soldiers died. They were ..."; not a name of ``known``, a
    follow-up's carried context: "What are their names — did anybody die with El Mencho?"
    is not answered by "El Mencho"), and for "who", a person
    it does not name.

    A sentence dated only in the year a question asks before ("What was the reward before it was
    raised in 2024?") gives the later state, not the earlier.

    A sentence cannot answer "What was the reward raised to in 2025?" unless it (or the
    ``title`` of its document: "revisiting the attack of 1 May 2015") says 2025; a calendar
    date ("on 4 March") may instead be in ``context``, the paragraph around the sentence;
    nor "How old was he?" with a count of dead, nor "How long did it last?" without a duration.

    Example:
        >>> fits("How old was El Mencho?", "Seven cartel members were killed.")
        False
    """
    asked, dated = numbers_in(_RANK.sub(" ", without_dates(question))), date_numbers(question)
    bound = _BEFORE_YEAR.search(question)  # "the reward before it was raised in 2024": not the 2024 one
    if bound and _years(sentence) and _years(sentence) <= {float(bound.group(1))} and not re.search(
            rf"\b(?:before|until|till|prior\s+to)\s+(?:\w+\s+){{0,2}}{bound.group(1)}\b", sentence, re.I):
        return False  # (unless it says what held until then)
    asked = asked - {float(bound.group(1))} if bound else asked  # and an earlier year will do
    if asked and not asked <= numbers_in(sentence) | _years(title):
        return False
    if dated and not _dates_met(dated, date_numbers(sentence) | date_numbers(context) | date_numbers(title)):
        return False  # a date is often said once, early in the paragraph (``context``)
    if _DURATION_Q.search(question):
        return bool(_DURATION.search(sentence))
    if _CLOCK_Q.search(question):
        return bool(_CLOCK.search(sentence))
    if _DATE_Q.search(question) and not (date_numbers(f"{sentence} {context}") or _MONTH_YEAR.search(sentence)):
        return False  # "On what date last fall ...?": a day of a month (maybe the paragraph's), not "last fall"
    if (_SPEECH_Q.search(question) or PERFECT_SAID.search(question)) and not (_SPEECH.search(sentence)
                                           and speaker_named(question, f"{before} {sentence}")
                                           and topic_named(question, sentence)):
        return False
    kind = question_type(question)
    if not _says_what_is_asked(question, kind, sentence, before):
        return False
    if asks_name(question) and kind != "place" and not gives_name(without_names(sentence, f"{question} {known}")):
        return False  # "What were the names of the seven others?": a sentence naming none
    blanked = without_referents(without_names(sentence, question), question) if kind == "person" else sentence
    if blanked != sentence:  # "Who will take over from El Mencho?": not a sentence naming only him,
        return holds(blanked, kind)  # nor the cartel he led
    if kind == "place" and _PLACE_KIND_Q.search(question):  # "In what town ...?": a named place,
        others = _unplaced_names(question)  # not "of El Mencho" of "In what town did the raid on
        return names_place(without_names(sentence, others) if others else sentence)  # El
        # Mencho happen?"; "Which town in Jalisco ...?" keeps Jalisco
    if kind != "number":
        return True
    if _AGE_Q.search(question):
        return bool(_AGE.search(sentence))
    if _DISTANCE_Q.search(question):  # "How far is Tapalpa?": not a count or a date
        return bool(_DISTANCE.search(sentence))
    if _PERCENT_Q.search(question):  # a share is a percentage, or a part of a whole counted
        return bool(_PERCENT.search(sentence)) or _part_of(sentence)  # ("99 of the incidents")
    if re.search(r"\bhow many\b", question, re.I):
        return bool(numbers_in(_MONEY_SPAN.sub(" ", TIME_ONLY_YEARS.sub(" ", without_dates(sentence)))))
    if _MONEY_Q.search(question):
        priced = _PRICED.match(question)  # "How much are tickets?": a sum for tickets ("How
        thing = priced.group(1) if priced and not re.search(r"ing\b", priced.group(1)) else ""  # much
        head, modifiers = noun_phrase(thing) if thing else ("", frozenset())  # losing?"
        return bool(_MONEY.search(sentence)) and (not head or says_the_same(f"{before} {sentence}", head, modifiers))
    return True


def _unplaced_names(question: str) -> str:
    """The names of ``question`` that it does not place anything in ("El Mencho" of "In what
    town did the raid on El Mencho happen?", not "Jalisco" of "Which town in Jalisco ...?"),
    as a text to blank them by (:func:`rag.asked.without_names`)."""
    kept = [without_possessive(name) for name, _, is_placed in later_names(question) if not is_placed]
    return " " + " and ".join(kept) if kept else ""  # "and": each stays a name of its own


_PRICED = re.compile(r"^\W*how much\s+(?:is|are|was|were)\s+(?:the\s+)?(.+?)(?=\s+(?:for|of|in|at|on|to|by|worth)\b|[?,]|$)",
                     re.I)


def _says_what_is_asked(question: str, kind: AnswerType | None, sentence: str, before: str = "") -> bool:
    """Whether ``sentence`` (with the one ``before`` it) says what ``question`` asks about,
    where its grammar names it by a noun: "When was El Mencho's funeral held?" (a funeral),
    "What was the name of the wounded officer?" (a wounded officer; and "Press Secretary" is
    not Mexico's defense secretary). The name of a town is a place's business. ("What was
    the outcome?", "What is the toll?": an aspect, which an answer seldom names, is not checked.)
    A name asked for a thing the sentence itself says stands beside it (:func:`rag.asked.names_it`)."""
    said = f"{before} {sentence}"
    held = _HELD.match(question)
    head, modifiers = noun_phrase(held.group(1)) if held else ("", frozenset())
    if head and not says_the_same(said, head, modifiers):
        return False
    if not asks_name(question) or kind == "place":
        return True
    head, modifiers = named_thing(question)
    if not head:
        return True
    if not (says_the_same(said, head, modifiers) and defining(modifiers) <= canonical_terms(said)):
        return False
    if names_owned(sentence, question):  # "Puerto Vallarta's Gustavo Díaz Ordaz International"
        return True
    if not says_the_same(sentence, head, frozenset()):  # said before: this one refers back to it
        return bool(_REFERS_BACK.search(sentence))  # not "García Harfuch said 30 ..."
    return names_it(sentence, head)


# a sentence taking up what the one before it said: a pronoun its subject ("She was ...", "Her
# name was ...") or object ("identified her as"), or "the victim"
_REFERS_BACK = re.compile(r"^\W*(?:(?:she|he|they)\b|(?:her|his|their)\s+names?\b)|"
                          r"\b(?:identified|named|listed)\s+(?:her|him|them)\b|\bthe\s+victims?\b", re.I)
_HELD = re.compile(r"^\W*(?:where|when)\s+(?:was|were|is|are|will)\s+(?:be\s+)?(.+?)\s+"
                   r"(?:held|staged|conducted|carried out|happening|happened|located|based|situated)\b", re.I)


def _dates_met(asked: frozenset[float], said: frozenset[float]) -> bool:
    """Whether the dates ``said`` meet those ``asked``: every year asked, and one of the days
    (a range, "22 and 23 February", is met by either day)."""
    years = {n for n in asked if n > 31}
    days = asked - years
    return years <= said and (not days or bool(days & said))


def _years(text: str) -> set[float]:
    return {float(y) for y in YEAR.findall(text)}


YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # a year of these centuries
_BEFORE_YEAR = re.compile(rf"\b(?:before|prior\s+to)\b[^?.;]{{0,80}}?({YEAR.pattern})", re.I)


def exacting(question: str) -> bool:
    """Whether :func:`precise` asks something of a sentence for ``question``: an hour, a weekday,
    a place of a kind, a thing of a named kind or an owner's named thing."""
    return bool(_CLOCK_Q.search(question) or _WEEKDAY_Q.search(question) or _DAY_Q.search(question)
                or named_owner(question)
                or _PLACE_KIND_Q.search(question) or named_kind(question))


_WEEKDAY_Q = re.compile(r"\b(?:what|which)\s+day\s+of\s+the\s+week\b", re.I)
_WEEKDAY = re.compile(rf"\b(?:{WEEKDAYS})\b", re.I)
# "What day did the raid happen?", "On which day ...?": a weekday or a date (not "Which day was the busiest?")
_DAY_Q = re.compile(r"\b(?:what|which)\s+(?:day|date)\s+(?:did|does|do|was|were|is|will|had)\b"
                    r"(?!\s+(?:the\s+)?(?:most\s+\w+|\w+est)\b)", re.I)


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
        return bool(_EXACT_HOUR.search(sentence))
    if _WEEKDAY_Q.search(question):  # "What day of the week ...?": "a Saturday operation"
        return bool(_WEEKDAY.search(sentence))
    if _DAY_Q.search(question):  # "What day did it happen?": "on Sunday, 22 February", not "weeks before"
        return bool(_WEEKDAY.search(sentence) or date_numbers(sentence))
    if named_owner(question):  # "the name of Puerto Vallarta's airport": "Puerto Vallarta's Gustavo Díaz
        return names_owned(sentence, question)  # Ordaz International", not "Both Jalisco airports"
    asked_kind = _PLACE_KIND_Q.search(question)  # "In what town ...?": not "the state of Jalisco"
    if asked_kind:
        wanted = singular(asked_kind.group(1))
        marks = [singular(m.group(1) or m.group(2)) for m in _PLACE_KIND.finditer(sentence)]
        if marks and wanted not in marks and not _UNMARKED_PLACE.search(_PLACE_KIND.sub(" ", sentence)):
            return False
    kind_of = named_kind(question)  # "Which cartel ...?": one the sentence names ("... Cartel")
    return not kind_of or bool(names_of_kind(kind_of, sentence))


_KINDS = r"(towns?|cit(?:y|ies)|villages?|municipalit(?:y|ies)|states?|countr(?:y|ies)|regions?)"
_PLACE_KIND_Q = re.compile(rf"\b(?:what|which)\s+{_KINDS}\b(?![’'])", re.I)  # not "which state's governor"
# a place name marked with its kind: "the state of Jalisco", "Jalisco state" (not "Mexico City")
_PLACE_KIND = re.compile(rf"\b(?i:{_KINDS})\s+of\s+{NAME_WORD}(?:\s+{NAME_WORD})*|"
                         rf"{NAME_WORD}(?:\s+{NAME_WORD})*\s+{_KINDS}\b")
_UNMARKED_PLACE = re.compile(rf"\b(?i:in|at|near)\s+{NAME_WORD}")




_EXACT_HOUR = re.compile(rf"{HOUR}|\b(?:noon|midday|midnight)\b", re.I)
_EVENT_AT_END = re.compile(  # "Where was El Mencho buried?", "To what date was it rescheduled?"
    rf"^\W*(?:(?:{PREPOSITIONS})\s+)?(?:where|when|(?:what|which)\s+(?:date|day|time|year|month|hour|"
    r"city|town|state|country|place))\s+(?:was|were|is|are|has|have|had)\s+.+?\s+"
    r"(\w+ed|born|hurt|slain|shot|taken|caught|lost|hit|seen|found|sent|built|given|struck|made)\s*\??\s*$", re.I)
# a clause after the event, saying when it happened ("... taken after they died")
_SUBORDINATE_AT_END = re.compile(r"\s+(?:after|before|when|while|once|until|since|because)\s+\w+\s+\w+.*$", re.I)
_PLANNED = re.compile(r"\b(?:supposed|scheduled|due|set|planned|meant|expected)\s+to\s+be\b", re.I)


def asked_event(question: str) -> str:
    """The event a where/when question (or "to what date", "in which city") asks about when it
    ends the question ("Where was El Mencho buried?" -> "buried"); empty for others and for
    light verbs ("Where was the raid conducted?" is asked of any sentence placing it).

    Example:
        >>> asked_event("Where was El Mencho buried?"), asked_event("Where was the raid held?")
        ('buried', '')
    """
    own = question.partition(CONTEXT_JOIN)[0]  # not a follow-up's carried context
    main = _SUBORDINATE_AT_END.sub("", own.rstrip(" ?"))  # "... taken after they died": taken
    match = _EVENT_AT_END.match(main + "?")
    if not match or _PLANNED.search(own):  # "supposed to be played": it may never have been
        return ""
    verb = match.group(1).lower()
    light = set(lexicon()["light_event_words"]) | set(lexicon()["light_verbs"])
    lemmas = set(readings(verb).get("VERB", ()))
    return "" if verb in light or lemmas & light else verb  # "Where was the raid held?", "Where was he taken?"


def holds(sentence: str, kind: AnswerType | None) -> bool:
    """Whether ``sentence`` contains something of the asked-for kind (always, for ``None``)."""
    if kind is None:
        return True
    if kind == "number":
        return bool(numbers_in(TIME_ONLY_YEARS.sub(" ", sentence)))
    if kind == "time":
        return bool(_TIME.search(sentence))
    if kind == "place":
        return names_place(sentence) or says_common_place(sentence)
    return bool(_PERSON.search(sentence))
