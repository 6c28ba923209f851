"""The /new flow's answers so far, typed: what the steps write, and the JSON a chat's saved state holds.

The JSON layout is the one the flow always saved (the same keys, values as plain JSON types), so chats saved
before this model existed resume unchanged; a key that is absent reads as "not answered yet".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from nlp import Area, GuidanceAnswers, StepSize

# The support questions asked about every target, in the order the guidance lists them.
TARGET_FIELDS = ("strategy", "resources", "staffing", "frequency", "success_criteria", "monitoring")

EnumT = TypeVar("EnumT", bound=StrEnum)


@dataclass
class DraftTarget:
    """One target being written: its wording and where it came from, the checker's verdict once accepted,
    and the support around it."""

    text: str | None = None
    source: str | None = None  # "typed", "bank" or "rewrite"
    bank_id: str | None = None
    accepted: bool = False
    kept_as_written: bool = False  # the teacher overrode the feedback: recorded with the plan
    report: dict[str, Any] | None = None  # SmartReport.to_dict() of the accepted wording
    deadline: date | None = None
    strategy: str | None = None
    resources: str | None = None
    staffing: str | None = None
    frequency: str | None = None
    success_criteria: str | None = None
    monitoring: str | None = None

    @property
    def finished(self) -> bool:
        """The wording is accepted and every support question is answered."""
        return self.accepted and all(self.support(name) is not None for name in TARGET_FIELDS)

    def support(self, name: str) -> str | None:
        """The answer to support question `name` (one of TARGET_FIELDS)."""
        value: str | None = getattr(self, name)
        return value

    def set_support(self, name: str, value: str) -> None:
        if name not in TARGET_FIELDS:
            raise KeyError(name)
        setattr(self, name, value)

    def reworded(self, text: str, source: str, bank_id: str | None = None) -> DraftTarget:
        """A new wording in place of this one: the support already given is kept; it must be accepted again."""
        return replace(
            self,
            text=text,
            source=source,
            bank_id=bank_id,
            accepted=False,
            kept_as_written=False,
            report=None,
            deadline=None,
        )

    def to_json(self) -> dict[str, Any]:
        values = {**_plain(self), "deadline": _iso(self.deadline)}
        values.update(accepted=self.accepted or None, kept_as_written=self.kept_as_written or None)
        return _compact(values)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DraftTarget:
        report = data.get("report")
        target = cls(
            text=_text(data, "text"),
            source=_text(data, "source"),
            bank_id=_text(data, "bank_id"),
            accepted=data.get("accepted") is True,
            kept_as_written=data.get("kept_as_written") is True,
            report=dict(report) if isinstance(report, Mapping) else None,
            deadline=_day(data.get("deadline")),
        )
        support: dict[str, Any] = {name: _text(data, name) for name in TARGET_FIELDS}
        return replace(target, **support)


@dataclass
class Draft:
    """The plan being drafted: the pupil, the guidance answers, the targets, the closing answers.

    The smaller flows (revising, returning, /staff) keep the ids they are about here too, so every flow's
    answers travel, park and resume as one typed record.
    """

    pupil_id: int | None = None  # an existing pupil; None for one added at submission
    pupil_name: str | None = None
    year: int | None = None
    area: Area | None = None
    difficulty: str | None = None
    entry_skills: str | None = None
    motivation: str | None = None
    greater_needs: bool | None = None
    step_size: StepSize | None = None
    targets: list[DraftTarget] = field(default_factory=list)
    index: int = 0  # which target the per-target questions are about
    bank_query: str | None = None
    review_date: date | None = None
    parental_support: str | None = None
    pupil_voice: str | None = None
    # What the other flows are about (revising a returned plan, returning one, /staff): ids the steps re-check.
    plan_id: int | None = None
    plan_version: int | None = None
    target_id: int | None = None
    staff_id: int | None = None
    editing: str | None = None  # the field being changed

    @property
    def name(self) -> str:
        """The pupil's name as the questions use it."""
        return self.pupil_name or "the pupil"

    @property
    def current(self) -> DraftTarget:
        """The target being written, created empty when the teacher starts a new one."""
        while len(self.targets) <= self.index:
            self.targets.append(DraftTarget())
        return self.targets[self.index]

    def start_target(self) -> None:
        """Begin another target, after the finished ones (an empty one in the list from now on)."""
        self.index = len(self.finished_targets())
        while len(self.targets) <= self.index:
            self.targets.append(DraftTarget())

    def reword_current(self, text: str, source: str, bank_id: str | None = None) -> None:
        """Put a new wording (and where it came from) in place of the target being written; the support
        already given for it is kept, and the wording must be accepted again."""
        self.targets[self.index] = self.current.reworded(text, source, bank_id)

    def finished_targets(self) -> list[DraftTarget]:
        """Targets whose wording is accepted and whose support questions are all answered."""
        return [target for target in self.targets if target.finished]

    def guidance(self) -> GuidanceAnswers:
        """What the teacher has told us, as the checker's achievable/relevant judges read it."""
        return GuidanceAnswers(
            area_of_need=self.area,
            difficulty=self.difficulty,
            entry_skills=self.entry_skills,
            step_size=self.step_size,
            greater_needs=self.greater_needs,
            year_group=self.year,
            review_date=self.review_date,
        )

    def to_json(self) -> dict[str, Any]:
        """The saved form: only what is answered (an absent key reads back as unanswered)."""
        values = _plain(self)
        values.update(
            targets=[target.to_json() for target in self.targets],
            review_date=_iso(self.review_date),
            index=self.index or None,
        )
        return _compact(values)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        """Read a saved draft, the same keys as the flow always wrote; a value of the wrong type is unanswered."""
        targets = data.get("targets")
        greater = data.get("greater_needs")
        return cls(
            pupil_id=_int(data, "pupil_id"),
            pupil_name=_text(data, "pupil_name"),
            year=_int(data, "year"),
            area=_member(Area, data.get("area")),
            difficulty=_text(data, "difficulty"),
            entry_skills=_text(data, "entry_skills"),
            motivation=_text(data, "motivation"),
            greater_needs=greater if isinstance(greater, bool) else None,
            step_size=_member(StepSize, data.get("step_size")),
            targets=[DraftTarget.from_json(each) for each in targets if isinstance(each, Mapping)]
            if isinstance(targets, list)
            else [],
            index=_int(data, "index") or 0,
            bank_query=_text(data, "bank_query"),
            review_date=_day(data.get("review_date")),
            parental_support=_text(data, "parental_support"),
            pupil_voice=_text(data, "pupil_voice"),
            plan_id=_int(data, "plan_id"),
            plan_version=_int(data, "plan_version"),
            target_id=_int(data, "target_id"),
            staff_id=_int(data, "staff_id"),
            editing=_text(data, "editing"),
        )


def _plain(record: Draft | DraftTarget) -> dict[str, Any]:
    """The record's fields, enums as their values; dates and nested records are the caller's to convert."""
    values = {each.name: getattr(record, each.name) for each in fields(record)}
    return {key: value.value if isinstance(value, StrEnum) else value for key, value in values.items()}


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Unanswered fields (None, an empty list) are left out: absent and unanswered read back the same."""
    return {key: value for key, value in values.items() if value is not None and value != []}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _member(kind: type[EnumT], value: object) -> EnumT | None:
    return kind(value) if isinstance(value, str) and value in {member.value for member in kind} else None
