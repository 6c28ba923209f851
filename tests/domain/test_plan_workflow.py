"""Plans moving through their life in the database: who may do what, and the audit of each change."""

from __future__ import annotations

import pytest

from iepbot.domain.enums import AuditAction, PlanStatus
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError, InvalidValueError
from iepbot.domain.plans import edit_plan, get_plan, move_plan, my_plans, plans_awaiting_approval, start_plan
from iepbot.domain.records import PlanField
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def test_author_edits_a_draft_and_the_version_goes_up(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    async with storage.write() as tx:
        plan = await start_plan(tx, world.teacher, pupil.id)
    async with storage.write() as tx:
        edited = await edit_plan(
            tx,
            world.teacher,
            plan.id,
            expected_version=plan.version,
            field=PlanField.PUPIL_VOICE,
            value="  I like maths when I can use counters.  ",
        )
    assert edited.pupil_voice == "I like maths when I can use counters."
    assert edited.version == plan.version + 1


async def test_a_colleague_who_can_see_the_pupil_still_cannot_edit_the_authors_draft(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    async with storage.write() as tx:
        plan = await start_plan(tx, world.teacher, pupil.id)
    with pytest.raises(AccessDeniedError, match="Only the plan's author can edit a draft"):
        async with storage.write() as tx:
            await edit_plan(
                tx, world.senco, plan.id, expected_version=plan.version, field=PlanField.PUPIL_VOICE, value="x"
            )


async def test_submitted_plan_cannot_be_edited(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.write() as tx:
        submitted = await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    with pytest.raises(InvalidTransitionError, match="submitted"):
        async with storage.write() as tx:
            await edit_plan(
                tx,
                world.teacher,
                plan.id,
                expected_version=submitted.version,
                field=PlanField.ENTRY_SKILLS,
                value="x",
            )


async def test_only_the_schools_senco_approves(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.write() as tx:
        submitted = await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    for outsider in (world.teacher, world.colleague):
        with pytest.raises(AccessDeniedError):
            async with storage.write() as tx:
                await move_plan(tx, outsider, plan.id, PlanStatus.APPROVED, expected_version=submitted.version)
    with pytest.raises(AccessDeniedError, match="another school"):
        async with storage.write() as tx:
            await move_plan(tx, world.other_senco, plan.id, PlanStatus.APPROVED, expected_version=submitted.version)
    async with storage.write() as tx:
        approved = await move_plan(tx, world.senco, plan.id, PlanStatus.APPROVED, expected_version=submitted.version)
    assert approved.status is PlanStatus.APPROVED


async def test_returned_plan_goes_back_to_author_as_a_draft_with_the_comment(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.write() as tx:
        submitted = await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    with pytest.raises(InvalidValueError, match="comment"):
        async with storage.write() as tx:
            await move_plan(tx, world.senco, plan.id, PlanStatus.RETURNED, expected_version=submitted.version)
    async with storage.write() as tx:
        returned = await move_plan(
            tx,
            world.senco,
            plan.id,
            PlanStatus.RETURNED,
            expected_version=submitted.version,
            comment="Target 1 needs a measure.",
        )
    async with storage.write() as tx:
        reopened = await move_plan(tx, world.teacher, plan.id, PlanStatus.DRAFT, expected_version=returned.version)
    assert (returned.status, reopened.status) == (PlanStatus.RETURNED, PlanStatus.DRAFT)
    assert reopened.return_comment == "Target 1 needs a measure."
    async with storage.write() as tx:
        edited = await edit_plan(
            tx,
            world.teacher,
            plan.id,
            expected_version=reopened.version,
            field=PlanField.ENTRY_SKILLS,
            value="Knows 12 of the words",
        )
    assert edited.entry_skills == "Knows 12 of the words"


async def test_a_plan_runs_from_approval_to_closed(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 2)
    path = [PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.ACTIVE, PlanStatus.IN_REVIEW, PlanStatus.CLOSED]
    for status in path:
        actor = world.senco if status is PlanStatus.APPROVED else world.teacher
        async with storage.write() as tx:
            plan = await move_plan(tx, actor, plan.id, status, expected_version=plan.version)
    assert plan.status is PlanStatus.CLOSED
    with pytest.raises(InvalidTransitionError, match="closed cannot be made a draft"):
        async with storage.write() as tx:
            await move_plan(tx, world.teacher, plan.id, PlanStatus.DRAFT, expected_version=plan.version)


async def test_every_change_of_state_is_audited_without_any_plan_text(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.write() as tx:
        await edit_plan(
            tx,
            world.teacher,
            plan.id,
            expected_version=plan.version,
            field=PlanField.MEDICAL_NOTES,
            value="Epipen in the office",
        )
    async with storage.read() as tx:
        events = await tx.audit.for_record("plan", plan.id)
    assert [event.action for event in events] == [AuditAction.PLAN_CREATED, AuditAction.PLAN_EDITED]
    assert {event.actor_id for event in events} == {world.teacher.id}
    assert all("Epipen" not in repr(event) for event in events)


async def test_my_plans_lists_own_and_shared_pupils_and_the_senco_sees_the_school(
    storage: Storage, world: World
) -> None:
    mine = await add_pupil_for(storage, world.teacher, "A.A.")
    theirs = await add_pupil_for(storage, world.colleague, "B.B.")
    elsewhere = await add_pupil_for(storage, world.other_teacher, "C.C.")
    for teacher, pupil in ((world.teacher, mine), (world.colleague, theirs), (world.other_teacher, elsewhere)):
        await draft_with_targets(storage, teacher, pupil.id, 0)
    async with storage.read() as tx:
        teacher_sees = [s.pupil_name for s in await my_plans(tx, world.teacher)]
        senco_sees = [s.pupil_name for s in await my_plans(tx, world.senco)]
    assert teacher_sees == ["A.A."]
    assert senco_sees == ["A.A.", "B.B."]


async def test_the_senco_sees_what_awaits_approval_and_a_teacher_may_not_ask(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.write() as tx:
        await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    async with storage.read() as tx:
        waiting = await plans_awaiting_approval(tx, world.senco)
        assert [s.plan_id for s in waiting] == [plan.id]
        with pytest.raises(AccessDeniedError, match="Only the SENCo"):
            await plans_awaiting_approval(tx, world.teacher)
        assert (await get_plan(tx, world.senco, plan.id)).status is PlanStatus.SUBMITTED
