"""The `rag` command: ingest, remove, list, doctor, ask, show, chat, eval."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn, Sequence

from tqdm import tqdm

from rag.config import PROJECT_ROOT

DEFAULT_CORPUS = PROJECT_ROOT / "seeds"


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line message and exit code 2 on usage errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _usage_error(message: str) -> NoReturn:
    print(f"rag: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _open(args: argparse.Namespace, create: bool = False) -> Any:
    from rag import Assistant

    return Assistant.open(index_dir=args.index, create=create, top_k=getattr(args, "k", None),
                          chroma_url=args.chroma_url, answer_mode=args.mode, llm_model=args.model, llm_base_url=args.base_url)


def _cmd_ingest(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_CORPUS]
    for path in paths:
        if not Path(path).exists():
            _usage_error(f"no such file or folder: {path}{_removal_hint(args, path)}")
    report = _open(args, create=True).ingest(paths, progress=None if not args.quiet else False)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.summary())
    return 0


def _removal_hint(args: argparse.Namespace, path: str) -> str:
    """For a path that is gone: how to take its document out, when one is indexed."""
    from rag import IndexUnavailable

    try:
        known = _open(args).find_document(str(path))  # never creates an index for a typo
    except IndexUnavailable:
        return ""
    return f"; to take it out of the index: rag remove {known}" if known else ""


def _cmd_remove(args: argparse.Namespace) -> int:
    assistant = _open(args)
    ids = []
    for name in args.doc_ids:
        found = assistant.find_document(name)
        if found is None:
            _usage_error(f"no document {name!r} in the index (`rag list` shows them); nothing removed")
        ids.append(found)
    left = assistant.remove(ids)
    print(f"removed {len(ids)} document{'s' * (len(ids) != 1)}: {', '.join(ids)}; {left} chunks in the index")
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    checkup = _open(args).doctor(repair=args.repair)
    for line in checkup.repaired:
        print(f"repaired: {line}")
    for line in checkup.problems:
        print(f"problem: {line}")
    if checkup.healthy:
        print("the index is healthy")
        return 0
    if not args.repair:
        print("run `rag doctor --repair` to rebuild what is damaged from what the index stores")
    return 1


def _cmd_list(args: argparse.Namespace) -> int:
    assistant = _open(args)
    documents = sorted(assistant.store.documents.items())
    if args.json:
        print(json.dumps([{"id": d, **e} for d, e in documents], ensure_ascii=False, indent=2))
        return 0
    for doc_id, entry in documents:
        meta = ", ".join(str(x) for x in (entry.get("outlet"), entry.get("date")) if x)
        print(f"{doc_id}\t{entry.get('title', '')} ({meta}) {entry.get('chunks', 0)} chunks\t{entry.get('path', '')}")
    if not documents:
        print("no documents: add some with `rag ingest PATH`")
    return 0


def _print_answer(answer: Any, streamed: str | None = None) -> None:
    if not streamed:
        print(answer.text)
    elif streamed.strip() != answer.text.strip():
        heading = ("Offline extractive answer instead:" if answer.mode == "extractive"
                   else "Checked answer (citations verified and renumbered):")
        print(f"\n\n{heading}")
        print(answer.text)
    else:
        print()
    if answer.query and answer.query != " ".join(answer.question.split()):
        print(f"(understood as: {answer.query})")
    for sentence in answer.unsupported:
        print(f"unverified: {sentence}")
    for note in answer.notices:
        print(f"note: {note}")
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            meta = ", ".join(x for x in (c.outlet, c.date) if x)
            print(f"  [{c.number}] {c.title} ({meta}) {c.source}")
            print(f"      “{c.quote}”  — rag show {c.doc_id} --mark {c.quote_start}:{c.quote_end}")
    elif answer.refused and answer.related:
        print("\nRelated reading:")
        for p in answer.related:
            print(f"  - {p.title} ({p.doc_id}): {p.text[:160]}…")


def _ask(assistant: Any, question: str, k: int | None) -> Any:
    try:
        return assistant.ask(question, top_k=k)
    except ValueError as exc:
        _usage_error(str(exc))


def _ask_streaming(assistant: Any, question: str, k: int | None) -> None:
    """Print the answer as it is written, then the checked version and its sources."""
    parts: list[str] = []
    try:
        for item in assistant.ask_stream(question, top_k=k):
            if isinstance(item, str):
                parts.append(item)
                print(item, end="", flush=True)
            else:
                _print_answer(item, "".join(parts))
    except ValueError as exc:
        _usage_error(str(exc))


def _cmd_ask(args: argparse.Namespace) -> int:
    assistant = _open(args)
    if args.json:
        print(json.dumps(_ask(assistant, args.question, args.k).to_dict(), ensure_ascii=False, indent=2))
    else:
        _ask_streaming(assistant, args.question, args.k)
    return 0


def mark_spans(text: str, spans: Sequence[tuple[int, int]], left: str = "[[", right: str = "]]") -> str:
    """``text`` with each ``(start, end)`` span wrapped in markers (overlaps merged).

    Example:
        >>> mark_spans("abcdef", [(1, 3)])
        'a[[bc]]def'
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"span {start}:{end} is outside the document (0:{len(text)})")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out += [text[cursor:start], left, text[start:end], right]
        cursor = end
    return "".join(out + [text[cursor:]])


def _parse_span(value: str) -> tuple[int, int]:
    try:
        start, end = (int(x) for x in value.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected START:END, got {value!r}") from None
    return start, end


def _cmd_show(args: argparse.Namespace) -> int:
    assistant = _open(args)
    try:
        text = assistant.document_text(args.doc_id)
    except KeyError:
        known = ", ".join(sorted(assistant.store.documents)[:10])
        _usage_error(f"no document {args.doc_id!r} in the index (known: {known})")
    spans = list(args.mark or [])
    if args.question:
        answer = _ask(assistant, args.question, None)
        spans += [(c.quote_start, c.quote_end) for c in answer.citations if c.doc_id == args.doc_id]
    try:
        print(mark_spans(text, spans))
    except ValueError as exc:
        _usage_error(str(exc))
    return 0


def _print_source(answer: Any, command: str) -> None:
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


def _cmd_chat(args: argparse.Namespace) -> int:
    assistant = _open(args, create=True)
    if not assistant.store.documents:
        print(assistant.ingest([DEFAULT_CORPUS]).summary())
    conversation = assistant.conversation()
    print("Ask about the documents; follow-up questions are understood in context.\n"
          "/sources N prints cited passage N; /new starts over; an empty line or Ctrl-D quits.")
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        if question.startswith("/sources"):
            _print_source(conversation.turns[-1].answer if conversation.turns else None, question)
        elif question == "/new":
            conversation = assistant.conversation()
            print("New conversation.")
        else:
            try:
                _ask_streaming(conversation, question, args.k)
            except SystemExit:  # a bad question is reported; the conversation goes on
                continue


def _eval_index(corpora: list[Path]) -> Path:
    """A temporary index folder per set of corpus paths, reused (and updated) by later runs."""
    key = hashlib.sha1("\n".join(str(c.resolve()) for c in corpora).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "rag-eval" / key


def _eval_questions(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """The question items and conversations of ``args.files`` (usage errors for bad files)."""
    from rag.evaluate import load_conversations, load_items

    items, conversations = [], []
    for path in args.files:
        if not Path(path).is_file():
            _usage_error(f"no such question file: {path}")
        try:
            items += load_items(path, args.split)
            conversations += [] if args.split else load_conversations(path)
        except ValueError as exc:
            _usage_error(f"bad question file: {exc}")
    if not items and not conversations:
        _usage_error(f"no questions in {', '.join(args.files)}" + (f" (split {args.split})" if args.split else ""))
    return items, conversations


def _eval_assistant(args: argparse.Namespace) -> Any:
    """The index to evaluate: ``--index``, or a temporary one holding ``--corpus``."""
    from rag import IndexUnavailable

    if not args.corpus:
        return _open(args)
    for corpus in args.corpus:
        if not Path(corpus).is_dir():
            _usage_error(f"--corpus must be a folder: {corpus}")
    args.index = str(_eval_index([Path(c) for c in args.corpus]))
    args.chroma_url = ""  # a temporary embedded index, never a shared server's
    try:
        assistant = _open(args, create=True)
    except IndexUnavailable:  # our own temporary index, left by another version: rebuild it
        shutil.rmtree(args.index)
        assistant = _open(args, create=True)
    print(assistant.ingest(args.corpus, progress=False).summary(), file=sys.stderr)
    return assistant


def _cmd_eval(args: argparse.Namespace) -> int:
    from rag.evaluate import evaluate, format_report

    items, conversations = _eval_questions(args)
    assistant = _eval_assistant(args)
    total = len(items) + sum(len(turns) for _, turns in conversations)
    with tqdm(total=total, desc="questions", disable=not sys.stderr.isatty(), leave=False) as bar:
        report = evaluate(assistant, items, conversations, args.k, progress=bar.update)
    config = assistant.config
    report = {"mode": f"llm:{config.llm_model}" if config.uses_llm else "extractive", **report}
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0


def add_index_options(parser: argparse.ArgumentParser) -> None:
    """Where the index is and how to answer: shared by every command, `rag serve` included."""
    parser.add_argument("--index", help="index folder (default: $RAG_INDEX_DIR or ./index)")
    parser.add_argument("--chroma-url", help="use the Chroma server at http://host:port "
                                              "(default: $RAG_CHROMA_URL, else the embedded index)")
    parser.add_argument("--mode", choices=["auto", "llm", "extractive"], default=None,
                        help="how to answer (default: $RAG_ANSWER_MODE or auto: the model when "
                             "OPENAI_API_KEY or OPENAI_BASE_URL is set, else extractive)")
    parser.add_argument("--model", default=None, help="model name (default: $RAG_LLM_MODEL)")
    parser.add_argument("--base-url", default=None,
                        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 "
                             "(default: $OPENAI_BASE_URL); the key is read from $OPENAI_API_KEY only")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rag", description="Cited answers from news documents, offline.",
                     epilog="rag serve [--host H] [--port P]: the chat UI in a browser "
                            "(see rag serve --help).")
    add_index_options(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log warnings and details")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("ingest", help="add, update or remove documents in the index")
    p.add_argument("paths", nargs="*", help=f"folders or files (default: {DEFAULT_CORPUS})")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_cmd_ingest)

    p = sub.add_parser("remove", help="take documents out of the index (by id, or by the path of "
                                      "their file, which may be gone)")
    p.add_argument("doc_ids", nargs="+", metavar="ID")
    p.set_defaults(run=_cmd_remove)

    p = sub.add_parser("doctor", help="check the index for damage; --repair rebuilds it from what it stores")
    p.add_argument("--repair", action="store_true", help="rebuild damaged chunks, vectors and keyword index")
    p.set_defaults(run=_cmd_doctor)

    p = sub.add_parser("list", help="the indexed documents: id, title, outlet, date, chunks, file")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_cmd_list)

    p = sub.add_parser("ask", help="answer one question with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print Answer.to_dict() as JSON")
    p.add_argument("-k", type=int, default=None, help="passages to retrieve (default 5)")
    p.set_defaults(run=_cmd_ask)

    p = sub.add_parser("show", help="print a document with cited spans marked [[like this]]")
    p.add_argument("doc_id")
    p.add_argument("--mark", type=_parse_span, action="append", metavar="START:END")
    p.add_argument("--question", help="mark the spans this question's answer cites")
    p.set_defaults(run=_cmd_show)

    p = sub.add_parser("eval", help="score answers, citations, declines and speed on a question set")
    p.add_argument("files", nargs="+", metavar="FILE.jsonl",
                   help="question lines and conversation lines (see README: Evaluation)")
    p.add_argument("--corpus", action="append", help="index this folder (repeat for more) in a temporary "
                   "index, reused by later runs, instead of using --index")
    p.add_argument("-k", type=int, default=None, help="passages to retrieve (default 5)")
    p.add_argument("--mode", choices=["extractive", "llm"], default=argparse.SUPPRESS,
                   help="answer mode (default: as configured)")
    p.add_argument("--split", help="only questions of this split (conversations are skipped)")
    p.add_argument("--json", action="store_true", help="print the figures and every question as JSON")
    p.set_defaults(run=_cmd_eval)

    p = sub.add_parser("chat", help="ask questions in the terminal")
    p.add_argument("-k", type=int, default=None, help="passages to retrieve (default 5)")
    p.set_defaults(run=_cmd_chat)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if getattr(args, "k", None) is not None and args.k < 1:
        _usage_error("-k must be at least 1")
    import rag  # noqa: F401  (sets up the offline environment first)
    from rag import ConfigError, IndexUnavailable, IngestBusy

    try:
        return int(args.run(args))
    except (ConfigError, IndexUnavailable, IngestBusy) as exc:
        _usage_error(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
