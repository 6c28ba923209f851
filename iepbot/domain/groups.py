"""Group plans: several pupils working towards the same targets with the same support (Code of Practice 6:58).

The plan keeps one pupil as its own (`Plan.pupil_id`) and the targets, support and the description of the
shared need. Each other pupil is a `GroupMember` with what is theirs alone: their view and the support from
their home. A document is made for one pupil at a time (`iepbot.domain.documents`), so no family is shown
another child's name or words.
"""

from __future__ import annotations

from iepbot.domain import audit
from iepbot.domain.enums import AuditAction
from iepbot.domain.errors import AccessDeniedError, InvalidValueError
from iepbot.domain.plans import TEXT_LIMIT, check_targets_fit, load_visible_plan
from iepbot.domain.ports import Transaction
from iepbot.domain.pupils import load_visible_pupil
from iepbot.domain.records import GroupMember, Pupil, StaffMember
from iepbot.domain.status import check_author_edits_draft
from iepbot.domain.values import clean_optional


async def add_to_group(
    tx: Transaction,
    actor: StaffMember,
    plan_id: int,
    pupil_id: int,
    *,
    parental_support: str | None = None,
    pupil_voice: str | None = None,
) -> bool:
    """Put another pupil the author can see on their draft; False if the pupil was on it already."""
    plan, own_pupil = await load_visible_plan(tx, actor, plan_id)
    check_author_edits_draft(actor, plan)
    pupil = await load_visible_pupil(tx, actor, pupil_id)
    if pupil.id == own_pupil.id:
        raise InvalidValueError("This pupil is the plan's own pupil already.")
    await check_targets_fit(tx, plan, pupil, adding=0)
    member = GroupMember(
        pupil.id,
        parental_support=clean_optional(parental_support, label="parental support", max_length=TEXT_LIMIT),
        pupil_voice=clean_optional(pupil_voice, label="pupil's view", max_length=TEXT_LIMIT),
    )
    added = await tx.plans.add_group_member(plan.id, member)
    if added:
        await tx.pupils.touch(pupil.id, tx.now)
        audit.record(tx, actor, AuditAction.PLAN_EDITED, "plan", plan.id, pupil.school_id)
    return added


async def plan_pupils(tx: Transaction, actor: StaffMember, plan_id: int) -> list[Pupil]:
    """The plan's own pupil, then the other pupils of a group plan whom `actor` may see."""
    plan, own_pupil = await load_visible_plan(tx, actor, plan_id)
    pupils = [own_pupil]
    for member in await tx.plans.group_members(plan.id):
        try:
            pupils.append(await load_visible_pupil(tx, actor, member.pupil_id))
        except AccessDeniedError:
            continue  # a pupil shared with the author only: not the actor's to print
    return pupils
