"""Replies are part of the turn: saved in the outbox with the chat's state, sent after commit, marked sent.

A turn's replies are rendered into letters (one per Telegram message) by the transport's `Postage` and
written in the turn's own transaction, claimed by this process for `SENDING_LEASE`. Once Telegram accepts
one, `Outbox.sent` queues the mark; marks are written in batches, riding on the next turn's transaction (a
quick-check batch or a full turn) and otherwise, after `MARKS_WAIT`, by a writer of their own: under load no
send costs a transaction of its own. A letter that outlasts the send's retries stays unsent and is claimed
again by the periodic sweep (`Outbox.due`), as is whatever a killed process left behind: the teacher gets
each reply once.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from iepbot.dialogue.io import Reply
from iepbot.domain.ports import Store, Transaction
from iepbot.domain.records import ButtonRows, Letter, Posted

__all__ = ["Answer", "ButtonRows", "Letter", "Marks", "Outbox", "Postage", "Posted"]  # the transport's view
log = logging.getLogger(__name__)

# How long the process that wrote (or claimed) a letter has to send it before another process may: long
# enough for the rate limiter to wait out a few 429s, short enough that a dead worker's replies still come.
SENDING_LEASE = timedelta(minutes=2)
SENT_KEPT = timedelta(days=1)  # message ids of sent letters, kept a day: nothing needs them after that
SWEEP_BATCH = 100  # letters claimed by one sweep
# How long marks wait for a turn's transaction to carry them before they are written on their own. A kill in
# this window sends those letters again after the restart: the one duplicate the outbox allows.
MARKS_WAIT = 0.2


class Postage(Protocol):
    """The transport's rendering: a turn's replies as the letters it will send (HTML parts, buttons)."""

    def letters(self, chat_id: int, replies: Sequence[Reply]) -> list[Letter]: ...


@dataclass(frozen=True, slots=True)
class Answer:
    """What a turn produced: its replies and, when they were posted, the saved letters to send.

    `posted` None means nothing was saved for this turn (a stranger, a group chat, no postage): the
    transport sends `replies` itself, best-effort.
    """

    replies: list[Reply]
    posted: tuple[Posted, ...] | None = None


@dataclass
class Marks:
    """What Telegram said about letters since the last write: sent (with message id), try later, refused."""

    sent: list[tuple[int, int]] = field(default_factory=list)
    later: list[tuple[int, float]] = field(default_factory=list)  # (outbox id, seconds to wait)
    refused: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sent or self.later or self.refused)

    def extend(self, other: Marks) -> None:
        self.sent.extend(other.sent)
        self.later.extend(other.later)
        self.refused.extend(other.refused)

    async def write(self, tx: Transaction) -> None:
        """At most four statements for any number of marks."""
        await tx.outbox.mark_sent(self.sent, now=tx.now)
        for delay in sorted({delay for _, delay in self.later}):
            ids = [row_id for row_id, wait in self.later if wait == delay]
            await tx.outbox.retry_at(ids, tx.now + timedelta(seconds=delay))
        await tx.outbox.drop(self.refused)


class Outbox:
    """This process's side of the outbox: marks queued and written in batches, and the sweep's claims."""

    def __init__(self, storage: Store) -> None:
        self._storage = storage
        self.claimer = secrets.token_hex(8)  # this process, as the holder of the letters it claims
        # Letter ids: a random 31-bit prefix for this process and its own counter, so the INSERT need not
        # return ids (two processes share a prefix once in 2**31); they fit a signed 64-bit integer.
        self._ids = itertools.count((secrets.randbits(31) << 32) + 1)
        self._marks = Marks()
        self._writer: asyncio.Task[None] | None = None

    async def post(self, tx: Transaction, letters: Sequence[Letter]) -> tuple[Posted, ...]:
        """Save `letters` in `tx`, claimed by this process while it sends them after the commit."""
        posted = tuple(Posted(next(self._ids), letter) for letter in letters)
        await tx.outbox.add(posted, now=tx.now, claimer=self.claimer, lease_until=tx.now + SENDING_LEASE)
        return posted

    def sent(self, posted_id: int, message_id: int) -> None:
        """Telegram accepted the letter: it must never be sent again."""
        self._marks.sent.append((posted_id, message_id))
        self._write_soon()

    async def later(self, posted_ids: Sequence[int], seconds: float) -> None:
        """The letters could not be sent now (a fault that outlasted the retries): try them again after
        `seconds`. Written at once, in a transaction of its own: faults are rare, and the sweep must see it."""
        await self._write_now(Marks(later=[(posted_id, seconds) for posted_id in posted_ids]))

    async def refused(self, posted_id: int) -> None:
        """Telegram refused the letter for good (a bad request, a blocked bot): trying again cannot help."""
        await self._write_now(Marks(refused=[posted_id]))

    async def _write_now(self, marks: Marks) -> None:
        async with self._storage.write() as tx:
            await marks.write(tx)

    def take_marks(self) -> Marks:
        """The marks waiting so far, for another batch's transaction to write (`Marks.write`); give them back
        with `restore` if that transaction fails, or they would be lost and their letters sent twice."""
        taken, self._marks = self._marks, Marks()
        return taken

    def restore(self, marks: Marks) -> None:
        if marks:
            self._marks.extend(marks)
            self._write_soon()

    async def due(self, *, take_over: bool = False) -> list[Posted]:
        """Claim letters left unsent (a fault, a kill), oldest first; `take_over` also claims those other
        processes hold, for a sole sender at its start (whoever held them is gone)."""
        async with self._storage.write() as tx:
            await tx.outbox.purge_sent(tx.now - SENT_KEPT)
            return await tx.outbox.claim_due(
                now=tx.now,
                claimer=self.claimer,
                lease_until=tx.now + SENDING_LEASE,
                limit=SWEEP_BATCH,
                take_over=take_over,
            )

    async def close(self) -> None:
        """Write what is still queued (at shutdown): a mark lost here is a reply sent twice after the restart."""
        while self._writer is not None:
            await asyncio.shield(self._writer)
        if self._marks:
            await self._write_waiting()

    def _write_soon(self) -> None:
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_batches())

    async def _write_batches(self) -> None:
        try:
            while self._marks:
                await asyncio.sleep(MARKS_WAIT)  # a turn committing meanwhile takes them (`take_marks`)
                if self._marks:
                    await self._write_waiting()
        finally:
            self._writer = None

    async def _write_waiting(self) -> None:
        taken = self.take_marks()
        try:
            async with self._storage.write() as tx:
                await taken.write(tx)
        except Exception as error:  # kept for the next write; the letters stay claimed meanwhile
            log.error("could not record what Telegram said about %s letters: %s", len(taken.sent), type(error).__name__)
            self._marks.extend(taken)
            await asyncio.sleep(1)
