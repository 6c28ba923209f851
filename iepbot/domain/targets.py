"""Targets on a plan: adding within the limit, editing a draft's targets, recording outcomes at review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from iepbot.domain import audit
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError, InvalidValueError
from iepbot.domain.plans import TEXT_LIMIT, check_targets_fit, load_visible_plan
from iepbot.domain.ports import Transaction
from iepbot.domain.records import StaffMember, Target, TargetDraft, TargetField, TargetReview
from iepbot.domain.status import check_author_edits_draft
from iepbot.domain.values import clean_optional, clean_text

STEP_SIZE_LIMIT = 40

# The questions the guidance asks when a target is not met; answers are yes/no or not yet known.
ANALYSIS_QUESTIONS: frozenset[str] = frozenset(
    {"step_too_big", "had_entry_skills", "motivated_to_practise", "strategy_right", "resources_right"}
)


@dataclass(frozen=True, slots=True)
class SavedTarget:
    """A target after a change, with the plan's new version for the caller's next save."""

    target: Target
    plan_version: int


async def add_target(
    tx: Transaction, actor: StaffMember, plan_id: int, draft: TargetDraft, *, expected_version: int
) -> SavedTarget:
    """Add a target to a draft; refused past the plan's limit or the pupil's across all teachers."""
    plan, pupil = await load_visible_plan(tx, actor, plan_id)
    check_author_edits_draft(actor, plan)
    await check_targets_fit(tx, plan, pupil, adding=1)
    cleaned = clean_draft(draft)
    saved_plan = await tx.plans.change(plan.id, expected_version=expected_version, values={}, now=tx.now)
    target = await tx.targets.add(plan.id, cleaned)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.TARGET_ADDED, "target", target.id, pupil.school_id)
    return SavedTarget(target=target, plan_version=saved_plan.version)


async def edit_target(
    tx: Transaction,
    actor: StaffMember,
    target_id: int,
    *,
    expected_version: int,
    field: TargetField,
    value: str | date | None,
) -> SavedTarget:
    """Change one field of a draft's target (author only)."""
    target = await tx.targets.get(target_id)
    plan, pupil = await load_visible_plan(tx, actor, target.plan_id)
    check_author_edits_draft(actor, plan)
    saved_plan = await tx.plans.change(plan.id, expected_version=expected_version, values={}, now=tx.now)
    changed = await tx.targets.change(target.id, {field.value: _target_value(field, value)})
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.TARGET_EDITED, "target", target.id, pupil.school_id)
    return SavedTarget(target=changed, plan_version=saved_plan.version)


async def reword_target(
    tx: Transaction,
    actor: StaffMember,
    target_id: int,
    *,
    text: str,
    smart_report: Mapping[str, Any],
    deadline: date | None,
    expected_version: int,
) -> SavedTarget:
    """A new wording for a draft's target, saved with the checker's verdict on it and the deadline it states,
    so the report stored beside a target is always the report of its words."""
    target = await tx.targets.get(target_id)
    plan, pupil = await load_visible_plan(tx, actor, target.plan_id)
    check_author_edits_draft(actor, plan)
    values = {
        "text": clean_text(text, label="target", max_length=TEXT_LIMIT),
        "smart_report": dict(smart_report),
        "deadline": deadline,
    }
    saved_plan = await tx.plans.change(plan.id, expected_version=expected_version, values={}, now=tx.now)
    changed = await tx.targets.change(target.id, values)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.TARGET_EDITED, "target", target.id, pupil.school_id)
    return SavedTarget(target=changed, plan_version=saved_plan.version)


async def remove_target(tx: Transaction, actor: StaffMember, target_id: int, *, expected_version: int) -> int:
    """Remove a target from a draft; returns the plan's new version."""
    target = await tx.targets.get(target_id)
    plan, pupil = await load_visible_plan(tx, actor, target.plan_id)
    check_author_edits_draft(actor, plan)
    saved_plan = await tx.plans.change(plan.id, expected_version=expected_version, values={}, now=tx.now)
    await tx.targets.remove(target.id)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.TARGET_REMOVED, "target", target.id, pupil.school_id)
    return saved_plan.version


async def review_target(
    tx: Transaction, actor: StaffMember, target_id: int, review: TargetReview, *, expected_version: int
) -> SavedTarget:
    """Record a target's outcome while its plan is in review (its author or the SENCo)."""
    target = await tx.targets.get(target_id)
    plan, pupil = await load_visible_plan(tx, actor, target.plan_id)
    if plan.status is not PlanStatus.IN_REVIEW:
        raise InvalidTransitionError("Outcomes are recorded when the plan is in review.")
    if actor.id != plan.author_id and actor.role is not Role.SENCO:
        raise AccessDeniedError("Only the plan's author or the SENCo can record outcomes.")
    values = {
        "outcome": review.outcome,
        "analysis": _clean_analysis(review.analysis),
        "evidence": clean_optional(review.evidence, label="evidence", max_length=TEXT_LIMIT),
    }
    saved_plan = await tx.plans.change(plan.id, expected_version=expected_version, values={}, now=tx.now)
    changed = await tx.targets.change(target.id, values)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.TARGET_REVIEWED, "target", target.id, pupil.school_id)
    return SavedTarget(target=changed, plan_version=saved_plan.version)


async def list_targets(tx: Transaction, actor: StaffMember, plan_id: int) -> list[Target]:
    """The plan's targets in order, within the access rules."""
    plan, _pupil = await load_visible_plan(tx, actor, plan_id)
    return await tx.targets.for_plan(plan.id)


def clean_draft(draft: TargetDraft) -> TargetDraft:
    """The draft with its text trimmed and checked."""

    def optional(value: str | None, label: str) -> str | None:
        return clean_optional(value, label=label, max_length=TEXT_LIMIT)

    return replace(
        draft,
        text=clean_text(draft.text, label="target", max_length=TEXT_LIMIT),
        step_size=clean_optional(draft.step_size, label="step size", max_length=STEP_SIZE_LIMIT),
        teaching_strategy=optional(draft.teaching_strategy, "teaching strategy"),
        resources=optional(draft.resources, "resources"),
        staffing=optional(draft.staffing, "staffing"),
        frequency=optional(draft.frequency, "frequency"),
        success_criteria=optional(draft.success_criteria, "success criteria"),
        monitoring=optional(draft.monitoring, "monitoring"),
    )


def _target_value(field: TargetField, value: str | date | None) -> str | date | None:
    """A date for the deadline, trimmed text otherwise; the target's own text cannot be emptied."""
    label = field.value.replace("_", " ")
    if field is TargetField.DEADLINE:
        if value is not None and not isinstance(value, date):
            raise InvalidValueError("The deadline must be a date.")
        return value
    if isinstance(value, date):
        raise InvalidValueError(f"The {label} must be text, not a date.")
    if field is TargetField.TEXT:
        return clean_text(value or "", label="target", max_length=TEXT_LIMIT)
    limit = STEP_SIZE_LIMIT if field is TargetField.STEP_SIZE else TEXT_LIMIT
    return clean_optional(value, label=label, max_length=limit)


def _clean_analysis(analysis: Mapping[str, Any]) -> dict[str, bool | None]:
    """Only the guidance's five questions, each answered yes, no or not known."""
    unknown = set(analysis) - ANALYSIS_QUESTIONS
    if unknown:
        raise InvalidValueError(f"Unknown review question(s): {', '.join(sorted(unknown))}.")
    cleaned: dict[str, bool | None] = {}
    for question, answer in analysis.items():
        if answer is not None and not isinstance(answer, bool):
            raise InvalidValueError(f"The answer to {question.replace('_', ' ')} must be yes, no or not known.")
        cleaned[question] = answer
    return cleaned
