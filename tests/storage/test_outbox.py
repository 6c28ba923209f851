"""The outbox table: letters kept in order, claimed with a lease, each claimed by one worker, sent once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import text

from iepbot.dialogue.outbox import SENDING_LEASE, SENT_KEPT, Outbox
from iepbot.domain.records import Letter
from iepbot.storage.storage import Storage
from tests.storage.support import FakeClock

LETTERS = [
    Letter(7001, "first", ((("Yes", "3:yes"), ("No", "3:no")),)),  # one row of two buttons
    Letter(7001, "second"),
    Letter(7002, "third"),
]


async def posted_by(storage: Storage, outbox: Outbox, letters: list[Letter]) -> list[int]:
    async with storage.write() as tx:
        return [posted.id for posted in await outbox.post(tx, letters)]


async def test_letters_come_back_in_order_with_their_buttons_once_their_writers_lease_is_over(
    storage: Storage, clock: FakeClock
) -> None:
    writer, sweeper = Outbox(storage), Outbox(storage)
    ids = await posted_by(storage, writer, LETTERS)
    assert ids == sorted(ids)
    assert await sweeper.due() == [], "the writer is sending them"
    clock.advance(SENDING_LEASE)
    due = await sweeper.due()
    assert [posted.id for posted in due] == ids
    assert [posted.letter for posted in due] == LETTERS
    assert await sweeper.due() == [], "claimed by the sweeper now"


async def test_a_sole_sender_at_its_start_takes_over_what_another_process_held_but_not_its_own(
    storage: Storage,
) -> None:
    dead, restarted = Outbox(storage), Outbox(storage)
    theirs = await posted_by(storage, dead, LETTERS[:2])
    await posted_by(storage, restarted, LETTERS[2:])  # being sent by the new process itself
    assert [posted.id for posted in await restarted.due(take_over=True)] == theirs


async def test_two_workers_sweeping_at_once_never_claim_the_same_letter(storage: Storage, clock: FakeClock) -> None:
    writer = Outbox(storage)
    ids = await posted_by(storage, writer, LETTERS * 20)
    clock.advance(SENDING_LEASE)
    first, second = await asyncio.gather(Outbox(storage).due(), Outbox(storage).due())
    claimed = [posted.id for posted in first + second]
    assert sorted(claimed) == ids, "every letter claimed once"


async def test_a_sent_letter_keeps_telegrams_message_id_and_no_text_and_is_forgotten_after_a_day(
    storage: Storage, clock: FakeClock
) -> None:
    outbox = Outbox(storage)
    [letter_id] = await posted_by(storage, outbox, LETTERS[:1])
    outbox.sent(letter_id, 4242)
    await outbox.close()  # writes the waiting marks
    async with storage.read() as tx:
        row = (await tx.session.execute(text("SELECT text, buttons, telegram_message_id FROM outbox"))).one()
    assert tuple(row) == (None, None, 4242)
    clock.advance(SENDING_LEASE)
    assert await outbox.due() == [], "sent: never sent again"
    clock.advance(SENT_KEPT + timedelta(seconds=1))
    await outbox.due()
    async with storage.read() as tx:
        assert await tx.session.scalar(text("SELECT COUNT(*) FROM outbox")) == 0


async def test_a_letter_to_try_later_waits_its_time_and_a_refused_one_is_gone(
    storage: Storage, clock: FakeClock
) -> None:
    outbox = Outbox(storage)
    later, refused = await posted_by(storage, outbox, LETTERS[:2])
    await outbox.later([later], 30)
    await outbox.refused(refused)
    clock.advance(timedelta(seconds=29))
    assert await outbox.due() == []
    clock.advance(timedelta(seconds=1))
    assert [posted.id for posted in await outbox.due()] == [later]
