"""The `rag` command with `serve`: the web UI lives here so that `rag/` never imports `ui/`."""

from __future__ import annotations

import os
import sys
from typing import Sequence

from rag import cli

def _auth() -> tuple[str, str] | None:
    value = os.environ.get("RAG_UI_AUTH", "")
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        cli._usage_error("RAG_UI_AUTH must look like user:password")
    return user, password


def serve(argv: Sequence[str]) -> int:
    """`rag serve [--host H] [--port P]`: the chat UI, on loopback unless told otherwise."""
    parser = cli._Parser(prog="rag serve", description="Open the chat UI in a browser.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default loopback)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", 7860)))
    cli.add_index_options(parser)
    args = parser.parse_args(argv)
    auth = _auth()
    from ui.app import is_loopback, launch

    if not args.host:
        cli._usage_error("--host is empty: name an interface, e.g. 127.0.0.1 (this machine) or 0.0.0.0")
    if not is_loopback(args.host) and auth is None:
        cli._usage_error(f"binding to {args.host} exposes the UI: set RAG_UI_AUTH=user:password")
    import rag  # noqa: F401  (offline environment first)

    try:
        assistant = cli._open(args, create=True)
    except (rag.ConfigError, rag.IndexUnavailable) as exc:
        cli._usage_error(str(exc))
    if not assistant.store.documents:
        print(assistant.ingest([cli.DEFAULT_CORPUS]).summary())
    print(f"Serving on http://{args.host}:{args.port} ({assistant.describe()}). Ctrl-C stops it.",
          flush=True)
    launch(assistant, args.host, args.port, auth)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        return serve(argv[1:])
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
