"""Ingest and ask open no socket beyond loopback (checked with a Python audit hook), except
to fetch a URL the user asked to ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEEDS

_HOOK = r"""
import ipaddress, socket, sys

attempts = []

def _remote(host):
    if not isinstance(host, str) or host in ("localhost", ""):
        return False
    try:
        return not ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return True  # a host name that is not localhost

def hook(event, args):
    if event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and _remote(address[0]):
            attempts.append(repr(address))
            raise ConnectionRefusedError(f"blocked {address!r}")
    elif event == "socket.getaddrinfo" and _remote(args[0]):
        attempts.append(f"dns {args[0]!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"blocked lookup {args[0]!r}")

sys.addaudithook(hook)
"""

_SCRIPT = _HOOK + r"""
from rag import Assistant
assistant = Assistant.open(index_dir=sys.argv[1])
assistant.ingest([sys.argv[2]])
answer = assistant.ask("How many National Guard members were killed?")
assert "25" in answer.text, answer.text
print("ATTEMPTS", attempts)
sys.exit(1 if attempts else 0)
"""


_URL_SCRIPT = _HOOK + r"""
from rag import Assistant
report = Assistant.open(index_dir=sys.argv[1]).ingest([sys.argv[2], "https://news.example.com/a"])
print("ADDED", report.added, "SKIPPED", report.skipped)
print("ATTEMPTS", attempts)
"""


def _run(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIKTOKEN", "HF_", "ORT_"))}
    return subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "index"), str(SEEDS)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )


def test_ingest_and_ask_stay_on_loopback(tmp_path: Path) -> None:
    result = _run(_SCRIPT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ATTEMPTS []" in result.stdout


def test_only_an_explicit_url_goes_out(tmp_path: Path) -> None:
    """Ingesting a URL looks up its host and nothing else; offline, it is skipped, the rest added."""
    result = _run(_URL_SCRIPT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("ADDED 1 SKIPPED [('https://news.example.com/a', 'host not found (DNS lookup failed)')]"
            in result.stdout)
    assert "ATTEMPTS [\"dns 'news.example.com'\"]" in result.stdout
