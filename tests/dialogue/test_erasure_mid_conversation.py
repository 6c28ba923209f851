"""Erasing a pupil while a chat is drafting their plan, and two messages of one chat handled at once."""

from __future__ import annotations

import asyncio

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Text, Turn
from iepbot.domain.privacy import erase_pupil
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import dialogue_rows_as_text, rendered, state_of, to_difficulty
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for


async def test_erasing_the_pupil_mid_flow_removes_the_chats_answers(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.press("J.K.")
    await chat.press("Cognition and learning")
    await chat.send("Zebedee-marker-difficulty")
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert state.pupil_id == pupil.id

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is None or (state.flow, state.pupil_id) == (None, None)
    remaining = await dialogue_rows_as_text(storage)
    assert "Zebedee" not in remaining
    assert "J.K." not in remaining
    await chat.send("Knows most sounds")
    assert chat.templates == ["quick_check.html"], "the chat starts afresh: no question about an erased pupil"


async def park_a_plan_about(chat: Chat, name: str) -> None:
    """A plan for an existing pupil, two answers in, stopped with /cancel."""
    await chat.send("/new")
    await chat.press(name)
    await chat.press("Cognition and learning")
    await chat.send("Zebedee-marker-difficulty")
    await chat.send("/cancel")
    assert chat.templates == ["parked.html"]


async def test_erasing_the_pupil_removes_a_parked_plan_about_them(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await park_a_plan_about(chat, "J.K.")

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    remaining = await dialogue_rows_as_text(storage)
    assert "Zebedee" not in remaining
    assert "J.K." not in remaining


async def test_resuming_a_parked_plan_about_an_erased_pupil_is_answered_not_a_crash(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await park_a_plan_about(chat, "J.K.")
    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    await chat.send("/resume")

    assert "J.K." not in rendered(chat.replies)


async def test_erasing_the_pupil_of_the_flow_in_progress_keeps_plans_parked_about_other_pupils(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    erased = await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    await chat.send("/new")  # the plan for Sam is parked
    await chat.press("J.K.")
    assert chat.templates == ["ask_area.html"]

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, erased.id)

    assert "J.K." not in await dialogue_rows_as_text(storage)
    await chat.send("/resume")
    assert chat.templates == ["ask_entry_skills.html"], "the plan for Sam is still there"
    assert chat.last.values["name"] == "Sam"


async def test_two_messages_handled_at_once_in_one_chat_are_both_taken_one_after_the_other(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)

    def typed(words: str) -> Turn:  # no update id, as in the terminal: neither can look like a redelivery
        return Turn(chat_id=chat.user_id, user_id=chat.user_id, user_name=chat.name, input=Text(words))

    answers = await asyncio.gather(*(dialogue.handle(typed(words)) for words in ("Blending", "Knows sounds")))

    assert sorted(replies[0].template for replies in answers) == ["ask_entry_skills.html", "ask_motivation.html"]
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert state.step == "motivation"
    draft = state.answers["draft"]
    assert {draft["difficulty"], draft["entry_skills"]} == {"Blending", "Knows sounds"}
