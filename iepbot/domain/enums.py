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


class ReminderKind(enum.StrEnum):
    """The reminders the bot sends of itself; with the record and the date they make a reminder's key."""

    REVIEW_SOON = "review_soon"  # the author, a week before the review date
    REVIEW_DUE = "review_due"  # the author, on the day
    OVERDUE_REVIEWS = "overdue_reviews"  # each SENCo, once a week, while any review is overdue
    PARENT_MEETING = "parent_meeting"  # the author, when the school's parents' meeting interval has passed


class AuditAction(enum.StrEnum):
    """Every kind of change the audit records; an enum so no free text can slip into the log."""

    SCHOOL_CREATED = "school.created"
    SCHOOL_CHANGED = "school.changed"
    INVITE_CREATED = "invite.created"
    INVITE_REDEEMED = "invite.redeemed"
    PUPIL_ADDED = "pupil.added"
    PUPIL_SHARED = "pupil.shared"
    PUPIL_EXPORTED = "pupil.exported"
    PUPIL_ERASED = "pupil.erased"
    PLAN_CREATED = "plan.created"
    PLAN_EDITED = "plan.edited"
    PLAN_STATUS_CHANGED = "plan.status_changed"
    PLAN_APPROVED = "plan.approved"
    PLAN_RETURNED = "plan.returned"
    PLAN_EXPORTED = "plan.exported"  # a document of the plan was made: who printed a child's plan, and when
    TARGET_ADDED = "target.added"
    TARGET_EDITED = "target.edited"
    TARGET_REMOVED = "target.removed"
    TARGET_REVIEWED = "target.reviewed"
    REVIEW_RECORDED = "review.recorded"
    REVIEW_CLOSED = "review.closed"
    DIALOGUE_ANSWERED = "dialogue.answered"
    STAFF_ROLE_CHANGED = "staff.role_changed"
    STAFF_REMOVED = "staff.removed"
