"""Start-up and the `iepbot db` commands: SQLite migrates itself, PostgreSQL waits for `db upgrade`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from iepbot.cli import main
from iepbot.config import Settings
from iepbot.domain.enums import Role
from iepbot.domain.pupils import add_pupil
from iepbot.domain.schools import create_school
from iepbot.storage.migrate import current_revision, head_revision, upgrade
from iepbot.storage.opening import StorageNotReadyError, open_storage
from nlp.areas import Area
from tests.storage.support import NO_POSTGRES, POSTGRES_URL, Database, fresh_postgres_schema


async def test_a_fresh_sqlite_data_directory_is_created_and_migrated(tmp_path: Path) -> None:
    storage = await open_storage(Settings(IEPBOT_DATA_DIR=tmp_path / "new" / "data"))
    try:
        assert await current_revision(storage.engine) == head_revision()
    finally:
        await storage.close()
    assert (tmp_path / "new" / "data" / "iepbot.sqlite3").exists()


@pytest.fixture
async def unmigrated_postgres() -> AsyncIterator[Database]:
    if POSTGRES_URL is None:
        pytest.skip(NO_POSTGRES)
    async with fresh_postgres_schema("iepbot_start") as empty:
        yield empty


@pytest.mark.postgres
async def test_postgresql_behind_the_code_refuses_to_start_and_asks_for_db_upgrade(
    unmigrated_postgres: Database,
) -> None:
    settings = Settings(DATABASE_URL=unmigrated_postgres.url)
    with pytest.raises(StorageNotReadyError, match="iepbot db upgrade"):
        await open_storage(settings, **unmigrated_postgres.engine_kwargs)
    engine = unmigrated_postgres.engine()
    await upgrade(engine)
    await engine.dispose()
    storage = await open_storage(settings, **unmigrated_postgres.engine_kwargs)
    await storage.close()


def test_db_commands_upgrade_export_erase_and_list_retention(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    assert f"revision {head_revision()}" in capsys.readouterr().out
    pupil_id = asyncio.run(seed_one_pupil(Settings(IEPBOT_DATA_DIR=tmp_path)))

    assert main(["db", "export", "--pupil", str(pupil_id)]) == 0
    assert json.loads(capsys.readouterr().out)["pupil"]["display_name"] == "R.T."

    assert main(["db", "retention", "--years", "1"]) == 0
    assert "0 pupil(s) untouched for 1 year(s)" in capsys.readouterr().out

    assert main(["db", "erase", "--pupil", str(pupil_id)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["db", "erase", "--pupil", str(pupil_id), "--yes"]) == 0
    assert main(["db", "export", "--pupil", str(pupil_id)]) == 1
    assert "not on the system" in capsys.readouterr().err


async def seed_one_pupil(settings: Settings) -> int:
    storage = await open_storage(settings)
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        teacher = await tx.staff.add(
            school_id=school.id, telegram_user_id=1, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
        pupil = await add_pupil(
            tx,
            teacher,
            display_name="R.T.",
            year_group="Year 2",
            class_name="2B",
            areas_of_need=[Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH],
        )
    await storage.close()
    return pupil.id


def test_db_pupils_lists_a_schools_pupil_ids_by_school_name_or_id_for_the_operator_to_erase_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    pupil_id = asyncio.run(seed_one_pupil(Settings(IEPBOT_DATA_DIR=tmp_path)))

    assert main(["db", "pupils", "--school", "Oakfield Primary"]) == 0
    by_name = capsys.readouterr().out
    assert main(["db", "pupils", "--school", "1"]) == 0
    assert capsys.readouterr().out == by_name
    assert by_name.splitlines() == [f"pupil {pupil_id}\tR.T.\tYear 2", "1 pupil(s) at Oakfield Primary (school 1)."]
    assert main(["db", "pupils", "--school", "Nowhere High"]) == 1
    assert "no school called 'Nowhere High'" in capsys.readouterr().err

    assert main(["db", "erase", "--pupil", str(pupil_id), "--yes"]) == 0
    capsys.readouterr()
    assert main(["db", "pupils", "--school", "Oakfield Primary"]) == 0
    assert capsys.readouterr().out == "0 pupil(s) at Oakfield Primary (school 1).\n"
