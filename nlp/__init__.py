"""SMART checking of IEP targets with spaCy rules: text in, report out. Knows nothing of Telegram or databases.

`check_target` loads spaCy on first use, so importing the light parts (areas, report types, calendar) from
the bank or the storage layer costs no spaCy start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nlp.areas import Area
from nlp.calendar import SchoolCalendar
from nlp.guidance import GuidanceAnswers, StepSize
from nlp.report import Criterion, Evidence, SmartReport, Verdict

if TYPE_CHECKING:
    from nlp.checker import check_target

__all__ = [
    "Area",
    "Criterion",
    "Evidence",
    "GuidanceAnswers",
    "SchoolCalendar",
    "SmartReport",
    "StepSize",
    "Verdict",
    "check_target",
]


def __getattr__(name: str) -> Any:
    """Import the checker (and spaCy) only when `check_target` is first asked for."""
    if name == "check_target":
        from nlp.checker import check_target

        return check_target
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
