"""Fixtures for end-to-end tests: a running fake Bot API and test users."""

from __future__ import annotations

import pytest

import target_bank
from fakes.records import User
from iepbot.dialogue.services import Services
from iepbot.domain.enums import Role
from iepbot.domain.records import School
from iepbot.domain.schools import create_school
from iepbot.storage.storage import Storage
from tests.dialogue.support import TODAY
from tests.e2e.held import HeldDialogue


@pytest.fixture(autouse=True)
def ptb_timedelta_everywhere(ptb_timedelta: None) -> None:
    """Every end-to-end test runs PTB with timedelta periods (see tests/bot_api_fixtures.py)."""


@pytest.fixture(scope="module")
def services() -> Services:
    """The real checker and bank (test_bot.py keeps its own, over its own SQLite storage)."""
    return Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY)


@pytest.fixture
async def school(storage: Storage) -> School:
    """A school in the test's database: SQLite, and PostgreSQL when TEST_DATABASE_URL is set."""
    async with storage.write() as tx:
        return await create_school(tx, name="Oakfield Primary")


@pytest.fixture
async def held_dialogue(storage: Storage, user: User) -> HeldDialogue:
    """The real dialogue for `user`, a teacher, with a turn the test can hold in progress."""
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        await tx.staff.add(
            school_id=school.id, telegram_user_id=user.id, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
    return HeldDialogue(storage, Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY))
