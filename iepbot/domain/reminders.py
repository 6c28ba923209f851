"""Which reminders are due: the author a week before the review and on the day, each SENCo weekly while any
review is overdue, and the author when the school's interval between parents' meetings has passed.

The rule is a pure function of the plans under way, the schools and a moment (`due_reminders`), so it is
specified without a clock; `reminders_due` reads what it needs in one transaction. A reminder is claimed in the
database before it is sent and marked sent afterwards (`claim`, `mark_sent`): a restart rebuilds the same list,
skips what was sent, and sends again only what was claimed but never confirmed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from iepbot.domain.enums import ReminderKind, Role
from iepbot.domain.ports import Transaction
from iepbot.domain.records import ReminderKey, RunningPlan, School, StaffMember

SCHOOL_TIME = ZoneInfo("Europe/London")
FIRST_HOUR = 8  # no reminder before 08:00 in England: staff read them as the school day starts
WEEK_BEFORE = timedelta(days=7)
YEAR_DAYS = 365
# A claimed reminder not marked sent after this long is taken as lost (the process stopped mid-send).
CLAIM_PATIENCE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder to send: its key, the chat it goes to, and what it is about."""

    key: ReminderKey
    chat_id: int
    school_id: int
    pupil_name: str | None = None  # None for the SENCo's weekly list
    review_date: date | None = None
    overdue: tuple[tuple[str, date], ...] = field(default=())  # the SENCo's list: pupil and review date


def interval(per_year: int) -> timedelta:
    """The longest gap allowed between meetings held `per_year` times a year (twice: 183 days)."""
    return timedelta(days=-(-YEAR_DAYS // per_year))


def review_date_of(plan: RunningPlan, school: School) -> date:
    """The plan's review date, or, when none was set, the latest the school's reviews per year allow."""
    return plan.review_date or plan.started_on + interval(school.reviews_per_year)


def school_day(now: datetime) -> date | None:
    """The date in England once the school day has begun; None before FIRST_HOUR (nothing is sent yet)."""
    local = now.astimezone(SCHOOL_TIME)
    return local.date() if local.hour >= FIRST_HOUR else None


def due_reminders(
    plans: Sequence[RunningPlan],
    schools: Mapping[int, School],
    sencos: Mapping[int, Sequence[StaffMember]],
    today: date,
) -> list[Reminder]:
    """Every reminder due on `today` or earlier and still relevant (a sent one is filtered by the caller)."""
    due: list[Reminder] = []
    overdue: dict[int, list[tuple[str, date]]] = {}
    for plan in plans:
        school = schools[plan.school_id]
        review = review_date_of(plan, school)
        if review - WEEK_BEFORE <= today < review:
            due.append(_to_author(plan, ReminderKind.REVIEW_SOON, review - WEEK_BEFORE, review))
        if review <= today:
            due.append(_to_author(plan, ReminderKind.REVIEW_DUE, review, review))
        if review < today:
            overdue.setdefault(plan.school_id, []).append((plan.pupil_name, review))
        last_met = max(filter(None, (plan.last_parents_meeting, plan.started_on)))
        meeting = last_met + interval(school.parent_meetings_per_year)
        if meeting <= today:
            due.append(_to_author(plan, ReminderKind.PARENT_MEETING, meeting, review))
    monday = today - timedelta(days=today.weekday())
    for school_id, late in sorted(overdue.items()):
        for senco in sencos.get(school_id, ()):
            key = ReminderKey(ReminderKind.OVERDUE_REVIEWS, senco.id, monday)
            listed = tuple(sorted(late, key=lambda each: each[1]))
            due.append(Reminder(key, senco.telegram_user_id, school_id, overdue=listed))
    return due


def _to_author(plan: RunningPlan, kind: ReminderKind, due_on: date, review: date) -> Reminder:
    key = ReminderKey(kind, plan.plan_id, due_on)
    return Reminder(key, plan.author_chat, plan.school_id, pupil_name=plan.pupil_name, review_date=review)


async def reminders_due(tx: Transaction) -> list[Reminder]:
    """The reminders due at `tx.now` that were never sent (none before the school day begins)."""
    today = school_day(tx.now)
    if today is None:
        return []
    plans = await tx.reminders.running_plans()
    school_ids = sorted({plan.school_id for plan in plans})
    schools = {school_id: await tx.schools.get(school_id) for school_id in school_ids}
    sencos = {school_id: await tx.staff.with_role(school_id, Role.SENCO) for school_id in school_ids}
    due = due_reminders(plans, schools, sencos, today)
    sent = await tx.reminders.sent([reminder.key for reminder in due])
    return [reminder for reminder in due if reminder.key not in sent]


async def claim(tx: Transaction, reminder: Reminder) -> bool:
    """True if this process should send `reminder` now; the claim commits with `tx`."""
    return await tx.reminders.claim(reminder.key, now=tx.now, retry_after=CLAIM_PATIENCE)


async def mark_sent(tx: Transaction, reminder: Reminder) -> None:
    """Telegram took it: it is never sent again."""
    await tx.reminders.mark_sent(reminder.key, now=tx.now)
