"""The real PTB Application running iepbot against the strict fake Bot API: what a teacher's phone sees."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

import target_bank
from fakes.fake_bot_api import FakeBotApi
from fakes.ptb import bot_settings, polling
from fakes.records import Chat, SentMessage, User
from iepbot.bot import build_bot
from iepbot.config import Settings
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Reply
from iepbot.dialogue.services import Services
from iepbot.documents.messages import MessageRenderer
from iepbot.domain.actors import OPERATOR
from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.plans import my_plans
from iepbot.domain.records import School, StaffMember
from iepbot.domain.schools import create_school, issue_invite
from iepbot.storage.opening import open_storage
from iepbot.storage.storage import Storage
from iepbot.telegram.app import SEND_CONNECTIONS, build_application
from iepbot.telegram.sending import Sender
from target_bank import Bank

TODAY = date(2026, 11, 23)
FAST_RETRIES = (0.01, 0.02, 0.05)
SMART_TARGET = "Sam will read 20 CVC words aloud with 90% accuracy by February half term."


@pytest.fixture(scope="module")
def bank() -> Bank:
    return target_bank.load()


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    """SQLite in a fresh data directory, opened (and migrated) the way `iepbot run` opens it."""
    opened = await open_storage(Settings(IEPBOT_DATA_DIR=tmp_path))  # type: ignore[call-arg]
    yield opened
    await opened.close()


@pytest.fixture
def services(bank: Bank) -> Services:
    return Services(bank=bank, bot_username="iep_test_bot", today=lambda: TODAY)


@pytest.fixture
async def school(storage: Storage) -> School:
    async with storage.write() as tx:
        return await create_school(tx, name="Oakfield Primary")


async def register(storage: Storage, school: School, user: User, role: Role = Role.TEACHER) -> StaffMember:
    async with storage.write() as tx:
        return await tx.staff.add(
            school_id=school.id, telegram_user_id=user.id, name=user.first_name, role=role, now=tx.now
        )


@asynccontextmanager
async def iepbot(server: FakeBotApi, storage: Storage, services: Services) -> AsyncIterator[None]:
    """iepbot's own Application (rate limiter, ordering, handlers) polling the fake API for one block."""
    sender = Sender(MessageRenderer(), retry_delays=FAST_RETRIES)
    application = build_bot(
        bot_settings(server), dialogue=Dialogue(storage, services), sender=sender, overall_max_rate=1000
    )
    async with polling(application, poll_timeout=1):
        yield


async def click(server: FakeBotApi, user: User, label: str, *, replies: int = 1) -> list[SentMessage]:
    """Press the button labelled `label` on the bot's latest message that has it; the replies that follow."""
    sent = server.messages(user)
    message = next(m for m in reversed(sent) if any(label in text for text in m.button_texts))
    server.click(user, message, next(text for text in message.button_texts if label in text))
    return (await server.wait_for_messages(user, len(sent) + replies))[len(sent) :]


async def draft_one_plan(server: FakeBotApi, user: User, name: str) -> None:
    """A whole /new flow from a teacher's phone, to submission."""
    await server.ask(user, "/new")
    await click(server, user, "Add a pupil")
    await server.ask(user, name)
    await click(server, user, "Y2")
    await click(server, user, "Cognition and learning")
    for answer in ("Blending sounds", "Knows Phase 2 sounds", "Dinosaurs and games"):
        await server.ask(user, answer)
    await click(server, user, "Yes", replies=2)  # greater needs: small steps, then the target question
    await server.ask(user, SMART_TARGET.replace("Sam", name))
    await click(server, user, "Use this target")
    for answer in ("Precision teaching", "Word cards", "TA", "10 minutes daily", "18 of 20", "Weekly probe"):
        await server.ask(user, answer)
    await click(server, user, "No more targets")
    await click(server, user, "12 February 2027")
    await click(server, user, "Skip")
    await click(server, user, "Skip")
    await click(server, user, "Submit")  # a SENCo, if any, is told in their own chat


async def test_an_invited_teacher_redeems_the_link_and_a_stranger_is_turned_away_with_nothing_stored(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    async with storage.write() as tx:
        issued = await issue_invite(tx, OPERATOR, school_id=school.id, role=Role.TEACHER)
    async with iepbot(fake_api, storage, services):
        [welcome] = await fake_api.ask(user, f"/start {issued.code}")
        [refusal] = await fake_api.ask(other_user, "Sam will read 20 words by Easter.")
        [again] = await fake_api.ask(other_user, f"/start {issued.code}")
    assert "Welcome, Ada! You have joined Oakfield Primary as a teacher." in (welcome.text or "")
    assert "invite link from your school's SENCo" in (refusal.text or "")
    assert "not valid" in (again.text or "")
    async with storage.read() as tx:
        rows = (await tx.session.execute(text("SELECT chat_id FROM dialogue_states"))).scalars().all()
        assert await tx.staff.by_telegram_id(other_user.id) is None
    assert other_user.id not in rows
    assert fake_api.refused_requests() == []


async def test_a_teacher_drafts_a_plan_to_submission_and_the_senco_is_told(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    teacher = await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)  # the SENCo started the bot earlier
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, "Sam")
    assert "is submitted and your SENCo has been told" in (fake_api.last_message(user).text or "")
    assert "Ada has submitted a plan for Sam" in (fake_api.last_message(other_user).text or "")
    async with storage.read() as tx:
        [plan] = await my_plans(tx, teacher)
    assert plan.status is PlanStatus.SUBMITTED
    assert fake_api.refused_requests() == []


async def test_a_vague_target_is_turned_smart_through_the_suggestion_button(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        [feedback] = await fake_api.ask(user, "Sam will read 10 CVC words.")
        assert "❌ Time-bound" in (feedback.text or "")
        [checked] = await click(fake_api, user, "Use the suggested rewrite")
    assert "✅ SMART" in (checked.text or "")
    assert "Sam will read 10 CVC words by" in (checked.text or "")


async def test_a_restart_in_the_middle_of_a_flow_continues_at_the_same_question(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        await fake_api.ask(user, "/new")
        await click(fake_api, user, "Add a pupil")
        [year_question] = await fake_api.ask(user, "Sam")
    async with iepbot(fake_api, storage, services):  # a new process: nothing kept in memory
        [area_question] = await click(fake_api, user, "Y2")
        [difficulty] = await click(fake_api, user, "Sensory")
    assert "Which year group is Sam in?" in (year_question.text or "")
    assert "main area of need" in (area_question.text or "")
    assert "what does Sam find difficult" in (difficulty.text or "")


async def test_updates_sent_while_the_bot_was_down_are_answered_when_it_starts(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    fake_api.send_text(user, "Sam will read 20 CVC words by Easter.")
    fake_api.send_text(user, "/help")
    async with iepbot(fake_api, storage, services):
        first, second = await fake_api.wait_for_messages(user, 2)
    assert "SMART" in (first.text or "")
    assert "What I can do" in (second.text or "")


async def test_the_same_update_delivered_twice_is_answered_once(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        incoming = fake_api.send_text(user, "/help")
        await fake_api.wait_for_messages(user, 1)
        fake_api.redeliver(incoming)
        await fake_api.ask(user, "/plans")  # answered after the redelivery was handled
    texts = [message.text or "" for message in fake_api.messages(user)]
    assert len(texts) == 2
    assert "What I can do" in texts[0]
    assert "no plans yet" in texts[1]


@pytest.mark.parametrize(("status", "retry_after"), [(429, 0.05), (500, None)])
async def test_rate_limits_and_server_errors_from_the_api_are_retried_and_the_reply_arrives(
    fake_api: FakeBotApi,
    storage: Storage,
    services: Services,
    school: School,
    user: User,
    status: int,
    retry_after: float | None,
) -> None:
    await register(storage, school, user)
    fake_api.fail_next("sendMessage", status=status, retry_after=retry_after, times=2)
    async with iepbot(fake_api, storage, services):
        [reply] = await fake_api.ask(user, "/help")
    assert "What I can do" in (reply.text or "")
    statuses = [record.status for record in fake_api.requests("sendMessage")]
    assert statuses == [status, status, 200]


async def test_when_telegram_is_slow_replies_beyond_the_send_connections_wait_their_turn_and_none_fails(
    fake_api: FakeBotApi,
    storage: Storage,
    services: Services,
    school: School,
    caplog: pytest.LogCaptureFixture,
) -> None:
    teachers = [User(id=8100 + n, first_name=f"Teacher{n}") for n in range(SEND_CONNECTIONS + 2)]
    for teacher in teachers:
        await register(storage, school, teacher)
    # Longer than PTB's own 1 s pool timeout: the last two replies wait that long for a free connection.
    fake_api.slow_down("sendMessage", seconds=1.5, times=len(teachers))
    async with iepbot(fake_api, storage, services):
        replies = await asyncio.gather(*(fake_api.ask(teacher, "/help") for teacher in teachers))
    assert all("What I can do" in (reply.text or "") for [reply] in replies)
    assert [record.status for record in fake_api.requests("sendMessage")] == [200] * len(teachers)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]  # nothing retried


async def test_html_special_emoji_and_5000_character_input_never_breaks_a_reply(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    hostile = ["<b>Sam</b> & <script>alert(1)</script> will read 20 words by Easter", "😀" * 50, "x" * 5000]
    async with iepbot(fake_api, storage, services):
        replies = [(await fake_api.ask(user, message))[0] for message in hostile]
        await fake_api.ask(user, "/new")
        [name_problem, _question] = await fake_api.ask(user, "y" * 5000, replies=2)
    # The typed markup is stripped before checking; what is quoted back is the checked text, escaped.
    assert (replies[0].text or "").startswith("Sam & alert(1) will read 20 words by Easter")
    assert "Sam &amp; alert(1)" in (replies[0].source or "")
    assert "script" not in (replies[0].source or "")
    assert all(message.text for message in replies)
    assert "at most 80 characters" in (name_problem.text or "")
    assert fake_api.refused_requests() == []


async def test_a_reply_over_4096_characters_is_sent_as_several_valid_messages(fake_api: FakeBotApi, user: User) -> None:
    fake_api.register_chat(user)
    long_reply = Reply("bank_matches.html", {"targets": [f"Target {n} <&> " + "word " * 190 for n in range(6)]})
    application = build_application(fake_api.token, api_url=fake_api.base_url)
    async with application:
        await Sender(MessageRenderer()).send(application.bot, user.id, [long_reply])
    sent = fake_api.messages(user)
    assert len(sent) >= 2
    assert all(len(message.text or "") <= 4096 for message in sent)
    assert "Target 5 <&>" in (sent[-1].text or "")
    assert fake_api.refused_requests() == []


async def test_a_button_for_a_plan_the_presser_may_not_see_shows_nothing_of_it(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    await register(storage, school, user)
    await register(storage, school, other_user)  # a colleague, not the pupil's teacher
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, "Sam")
        [own_list] = await fake_api.ask(user, "/plans")
        forged = own_list.buttons[0][0].callback_data or ""
        [colleague_list] = await fake_api.ask(other_user, "/plans")
        fake_api.press(other_user, colleague_list, forged)
        [refusal] = (await fake_api.wait_for_messages(other_user, 2))[1:]
        fake_api.press(other_user, own_list, forged)  # pressing on someone else's chat: ignored
        [opened] = await click(fake_api, user, "Sam")
    assert "not in your classes" in (refusal.text or "")
    assert "Sam" not in (refusal.text or "")
    assert "Plan for Sam" in (opened.text or "")
    assert len(fake_api.messages(other_user)) == 2


async def test_photos_stickers_and_edits_get_a_polite_prompt_and_groups_get_no_pupil_data(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    staff_room = Chat(id=-100200300)
    async with iepbot(fake_api, storage, services):
        fake_api.send_photo(user)
        [photo] = await fake_api.wait_for_messages(user, 1)
        fake_api.send_sticker(user)
        sticker = (await fake_api.wait_for_messages(user, 2))[1]
        original = fake_api.send_text(user, "/help")
        await fake_api.wait_for_messages(user, 3)
        fake_api.edit_text(original, "/plans")
        edited = (await fake_api.wait_for_messages(user, 4))[3]
        [group] = await fake_api.ask(user, "/plans", chat=staff_room)
    assert "not a photo" in (photo.text or "")
    assert "not a sticker" in (sticker.text or "")
    assert "not a edited message" in (edited.text or "") or "edited" in (edited.text or "")
    assert "private chat" in (group.text or "")


async def test_thirty_teachers_drafting_at_once_all_reach_submission(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School
) -> None:
    fake_api.default_timeout = 120  # a correctness test on a shared 2-core machine; speed is bench/bot.py's job
    teachers = [User(id=8000 + n, first_name=f"Teacher{n}") for n in range(30)]
    for teacher in teachers:
        await register(storage, school, teacher)
    async with iepbot(fake_api, storage, services):
        await asyncio.gather(*(draft_one_plan(fake_api, teacher, f"P{n}") for n, teacher in enumerate(teachers)))
    async with storage.read() as tx:
        statuses = [plan.status for plan in await tx.plans.summaries_for_school(school.id, list(PlanStatus))]
    assert statuses == [PlanStatus.SUBMITTED] * 30
    assert fake_api.refused_requests() == []
