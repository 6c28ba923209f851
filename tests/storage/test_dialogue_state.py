"""Conversation state: saved with its audit event in one transaction, one update per chat at a time."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from iepbot.domain.dialogue import begin_turn, save_answer, save_answers
from iepbot.domain.enums import AuditAction
from iepbot.domain.errors import AccessDeniedError, ConflictError
from iepbot.domain.records import AnswersChange, DialogueState
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
            state,
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


async def _save_as_seen_at_version_0(storage: Storage, world: World, chat_id: int) -> None:
    """A turn that read the chat before its last answer was saved."""
    async with storage.write() as tx:
        seen_before = replace(await begin_turn(tx, chat_id), version=0)
        await save_answer(tx, world.teacher, seen_before, flow="x", step="y", answers={})


async def test_a_stale_turn_is_refused_and_changes_nothing(storage: Storage, world: World) -> None:
    await _answer(storage, world, 5, "one")
    with pytest.raises(ConflictError, match="newer one"):
        await _save_as_seen_at_version_0(storage, world, 5)
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
            await save_answer(tx, world.teacher, state, flow=None, step=None, answers={}, update_id=update_id)
    async with storage.read() as tx:
        state = await tx.dialogue.get(8)
    assert state is not None
    assert state.last_update_id == 100
    assert state.has_handled(100)
    assert state.has_handled(99)
    assert not state.has_handled(101)
    assert not state.has_handled(None)


# -------------------------------------------------------------- answers-only turns (quick checks), in batches


def _quick(world: World, state: DialogueState, text: str, update_id: int | None = None) -> AnswersChange:
    return AnswersChange(
        world.teacher, world.school, state.chat_id, state.version, {**state.answers, "last_check": text}, update_id
    )


async def test_a_batch_saves_the_changes_whose_chat_has_not_moved_on(storage: Storage, world: World) -> None:
    current = await _answer(storage, world, 21, "one")
    moved_on = await _answer(storage, world, 22, "one")
    await _answer(storage, world, 22, "two")
    async with storage.write() as tx:
        saved = await save_answers(
            tx,
            [
                _quick(world, current, "checked", update_id=500),
                _quick(world, moved_on, "too late"),
                _quick(world, current, "second change from the same version"),
            ],
        )
    assert saved == [True, False, False]
    async with storage.read() as tx:
        first, second = await tx.dialogue.get(21), await tx.dialogue.get(22)
        events = await tx.audit.for_record("chat", 21)
    assert first is not None
    assert second is not None
    assert (first.version, first.answers["last_check"], first.last_update_id) == (2, "checked", 500)
    assert current.after(first.answers, 500) == replace(first, updated_at=current.updated_at), "as remembered"
    assert (second.version, "last_check" in second.answers) == (2, False)
    assert [event.action for event in events] == [AuditAction.DIALOGUE_ANSWERED] * 2


async def test_a_batch_never_lowers_the_newest_update_a_chat_handled(storage: Storage, world: World) -> None:
    async with storage.write() as tx:
        state = await begin_turn(tx, 23)
        state = await save_answer(tx, world.teacher, state, flow=None, step=None, answers={}, update_id=700)
    async with storage.write() as tx:
        assert await save_answers(tx, [_quick(world, state, "late", update_id=650)]) == [True]
    async with storage.read() as tx:
        after = await tx.dialogue.get(23)
    assert after is not None
    assert after.last_update_id == 700
