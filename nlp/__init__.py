"""SMART checking of IEP targets with spaCy rules: text in, report out. Knows nothing of Telegram or databases."""

from nlp.calendar import SchoolCalendar
from nlp.checker import check_target
from nlp.guidance import Area, GuidanceAnswers, StepSize
from nlp.report import Criterion, Evidence, SmartReport, Verdict

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
