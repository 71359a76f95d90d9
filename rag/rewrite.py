"""Follow-ups made standalone offline: pronouns, "there", fragments and bare question words
resolved from the earlier turn, or its subject carried after a dash."""

from __future__ import annotations

import re

from rag.asked import asks_name
from rag.figures import count_phrase
from rag.fragments import in_place_of
from rag.markers import MARKER
from rag.parts import asks
from rag.people import is_person_like
from rag.pronouns import (PASSAGE_BREAK, agreeing, answered_place, gender_of, named_in_full, person_named,
                          placed_there, possessor, titled, titled_otherwise, uses_pronoun)
from rag.text import (AUXILIARIES, CONTEXT_JOIN, PREPOSITIONS, WH_WORDS, canonical_terms, join_names, lexicon,
                      names_in, readings)

_PRONOUNS = frozenset(
    "it its they them their theirs he him his she her hers this that these those there then "
    "himself herself itself themselves one ones".split()
)
_OWN_QUESTION = re.compile(rf"^\s*(?:and|but)\s+(?:{WH_WORDS}|{AUXILIARIES})\b", re.I)
# a "who" that did something: not "Who did Sheinbaum thank?", nor who someone named is ("Who is El Menchito?")
_WHO_DID = re.compile(r"^\s*(?:and\s+)?(?i:who)\b(?!\s+(?i:did|does|do)\b)(?!\s+(?i:is|was|are|were)\s+[A-Z])")
_INTERJECTION = re.compile(r"^\W*(?:(?:ok(?:ay)?|wait|oh|hm+|ah|thanks)(?![-’'\w])|"
                           r"(?:right|well|great|cool)(?=\s*[,.!:;—–]))[\s,.!:;—–-]*", re.I)  # not "Well-known"
_LEAD = re.compile(r"^\s*(?:and|but|also|so|then|what about|how about|and what about)\b", re.I)
_WORDS = re.compile(r"[^\W\d_][\w’'-]*")
# a comparison with what was said before: "Did Canada do anything similar?", "Did the Pentagon
# say the same?", "Was Chapala hit too?" (not "anybody else", which "with El Mencho" may answer
# within the question, nor "instead of trucks", "the same death toll", "Were A and B similar?"; "Was
# the same true for Michoacán?", "Was the response similar?" are)
_COMPARED = re.compile(r"\b(?:anything|something|nothing)\s+(?:similar|like\s+(?:it|that))\b|\blikewise\b|"
                       r"\b(?:do|does|did|say|says|said|report|reported)\s+the\s+same\W*$|\bthe\s+same\s+(?:true|"
                       r"happen\w*)\b|^(?!.*\band\b).*\bsimilar\W*$|\b(?:too|as\s+well|instead)\W*$", re.I)
# Leading question words of an earlier question, dropped when it becomes context.
_ASKING = re.compile(
    rf"^\s*(?:(?:{PREPOSITIONS})\s+(?=(?:{WH_WORDS})\b))?(?:(?:how(?: many| much| long| far| old| big| often| soon)|"
    rf"(?:what|which) (?:time|day|date|year)|{WH_WORDS})\s+)?(?:(?:{AUXILIARIES})\s+)?", re.I)
_JOIN = CONTEXT_JOIN
_SECOND_PART = re.compile(rf",\s+(?:and|or)\s+(?:{WH_WORDS})\b[^—]*$", re.I)  # not "say when and where"
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(PREPOSITIONS.split("|"))
_NOT_A_NOUN = _PREPOSITIONS | frozenset(
    "about with that the a an if when whether what why how and or yesterday today tomorrow tonight "
    "again now then there here too also first last later earlier".split())
_FRAGMENT = re.compile(  # "And by Monday morning?", "What about the soldiers?": no verb of its own
    rf"^\s*(?:and|but|also|what about|how about|and what about)\s+(?!(?:{WH_WORDS}|{AUXILIARIES})\b)"
    rf"((?:(?!\b(?:{WH_WORDS})\b)[^?]){{1,80}})\?*\s*$", re.IGNORECASE)

_BARE = re.compile(  # a question word and nothing else: "Until when?", "And at what time?"
    rf"^\s*(?:and\s+|but\s+)?(?P<asked>(?:(?:{PREPOSITIONS})\s+)?(?:{WH_WORDS})(?:\s+(?:time|day|date|year|many|much|long|else))?)\s*\??\s*$",
    re.IGNORECASE)

_PLURAL_PRONOUN = re.compile(r"\b(?:they|them|their)\b", re.IGNORECASE)
_PLURAL_NOUN = re.compile(r"(?<![suiS’'])s$")  # "soldiers", "attacks"; not "press", "bus", "crisis"
# "did the Mexican soldiers fall (on Sunday)": a plural, then the verb, then at most a phrase of time or place
_PLURAL_SUBJECT = re.compile(rf"^the\s+((?:[\w’'-]+\s+){{0,3}}?[\w’'-]+(?<![suiS’'])s)\s+[a-z]+"
                             rf"(?:\s+(?:{PREPOSITIONS})\b[^?]*)?\s*\??\s*$", re.I)
_CARRIED_SUBJECT = re.compile(rf"^\s*((?:(?!(?:{AUXILIARIES})\b)[\w’'.-]+\s+){{1,6}}?)(?:{AUXILIARIES})\b", re.I)
_ASKED_NOUN = re.compile(
    rf"^\s*(?:(?:{PREPOSITIONS})\s+)?(?:how\s+many|which|what)\s+((?![\w’'-]+ed\s)[\w’'-]+(?:\s+[\w’'-]+)?)\s*\??\s*$", re.I)
# "What was the State Department telling ...?": a subject, then what it was doing
_DOING = re.compile(  # a subject word (not "the"), then a verb in -ing (not "doing") with an object
    rf"^\s*(?:the\s+)?(?!the\b)[\w’'.-]+\s+(?:[\w’'.-]+\s+){{0,3}}?(?!doing\b|during\b)[a-z]{{2,}}ing\s+"
    rf"(?!(?:{PREPOSITIONS}|about|into|over)\b)[\w“\"]", re.I)
_FRAGMENT_WORDS = 3  # an earlier "What about soldiers?" searched as "soldiers — ...": a fragment
_THING_PRONOUN = re.compile(r"\bit\b", re.IGNORECASE)  # "Was it played?" (not "that": an event)
_WHICH_ONE = re.compile(r"^\W*(?:and\s+)?(which|what)\s+ones?\b"
                        r"(?=\s+(?:is|was|are|were|has|had|did|does|do|of)\b|\W*$)", re.I)  # not "what one thing"
_COUNT = re.compile(r"^\s*how\s+(?:many|much)\b", re.IGNORECASE)
# "How many were back by Tuesday?": a count that leaves out what it counts
_UNCOUNTED = re.compile(rf"^\s*(?:and\s+)?how\s+many\s+(?=(?:{AUXILIARIES})\b)", re.IGNORECASE)
_HOW_MANY = re.compile(r"^\s*how\s+many\b", re.IGNORECASE)
# "What did Sheinbaum say ...?": the capitalised words after the auxiliary, then the verb
_CAPITALISED = r"[A-ZÁÉÍÓÚÑ][^\s?’']*"
_SUBJECT = re.compile(rf"^\s*(?i:{WH_WORDS})(?:\s+[a-z]+)?\s+(?i:{AUXILIARIES})\s+"
                      rf"({_CAPITALISED}(?:\s+{_CAPITALISED})*)\s+([a-z]+)")
_CLAUSE = re.compile(  # "Which airline's first flight ... was scheduled for Tuesday?"
    rf"^\s*(?:(?:{PREPOSITIONS})\s+)?(?:how\s+(?:many|much|long)|{WH_WORDS})\s+(?P<noun>(?:(?!(?:{AUXILIARIES})\b)[\w’'.-]+\s+){{0,12}}?)"
    rf"(?P<aux>{AUXILIARIES})\s+(?P<rest>[^?]+)", re.IGNORECASE)

_ROLES = "|".join(sorted(lexicon()["role_words"], key=len, reverse=True))
_ROLE_PHRASE = rf"(?:[Tt]he|{_CAPITALISED}(?:’s|'s))\s+(?:[\w-]+\s+){{0,2}}?(?i:{_ROLES})"  # "the Mexican president"
_ROLE = re.compile(  # "what did the governor say", "how did Mexico's president describe"
    rf"^\s*(?i:and\s+)?(?i:{WH_WORDS})(?:\s+[a-z]+)?\s+(?i:{AUXILIARIES})\s+({_ROLE_PHRASE})\b")
_ROLE_ANYWHERE = re.compile(rf"\b({_ROLE_PHRASE})\b")


def is_follow_up(question: str) -> bool:
    """Whether ``question`` leans on earlier turns: a pronoun, a leading "and"/"what about",
    a count of nothing named ("How many were back by Tuesday?"), a comparison with what came
    before ("Did Canada do anything similar?"), or hardly any content of its own ("Until when?", "Why?").

    Example:
        >>> is_follow_up("Until when?"), is_follow_up("Who led the Jalisco cartel?")
        (True, False)
    """
    words = {w.lower() for w in _WORDS.findall(question) if not _named_before(question, w)}
    uncounted = bool(_UNCOUNTED.match(question)) and not names_in(question)  # "How many were back?"
    return (bool(_LEAD.match(question)) or bool(words & _PRONOUNS) or uncounted
            or len(canonical_terms(question)) <= 1 or bool(_COMPARED.search(question)))


def _names_its_own(question: str) -> bool:
    """Whether a follow-up that only opens with "and"/"but" asks a whole question of its own,
    naming two things and pointing at nothing ("And what was the State Department telling
    Americans in Jalisco?"): carrying the earlier turn's names into it would only blur it.
    Fragments ("And in Tapalpa and El Grullo?") lean on the earlier question."""
    words = {w.lower() for w in _WORDS.findall(question)}
    return (bool(_OWN_QUESTION.match(question)) and not words & _PRONOUNS and len(names_in(question)) >= 2
            and not _UNCOUNTED.match(question))


def _named_before(question: str, word: str) -> bool:
    """Whether ``word`` is a pronoun whose person is named earlier in ``question`` itself
    ("Sheinbaum posted on Facebook; where did she speak?")."""
    if not _PERSON_PRONOUN.fullmatch(word):
        return False
    at = re.search(rf"\b{word}\b", question)
    before = question[:at.start()] if at else ""
    return any(canonical_terms(name) for name in names_in(f" {before}"))


def subject_of(question: str) -> str:
    """An earlier question as context: without its question words and question mark.

    Example:
        >>> subject_of("What did the State Department tell American travelers?")
        'the State Department tell American travelers'
    """
    subject = _ASKING.sub("", _LEAD.sub("", question.strip()).strip())
    return _SECOND_PART.sub("", subject).rstrip(" ?.!")  # not its second question: "and who against?"


def context_of(query: str) -> str:
    """What a turn was about: the subject it carried, or its own subject."""
    _, carried, context = query.partition(_JOIN)
    return context.rstrip(" ?") if carried else subject_of(query)


def _names(text: str) -> str:
    """The names in ``text`` ("U.S." kept whole), its first word included."""
    return join_names(names_in(f" {text}"))


def offline_rewrite(question: str, previous_query: str | None, previous_answer: str = "", *,
                    sources: str = "", earlier: str = "") -> str:
    """A deterministic standalone question from a follow-up and the earlier turn's question.

    - A person pronoun becomes the person the earlier question named, its subject first
      ("Where is he now?" after "Who is El Menchito?" -> "Where is El Menchito now?"), but
      after a question whose "who" did something ("Who announced the toll after El Mencho was
      killed?") the first person its answer's first sentence names (García Harfuch), and after
      one whose subject is a role ("What did Mexico's president say?") the person its answer
      gives that role, else that role; else a lone name that owns something ("Trump" of
      "What's Trump's stance?").
    - "there" becomes the place the earlier answer gave to a where-question, else the place
      the earlier question named (:func:`rag.pronouns.placed_there`); a count without its noun takes
      the earlier count's ("How many had been cleared?" -> "How many blockades had been ...").
    - A bare question word is asked of the earlier question's clause ("Until when?" ->
      "Until when did the State Department tell American travelers?").
    - "it" after a which/what question is the thing it asked about ("Was it played?" after
      "Which match was postponed?" -> "Was the match played?").
    - A fragment ("And by Monday morning?") takes the earlier question's place: its phrase
      with the same preposition is replaced ("How many had been cleared by Monday morning?"),
      or the name it shares ("And his sister?" -> "Where is El Menchito's sister now?").
    - Otherwise the earlier turn's subject is carried after a dash ("What was the cause — El
      Mencho die?"), only its names when the follow-up names its own subject ("And did the
      Pentagon say anything — State Department, American?").
    - A "he" or "she" does not become someone the sources call otherwise (``sources``: the
      recent answers and the passages they cited): "Why was he killed?" after "What did
      Sheinbaum say?" is asked of the man the answer names instead; with no person found,
      it is the first name of the earlier answer, question or turns (``earlier``: their
      questions) the sources refer to with that pronoun, or left for the dash.
    Self-contained questions and first turns come back unchanged.
    """
    typed = question
    question = _INTERJECTION.sub("", question) or question  # "ok. how many had been cleared?"
    if not previous_query or not is_follow_up(question) or _names_its_own(question):
        return typed
    previous, _, carried = previous_query.partition(_JOIN)
    previous = _LEAD.sub("", previous).strip()  # "And what was ...?" asks "what was ...?"
    person = _subject(previous, f"{previous_answer} {sources}") or person_named(f"{previous} {carried}")  # its
    # subject first
    role = _role(previous)  # "What did the governor say?"
    named = person_named(MARKER.split(previous_answer or "")[0])  # the first person its answer names
    if named and asks_name(previous) and not any(is_person_like(n) for n in names_in(f" {previous}")):  # "what's
        # her name again?": the name its answer gave (not after "… the secretary Sheinbaum thanked?")
        person = named
    elif (named and _WHO_DID.match(previous)) or (not person and role):  # "Who announced it?": whom
        # its answer names, before anyone the question names (not for "Who did Sheinbaum thank?"); whom
        # it calls by the role ("Defence Secretary Gen. Ricardo Trevilla Trejo")
        person = titled(role, previous_answer) or (role if titled_otherwise(role, named, previous_answer) else named)
    person = person or role or possessor(previous) or named_in_full(previous, previous_answer)
    pronoun = _PERSON_PRONOUN.search(question)
    if not person and pronoun and _same_pronoun(pronoun.group(), previous):  # "where did she post that — the
        person = _role_in(carried)  # Mexican president's message?" "who did she thank?": the same "she"
    candidates = [n for text in (previous_answer, f"{previous} {carried}", earlier) for n in names_in(f" {text}")]
    said = pronoun.group() if pronoun else ""
    agreed = agreeing(person, said, candidates, f"{previous_answer}{PASSAGE_BREAK}{sources}", earlier,
                      guess=not uses_pronoun(said, previous_answer))  # "… of the woman, and she travelled"
    resolved = _PERSON_PRONOUN.sub(lambda m: _referent(m, agreed), question, count=1) if agreed else question
    avoid = person if resolved != question or agreed != person else ""  # "know he would be there": not he
    place = answered_place(previous, previous_answer)  # "Where was he hiding?" ... "there"
    resolved = _counting(placed_there(_plural(resolved, previous, carried), f"{previous} {carried}", avoid, place,
                                      sources),
                         previous)
    asked_again = _asked_again(resolved, previous)
    if asked_again:
        return asked_again
    fragment = _FRAGMENT.match(resolved)
    if fragment:
        # a pronoun that became someone other than the one the replaced phrase names
        elsewhere = (resolved != question and bool(_PERSON_PRONOUN.search(question))
                     and not re.search(rf"\b(?:about|against)\s+{re.escape(agreed)}", previous))
        return in_place_of(fragment.group(1).strip(), previous.rstrip(" ?"), carried, elsewhere, sources)
    counted = " ".join(count_phrase(previous)) if resolved == question and _HOW_MANY.match(previous) else ""
    if counted:  # "which one" of those an earlier "how many" counted
        resolved = _WHICH_ONE.sub(lambda m: f"{m.group(1)} of the {counted}", question, count=1)
    if resolved == question and not _OWN_THING.match(question):
        resolved = _THING_PRONOUN.sub(lambda m: _thing(previous) or m.group(), question, count=1)
        if resolved != question:  # the earlier question's names go along: "— U.S., El Mencho"
            missing = [n for n in names_in(previous) if n not in resolved]
            return f"{resolved.rstrip(' ?')}{_JOIN}{join_names(missing)}?" if missing else resolved
    if resolved != question:
        return resolved
    # what the earlier turn asked about; only its names when the follow-up names its own subject
    context = _names(context_of(previous_query)) if names_in(question) else context_of(previous_query)
    context = context or context_of(previous_query)
    if not context:
        return question
    return f"{question.strip().rstrip('?')}{_JOIN}{context}?"


def _counting(question: str, previous: str) -> str:
    """A count that leaves out what it counts takes the earlier count's noun ("How many had
    been cleared?" after "How many blockades did ... report?" -> "How many blockades had been
    cleared?"); unchanged otherwise."""
    uncounted, clause = _UNCOUNTED.match(question), _CLAUSE.match(previous)
    noun = (clause["noun"].strip() if clause else "") or " ".join(count_phrase(previous))  # "how many blockades
    if not uncounted or not noun or not _HOW_MANY.match(previous):  # went up": no auxiliary
        return question
    return f"{question[:uncounted.end()].rstrip()} {noun} {question[uncounted.end():]}"


def _asked_again(question: str, previous: str) -> str:
    """A bare question word ("Until when?", "At what time?", "Why?") asked of the earlier
    question's clause: "Until when did the State Department tell American travelers?"; empty
    when either is not of that shape."""
    bare, clause = _BARE.match(question), _CLAUSE.match(previous)
    if not bare or not clause or _COUNT.match(bare["asked"]):
        return ""  # "How many?" after a count asks for another count: carried as context
    noun = _asked_about(clause)
    if not noun and (_COUNT.match(previous) or (re.match(r"^\s*(?:who|what|which)\b", previous, re.I)
                                                and clause["aux"].lower() not in ("do", "does", "did")
                                                and not (re.match(r"^\s*(?:what|which)\b", previous, re.I)
                                                         and _DOING.match(clause["rest"])))):
        return ""  # "Who was arrested?", "How many were killed?": no subject to ask "Why?" of
    if re.search(rf"\b(?:{WH_WORDS})\b", clause["rest"], re.IGNORECASE):
        return ""  # "... say about who fired first": which clause "At what time?" asks is unclear
    noun = f"the {noun} " if noun else ""
    asked = bare["asked"].strip()
    return f"{asked[:1].upper()}{asked[1:]} {clause['aux'].lower()} {noun}{clause['rest'].strip()}?"


def _plural(question: str, previous: str, carried: str = "") -> str:
    """"they"/"them"/"their" become the plural the earlier question counted or asked about, or
    the one its carried context begins with ("Where did they fall?" after "How many soldiers
    were killed?" -> "Where did the soldiers fall?"); unchanged when there is no plural."""
    pronoun, clause = _PLURAL_PRONOUN.search(question), _CLAUSE.match(previous)
    if not pronoun:
        return question
    bare = _ASKED_NOUN.match(previous)  # "In how many attacks?"
    noun = _asked_about(clause) if clause else bare.group(1) if bare else ""
    if not noun and clause:  # "Where did the Mexican soldiers fall?": the plural it asks of
        subject = _PLURAL_SUBJECT.match(clause["rest"])
        noun = subject.group(1) if subject else ""
    if not noun and carried:  # "— soldiers were killed in the raid": the words before the verb
        subject = _CARRIED_SUBJECT.match(carried)
        noun = subject.group(1).strip() if subject else ""
    if not noun and not (clause or bare or asks(previous)) and len(previous.split()) <= _FRAGMENT_WORDS:
        last = previous.strip(" ?").split()[-1:] or [""]  # "What about soldiers?": a plural noun
        if any(lemma != last[0].lower() for lemma in readings(last[0].lower()).get("NOUN", ())):
            noun = re.sub(r"^(?:the|about)\s+", "", previous.strip(" ?"), flags=re.I)
    if not noun or not _PLURAL_NOUN.search(noun):
        return question
    phrase = f"the {noun}{'’' if pronoun.group().lower() == 'their' else ''}"
    if pronoun.start() == 0:
        phrase = phrase[:1].upper() + phrase[1:]
    return f"{question[:pronoun.start()]}{phrase}{question[pronoun.end():]}"


def _thing(previous: str) -> str:
    """What a "which/what" question asked about, as "the ..." ("Which men's football match was
    postponed?" -> "the men's football match"); empty for other questions."""
    clause = _CLAUSE.match(previous)
    noun = _asked_about(clause) if clause else ""
    return f"the {noun}" if noun and re.match(r"^\s*(?:which|what)\b", previous, re.I) else ""


def _asked_about(clause: re.Match[str]) -> str:
    """The noun a question's clause asks about ("Which men's football match was ..." -> "men's
    football match"); empty when there is none, or it only says when ("What time did ...")."""
    noun = clause["noun"].strip()
    if not noun or noun.split()[0].lower() in lexicon()["answer_type_stems"] or noun.lower() in _NO_THING:
        return ""
    return noun


# a question asking of its own thing, then "it" after a comma: "Which agency gathered the intel, was it the CIA?"
_OWN_THING = re.compile(rf"^\W*(?:and\s+)?(?:which|what)\s+(?!(?:{AUXILIARIES}|else)\b)[a-z]+\b[^,?]*,[^?]*\bit\b",
                        re.I)
_NO_THING = frozenset("else other others more one ones".split())  # "What else did she say?" (not "which other states")


def _subject(question: str, sources: str = "") -> str:
    """The name a question's verb is said of ("What did Sheinbaum say ...?" -> "Sheinbaum"):
    the likeliest person for a later "she" or "he"; empty when the subject is no name."""
    match = _SUBJECT.match(question)
    if not match:
        return ""
    name = match.group(1)
    if " " in name:  # two to four words of a person's name ("El Menchito")
        return person_named(f" {name}")
    # one word ("Sheinbaum", but also "Mexico") is a person when it says something, or can only be
    # one and the ``sources`` place nothing in it ("in Jalisco", "on Facebook")
    placed = re.search(rf"\b(?:in|at|on|from|to|across)\s+(?:the\s+)?{re.escape(name)}\b", sources)
    person_like = is_person_like(name) and not placed
    return name if "." not in name and (match.group(2) in lexicon()["speech_verbs"] or person_like) else ""


def _role(question: str) -> str:
    """A question's subject when it is a role rather than a name ("What did Mexico's president
    tell people?" -> "Mexico's president"): what a later "she" can stand for; else empty."""
    match = _ROLE.match(question)
    return match.group(1) if match else ""


def _same_pronoun(pronoun: str, previous: str) -> bool:
    """Whether the earlier question (its own words) used a person pronoun of ``pronoun``'s gender."""
    return any(gender_of(m.group()) == gender_of(pronoun) for m in _PERSON_PRONOUN.finditer(previous))


def _role_in(context: str) -> str:
    """The role a carried context names ("the Mexican president" of "the Mexican president's
    message to the public"), for a pronoun the earlier question left to it; else empty."""
    match = _ROLE_ANYWHERE.search(context)
    return match.group(1) if match else ""


def _referent(pronoun: re.Match[str], name: str) -> str:
    """``name`` in the place of a person pronoun: "his"/"hers", and "her" before a noun
    ("her statement", not "ask her about"), take "'s"."""
    word, after = pronoun.group().lower(), pronoun.string[pronoun.end():].split()
    possessive = word in ("his", "hers") or (
        word == "her" and bool(after) and after[0].strip("?.,!").lower() not in _NOT_A_NOUN
        and after[0][:1].isalpha())
    return f"{name}'s" if possessive else name
