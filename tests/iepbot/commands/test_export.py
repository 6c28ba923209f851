"""`iepbot export PLAN_ID`: the plan written as HTML or Word, to a file only its owner can read."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import pytest

from iepbot.cli import main
from iepbot.config import Settings
from iepbot.domain.enums import Role
from iepbot.domain.pupils import add_pupil
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage
from nlp.areas import Area
from tests.documents.plan_support import STAFF_ONLY, TARGET, full_plan, read_docx, read_html


async def _seed(settings: Settings) -> int:
    """A school, a teacher and their full plan for "Sam B"; the plan's id."""
    storage = await open_storage(settings)
    try:
        async with storage.write() as tx:
            school = await create_school(tx, name="Oakfield Primary")
            teacher = await tx.staff.add(
                school_id=school.id, telegram_user_id=1, name="Ms Patel", role=Role.TEACHER, now=tx.now
            )
            pupil = await add_pupil(
                tx,
                teacher,
                display_name="Sam B",
                year_group="Year 2",
                class_name="2B",
                areas_of_need=[Area.COGNITION_AND_LEARNING],
            )
        return (await full_plan(storage, teacher, pupil)).id
    finally:
        await storage.close()


@pytest.fixture
def plan_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return asyncio.run(_seed(Settings(IEPBOT_DATA_DIR=tmp_path / "data")))  # type: ignore[call-arg]


def test_export_writes_the_word_document_under_its_own_name_readable_only_by_its_owner(
    plan_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(plan_id)]) == 0
    written = tmp_path / f"IEP {plan_id} Sam B.docx"
    assert f"Wrote IEP {plan_id} Sam B.docx" in capsys.readouterr().out
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert TARGET.text in read_docx(written.read_bytes())


def test_export_of_the_parent_version_as_html_replaces_a_readable_file_with_a_private_one(
    plan_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "for-home.html"
    out.write_text("old")
    out.chmod(0o644)
    assert main(["export", str(plan_id), "--format", "html", "--parent", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = read_html(out.read_text()).text
    assert "Sam B's plan: how school will help" in text
    assert [note for note in STAFF_ONLY if note in text] == []


def test_export_of_a_plan_that_does_not_exist_says_so_and_writes_nothing(
    plan_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(plan_id + 1), "--format", "html"]) == 1
    assert "That plan does not exist" in capsys.readouterr().err
    assert list(tmp_path.glob("IEP *")) == []
