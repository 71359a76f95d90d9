"""Prompt templates, one file each in ``prompts/``, loaded by name and filled safely."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.config import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"


@dataclass(frozen=True)
class Prompt:
    """A template with ``{name}`` placeholders.

    Example:
        >>> load_prompt("source").render(number=1, title="T", outlet="O", date="D", text="x")
        '[1] T (O, D)\\nx'
    """

    name: str
    template: str

    @property
    def placeholders(self) -> frozenset[str]:
        """The names the template expects."""
        return frozenset(f for _, f, _, _ in string.Formatter().parse(self.template) if f)

    def render(self, **values: object) -> str:
        """The template with every placeholder filled; missing or unknown names raise."""
        given = set(values)
        if given != self.placeholders:
            missing = sorted(self.placeholders - given)
            extra = sorted(given - self.placeholders)
            raise KeyError(f"prompt {self.name!r}: missing {missing}, unexpected {extra}")
        # str.format does not re-read substituted values, so braces in documents are safe.
        return self.template.format(**values).strip()


@lru_cache(maxsize=None)
def load_prompt(name: str, folder: Path = PROMPTS_DIR) -> Prompt:
    """The template ``prompts/<name>.txt``."""
    path = folder / f"{name}.txt"
    if not path.is_file():
        raise FileNotFoundError(f"no prompt template {path}")
    return Prompt(name, path.read_text(encoding="utf-8"))
