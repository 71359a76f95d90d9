"""Conversations: follow-up questions rewritten into standalone ones, each turn cited anew."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rag.answer_types import last_time_phrase
from rag.chunking import count_tokens
from rag.llm import LLMError
from rag.text import (AUXILIARIES, CONTEXT_JOIN, PREPOSITIONS, WH_WORDS, canonical_terms, chunk_id,
                      lexicon, names_in, split_chunk_id, strip_markers)
from rag.types import Answer, final_answer

if TYPE_CHECKING:
    from rag.assistant import Assistant

log = logging.getLogger(__name__)

_PRONOUNS = frozenset(
    "it its they them their theirs he him his she her hers this that these those there then "
    "himself herself itself themselves one".split()
)
_LEAD = re.compile(r"^\s*(?:and|but|also|so|then|what about|how about|and what about)\b", re.I)
_WORDS = re.compile(r"[^\W\d_][\w’'-]*")
# Leading question words of an earlier question, dropped when it becomes context.
_ASKING = re.compile(
    rf"^\s*(?:(?:how(?: many| much| long)|{WH_WORDS})\s+)?(?:(?:{AUXILIARIES})\s+)?", re.I)
_JOIN = CONTEXT_JOIN
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset(PREPOSITIONS.split("|"))
_QUESTION_WORDS = frozenset(f"{WH_WORDS}|{AUXILIARIES}".split("|"))
_NOT_A_NOUN = _PREPOSITIONS | frozenset(
    "about with that the a an if when whether what why how and or yesterday today tomorrow tonight "
    "again now then there here too also first last later earlier".split())
_FRAGMENT = re.compile(  # "And by Monday morning?", "What about the soldiers?": no verb of its own
    rf"^\s*(?:and|but|also|what about|how about|and what about)\s+(?!(?:{WH_WORDS}|{AUXILIARIES})\b)"
    rf"((?:(?!\b(?:{WH_WORDS})\b)[^?]){{1,80}})\?*\s*$", re.IGNORECASE)


@dataclass
class Turn:
    """One question of a conversation and the answer it got."""

    question: str
    answer: Answer


def is_follow_up(question: str) -> bool:
    """Whether ``question`` leans on earlier turns: a pronoun, a leading "and"/"what about",
    or hardly any content of its own ("Until when?", "Why?").

    Example:
        >>> is_follow_up("Until when?"), is_follow_up("Who led the Jalisco cartel?")
        (True, False)
    """
    words = {w.lower() for w in _WORDS.findall(question)}
    return bool(_LEAD.match(question)) or bool(words & _PRONOUNS) or len(canonical_terms(question)) <= 1


def subject_of(question: str) -> str:
    """An earlier question as context: without its question words and question mark.

    Example:
        >>> subject_of("What did the State Department tell American travelers?")
        'the State Department tell American travelers'
    """
    return _ASKING.sub("", question.strip()).rstrip(" ?.!")


def context_of(query: str) -> str:
    """What a turn was about: the subject it carried, or its own subject."""
    _, carried, context = query.partition(_JOIN)
    return context.rstrip(" ?") if carried else subject_of(query)


def _names(text: str) -> str:
    """The capitalised words of ``text`` (the named entities, roughly)."""
    return " ".join(w for w in _WORDS.findall(text) if w[:1].isupper())


def offline_rewrite(question: str, previous_query: str | None) -> str:
    """A deterministic standalone question from a follow-up and the earlier turn's question.

    - A person pronoun becomes the person the earlier question named ("Where is he now?"
      after "Who is El Menchito?" -> "Where is El Menchito now?"); an answer's people are not
      used: which of them "he" means is a guess.
    - A fragment ("And by Monday morning?") takes the earlier question's place: its phrase
      with the same preposition is replaced ("How many had been cleared by Monday morning?").
    - Otherwise the earlier turn's names are carried ("Until when — State Department
      American?"), or its whole subject when it names nothing.
    Self-contained questions and first turns come back unchanged.
    """
    if not previous_query or not is_follow_up(question):
        return question
    previous, _, carried = previous_query.partition(_JOIN)
    person = _person(f"{previous} {carried}")
    resolved = _PERSON_PRONOUN.sub(lambda m: _referent(m, person), question, count=1) \
        if person else question
    fragment = _FRAGMENT.match(resolved)
    if fragment:
        return _in_place_of(fragment.group(1).strip(), previous.rstrip(" ?"), carried)
    if resolved != question:
        return resolved
    context = _names(context_of(previous_query)) or context_of(previous_query)
    if not context:
        return question
    return f"{question.strip().rstrip('?')}{_JOIN}{context}?"


def _person(text: str) -> str:
    """The first name in ``text`` that looks like a person's: two to four capitalised words
    after any title or organisation word, no abbreviation ("White House", "U.S." are not)."""
    words_of = lexicon()
    stops = set(words_of["organisation_words"]) | set(words_of["title_words"])
    for name in names_in(" " + text):  # a name may open the earlier question
        words = name.replace("’s", "").replace("'s", "").split()
        while words and words[0].lower() in _QUESTION_WORDS:  # "Was El Mencho ..."
            words = words[1:]
        if organisations := [i for i, w in enumerate(words) if w in stops]:
            words = words[organisations[-1] + 1:]  # "Press Secretary Karoline Leavitt"
        if 2 <= len(words) <= 4 and not any("." in w for w in words):
            return " ".join(words)
    return ""


def _referent(pronoun: re.Match[str], name: str) -> str:
    """``name`` in the place of a person pronoun: "his"/"hers", and "her" before a noun
    ("her statement", not "ask her about"), take "'s"."""
    word, after = pronoun.group().lower(), pronoun.string[pronoun.end():].split()
    possessive = word in ("his", "hers") or (
        word == "her" and bool(after) and after[0].strip("?.,!").lower() not in _NOT_A_NOUN
        and after[0][:1].isalpha())
    return f"{name}'s" if possessive else name


def _in_place_of(fragment: str, previous: str, carried: str) -> str:
    """The earlier question with ``fragment`` in place of its phrase that starts with the same
    preposition, or added to it; a fragment without a preposition is carried like context."""
    tail = f"{_JOIN}{carried.rstrip(' ?')}" if carried else ""
    preposition = fragment.split()[0].lower()
    if preposition in _PREPOSITIONS:
        spans = list(re.finditer(rf"\b{preposition}\s+(?:(?!\b(?:{PREPOSITIONS})\b)[^,;?—])+",
                                 previous, re.IGNORECASE))
        last = spans[-1] if spans else (last_time_phrase(previous) if last_time_phrase(fragment) else None)
        if last:
            return f"{previous[:last.start()]}{fragment} {previous[last.end():].lstrip()}".rstrip() + f"{tail}?"
        return f"{previous} {fragment}{tail}?"
    return f"{fragment}{_JOIN}{previous}?"


class Conversation:
    """Ask follow-up questions; each answer carries its own verified citations.

    Example::

            conversation = assistant.conversation()
            conversation.ask("What did the State Department tell American travelers?").text
            second = conversation.ask("Until when?")
            second.query   # the standalone question used for retrieval
            # 'Until when — State Department American?'
    """

    def __init__(self, assistant: "Assistant", history_tokens: int | None = None):
        self.assistant = assistant
        self.history_tokens = (assistant.config.history_tokens if history_tokens is None
                               else history_tokens)
        if self.history_tokens < 1:
            raise ValueError("history_tokens must be positive")
        self.turns: list[Turn] = []
        self.lock = threading.Lock()  # for callers that share a conversation between threads

    def ask(self, question: str, top_k: int | None = None,
            assistant: "Assistant | None" = None) -> Answer:
        """Answer ``question`` in the context of the earlier turns (see :meth:`ask_stream`)."""
        return final_answer(self.ask_stream(question, top_k, assistant))

    def ask_stream(self, question: str, top_k: int | None = None,
                   assistant: "Assistant | None" = None) -> Iterator[str | Answer]:
        """Like :meth:`Assistant.ask_stream`, with the question made standalone first.

        ``assistant`` answers this turn and the later ones (the same index with other
        settings, e.g. another answer mode chosen in the UI).
        """
        if not isinstance(question, str) or not question.strip():
            raise ValueError("the question is empty: ask something about the documents")
        if assistant is not None:
            self.assistant = assistant
        clipped = question[: self.assistant.config.max_question_chars]
        query = self.rewrite(clipped) if self.turns else None
        prefer = self._nearby() if query and query != clipped else set()  # only follow-ups
        for item in self.assistant.ask_stream(question, top_k, query=query, prefer=prefer):
            if isinstance(item, Answer):  # recorded before it is handed out
                self.turns.append(Turn(question, item))
            yield item

    def rewrite(self, question: str) -> str:
        """The standalone question: the model's condensed version, or the offline rewrite."""
        offline = offline_rewrite(question, self.turns[-1].answer.query if self.turns else None)
        if offline == question or not self.assistant.config.uses_llm:
            return offline  # a self-contained question is never rewritten
        try:
            condensed = self._condense(question)
        except LLMError as exc:
            log.warning("condensing the follow-up failed (%s); using the offline rewrite", exc)
            return offline
        config = self.assistant.config
        longest = config.condense_max_ratio * len(question) + config.condense_max_extra_chars
        return condensed if _plausible(condensed, question, self.history(), longest) else offline

    def history(self) -> str:
        """The recent turns as text, newest kept, within the token budget."""
        lines: list[str] = []
        used = 0
        for turn in reversed(self.turns):
            words = strip_markers(turn.answer.text).split()
            answer = " ".join(words[: self.assistant.config.history_answer_words])
            block = f"Q: {turn.question}\nA: {answer}"
            cost = count_tokens(block)
            if used + cost > self.history_tokens:
                break
            lines.insert(0, block)
            used += cost
        return "\n".join(lines)

    def _condense(self, question: str) -> str:
        return self.assistant.generator.condense(self.history(), question)

    def _nearby(self) -> set[str]:
        """Chunks the last turn cited, and their neighbours: follow-ups usually stay close."""
        if not self.turns:
            return set()
        nearby: set[str] = set()
        for citation in self.turns[-1].answer.citations:
            parsed = split_chunk_id(citation.chunk_id)
            if parsed:
                doc_id, index = parsed
                nearby.update(chunk_id(doc_id, index + step) for step in (-1, 0, 1) if index + step >= 0)
        return nearby


def _plausible(condensed: str, question: str, history: str, longest: int) -> bool:
    """A small model's rewrite must be a short question that keeps every content word of the
    follow-up and brings in something from the conversation ("Until when?" -> "Until what?"
    is no rewrite; "The U.S. had a reward for him." is no question)."""
    if not condensed.endswith("?") or len(condensed) > longest:
        return False
    own, new = canonical_terms(question), canonical_terms(condensed)
    return own <= new and bool((new - own) & canonical_terms(history))
