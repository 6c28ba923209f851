"""The SENCo's decision in the conversation: the notice's buttons, approval, a return with a comment that the
author revises and submits again, two SENCos at once, and buttons that are stale, forged or already decided."""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Reply
from iepbot.dialogue.problems import NOT_THERE
from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.records import Plan, StaffMember
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import accept_a_target, rendered, submit_from_more_targets, to_difficulty, to_target
from tests.dialogue.support import Chat
from tests.storage.support import World

COMMENTS = [
    "Please make target 1 smaller: 10 words, not 20.",
    "Add <b>home</b> support & the pupil's view 🙂",
    "Merci d'ajouter l'avis de l'élève — 谢谢",
]


async def submit_a_plan(dialogue: Dialogue, world: World) -> tuple[Chat, Reply]:
    """Ms Patel writes and submits a plan for Sam; the notice sent to the SENCo."""
    teacher = Chat.of(dialogue, world.teacher)
    await to_difficulty(teacher)
    await to_target(teacher)
    await accept_a_target(teacher)
    await submit_from_more_targets(teacher)
    [notice] = [reply for reply in teacher.replies if reply.chat_id == world.senco.telegram_user_id]
    return teacher, notice


def holding(dialogue: Dialogue, member: StaffMember, *replies: Reply) -> Chat:
    """The chat of `member` with `replies` on screen (a notice another chat's turn sent them)."""
    chat = Chat.of(dialogue, member)
    chat.replies = list(replies)
    return chat


async def plan_of(storage: Storage, plan_id: int) -> Plan:
    async with storage.read() as tx:
        return await tx.plans.get(plan_id)


async def test_the_notice_carries_the_plans_summary_and_the_decision_buttons(dialogue: Dialogue, world: World) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    assert notice.template == "plan_submitted_to_senco.html"
    assert notice.values["plan"].status is PlanStatus.SUBMITTED
    assert [target.text for target in notice.values["targets"]] == [
        "Sam will read 20 CVC words aloud with 90% accuracy by February half term."
    ]
    assert [button.label for row in notice.buttons for button in row] == [
        "✅ Approve",
        "↩️ Return with a comment",
        "📄 Documents",
    ]
    assert "Blending sounds to read short words" in rendered([notice])


async def test_approving_makes_the_plan_active_and_tells_the_author(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    senco = holding(dialogue, world.senco, notice)
    await senco.press("Approve")
    assert senco.templates == ["plan_approved.html", "plan_approved_to_author.html"]
    assert senco.replies[1].chat_id == world.teacher.telegram_user_id
    plan = await plan_of(storage, notice.values["plan"].id)
    assert plan.status is PlanStatus.ACTIVE
    await senco.turn(Choice(notice.buttons[0][0].data))  # the same button again, from the old message
    assert senco.templates == ["plan_already_decided.html"]
    assert senco.last.values == {"pupil": "Sam", "approved": True, "decided_by": "Mrs Okafor"}


async def test_a_second_senco_pressing_either_button_is_told_who_decided(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    async with storage.write() as tx:
        other = await tx.staff.add(
            school_id=world.school.id, telegram_user_id=105, name="Mr Singh", role=Role.SENCO, now=tx.now
        )
    teacher, _notice = await submit_a_plan(dialogue, world)
    notices = {reply.chat_id: reply for reply in teacher.replies if reply.chat_id is not None}
    assert set(notices) == {world.senco.telegram_user_id, other.telegram_user_id}
    first = holding(dialogue, world.senco, notices[world.senco.telegram_user_id])
    second = holding(dialogue, other, notices[other.telegram_user_id])
    await first.press("Approve")
    await second.press("Return")
    assert second.templates == ["plan_already_decided.html"]
    assert second.last.values["decided_by"] == "Mrs Okafor"
    second.replies = [notices[other.telegram_user_id]]
    await second.press("Approve")
    assert "already been approved by Mrs Okafor" in rendered(second.replies)


@pytest.mark.parametrize("comment", COMMENTS)
async def test_a_returned_plan_is_revised_and_submitted_again_then_approved(
    dialogue: Dialogue, storage: Storage, world: World, comment: str
) -> None:
    teacher, notice = await submit_a_plan(dialogue, world)
    plan_id = notice.values["plan"].id
    senco = holding(dialogue, world.senco, notice)
    await senco.press("Return")
    assert senco.templates == ["ask_return_comment.html"]
    await senco.send(comment)
    assert senco.templates == ["plan_returned.html", "plan_returned_to_author.html"]
    told = senco.replies[1]
    assert (told.chat_id, told.values["plan"].return_comment) == (world.teacher.telegram_user_id, comment)
    assert comment.split()[0] in rendered([told])

    teacher.replies = [told]
    await teacher.press("Revise")
    assert teacher.templates == ["revise_summary.html"]
    assert (await plan_of(storage, plan_id)).status is PlanStatus.DRAFT
    await teacher.press("Difficulty")
    await teacher.send("Blending three sounds in short words")
    assert teacher.templates == ["revise_saved.html", "revise_summary.html"]
    await teacher.press("Target 1")
    await teacher.press("Wording")
    await teacher.send("Sam will read 10 CVC words aloud by February half term.")
    assert teacher.templates == ["target_reworded.html", "revise_target.html"]
    await teacher.press("How often")
    await teacher.send("Twice a day, 5 minutes")
    await teacher.press("Back to the plan")
    await teacher.press("Submit again")
    assert teacher.templates == ["plan_resubmitted.html", "plan_submitted_to_senco.html"]
    fresh = teacher.last

    async with storage.read() as tx:
        [target] = await tx.targets.for_plan(plan_id)
        plan = await tx.plans.get(plan_id)
        events = [event.action for event in await tx.audit.for_record("plan", plan_id)]
    assert plan.nature_of_difficulties == "Blending three sounds in short words"
    assert (target.text, target.frequency) == (
        "Sam will read 10 CVC words aloud by February half term.",
        "Twice a day, 5 minutes",
    )
    assert target.smart_report["text"] == target.text, "the stored report is the report of the new wording"
    assert plan.return_comment is None
    assert AuditAction.PLAN_RETURNED in events
    assert events.count(AuditAction.PLAN_STATUS_CHANGED) == 4  # submitted, returned, draft, submitted again

    senco.replies = [notice]  # the first notice's button names the old version
    await senco.press("Approve")
    assert senco.templates == ["problem.html", "plan_for_decision.html"]
    senco.replies = [fresh]
    await senco.press("Approve")
    assert senco.templates == ["plan_approved.html", "plan_approved_to_author.html"]
    assert (await plan_of(storage, plan_id)).status is PlanStatus.ACTIVE


@pytest.mark.parametrize("comment", ["", "\u200b", "x" * 4001])
async def test_a_return_needs_a_comment_and_the_plan_waits_until_it_has_one(
    dialogue: Dialogue, storage: Storage, world: World, comment: str
) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    senco = holding(dialogue, world.senco, notice)
    await senco.press("Return")
    await senco.send(comment)
    assert senco.templates == ["problem.html", "ask_return_comment.html"]
    await senco.press("Don't return it")
    assert senco.templates == ["return_abandoned.html"]
    assert (await plan_of(storage, notice.values["plan"].id)).status is PlanStatus.SUBMITTED


async def test_a_return_begun_then_decided_elsewhere_ends_with_who_decided(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    async with storage.write() as tx:
        other = await tx.staff.add(
            school_id=world.school.id, telegram_user_id=105, name="Mr Singh", role=Role.SENCO, now=tx.now
        )
    _teacher, notice = await submit_a_plan(dialogue, world)
    first = holding(dialogue, world.senco, notice)
    second = holding(dialogue, other, notice)
    await first.press("Return")
    await second.press("Approve")
    await first.send("Could you add a second target?")
    assert first.templates == ["plan_already_decided.html"]
    assert first.last.values["decided_by"] == "Mr Singh"
    await first.send("/resume")
    assert first.templates == ["nothing_to_resume.html"], "the return flow is over"


async def test_pressing_approve_mid_flow_answers_then_asks_the_question_again(dialogue: Dialogue, world: World) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    senco = Chat.of(dialogue, world.senco)
    await to_difficulty(senco)
    senco.replies = [notice]
    await senco.press("Approve")
    assert senco.templates == ["plan_approved.html", "plan_approved_to_author.html", "ask_difficulty.html"]


@pytest.mark.parametrize(
    "token", ["approve:99999:1", "approve:1:x", "return:²:1", "approve:", "decide:abc", "revise:-1", "return:1"]
)
async def test_forged_or_mangled_decision_buttons_change_nothing(
    dialogue: Dialogue, storage: Storage, world: World, token: str
) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    senco = Chat.of(dialogue, world.senco)
    await senco.turn(Choice(f"0:{token}"))
    assert senco.templates[0] in {"stale_button.html", "problem.html"}
    if senco.templates[0] == "problem.html":
        assert senco.replies[0].values == {"message": NOT_THERE}
    assert (await plan_of(storage, notice.values["plan"].id)).status is PlanStatus.SUBMITTED


async def test_nobody_but_the_schools_senco_can_use_the_decision_buttons(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    for member in (world.colleague, world.other_senco, world.admin):
        chat = holding(dialogue, member, notice)
        await chat.press("Approve")
        assert chat.templates == ["problem.html"]
        assert chat.last.values["message"] in {NOT_THERE, "Only the SENCo approves or returns plans."}
    colleague = holding(dialogue, world.other_senco, notice)
    await colleague.press("Return")
    assert colleague.replies[0].values == {"message": NOT_THERE}, "another school's plan is not there"
    assert (await plan_of(storage, notice.values["plan"].id)).status is PlanStatus.SUBMITTED


async def test_only_the_author_can_revise_a_returned_plan(dialogue: Dialogue, storage: Storage, world: World) -> None:
    _teacher, notice = await submit_a_plan(dialogue, world)
    senco = holding(dialogue, world.senco, notice)
    await senco.press("Return")
    await senco.send("Please add the pupil's view.")
    told = senco.replies[1]
    colleague = holding(dialogue, world.colleague, told)
    await colleague.press("Revise")
    assert colleague.templates == ["problem.html"]
    assert (await plan_of(storage, notice.values["plan"].id)).status is PlanStatus.RETURNED
