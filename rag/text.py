"""The pure text and scoring core: terms, coverage, the support formula, markers, chunk ids."""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

LEXICON_PATH = Path(__file__).with_name("lexicon.json")
_CHUNK_SEP = "::c"
# Question words and prepositions, as regex alternations (question parts, follow-ups, types).
WH_WORDS = "how|what|when|where|which|who|whom|whose|why"
AUXILIARIES = "did|does|do|is|are|was|were|has|have|had|can|could|will|would"
PREPOSITIONS = "on|by|in|at|during|until|since|before|after|from|to|for|of|with"
LOCATIVES = "in|at|near|inside|outside|around|across|throughout"  # before a place: "in Jalisco"
PREPOSITION_WORDS = frozenset(PREPOSITIONS.split("|")) | frozenset(LOCATIVES.split("|"))
CONTEXT_JOIN = " — "  # between a question and the context carried into it
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"  # for regexes
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan\\.|feb\\.|aug\\.|sept?\\.|oct\\.|nov\\.|dec\\.")
NAME_RUN = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\w’'.-]*(?:\s+(?:de|del|la|los|las|of|the)?\s*[A-ZÁÉÍÓÚÑ][\w’'.-]*)*")
_TIME_NAME = re.compile(rf"^(?:{WEEKDAYS}|{MONTHS})$", re.IGNORECASE)
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")  # "CJNG", "U.S."
NAME_WORD = r"[A-ZÁÉÍÓÚÑ][\w’'\-áéíóúñ]+"  # for regexes: one capitalised word
# for regexes: a quoted nickname ("El Mencho", "El 03"): one to four capitalised words, unlike speech
NICKNAME = r"[“\"][A-ZÁÉÍÓÚÑ0-9][\w’'-]*(?:\s[A-ZÁÉÍÓÚÑ0-9][\w’'-]*){0,3}[”\"]"
_POSSESSIVE = re.compile(r"(?:’s|'s)$")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists in ``rag/lexicon.json`` (question filler, synonyms, roles): general
    English, none of one article's."""
    return json.loads(LEXICON_PATH.read_text(encoding="utf-8"))


_PER_THREAD = threading.local()


def stemmer() -> Any:
    """The Snowball English stemmer of the BM25 terms (a PyStemmer ``Stemmer``): one per
    thread, since a Stemmer's buffers and cache are not safe to share between threads."""
    if (own := getattr(_PER_THREAD, "stemmer", None)) is None:
        import Stemmer

        own = _PER_THREAD.stemmer = Stemmer.Stemmer("english")
    return own


# Contractions typed without the apostrophe, which the question patterns expect: "whats",
# "didnt", "cant" (not "whatt" or "Whatsapp")
_CONTRACTED = re.compile(r"\b(?:(what|where|who|how|when|why|there|that)(s)|"
                         r"(did|does|do|is|are|was|were|has|have|had|could|would|should|ca|wo)(nt))\b",
                         re.IGNORECASE)


def with_apostrophes(question: str) -> str:
    """``question`` with the apostrophes of typed contractions put back.

    >>> with_apostrophes("whats the toll and why didnt they stop?")
    "what's the toll and why didn't they stop?"
    """
    def mend(m: re.Match[str]) -> str:
        if m.group()[:1].isupper() and _TITLE_GOES_ON.match(question, m.end()):
            return m.group()  # a title ("Dont Look Up")
        if m.group().lower() == "wont" and _OWNED.search(question, 0, m.start()):
            return m.group()  # "as was his wont"
        return f"{m.group(1)}'{m.group(2)}" if m.group(1) else f"{m.group(3)}{m.group(4)[0]}'{m.group(4)[1]}"
    return _CONTRACTED.sub(mend, question)


_OWNED = re.compile(r"\b(?:his|her|their|its|my|your|our)\s+$", re.IGNORECASE)
_TITLE_GOES_ON = re.compile(r"\s+[A-Z]")


TOKENS_VERSION = 2  # of :func:`tokenize`: a keyword index saved by another version is rebuilt


def tokenize(texts: list[str]) -> list[list[str]]:
    """BM25 terms: lower-cased, English stop words removed, Snowball-stemmed, an acronym one
    term however it is written (:func:`acronyms_joined`)."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG when imported
    return bm25s.tokenize(
        [acronyms_joined(t) for t in texts], stopwords="en", stemmer=stemmer(), return_ids=False,
        show_progress=False,
    )


def acronyms_joined(text: str) -> str:
    """``text`` with each dotted acronym written as one word, in capitals ("U.S." and "u.s" ->
    "US", "p.m." -> "PM"), and the United States' ("US", "USA", "the us") as "USA", unlike the
    pronoun "us".

    bm25s's tokenizer keeps words of two or more letters: it dropped "U.S." letter by letter, so
    a question's "US" and a document's "U.S." never met.

        >>> acronyms_joined("U.S. officials, the us embassy and the U.N. told us")
        'USA officials, the USA embassy and the UN told us'
    """
    joined = _DOTTED.sub(lambda m: m.group().replace(".", "").upper(), text)
    return _US.sub("USA", joined)


_DOTTED = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z])+\.?(?![\w])")
_US = re.compile(r"\bUSA?\b|(?<=\b[Tt]he )us\b")  # "told us": the pronoun


@lru_cache(maxsize=1)
def _term_lists() -> tuple[frozenset[str], dict[str, str]]:
    words = lexicon()
    return frozenset(words["question_filler_stems"]), dict(words["synonym_stems"])


@lru_cache(maxsize=1)
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """English idioms said as one word ("lost their lives" -> "died"), as one regex."""
    table = lexicon()["phrase_synonyms"]
    return re.compile("|".join(rf"\b(?:{p})\b" for p in table), re.IGNORECASE), table


def idioms_out(text: str) -> str:
    """``text`` with the lexicon's phrases said as their word ("Gen. Trevilla" -> "general Trevilla")."""
    pattern, table = _phrases()
    return pattern.sub(lambda m: next(word for p, word in table.items()
                                      if re.fullmatch(p, m.group(), re.IGNORECASE)), text)


def canonical_terms(text: str) -> set[str]:
    """Stemmed content terms of ``text`` with synonyms folded together (question words out).

    Irregular verb forms are their verb ("left" is "leave", "fled" is "flee"), which a
    stemmer cannot see. The synonym table is small: MiniLM's cosine handles most paraphrase;
    it only keeps key predicates ("died" ~ "killed") from counting as missing.
    """
    if len(text) > _CACHED_CHARS:  # a whole document: its caller caches it, this would pin it
        return set(_terms(text))
    return set(_cached_terms(text))  # a copy: callers add to it


_CACHED_CHARS = 2000  # sentences and questions, not documents


@lru_cache(maxsize=65536)  # the same sentences are read again for every question
def _cached_terms(text: str) -> frozenset[str]:
    return _terms(text)


def _terms(text: str) -> frozenset[str]:
    filler, synonyms = _term_lists()
    text = _LOWER_WORD.sub(lambda m: _verb_of(m.group()), idioms_out(text))
    return frozenset(synonyms.get(t, t) for t in tokenize([text])[0] if t not in filler)


_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")  # not names: "Rose", "Drew", "Fed"


@lru_cache(maxsize=65536)
def _verb_of(word: str) -> str:
    """The verb an irregular form is of ("left" -> "leave"); other words unchanged.

    lemminflect's dictionary knows English verb forms; one whose stem is its verb's ("lives",
    "killed") changes nothing, one that is a verb of its own ("crew", "wound", "found") or
    a key of the synonym table ("slain", "stuck") is left alone, and the rest become their
    verb ("led" -> "lead", and also "buses" -> "bus": a noun that is also a verb form folds
    with it, at both ends of a comparison). Only the dictionary is read (its rules for
    unknown words are not used).
    """
    stem = stemmer().stemWord
    lemmas = readings(word).get("VERB", (word,))
    if word in lemmas or stem(word) in _term_lists()[1]:  # "crew" (crow), "wound" (wind)
        return word
    return lemmas[0] if stem(lemmas[0]) != stem(word) else word


@lru_cache(maxsize=65536)
def readings(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's dictionary entry for ``word``: its lemmas by part of speech, empty for a
    word it does not know (a name: "Leavitt", "Tapalpa"). Only the dictionary is read.

    >>> readings("arrested")
    {'VERB': ('arrest',)}
    """
    from lemminflect import getAllLemmas  # 0.1 s to import: only when a question needs it

    return getAllLemmas(word)


@lru_cache(maxsize=4096)
def is_stopword(word: str) -> bool:
    """Whether ``word`` is an English stop word ("The", "she", "in") by the BM25 tokenizer."""
    return not tokenize([word])[0]


def without_possessive(word: str) -> str:
    """``word`` without a final "'s" ("Reyes's" -> "Reyes")."""
    return _POSSESSIVE.sub("", word)


def placed(text: str, at: int, also: str = "") -> bool:
    """Whether a locative preposition comes right before ``at`` in ``text``: a place follows
    ("in Jalisco", "at the Estadio Akron"); ``also``: more prepositions, as a regex alternation
    ("from|to" before a place a flight or road leads; "on" before a day too), which may stand
    before a name of anything else as well ("married to Rosalinda", "on Fox News").

    >>> placed("flown to a facility in Jalisco", 23), placed("married to Rosalinda", 11)
    (True, False)
    """
    words = f"{LOCATIVES}|{also}" if also else LOCATIVES
    return bool(re.search(rf"\b(?:{words})\s+(?:the\s+)?$", text[max(0, at - 16):at], re.IGNORECASE))


def later_names(text: str) -> list[tuple[str, int, bool]]:
    """The names after ``text``'s first word (capitalised anyway), each with where it starts
    and whether a locative preposition places it (:func:`placed`: "in Jalisco").

    >>> later_names("Which town in Jalisco did El Mencho hide in?")
    [('Jalisco', 14, True), ('El Mencho', 26, False)]
    """
    return [(m.group(), m.start(), placed(text, m.start())) for m in NAME_RUN.finditer(text) if m.start() > 0]


def not_a_place(name: str) -> bool:
    """Whether a name a preposition places is still no place: a day or month ("in December"),
    an acronym ("in the CJNG"), a language or a word the dictionary knows ("in Spanish")."""
    return bool(is_time_name(name) or ACRONYM.fullmatch(name)
                or " " not in name and (readings(name.lower()) or name.endswith(("ish", "ese"))))


def is_time_name(word: str) -> bool:
    """Whether ``word`` names a weekday or month ("Monday's" too)."""
    return bool(_TIME_NAME.match(without_possessive(word)))


def join_names(names: list[str]) -> str:
    """Names carried as a question's context, each one whole ("Sheinbaum, Facebook")."""
    return ", ".join(names)


class Coverage:
    """The idf-weighted share of some terms that a text holds (the lexical half of support).

    Example::

        Coverage({"guard", "kill"}, idf)(canonical_terms("Guards were killed"))  # 1.0
    """

    def __init__(self, terms: set[str], idf: Callable[[str], float]):
        self.terms = terms
        self.weights = {t: idf(t) for t in terms}
        self.total = sum(self.weights.values()) or 1.0

    def __call__(self, found: set[str]) -> float:
        return sum(self.weights[t] for t in self.terms & found) / self.total


def support(cosine: float, coverage: float, w_cosine: float) -> float:
    """How well a text supports or answers another: ``w_cosine`` x cosine + the rest x coverage.

    >>> support(0.8, 0.5, 0.5)
    0.65
    """
    return w_cosine * cosine + (1.0 - w_cosine) * coverage


def chunk_id(doc_id: str, index: int) -> str:
    """The id of a document's ``index``-th chunk, unique within the index.

    >>> chunk_id("a/b.md", 3)
    'a/b.md::c3'
    """
    return f"{doc_id}{_CHUNK_SEP}{index}"


def split_chunk_id(value: str) -> tuple[str, int] | None:
    """``(doc_id, index)`` of a chunk id, or None when ``value`` is not one.

    >>> split_chunk_id("a/b.md::c3"), split_chunk_id("b.md")
    (('a/b.md', 3), None)
    """
    doc_id, sep, index = value.rpartition(_CHUNK_SEP)
    return (doc_id, int(index)) if sep and index.isdigit() else None


def names_in(question: str) -> list[str]:
    """The names a question mentions: capitalised words after its first one, days and months
    aside ("In which town did the Guardia Nacional..." -> ["Guardia Nacional"]).

    >>> names_in("How many visitors did the school in Lagos report on Monday?")
    ['Lagos']
    >>> names_in("Was Nemesio Oseguera killed?")
    ['Nemesio Oseguera']
    """
    from rag.chunking import split_sentences  # chunking reads this module; its sentence ends know "Gen."

    found = []
    for sentence in split_sentences(question):
        for match in NAME_RUN.finditer(question, sentence.start, sentence.end):
            name = match.group()
            if match.start() == 0:  # the first word is capitalised anyway: "Was Nemesio Oseguera..."
                name = name.partition(" ")[2].strip()
            elif match.start() == sentence.start and _opening(name.split()[0]):  # "Who died? What ...?"
                name = name.partition(" ")[2]
            if name and not is_time_name(name) and not _opening(name):
                found.append(_FULL_STOP.sub("", name))  # "Tapalpa." ends a sentence; "U.S." keeps its stop
    return found


_SELF = re.compile(rf"I(?:[’'](?:ve|m|d|ll))?|(?i:{WH_WORDS}|{AUXILIARIES})")  # "I've": the asker
_FULL_STOP = re.compile(r"(?<=[a-záéíóúñ]{3})\.$")


def _opening(word: str) -> bool:
    """Whether a capitalised word is a common one ("What", "In", "I've"), not a name ("China")."""
    return bool(_SELF.fullmatch(word)) or (word.isalpha() and is_stopword(word))  # not "U.S."


def clip(text: str, limit: int) -> str:
    """``text`` with its spaces folded, cut to ``limit`` characters with "…".

    >>> clip("Who   led the raid?", 8)
    'Who led…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


@lru_cache(maxsize=1024)  # an outlet's name is asked of every story question
def name_terms(text: str) -> frozenset[str]:
    """The canonical terms of ``text`` with its accents folded: how a name (an outlet's, a
    person's) is compared ("Michoacán" is "Michoacan")."""
    return frozenset(canonical_terms(fold_accents(text)))


def fold_accents(text: str) -> str:
    """``text`` without diacritics ("García" -> "Garcia"), for comparing names.

    >>> fold_accents("García Harfuch, Michoacán")
    'Garcia Harfuch, Michoacan'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mentioned_terms(title: str, outlet: str, text: str) -> set[str]:
    """What a document (or passage) mentions, for checking a question's names: the canonical
    terms of its title, outlet and text, accents aside, and the acronyms it uses or spells
    out (see :func:`acronym_key`)."""
    parts = [fold_accents(part) for part in (title, outlet, text)]
    folded = " ".join(parts)
    initials = ["".join(w[0] for w in run.split() if w[0].isupper())
                for part in parts for run in _SPELLED_OUT.findall(part)]  # runs end where parts do
    return (canonical_terms(folded) | {acronym_key(a) for a in _ACRONYMS.findall(folded)}
            | {acronym_key(i) for i in initials}
            | {acronym_key(i[1:]) for i in initials if len(i) > 2})  # "The United States"


_ACRONYMS = re.compile(rf"\b{ACRONYM.pattern}(?![\w])")
_SPELLED_OUT = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|de|del|la|the|and|y)\s+)?[A-Z][a-z]+)+")


def acronym_key(acronym: str) -> str:
    """What a document must mention for ``acronym``: its letters in any order, so "CJNG" is
    mentioned by "Jalisco New Generation Cartel" (Spanish and English order their words
    differently) and "U.S." by "United States".

    >>> acronym_key("U.S."), acronym_key("US")
    ('acronym:su', 'acronym:su')
    """
    return "acronym:" + "".join(sorted(c.lower() for c in acronym if c.isalpha()))


def url_host(url: str | None, default_port: int | None = None) -> str:
    """``host`` or ``host:port`` of a URL, never its credentials, path or query (for messages).

    >>> url_host("http://user:secret@127.0.0.1:8080/v1?key=x"), url_host("http://h", 8000)
    ('127.0.0.1:8080', 'h:8000')
    """
    parts = urlsplit(url or "")
    if not parts.hostname:
        return "?"
    port = parts.port or default_port
    return parts.hostname + (f":{port}" if port else "")
