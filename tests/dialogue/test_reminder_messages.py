"""Each reminder as the member of staff reads it: whom it is about, when, and the button to start the review."""

from __future__ import annotations

from datetime import date

import pytest

from iepbot.dialogue.reminders import reply_for
from iepbot.documents.messages import MessageRenderer
from iepbot.domain.enums import ReminderKind
from iepbot.domain.records import ReminderKey, School
from iepbot.domain.reminders import Reminder

SCHOOL = School(id=1, name="Oakfield", target_limit=4, term_dates={}, reviews_per_year=3, parent_meetings_per_year=4)
REVIEW = date(2027, 2, 12)
NAME = "Zoë <b>&</b> 🦖"


def reminder(kind: ReminderKind) -> Reminder:
    if kind is ReminderKind.OVERDUE_REVIEWS:
        return Reminder(ReminderKey(kind, 9, REVIEW), 900, 1, overdue=((NAME, REVIEW),))
    return Reminder(ReminderKey(kind, 5, REVIEW), 101, 1, pupil_name=NAME, review_date=REVIEW)


@pytest.mark.parametrize(
    ("kind", "words", "button"),
    [
        (ReminderKind.REVIEW_SOON, "on 12 February 2027. Gather the evidence", True),
        (ReminderKind.REVIEW_DUE, "is due for review today", True),
        (ReminderKind.PARENT_MEETING, "meets parents 4 times a year", False),
        (ReminderKind.OVERDUE_REVIEWS, "was due 12 February 2027", False),
    ],
)
def test_each_reminder_names_the_pupil_safely_and_the_review_reminders_open_the_review(
    kind: ReminderKind, words: str, button: bool
) -> None:
    reply = reply_for(reminder(kind), SCHOOL, today=REVIEW)
    html = MessageRenderer().render(reply)
    assert words in html
    assert "Zoë &lt;b&gt;&amp;&lt;/b&gt; 🦖" in html
    assert reply.chat_id == (900 if kind is ReminderKind.OVERDUE_REVIEWS else 101)
    assert [b.data for row in reply.buttons for b in row] == (["review:5"] if button else [])


@pytest.mark.parametrize(
    ("today", "words"),
    [(date(2027, 2, 5), "in a week"), (date(2027, 2, 9), "in 3 days"), (date(2027, 2, 11), "tomorrow")],
)
def test_a_plan_started_close_to_its_review_is_told_how_soon_it_is(today: date, words: str) -> None:
    reply = reply_for(reminder(ReminderKind.REVIEW_SOON), SCHOOL, today=today)
    assert f"due for review {words}, on 12 February 2027" in MessageRenderer().render(reply)


def test_a_review_missed_on_the_day_says_when_it_was_due() -> None:
    reply = reply_for(reminder(ReminderKind.REVIEW_DUE), SCHOOL, today=date(2027, 2, 15))
    assert "was due for review on 12 February 2027" in MessageRenderer().render(reply)
