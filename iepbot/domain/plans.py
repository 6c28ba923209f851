"""Plans: starting, editing, moving through the status machine, and listing."""

from __future__ import annotations

from datetime import date

from iepbot.domain import audit
from iepbot.domain.access import check_role
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.limits import check_plan_limit, check_pupil_limit
from iepbot.domain.ports import Transaction
from iepbot.domain.pupils import CAN_TEACH, load_visible_pupil
from iepbot.domain.records import DATE_PLAN_FIELDS, Plan, PlanField, PlanSummary, Pupil, StaffMember
from iepbot.domain.status import check_author_edits_draft, check_transition
from iepbot.domain.values import clean_optional, clean_text

TEXT_LIMIT = 4000


async def load_visible_plan(tx: Transaction, actor: StaffMember, plan_id: int) -> tuple[Plan, Pupil]:
    """The plan and its pupil, if `actor` may see the pupil."""
    plan = await tx.plans.get(plan_id)
    return plan, await load_visible_pupil(tx, actor, plan.pupil_id)


async def start_plan(tx: Transaction, actor: StaffMember, pupil_id: int) -> Plan:
    """Open a draft plan for a pupil the actor can see; the actor becomes its author."""
    check_role(actor, CAN_TEACH, "Only teachers and the SENCo write plans.")
    pupil = await load_visible_pupil(tx, actor, pupil_id)
    plan = await tx.plans.add(pupil_id=pupil.id, author_id=actor.id, now=tx.now)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.PLAN_CREATED, "plan", plan.id, pupil.school_id)
    return plan


async def get_plan(tx: Transaction, actor: StaffMember, plan_id: int) -> Plan:
    """Read one plan within the access rules."""
    plan, _pupil = await load_visible_plan(tx, actor, plan_id)
    return plan


async def edit_plan(
    tx: Transaction,
    actor: StaffMember,
    plan_id: int,
    *,
    expected_version: int,
    field: PlanField,
    value: str | date | None,
) -> Plan:
    """Set one field of a draft (author only); `expected_version` is the version the author last saw."""
    plan, pupil = await load_visible_plan(tx, actor, plan_id)
    check_author_edits_draft(actor, plan)
    saved = await tx.plans.change(
        plan.id, expected_version=expected_version, values={field.value: _field_value(field, value)}, now=tx.now
    )
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.PLAN_EDITED, "plan", plan.id, pupil.school_id)
    return saved


async def move_plan(
    tx: Transaction,
    actor: StaffMember,
    plan_id: int,
    to: PlanStatus,
    *,
    expected_version: int,
    comment: str | None = None,
) -> Plan:
    """Move a plan along the status machine; approval re-checks the pupil's target limit."""
    plan, pupil = await load_visible_plan(tx, actor, plan_id)
    check_transition(actor, plan, to)
    values: dict[str, object] = {"status": to}
    if to is PlanStatus.RETURNED:
        values["return_comment"] = clean_text(
            comment or "", label="comment saying what to change", max_length=TEXT_LIMIT
        )
    elif to is PlanStatus.SUBMITTED:
        values["return_comment"] = None
    if to is PlanStatus.APPROVED:
        await check_targets_fit(tx, plan, pupil, adding=0)
    saved = await tx.plans.change(plan.id, expected_version=expected_version, values=values, now=tx.now)
    await tx.pupils.touch(pupil.id, tx.now)
    audit.record(tx, actor, AuditAction.PLAN_STATUS_CHANGED, "plan", plan.id, pupil.school_id)
    return saved


async def check_targets_fit(tx: Transaction, plan: Plan, pupil: Pupil, *, adding: int) -> None:
    """Raise TargetLimitError if the plan, or the pupil across all agreed plans, would exceed the limit.

    On a group plan every other pupil is held to the same limit: the targets are theirs too.
    """
    on_plan = await tx.targets.count_for_plan(plan.id)
    await _check_room(tx, pupil, on_plan=on_plan, adding=adding, excluding_plan=plan.id)
    for member in await tx.plans.group_members(plan.id):
        if member.pupil_id != pupil.id:
            other = await tx.pupils.get(member.pupil_id)
            await _check_room(tx, other, on_plan=on_plan, adding=adding, excluding_plan=plan.id)


async def check_room_for_drafted_targets(
    tx: Transaction, actor: StaffMember, pupil_id: int | None, *, drafted: int, adding: int
) -> None:
    """Before a plan exists (the dialogue drafts it first): would `adding` more targets fit?

    `pupil_id` None is a pupil not yet added, who has no other plans.
    """
    if pupil_id is None:
        school = await tx.schools.get(actor.school_id)
        check_plan_limit(targets_on_plan=drafted, adding=adding, limit=school.target_limit)
        return
    pupil = await load_visible_pupil(tx, actor, pupil_id)
    await _check_room(tx, pupil, on_plan=drafted, adding=adding, excluding_plan=None)


async def _check_room(tx: Transaction, pupil: Pupil, *, on_plan: int, adding: int, excluding_plan: int | None) -> None:
    school = await tx.schools.get(pupil.school_id)
    check_plan_limit(targets_on_plan=on_plan, adding=adding, limit=school.target_limit)
    by_author = await tx.plans.counted_targets_by_author(pupil.id, excluding_plan=excluding_plan)
    names = await tx.staff.names(set(by_author))
    elsewhere: dict[str, int] = {}
    for author_id, count in by_author.items():
        elsewhere[names[author_id]] = elsewhere.get(names[author_id], 0) + count
    check_pupil_limit(
        pupil_name=pupil.display_name,
        targets_on_plan=on_plan,
        adding=adding,
        elsewhere=elsewhere,
        limit=school.target_limit,
    )


async def my_plans(tx: Transaction, actor: StaffMember) -> list[PlanSummary]:
    """A teacher's plans (their pupils and those shared with them); a SENCo gets the whole school's."""
    if actor.role is Role.SENCO:
        return await tx.plans.summaries_for_school(actor.school_id, PlanStatus)
    check_role(actor, CAN_TEACH, "Only teachers and the SENCo have plans to list.")
    return await tx.plans.summaries_for_staff(actor.id)


async def plans_awaiting_approval(tx: Transaction, actor: StaffMember) -> list[PlanSummary]:
    """Submitted plans of the SENCo's school."""
    check_role(actor, frozenset({Role.SENCO}), "Only the SENCo approves plans.")
    return await tx.plans.summaries_for_school(actor.school_id, [PlanStatus.SUBMITTED])


def _field_value(field: PlanField, value: str | date | None) -> str | date | None:
    """Dates for the date fields, trimmed text of sensible length for the rest."""
    if field in DATE_PLAN_FIELDS:
        if value is not None and not isinstance(value, date):
            raise InvalidValueError(f"The {field.value.replace('_', ' ')} must be a date.")
        return value
    if isinstance(value, date):
        raise InvalidValueError(f"The {field.value.replace('_', ' ')} must be text, not a date.")
    return clean_optional(value, label=field.value.replace("_", " "), max_length=TEXT_LIMIT)
