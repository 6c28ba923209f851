"""The SENCo's decisions from their phone: iepbot's real PTB Application against the strict fake Bot API, on
every database the suite runs: approve; return with a comment, revise, submit again, approve; two at once."""

from __future__ import annotations

import pytest

import target_bank
from fakes.fake_bot_api import FakeBotApi
from fakes.records import SentMessage, User
from iepbot.dialogue.services import Services
from iepbot.domain.approval import approve_plan
from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.plans import move_plan, my_plans
from iepbot.domain.records import School, StaffMember
from iepbot.domain.schools import create_school
from iepbot.storage.storage import Storage
from tests.dialogue.support import TODAY
from tests.e2e.test_bot import click, draft_one_plan, iepbot, register
from tests.storage.support import add_pupil_for, draft_with_targets

COMMENT = "Make target 1 <smaller> & add Sam's view 🙂"


@pytest.fixture
def services() -> Services:
    return Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY)


@pytest.fixture
async def school(storage: Storage) -> School:
    async with storage.write() as tx:
        return await create_school(tx, name="Oakfield Primary")


async def submitted(fake_api: FakeBotApi, teacher: User, *sencos: User) -> None:
    """The teacher drafts and submits a plan for Sam; each SENCo has its summary with the decision buttons."""
    await draft_one_plan(fake_api, teacher, "Sam")
    for senco in sencos:
        [notice] = await fake_api.wait_for_messages(senco, 1)
        assert "Ada has submitted a plan for Sam (1 target)" in (notice.text or "")
        assert [button.text for row in notice.buttons for button in row] == [
            "✅ Approve",
            "↩️ Return with a comment",
            "📄 Documents",
        ]


async def next_message(fake_api: FakeBotApi, user: User, before: int) -> SentMessage:
    return (await fake_api.wait_for_messages(user, before + 1))[before]


async def status_of_the_plan(storage: Storage, teacher: StaffMember) -> PlanStatus:
    async with storage.read() as tx:
        [plan] = await my_plans(tx, teacher)
    return plan.status


async def test_the_senco_approves_and_the_teacher_is_told_the_plan_is_active(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    teacher = await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)
    async with iepbot(fake_api, storage, services):
        await submitted(fake_api, user, other_user)
        before = len(fake_api.messages(user))
        [confirmed] = await click(fake_api, other_user, "Approve")
        told = await next_message(fake_api, user, before)
    assert "The plan for Sam is approved and now active" in (confirmed.text or "")
    assert "Ben has approved the plan for Sam. It is active now" in (told.text or "")
    assert await status_of_the_plan(storage, teacher) is PlanStatus.ACTIVE
    assert fake_api.refused_requests() == []


async def test_returned_with_a_comment_revised_submitted_again_and_approved(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    teacher = await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    fake_api.register_chat(other_user)
    async with iepbot(fake_api, storage, services):
        await submitted(fake_api, user, other_user)
        [question] = await click(fake_api, other_user, "Return")
        assert "Type your comment" in (question.text or "")
        before = len(fake_api.messages(user))
        [returned] = await fake_api.ask(other_user, COMMENT)
        told = await next_message(fake_api, user, before)
        assert COMMENT in (told.text or ""), "the comment arrives as the SENCo typed it, escaped, not as markup"
        assert await status_of_the_plan(storage, teacher) is PlanStatus.RETURNED

        [summary] = await click(fake_api, user, "Revise")
        assert COMMENT in (summary.text or "")
        await click(fake_api, user, "Pupil's view")
        [saved, _summary] = await fake_api.ask(user, "I like the word games with my friend", replies=2)
        assert "Saved" in (saved.text or "")
        await click(fake_api, user, "Target 1")
        await click(fake_api, user, "Wording")
        [feedback, _target] = await fake_api.ask(
            user, "Sam will read 10 CVC words aloud with 90% accuracy by February half term.", replies=2
        )
        assert "Saved the new wording" in (feedback.text or "")
        await click(fake_api, user, "Back to the plan")
        senco_before = len(fake_api.messages(other_user))
        [resubmitted] = await click(fake_api, user, "Submit again")
        again = await next_message(fake_api, other_user, senco_before)
        assert "read 10 CVC words" in (again.text or "")
        assert "I like the word games" in (again.text or "")
        before = len(fake_api.messages(user))
        [approved] = await click(fake_api, other_user, "Approve")  # the latest notice's button
        told = await next_message(fake_api, user, before)
    assert "submitted again" in (resubmitted.text or "")
    assert "is returned and its author has your comment" in (returned.text or "")
    assert "approved and now active" in (approved.text or "")
    assert "has approved the plan for Sam" in (told.text or "")
    assert await status_of_the_plan(storage, teacher) is PlanStatus.ACTIVE
    assert fake_api.refused_requests() == []


async def test_two_sencos_pressing_at_once_one_approves_and_the_other_is_told(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    cara = User(id=7004, first_name="Cara", username="cara_senco")
    teacher = await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    await register(storage, school, cara, Role.SENCO)
    fake_api.register_chat(other_user)
    fake_api.register_chat(cara)
    async with iepbot(fake_api, storage, services):
        await submitted(fake_api, user, other_user, cara)
        for senco in (other_user, cara):  # both presses are queued before the bot fetches either
            fake_api.click(senco, fake_api.last_message(senco), "✅ Approve")
        ben_says = await next_message(fake_api, other_user, 1)
        cara_says = await next_message(fake_api, cara, 1)
    answers = sorted([ben_says.text or "", cara_says.text or ""], key=lambda text: "already" in text)
    assert "approved and now active" in answers[0]
    assert "has already been approved by" in answers[1]
    winner = "Ben" if "now active" in (ben_says.text or "") else "Cara"
    assert f"approved by {winner}" in answers[1]
    assert await status_of_the_plan(storage, teacher) is PlanStatus.ACTIVE
    assert fake_api.refused_requests() == []


async def test_a_long_school_overview_arrives_in_several_messages_telegram_accepts(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    teacher = await register(storage, school, user)
    senco = await register(storage, school, other_user, Role.SENCO)
    for number in range(45):
        pupil = await add_pupil_for(storage, teacher, name=f"Pupil {number:02} <{'ñ' * 30}> 🦊")
        plan = await draft_with_targets(storage, teacher, pupil.id, 2)
        async with storage.write() as tx:
            plan = await move_plan(tx, teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
            await approve_plan(tx, senco, plan.id, expected_version=plan.version)
    async with iepbot(fake_api, storage, services):
        fake_api.send_text(other_user, "/pupils")
        await fake_api.wait_for(lambda: len(fake_api.messages(other_user)) >= 2 or None, what="a split overview")
        await fake_api.wait_until_polling()
    texts = [message.text or "" for message in fake_api.messages(other_user)]
    assert len(texts) >= 2
    assert all(f"Pupil {number:02} <{'ñ' * 30}> 🦊" in "\n".join(texts) for number in range(45))
    assert fake_api.refused_requests() == []


async def test_a_teacher_removed_with_staff_is_turned_away_at_their_next_message(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User, other_user: User
) -> None:
    await register(storage, school, user)
    await register(storage, school, other_user, Role.SENCO)
    async with iepbot(fake_api, storage, services):
        [before] = await fake_api.ask(user, "Sam will read 20 CVC words by Easter.")
        await fake_api.ask(other_user, "/staff")
        await click(fake_api, other_user, "Ada")
        await click(fake_api, other_user, "Remove")
        [removed, _list] = await click(fake_api, other_user, "Yes, remove", replies=2)
        [after] = await fake_api.ask(user, "Sam will read 20 CVC words by Easter.")
    assert "Time-bound" in (before.text or "")
    assert "Ada has been removed" in (removed.text or "")
    assert "invite link from your school's SENCo" in (after.text or "")
    assert fake_api.refused_requests() == []
