"""Who sees which pupil: own and shared pupils for a teacher, the school for a SENCo, never another school."""

from __future__ import annotations

import pytest

from iepbot.domain.errors import AccessDeniedError, InvalidValueError, NotFoundError
from iepbot.domain.plans import get_plan, start_plan
from iepbot.domain.pupils import add_pupil, get_pupil, my_pupils, share_pupil
from iepbot.domain.targets import list_targets
from iepbot.storage.storage import Storage
from nlp.areas import Area
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def test_teacher_of_school_a_reading_a_pupil_of_school_b_is_refused(storage: Storage, world: World) -> None:
    pupil_b = await add_pupil_for(storage, world.other_teacher)
    plan_b = await draft_with_targets(storage, world.other_teacher, pupil_b.id, 1)
    async with storage.read() as tx:
        for actor in (world.teacher, world.senco, world.admin):
            with pytest.raises(AccessDeniedError, match="belongs to another school"):
                await get_pupil(tx, actor, pupil_b.id)
            with pytest.raises(AccessDeniedError, match="belongs to another school"):
                await get_plan(tx, actor, plan_b.id)
            with pytest.raises(AccessDeniedError, match="belongs to another school"):
                await list_targets(tx, actor, plan_b.id)


async def test_a_teacher_cannot_see_a_colleagues_pupil_until_it_is_shared(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.colleague)
    async with storage.read() as tx:
        with pytest.raises(AccessDeniedError, match="not in your classes"):
            await get_pupil(tx, world.teacher, pupil.id)
    async with storage.write() as tx:
        await share_pupil(tx, world.colleague, pupil.id, with_staff_id=world.teacher.id)
    async with storage.read() as tx:
        assert (await get_pupil(tx, world.teacher, pupil.id)).id == pupil.id


async def test_the_senco_sees_every_pupil_of_the_school(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.colleague)
    async with storage.read() as tx:
        assert (await get_pupil(tx, world.senco, pupil.id)).display_name == "A.B."


async def test_an_administrator_does_not_read_plans(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    async with storage.read() as tx:
        with pytest.raises(AccessDeniedError, match="Administrators"):
            await get_pupil(tx, world.admin, pupil.id)


async def test_only_the_pupils_teacher_or_the_senco_shares_and_only_within_the_school(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    async with storage.write() as tx:
        await share_pupil(tx, world.teacher, pupil.id, with_staff_id=world.colleague.id)
    with pytest.raises(AccessDeniedError, match="Only the pupil's teacher or the SENCo"):
        async with storage.write() as tx:
            await share_pupil(tx, world.colleague, pupil.id, with_staff_id=world.senco.id)
    with pytest.raises(AccessDeniedError, match="your own school"):
        async with storage.write() as tx:
            await share_pupil(tx, world.senco, pupil.id, with_staff_id=world.other_teacher.id)


async def test_a_teacher_cannot_start_a_plan_for_a_pupil_they_cannot_see(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.colleague)
    with pytest.raises(AccessDeniedError):
        async with storage.write() as tx:
            await start_plan(tx, world.teacher, pupil.id)


async def test_a_missing_pupil_is_reported_as_missing(storage: Storage, world: World) -> None:
    async with storage.read() as tx:
        with pytest.raises(NotFoundError, match="not on the system"):
            await get_pupil(tx, world.senco, 999_999)


async def test_a_pupil_needs_an_area_of_need_and_a_short_display_name(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        with pytest.raises(InvalidValueError, match="area of need"):
            await add_pupil(
                tx, world.teacher, display_name="A.B.", year_group="Year 4", class_name="4K", areas_of_need=[]
            )
        with pytest.raises(InvalidValueError, match="at most 80 characters"):
            await add_pupil(
                tx,
                world.teacher,
                display_name="x" * 81,
                year_group="Year 4",
                class_name="4K",
                areas_of_need=[Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH],
            )


async def test_my_pupils_lists_own_and_shared_pupils_for_a_teacher_and_the_school_for_the_senco(
    storage: Storage, world: World
) -> None:
    own = await add_pupil_for(storage, world.teacher)
    colleagues = await add_pupil_for(storage, world.colleague)
    shared = await add_pupil_for(storage, world.colleague)
    elsewhere = await add_pupil_for(storage, world.other_teacher)
    async with storage.write() as tx:
        await share_pupil(tx, world.colleague, shared.id, with_staff_id=world.teacher.id)
    async with storage.read() as tx:
        teachers = {pupil.id for pupil in await my_pupils(tx, world.teacher)}
        sencos = {pupil.id for pupil in await my_pupils(tx, world.senco)}
        with pytest.raises(AccessDeniedError):
            await my_pupils(tx, world.admin)
    assert teachers == {own.id, shared.id}
    assert sencos == {own.id, colleagues.id, shared.id}
    assert elsewhere.id not in sencos
