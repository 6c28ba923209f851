"""A removed member's row stays, found by no lookup; the account stays unique among members still in post."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from iepbot.domain.enums import Role
from iepbot.domain.errors import NotFoundError
from iepbot.storage.storage import Storage
from tests.storage.support import World


async def test_two_members_in_post_cannot_share_an_account_but_a_removed_one_frees_it(
    storage: Storage, world: World
) -> None:
    with pytest.raises(IntegrityError):
        async with storage.write() as tx:
            await tx.staff.add(
                school_id=world.school.id, telegram_user_id=101, name="Twin", role=Role.TEACHER, now=tx.now
            )
    async with storage.write() as tx:
        await tx.staff.remove(world.teacher.id, tx.now)
        again = await tx.staff.add(
            school_id=world.school.id, telegram_user_id=101, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
    async with storage.read() as tx:
        assert await tx.staff.by_telegram_id(101) == again
        assert await tx.staff.with_school_by_telegram_id(101) == (again, world.school)
        with pytest.raises(NotFoundError):
            await tx.staff.get(world.teacher.id)
        assert await tx.staff.names({world.teacher.id, again.id}) == {
            world.teacher.id: "Ms Patel",
            again.id: "Ms Patel",
        }
