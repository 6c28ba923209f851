"""A SENCo changes roles and removes staff: the removed can no longer get in, what they wrote stays."""

from __future__ import annotations

import pytest

from iepbot.domain.actors import OPERATOR
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, InvalidValueError, NotFoundError, OtherSchoolError
from iepbot.domain.plans import my_plans
from iepbot.domain.schools import issue_invite, redeem_invite, staff_and_school_for_telegram_user
from iepbot.domain.staffing import change_role, remove_member, school_staff
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def test_a_teacher_made_senco_can_decide_and_back_again(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        made = await change_role(tx, world.senco, world.colleague.id, Role.SENCO)
        sencos = await tx.staff.with_role(world.school.id, Role.SENCO)
    assert made.role is Role.SENCO
    assert {senco.name for senco in sencos} == {"Mrs Okafor", "Mr Jones"}
    async with storage.write() as tx:
        back = await change_role(tx, world.senco, world.colleague.id, Role.TEACHER)
        events = await tx.audit.for_record("staff", world.colleague.id)
    assert back.role is Role.TEACHER
    assert [event.action for event in events] == [AuditAction.STAFF_ROLE_CHANGED] * 2


async def test_a_removed_teacher_cannot_get_in_and_their_plans_stay_with_the_school(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.S.")
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 2)
    async with storage.write() as tx:
        removed = await remove_member(tx, world.senco, world.teacher.id)
    assert removed.plans_kept == 1
    async with storage.read() as tx:
        assert await staff_and_school_for_telegram_user(tx, world.teacher.telegram_user_id) is None
        assert world.teacher.id not in await tx.staff.with_schools({world.teacher.id})
        assert [member.name for member in await school_staff(tx, world.senco)] == [
            "Mr Hughes",
            "Mr Jones",
            "Mrs Okafor",
        ]
        assert (await tx.staff.names({world.teacher.id}))[world.teacher.id] == "Ms Patel"
        [kept] = await my_plans(tx, world.senco)
    assert (kept.plan_id, kept.author_id, kept.status) == (plan.id, world.teacher.id, PlanStatus.DRAFT)


async def test_a_removed_account_can_be_invited_again_as_a_new_member(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        await remove_member(tx, world.senco, world.teacher.id)
        issued = await issue_invite(tx, OPERATOR, school_id=world.school.id, role=Role.TEACHER)
        again = await redeem_invite(tx, issued.code, telegram_user_id=world.teacher.telegram_user_id, name="Ms Patel")
    assert again.id != world.teacher.id
    assert again.role is Role.TEACHER


async def test_a_senco_manages_neither_themselves_nor_administrators(storage: Storage, world: World) -> None:
    with pytest.raises(AccessDeniedError, match="your own role"):
        async with storage.write() as tx:
            await remove_member(tx, world.senco, world.senco.id)
    with pytest.raises(AccessDeniedError, match="Administrators"):
        async with storage.write() as tx:
            await change_role(tx, world.senco, world.admin.id, Role.TEACHER)
    with pytest.raises(InvalidValueError):
        async with storage.write() as tx:
            await change_role(tx, world.senco, world.teacher.id, Role.ADMIN)


async def test_only_the_schools_own_senco_manages_its_staff(storage: Storage, world: World) -> None:
    with pytest.raises(AccessDeniedError, match="Only the SENCo"):
        async with storage.write() as tx:
            await remove_member(tx, world.colleague, world.teacher.id)
    with pytest.raises(OtherSchoolError):
        async with storage.write() as tx:
            await remove_member(tx, world.other_senco, world.teacher.id)
    async with storage.write() as tx:
        await remove_member(tx, world.senco, world.teacher.id)
    with pytest.raises(NotFoundError):
        async with storage.write() as tx:
            await change_role(tx, world.senco, world.teacher.id, Role.SENCO)
