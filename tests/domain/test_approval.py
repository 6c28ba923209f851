"""The SENCo's decision in the database: approval makes a plan active, a return carries a comment, and of two
decisions at once exactly one is taken."""

from __future__ import annotations

import asyncio

import pytest

from iepbot.domain.approval import (
    AlreadyDecidedError,
    Decision,
    PlanChangedError,
    approve_plan,
    reopen_returned_plan,
    return_plan,
)
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import (
    AccessDeniedError,
    InvalidTransitionError,
    InvalidValueError,
    OtherSchoolError,
    TargetLimitError,
)
from iepbot.domain.plans import move_plan
from iepbot.domain.records import Plan, StaffMember
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def submitted(storage: Storage, author: StaffMember, targets: int = 2) -> Plan:
    pupil = await add_pupil_for(storage, author)
    plan = await draft_with_targets(storage, author, pupil.id, targets)
    async with storage.write() as tx:
        return await move_plan(tx, author, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)


async def second_senco(storage: Storage, world: World) -> StaffMember:
    async with storage.write() as tx:
        return await tx.staff.add(
            school_id=world.school.id, telegram_user_id=105, name="Mr Singh", role=Role.SENCO, now=tx.now
        )


async def test_approval_makes_the_plan_active_at_once_and_audits_both_moves_and_the_decision(
    storage: Storage, world: World
) -> None:
    plan = await submitted(storage, world.teacher)
    async with storage.write() as tx:
        decision = await approve_plan(tx, world.senco, plan.id, expected_version=plan.version)
    assert decision.plan.status is PlanStatus.ACTIVE
    assert decision.approved
    assert decision.author == world.teacher
    async with storage.read() as tx:
        events = [event.action for event in await tx.audit.for_record("plan", plan.id)]
    assert events[-3:] == [AuditAction.PLAN_STATUS_CHANGED, AuditAction.PLAN_STATUS_CHANGED, AuditAction.PLAN_APPROVED]


async def test_a_returned_plan_keeps_the_comment_until_it_is_submitted_again(storage: Storage, world: World) -> None:
    plan = await submitted(storage, world.teacher)
    async with storage.write() as tx:
        decision = await return_plan(
            tx, world.senco, plan.id, expected_version=plan.version, comment="  Add a target for home <reading>. 📚 "
        )
    assert decision.plan.status is PlanStatus.RETURNED
    assert decision.plan.return_comment == "Add a target for home <reading>. 📚"
    async with storage.write() as tx:
        draft = await reopen_returned_plan(tx, world.teacher, plan.id)
    assert draft.status is PlanStatus.DRAFT
    assert draft.return_comment == "Add a target for home <reading>. 📚"
    async with storage.write() as tx:
        again = await reopen_returned_plan(tx, world.teacher, plan.id)  # pressing Revise twice is harmless
        resubmitted = await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=again.version)
    assert resubmitted.return_comment is None


@pytest.mark.parametrize("comment", ["", "   ", "x" * 4001])
async def test_a_return_needs_a_comment_of_sensible_length(storage: Storage, world: World, comment: str) -> None:
    plan = await submitted(storage, world.teacher)
    with pytest.raises(InvalidValueError):
        async with storage.write() as tx:
            await return_plan(tx, world.senco, plan.id, expected_version=plan.version, comment=comment)


async def test_a_second_decision_is_told_who_made_the_first(storage: Storage, world: World) -> None:
    plan = await submitted(storage, world.teacher)
    other = await second_senco(storage, world)
    async with storage.write() as tx:
        await return_plan(tx, world.senco, plan.id, expected_version=plan.version, comment="More detail, please.")
    with pytest.raises(AlreadyDecidedError) as raised:
        async with storage.write() as tx:
            await approve_plan(tx, other, plan.id, expected_version=plan.version)
    assert (raised.value.approved, raised.value.decided_by) == (False, "Mrs Okafor")
    assert "already been returned by Mrs Okafor" in str(raised.value)


async def test_two_sencos_deciding_at_once_make_exactly_one_decision(storage: Storage, world: World) -> None:
    plan = await submitted(storage, world.teacher)
    other = await second_senco(storage, world)

    async def decide(senco: StaffMember) -> Decision | AlreadyDecidedError:
        try:
            async with storage.write() as tx:
                return await approve_plan(tx, senco, plan.id, expected_version=plan.version)
        except AlreadyDecidedError as error:
            return error

    outcomes = await asyncio.gather(decide(world.senco), decide(other))
    decisions = [outcome for outcome in outcomes if isinstance(outcome, Decision)]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, AlreadyDecidedError)]
    assert (len(decisions), len(refusals)) == (1, 1)
    winner = "Mrs Okafor" if outcomes[0] is decisions[0] else "Mr Singh"
    assert refusals[0].decided_by == winner
    async with storage.read() as tx:
        events = [event.action for event in await tx.audit.for_record("plan", plan.id)]
    assert events.count(AuditAction.PLAN_APPROVED) == 1


async def test_a_button_from_before_a_resubmission_cannot_approve_the_new_version(
    storage: Storage, world: World
) -> None:
    plan = await submitted(storage, world.teacher)
    async with storage.write() as tx:
        await return_plan(tx, world.senco, plan.id, expected_version=plan.version, comment="Change target 2.")
        draft = await reopen_returned_plan(tx, world.teacher, plan.id)
        await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=draft.version)
    with pytest.raises(PlanChangedError):
        async with storage.write() as tx:
            await approve_plan(tx, world.senco, plan.id, expected_version=plan.version)


async def test_only_the_schools_senco_decides(storage: Storage, world: World) -> None:
    plan = await submitted(storage, world.teacher)
    with pytest.raises(AccessDeniedError, match="Only the SENCo"):
        async with storage.write() as tx:
            await approve_plan(tx, world.colleague, plan.id, expected_version=plan.version)
    with pytest.raises(OtherSchoolError):
        async with storage.write() as tx:
            await approve_plan(tx, world.other_senco, plan.id, expected_version=plan.version)


async def test_only_the_author_reopens_a_returned_plan_and_only_a_returned_one(storage: Storage, world: World) -> None:
    plan = await submitted(storage, world.teacher)
    with pytest.raises(InvalidTransitionError, match="nothing to revise"):
        async with storage.write() as tx:
            await reopen_returned_plan(tx, world.teacher, plan.id)
    async with storage.write() as tx:
        await return_plan(tx, world.senco, plan.id, expected_version=plan.version, comment="Shorter steps.")
    with pytest.raises(AccessDeniedError):
        async with storage.write() as tx:
            await reopen_returned_plan(tx, world.senco, plan.id)


async def test_approval_rechecks_the_pupils_target_limit(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    async with storage.write() as tx:
        await tx.pupils.share(pupil.id, world.colleague.id)
    first = await draft_with_targets(storage, world.teacher, pupil.id, 3)
    second = await draft_with_targets(storage, world.colleague, pupil.id, 2)
    async with storage.write() as tx:
        first = await move_plan(tx, world.teacher, first.id, PlanStatus.SUBMITTED, expected_version=first.version)
        second = await move_plan(tx, world.colleague, second.id, PlanStatus.SUBMITTED, expected_version=second.version)
        await approve_plan(tx, world.senco, first.id, expected_version=first.version)
    with pytest.raises(TargetLimitError, match="Ms Patel holds 3 targets"):
        async with storage.write() as tx:
            await approve_plan(tx, world.senco, second.id, expected_version=second.version)
