"""What a returned plan's author may change, as the summary's buttons name them."""

from __future__ import annotations

from dataclasses import dataclass

from iepbot.domain.records import PlanField, TargetField


@dataclass(frozen=True, slots=True)
class Editable:
    """A field the author can change: the button's label and the words the question uses."""

    label: str
    asks_for: str


PLAN_FIELDS: dict[PlanField, Editable] = {
    PlanField.NATURE_OF_DIFFICULTIES: Editable("Difficulty", "what the pupil finds difficult, in your words"),
    PlanField.ENTRY_SKILLS: Editable("Current skills", "the pupil's current skills"),
    PlanField.STRENGTHS_AND_MOTIVATION: Editable("Motivation", "what motivates the pupil and how they learn best"),
    PlanField.REVIEW_DATE: Editable("Review date", "the review date (e.g. 12/03/2027, or Easter)"),
    PlanField.PARENTAL_SUPPORT: Editable("Support from home", "the support from home"),
    PlanField.PUPIL_VOICE: Editable("Pupil's view", "the pupil's own view"),
}

TARGET_FIELDS: dict[TargetField, Editable] = {
    TargetField.TEXT: Editable("Wording", "the target's new wording"),
    TargetField.TEACHING_STRATEGY: Editable("Strategy", "the teaching strategy"),
    TargetField.RESOURCES: Editable("Resources", "the resources"),
    TargetField.STAFFING: Editable("Who", "who will do it"),
    TargetField.FREQUENCY: Editable("How often", "how often"),
    TargetField.SUCCESS_CRITERIA: Editable("Success criteria", "the success criteria"),
    TargetField.MONITORING: Editable("Monitoring", "how progress is monitored"),
}


def plan_field(name: str | None) -> PlanField | None:
    """The plan field a saved state or a button names, if it is one the author may change."""
    return next((field for field in PLAN_FIELDS if field.value == name), None)


def target_field(name: str | None) -> TargetField | None:
    """The target field a saved state or a button names, if it is one the author may change."""
    return next((field for field in TARGET_FIELDS if field.value == name), None)
