"""Checked example IEP targets in small-step progressions, searchable in a teacher's own words."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from nlp.areas import Area
from target_bank.bank import Bank
from target_bank.errors import BankFileError, Problem, UnknownTargetError
from target_bank.loader import read_progressions
from target_bank.model import BankTarget, Curriculum, Progression, SearchHit, YearRange, year_label
from target_bank.synonyms import parse_synonyms

__all__ = [
    "Area",
    "Bank",
    "BankFileError",
    "BankTarget",
    "Curriculum",
    "Problem",
    "Progression",
    "SearchHit",
    "UnknownTargetError",
    "YearRange",
    "load",
    "load_files",
    "year_label",
]

SYNONYMS_FILE = "synonyms.yaml"


@functools.cache
def load() -> Bank:
    """The bank shipped with the package, validated; built once per process, then shared."""
    data = files("target_bank") / "data"
    areas = sorted(
        (entry for entry in data.iterdir() if entry.name.endswith(".yaml") and entry.name != SYNONYMS_FILE),
        key=lambda entry: entry.name,
    )
    return load_files(areas, synonyms=data / SYNONYMS_FILE)


def load_files(areas: Iterable[Traversable | Path], *, synonyms: Traversable | Path | None = None) -> Bank:
    """A bank from the given area files (for tests and for reviewing a draft file); raises BankFileError."""
    synonym_file = synonyms if synonyms is not None else files("target_bank") / "data" / SYNONYMS_FILE
    return Bank(
        read_progressions(areas),
        parse_synonyms(synonym_file.name, synonym_file.read_text(encoding="utf-8")),
    )
