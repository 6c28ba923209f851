"""Erasing a pupil leaves them nowhere: not in a chat's draft or quick check, not in an unsent message, not
in a free page of the database file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from iepbot.config import Settings
from iepbot.dialogue.outbox import Outbox
from iepbot.domain.actors import OPERATOR
from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.enums import Role
from iepbot.domain.privacy import erase_pupil
from iepbot.domain.records import Letter, StaffMember
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, draft_with_targets

NAME = "Xanthippa"


async def _chat_says(storage: Storage, member: StaffMember, answers: dict[str, object], pupil_id: int | None) -> None:
    async with storage.write() as tx:
        state = await begin_turn(tx, member.telegram_user_id)
        flow, step = ("new_plan", "difficulty") if answers.get("draft") else (None, None)
        await save_answer(tx, member, state, flow=flow, step=step, answers=answers, pupil_id=pupil_id)


async def _post(storage: Storage, member: StaffMember, *texts: str) -> None:
    async with storage.write() as tx:
        await Outbox(storage).post(tx, [Letter(member.telegram_user_id, each) for each in texts])


async def _answers(storage: Storage, member: StaffMember) -> dict[str, object]:
    async with storage.read() as tx:
        state = await tx.dialogue.get(member.telegram_user_id)
    assert state is not None
    return dict(state.answers)


async def test_erasure_takes_the_pupil_out_of_quick_checks_drafts_and_unsent_messages_and_keeps_the_rest(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, NAME)
    await draft_with_targets(storage, world.teacher, pupil.id, 1)
    await _chat_says(storage, world.teacher, {"last_check": f"{NAME} will understand fractions"}, None)
    unsaved = {"pupil_name": "Samuel", "difficulty": f"Sits with {NAME.lower()} at lunch"}  # names her, no id
    classmate = {"pupil_name": "Xan", "difficulty": "Blending"}  # "Xan" is not "Xanthippa"
    parked = [{"flow": "new_plan", "step": "difficulty", "draft": each, "history": []} for each in (unsaved, classmate)]
    await _chat_says(storage, world.senco, {"draft": unsaved, "parked": parked, "last_check": "Xan will read"}, None)
    await _post(storage, world.teacher, f"Which year group is {NAME} in?", "What I can do")

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    teacher, senco = await _answers(storage, world.teacher), await _answers(storage, world.senco)
    assert "last_check" not in teacher
    assert senco["draft"] == {}, "the flow in progress named her"
    assert [each["draft"]["pupil_name"] for each in senco["parked"]] == ["Xan"]  # type: ignore[index]
    assert senco["last_check"] == "Xan will read"
    async with storage.read() as tx:
        unsent = (await tx.session.execute(text("SELECT text FROM outbox"))).scalars().all()
    assert unsent == ["What I can do"]


async def test_after_an_erasure_and_its_scrub_the_name_is_in_no_byte_of_the_sqlite_files(tmp_path: Path) -> None:
    storage = await open_storage(Settings(IEPBOT_DATA_DIR=tmp_path))  # type: ignore[call-arg]
    try:
        async with storage.write() as tx:
            school = await create_school(tx, name="Oakfield Primary")
            teacher = await tx.staff.add(
                school_id=school.id, telegram_user_id=7001, name="Ms Patel", role=Role.TEACHER, now=tx.now
            )
        pupil = await add_pupil_for(storage, teacher, NAME)
        await draft_with_targets(storage, teacher, pupil.id, 2)
        for turn in range(5):  # every turn rewrites the chat's answers: old copies are left behind unless zeroed
            await _chat_says(storage, teacher, {"last_check": f"{NAME} will read {turn} words " + "x" * 5000}, None)
        await _post(storage, teacher, f"Which year group is {NAME} in?")
        files = [tmp_path / f"iepbot.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
        assert any(NAME.encode() in path.read_bytes() for path in files)

        async with storage.write() as tx:
            await erase_pupil(tx, OPERATOR, pupil.id)
        await storage.scrub()

        found = {path.name: NAME.encode() in path.read_bytes() for path in files if path.exists()}
        assert found == dict.fromkeys(found, False)
        assert "iepbot.sqlite3-wal" in found, "checked while the database is open, as another user would read it"
    finally:
        await storage.close()
