"""What a user sends is not trusted: invisible and bidi text, forged buttons, Bot API faults on a press.

Through iepbot's real PTB Application and the fake Bot API, on every database the suite runs.
"""

from __future__ import annotations

from logging import WARNING

import pytest

from fakes.fake_bot_api import FakeBotApi
from fakes.records import User
from iepbot.dialogue.services import Services
from iepbot.domain.actors import OPERATOR
from iepbot.domain.enums import Role
from iepbot.domain.records import School
from iepbot.domain.schools import create_school, issue_invite
from iepbot.storage.storage import Storage
from tests.e2e.test_bot import click, draft_one_plan, iepbot, register

# `services` and `school` (in the test's database, SQLite and PostgreSQL) come from tests/e2e/conftest.py.


# ---------------------------------------------------------------------------------------------- invisible text


async def test_a_pupil_name_of_invisible_characters_is_refused_as_empty(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        await fake_api.ask(user, "/new")
        await click(fake_api, user, "Add a pupil")
        [problem, question] = await fake_api.ask(user, "\u200b\u200d", replies=2)
    assert "Please give the pupil's name or initials; it cannot be empty." in (problem.text or "")
    assert "name" in (question.text or "")


async def test_a_display_name_with_a_bidi_override_cannot_reverse_the_sencos_notice(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, other_user: User
) -> None:
    teacher = User(id=7003, first_name="\u202eAda\u200b", last_name="\u2066Lee\u2069")
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)
    async with storage.write() as tx:
        issued = await issue_invite(tx, OPERATOR, school_id=school.id, role=Role.TEACHER)
    async with iepbot(fake_api, storage, services):
        [welcome] = await fake_api.ask(teacher, f"/start {issued.code}")
        await draft_one_plan(fake_api, teacher, "Sam")
    notice = fake_api.last_message(other_user).text or ""
    assert "Welcome, Ada Lee!" in (welcome.text or "")
    assert notice.startswith("📥 Ada Lee has submitted a plan for Sam (1 target)")
    assert not [char for char in notice if char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b"]
    async with storage.read() as tx:
        stored = await tx.staff.by_telegram_id(teacher.id)
    assert stored is not None
    assert stored.name == "Ada Lee"


# ---------------------------------------------------------------------------------------------- forged buttons


@pytest.mark.parametrize("forged", ["open:²", "open:99999999999999999999", "pupil:²", "pupil:99999999999999999999"])
async def test_forged_button_data_is_answered_plainly_and_nothing_fails_in_the_log(
    fake_api: FakeBotApi,
    storage: Storage,
    services: Services,
    school: School,
    user: User,
    caplog: pytest.LogCaptureFixture,
    forged: str,
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        await fake_api.ask(user, "/new")
        question = fake_api.last_message(user)
        version = (question.buttons[0][0].callback_data or "").split(":")[0]
        fake_api.press(user, question, f"{version}:{forged}")
        asked_again = forged.startswith("pupil:")  # in the flow the question follows; a plan button has none
        answer = (await fake_api.wait_for_messages(user, 3 if asked_again else 2))[1]
        [year_question] = await fake_api.ask(user, "Sam")
    assert "That button belongs to an earlier message, so I've ignored it." in (answer.text or "")
    assert "Which year group is Sam in?" in (year_question.text or ""), "the flow carries on where it was"
    assert not [record for record in caplog.records if record.name.startswith("iepbot") and record.levelno >= WARNING]
    assert fake_api.refused_requests() == []


# ---------------------------------------------------------------------------------------------- other schools


async def test_another_schools_ids_and_missing_ids_get_the_very_same_answer(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    await register(storage, school, user)
    async with storage.write() as tx:
        school_b = await create_school(tx, name="Brookside Academy")
    await register(storage, school_b, other_user)
    async with iepbot(fake_api, storage, services):
        await draft_one_plan(fake_api, user, "Sam")  # school A's first pupil and plan: id 1
        [help_] = await fake_api.ask(other_user, "/help")
        answers = []
        for forged in ("1:open:1", "1:open:2"):
            fake_api.press(other_user, help_, forged)
            answers.append((await fake_api.wait_for_messages(other_user, len(answers) + 2))[-1])
        await fake_api.ask(other_user, "/new")
        question = fake_api.last_message(other_user)
        version = (question.buttons[0][0].callback_data or "").split(":")[0]
        for count, forged in ((2, f"{version}:pupil:1"), (2, f"{int(version) + 1}:pupil:2")):
            sent = len(fake_api.messages(other_user))
            fake_api.press(other_user, question, forged)
            answers.append((await fake_api.wait_for_messages(other_user, sent + count))[sent])
    texts = {answer.text for answer in answers}
    assert texts == {"⚠️ I can't find that: it may have been erased, or it is not one you can see."}
    assert fake_api.refused_requests() == []


# ---------------------------------------------------------------------------------------------- acknowledging


@pytest.mark.parametrize(
    ("status", "description"),
    [(500, "Internal Server Error"), (400, "Bad Request: query is too old and response timeout expired")],
)
async def test_a_press_is_applied_even_when_acknowledging_it_fails(
    fake_api: FakeBotApi,
    storage: Storage,
    services: Services,
    school: School,
    user: User,
    caplog: pytest.LogCaptureFixture,
    status: int,
    description: str,
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        await fake_api.ask(user, "/new")
        fake_api.fail_next("answerCallbackQuery", status=status, description=description)
        [name_question] = await click(fake_api, user, "Add a pupil")
        [year_question] = await fake_api.ask(user, "Sam")
    assert "What name or initials should the plan use" in (name_question.text or "")
    assert "Which year group is Sam in?" in (year_question.text or "")
    assert [record.status for record in fake_api.requests("answerCallbackQuery")] == [status]
    assert not [message for message in fake_api.messages(user) if "something went wrong" in (message.text or "")]
    [warning] = [record for record in caplog.records if record.name.startswith("iepbot")]
    assert warning.getMessage().startswith(f"could not acknowledge a press in chat {user.id}:")
