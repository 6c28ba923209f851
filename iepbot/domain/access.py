"""Who may see which pupil: pure checks, so every service applies the same lines."""

from __future__ import annotations

from iepbot.domain.enums import Role
from iepbot.domain.errors import AccessDeniedError, OtherSchoolError
from iepbot.domain.records import Pupil, StaffMember

OTHER_SCHOOL = "That pupil belongs to another school; you cannot see their records."
NOT_YOURS = "That pupil is not in your classes and has not been shared with you. Ask your SENCo for access."
ADMIN_NO_PLANS = "Administrators manage staff and data requests; plans are for teachers and the SENCo."


def check_same_school(actor: StaffMember, school_id: int) -> None:
    """Nobody, whatever their role, reaches into another school."""
    if actor.school_id != school_id:
        raise OtherSchoolError(OTHER_SCHOOL)


def check_can_see_pupil(actor: StaffMember, pupil: Pupil, *, shared_with_actor: bool) -> None:
    """A teacher sees their own pupils and those shared with them; a SENCo sees the whole school."""
    check_same_school(actor, pupil.school_id)
    if actor.role is Role.SENCO:
        return
    if actor.role is Role.ADMIN:
        raise AccessDeniedError(ADMIN_NO_PLANS)
    if pupil.teacher_id != actor.id and not shared_with_actor:
        raise AccessDeniedError(NOT_YOURS)


def check_role(actor: StaffMember, allowed: frozenset[Role], message: str) -> None:
    """Refuse with `message` unless the actor's role is one of `allowed`."""
    if actor.role not in allowed:
        raise AccessDeniedError(message)
