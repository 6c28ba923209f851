"""Reminders as replies: the transport asks what is due, sends each one, and says when Telegram took it.

A reminder is claimed in the same transaction that finds it due, before it is sent, and marked sent after:
so two bot processes never both send one, a restart skips what was sent, and one claimed but never confirmed
(the process stopped mid-send) goes again once the claim has expired (`domain.reminders.CLAIM_PATIENCE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iepbot.dialogue.io import Button, Reply
from iepbot.domain.enums import ReminderKind
from iepbot.domain.ports import Store
from iepbot.domain.records import School
from iepbot.domain.reminders import Reminder, claim, mark_sent, reminders_due, school_day

NO_VERSION = 0


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder and the message that carries it."""

    reminder: Reminder
    reply: Reply


class Reminders:
    """What the transport's timer calls: `claim_due` then, for each one Telegram accepted, `sent`."""

    def __init__(self, storage: Store) -> None:
        self._storage = storage

    async def claim_due(self) -> list[DueReminder]:
        """Every reminder due now and never sent, claimed for this caller (committed before any is sent)."""
        async with self._storage.write() as tx:
            today = school_day(tx.now)
            claimed: list[DueReminder] = []
            for reminder in await reminders_due(tx):
                if await claim(tx, reminder):
                    school = await tx.schools.get(reminder.school_id)
                    assert today is not None  # reminders_due finds none before the school day
                    # Sent outside any turn, so at no chat version: its button's token is a timeless one.
                    reply = reply_for(reminder, school, today=today).stamped(NO_VERSION)
                    claimed.append(DueReminder(reminder, reply))
        return claimed

    async def sent(self, reminder: Reminder) -> None:
        """Telegram took it (or never will): it is not sent again."""
        async with self._storage.write() as tx:
            await mark_sent(tx, reminder)


def reply_for(reminder: Reminder, school: School, *, today: date) -> Reply:
    """The message for one reminder; the author's review reminders carry a button that starts the review."""
    kind, plan_id = reminder.key.kind, reminder.key.record_id
    if kind is ReminderKind.OVERDUE_REVIEWS:
        values = {"overdue": reminder.overdue, "per_year": school.reviews_per_year}
        return Reply("reminder_overdue_reviews.html", values, chat_id=reminder.chat_id)
    values = {
        "name": reminder.pupil_name,
        "review_date": reminder.review_date,
        "today": today,
        "per_year": school.parent_meetings_per_year,
    }
    review = ((Button("📋 Review the plan", f"review:{plan_id}"),),)
    buttons = () if kind is ReminderKind.PARENT_MEETING else review
    return Reply(f"reminder_{kind.value}.html", values, buttons, chat_id=reminder.chat_id)
