"""The checker's verdict: frozen, JSON-serialisable dataclasses, so callers can store and compare reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class Verdict(enum.StrEnum):
    """Whether the text could be judged at all, and if not, why not."""

    JUDGED = "judged"
    EMPTY = "empty"
    NO_WORDS = "no_words"
    NOT_ENGLISH = "not_english"
    SEVERAL_TARGETS = "several_targets"
    TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the teacher's text that supports (or undermines) a criterion."""

    start: int
    end: int
    text: str
    label: str
    rule: str | None = None  # the id of the rule in nlp/patterns/*.jsonl that found it

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label, "rule": self.rule}


class FindingCode(enum.StrEnum):
    """What a finding is about, for callers that act on it (the bot, `iepbot check --jsonl`)."""

    SEVERAL_SKILLS = "several_skills"
    NEGATIVE_WORDING = "negative_wording"
    DEADLINE_PASSED = "deadline_passed"
    DEADLINE_PLACEHOLDER = "deadline_placeholder"
    MEASURE_PLACEHOLDER = "measure_placeholder"
    DEADLINE_FAR_AHEAD = "deadline_far_ahead"
    DEADLINE_UNDATED = "deadline_undated"
    DATE_READ_MONTH_FIRST = "date_read_month_first"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the teacher should know that no single criterion decides: a warning with what to do."""

    code: FindingCode
    message: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "message": self.message, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Criterion:
    """One SMART letter: met (True/False, or None when wording alone cannot tell), why, and what to do."""

    name: str
    met: bool | None
    message: str
    suggestion: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": [item.to_dict() for item in self.evidence],
        }


_UNFINISHED = frozenset(
    {FindingCode.DEADLINE_PLACEHOLDER, FindingCode.MEASURE_PLACEHOLDER, FindingCode.DEADLINE_PASSED}
)


@dataclass(frozen=True, slots=True)
class SmartReport:
    """The whole verdict on one drafted target."""

    text: str
    verdict: Verdict
    message: str
    specific: Criterion
    measurable: Criterion
    achievable: Criterion
    relevant: Criterion
    time_bound: Criterion
    deadline: date | None = None
    rewrite: str | None = None
    findings: tuple[Finding, ...] = field(default=())

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The five criteria in SMART order."""
        return (self.specific, self.measurable, self.achievable, self.relevant, self.time_bound)

    @property
    def is_smart(self) -> bool:
        """Specific, measurable and time-bound met with no blank or passed date left; achievable and relevant not
        known to fail."""
        wording_ok = all(c.met is True for c in (self.specific, self.measurable, self.time_bound))
        unfinished = any(f.code in _UNFINISHED for f in self.findings)
        return wording_ok and not unfinished and self.achievable.met is not False and self.relevant.met is not False

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON types (dates as ISO strings)."""
        return {
            "text": self.text,
            "verdict": self.verdict.value,
            "message": self.message,
            "is_smart": self.is_smart,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "rewrite": self.rewrite,
            "findings": [finding.to_dict() for finding in self.findings],
            "criteria": {c.name: c.to_dict() for c in self.criteria},
        }
