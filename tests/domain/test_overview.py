"""The SENCo's overview of the school: active targets across teachers, who set them, reviews due and overdue."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from iepbot.domain.approval import approve_plan
from iepbot.domain.enums import PlanStatus
from iepbot.domain.errors import AccessDeniedError
from iepbot.domain.overview import school_overview
from iepbot.domain.plans import edit_plan, move_plan
from iepbot.domain.records import PlanField, StaffMember
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, draft_with_targets

TODAY = date(2026, 11, 23)


async def active_plan(
    storage: Storage, world: World, author: StaffMember, pupil_id: int, targets: int, review: date
) -> None:
    plan = await draft_with_targets(storage, author, pupil_id, targets)
    async with storage.write() as tx:
        plan = await edit_plan(
            tx, author, plan.id, expected_version=plan.version, field=PlanField.REVIEW_DATE, value=review
        )
        plan = await move_plan(tx, author, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
        await approve_plan(tx, world.senco, plan.id, expected_version=plan.version)


async def test_the_overview_names_who_set_what_and_flags_limits_and_overdue_reviews(
    storage: Storage, world: World
) -> None:
    shared = await add_pupil_for(storage, world.teacher, name="Zac")
    async with storage.write() as tx:
        await tx.pupils.share(shared.id, world.colleague.id)
    quiet = await add_pupil_for(storage, world.colleague, name="amy")
    await active_plan(storage, world, world.teacher, shared.id, 2, date(2027, 2, 12))
    await active_plan(storage, world, world.colleague, shared.id, 2, date(2026, 11, 1))
    await draft_with_targets(storage, world.colleague, quiet.id, 3)  # a draft counts for nothing yet
    await add_pupil_for(storage, world.other_teacher, name="Elsewhere")
    async with storage.write() as tx:  # the school lowers its limit after the plans were agreed
        await tx.session.execute(text("UPDATE schools SET target_limit = 3"))
    async with storage.read() as tx:
        overview = await school_overview(tx, world.senco, today=TODAY)
    assert [line.pupil.display_name for line in overview.pupils] == ["amy", "Zac"]
    amy, zac = overview.pupils
    assert (amy.targets, amy.next_review, amy.overdue, amy.over_limit) == ((), None, False, False)
    assert [target.holder for target in zac.targets] == ["Mr Jones", "Mr Jones", "Ms Patel", "Ms Patel"]
    assert (zac.next_review, zac.overdue, zac.over_limit) == (date(2026, 11, 1), True, True)
    assert (overview.target_limit, overview.overdue, overview.over_limit) == (3, 1, 1)


async def test_only_the_senco_sees_the_whole_school(storage: Storage, world: World) -> None:
    with pytest.raises(AccessDeniedError):
        async with storage.read() as tx:
            await school_overview(tx, world.teacher, today=TODAY)
