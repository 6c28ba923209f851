"""The files the bot creates are private (directory 0700, database and its -wal/-shm 0600), whatever the umask;
`iepbot db` warns in one line about a database that others can read."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from iepbot.cli import main
from iepbot.config import Settings
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage
from tests.storage.test_opening_and_cli import seed_one_pupil


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process umask for one test, put back after it (it is process-wide)."""
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


@pytest.mark.usefixtures("umask")
async def test_the_data_directory_and_database_the_bot_creates_are_private(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    storage = await open_storage(Settings(IEPBOT_DATA_DIR=data))  # type: ignore[call-arg]
    try:
        async with storage.write() as tx:
            await create_school(tx, name="Oakfield Primary")
        database = data / "iepbot.sqlite3"
        companions = [Path(f"{database}-wal"), Path(f"{database}-shm")]
        assert all(path.exists() for path in companions), "WAL mode keeps both while the database is open"
        assert mode_of(data) == 0o700
        assert [mode_of(path) for path in (database, *companions)] == [0o600, 0o600, 0o600]
    finally:
        await storage.close()


@pytest.mark.usefixtures("umask")
def test_db_upgrade_creates_a_private_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    assert mode_of(tmp_path / "data") == 0o700
    assert mode_of(tmp_path / "data" / "iepbot.sqlite3") == 0o600
    assert capsys.readouterr().err == "", "nothing to warn about in a database the bot made"


@pytest.mark.usefixtures("umask")
async def test_an_existing_data_directory_keeps_the_operators_mode_and_the_new_database_is_private(
    tmp_path: Path,
) -> None:
    data = tmp_path / "shared"
    data.mkdir()
    data.chmod(0o750)
    storage = await open_storage(Settings(IEPBOT_DATA_DIR=data))  # type: ignore[call-arg]
    await storage.close()
    assert mode_of(data) == 0o750, "a directory the bot did not make is the operator's choice"
    assert mode_of(data / "iepbot.sqlite3") == 0o600


@pytest.mark.parametrize("command", [["db", "upgrade"], ["db", "retention"], ["db", "export", "--pupil", "1"]])
def test_db_commands_warn_in_one_line_about_a_database_others_can_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    database = tmp_path / "iepbot.sqlite3"
    database.chmod(0o644)  # made by hand, or by a version before this one
    capsys.readouterr()
    main(command)
    warning = [line for line in capsys.readouterr().err.splitlines() if line.startswith("Warning:")]
    assert warning == [
        f"Warning: the database can be read by other local users: {database} (0644). "
        "It holds children's plans; run `chmod 600` on it (and its -wal and -shm files)."
    ]
    assert mode_of(database) == 0o644, "a file the bot did not make is reported, not changed"


@pytest.mark.usefixtures("umask")
def test_an_export_written_to_a_file_is_readable_by_its_owner_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    pupil_id = asyncio.run(seed_one_pupil(Settings(IEPBOT_DATA_DIR=tmp_path / "data")))  # type: ignore[call-arg]
    exported, existing = tmp_path / "pupil.json", tmp_path / "old.json"
    existing.write_text("{}")
    existing.chmod(0o644)
    for path in (exported, existing):
        assert main(["db", "export", "--pupil", str(pupil_id), "--output", str(path)]) == 0
        assert mode_of(path) == 0o600
        assert json.loads(path.read_text())["pupil"]["display_name"] == "R.T."
    assert "readable by you alone" in capsys.readouterr().out


def test_iepbot_run_warns_about_a_database_others_can_read_before_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("TELEGRAM_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # and no .env file to find one in
    assert main(["db", "upgrade"]) == 0
    (tmp_path / "iepbot.sqlite3").chmod(0o640)
    capsys.readouterr()
    assert main(["run"]) != 0  # no token: it stops there, having warned
    assert "Warning: the database can be read by other local users" in capsys.readouterr().err
