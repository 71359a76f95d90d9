"""Which names a question asks about, and whether the retrieved sources mention them: the
answering document for any name, the answer's own passage for a place the question puts it in."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.asked import PARTICLES, noun_phrase
from rag.kinds import singular
from rag.roles import is_role_noun, is_role_word
from rag.events import WHO_ASKS, asked_agent, asked_speaker, event_in
from rag.text import (ACRONYM, AUXILIARIES, CONTEXT_JOIN, acronym_key, canonical_terms, fold_accents, is_stopword,
                      join_names, later_names, lexicon, mentioned_terms, name_terms, names_in, not_a_place, readings,
                      without_possessive)
from rag.types import Passage
from rag.wordnet import (capital_of, country_names, is_country, is_person_noun, is_physical, is_place, kin_terms,
                         pertains_to)


def unmentioned(question: str, passages: list[Passage], typed: bool = False) -> list[str]:
    """The names in ``question`` that no retrieved document (text, title or outlet) mentions,
    accents aside (see :func:`required_names`), and the thing a "what/which" question asks for
    when none mentions it nor what it asks happened to it (:func:`asked_thing`; not when the
    question is ``typed``: a time, place, number or person, checked by the answer types)."""
    names = required_names(question)
    thing, event = asked_thing(question) if not typed else ("", "")
    polar, done = asked_whether(question)
    roles = asked_roles(question)
    if not names and not thing and not roles and not polar:
        return []
    found = set().union(*document_terms(passages).values())
    missing = [name for name, terms in names if not terms & found]
    missing += [f"the {role}" for role in roles if not kin_terms(role) & found]  # "the governor of Jalisco"
    if thing and not _terms_of(thing) & found and not canonical_terms(event) & found:
        missing.append(thing)  # "What weapons were seized?": neither weapons nor a seizure
    if polar and not (_terms_of(polar) | kin_terms(polar)) & found and not canonical_terms(done) & found:
        missing.append(polar)  # "Were helicopters used?": no word for a helicopter, nor the deed
    return missing


# A role the question names with the place or body it serves, whose holder the question is
# about: "the governor of Jalisco", "Jalisco's governor", "the mayor of Tapalpa". Not a role alone
# ("the spokesperson", "the minister": the sources may call it otherwise), nor a word describing
# the noun after it ("Sheinbaum's press conference"); "Who is …?" asks whom the sources give it.
_ROLE_OF = re.compile(r"\bthe\s+([a-z]+)\s+of\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ]")
_OWNED_ROLE = re.compile(r"[A-ZÁÉÍÓÚÑ][\w.-]*[’']s\s+([a-z]+)\b(?:\s+([a-z]+))?")


def asked_roles(question: str) -> list[str]:
    """The roles ``question`` refers to someone by, with the place or body they serve
    ("governor" of "What did the governor of Jalisco say?" or "… Jalisco's governor …"), which
    a source must mention for the question to be answered; none for a who-question."""
    asked = question.partition(CONTEXT_JOIN)[0]
    if WHO_ASKS.match(asked):
        return []
    roles = [m.group(1) for m in _ROLE_OF.finditer(asked)]  # "the chief of the National Guard"
    roles += [m.group(1) for m in _OWNED_ROLE.finditer(asked) if "ADJ" not in readings(m.group(1))  # not
              and (not m.group(2) or "VERB" in readings(m.group(2)) or "NOUN" not in readings(m.group(2)))]
    return [r for r in roles if is_role_word(r)]  # "Sheinbaum's official visit"


_ASKED_THING = re.compile(r"^\W*(?i:(?:and\s+)?(?:(?:of|in|on|at|from|to|for|by|with|under|about)\s+)?(?:what|which)"
                          r"(?:\s+(?:is|was|are|were)\s+the|[’']s\s+the)?\s+)"  # "What is the weather forecast?"
                          r"([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?\b(?![’'])(?P<rest>.*)")  # "Which US agency": a name
_THE = re.compile(r"\b(?:what|which)(?:\s+(?:is|was|are|were)|[’']s)\s+the\s", re.I)  # a noun follows
_NOT_A_THING = frozenset("one ones other others more else".split())  # "Which ones were seized?"
_FOLLOWS_VERB = re.compile(rf"^\s*(?:{AUXILIARIES}|of)\b", re.I)  # "What charges did ...", "What model of": a noun


def asked_thing(question: str) -> tuple[str, str]:
    """The noun a "what/which N" question asks for as a thing the sources would name, and the
    event it asks of it ("weapons", "seized" of "What weapons were seized?"; "charges", "" of
    "What charges did he face?": "face" may be a noun). Empty for another form of question and
    for a noun naming a category of answer or a description rather than a thing ("What term
    did he use?", "What share of firms ...?", "What impact did it have?": the text says the
    term, the share, the impact; ``answer_category_nouns``), an organisation's kind ("Which
    agency ...?"), a role ("Which admiral ...?"), or a verb ("What lies ahead?").

    Example:
        >>> asked_thing("What weapons were seized?"), asked_thing("What term did Trump use?")
        (('weapons', 'seized'), ('', ''))
    """
    match = _ASKED_THING.match(question.partition(CONTEXT_JOIN)[0])
    if not match or match.group(1) in _NOT_A_THING or "NOUN" not in readings(match.group(1)):
        return "", ""
    compound = bool(match.group(2)) and ("NOUN" in readings(match.group(2))  # "news agency"
                                          or bool(_FOLLOWS_VERB.match(match["rest"])))  # "international friendly did"
    head = match.group(2) if compound else match.group(1)
    after = match["rest"] if compound else f"{match.group(2) or ''}{match['rest']}"
    if _THE.search(match.group()):
        # "What is the N?" asks for a thing only as two nouns ("the weather forecast"), not as an
        # aspect, which answers seldom name ("the aftermath of the raid", "the current state"),
        # nor a noun and an adverb or a verb ("the plan now", "the president saying")
        second = readings(match.group(2) or "")
        if (not compound or "ADJ" in readings(match.group(1)) or "ADV" in second
                or ("VERB" in second and match.group(2).endswith("ing"))):
            return "", ""
    elif "VERB" in readings(head) and not _FOLLOWS_VERB.match(after):
        return "", ""  # "What stands out?": a verb, not a thing
    if not _terms_of(head) - aspect_terms():
        return "", ""
    return (f"{match.group(1)} {match.group(2)}" if compound else head), event_in(after)  # either word will do


_WHETHER = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?i:were|was|are|is|did|do|does|has|have|had)\s+"
                      r"(?:there\s+)?(?:(?:any|the|some|many|more|other)\s+)?([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?"
                      r"\b(?P<rest>.*)")
_NO_THING = frozenset("he she it they we you i anyone anybody anything someone somebody something "
                      "everyone everything there that this these those any some many more other the".split())


def asked_whether(question: str) -> tuple[str, str]:
    """The common noun of a physical thing (not a person or a place) a yes/no question asks about
    and the deed it asks of it ("helicopters", "" of "Were helicopters used in the raid?"): a source with no word
    for it nor its kin (WordNet's) does not answer. Empty for a name ("Did the Pentagon ...?"), a
    pronoun or no noun ("Was it ...?", "Did they ...?"), and an abstract noun, which sources
    often say otherwise ("Is life going on as usual?": "activities are taking place")."""
    match = _WHETHER.match(question.partition(CONTEXT_JOIN)[0])
    if not match or match.group(1) in _NO_THING:
        return "", ""
    first, second = match.group(1), match.group(2) or ""
    after = readings(second) if second and not is_stopword(second) else {}  # a noun of a compound, not
    head = second if "NOUN" in after and not {"VERB", "ADV"} & set(after) and (  # "behind" of "the man behind"
        "ADJ" in readings(first) or "NOUN" in readings(first) or pertains_to(first.capitalize())) else first
    lemma = readings(head).get("NOUN", ("",))[0]
    if not lemma or not is_physical(lemma) or is_person_noun(lemma) or is_place(lemma) \
            or not _terms_of(head) - aspect_terms():
        return "", ""  # "Is life going on as usual?", "Did the boss die?", "Were the streets calm?": said otherwise
    after = match["rest"] if head == second else f"{second}{match['rest']}"
    return head, event_in(after)


@lru_cache(maxsize=1)
def aspect_terms() -> frozenset[str]:
    """The terms of a category of answer, an organisation's kind ("agency") or a role ("admiral")."""
    words = lexicon()
    return frozenset(canonical_terms(" ".join(words["answer_category_nouns"] + words["organisation_words"]
                                              + words["role_words"])))


def _terms_of(words: str) -> set[str]:
    """The terms of ``words``, hyphenated ones also written whole ("e-mail": "email")."""
    return canonical_terms(words) | canonical_terms(words.replace("-", ""))


def named_terms(question: str) -> list[tuple[str, set[str]]]:
    """The question's names (acronyms aside) with their accent-folded canonical terms."""
    named = [(name, canonical_terms(fold_accents(name))) for name in names_in(question)
             if not ACRONYM.fullmatch(without_possessive(name))]
    return [(name, terms) for name, terms in named if terms]


def required_names(question: str) -> list[tuple[str, set[str]]]:
    """Each name of ``question`` with the terms a document must mention for it: its last
    word's ("Rubio" of "Secretary of State Marco Rubio", "Vallarta" of "Puerto Vallarta"),
    which later mentions keep; a title or first name alone does not mention the person. The
    names of a carried context (after the dash) are one group: any one of them will do."""
    own, _, carried = question.partition(CONTEXT_JOIN)
    named = [(name, head_terms(fold_accents(name))) for name in names_in(own)]
    context = [(name, head_terms(fold_accents(name))) for name in names_in(f" {carried}")]
    if context:
        named.append((join_names([n for n, _ in context]), set().union(*(t for _, t in context))))
    return [(name, terms) for name, terms in named if terms]


def asked_places(question: str) -> list[set[str]]:
    """The head terms of each name ``question`` places something in ("at Manzanillo airport",
    "in Michoacán"): the answer's own passage must say where it happened. Not
    a day, an owner ("in El Mencho's raid"), an acronym ("in the CJNG"), a language ("in
    Spanish") or a word the dictionary knows."""
    own = question.partition(CONTEXT_JOIN)[0]
    found = []
    for name, at, is_placed in later_names(own):
        if not is_placed or _WHERE_IN.search(own[:at]):
            continue  # "Where in Mexico ...?" asks for a place a passage need not say is in it
        owned = name.endswith(("’s", "'s")) and not re.match(r"\s+[A-ZÁÉÍÓÚÑ]", own[at + len(name):])
        if owned or not_a_place(name):
            continue  # "in El Mencho's raid" (not "at Mexico City's Estadio Azteca"), "in the CJNG", "in Spanish"
        if terms := head_terms(fold_accents(name)):
            found.append(terms)
    return found


_WHERE_IN = re.compile(r"\bwhere(?:abouts)?\s+\w+\s+(?:the\s+)?$", re.I)


def place_terms(text: str) -> set[str]:
    """The accent-folded terms of ``text``, and a mark (:func:`_whole_place`) for each place its
    proper adjectives are of in their first sense: "20 Mexican states" says where Mexico is
    ("How many blockades went up across Mexico?"), not New Mexico."""
    folded = fold_accents(text)
    places = {name for word in set(_PROPER_WORD.findall(folded)) for name in pertains_to(word, 1)}
    return canonical_terms(folded) | {_whole_place(name_terms(name)) for name in places}


def _whole_place(terms: set[str] | frozenset[str]) -> str:
    """One term for a place's name as a whole ("=mexico"), which no word of a text is."""
    return "=" + " ".join(sorted(terms))


_PROPER_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")


def said_in_passage(places: list[set[str]], found: set[str], passage: Passage, local: dict[str, set[str]],
                    document: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether each place is said in the sentence (its ``found`` terms), its passage or its
    document's title (``local``: each passage's :func:`place_terms`); a country also by its
    ``document`` when the passage is of no other country ("252 blockades in 20 states" of a
    story about Mexico; not "20 Cuban provinces")."""
    said = local[passage.chunk_id]
    return all(terms & (found | said) or _whole_place(terms) in said
               or (terms & document and _is_country(terms) and not _of_another_country(said, terms))
               for terms in places)


def _is_country(terms: set[str]) -> bool:
    return is_country(" ".join(sorted(terms)))


def _of_another_country(said: set[str], terms: set[str]) -> bool:
    """Whether a passage's place terms (:func:`place_terms`) mark another place's people ("Cuban")."""
    return any(t.startswith("=") and t != _whole_place(terms) for t in said)


def name_keys(name: str) -> set[str]:
    """What mentions ``name`` in a sentence (:func:`rag.text.mentioned_terms` gives a sentence's):
    its :func:`head_terms`, its letters when an acronym ("U.S.", "DEA"), and the initials of a name
    of several words ("United States" is mentioned by "U.S.", "Drug Enforcement Administration"
    by "DEA")."""
    bare = without_possessive(name)
    keys = head_terms(fold_accents(bare)) | initials_key(bare)
    keys |= {acronym_key(bare)} | canonical_terms(bare) if ACRONYM.fullmatch(bare) else set()
    for other in (n for n in country_names(bare) - {bare} if n[:1].isupper()):  # "USA": "U.S.", "America"
        keys |= {acronym_key(other)} if ACRONYM.fullmatch(other) else initials_key(other) or canonical_terms(other)
    return keys


def initials_key(name: str) -> set[str]:
    """The acronym key of a name of several capitalised words ("United States": U.S.), else none."""
    words = [w for w in name.split() if w[:1].isupper()]
    return {acronym_key("".join(w[0] for w in words))} if len(words) > 1 else set()


def head_terms(name: str) -> set[str]:
    """What mentions ``name``: the terms of either of its last two words (after its owner's, and
    before an organisation's kind: "Navy" of "Mexico's Navy Secretariat") that are neither a
    title ("Pope", "Secretary") nor a suffix ("Jr.", "XIV"): "Sheinbaum" mentions "Claudia
    Sheinbaum Pardo". An acronym of three letters or more is mentioned by its letters ("CIA",
    "Cia", "Central Intelligence Agency"); a two-letter one ("US", "UN") never fails a
    document, which may say "American" or "Washington" instead. Empty: nothing to require."""
    words = lexicon()
    skip = set(words["title_words"]) | set(words["name_suffixes"])
    owned = re.split(r"\S+(?:’s|'s)\s+", name, maxsplit=1)[-1]  # "Mexico's Navy Secretariat": the Navy's
    last = [without_possessive(w) for w in (owned or name).split()
            if w[:1].isupper() and w not in skip and len(w.strip(".")) > 1]  # not "of", "F."
    if len(last) > 1 and last[-1] in words["organisation_words"] and "ADJ" not in readings(last[-2].lower()):
        last = last[:-1]  # "Navy Secretariat": a secretariat is the Defence one too; the Navy names it
        # (not "National" of "National Guard")
    if len(last) == 1 and ACRONYM.fullmatch(last[0]):
        letters = last[0].replace(".", "")
        return {acronym_key(letters), *canonical_terms(letters)} if len(letters) > 2 else set()
    if len(last) == 1 and (country := _country_of(last[0])):  # "Mexican": said by "Mexico"
        return canonical_terms(last[0]) | country
    said = set().union(*(canonical_terms(w) for w in last[-2:])) if last else set()
    return said | _capital_of(without_possessive(name)) if said else said  # "Washington": by "U.S." too


def _capital_of(name: str) -> set[str]:
    """The terms of the one-word names of the country a national capital stands for
    ("Washington": "US", "USA", "America"), by which a document mentions it too."""
    return set().union(*(canonical_terms(n) for n in capital_of(name) if " " not in n))


def _country_of(word: str) -> set[str]:
    """The terms of the one-word names a proper adjective or people is of ("Mexicans": Mexico)."""
    return set().union(*(canonical_terms(n) for n in pertains_to(word) if n.isalpha()))  # "Korea",
    # not "Dae-Han-Min-Gook" (its parts are other words) nor "United States" ("united", "states")


def document_terms(passages: list[Passage]) -> dict[str, set[str]]:
    """What each document mentions (title, outlet, text; accents aside): the whole document's
    terms when retrieval looked them up, else those of its retrieved passages."""
    terms: dict[str, set[str]] = {}
    for p in passages:
        terms.setdefault(p.doc_id, set()).update(p.mentions or mentioned_terms(p.title, p.outlet, p.text))
    return terms


_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?([^,;?—]+)", re.I)


def source_names(question: str) -> tuple[frozenset[str], ...]:
    """The head terms of each name ``question`` takes its answer from ("Associated Press" of "…,
    according to the Associated Press?"; "Universal" of "El Universal"): the answering sentence,
    the one before it or its document's title and outlet must say one of them (:func:`head_terms`),
    as a figure of the AP's is not one the secretariat gave. Empty for a name a document may
    write otherwise ("the AP")."""
    found = _ACCORDING.search(question.partition(CONTEXT_JOIN)[0])
    names = names_in(f" {found.group(1)}") if found else []
    return tuple(t for t in (frozenset(head_terms(fold_accents(n))) - PARTICLES for n in names) if t)


@lru_cache(maxsize=256)
def agent_names(question: str) -> tuple[frozenset[str], ...]:
    """The head terms of each name in the subject of a how-much, how-many or what do-question
    (:func:`rag.events.asked_agent`) that is a name, a person or a body ("Alaska", "Mexico's
    attorney general", "the Mexican government"; not "the Mexican peso", "Coparmex's survey"):
    one of them must be said where the deed is (see :mod:`rag.answer`). None when a name is
    one a document may write otherwise ("the AP")."""
    subject = asked_agent(question)
    head = noun_phrase(subject)[0].lower() if subject else ""
    if head and not is_doer(head):
        return ()
    terms = [frozenset(head_terms(fold_accents(n)) | initials_key(without_possessive(n)))
             for n in names_in(f" {subject}")]
    return () if not all(terms) else tuple(terms)


def is_doer(noun: str) -> bool:
    """Whether ``noun`` (lower case, maybe plural) is one who acts: a person by what they are
    (:func:`rag.roles.is_role_noun`: "boss", "officials"), an organisation or a named kind
    ("government", "airline")."""
    return is_role_noun(noun) or any(n in _bodies() for n in (noun, singular(noun)))


@lru_cache(maxsize=1)
def _bodies() -> frozenset[str]:
    """Heads through which an owner acts: organisations ("Mexico's government") and named kinds."""
    words = lexicon()
    return frozenset(w.lower() for w in words["organisation_words"] + words["named_kinds"])


@lru_cache(maxsize=256)  # asked of every candidate sentence
def speaker_names(question: str) -> tuple[frozenset[str], ...]:
    """The head terms of each name in whose words a "what did X say?" question asks for
    (:func:`rag.events.asked_speaker`), which the answering sentence or the one before it must
    say: Michoacán of "What did the governor of Michoacán say?" (not the Jalisco governor's
    words). Not an owner ("Trump's press secretary" is not Trump) nor a role, which the sources
    may give as a name ("Mexico's president", "the Attorney General", "Mexico's Security
    Secretary", "the Mexican president": "Sheinbaum said"): a name kept has a word neither the
    dictionary nor WordNet's peoples know (Michoacán, Sheinbaum), after its owner's. Empty for
    other questions."""
    kept = []
    for name in names_in(f" {asked_speaker(question)}"):
        own = re.split(r"\S+(?:’s|'s)\s+", name)[-1]  # "Mexico's Security Secretary": not Mexico's
        if own == without_possessive(own) and any(not readings(w.lower()) and not pertains_to(w)
                                                  for w in own.split()):  # nor a people: "the Mexican president"
            kept.append(frozenset(head_terms(fold_accents(own))))
    return tuple(terms for terms in kept if terms)
