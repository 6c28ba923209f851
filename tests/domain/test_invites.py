"""Invites: single use, expiring, stored only as a hash; every bad code fails the same way."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import text

from iepbot.domain.actors import OPERATOR
from iepbot.domain.enums import Role
from iepbot.domain.errors import AccessDeniedError, AlreadyRegisteredError, InvalidInviteError, SimilarSchoolError
from iepbot.domain.records import School
from iepbot.domain.schools import INVALID_INVITE, create_school, find_or_create_school, issue_invite, redeem_invite
from iepbot.storage.storage import Storage
from tests.storage.support import FakeClock, World


async def test_a_senco_invites_a_teacher_who_joins_with_the_code(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        issued = await issue_invite(tx, world.senco, school_id=world.school.id, role=Role.TEACHER)
    async with storage.write() as tx:
        member = await redeem_invite(tx, issued.code, telegram_user_id=555, name="Miss Khan")
    assert (member.school_id, member.role, member.name) == (world.school.id, Role.TEACHER, "Miss Khan")
    assert len(issued.code) >= 22  # 16 random bytes, URL-safe base64
    assert issued.code not in repr(issued)


async def test_only_the_hash_of_the_code_is_stored(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        issued = await issue_invite(tx, world.admin, school_id=world.school.id, role=Role.SENCO)
    async with storage.read() as tx:
        stored = (await tx.session.execute(text("SELECT code_hash FROM invites"))).scalar_one()
    assert stored == hashlib.sha256(issued.code.encode()).hexdigest()


async def test_wrong_used_and_expired_codes_raise_the_same_error(
    storage: Storage, world: World, clock: FakeClock
) -> None:
    async with storage.write() as tx:
        used = await issue_invite(tx, OPERATOR, school_id=world.school.id, role=Role.TEACHER)
        expiring = await issue_invite(
            tx, OPERATOR, school_id=world.school.id, role=Role.TEACHER, lifetime=timedelta(hours=1)
        )
    async with storage.write() as tx:
        await redeem_invite(tx, used.code, telegram_user_id=601, name="First")
    clock.advance(timedelta(hours=2))
    for code in ("not-a-code", used.code, expiring.code):
        with pytest.raises(InvalidInviteError) as refused:
            async with storage.write() as tx:
                await redeem_invite(tx, code, telegram_user_id=602, name="Second")
        assert str(refused.value) == INVALID_INVITE


async def test_a_failed_redemption_creates_no_member_of_staff(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        issued = await issue_invite(tx, OPERATOR, school_id=world.school.id, role=Role.TEACHER)
    with pytest.raises(AlreadyRegisteredError):
        async with storage.write() as tx:
            await redeem_invite(tx, issued.code, telegram_user_id=world.teacher.telegram_user_id, name="Again")
    async with storage.write() as tx:
        member = await redeem_invite(tx, issued.code, telegram_user_id=700, name="Newcomer")
    assert member.role is Role.TEACHER


async def test_a_senco_cannot_invite_an_administrator_and_a_teacher_cannot_invite_anyone(
    storage: Storage, world: World
) -> None:
    async with storage.write() as tx:
        with pytest.raises(AccessDeniedError, match="Only an administrator"):
            await issue_invite(tx, world.senco, school_id=world.school.id, role=Role.ADMIN)
        with pytest.raises(AccessDeniedError, match="administrator or the SENCo"):
            await issue_invite(tx, world.teacher, school_id=world.school.id, role=Role.TEACHER)
        with pytest.raises(AccessDeniedError, match="another school"):
            await issue_invite(tx, world.admin, school_id=world.other_school.id, role=Role.TEACHER)


# Telegram's deep-link start parameter: https://core.telegram.org/bots/features#deep-linking
START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")


async def test_invite_codes_fit_a_telegram_start_link_and_carry_128_random_bits(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        codes = [
            (await issue_invite(tx, OPERATOR, school_id=world.school.id, role=Role.TEACHER)).code for _ in range(50)
        ]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert START_PARAMETER.fullmatch(code), code
        assert len(base64.urlsafe_b64decode(code + "==")) * 8 >= 128


async def test_a_second_school_of_the_same_name_is_refused_and_the_transaction_carries_on(storage: Storage) -> None:
    async with storage.write() as tx:
        first = await create_school(tx, name="Oakfield Primary")
        with pytest.raises(AlreadyRegisteredError, match="already registered"):
            await create_school(tx, name="Oakfield Primary")
        assert await tx.schools.by_name("Oakfield Primary") == first
    async with storage.read() as tx:
        count = await tx.session.scalar(text("SELECT COUNT(*) FROM schools"))
    assert count == 1


async def test_a_school_registered_by_another_process_since_the_look_up_is_found_not_duplicated(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with storage.write() as tx:
        theirs = await create_school(tx, name="Oakfield Primary")
    async with storage.write() as tx:
        looked_up = tx.schools.by_name
        answers = iter([None])  # our look-up ran before their commit

        async def by_name(name: str) -> School | None:
            return next(answers, None) or await looked_up(name)

        monkeypatch.setattr(tx.schools, "by_name", by_name)
        found, created = await find_or_create_school(tx, name="Oakfield Primary")
    assert (found, created) == (theirs, False)


async def test_the_operator_finds_a_school_by_its_exact_name_or_creates_it_once(storage: Storage) -> None:
    async with storage.write() as tx:
        created, was_created = await find_or_create_school(tx, name="  Oakfield Primary ")
    async with storage.write() as tx:
        found, found_created = await find_or_create_school(tx, name="Oakfield Primary")
        with pytest.raises(SimilarSchoolError) as refused:
            await find_or_create_school(tx, name="oakfield primary school")
        other, other_created = await find_or_create_school(tx, name="Oakfield Primary School", allow_similar=True)
    assert (was_created, found_created, other_created) == (True, False, True)
    assert created == found
    assert created.name == "Oakfield Primary"
    assert refused.value.existing == "Oakfield Primary"
    assert other.id != created.id
