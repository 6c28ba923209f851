"""The SENCo's decision on a submitted plan: approve it (it becomes active at once) or return it with a comment.

Two SENCos may press at once. The plan's row is locked while a decision is taken (`Plans.lock`), so the second
reads the plan as the first left it and is told who decided it (`AlreadyDecidedError`): one decision, never two.
A button from an older submission (the plan was returned, revised and sent again) is refused with
`PlanChangedError`, so nobody approves a version they have not read.
"""

from __future__ import annotations

from dataclasses import dataclass

from iepbot.domain import audit
from iepbot.domain.access import check_role
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import ConflictError, InvalidTransitionError
from iepbot.domain.plans import load_visible_plan, move_plan
from iepbot.domain.ports import Transaction
from iepbot.domain.pupils import load_visible_pupil
from iepbot.domain.records import Plan, Pupil, StaffMember, Target
from iepbot.domain.status import label

SENCO_ONLY = "Only the SENCo approves or returns plans."
DECISIONS = (AuditAction.PLAN_APPROVED, AuditAction.PLAN_RETURNED)


class AlreadyDecidedError(ConflictError):
    """The plan is no longer waiting: another SENCo (or this one, on another device) decided it first."""

    def __init__(self, plan: Plan, pupil: Pupil, decided_by: str | None) -> None:
        self.approved = plan.status not in {PlanStatus.RETURNED, PlanStatus.DRAFT}
        self.pupil_name = pupil.display_name
        self.decided_by = decided_by
        by = f" by {decided_by}" if decided_by else ""
        super().__init__(f"The plan for {pupil.display_name} has already been {self.verb}{by}; nothing more to do.")

    @property
    def verb(self) -> str:
        return "approved" if self.approved else "returned"


class PlanChangedError(ConflictError):
    """The plan was revised and submitted again since the message whose button was pressed."""


@dataclass(frozen=True, slots=True)
class PlanForDecision:
    """A submitted plan as the SENCo reads it before deciding: the plan, the pupil, its targets, who wrote it."""

    plan: Plan
    pupil: Pupil
    targets: tuple[Target, ...]
    author_name: str


@dataclass(frozen=True, slots=True)
class Decision:
    """What a decision did: the plan after it, and its author if they are still in post to be told."""

    plan: Plan
    pupil: Pupil
    author: StaffMember | None
    approved: bool


async def plan_for_decision(tx: Transaction, actor: StaffMember, plan_id: int) -> PlanForDecision:
    """The plan with everything the SENCo's summary shows, within the access rules."""
    check_role(actor, frozenset({Role.SENCO}), SENCO_ONLY)
    plan, pupil = await load_visible_plan(tx, actor, plan_id)
    targets = await tx.targets.for_plan(plan.id)
    names = await tx.staff.names({plan.author_id})
    return PlanForDecision(plan, pupil, tuple(targets), names.get(plan.author_id, "A former colleague"))


async def approve_plan(tx: Transaction, actor: StaffMember, plan_id: int, *, expected_version: int) -> Decision:
    """Approve a submitted plan and make it active at once (re-checking the pupil's target limit).

    Approval is the moment the school agrees the plan; nothing else in the bot "starts" it, and a plan left
    approved would count against the pupil's limit without ever being worked on. Both moves are audited.
    """
    plan, pupil = await _waiting(tx, actor, plan_id, expected_version)
    approved = await move_plan(tx, actor, plan.id, PlanStatus.APPROVED, expected_version=plan.version)
    active = await move_plan(tx, actor, plan.id, PlanStatus.ACTIVE, expected_version=approved.version)
    audit.record(tx, actor, AuditAction.PLAN_APPROVED, "plan", plan.id, pupil.school_id)
    return Decision(active, pupil, await _author_in_post(tx, active), approved=True)


async def return_plan(
    tx: Transaction, actor: StaffMember, plan_id: int, *, expected_version: int, comment: str
) -> Decision:
    """Send a submitted plan back to its author with a comment saying what to change."""
    plan, pupil = await _waiting(tx, actor, plan_id, expected_version)
    returned = await move_plan(tx, actor, plan.id, PlanStatus.RETURNED, expected_version=plan.version, comment=comment)
    audit.record(tx, actor, AuditAction.PLAN_RETURNED, "plan", plan.id, pupil.school_id)
    return Decision(returned, pupil, await _author_in_post(tx, returned), approved=False)


async def check_still_waiting(tx: Transaction, actor: StaffMember, plan_id: int, *, expected_version: int) -> None:
    """Before asking the SENCo for a comment: refuse now, not after they typed it, if it is decided or changed."""
    await _waiting(tx, actor, plan_id, expected_version, lock=False)


async def reopen_returned_plan(tx: Transaction, actor: StaffMember, plan_id: int) -> Plan:
    """The author takes a returned plan back as a draft to revise (a draft already reopened is just opened)."""
    plan, _pupil = await load_visible_plan(tx, actor, plan_id)
    if plan.status is PlanStatus.DRAFT and plan.author_id == actor.id:
        return plan
    if plan.status is not PlanStatus.RETURNED:
        raise InvalidTransitionError(f"This plan is {label(plan.status)}, so there is nothing to revise.")
    return await move_plan(tx, actor, plan.id, PlanStatus.DRAFT, expected_version=plan.version)


async def _waiting(
    tx: Transaction, actor: StaffMember, plan_id: int, expected_version: int, *, lock: bool = True
) -> tuple[Plan, Pupil]:
    check_role(actor, frozenset({Role.SENCO}), SENCO_ONLY)
    plan = await tx.plans.lock(plan_id) if lock else await tx.plans.get(plan_id)
    pupil = await load_visible_pupil(tx, actor, plan.pupil_id)
    if plan.status is not PlanStatus.SUBMITTED:
        raise AlreadyDecidedError(plan, pupil, await _decided_by(tx, plan.id))
    if plan.version != expected_version:
        raise PlanChangedError(
            f"The plan for {pupil.display_name} has been changed and submitted again since that message: "
            "here it is as it is now."
        )
    return plan, pupil


async def _decided_by(tx: Transaction, plan_id: int) -> str | None:
    """The name of whoever made the plan's latest decision (None if it was never decided here)."""
    events = [event for event in await tx.audit.for_record("plan", plan_id) if event.action in DECISIONS]
    if not events or events[-1].actor_id is None:
        return None
    actor_id = events[-1].actor_id
    return (await tx.staff.names({actor_id})).get(actor_id)


async def _author_in_post(tx: Transaction, plan: Plan) -> StaffMember | None:
    found = await tx.staff.with_schools({plan.author_id})
    return found[plan.author_id][0] if plan.author_id in found else None
