"""Pupils: adding them, sharing them with other staff, and reading them within the access rules."""

from __future__ import annotations

from collections.abc import Sequence

from iepbot.domain import audit
from iepbot.domain.access import check_can_see_pupil, check_role
from iepbot.domain.enums import AuditAction, Role
from iepbot.domain.errors import AccessDeniedError, InvalidValueError
from iepbot.domain.ports import Transaction
from iepbot.domain.records import Pupil, StaffMember
from iepbot.domain.values import clean_text
from nlp.areas import Area

CAN_TEACH = frozenset({Role.TEACHER, Role.SENCO})


async def load_visible_pupil(tx: Transaction, actor: StaffMember, pupil_id: int) -> Pupil:
    """The pupil, if `actor` may see them; every read of a pupil's records starts here."""
    pupil = await tx.pupils.get(pupil_id)
    shared = actor.role is Role.TEACHER and await tx.pupils.is_shared_with(pupil_id, actor.id)
    check_can_see_pupil(actor, pupil, shared_with_actor=shared)
    return pupil


async def add_pupil(
    tx: Transaction,
    actor: StaffMember,
    *,
    display_name: str,
    year_group: str,
    class_name: str,
    areas_of_need: Sequence[Area],
) -> Pupil:
    """Add a pupil taught by `actor`: a display name or initials only, never a date of birth or address."""
    check_role(actor, CAN_TEACH, "Only teachers and the SENCo add pupils.")
    if not areas_of_need:
        raise InvalidValueError("Please choose at least one area of need.")
    pupil = await tx.pupils.add(
        school_id=actor.school_id,
        teacher_id=actor.id,
        display_name=clean_text(display_name, label="pupil's display name or initials", max_length=80),
        year_group=clean_text(year_group, label="year group", max_length=20),
        class_name=clean_text(class_name, label="class", max_length=40),
        areas_of_need=list(dict.fromkeys(areas_of_need)),
        now=tx.now,
    )
    audit.record(tx, actor, AuditAction.PUPIL_ADDED, "pupil", pupil.id, pupil.school_id)
    return pupil


async def share_pupil(tx: Transaction, actor: StaffMember, pupil_id: int, *, with_staff_id: int) -> None:
    """Let another teacher of the same school see the pupil (their teacher or the SENCo decides)."""
    pupil = await load_visible_pupil(tx, actor, pupil_id)
    if actor.role is not Role.SENCO and actor.id != pupil.teacher_id:
        raise AccessDeniedError("Only the pupil's teacher or the SENCo can share a pupil.")
    colleague = await tx.staff.get(with_staff_id)
    if colleague.school_id != pupil.school_id:
        raise AccessDeniedError("You can only share a pupil with staff of your own school.")
    if await tx.pupils.share(pupil_id, colleague.id):
        audit.record(tx, actor, AuditAction.PUPIL_SHARED, "pupil", pupil_id, pupil.school_id)


async def get_pupil(tx: Transaction, actor: StaffMember, pupil_id: int) -> Pupil:
    """Read one pupil within the access rules."""
    return await load_visible_pupil(tx, actor, pupil_id)


async def my_pupils(tx: Transaction, actor: StaffMember) -> list[Pupil]:
    """The pupils a member of staff may write plans for: a teacher's own and shared ones, a SENCo's school."""
    check_role(actor, CAN_TEACH, "Only teachers and the SENCo have pupils to list.")
    if actor.role is Role.SENCO:
        return await tx.pupils.in_school(actor.school_id)
    return await tx.pupils.taught_by(actor.id)
