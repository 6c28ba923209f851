"""The /review_plan flow, branch by branch: what the teacher answers, what is proposed, and what is saved."""

from __future__ import annotations

from datetime import date

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice
from iepbot.domain.enums import Outcome, PlanStatus
from iepbot.domain.plans import move_plan
from iepbot.domain.records import Plan, Target, TargetDraft
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.dialogue.conversation import rendered, version_of
from tests.dialogue.review_support import LADDER, bank_target, running_plan
from tests.dialogue.support import TODAY, Chat
from tests.storage.support import World, add_pupil_for, target_draft

NEXT_REVIEW = date(2027, 5, 25)  # TODAY + 183 days: the school reviews twice a year
EVIDENCE = "Read 4 of 10 CVC words on the last probe"
ALL_YES = ("Yes", "Yes", "Yes", "Yes", "Yes")


async def plan_with(storage: Storage, world: World, *targets: TargetDraft) -> Plan:
    pupil = await add_pupil_for(storage, world.teacher)
    return await running_plan(storage, world.teacher, world.senco, pupil, list(targets))


async def to_the_proposal(chat: Chat, outcome: str, answers: tuple[str, ...] = ()) -> None:
    """/review_plan, the plan chosen, the outcome and evidence given, then the five questions if asked."""
    await chat.send("/review_plan")
    await chat.press("A.B.")
    assert chat.templates == ["review_started.html", "ask_outcome.html"]
    await chat.press(outcome)
    await chat.send(EVIDENCE)
    for answer in answers:
        assert chat.last.template == "ask_review_question.html"
        await chat.press(answer)
    assert chat.last.template == "ask_next_target.html"


async def close(chat: Chat, *, parents: str | None = "Pleased; will practise at home") -> None:
    """The meeting and the close, from the question after the last target."""
    assert chat.last.template == "ask_attendees.html"
    await chat.send("Mum, class teacher, SENCo")
    if parents is None:
        await chat.press("Skip")
    else:
        await chat.send(parents)
    assert chat.last.template == "review_summary.html"
    await chat.press("Close the review")
    assert chat.templates == ["review_closed.html"]


async def plans_of(storage: Storage, pupil_id: int) -> list[Plan]:
    async with storage.read() as tx:
        return await tx.plans.for_pupil(pupil_id)


async def targets_of(storage: Storage, plan_id: int) -> list[Target]:
    async with storage.read() as tx:
        return await tx.targets.for_plan(plan_id)


async def test_a_target_not_met_because_the_step_was_too_big_is_carried_on_as_the_banks_smaller_step(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Not yet", ("Yes", "No", "Yes", "Yes", "Yes"))
    smaller = bank.render(f"{LADDER}-1", name="A.B.", deadline=NEXT_REVIEW)
    assert chat.last.values["proposal"].reason == "smaller"
    assert smaller in rendered(chat.replies)
    await chat.press("Carry this on")
    await close(chat)

    old, new = await plans_of(storage, plan.pupil_id)
    assert (old.status, new.status) == (PlanStatus.CLOSED, PlanStatus.DRAFT)
    [reviewed] = await targets_of(storage, old.id)
    assert (reviewed.outcome, reviewed.evidence) == (Outcome.NOT_YET, EVIDENCE)
    assert reviewed.analysis == {
        "step_too_big": True,
        "had_entry_skills": False,
        "motivated_to_practise": True,
        "strategy_right": True,
        "resources_right": True,
    }
    [carried] = await targets_of(storage, new.id)
    step = bank.target(f"{LADDER}-1")
    assert (carried.text, carried.bank_id, carried.teaching_strategy) == (smaller, step.id, step.strategies[0])
    assert carried.smart_report["carried_from"] == reviewed.id
    assert carried.smart_report["is_smart"] is True
    assert (new.author_id, new.review_date, new.nature_of_difficulties) == (
        world.teacher.id,
        NEXT_REVIEW,
        "Blending sounds",
    )
    async with storage.read() as tx:
        [meeting] = await tx.reviews.for_plan(old.id)
    assert (meeting.held_on, meeting.parent_views) == (TODAY, "Pleased; will practise at home")


async def test_an_achieved_target_is_followed_by_the_next_step_on_its_ladder_without_the_five_questions(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Achieved")
    assert chat.last.values["proposal"].reason == "next"
    await chat.press("Carry this on")
    await close(chat, parents=None)
    _old, new = await plans_of(storage, plan.pupil_id)
    [carried] = await targets_of(storage, new.id)
    assert carried.bank_id == f"{LADDER}-3"


async def test_a_target_missed_for_the_strategy_is_carried_on_unchanged_with_the_new_strategy(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    original = bank_target(bank, 2)
    plan = await plan_with(storage, world, original)
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Partly", ("No", "Yes", "No", "No", "Yes"))
    assert chat.last.values["proposal"].reason == "strategy"
    await chat.press("Carry this on")
    assert chat.last.template == "ask_new_strategy.html"
    await chat.send("Dinosaur word hunt in the playground")
    await close(chat)
    _old, new = await plans_of(storage, plan.pupil_id)
    [carried] = await targets_of(storage, new.id)
    assert (carried.text, carried.teaching_strategy) == (original.text, "Dinosaur word hunt in the playground")
    assert carried.resources == original.resources


async def test_a_target_missed_for_the_resources_keeps_its_strategy_and_takes_the_new_resources(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    original = bank_target(bank, 2)
    plan = await plan_with(storage, world, original)
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Not yet", ("No", "Yes", "Yes", "Yes", "No"))
    assert chat.last.values["proposal"].reason == "resources"
    await chat.press("Carry this on")
    assert chat.last.template == "ask_new_resources.html"
    await chat.send("Paintbrush and A3 paper")
    await close(chat)
    _old, new = await plans_of(storage, plan.pupil_id)
    [carried] = await targets_of(storage, new.id)
    assert (carried.teaching_strategy, carried.resources) == (original.teaching_strategy, "Paintbrush and A3 paper")


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        (("No", "Yes", "Yes", "Yes", "Yes"), "unchanged"),
        (("Not sure", "Not sure", "No", "Yes", "Yes"), "strategy"),
        (("No", "Yes", "No", "Yes", "No"), "strategy"),
    ],
)
async def test_the_five_answers_decide_the_proposal(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank, answers: tuple[str, ...], reason: str
) -> None:
    await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Not yet", answers)
    assert chat.last.values["proposal"].reason == reason


async def test_a_typed_target_is_placed_on_the_ladder_its_words_match(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    typed = target_draft("A.B. will read 10 CVC words without sound buttons with 80% accuracy by 12 February 2027.")
    await plan_with(storage, world, typed)
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Not yet", ("Yes", "Yes", "Yes", "Yes", "Yes"))
    proposal = chat.last.values["proposal"]
    assert proposal.reason == "smaller"
    assert bank.target(proposal.next.bank_id).progression_id == LADDER


async def test_the_first_step_too_big_keeps_the_target_and_asks_how_to_teach_it_differently(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    await plan_with(storage, world, bank_target(bank, 1))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Not yet", ALL_YES)
    assert chat.last.values["proposal"].reason == "first_step"
    await chat.press("Carry this on")
    assert chat.last.template == "ask_new_strategy.html"


async def test_each_target_is_reviewed_in_turn_and_one_can_be_typed_anew_or_left_behind(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 2), target_draft("Sam will count to 20 by Easter."))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Achieved")
    await chat.send("A.B. will read 12 CVC words aloud by Easter.")
    assert chat.last.template == "ask_outcome.html"
    assert chat.last.values["number"] == 2
    await chat.press("Achieved")
    await chat.send("Counted to 20 three days running")
    await chat.press("Do not carry it on")
    await close(chat)
    old, new = await plans_of(storage, plan.pupil_id)
    assert [target.outcome for target in await targets_of(storage, old.id)] == [Outcome.ACHIEVED, Outcome.ACHIEVED]
    [carried] = await targets_of(storage, new.id)
    assert (carried.text, carried.bank_id) == ("A.B. will read 12 CVC words aloud by Easter.", None)


async def test_back_returns_to_the_previous_targets_question_and_cancel_parks_the_review(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    await plan_with(storage, world, bank_target(bank, 2), bank_target(bank, 3))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Achieved")
    await chat.press("Carry this on")
    assert chat.last.values["number"] == 2
    await chat.send("/back")
    assert (chat.last.template, chat.last.values["number"]) == ("ask_next_target.html", 1)
    await chat.send("/cancel")
    assert chat.templates == ["parked.html"]
    await chat.send("/resume")
    assert (chat.last.template, chat.last.values["number"]) == ("ask_next_target.html", 1)


async def test_the_senco_can_review_and_the_new_draft_stays_the_teachers(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.senco)
    await to_the_proposal(chat, "Achieved")
    await chat.press("Carry this on")
    await close(chat)
    _old, new = await plans_of(storage, plan.pupil_id)
    assert new.author_id == world.teacher.id


async def test_a_colleague_sees_no_plan_to_review_and_a_forged_reminder_button_shows_nothing(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 2))
    colleague = Chat.of(dialogue, world.colleague)
    await colleague.send("/review_plan")
    assert colleague.templates == ["ask_review_plan.html"]
    assert colleague.labels == []
    stranger_school = Chat.of(dialogue, world.other_teacher)
    await stranger_school.turn(Choice(f"1:review:{plan.id}"))
    assert stranger_school.templates[0] == "problem.html"
    missing = Chat.of(dialogue, world.other_senco)
    await missing.turn(Choice("1:review:999999"))
    assert rendered(missing.replies[:1]) == rendered(stranger_school.replies[:1])


async def test_a_plan_changed_during_the_review_is_not_closed_and_nothing_is_half_saved(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Achieved")
    await chat.press("Carry this on")
    await chat.send("Mum")
    await chat.press("Skip")
    async with storage.write() as tx:
        await move_plan(tx, world.senco, plan.id, PlanStatus.IN_REVIEW, expected_version=plan.version)
    await chat.press("Close the review")
    assert chat.templates == ["problem.html", "review_summary.html"]
    assert [each.status for each in await plans_of(storage, plan.pupil_id)] == [PlanStatus.IN_REVIEW]


@pytest.mark.parametrize("typed", ["", " ", "x" * 5000, "👍🏽 très bien", "<b>4 < 5</b> & more", "読みました"])
async def test_unusual_evidence_is_answered_and_the_review_goes_on_or_asks_again(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank, typed: str
) -> None:
    await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/review_plan")
    await chat.press("A.B.")
    await chat.press("Not yet")
    await chat.send(typed)
    assert chat.last.template in {"ask_evidence.html", "ask_review_question.html"}
    assert rendered(chat.replies)  # every reply renders, the teacher's text escaped


async def test_out_of_order_input_is_explained_and_the_question_asked_again(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/review_plan")
    await chat.send("Sam")  # typed where a plan is chosen by button
    assert chat.templates == ["problem.html", "ask_review_plan.html"]
    await chat.press("A.B.")
    await chat.send("achieved")  # typed where a button is asked for
    assert chat.templates == ["problem.html", "ask_outcome.html"]
    await chat.send_unsupported("sticker")
    assert chat.last.template == "ask_outcome.html"


async def test_an_achieved_target_at_the_top_of_its_ladder_asks_for_the_next_target_in_the_teachers_words(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    plan = await plan_with(storage, world, bank_target(bank, 4))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Achieved")
    assert chat.last.values["proposal"].reason == "top"
    assert chat.labels == ["🗑 Do not carry it on"]
    await chat.turn(Choice(f"{version_of(chat)}:use"))  # forged: nothing to carry on from the bank here
    assert chat.templates == ["problem.html", "ask_next_target.html"]
    await chat.send("A.B. will read 5 short sentences aloud by Easter.")
    await close(chat)
    _old, new = await plans_of(storage, plan.pupil_id)
    [carried] = await targets_of(storage, new.id)
    assert carried.smart_report["source"] == "own"


TYPED_STEPS = {
    "ask_next_target.html": ("Not yet", ALL_YES, ()),
    "ask_new_strategy.html": ("Not yet", ("No", "Yes", "Yes", "No", "Yes"), ("Carry this on",)),
    "ask_new_resources.html": ("Not yet", ("No", "Yes", "Yes", "Yes", "No"), ("Carry this on",)),
    "ask_attendees.html": ("Achieved", (), ("Carry this on",)),
}


@pytest.mark.parametrize("typed", ["", "x" * 5000, "👍🏽 très bien", "<b>4 < 5</b> & more", "読みました"])
@pytest.mark.parametrize("question", sorted(TYPED_STEPS))
async def test_every_typed_answer_of_the_review_survives_unusual_input(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank, question: str, typed: str
) -> None:
    await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    outcome, answers, presses = TYPED_STEPS[question]
    await to_the_proposal(chat, outcome, answers)
    for label in presses:
        await chat.press(label)
    assert chat.last.template == question
    await chat.send(typed)
    page = rendered(chat.replies)
    assert "<b>4 < 5</b>" not in page  # what a teacher typed is never markup
    if typed.strip() and len(typed) < 1000:
        assert chat.last.template != question, "a real answer moves the review on"
    else:
        assert chat.templates == ["problem.html", question]


async def test_the_draft_a_review_opens_is_finished_from_plans_and_reaches_the_senco(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    """The cycle closes: the next plan, carried on from the review, is revised and submitted like any draft."""
    plan = await plan_with(storage, world, bank_target(bank, 2))
    chat = Chat.of(dialogue, world.teacher)
    await to_the_proposal(chat, "Not yet", ("Yes", "No", "Yes", "Yes", "Yes"))
    await chat.press("Carry this on")
    await close(chat)
    _old, new = await plans_of(storage, plan.pupil_id)

    await chat.send("/plans")
    await chat.turn(Choice(f"{version_of(chat)}:open:{new.id}"))
    await chat.press("Revise")
    assert chat.templates == ["revise_summary.html"]
    await chat.press("Submit again")

    [_submitted, *notices] = chat.replies
    assert [notice.chat_id for notice in notices] == [world.senco.telegram_user_id]
    async with storage.read() as tx:
        assert (await tx.plans.get(new.id)).status is PlanStatus.SUBMITTED
