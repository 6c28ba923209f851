"""A SENCo manages their school's staff: changes a member's role or removes them; their plans stay.

A removed member's row is kept, marked removed (`Staff.remove`): the plans, pupils and audit events that name
them keep their author, and no lookup by Telegram account finds them again, so their next message meets the
door as a stranger's. Their chat's saved state is dropped: its drafts may quote plans they can no longer see.
"""

from __future__ import annotations

from dataclasses import dataclass

from iepbot.domain import audit
from iepbot.domain.access import check_role, check_same_school
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, InvalidValueError
from iepbot.domain.ports import Transaction
from iepbot.domain.records import StaffMember

SENCO_ONLY = "Only the SENCo manages the school's staff."
# The roles a SENCo gives: the SEN team of the school. Administrators are set up by the operator.
SENCO_MANAGES: frozenset[Role] = frozenset({Role.TEACHER, Role.SENCO})


@dataclass(frozen=True, slots=True)
class RemovedMember:
    """Who was removed, and how many plans they wrote (still the school's)."""

    member: StaffMember
    plans_kept: int


async def school_staff(tx: Transaction, actor: StaffMember) -> list[StaffMember]:
    """The SENCo's school's staff still in post, by name."""
    check_role(actor, frozenset({Role.SENCO}), SENCO_ONLY)
    return await tx.staff.of_school(actor.school_id)


async def staff_member(tx: Transaction, actor: StaffMember, staff_id: int) -> StaffMember:
    """One member of the SENCo's school (another school's gets the answer a missing one gets)."""
    check_role(actor, frozenset({Role.SENCO}), SENCO_ONLY)
    member = await tx.staff.get(staff_id)
    check_same_school(actor, member.school_id)
    return member


async def change_role(tx: Transaction, actor: StaffMember, staff_id: int, role: Role) -> StaffMember:
    """Make a teacher a SENCo or a SENCo a teacher (never oneself, never an administrator)."""
    member = await _managed(tx, actor, staff_id)
    if role not in SENCO_MANAGES:
        raise InvalidValueError("A SENCo can make a member of staff a teacher or a SENCo.")
    if member.role is role:
        return member
    changed = await tx.staff.change_role(member.id, role)
    audit.record(tx, actor, AuditAction.STAFF_ROLE_CHANGED, "staff", member.id, member.school_id)
    return changed


async def remove_member(tx: Transaction, actor: StaffMember, staff_id: int) -> RemovedMember:
    """Remove a member from the school: they can no longer get in; what they wrote stays with the school."""
    member = await _managed(tx, actor, staff_id)
    plans = await tx.plans.summaries_for_school(member.school_id, PlanStatus)
    removed = await tx.staff.remove(member.id, tx.now)
    await tx.dialogue.forget_chat(member.telegram_user_id)  # a private chat's id is the user's id
    audit.record(tx, actor, AuditAction.STAFF_REMOVED, "staff", member.id, member.school_id)
    return RemovedMember(removed, sum(1 for plan in plans if plan.author_id == member.id))


async def _managed(tx: Transaction, actor: StaffMember, staff_id: int) -> StaffMember:
    member = await staff_member(tx, actor, staff_id)
    if member.id == actor.id:
        raise AccessDeniedError("You cannot change your own role or remove yourself: ask another SENCo.")
    if member.role not in SENCO_MANAGES:
        raise AccessDeniedError("Administrators are set up by whoever runs the bot, not through /staff.")
    return member
