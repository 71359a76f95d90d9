"""The `rag` command, every subcommand: ingest, remove, list, doctor, ask, show, chat, eval, serve."""

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
from ui.terminal import ask, ask_streaming, chat, mark_spans, usage_error

DEFAULT_CORPUS = PROJECT_ROOT / "seeds"


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line message and exit code 2 on usage errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """The configuration fields the command line's options set."""
    return {"index_dir": args.index, "top_k": getattr(args, "k", None), "chroma_url": args.chroma_url,
            "answer_mode": args.mode, "llm_model": args.model, "llm_base_url": args.base_url}


def open_assistant(args: argparse.Namespace, create: bool = False) -> Any:
    """The assistant the command line's options describe (``create``: start an empty index)."""
    from rag import Assistant

    return Assistant.open(create=create, **settings(args))


def _cmd_ingest(args: argparse.Namespace) -> int:
    from rag.fetch import is_url

    paths = [*args.paths, *_url_file(args.urls)] if args.urls else args.paths or [DEFAULT_CORPUS]
    for path in paths:
        if not is_url(str(path)) and not Path(path).exists():
            usage_error(f"no such file or folder: {path}{_removal_hint(args, path)}")
    report = open_assistant(args, create=True).ingest(paths, progress=None if not args.quiet else False)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.summary())
    return 0


def _url_file(name: str) -> list[str]:
    """The URLs listed in the ``--urls`` file (``-``: standard input); usage errors for a file
    that is missing, not a list of URLs, or empty."""
    from rag.fetch import parse_url_list

    try:
        urls = parse_url_list(sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        usage_error(f"cannot read the URL file {name}: {exc.strerror or exc}")
    except ValueError as exc:  # a line that is not a URL, or not UTF-8
        usage_error(f"bad URL file {name}: {exc}")
    if not urls:
        usage_error(f"no URLs in {name} (one a line; # starts a comment)")
    return urls


def _removal_hint(args: argparse.Namespace, path: str) -> str:
    """For a path that is gone: how to take its document out, when one is indexed."""
    from rag import IndexUnavailable

    try:
        known = open_assistant(args).find_document(str(path))  # never creates an index for a typo
    except IndexUnavailable:
        return ""
    return f"; to take it out of the index: rag remove {known}" if known else ""


def _cmd_remove(args: argparse.Namespace) -> int:
    assistant = open_assistant(args)
    ids = []
    for name in args.doc_ids:
        found = assistant.find_document(name)
        if found is None:
            usage_error(f"no document {name!r} in the index (`rag list` shows them); nothing removed")
        ids.append(found)
    left = assistant.remove(ids)
    print(f"removed {len(ids)} document{'s' * (len(ids) != 1)}: {', '.join(ids)}; {left} chunks in the index")
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    checkup = open_assistant(args).doctor(repair=args.repair)
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
    assistant = open_assistant(args)
    documents = sorted(assistant.store.documents.items())
    if args.json:
        print(json.dumps([{"id": d, **e} for d, e in documents], ensure_ascii=False, indent=2))
        return 0
    for doc_id, entry in documents:
        meta = ", ".join(str(x) for x in (entry.get("outlet"), entry.get("author"), entry.get("date")) if x)
        print(f"{doc_id}\t{entry.get('title', '')} ({meta}) {entry.get('chunks', 0)} chunks\t{entry.get('path', '')}")
    if not documents:
        print("no documents: add some with `rag ingest PATH`")
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    assistant = open_assistant(args)
    if args.json:
        print(json.dumps(ask(assistant, args.question, args.k).to_dict(), ensure_ascii=False, indent=2))
    else:
        ask_streaming(assistant, args.question, args.k)
    return 0


def _parse_span(value: str) -> tuple[int, int]:
    try:
        start, end = (int(x) for x in value.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected START:END, got {value!r}") from None
    return start, end


def _cmd_show(args: argparse.Namespace) -> int:
    assistant = open_assistant(args)
    try:
        text = assistant.document_text(args.doc_id)
    except KeyError:
        known = ", ".join(sorted(assistant.store.documents)[:10])
        usage_error(f"no document {args.doc_id!r} in the index (known: {known})")
    spans = list(args.mark or [])
    if args.question:
        answer = ask(assistant, args.question, None)
        spans += [(c.quote_start, c.quote_end) for c in answer.citations if c.doc_id == args.doc_id]
    try:
        marked = mark_spans(text, spans)
    except ValueError as exc:
        usage_error(str(exc))
    print(f"{_heading(assistant, args.doc_id)}\n\n{marked}")
    return 0


def _heading(assistant: Any, doc_id: str) -> str:
    """One line naming a document: title, outlet, author, date and where to check it."""
    from rag.text import chunk_id

    entry = assistant.store.documents.get(doc_id, {})
    author = entry.get("author", "")
    if not author:  # a record written before documents kept their author: its chunks do
        first = assistant.store.get_chunks([chunk_id(doc_id, 0)]).get(chunk_id(doc_id, 0))
        author = first[1].get("author", "") if first else ""
    fields = (entry.get("title"), entry.get("outlet"), author, entry.get("date"),
              entry.get("url") or entry.get("path"))
    return " · ".join(str(f) for f in fields if f)


def _cmd_chat(args: argparse.Namespace) -> int:
    assistant = open_assistant(args, create=True)
    if not assistant.store.documents:
        print(assistant.ingest([DEFAULT_CORPUS]).summary())
    return chat(assistant.conversation, args.k)


def _cmd_serve(args: argparse.Namespace) -> int:
    """The chat UI, on loopback unless told otherwise (then behind a login)."""
    from rag import Config

    config = Config.load(**settings(args))
    login = config.ui_login  # RAG_UI_AUTH, checked before anything is opened
    if not args.host:
        usage_error("--host is empty: name an interface, e.g. 127.0.0.1 (this machine) or 0.0.0.0")
    from ui.app import is_loopback, launch

    if not is_loopback(args.host) and login is None:
        usage_error(f"binding to {args.host} exposes the UI: set RAG_UI_AUTH=user:password")
    assistant = open_assistant(args, create=True)
    if not assistant.store.documents:
        print(assistant.ingest([DEFAULT_CORPUS]).summary())
    port = config.ui_port if args.port is None else args.port
    print(f"Serving on http://{args.host}:{port} ({assistant.describe()}). Ctrl-C stops it.",
          flush=True)
    launch(assistant, args.host, port, login)
    return 0


def eval_index(corpora: list[Path]) -> Path:
    """A temporary index folder per set of corpus paths, reused (and updated) by later runs."""
    key = hashlib.sha1("\n".join(str(c.resolve()) for c in corpora).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "rag-eval" / key


def _eval_questions(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    """The question items and conversations of ``args.files`` (usage errors for bad files)."""
    from rag.evaluate import load_conversations, load_items

    items, conversations = [], []
    for path in args.files:
        if not Path(path).is_file():
            usage_error(f"no such question file: {path}")
        try:
            items += load_items(path, args.split)
            conversations += load_conversations(path, args.split)
        except ValueError as exc:
            usage_error(f"bad question file: {exc}")
    if not items and not conversations:
        usage_error(f"no questions in {', '.join(args.files)}" + (f" (split {args.split})" if args.split else ""))
    return items, conversations


def _eval_assistant(args: argparse.Namespace) -> Any:
    """The index to evaluate: ``--index``, or a temporary one holding ``--corpus``."""
    from rag import IndexUnavailable

    if not args.corpus:
        return open_assistant(args)
    for corpus in args.corpus:
        if not Path(corpus).is_dir():
            usage_error(f"--corpus must be a folder: {corpus}")
    args.index = str(eval_index([Path(c) for c in args.corpus]))
    args.chroma_url = ""  # a temporary embedded index, never a shared server's
    try:
        assistant = open_assistant(args, create=True)
    except IndexUnavailable:  # our own temporary index, left by another version: rebuild it
        shutil.rmtree(args.index)
        assistant = open_assistant(args, create=True)
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


def add_index_options(parser: argparse.ArgumentParser, after_command: bool = False) -> None:
    """Where the index is and how to answer: before any command, and after `serve` too
    (``after_command``: unset there, they keep what was given before the command)."""
    unset = argparse.SUPPRESS if after_command else None
    parser.add_argument("--index", default=unset, help="index folder (default: $RAG_INDEX_DIR or ./index)")
    parser.add_argument("--chroma-url", default=unset, help="use the Chroma server at http://host:port "
                                                             "(default: $RAG_CHROMA_URL, else the embedded index)")
    parser.add_argument("--mode", choices=["auto", "llm", "extractive"], default=unset,
                        help="how to answer (default: $RAG_ANSWER_MODE or auto: the model when "
                             "OPENAI_API_KEY or OPENAI_BASE_URL is set, else extractive)")
    parser.add_argument("--model", default=unset, help="model name (default: $RAG_LLM_MODEL)")
    parser.add_argument("--base-url", default=unset,
                        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 "
                             "(default: $OPENAI_BASE_URL); the key is read from $OPENAI_API_KEY only")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rag", description="Cited answers from news documents, offline.")
    add_index_options(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log warnings and details")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("ingest", help="add, update or remove documents in the index")
    p.add_argument("paths", nargs="*", help=f"folders, files or http(s) URLs (default: {DEFAULT_CORPUS})")
    p.add_argument("--urls", metavar="FILE", help="also fetch the URLs listed in FILE, one a line "
                                                  "(# comments and blank lines ignored; - reads stdin)")
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

    p = sub.add_parser("list", help="the indexed documents: id, title, outlet, author, date, chunks, file")
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
    p.add_argument("--split", help="only the questions and conversations of this split")
    p.add_argument("--json", action="store_true", help="print the figures and every question as JSON")
    p.set_defaults(run=_cmd_eval)

    p = sub.add_parser("chat", help="ask questions in the terminal")
    p.add_argument("-k", type=int, default=None, help="passages to retrieve (default 5)")
    p.set_defaults(run=_cmd_chat)

    p = sub.add_parser("serve", help="the chat UI in a browser (loopback unless --host says otherwise)")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default loopback)")
    p.add_argument("--port", type=int, default=None, help="port (default: $RAG_UI_PORT or 7860)")
    add_index_options(p, after_command=True)
    p.set_defaults(run=_cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if getattr(args, "k", None) is not None and args.k < 1:
        usage_error("-k must be at least 1")
    import rag  # noqa: F401  (sets up the offline environment first)
    from rag import ConfigError, IndexUnavailable, IngestBusy

    try:
        return int(args.run(args))
    except (ConfigError, IndexUnavailable, IngestBusy) as exc:
        usage_error(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
