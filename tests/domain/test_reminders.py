"""Reminders: who is told what and when, and that each one is sent once, whatever restarts in between."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from iepbot.cli import main
from iepbot.config import Settings
from iepbot.domain.enums import PlanStatus, ReminderKind, Role
from iepbot.domain.errors import InvalidValueError, NotFoundError
from iepbot.domain.plans import move_plan
from iepbot.domain.records import ReminderKey, ReviewNotes, RunningPlan, School, StaffMember
from iepbot.domain.reminders import (
    CLAIM_PATIENCE,
    claim,
    due_reminders,
    mark_sent,
    reminders_due,
    school_day,
)
from iepbot.domain.reviews import record_review
from iepbot.domain.schools import create_school, set_meetings
from iepbot.storage.opening import open_storage
from iepbot.storage.storage import Storage
from tests.dialogue.review_support import running_plan
from tests.storage.support import FakeClock, World, add_pupil_for, target_draft

REVIEW = date(2027, 2, 12)
SCHOOL = School(id=1, name="Oakfield Primary", target_limit=4, term_dates={})
SENCO = StaffMember(id=9, school_id=1, telegram_user_id=900, name="Mrs Okafor", role=Role.SENCO)


def plan(
    plan_id: int = 1,
    *,
    review: date | None = REVIEW,
    started: date = date(2027, 1, 4),
    met_parents: date | None = None,
) -> RunningPlan:
    return RunningPlan(
        plan_id=plan_id,
        school_id=1,
        author_chat=101,
        pupil_name="A.B.",
        status=PlanStatus.ACTIVE,
        review_date=review,
        started_on=started,
        last_parents_meeting=met_parents,
    )


def kinds_on(today: date, *plans: RunningPlan, school: School = SCHOOL) -> list[tuple[ReminderKind, date]]:
    due = due_reminders(plans, {1: school}, {1: [SENCO]}, today)
    return [(reminder.key.kind, reminder.key.due_on) for reminder in due]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 2, 4), []),
        (date(2027, 2, 5), [(ReminderKind.REVIEW_SOON, date(2027, 2, 5))]),
        (date(2027, 2, 11), [(ReminderKind.REVIEW_SOON, date(2027, 2, 5))]),
        (REVIEW, [(ReminderKind.REVIEW_DUE, REVIEW)]),
    ],
)
def test_the_author_is_reminded_a_week_before_the_review_and_on_the_day(
    today: date, expected: list[tuple[ReminderKind, date]]
) -> None:
    assert kinds_on(today, plan()) == expected


def test_a_review_missed_while_the_bot_was_down_is_still_due_and_the_senco_hears_of_it_weekly() -> None:
    wednesday = date(2027, 2, 17)
    assert kinds_on(wednesday, plan()) == [
        (ReminderKind.REVIEW_DUE, REVIEW),
        (ReminderKind.OVERDUE_REVIEWS, date(2027, 2, 15)),  # keyed by the week's Monday: once a week
    ]
    [overdue] = [r for r in due_reminders([plan()], {1: SCHOOL}, {1: [SENCO]}, wednesday) if r.chat_id == 900]
    assert overdue.overdue == (("A.B.", REVIEW),)
    assert kinds_on(date(2027, 2, 22), plan())[-1] == (ReminderKind.OVERDUE_REVIEWS, date(2027, 2, 22))


@pytest.mark.parametrize(
    ("meetings", "met", "due_on"),
    [
        (3, None, date(2027, 5, 6)),  # 122 days after the plan started
        (3, date(2027, 1, 20), date(2027, 5, 22)),  # the last meeting with parents restarts the count
        (4, None, date(2027, 4, 6)),  # a school that meets parents four times a year: 92 days
    ],
)
def test_parents_are_met_as_often_as_the_school_says(meetings: int, met: date | None, due_on: date) -> None:
    school = School(id=1, name="Oakfield", target_limit=4, term_dates={}, parent_meetings_per_year=meetings)
    running = plan(review=date(2027, 12, 1), met_parents=met)
    assert kinds_on(due_on - timedelta(days=1), running, school=school) == []
    assert kinds_on(due_on, running, school=school) == [(ReminderKind.PARENT_MEETING, due_on)]


def test_a_plan_without_a_review_date_is_due_when_the_schools_reviews_a_year_say() -> None:
    school = School(id=1, name="Oakfield", target_limit=4, term_dates={}, reviews_per_year=4)
    undated = plan(review=None, started=date(2027, 1, 4))
    assert (ReminderKind.REVIEW_DUE, date(2027, 4, 6)) in kinds_on(date(2027, 4, 6), undated, school=school)


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2027, 2, 12, 7, 59, tzinfo=UTC), None),  # 07:59 in winter England: too early
        (datetime(2027, 2, 12, 8, 0, tzinfo=UTC), date(2027, 2, 12)),
        (datetime(2027, 6, 11, 7, 0, tzinfo=UTC), date(2027, 6, 11)),  # 08:00 British Summer Time
        (datetime(2027, 6, 11, 23, 30, tzinfo=UTC), None),  # 00:30 on 12 June in England: the night
    ],
)
def test_reminders_wait_for_the_school_day_in_england(moment: datetime, day: date | None) -> None:
    assert school_day(moment) == day


async def test_a_reminder_is_claimed_once_and_after_it_is_sent_never_again(
    storage: Storage, world: World, clock: FakeClock
) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    week_before = clock.now.date() + timedelta(days=7)
    await running_plan(storage, world.teacher, world.senco, pupil, [target_draft()], review_date=week_before)
    async with storage.write() as tx:
        [soon] = await reminders_due(tx)
        assert (soon.key.kind, soon.chat_id, soon.pupil_name) == (ReminderKind.REVIEW_SOON, 101, "A.B.")
        assert await claim(tx, soon)
        assert not await claim(tx, soon)  # another sweep, or another bot process
    clock.advance(CLAIM_PATIENCE + timedelta(seconds=1))
    async with storage.write() as tx:
        assert await reminders_due(tx) == [soon]  # claimed but never confirmed: the process stopped mid-send
        assert await claim(tx, soon)
        await mark_sent(tx, soon)
    clock.advance(timedelta(days=1))
    async with storage.write() as tx:
        assert await reminders_due(tx) == []


async def test_only_running_plans_are_reminded_and_a_meeting_with_parents_restarts_their_count(
    storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    running = await running_plan(storage, world.teacher, world.senco, pupil, [target_draft()])
    async with storage.read() as tx:
        [seen] = await tx.reminders.running_plans()
    assert (seen.plan_id, seen.author_chat, seen.last_parents_meeting) == (running.id, 101, None)
    async with storage.write() as tx:
        await record_review(
            tx,
            world.teacher,
            running.id,
            ReviewNotes(held_on=date(2026, 9, 1), attendees="Mum", parent_views="Happy"),
            expected_version=running.version,
        )
        await record_review(
            tx,
            world.teacher,
            running.id,
            ReviewNotes(held_on=date(2026, 9, 5), attendees="Class teacher"),
            expected_version=running.version + 1,
        )
        [seen] = await tx.reminders.running_plans()
        assert seen.last_parents_meeting == date(2026, 9, 1)  # the later meeting had no parents
        current = await tx.plans.get(running.id)
        await move_plan(tx, world.teacher, running.id, PlanStatus.IN_REVIEW, expected_version=current.version)
        current = await tx.plans.get(running.id)
        await move_plan(tx, world.teacher, running.id, PlanStatus.CLOSED, expected_version=current.version)
        assert await tx.reminders.running_plans() == []


async def test_the_reminder_key_distinguishes_kind_record_and_date(storage: Storage) -> None:
    first = ReminderKey(ReminderKind.REVIEW_SOON, 1, REVIEW)
    async with storage.write() as tx:
        for key in (first, first._replace(kind=ReminderKind.REVIEW_DUE), first._replace(due_on=date(2027, 2, 13))):
            assert await tx.reminders.claim(key, now=tx.now, retry_after=CLAIM_PATIENCE)
        await tx.reminders.mark_sent(first, now=tx.now)
        others = [first._replace(kind=ReminderKind.REVIEW_DUE), first._replace(record_id=2)]
        assert await tx.reminders.sent([first, *others]) == {first}


@pytest.mark.parametrize(
    ("reviews", "meetings", "problem"),
    [(1, 3, "at least twice"), (2, 2, "at least three times"), (13, 3, "2 to 12"), (2, 99, "3 to 12")],
)
async def test_a_school_cannot_meet_less_often_than_the_guidance_asks(
    storage: Storage, world: World, reviews: int, meetings: int, problem: str
) -> None:
    async with storage.write() as tx:
        with pytest.raises(InvalidValueError, match=problem):
            await set_meetings(tx, name=world.school.name, reviews_per_year=reviews, parent_meetings_per_year=meetings)
        with pytest.raises(NotFoundError):
            await set_meetings(tx, name="No Such School", reviews_per_year=3)
        changed = await set_meetings(tx, name=world.school.name, parent_meetings_per_year=4)
    assert (changed.reviews_per_year, changed.parent_meetings_per_year) == (2, 4)


def test_iepbot_school_set_changes_the_settings_and_refuses_too_few_meetings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)

    async def seed() -> None:
        storage = await open_storage(Settings(IEPBOT_DATA_DIR=tmp_path))  # type: ignore[call-arg]
        async with storage.write() as tx:
            await create_school(tx, name="Oakfield Primary")
        await storage.close()

    asyncio.run(seed())
    assert (
        main(["school", "set", "Oakfield Primary", "--reviews-per-year", "3", "--parent-meetings-per-year", "4"]) == 0
    )
    assert "Reviews a year:           3" in capsys.readouterr().out
    assert main(["school", "set", "Oakfield Primary", "--parent-meetings-per-year", "2"]) == 1
    assert "at least three times" in capsys.readouterr().err


async def test_which_reminders_were_sent_is_read_for_a_whole_school_at_once(storage: Storage) -> None:
    keys = [ReminderKey(ReminderKind.REVIEW_DUE, plan_id, REVIEW) for plan_id in range(1, 701)]
    async with storage.write() as tx:
        for key in keys[::2]:
            await tx.reminders.claim(key, now=tx.now, retry_after=CLAIM_PATIENCE)
            await tx.reminders.mark_sent(key, now=tx.now)
        assert await tx.reminders.sent(keys) == set(keys[::2])
