"""Answers from many chats saved in one transaction: the quick checks of thirty teachers cost one commit.

SQLite has a single writer, so one transaction per quick check would queue every chat behind the others,
each holding the write lock across several round trips to the database thread. Here the changes that
arrive while a batch is being written wait for the next batch, so a batch costs the same round trips for
one change or thirty (group commit). Nobody hears "saved" before the commit: a reply is never sent for a
turn a crash could still lose.
"""

from __future__ import annotations

import asyncio

from iepbot.domain.dialogue import save_answers
from iepbot.domain.ports import Store
from iepbot.domain.records import AnswersChange


class GroupCommit:
    """Saves `AnswersChange`s in batches, one writer task at a time, in the order they were asked."""

    def __init__(self, storage: Store) -> None:
        self._storage = storage
        self._waiting: list[tuple[AnswersChange, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def save(self, change: AnswersChange) -> bool:
        """True once `change` is committed; False if its chat had moved on, and nothing of it was saved."""
        saved: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
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

    async def _write(self, batch: list[tuple[AnswersChange, asyncio.Future[bool]]]) -> None:
        """One transaction for the batch; each caller gets its own outcome, or the database's error."""
        try:
            async with self._storage.write() as tx:
                outcomes = await save_answers(tx, [change for change, _ in batch])
        except Exception as error:  # handed to every caller, who reports it as any failed turn
            for _, future in batch:
                if not future.done():  # a caller that was cancelled no longer listens
                    future.set_exception(error)
            return
        for (_, future), saved in zip(batch, outcomes, strict=True):
            if not future.done():
                future.set_result(saved)
