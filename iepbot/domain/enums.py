"""The closed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    """What a member of staff may do in their school."""

    TEACHER = "teacher"
    SENCO = "senco"
    ADMIN = "admin"


class PlanStatus(enum.StrEnum):
    """Where a plan is in its life; moves are governed by `iepbot.domain.status`."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    ACTIVE = "active"
    IN_REVIEW = "in_review"
    CLOSED = "closed"


# Plans whose targets count towards the pupil's limit: agreed and not yet finished.
COUNTED_STATUSES: frozenset[PlanStatus] = frozenset({PlanStatus.APPROVED, PlanStatus.ACTIVE, PlanStatus.IN_REVIEW})


class Outcome(enum.StrEnum):
    """How far a target was met at review."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_YET = "not_yet"


class AuditAction(enum.StrEnum):
    """Every kind of change the audit records; an enum so no free text can slip into the log."""

    SCHOOL_CREATED = "school.created"
    INVITE_CREATED = "invite.created"
    INVITE_REDEEMED = "invite.redeemed"
    PUPIL_ADDED = "pupil.added"
    PUPIL_SHARED = "pupil.shared"
    PUPIL_EXPORTED = "pupil.exported"
    PUPIL_ERASED = "pupil.erased"
    PLAN_CREATED = "plan.created"
    PLAN_EDITED = "plan.edited"
    PLAN_STATUS_CHANGED = "plan.status_changed"
    PLAN_EXPORTED = "plan.exported"  # a document of the plan was made: who printed a child's plan, and when
    TARGET_ADDED = "target.added"
    TARGET_EDITED = "target.edited"
    TARGET_REMOVED = "target.removed"
    TARGET_REVIEWED = "target.reviewed"
    REVIEW_RECORDED = "review.recorded"
    DIALOGUE_ANSWERED = "dialogue.answered"
