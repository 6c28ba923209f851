"""Fixtures for end-to-end tests: a running fake Bot API and test users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import target_bank
from iepbot.dialogue.services import Services
from iepbot.domain.enums import Role
from iepbot.domain.schools import create_school
from iepbot.storage.storage import Storage
from tests.dialogue.support import TODAY
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.held import HeldDialogue
from tests.e2e.records import User


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods: without it, building a RetryAfter (any 429) warns, and warnings fail tests."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    """A fake Bot API serving on 127.0.0.1 for one test, stopped (thread joined, sockets closed) after it."""
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def user() -> User:
    return User(id=7001, first_name="Ada", username="ada_teacher")


@pytest.fixture
def other_user() -> User:
    return User(id=7002, first_name="Ben", username="ben_senco")


@pytest.fixture
async def held_dialogue(storage: Storage, user: User) -> HeldDialogue:
    """The real dialogue for `user`, a teacher, with a turn the test can hold in progress."""
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        await tx.staff.add(
            school_id=school.id, telegram_user_id=user.id, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
    return HeldDialogue(storage, Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY))
