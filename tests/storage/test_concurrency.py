"""Two people, one plan: the second save is refused, never silently overwrites; failures leave nothing."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from iepbot.domain.errors import ConflictError
from iepbot.domain.plans import edit_plan
from iepbot.domain.records import Plan, PlanField, StaffMember
from iepbot.domain.targets import add_target
from iepbot.storage.models import PlanRow
from iepbot.storage.storage import STALE_MESSAGE, Storage
from tests.storage.support import World, add_pupil_for, draft_with_targets, target_draft


async def _save_voice(storage: Storage, author: StaffMember, plan_id: int, version: int, words: str) -> int:
    async with storage.write() as tx:
        saved = await edit_plan(tx, author, plan_id, expected_version=version, field=PlanField.PUPIL_VOICE, value=words)
    return saved.version


async def test_the_second_of_two_saves_from_the_same_version_gets_a_conflict(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 0)
    await _save_voice(storage, world.teacher, plan.id, plan.version, "first")
    with pytest.raises(ConflictError, match="Someone else saved this plan"):
        await _save_voice(storage, world.teacher, plan.id, plan.version, "second")
    async with storage.read() as tx:
        assert (await tx.plans.get(plan.id)).pupil_voice == "first"


async def test_concurrent_saves_let_exactly_one_win(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 0)
    results = await asyncio.gather(
        *(_save_voice(storage, world.teacher, plan.id, plan.version, f"writer {n}") for n in range(2)),
        return_exceptions=True,
    )
    assert sorted(type(result).__name__ for result in results) == ["ConflictError", "int"]
    async with storage.read() as tx:
        saved = await tx.plans.get(plan.id)
    assert saved.version == plan.version + 1


async def _write_after_another_process(storage: Storage, plan_id: int) -> None:
    async with storage.write() as tx:
        row = await tx.session.get(PlanRow, plan_id)
        assert row is not None
        # Another process commits between our read and our write (simulated on the same connection).
        await tx.session.execute(text("UPDATE plans SET version = version + 1 WHERE id = :id"), {"id": plan_id})
        row.pupil_voice = "overwrite?"
        await tx.session.flush()


async def test_the_version_column_catches_a_write_that_raced_past_the_check(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 0)
    with pytest.raises(ConflictError) as refused:
        await _write_after_another_process(storage, plan.id)
    assert str(refused.value) == STALE_MESSAGE


async def _add_target_then_fail(storage: Storage, author: StaffMember, plan: Plan) -> None:
    async with storage.write() as tx:
        saved = await add_target(tx, author, plan.id, target_draft(), expected_version=plan.version)
        assert saved.plan_version == plan.version + 1
        raise RuntimeError("connection lost")


async def test_an_exception_midway_leaves_nothing_half_written(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 0)
    with pytest.raises(RuntimeError, match="connection lost"):
        await _add_target_then_fail(storage, world.teacher, plan)
    async with storage.read() as tx:
        assert await tx.targets.for_plan(plan.id) == []
        assert (await tx.plans.get(plan.id)).version == plan.version
        actions = [event.action.value for event in await tx.audit.for_record("plan", plan.id)]
        target_events = (
            await tx.session.execute(text("SELECT COUNT(*) FROM audit_events WHERE record_type = 'target'"))
        ).scalar_one()
    assert actions == ["plan.created"]
    assert target_events == 0
