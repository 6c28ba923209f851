"""What a printed plan shows, gathered within the access rules: one pupil's document of one plan.

A teacher gets documents of the plans of their own (and shared) pupils, a SENCo of their whole school, the
operator (`iepbot export`) any; an administrator none, as for plans. Each document is made for one pupil:
on a group plan, the other pupils appear only as a number, never by name or by their own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from iepbot.domain import audit
from iepbot.domain.actors import Actor
from iepbot.domain.enums import AuditAction
from iepbot.domain.errors import NotFoundError
from iepbot.domain.plans import load_visible_plan
from iepbot.domain.ports import Transaction
from iepbot.domain.pupils import load_visible_pupil
from iepbot.domain.records import Plan, Pupil, School, StaffMember, Target

NOT_ON_PLAN = "That pupil is not on this plan."


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """A plan as one pupil's family and the staff read it: the plan's shared parts and this pupil's own.

    `parental_support` and `pupil_voice` are this pupil's (on a group plan, the plan's own fields belong to
    its own pupil); `group_size` counts every pupil who shares the targets, 1 for an individual plan.
    """

    school: School
    pupil: Pupil
    plan: Plan
    targets: tuple[Target, ...]
    author_name: str
    parental_support: str | None
    pupil_voice: str | None
    group_size: int


async def plan_document(tx: Transaction, actor: Actor, plan_id: int, *, pupil_id: int | None = None) -> PlanDocument:
    """The document of `plan_id` for `pupil_id` (default: the plan's own pupil), if `actor` may see both."""
    if isinstance(actor, StaffMember):
        plan, own_pupil = await load_visible_plan(tx, actor, plan_id)
    else:
        plan = await tx.plans.get(plan_id)
        own_pupil = await tx.pupils.get(plan.pupil_id)
    members = await tx.plans.group_members(plan.id)
    pupil, parental_support, pupil_voice = own_pupil, plan.parental_support, plan.pupil_voice
    if pupil_id is not None and pupil_id != own_pupil.id:
        member = next((each for each in members if each.pupil_id == pupil_id), None)
        if member is None:
            raise NotFoundError(NOT_ON_PLAN)
        if isinstance(actor, StaffMember):
            pupil = await load_visible_pupil(tx, actor, member.pupil_id)
        else:
            pupil = await tx.pupils.get(member.pupil_id)
        parental_support, pupil_voice = member.parental_support, member.pupil_voice
    names = await tx.staff.names({plan.author_id})
    audit.record(tx, actor, AuditAction.PLAN_EXPORTED, "plan", plan.id, pupil.school_id)
    return PlanDocument(
        school=await tx.schools.get(pupil.school_id),
        pupil=pupil,
        plan=plan,
        targets=tuple(await tx.targets.for_plan(plan.id)),
        author_name=names.get(plan.author_id, "—"),
        parental_support=parental_support,
        pupil_voice=pupil_voice,
        group_size=1 + len(members),
    )
