"""A SENCo erases a pupil from their phone: a question naming the pupil, two buttons, and then the pupil is
in no table, no chat's memory and no byte of the database files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from fakes.fake_bot_api import FakeBotApi
from fakes.records import User
from iepbot.dialogue.services import Services
from iepbot.domain.enums import Role
from iepbot.domain.records import School
from iepbot.storage.models import Base
from iepbot.storage.storage import Storage
from tests.e2e.test_bot import click, draft_one_plan, iepbot, register

NAME = "Xanthippa"


async def rows_naming(storage: Storage, name: str) -> list[str]:
    """Every table whose rows, as text, hold `name`: the check both databases can make."""
    async with storage.read() as tx:
        tables = [
            (table.name, (await tx.session.execute(text(f'SELECT * FROM "{table.name}"'))).all())
            for table in Base.metadata.sorted_tables
        ]
    return [table for table, rows in tables if name.casefold() in repr([tuple(row) for row in rows]).casefold()]


def bytes_naming(storage: Storage, name: str) -> list[str]:
    """The SQLite files (database, -wal, -shm) holding `name` in any byte, free pages included."""
    database = Path(storage.engine.url.database or "")
    files = [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm")]
    return [path.name for path in files if path.exists() and name.encode() in path.read_bytes()]


async def test_a_senco_erases_a_pupil_after_a_confirmation_naming_them_and_no_byte_of_the_name_is_left(
    fake_api: FakeBotApi,
    storage: Storage,
    services: Services,
    school: School,
    user: User,
    other_user: User,
) -> None:
    await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, NAME)
        await fake_api.ask(user, f"{NAME} will understand fractions")  # the teacher's last quick check
        [choose] = await fake_api.ask(other_user, "/erase")
        [confirm] = await click(fake_api, other_user, NAME)
        [done] = await click(fake_api, other_user, f"Erase {NAME} for good")
        [after] = await fake_api.ask(user, "/plans")
    assert "Which pupil's data should I erase?" in (choose.text or "")
    assert f"Erase {NAME} (Year 2) for good?" in (confirm.text or "")
    assert [row[0].text for row in confirm.buttons] == [f"Erase {NAME} for good", "No, keep everything"]
    assert "have been erased" in (done.text or "")
    assert "no plans yet" in (after.text or "")
    assert await rows_naming(storage, NAME) == []
    if storage.dialect == "sqlite":  # PostgreSQL's files are the server's: docs/storage.md says what stays
        assert bytes_naming(storage, NAME) == []


async def test_only_the_senco_may_erase_and_keep_erases_nothing(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, NAME)
        [refused] = await fake_api.ask(user, "/erase")
        await fake_api.ask(other_user, "/erase")
        await click(fake_api, other_user, NAME)
        [kept] = await click(fake_api, other_user, "No, keep everything")
        [plans] = await fake_api.ask(user, "/plans")
    assert "Only the SENCo or an administrator" in (refused.text or "")
    assert "Nothing has been erased." in (kept.text or "")
    assert NAME in (plans.text or "")
