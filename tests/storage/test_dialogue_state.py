"""Conversation state: saved with its audit event in one transaction, one update per chat at a time."""

from __future__ import annotations

import asyncio

import pytest

from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.enums import AuditAction
from iepbot.domain.errors import AccessDeniedError, ConflictError
from iepbot.domain.records import DialogueState
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for


async def _answer(
    storage: Storage, world: World, chat_id: int, step: str, pupil_id: int | None = None
) -> DialogueState:
    """One turn: lock the chat, read its state, save the next step."""
    async with storage.write() as tx:
        state = await begin_turn(tx, chat_id)
        answers = {**state.answers, step: f"answer to {step}"}
        return await save_answer(
            tx,
            world.teacher,
            chat_id,
            expected_version=state.version,
            flow="new_plan",
            step=step,
            answers=answers,
            pupil_id=pupil_id,
        )


async def test_a_new_chat_starts_empty_and_each_answer_moves_it_on(storage: Storage, world: World) -> None:
    first = await _answer(storage, world, 42, "strengths")
    second = await _answer(storage, world, 42, "voice")
    assert (first.version, second.version) == (1, 2)
    assert second.answers == {"strengths": "answer to strengths", "voice": "answer to voice"}
    async with storage.read() as tx:
        events = await tx.audit.for_record("chat", 42)
    assert [event.action for event in events] == [AuditAction.DIALOGUE_ANSWERED] * 2


async def test_turns_of_one_chat_are_serialised_so_no_answer_is_lost(storage: Storage, world: World) -> None:
    steps = [f"step{n}" for n in range(6)]
    await asyncio.gather(*(_answer(storage, world, 7, step) for step in steps))
    async with storage.read() as tx:
        state = await tx.dialogue.get(7)
    assert state is not None
    assert state.version == len(steps)
    assert set(state.answers) == set(steps)


async def test_a_stale_turn_is_refused_and_changes_nothing(storage: Storage, world: World) -> None:
    await _answer(storage, world, 5, "one")
    with pytest.raises(ConflictError, match="newer one"):
        async with storage.write() as tx:
            await save_answer(tx, world.teacher, 5, expected_version=0, flow="x", step="y", answers={})
    async with storage.read() as tx:
        state = await tx.dialogue.get(5)
        events = await tx.audit.for_record("chat", 5)
    assert state is not None
    assert (state.step, state.version, len(events)) == ("one", 1, 1)


async def test_a_conversation_about_a_pupil_checks_the_teacher_may_see_them(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.other_teacher)
    with pytest.raises(AccessDeniedError):
        await _answer(storage, world, 11, "about someone else", pupil_id=pupil.id)


async def test_the_chat_remembers_the_newest_update_it_handled_so_a_redelivery_is_recognised(
    storage: Storage, world: World
) -> None:
    for update_id in (100, 99):  # an older update arriving late must not lower the mark
        async with storage.write() as tx:
            state = await begin_turn(tx, 8)
            version = state.version
            await save_answer(
                tx, world.teacher, 8, expected_version=version, flow=None, step=None, answers={}, update_id=update_id
            )
    async with storage.read() as tx:
        state = await tx.dialogue.get(8)
    assert state is not None
    assert state.last_update_id == 100
    assert state.has_handled(100)
    assert state.has_handled(99)
    assert not state.has_handled(101)
    assert not state.has_handled(None)
