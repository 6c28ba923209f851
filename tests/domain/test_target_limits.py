"""The target limit: per plan, and per pupil across every teacher's agreed plans."""

from __future__ import annotations

import pytest

from iepbot.domain.enums import PlanStatus
from iepbot.domain.errors import TargetLimitError
from iepbot.domain.plans import move_plan
from iepbot.domain.pupils import share_pupil
from iepbot.domain.targets import add_target
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, approve, draft_with_targets, target_draft


async def test_a_plan_holds_at_most_the_schools_limit(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 4)
    with pytest.raises(TargetLimitError, match="already has 4 targets; the school's limit is 4"):
        async with storage.write() as tx:
            await add_target(tx, world.teacher, plan.id, target_draft(), expected_version=plan.version)


async def test_a_fifth_target_across_two_teachers_plans_is_refused_naming_the_holder(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "J.S.")
    async with storage.write() as tx:
        await share_pupil(tx, world.teacher, pupil.id, with_staff_id=world.colleague.id)
    english = await approve(
        storage, await draft_with_targets(storage, world.teacher, pupil.id, 3), world.teacher, world.senco
    )
    assert english.status is PlanStatus.APPROVED
    science = await draft_with_targets(storage, world.colleague, pupil.id, 1)
    with pytest.raises(TargetLimitError) as refused:
        async with storage.write() as tx:
            await add_target(tx, world.colleague, science.id, target_draft(), expected_version=science.version)
    assert str(refused.value) == (
        "J.S. would have 5 active targets; the school's limit is 4. Ms Patel holds 3 targets. "
        "Agree with them which targets to keep."
    )


async def test_approval_rechecks_the_pupils_limit_when_two_drafts_grew_side_by_side(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, "J.S.")
    async with storage.write() as tx:
        await share_pupil(tx, world.teacher, pupil.id, with_staff_id=world.colleague.id)
    first = await draft_with_targets(storage, world.teacher, pupil.id, 2)
    second = await draft_with_targets(storage, world.colleague, pupil.id, 3)
    await approve(storage, first, world.teacher, world.senco)
    async with storage.write() as tx:
        submitted = await move_plan(
            tx, world.colleague, second.id, PlanStatus.SUBMITTED, expected_version=second.version
        )
    with pytest.raises(TargetLimitError, match="Ms Patel holds 2 targets"):
        async with storage.write() as tx:
            await move_plan(tx, world.senco, second.id, PlanStatus.APPROVED, expected_version=submitted.version)


async def test_closed_and_draft_plans_do_not_count_towards_the_pupils_limit(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    old = await approve(
        storage, await draft_with_targets(storage, world.teacher, pupil.id, 4), world.teacher, world.senco
    )
    for status in (PlanStatus.ACTIVE, PlanStatus.IN_REVIEW, PlanStatus.CLOSED):
        async with storage.write() as tx:
            old = await move_plan(tx, world.teacher, old.id, status, expected_version=old.version)
    await draft_with_targets(storage, world.teacher, pupil.id, 4)
    fresh = await draft_with_targets(storage, world.teacher, pupil.id, 4)
    assert fresh.status is PlanStatus.DRAFT
