"""Answers in a terminal: streamed text, the checked answer, its sources, and the chat loop."""

from __future__ import annotations

import sys
from typing import Any, Callable, NoReturn, Sequence

from ui.render import merge_spans


def usage_error(message: str) -> NoReturn:
    """Exit 2 with one line on stderr (a mistake in the command, not a crash)."""
    print(f"rag: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def mark_spans(text: str, spans: Sequence[tuple[int, int]], left: str = "[[", right: str = "]]") -> str:
    """``text`` with each ``(start, end)`` span wrapped in markers (overlaps merged).

    >>> mark_spans("abcdef", [(3, 5), (1, 4)])
    'a[[bcde]]f'
    """
    out, cursor = [], 0
    for start, end in merge_spans(spans, len(text)):
        out += [text[cursor:start], left, text[start:end], right]
        cursor = end
    return "".join(out + [text[cursor:]])


def print_answer(answer: Any, streamed: str | None = None) -> None:
    """The answer (unless it was streamed as is), how the question was understood, notices,
    and the sources with their quotes, or related reading after a decline."""
    if not streamed:
        print(answer.text)
    elif streamed.strip() != answer.text.strip():
        heading = ("Offline extractive answer instead:" if answer.mode == "extractive"
                   else "Checked answer (citations verified and renumbered):")
        print(f"\n\n{heading}")
        print(answer.text)
    else:
        print()
    if answer.reworded:
        print(f"(understood as: {answer.understood or answer.query})")
    for sentence in answer.unsupported:
        print(f"unverified: {sentence}")
    for note in answer.notices:
        print(f"note: {note}")
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            meta = ", ".join(x for x in (c.outlet, c.author, c.date) if x)
            print(f"  [{c.number}] {c.title} ({meta}) {c.source}")
            print(f"      “{c.quote}”  — rag show {c.doc_id} --mark {c.quote_start}:{c.quote_end}")
    elif answer.refused and answer.related:
        print("\nRelated reading:")
        for p in answer.related:
            print(f"  - {p.title} ({p.doc_id}): {p.text[:160]}…")


def ask(asker: Any, question: str, k: int | None) -> Any:
    """``asker.ask`` (an assistant or a conversation), a bad question a usage error."""
    try:
        return asker.ask(question, top_k=k)
    except ValueError as exc:
        usage_error(str(exc))


def ask_streaming(asker: Any, question: str, k: int | None) -> None:
    """Print the answer as it is written, then the checked version and its sources."""
    parts: list[str] = []
    try:
        for item in asker.ask_stream(question, top_k=k):
            if isinstance(item, str):
                parts.append(item)
                print(item, end="", flush=True)
            else:
                print_answer(item, "".join(parts))
    except ValueError as exc:
        usage_error(str(exc))


def print_source(answer: Any, command: str) -> None:
    """`/sources N`: the cited passage N of the last answer, its quote [[marked]]."""
    number = command.split(maxsplit=1)[1] if " " in command else ""
    cited = {str(c.number): c for c in (answer.citations if answer else [])}
    if number not in cited:
        known = ", ".join(cited) or "none"
        print(f"usage: /sources N, where N is a citation of the last answer ({known})")
        return
    c = cited[number]
    at = max(c.passage.find(c.quote), 0)
    print(f"[{c.number}] {c.title} ({', '.join(x for x in (c.outlet, c.date) if x)}) {c.source}")
    print(mark_spans(c.passage, [(at, at + len(c.quote))]))


def chat(new_conversation: Callable[[], Any], k: int | None, read: Callable[[str], str] = input) -> int:
    """The terminal chat: follow-ups in context, `/sources N`, `/new`; an empty line quits."""
    conversation = new_conversation()
    print("Ask about the documents; follow-up questions are understood in context.\n"
          "/sources N prints cited passage N; /new starts over; an empty line or Ctrl-D quits.")
    while True:
        try:
            question = read("\n? ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        if question.startswith("/sources"):
            print_source(conversation.turns[-1].answer if conversation.turns else None, question)
        elif question == "/new":
            conversation = new_conversation()
            print("New conversation.")
        else:
            try:
                ask_streaming(conversation, question, k)
            except SystemExit:  # a bad question is reported; the conversation goes on
                continue
