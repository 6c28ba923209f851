"""Review meetings: recorded by the plan's author or the SENCo once the plan is running."""

from __future__ import annotations

from dataclasses import replace

from iepbot.domain import audit
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError
from iepbot.domain.plans import TEXT_LIMIT, load_visible_plan
from iepbot.domain.ports import Transaction
from iepbot.domain.records import Review, ReviewNotes, StaffMember
from iepbot.domain.values import clean_optional, clean_text

REVIEWABLE = frozenset({PlanStatus.ACTIVE, PlanStatus.IN_REVIEW})


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
