"""The glossary of the parent version: staff words (CVC, SALT, phonics phase …) explained in plain words.

The words are data (`data/glossary.yaml`) so a SENCo can add their school's own without touching code; the
loader refuses unknown or missing keys and bad patterns with the entry's number, as the bank's loader does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

_REQUIRED = {"term", "means"}
_OPTIONAL = {"forms", "pattern"}


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One word or phrase and what it means; `finder` finds it in a plan's text."""

    term: str
    means: str
    finder: re.Pattern[str]


class Glossary:
    """Finds which of its words a text uses. Build once and share: the patterns are compiled on load."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)

    def used_in(self, texts: Iterable[str]) -> list[Entry]:
        """The entries whose word appears in any of `texts`, in glossary order."""
        joined = "\n".join(texts)
        return [entry for entry in self.entries if entry.finder.search(joined)]


def load_glossary(text: str | None = None) -> Glossary:
    """The packaged glossary, or one read from `text` (YAML, for tests)."""
    if text is None:
        text = resources.files("iepbot.documents").joinpath("data/glossary.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, list):
        raise GlossaryError("The glossary must be a list of entries.")
    return Glossary([_entry(number, item) for number, item in enumerate(raw, start=1)])


def _entry(number: int, item: Any) -> Entry:
    if not isinstance(item, dict):
        raise GlossaryError(f"Entry {number}: expected a mapping with term and means.")
    keys = set(item)
    if missing := _REQUIRED - keys:
        raise GlossaryError(f"Entry {number}: missing {', '.join(sorted(missing))}.")
    if unknown := keys - _REQUIRED - _OPTIONAL:
        raise GlossaryError(f"Entry {number}: unknown key {', '.join(sorted(unknown))}.")
    if {"forms", "pattern"} <= keys:
        raise GlossaryError(f"Entry {number}: give forms or a pattern, not both.")
    term, means = item["term"], item["means"]
    if not (isinstance(term, str) and term.strip() and isinstance(means, str) and means.strip()):
        raise GlossaryError(f"Entry {number}: term and means must be non-empty text.")
    return Entry(term.strip(), means.strip(), _finder(number, item))


def _finder(number: int, item: dict[str, Any]) -> re.Pattern[str]:
    """The entry's pattern (any case), or its forms and term as whole words; capitals match capitals only."""
    if "pattern" in item:
        try:
            return re.compile(str(item["pattern"]), re.IGNORECASE)
        except re.error as error:
            raise GlossaryError(f"Entry {number}: the pattern does not compile ({error}).") from None
    forms = item.get("forms", [item["term"]])
    if not isinstance(forms, list) or not forms or not all(isinstance(form, str) and form.strip() for form in forms):
        raise GlossaryError(f"Entry {number}: forms must be a non-empty list of text.")
    alternatives = [_form_pattern(form.strip()) for form in forms]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _form_pattern(form: str) -> str:
    """An acronym as written ("TA", "SaLT" stay case-exact); a word in any case ("phonics", "Phonics")."""
    escaped = re.escape(form)
    if any(char.isupper() for char in form[1:]):
        return escaped
    return f"(?i:{escaped})"
