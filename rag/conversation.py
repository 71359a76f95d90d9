"""Conversations: follow-up questions rewritten into standalone ones, each turn cited anew."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from rag.attribution import asks_source
from rag.chunking import count_tokens
from rag.compare import asked_again
from rag.llm import LLMError
from rag.markers import strip_markers
from rag.pronouns import PASSAGE_BREAK
from rag.rewrite import offline_rewrite
from rag.text import AUXILIARIES, CONTEXT_JOIN, WH_WORDS, canonical_terms, chunk_id, split_chunk_id, with_apostrophes
from rag.types import Answer, Citation, final_answer

if TYPE_CHECKING:
    from rag.assistant import Assistant

log = logging.getLogger(__name__)


@dataclass
class Turn:
    """One question of a conversation and the answer it got."""

    question: str
    answer: Answer


class Conversation:
    """Ask follow-up questions; each answer carries its own verified citations.

    Example::

            conversation = assistant.conversation()
            conversation.ask("What did the State Department tell American travelers?").text
            second = conversation.ask("Until when?")
            second.query   # the standalone question used for retrieval
            # 'Until when did the State Department tell American travelers?'
    """

    def __init__(self, assistant: "Assistant", history_tokens: int | None = None):
        self.assistant = assistant
        self.history_tokens = (assistant.config.history_tokens if history_tokens is None
                               else history_tokens)
        if self.history_tokens < 1:
            raise ValueError("history_tokens must be positive")
        self.turns: list[Turn] = []
        self._offline = ""  # the last offline rewrite (``understood`` reads its dash)
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
        clipped = with_apostrophes(question[: self.assistant.config.max_question_chars])  # "whats"
        clipped = self.assistant.keywords.get().recased(clipped)  # "and in zapopan?": a name
        last = self.turns[-1].answer if self.turns else None
        again = asked_again(clipped, last.query) if last else ""  # "Did Reuters say the same?"
        if again:
            self._offline = query = again  # a comparison is read the same way in every mode
        else:
            query = self.rewrite(clipped) if self.turns else None
        beside = _first_supported(last) if again and last else None
        asks_whose = last is not None and not again and asks_source(clipped)  # "Who gave that number?"
        source_of = _supported(last) if asks_whose and last else []
        prefer = self._nearby() if query and query != clipped else set()  # only follow-ups
        carried = query is not None and query == self._offline  # a model's question is its own
        for item in self.assistant.ask_stream(question, top_k, query=query, prefer=prefer,
                                              beside=beside, source_of=source_of):
            if isinstance(item, Answer):  # recorded before it is handed out
                item.understood = understood(clipped, item.query, self.turns) if carried else item.query
                self.turns.append(Turn(question, item))
            yield item

    def rewrite(self, question: str) -> str:
        """The standalone question: the model's condensed version, or the offline rewrite."""
        last = self.turns[-1].answer if self.turns else None
        answered = last is not None and not last.refused
        sources, earlier = self._recent()
        offline = offline_rewrite(question, last.query if last else None, last.text if answered else "",
                                  sources=sources, earlier=earlier)
        self._offline = offline
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

    def _recent(self) -> tuple[str, str]:
        """The recent turns' answers and cited passages (whom a "she" can stand for), and the
        questions before the last one (names a pronoun may go back to)."""
        recent = self.turns[-self.assistant.config.pronoun_turns:]
        sources = PASSAGE_BREAK.join(PASSAGE_BREAK.join([t.answer.text, *(c.passage for c in t.answer.citations)])
                                     for t in recent if not t.answer.refused)
        return sources, " ".join(t.answer.query for t in reversed(recent[:-1]))

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


def _supported(last: Answer) -> list[Citation]:
    """The earlier answer's citations whose claims were supported; none after a decline."""
    return [] if last.refused else [c for c in last.citations if c.supported]


def _first_supported(last: Answer) -> Citation | None:
    """What a comparison ("Did Reuters give the same number?") sets the other account beside:
    the earlier answer's first supported citation; none after a decline."""
    return next(iter(_supported(last)), None)


def understood(question: str, query: str, earlier: list[Turn]) -> str:
    """How a follow-up was read, as a reader can read it: the standalone question, or, when
    words of an earlier question were carried after a dash for the search ("When did she get
    there — the army know El Mencho would be there?"), the follow-up's own question and the
    earlier question they come from ("When did she get there? (after “How did the army know
    El Mencho would be there?”)")."""
    own, join, carried = query.partition(CONTEXT_JOIN)
    if not earlier or not join or CONTEXT_JOIN in question:
        return query
    if not _QUESTION.match(own) and canonical_terms(own) <= canonical_terms(question):
        own = question  # a fragment as asked ("What about the toll?"), unless it was rewritten
    return f"{_asked(own)} (after “{_asked(_source(carried.rstrip(' ?'), earlier))}”)"


def _source(carried: str, earlier: list[Turn]) -> str:
    """The earlier question whose words were ``carried``: the words themselves, or only its
    names ("State Department, American"); the last one when none holds them."""
    names = [n.strip().lower() for n in carried.split(",")]
    for turn in reversed(earlier):
        asked = turn.answer.query.partition(CONTEXT_JOIN)[0]
        if carried.lower() in asked.lower() or all(n and n in asked.lower() for n in names):
            return asked if _QUESTION.match(asked) else turn.question  # a fragment, as asked
    last = earlier[-1].answer
    return last.understood.partition(" (after “")[0] if last.understood else earlier[-1].question


def _asked(text: str) -> str:
    """``text`` as a question: a capital first letter and one question mark."""
    text = " ".join(text.split()).rstrip(" ?.!")
    return f"{text[:1].upper()}{text[1:]}?"


_QUESTION = re.compile(rf"^\s*(?:(?:and|but|so)\s+)?(?:{WH_WORDS}|{AUXILIARIES}|in|on|at|to|for|from|by|with|until|since)\b",
                       re.IGNORECASE)


def _plausible(condensed: str, question: str, history: str, longest: int) -> bool:
    """A small model's rewrite must be a short question that keeps every content word of the
    follow-up and brings in something from the conversation ("Until when?" -> "Until what?"
    is no rewrite; "The U.S. had a reward for him." is no question)."""
    if not condensed.endswith("?") or len(condensed) > longest:
        return False
    own, new = canonical_terms(question), canonical_terms(condensed)
    return own <= new and bool((new - own) & canonical_terms(history))
