"""The plan's status machine: which moves exist and who may make each one."""

from __future__ import annotations

import enum

from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError
from iepbot.domain.records import Plan, StaffMember


class Mover(enum.Enum):
    """Who may make a move: the plan's author, the school's SENCo, or either."""

    AUTHOR = "the plan's author"
    SENCO = "the school's SENCo"
    AUTHOR_OR_SENCO = "the plan's author or the school's SENCo"


TRANSITIONS: dict[tuple[PlanStatus, PlanStatus], Mover] = {
    (PlanStatus.DRAFT, PlanStatus.SUBMITTED): Mover.AUTHOR,
    (PlanStatus.SUBMITTED, PlanStatus.APPROVED): Mover.SENCO,
    (PlanStatus.SUBMITTED, PlanStatus.RETURNED): Mover.SENCO,
    (PlanStatus.RETURNED, PlanStatus.DRAFT): Mover.AUTHOR,
    (PlanStatus.APPROVED, PlanStatus.ACTIVE): Mover.AUTHOR_OR_SENCO,
    (PlanStatus.ACTIVE, PlanStatus.IN_REVIEW): Mover.AUTHOR_OR_SENCO,
    (PlanStatus.IN_REVIEW, PlanStatus.CLOSED): Mover.AUTHOR_OR_SENCO,
}

_LABELS = {
    PlanStatus.DRAFT: "a draft",
    PlanStatus.SUBMITTED: "submitted",
    PlanStatus.APPROVED: "approved",
    PlanStatus.RETURNED: "returned",
    PlanStatus.ACTIVE: "active",
    PlanStatus.IN_REVIEW: "in review",
    PlanStatus.CLOSED: "closed",
}


def label(status: PlanStatus) -> str:
    """The status as words for a message ("in review", "a draft")."""
    return _LABELS[status]


def check_transition(actor: StaffMember, plan: Plan, target: PlanStatus) -> None:
    """Raise unless `actor` may move `plan` to `target` (the caller has already checked the school)."""
    mover = TRANSITIONS.get((plan.status, target))
    if mover is None:
        raise InvalidTransitionError(f"A plan that is {label(plan.status)} cannot be made {label(target)}.")
    is_author = actor.id == plan.author_id
    is_senco = actor.role is Role.SENCO
    allowed = {
        Mover.AUTHOR: is_author,
        Mover.SENCO: is_senco,
        Mover.AUTHOR_OR_SENCO: is_author or is_senco,
    }[mover]
    if not allowed:
        raise AccessDeniedError(f"Only {mover.value} can make this plan {label(target)}.")


def check_author_edits_draft(actor: StaffMember, plan: Plan) -> None:
    """Only the author changes a plan, and only while it is a draft."""
    if plan.status is not PlanStatus.DRAFT:
        raise InvalidTransitionError(
            f"This plan is {label(plan.status)}, so it cannot be changed. Only a draft can be edited."
        )
    if actor.id != plan.author_id:
        raise AccessDeniedError("Only the plan's author can edit a draft.")
