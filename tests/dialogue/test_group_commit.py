"""Group commit: the quick checks waiting to be saved go in one transaction, each caller told its own outcome."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.exc import StatementError

from iepbot.dialogue.group_commit import GroupCommit
from iepbot.dialogue.outbox import Outbox
from iepbot.domain.dialogue import begin_turn
from iepbot.domain.records import AnswersChange, DialogueState
from iepbot.storage.storage import Storage
from tests.storage.support import World


async def new_chats(storage: Storage, count: int) -> list[DialogueState]:
    async with storage.write() as tx:
        return [await begin_turn(tx, chat_id) for chat_id in range(1, count + 1)]


def checked(world: World, state: DialogueState, text: object) -> AnswersChange:
    return AnswersChange(world.teacher, world.school, state.chat_id, state.version, {"last_check": text})


async def test_changes_waiting_together_are_saved_in_one_transaction(
    storage: Storage, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    chats = await new_chats(storage, 10)
    writes: list[object] = []
    write = storage.write
    monkeypatch.setattr(storage, "write", lambda: writes.append(object()) or write())
    saves = GroupCommit(storage, Outbox(storage))
    outcomes = await asyncio.gather(*(saves.save(checked(world, chat, f"text {chat.chat_id}")) for chat in chats))
    assert outcomes == [()] * 10, "all saved, none with letters to send"
    assert len(writes) == 1, "all ten were waiting before the first batch began"
    async with storage.read() as tx:
        saved = [await tx.dialogue.get(chat.chat_id) for chat in chats]
    assert [state.answers["last_check"] if state else None for state in saved] == [f"text {n}" for n in range(1, 11)]


async def test_each_caller_hears_its_own_outcome(storage: Storage, world: World) -> None:
    current, moved_on = await new_chats(storage, 2)
    saves = GroupCommit(storage, Outbox(storage))
    await saves.save(checked(world, moved_on, "first"))
    outcomes = await asyncio.gather(
        saves.save(checked(world, current, "ok")), saves.save(checked(world, moved_on, "x"))
    )
    assert outcomes == [(), None], "the chat that moved on is not saved"


async def test_a_failed_batch_fails_every_caller_in_it_and_the_next_batch_still_saves(
    storage: Storage, world: World
) -> None:
    first, second = await new_chats(storage, 2)
    saves = GroupCommit(storage, Outbox(storage))
    unsaveable = {"not", "json"}  # a set cannot be stored as JSON: the whole transaction fails
    results = await asyncio.gather(
        saves.save(checked(world, first, unsaveable)),
        saves.save(checked(world, second, "fine on its own")),
        return_exceptions=True,
    )
    assert [type(result) for result in results] == [StatementError, StatementError]
    assert await saves.save(checked(world, second, "fine on its own")) == ()
    async with storage.read() as tx:
        state = await tx.dialogue.get(first.chat_id)
    assert state is not None
    assert state.answers == {}, "nothing of the failed batch was kept"


@pytest.mark.parametrize("cancelled_first", [True, False])
async def test_a_caller_that_stops_waiting_does_not_stop_the_others(
    storage: Storage, world: World, cancelled_first: bool
) -> None:
    first, second = await new_chats(storage, 2)
    saves = GroupCommit(storage, Outbox(storage))
    leaving = asyncio.ensure_future(saves.save(checked(world, first if cancelled_first else second, "gone")))
    staying = asyncio.ensure_future(saves.save(checked(world, second if cancelled_first else first, "kept")))
    await asyncio.sleep(0)
    leaving.cancel()
    assert await staying == ()
