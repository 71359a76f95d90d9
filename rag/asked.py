"""What a question asks beyond its answer type: a name it asks for, a person other than the
ones it names, the event a yes/no question asks about."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.figures import numbers_in
from rag.people import is_person_like
from rag.text import (ACRONYM, CONTEXT_JOIN, NAME_RUN, NAME_WORD, PREPOSITION_WORDS, PREPOSITIONS, acronym_key,
                      canonical_terms, is_stopword, is_time_name, lexicon, names_in, placed, readings,
                      without_possessive)

_NAME_Q = re.compile(  # "the name of", "their names", "Were any named?"; not "name as the cause"
    r"\b(?:the|their|his|her|its|whose|real|actual|true|full|code|first|last)\s+names?\b|\bnames?\s+of\b|"
    r"\w(?:’s|'s|s’|s')\s+names?\b|"
    r"\bnamed\b(?!\s+(?:as|after|to|by)\b)", re.I)
_OWN_NAME = re.compile(  # a named person's own name: "El Mencho's real name", "his full name"
    rf"(?:{NAME_WORD}(?:’s|'s)|\b(?i:his|her))\s+"
    r"(?i:(?:(?:real|actual|true|full|birth|given|legal|first|last)\s+)?names?)\b|"
    r"\b(?i:(?:real|actual|true|full|birth|legal)\s+names?)\b(?!\s+of\b)")  # not "the full names of his guards"
_NAMED_THING = re.compile(  # "the name of the wounded officer who ...", "Mexico's defense secretary's name"
    r"\bnames?\s+of\s+(?:the\s+|a\s+|an\s+)?(.+?)(?=\s+(?:who|that|which|whom|where|when|in|at|on|during|after|before|with|by|from|for|to)\b|[,;?]|\.(?:\s|$)|$)|"
    r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+)?(.+?)(?:’s|'s|(?<=s)’|(?<=s)')\s+names?\b(?!\s+for\b)", re.I)
_DEMONYM = re.compile(r"(?:an|ian|ese|ish|i)$")  # "Mexican", "Japanese", "British", "Israeli"
PARTICLES = frozenset("de del la los las el of the".split())  # words inside a name ("Cartel de Sinaloa")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")


def asks_name(question: str) -> bool:
    """Whether ``question`` asks for a name ("What were their names?", "Were any named?")."""
    return bool(_NAME_Q.search(question))


@lru_cache(maxsize=256)  # asked of every candidate sentence with the same question
def named_thing(question: str) -> tuple[str, frozenset[str]]:
    """What a name is asked for, as its noun and the words before it ("What was the name of
    the badly wounded officer flown out?" -> ("officer", {"badly", "wounded"}), "Mexico's
    defense secretary" -> ("secretary", {"defense"})); no head for a person's own name
    ("El Mencho's real name") and questions asking none."""
    match = _NAMED_THING.search(question.partition(CONTEXT_JOIN)[0])
    if not match or _OWN_NAME.search(question):
        return "", frozenset()
    return noun_phrase(match.group(1) or match.group(2))


def named_owner(question: str) -> str:
    """The one whose thing ``question`` asks the name of ("Puerto Vallarta" of "What is the
    name of Puerto Vallarta's airport?"); empty for other questions."""
    match = _NAMED_THING.search(question.partition(CONTEXT_JOIN)[0])
    thing = f"{match.group(1) or match.group(2) or ''} " if match else ""
    owner = re.match(r"^(?:the\s+)?(.+?)(?:’s|'s)\s", thing)
    return owner.group(1) if owner else ""


def names_owned(sentence: str, question: str) -> bool:
    """Whether ``sentence`` gives a name right after the :func:`named_owner` of ``question``
    ("Puerto Vallarta's Gustavo Díaz Ordaz International"): a name need not say what kind of
    thing it is ("Mexico's President Claudia Sheinbaum" says it); not a title or a word the
    dictionary knows ("Puerto Vallarta's Mayor ...", "Mexico's Security Secretary"), nor the name
    of a thing of another named kind ("El Mencho's Jalisco New Generation Cartel" for his son).

    Example:
        >>> names_owned("Neither closed, nor Puerto Vallarta's Gustavo Díaz Ordaz International.",
        ...             "What is the name of Puerto Vallarta's airport?")
        True
    """
    owner = named_owner(question)
    if not owner:
        return False
    head = named_thing(question)[0].lower()
    kinds = set(lexicon()["named_kinds"]) - {head, head.rstrip("s")}
    for match in re.finditer(rf"\b(?i:{re.escape(owner)})(?:’s|'s)\s+({NAME_WORD}(?:\s+{NAME_WORD})*)", sentence):
        words = match.group(1).split()
        if len(words) > 1 and head and any(w.lower().rstrip("s") == head.rstrip("s") for w in words):
            return True  # "Mexico's President Claudia Sheinbaum", "Jalisco's Civil Hospital": the thing asked
        if readings(words[0].lower()) or words[0] in lexicon()["title_words"]:
            continue  # "Mexico's Security Secretary ...", "Puerto Vallarta's Mayor ...": no name of the thing
        if words[-1].lower().rstrip("s") not in kinds:  # "El Mencho's Jalisco New Generation Cartel": a
            return True  # cartel, not the son asked for
    return False


@lru_cache(maxsize=256)
def noun_phrase(text: str) -> tuple[str, frozenset[str]]:
    """The head noun of a phrase and the words before it (lower case): the words up to the
    first stop word, less a participle after the noun ("the soldier shot" -> "soldier"), of
    the part after a possessive ("the man's wife" -> "wife"); no head when it is a name."""
    text = re.split(r"(?:’s|'s|s’|s')\s+", text)[-1]
    words: list[str] = []
    for word in re.findall(r"[\w’'-]+", text):
        if is_stopword(word) or numbers_in(word) or word.lower() in _FUNCTION_WORDS:
            if words:
                break
            continue
        words.append(word)
    while words and _participle(words[-1]):  # "those arrested": no noun at all
        words.pop()
    if not words or not words[-1][:1].islower():
        return "", frozenset()
    return words[-1], frozenset(w.lower() for w in words[:-1])


# determiners and particles the stop-word list lacks ("those arrested", "flown out")
_FUNCTION_WORDS = frozenset(PREPOSITIONS.split("|")) | frozenset(
    "the a an its his her their our my your those these this that other others such any some each every "
    "all both several many few "
    "out up off down away".split())


def defining(modifiers: frozenset[str]) -> set[str]:
    """The words before a noun that say which one is meant, as canonical terms: nouns and
    participles ("crew members", "the wounded officer"), not adjectives or adverbs ("the new
    leader", "badly")."""
    return canonical_terms(" ".join(w for w in modifiers if _noun_only(w) or _participle(w)))


@lru_cache(maxsize=4096)
def _participle(word: str) -> bool:
    """Whether ``word`` is a verb's past form ("shot", "flown", "arrested"; not "soldiers")."""
    from lemminflect import getInflection

    lower = word.lower()
    return any(lower in getInflection(lemma, tag) for lemma in readings(lower).get("VERB", ())
               for tag in ("VBD", "VBN"))


def _noun_only(word: str) -> bool:
    """Whether ``word`` is a noun and no adjective or participle ("crew", not "armed", "extra")."""
    kinds = readings(word.lower())
    return "NOUN" in kinds and "ADJ" not in kinds and not word.endswith(("ing", "ed"))


def says_the_same(text: str, head: str, modifiers: frozenset[str] | set[str]) -> bool:
    """Whether ``text`` says ``head`` as the question means it. A bare noun ("How many stores
    …?") is said by any use of it; one the question qualifies ("crew members", "Mexico's
    defense secretary") only where no other dictionary noun qualifies it, before it or after
    it with "of": "Defence Secretary" (a spelling apart) and "Oxxo convenience stores" say
    "defense secretary" and "Oxxo stores"; "Press Secretary", "cartel members" and "members of
    the National Guard" do not say "defense secretary" or "crew members". Names qualify
    nothing ("Mexican soldiers")."""
    heads = _terms(head) | set(readings(head.lower()).get("NOUN", ()))  # "men": "man"
    words = re.findall(r"[\w’'-]+", text)
    wanted = modifiers | {head.lower()}
    wanted_terms = _terms(" ".join(wanted))
    for at, word in enumerate(words):
        if not (_terms(word) | set(readings(word.lower()).get("NOUN", ()))) & heads:
            continue
        if not modifiers:
            return True
        run = _nouns_before(words[:at]) + _of_after(words[at + 1:])
        if all(not readings(w.lower()) for w in run) or any(  # names only, or the question's words
                _terms(w) & wanted_terms for w in run):
            return True
    return False


def _terms(text: str) -> set[str]:
    """The canonical terms of ``text`` as written and with British spellings American
    ("centres" also as "centers", "defence" as "defense"): either spelling matches."""
    american = re.sub(r"(?<=[^aeiou\W])re(s?)\b", r"er\1", text)
    american = re.sub(r"ence(s?)\b", r"ense\1", re.sub(r"(?<=\w{3})our(s?)\b", r"or\1", american))
    return canonical_terms(text) | canonical_terms(american)


def _nouns_before(words: list[str]) -> list[str]:
    """The nouns and names right before the end of ``words`` ("White House Press")."""
    run: list[str] = []
    for word in reversed(words):
        if (is_stopword(word) or numbers_in(word) or word.lower() in _FUNCTION_WORDS
                or not (_noun_only(word) or (word[:1].isupper() and not readings(word.lower())))):
            break
        run.append(word)
    return run


def _of_after(words: list[str]) -> list[str]:
    """The nouns and names of an "of (the) …" right after a noun ("members of the National
    Guard")."""
    if not words or words[0].lower() != "of":
        return []
    rest = words[2:] if len(words) > 1 and words[1].lower() in ("the", "a", "an") else words[1:]
    run = []
    for word in rest:
        if is_stopword(word) or word.lower() in _FUNCTION_WORDS or not (word[:1].isupper() or _noun_only(word)):
            break
        run.append(word)
    return run


def gives_name(sentence: str) -> bool:
    """Whether ``sentence`` gives a proper name: capitalised words, one of them no common
    English word (lemminflect's dictionary knows "Army", "National", not "Leavitt" or
    "Tapalpa"), and not a lone word that only qualifies a noun ("Mexican soldiers").
    Acronyms, days and months, and a sentence's capitalised first word are not names.

    Example:
        >>> gives_name("Seven other members were killed alongside him."), gives_name("He met Leavitt.")
        (False, True)
    """
    for run in NAME_RUN.finditer(sentence):
        if placed(sentence, run.start()):
            continue  # "flown to a facility in Jalisco": a place, not the name asked for
        if run.group() != without_possessive(run.group()) and _NEXT_WORD.match(sentence, run.end()):
            continue  # "in response to El Mencho's killing": an owner, not the name asked for
        words = [without_possessive(w.rstrip(".,")) for w in run.group().split()]
        if _opens_sentence(sentence, run.start()) and _common(words[0]):
            words = words[1:]  # a sentence's first word is capitalised anyway ("The", "Army")
        proper = [w for w in words if w[:1].isupper() and not w.isupper() and not ACRONYM.fullmatch(w)
                  and not is_time_name(w) and not readings(w.lower())]
        if not proper:
            continue
        after = _NEXT_WORD.match(sentence, run.end())
        if (len(words) == 1 and _DEMONYM.search(words[0]) and after and not is_stopword(after.group(1))
                and "NOUN" in readings(after.group(1))):
            continue  # "Mexican soldiers": a people's adjective qualifying a noun
        return True
    return False


def names_it(sentence: str, head: str) -> bool:
    """Whether ``sentence`` gives a name right beside a mention of ``head``: just before its
    noun phrase ("Omar García Harfuch, the security secretary", "the Cabañas La Loma cabin
    complex", "Juan Pérez and two other soldiers"), or after a linking word that follows it
    ("the officer, Lt. Juan Pérez", "the two soldiers who died were Juan Pérez and ...",
    "identified by the army as Juan Pérez"); not one the sentence relates it to otherwise
    ("seven cartel members were killed alongside El Mencho"), a possessor ("El Mencho's
    bodyguards") or a place ("Near Tapalpa, the cabin complex").

    Example:
        >>> names_it("Among the dead bodyguards were Rubén Guerrero Valadez and two others.", "bodyguards")
        True
        >>> names_it("Seven other cartel members were killed alongside El Mencho.", "members")
        False
    """
    tokens = _TOKENS.findall(sentence)
    heads = _terms(head) | set(readings(head.lower()).get("NOUN", ()))
    for at, token in enumerate(tokens):
        if not (_terms(token) | set(readings(token.lower()).get("NOUN", ()))) & heads:
            continue
        start = at
        while start > 0 and _in_noun_phrase(tokens[start - 1]):
            start -= 1
        if start > 0 and tokens[start - 1] in (",", "and"):  # "Harfuch, the secretary"
            start -= 1
        if _name_ending(tokens, start) or _name_starting(tokens, at + 1) or any(  # "Secretary Gen. X"
                tokens[link].lower() in _LINKS and _name_starting(tokens, link + 1, new_clause=tokens[link] == ";")
                for link in range(at + 1, min(len(tokens), at + 1 + _REACH))):
            return True
    return False


def _name_ending(tokens: list[str], end: int) -> bool:
    """Whether a name (not a possessor, not a place after a preposition) ends at ``end``."""
    first = end
    while first > 0 and _in_name(tokens[first - 1], inner=first < end):
        first -= 1
    run = tokens[first:end]
    if not run or run[-1].endswith(("’s", "'s")) or run[0].lower() in _NOT_IN_PHRASE:
        return False  # "El Mencho's bodyguards", "Near Tapalpa, the complex"
    if first > 0 and tokens[first - 1].lower() in _NOT_IN_PHRASE:
        return False  # "in San Juan de los Lagos, the complex"
    return gives_name("x " + " ".join(run))


def _name_starting(tokens: list[str], at: int, new_clause: bool = False) -> bool:
    """Whether a name begins at ``at``, after any article, age, "they were" or "a lieutenant
    named" ("were 32-year-old Juan Pérez", "is a lieutenant named Juan Pérez"). In a
    ``new_clause`` (after ";") only as what it is about: "; they were Juan Pérez and ...",
    "; Lt. Mario Ávila was among them", not "; Trevilla said"."""
    if new_clause and at < len(tokens) and tokens[at].lower() not in ("they", "he", "she"):
        end = _name_end(tokens, at)
        if end >= len(tokens) or tokens[end].lower() not in ("was", "were", "is", "are"):
            return False
    while at < len(tokens) and (tokens[at].lower() in _BEFORE_NAME or any(c.isdigit() for c in tokens[at])):
        at += 1
    if at + 1 < len(tokens) and tokens[at][:1].islower() and tokens[at + 1].lower() in ("named", "called"):
        at += 2
    run = tokens[at:_name_end(tokens, at, most=5)]
    return bool(run) and not run[-1].endswith(("’s", "'s")) and gives_name("x " + " ".join(run))


def _name_end(tokens: list[str], at: int, most: int | None = None) -> int:
    """Where the run of name words from ``at`` ends (after at most ``most`` words)."""
    end = at
    while end < len(tokens) and (most is None or end - at < most) and _in_name(tokens[end], inner=end > at):
        end += 1
    return end


def _in_name(token: str, inner: bool) -> bool:
    """A word of a name: capitalised, or inside one a particle ("San Juan de los Lagos")."""
    return token[:1].isupper() or inner and token in PARTICLES


def _in_noun_phrase(token: str) -> bool:
    """A word that can stand in a noun phrase before its noun: a determiner or other function
    word that is no preposition, a number, a lower-case noun or adjective (not a verb: "praised
    the officer"), a people's name ("Mexican")."""
    lower = token.lower()
    kinds = readings(lower)
    return (lower in _FUNCTION_WORDS and lower not in _NOT_IN_PHRASE or bool(numbers_in(token))
            or (token[:1].islower() and ("NOUN" in kinds or "ADJ" in kinds) and not is_stopword(lower))
            or bool(token[:1].isupper() and _DEMONYM.search(token)))


_TOKENS = re.compile(r"[\w’'.-]+|[,:;]")
_LINKS = frozenset(", : ; was were is are as named called including among".split())  # then a name
_BEFORE_NAME = frozenset("the a an they he she was were is are".split())
_REACH = 10  # tokens after the noun a linking word may come ("the two soldiers who died were")
_NOT_IN_PHRASE = PREPOSITION_WORDS


def _opens_sentence(sentence: str, at: int) -> bool:
    return at == 0 or sentence[:at].rstrip().endswith((".", "!", "?", "“", '"'))


def _common(word: str) -> bool:
    """A word that opens a sentence without being a name: a known word, a stop word, a number."""
    return bool(readings(word.lower())) or is_stopword(word) or bool(numbers_in(word))


@lru_cache(maxsize=256)  # asked of every candidate sentence
def asks_own_name(question: str) -> bool:
    """Whether ``question`` asks the name of someone it names ("What was El Mencho's real
    name?", "What is his full name?") or someone's real name ("the gunman's real name"), not
    of someone else ("the name of his girlfriend", "the full names of his bodyguards")."""
    return bool(_OWN_NAME.search(question))


def without_names(sentence: str, question: str) -> str:
    """``sentence`` with the words of the names ``question`` mentions blanked out, and a full
    name around a quoted one (Nemesio "El Mencho" Oseguera Cervantes is El Mencho: not an
    answer to "Who ...?") unless the question asks that person's own name (:func:`asks_own_name`:
    "What was El Mencho's real name?")."""
    patterns = _name_patterns(question)
    if patterns is None:
        return _without_expansions(sentence, question)
    nickname, word = patterns
    sentence = word.sub("·", sentence if asks_own_name(question) else nickname.sub("·", sentence))
    return _without_expansions(sentence, question)


def without_referents(sentence: str, question: str) -> str:
    """``sentence`` with the names of two words or more blanked that ``question`` refers to by
    their last word, a noun: the "Jalisco New Generation Cartel" of "Who will take over the
    cartel?" is the cartel asked about, no one who takes it over."""
    asked = canonical_terms(" ".join(w for w in re.findall(r"[\w’'-]+", question) if w.islower()))
    for name in names_in(sentence):
        last = name.split()[-1]
        terms = canonical_terms(last.lower())
        if len(name.split()) > 1 and "NOUN" in readings(last.lower()) and terms and terms <= asked:
            sentence = sentence.replace(name, "·")
    return sentence


def _without_expansions(sentence: str, question: str) -> str:
    """``sentence`` with the names of three words or more spelt out by an acronym of
    ``question`` blanked: "Jalisco New Generation Cartel" is the CJNG, or a "cjng" typed in
    lower case (a word no dictionary knows), by its initials in any order (:func:`acronym_key`);
    a person's name is not, whatever its initials."""
    keys = {acronym_key(n) for n in names_in(question)
            if ACRONYM.fullmatch(without_possessive(n)) and len(n.replace(".", "")) > 2}  # not "US"
    keys |= {acronym_key(w) for w in re.findall(r"\b[a-z]{3,6}\b", question) if not readings(w)}  # "cjng"
    for name in names_in(sentence) if keys else ():
        words = [w for w in name.split() if w[:1].isupper()]
        if (len(words) > 2 and not is_person_like(name)  # "Rosa Gómez Fierro" is no FGR
                and acronym_key("".join(w[0] for w in words)) in keys):
            sentence = sentence.replace(name, "·")
    return sentence


@lru_cache(maxsize=256)  # the same question is checked against every candidate sentence
def _name_patterns(question: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The regexes :func:`without_names` blanks with: a full name around a quoted name of
    ``question``, and a word of its names (particles such as "El" not on their own)."""
    names = [without_possessive(name) for name in names_in(question)]
    words = set(names) | {w for name in names for w in re.findall(r"[\w’'.-]{3,}", name)
                          if w.lower() not in PARTICLES}
    if not words:
        return None
    pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    nickname = rf"(?:{NAME_WORD}\s+)*[“\"](?:{pattern})(?:\s+(?:{pattern}))*[”\"](?:\s+{NAME_WORD})*"
    return re.compile(nickname), re.compile(rf"(?<![\w-])(?:{pattern})(?:’s|'s)?(?![\w-])")
