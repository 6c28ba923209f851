"""Quick checks answered without locking the chat: as right as a full turn, whatever changed meanwhile."""

from __future__ import annotations

import asyncio
import json
from datetime import date

from sqlalchemy import text

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.services import Services
from iepbot.domain.enums import AuditAction
from iepbot.domain.records import DialogueState
from iepbot.storage.storage import Storage
from tests.dialogue.support import Chat
from tests.storage.support import World

SPRING_TARGET = "Sam will read 20 CVC words aloud with 90% accuracy by the end of the spring term."
OTHER_TARGET = "Sam will write his name independently on 4 out of 5 occasions by Christmas."
NEEDS_A_REWRITE = "Sam will read 10 CVC words."


async def checked_twice(chat: Chat) -> None:
    """A chat's first turn creates its row (a full turn); the second quick check is remembered in memory."""
    await chat.send(OTHER_TARGET)
    await chat.send(OTHER_TARGET)


async def state_of(storage: Storage, chat_id: int) -> DialogueState:
    async with storage.read() as tx:
        state = await tx.dialogue.get(chat_id)
    assert state is not None
    return state


async def test_quick_checks_in_a_row_each_save_the_text_for_the_buttons_and_move_the_chat_on(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    for number, target in enumerate((SPRING_TARGET, OTHER_TARGET, NEEDS_A_REWRITE), start=1):
        await chat.send(target)
        assert chat.templates == ["quick_check.html"]
        state = await state_of(storage, world.teacher.telegram_user_id)
        assert (state.version, state.answers["last_check"]) == (number, target)
    assert {button.data.partition(":")[0] for row in chat.last.buttons for button in row} == {"3"}
    async with storage.read() as tx:
        events = await tx.audit.for_record("chat", world.teacher.telegram_user_id)
    assert [event.action for event in events] == [AuditAction.DIALOGUE_ANSWERED] * 3


async def test_the_buttons_under_a_quick_check_act_on_the_text_just_checked(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(OTHER_TARGET)
    await chat.send(NEEDS_A_REWRITE)
    await chat.press("Use the suggested rewrite")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["report"]["text"].startswith("Sam will read 10 CVC words")


async def test_text_after_a_flow_began_answers_the_flow_not_a_quick_check(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await checked_twice(chat)
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam Smith")
    assert chat.templates == ["ask_pupil_year.html"]


async def test_a_chat_moved_on_by_another_process_is_answered_as_it_now_is(
    storage: Storage, services: Services, world: World
) -> None:
    here, there = Dialogue(storage, services), Dialogue(storage, services)
    chat_here, chat_there = Chat.of(here, world.teacher), Chat.of(there, world.teacher)
    await checked_twice(chat_here)
    await chat_there.send("/new")
    await chat_there.press("Add a pupil")
    await chat_here.send("Sam Smith")
    assert chat_here.templates == ["ask_pupil_year.html"]
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state.answers["draft"]["pupil_name"] == "Sam Smith"


async def test_a_member_of_staff_removed_meanwhile_is_a_stranger_at_once(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.colleague)
    await checked_twice(chat)
    async with storage.write() as tx:
        await tx.session.execute(text("DELETE FROM staff WHERE id = :id"), {"id": world.colleague.id})
    await chat.send(OTHER_TARGET)
    assert chat.templates == ["stranger.html"]


async def test_someone_else_writing_in_a_remembered_chat_is_answered_as_themselves(
    dialogue: Dialogue, world: World
) -> None:
    teacher = Chat.of(dialogue, world.teacher)
    await checked_twice(teacher)
    stranger = Chat(dialogue, 5550009, "Stranger", chat_id=world.teacher.telegram_user_id)
    await stranger.send(OTHER_TARGET)
    assert stranger.templates == ["stranger.html"]


async def test_new_term_dates_are_used_by_the_next_quick_check(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await checked_twice(chat)
    await chat.send(SPRING_TARGET)
    typical_end = chat.last.values["report"]["deadline"]
    year = {"start_year": 2026}
    for term, dates in {
        "autumn": ("2026-09-02", "2026-10-26", "2026-10-30", "2026-12-18"),
        "spring": ("2027-01-05", "2027-02-15", "2027-02-19", "2027-03-31"),
        "summer": ("2027-04-19", "2027-05-31", "2027-06-04", "2027-07-21"),
    }.items():
        year[term] = dict(zip(("start", "half_term_start", "half_term_end", "end"), dates, strict=True))
    async with storage.write() as tx:
        await tx.session.execute(
            text("UPDATE schools SET term_dates = :dates WHERE id = :id"),
            {"dates": json.dumps({"years": [year]}), "id": world.school.id},
        )
    await chat.send(SPRING_TARGET)
    assert chat.last.values["report"]["deadline"] == date(2027, 3, 31) != typical_end


async def test_a_redelivered_quick_check_is_answered_once(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(OTHER_TARGET)
    await chat.send(SPRING_TARGET)
    assert await chat.redeliver() == []
    assert (await state_of(storage, world.teacher.telegram_user_id)).version == 2


async def test_thirty_teachers_checking_at_once_are_all_answered_and_saved(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    async with storage.write() as tx:
        teachers = [
            await tx.staff.add(
                school_id=world.school.id, telegram_user_id=9000 + n, name=f"T{n}", role=world.teacher.role, now=tx.now
            )
            for n in range(30)
        ]
    chats = [Chat.of(dialogue, teacher) for teacher in teachers]
    for round_ in range(3):
        await asyncio.gather(*(chat.send(f"{OTHER_TARGET} ({round_})") for chat in chats))
        assert all(chat.templates == ["quick_check.html"] for chat in chats)
    for teacher in teachers:
        state = await state_of(storage, teacher.telegram_user_id)
        assert (state.version, state.answers["last_check"]) == (3, f"{OTHER_TARGET} (2)")
