"""The review cycle through the real PTB Application and the fake Bot API: reminders fired by the JobQueue
across restarts (time injected through the storage clock), and a whole review from a teacher's phone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from logging import WARNING

import pytest

import target_bank
from fakes.fake_bot_api import FakeBotApi
from fakes.ptb import bot_settings, polling
from fakes.records import SentMessage, User
from iepbot.bot import build_bot
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.services import Services
from iepbot.documents.messages import MessageRenderer
from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.pupils import add_pupil
from iepbot.domain.records import Pupil, StaffMember
from iepbot.domain.schools import create_school
from iepbot.storage.storage import Storage
from iepbot.telegram.sending import Sender
from nlp.areas import Area
from tests.dialogue.review_support import LADDER, bank_target, running_plan
from tests.storage.support import FakeClock

FAST_RETRIES = (0.01, 0.02, 0.05)
BANK = target_bank.load()


@asynccontextmanager
async def iepbot(server: FakeBotApi, storage: Storage, clock: FakeClock) -> AsyncIterator[None]:
    """One run of the bot process: a new Application and Dialogue over the same database, as after a restart."""
    services = Services(bank=BANK, bot_username="iep_test_bot", today=lambda: clock.now.date())
    sender = Sender(MessageRenderer(), retry_delays=FAST_RETRIES)
    application = build_bot(
        bot_settings(server), dialogue=Dialogue(storage, services), sender=sender, overall_max_rate=1000
    )
    async with polling(application, poll_timeout=1):
        yield


async def school_with(storage: Storage, teacher: User, senco: User) -> tuple[StaffMember, StaffMember, Pupil]:
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        author = await tx.staff.add(
            school_id=school.id, telegram_user_id=teacher.id, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
        head = await tx.staff.add(
            school_id=school.id, telegram_user_id=senco.id, name="Mrs Okafor", role=Role.SENCO, now=tx.now
        )
        pupil = await add_pupil(
            tx,
            author,
            display_name="Sam",
            year_group="Year 1",
            class_name="1P",
            areas_of_need=[Area.COGNITION_AND_LEARNING],
        )
    return author, head, pupil


async def click(server: FakeBotApi, user: User, label: str, *, replies: int = 1) -> list[SentMessage]:
    """Press the button labelled `label` on the bot's latest message that has it; the replies that follow."""
    sent = server.messages(user)
    message = next(m for m in reversed(sent) if any(label in text for text in m.button_texts))
    server.click(user, message, next(text for text in message.button_texts if label in text))
    return (await server.wait_for_messages(user, len(sent) + replies))[len(sent) :]


async def test_reminders_fire_from_the_job_queue_once_each_and_one_missed_while_down_fires_after_a_restart(
    fake_api: FakeBotApi, storage: Storage, clock: FakeClock, user: User, other_user: User
) -> None:
    author, senco, pupil = await school_with(storage, user, other_user)
    fake_api.register_chat(user)
    fake_api.register_chat(other_user)
    monday = clock.now.date()  # 2026-09-07, 10:00 in England
    await running_plan(storage, author, senco, pupil, [bank_target(BANK, 2)], review_date=monday + timedelta(days=7))
    await running_plan(storage, author, senco, pupil, [bank_target(BANK, 3)], review_date=monday + timedelta(days=1))

    async with iepbot(fake_api, storage, clock):
        week, tomorrow = await fake_api.wait_for_messages(user, 2)
    assert "due for review in a week, on 14 September 2026" in (week.text or "")
    assert "due for review tomorrow, on 8 September 2026" in (tomorrow.text or "")

    clock.advance(timedelta(days=2))  # the bot was down on the review day of the second plan
    async with iepbot(fake_api, storage, clock):
        [overdue] = await fake_api.wait_for_messages(other_user, 1)  # the SENCo's list ends each sweep
        [_, _, missed] = await fake_api.wait_for_messages(user, 3)
        [started, outcome] = await click(fake_api, user, "Review the plan", replies=2)
    assert "was due for review on 8 September 2026" in (missed.text or "")
    assert "Sam \N{EN DASH} was due 8 September 2026" in (overdue.text or "")
    assert len(fake_api.messages(user)) == 5  # the week-ahead reminders were not sent again
    assert "Reviewing Sam's plan: 1 target" in (started.text or "")
    assert "Has Sam achieved it?" in (outcome.text or "")
    assert fake_api.refused_requests() == []


async def test_a_whole_review_carries_a_target_not_met_on_as_the_banks_smaller_step(
    fake_api: FakeBotApi, storage: Storage, clock: FakeClock, user: User, other_user: User
) -> None:
    author, senco, pupil = await school_with(storage, user, other_user)
    plan = await running_plan(storage, author, senco, pupil, [bank_target(BANK, 2, name="Sam")])
    async with iepbot(fake_api, storage, clock):
        [choose] = await fake_api.ask(user, "/review_plan")
        assert "Which plan are you reviewing?" in (choose.text or "")
        await click(fake_api, user, "Sam", replies=2)
        await click(fake_api, user, "Not yet")
        await fake_api.ask(user, "Read 3 of 10 with sound buttons <b>not</b> yet")
        for answer in ("Yes", "No", "Yes", "Yes", "Yes"):  # too big a step; entry skills missing
            await click(fake_api, user, answer)
        [proposal] = fake_api.messages(user)[-1:]
        await click(fake_api, user, "Carry this on")
        await fake_api.ask(user, "Mum, Ms Patel, Mrs Okafor")
        await fake_api.ask(user, "Happy to practise at home 🏡")
        [closed] = await click(fake_api, user, "Close the review")
    smaller = BANK.render(f"{LADDER}-1", name="Sam", deadline=clock.now.date() + timedelta(days=183))
    assert "smaller step before it" in (proposal.text or "")
    assert smaller in (proposal.text or "")
    assert "the plan is closed. A new draft holds 1 target carried on" in (closed.text or "")
    async with storage.read() as tx:
        old, new = await tx.plans.for_pupil(pupil.id)
        [carried] = await tx.targets.for_plan(new.id)
        [reviewed] = await tx.targets.for_plan(old.id)
    assert (old.status, new.status) == (PlanStatus.CLOSED, PlanStatus.DRAFT)
    assert (carried.text, carried.bank_id) == (smaller, f"{LADDER}-1")
    assert reviewed.evidence == "Read 3 of 10 with sound buttons <b>not</b> yet"
    assert old.id == plan.id
    assert fake_api.refused_requests() == []


@pytest.mark.parametrize(
    ("forged", "answer"),
    [
        ("0:review:{plan}", "I can't find that: it may have been erased, or it is not one you can see."),
        ("0:review:999999", "I can't find that: it may have been erased, or it is not one you can see."),
        ("0:review:99999999999999999999", "That button belongs to an earlier message, so I've ignored it."),
        ("0:review:²", "That button belongs to an earlier message, so I've ignored it."),
    ],
)
async def test_a_forged_reminder_button_shows_nothing_of_another_school_and_nothing_fails(
    fake_api: FakeBotApi,
    storage: Storage,
    clock: FakeClock,
    user: User,
    other_user: User,
    caplog: pytest.LogCaptureFixture,
    forged: str,
    answer: str,
) -> None:
    author, senco, pupil = await school_with(storage, user, other_user)
    plan = await running_plan(storage, author, senco, pupil, [bank_target(BANK, 2)])
    async with storage.write() as tx:
        elsewhere = await create_school(tx, name="Brookside Academy")
        await tx.staff.add(school_id=elsewhere.id, telegram_user_id=7003, name="Mr Other", role=Role.SENCO, now=tx.now)
    stranger = User(id=7003, first_name="Other")
    async with iepbot(fake_api, storage, clock):
        [help_] = await fake_api.ask(stranger, "/help")
        fake_api.press(stranger, help_, forged.format(plan=plan.id))
        [said, question] = (await fake_api.wait_for_messages(stranger, 3))[1:]
    assert answer in (said.text or "")
    assert "no running plans to review" in (question.text or "")
    assert "Sam" not in (said.text or "") + (question.text or "")
    assert not [record for record in caplog.records if record.name.startswith("iepbot") and record.levelno >= WARNING]
    assert fake_api.refused_requests() == []
