"""Review meetings, and closing a review: outcomes recorded, the plan closed, the next draft opened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from iepbot.domain import audit
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, ConflictError, InvalidTransitionError, NotFoundError
from iepbot.domain.limits import check_plan_limit
from iepbot.domain.plans import TEXT_LIMIT, load_visible_plan, move_plan
from iepbot.domain.ports import Transaction
from iepbot.domain.records import Plan, Review, ReviewNotes, StaffMember, TargetDraft, TargetReview
from iepbot.domain.targets import clean_draft, review_target
from iepbot.domain.values import clean_optional, clean_text

REVIEWABLE = frozenset({PlanStatus.ACTIVE, PlanStatus.IN_REVIEW})
CONFLICT = (
    "Someone else changed this plan during the review. Nothing has been saved: start the review again "
    "with /review_plan to see their changes."
)


async def record_review(
    tx: Transaction, actor: StaffMember, plan_id: int, notes: ReviewNotes, *, expected_version: int
) -> Review:
    """Record a review meeting of an active or in-review plan."""
    plan, pupil = await load_visible_plan(tx, actor, plan_id)
    if plan.status not in REVIEWABLE:
        raise InvalidTransitionError("A review can be recorded once the plan is active.")
    if actor.id != plan.author_id and actor.role is not Role.SENCO:
        raise AccessDeniedError("Only the plan's author or the SENCo can record a review.")
    cleaned = replace(
        notes,
        attendees=clean_text(notes.attendees, label="list of who attended", max_length=TEXT_LIMIT),
        parent_views=clean_optional(notes.parent_views, label="parents' views", max_length=TEXT_LIMIT),
        pupil_views=clean_optional(notes.pupil_views, label="pupil's views", max_length=TEXT_LIMIT),
        notes=clean_optional(notes.notes, label="notes", max_length=TEXT_LIMIT),
    )
    await tx.plans.change(plan.id, expected_version=expected_version, values={}, now=tx.now)
    review = await tx.reviews.add(plan.id, cleaned, recorded_by=actor.id, now=tx.now)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.REVIEW_RECORDED, "review", review.id, pupil.school_id)
    return review


async def list_reviews(tx: Transaction, actor: StaffMember, plan_id: int) -> list[Review]:
    """The plan's reviews, oldest first, within the access rules."""
    plan, _pupil = await load_visible_plan(tx, actor, plan_id)
    return await tx.reviews.for_plan(plan.id)


@dataclass(frozen=True, slots=True)
class ReviewClosing:
    """Everything a finished review decided: each target's outcome, the meeting, and the targets carried on."""

    plan_id: int
    expected_version: int
    outcomes: Sequence[tuple[int, TargetReview]]  # (target id, what the review said of it)
    meeting: ReviewNotes
    carried: Sequence[TargetDraft]
    next_review: date


@dataclass(frozen=True, slots=True)
class ClosedReview:
    """The reviewed plan, now closed, and the new draft that carries its targets on."""

    closed: Plan
    draft: Plan


async def close_review(tx: Transaction, actor: StaffMember, closing: ReviewClosing) -> ClosedReview:
    """Record the outcomes and the meeting, close the plan, and open the next draft for the same author.

    All in the caller's transaction, so a review is closed whole or not at all. The new draft belongs to the
    plan's author even when the SENCo holds the review: the teacher writes the plan (the guidance).
    """
    plan, pupil = await load_visible_plan(tx, actor, closing.plan_id)
    if plan.version != closing.expected_version:
        raise ConflictError(CONFLICT)
    version = plan.version
    if plan.status is PlanStatus.ACTIVE:
        version = (await move_plan(tx, actor, plan.id, PlanStatus.IN_REVIEW, expected_version=version)).version
    ours = {target.id for target in await tx.targets.for_plan(plan.id)}
    for target_id, outcome in closing.outcomes:
        if target_id not in ours:
            raise NotFoundError("That target is not on this plan (it may have been removed).")
        version = (await review_target(tx, actor, target_id, outcome, expected_version=version)).plan_version
    await record_review(tx, actor, plan.id, closing.meeting, expected_version=version)
    version = (await tx.plans.get(plan.id)).version
    closed = await move_plan(tx, actor, plan.id, PlanStatus.CLOSED, expected_version=version)
    school = await tx.schools.get(pupil.school_id)
    check_plan_limit(targets_on_plan=0, adding=len(closing.carried), limit=school.target_limit)
    draft = await tx.plans.add(pupil_id=pupil.id, author_id=plan.author_id, now=tx.now)
    draft = await tx.plans.change(
        draft.id, expected_version=draft.version, values=_carried_fields(plan, closing), now=tx.now
    )
    for carried in closing.carried:
        target = await tx.targets.add(draft.id, clean_draft(carried))
        audit.record(tx, actor, AuditAction.TARGET_ADDED, "target", target.id, pupil.school_id)
    audit.record(tx, actor, AuditAction.PLAN_CREATED, "plan", draft.id, pupil.school_id)
    audit.record(tx, actor, AuditAction.REVIEW_CLOSED, "plan", plan.id, pupil.school_id)
    return ClosedReview(closed=closed, draft=await tx.plans.get(draft.id))


def _carried_fields(plan: Plan, closing: ReviewClosing) -> dict[str, object]:
    """What the pupil's next plan starts from: the same picture of the pupil, new dates."""
    kept = (
        "nature_of_difficulties",
        "strengths_and_motivation",
        "entry_skills",
        "parental_support",
        "pupil_voice",
        "pastoral_notes",
        "medical_notes",
    )
    return {
        **{name: getattr(plan, name) for name in kept},
        "start_date": closing.meeting.held_on,
        "review_date": closing.next_review,
    }
