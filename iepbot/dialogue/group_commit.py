"""Answers from many chats saved in one transaction: the quick checks of thirty teachers cost one commit.

SQLite has a single writer, so one transaction per quick check would queue every chat behind the others,
each holding the write lock across several round trips to the database thread. Here the changes that
arrive while a batch is being written wait for the next batch, so a batch costs the same round trips for
one change or thirty (group commit). Nobody hears "saved" before the commit: a reply is never sent for a
turn a crash could still lose. Each change's letters go into the outbox in the same transaction (one
INSERT for the batch), with the outbox's waiting marks: a batch writes what Telegram said since the last one.
"""

from __future__ import annotations

import asyncio

from iepbot.dialogue.outbox import Outbox
from iepbot.domain.dialogue import save_answers
from iepbot.domain.ports import Store
from iepbot.domain.records import AnswersChange, Posted

Saved = tuple[Posted, ...] | None  # the change's letters as posted; None: its chat had moved on, nothing saved


class GroupCommit:
    """Saves `AnswersChange`s in batches, one writer task at a time, in the order they were asked."""

    def __init__(self, storage: Store, outbox: Outbox) -> None:
        self._storage = storage
        self._outbox = outbox
        self._waiting: list[tuple[AnswersChange, asyncio.Future[Saved]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def save(self, change: AnswersChange) -> Saved:
        """The change's posted letters once it is committed; None if its chat had moved on, and nothing of it
        was saved."""
        saved: asyncio.Future[Saved] = asyncio.get_running_loop().create_future()
        self._waiting.append((change, saved))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_batches())
        return await saved

    async def _write_batches(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                await self._write(batch)
        finally:
            self._writer = None

    async def _write(self, batch: list[tuple[AnswersChange, asyncio.Future[Saved]]]) -> None:
        """One transaction for the batch; each caller gets its own outcome, or the database's error."""
        changes = [change for change, _ in batch]
        marks = self._outbox.take_marks()
        try:
            async with self._storage.write() as tx:
                saved = await save_answers(tx, changes)
                letters = [letter for change, ok in zip(changes, saved, strict=True) if ok for letter in change.letters]
                posted = iter(await self._outbox.post(tx, letters))
                await marks.write(tx)
            outcomes = [
                tuple(next(posted) for _ in change.letters) if ok else None
                for change, ok in zip(changes, saved, strict=True)
            ]
        except Exception as error:  # handed to every caller, who reports it as any failed turn
            self._outbox.restore(marks)
            for _, future in batch:
                if not future.done():  # a caller that was cancelled no longer listens
                    future.set_exception(error)
            return
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if not future.done():
                future.set_result(outcome)
