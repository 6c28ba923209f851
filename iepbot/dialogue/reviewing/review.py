"""The /review_plan flow's answers so far, typed, and the JSON a chat's saved state holds for them.

The plan's targets are copied in when the plan is chosen (with the plan's version), so every question is
asked from the saved answers alone and the review is written in one go when it closes; a value of the wrong
type reads back as unanswered, like the /new flow's draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from iepbot.dialogue.drafting.draft import TARGET_FIELDS
from iepbot.domain.enums import Outcome
from iepbot.domain.records import Target
from nlp import Area

REVIEW_FLOW = "review_plan"
CARRIED = ("bank_id", *TARGET_FIELDS)  # what a target takes to the next plan besides its wording
# The guidance's five questions when a target was not met, in its order; the values are the analysis keys
# `domain.targets.review_target` stores.
QUESTIONS = ("step_too_big", "had_entry_skills", "motivated_to_practise", "strategy_right", "resources_right")


@dataclass
class NextTarget:
    """What a reviewed target becomes on the next plan: a wording, where it came from, its support."""

    text: str
    source: str  # "smaller", "next", "same", "own"
    bank_id: str | None = None
    strategy: str | None = None
    resources: str | None = None
    staffing: str | None = None
    frequency: str | None = None
    success_criteria: str | None = None
    monitoring: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NextTarget | None:
        if not isinstance(data.get("text"), str) or not isinstance(data.get("source"), str):
            return None
        return cls(data["text"], data["source"], **{name: _text(data, name) for name in CARRIED})


@dataclass
class ReviewedTarget:
    """One target of the plan under review: as it was written, and what the review says of it."""

    target_id: int
    text: str
    area: Area
    bank_id: str | None = None
    strategy: str | None = None
    resources: str | None = None
    staffing: str | None = None
    frequency: str | None = None
    success_criteria: str | None = None
    monitoring: str | None = None
    outcome: Outcome | None = None
    evidence: str | None = None
    analysis: dict[str, bool | None] = field(default_factory=dict)
    next: NextTarget | None = None
    dropped: bool = False  # the teacher chose not to carry it on

    @classmethod
    def of(cls, target: Target) -> ReviewedTarget:
        return cls(
            target_id=target.id,
            text=target.text,
            area=target.area,
            bank_id=target.bank_id,
            strategy=target.teaching_strategy,
            resources=target.resources,
            staffing=target.staffing,
            frequency=target.frequency,
            success_criteria=target.success_criteria,
            monitoring=target.monitoring,
        )

    @property
    def met(self) -> bool:
        return self.outcome is Outcome.ACHIEVED

    def answered(self, question: str) -> bool | None:
        return self.analysis.get(question)

    def to_json(self) -> dict[str, Any]:
        values = asdict(self)
        values["area"] = self.area.value
        values["outcome"] = self.outcome.value if self.outcome else None
        return {key: value for key, value in values.items() if value is not None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewedTarget | None:
        target_id, text, area = data.get("target_id"), data.get("text"), data.get("area")
        if not isinstance(target_id, int) or not isinstance(text, str) or area not in {a.value for a in Area}:
            return None
        outcome = data.get("outcome")
        analysis = data.get("analysis")
        following = data.get("next")
        return cls(
            target_id=target_id,
            text=text,
            area=Area(area),
            **{name: _text(data, name) for name in CARRIED},
            outcome=Outcome(outcome) if outcome in {each.value for each in Outcome} else None,
            evidence=_text(data, "evidence"),
            analysis={
                key: value
                for key, value in (analysis.items() if isinstance(analysis, Mapping) else ())
                if key in QUESTIONS and (value is None or isinstance(value, bool))
            },
            next=NextTarget.from_json(following) if isinstance(following, Mapping) else None,
            dropped=data.get("dropped") is True,
        )


@dataclass
class ReviewDraft:
    """The review in progress: which plan (at which version), its targets, which one is being asked about,
    and the meeting."""

    plan_id: int | None = None
    plan_version: int | None = None
    pupil_id: int | None = None
    pupil_name: str | None = None
    targets: list[ReviewedTarget] = field(default_factory=list)
    index: int = 0  # which target the per-target questions are about
    attendees: str | None = None
    parent_views: str | None = None

    @property
    def name(self) -> str:
        return self.pupil_name or "the pupil"

    @property
    def current(self) -> ReviewedTarget:
        return self.targets[min(self.index, len(self.targets) - 1)]

    @property
    def is_last(self) -> bool:
        return self.index + 1 >= len(self.targets)

    def to_json(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "plan_id": self.plan_id,
            "plan_version": self.plan_version,
            "pupil_id": self.pupil_id,
            "pupil_name": self.pupil_name,
            "targets": [target.to_json() for target in self.targets] or None,
            "index": self.index or None,
            "attendees": self.attendees,
            "parent_views": self.parent_views,
        }
        return {key: value for key, value in values.items() if value is not None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewDraft:
        targets = data.get("targets")
        read = (
            [ReviewedTarget.from_json(each) for each in targets if isinstance(each, Mapping)]
            if isinstance(targets, list)
            else []
        )
        return cls(
            plan_id=_int(data, "plan_id"),
            plan_version=_int(data, "plan_version"),
            pupil_id=_int(data, "pupil_id"),
            pupil_name=_text(data, "pupil_name"),
            targets=[target for target in read if target is not None],
            index=_int(data, "index") or 0,
            attendees=_text(data, "attendees"),
            parent_views=_text(data, "parent_views"),
        )


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
