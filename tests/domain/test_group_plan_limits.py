"""A group plan's targets are every pupil's on it: each is held to the school's limit of active targets."""

from __future__ import annotations

import pytest

from iepbot.domain.errors import TargetLimitError
from iepbot.domain.groups import add_to_group
from iepbot.domain.plans import check_room_for_drafted_targets
from iepbot.domain.targets import add_target
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, approve, draft_with_targets, target_draft


async def test_a_pupil_whose_other_plans_leave_no_room_cannot_join_a_group_plan(storage: Storage, world: World) -> None:
    ben = await add_pupil_for(storage, world.teacher, "Ben T")
    await approve(storage, await draft_with_targets(storage, world.teacher, ben.id, 3), world.teacher, world.senco)
    amira = await add_pupil_for(storage, world.teacher, "Amira K")
    group = await draft_with_targets(storage, world.teacher, amira.id, 2)
    with pytest.raises(TargetLimitError, match=r"Ben T would have 5 active targets.*Ms Patel holds 3 targets"):
        async with storage.write() as tx:
            await add_to_group(tx, world.teacher, group.id, ben.id)


async def test_a_target_added_to_a_group_plan_is_refused_when_another_pupil_on_it_is_at_the_limit(
    storage: Storage, world: World
) -> None:
    ben = await add_pupil_for(storage, world.teacher, "Ben T")
    await approve(storage, await draft_with_targets(storage, world.teacher, ben.id, 2), world.teacher, world.senco)
    amira = await add_pupil_for(storage, world.teacher, "Amira K")
    group = await draft_with_targets(storage, world.teacher, amira.id, 2)
    async with storage.write() as tx:
        await add_to_group(tx, world.teacher, group.id, ben.id)
    async with storage.read() as tx:
        version = (await tx.plans.get(group.id)).version
    with pytest.raises(TargetLimitError, match="Ben T would have 5 active targets"):
        async with storage.write() as tx:
            await add_target(tx, world.teacher, group.id, target_draft(), expected_version=version)


async def test_an_approved_group_plan_counts_towards_each_pupils_targets_on_their_other_plans(
    storage: Storage, world: World
) -> None:
    amira = await add_pupil_for(storage, world.teacher, "Amira K")
    ben = await add_pupil_for(storage, world.colleague, "Ben T")
    async with storage.write() as tx:
        await tx.pupils.share(ben.id, world.teacher.id)
    group = await draft_with_targets(storage, world.teacher, amira.id, 3)
    async with storage.write() as tx:
        await add_to_group(tx, world.teacher, group.id, ben.id)
    async with storage.read() as tx:
        group = await tx.plans.get(group.id)
    await approve(storage, group, world.teacher, world.senco)
    with pytest.raises(TargetLimitError, match=r"Ben T would have 5 active targets.*Ms Patel holds 3 targets"):
        async with storage.write() as tx:
            await check_room_for_drafted_targets(tx, world.colleague, ben.id, drafted=1, adding=1)
