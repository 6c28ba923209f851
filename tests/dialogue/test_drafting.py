"""The /new flow, as a teacher goes through it: guidance questions, targets with instant feedback, submission."""

from __future__ import annotations

from datetime import date

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.domain.enums import PlanStatus
from iepbot.domain.plans import my_plans
from iepbot.domain.targets import list_targets
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import rendered
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for

SMART_TARGET = "Sam will read 20 CVC words aloud with 90% accuracy by February half term."
VAGUE_TARGET = "Sam will understand phonics better."


async def answer_guidance(chat: Chat, *, greater_needs: bool = False) -> None:
    """From /new to the first target question, for a new pupil called Sam in Year 2."""
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam")
    await chat.press("Y2")
    await chat.press("Cognition and learning")
    await chat.send("Blending sounds to read short words")
    await chat.send("Knows most Phase 2 sounds")
    await chat.send("Loves dinosaurs; learns best with games")
    await chat.press("Yes" if greater_needs else "No")
    if not greater_needs:
        await chat.press("Small step")


async def give_support(chat: Chat) -> None:
    """Strategy, resources, who, how often, success criteria, monitoring for the target just accepted."""
    for answer in (
        "Precision teaching",
        "Word cards",
        "Teaching assistant",
        "10 minutes daily",
        "Reads 18 of 20",
        "Weekly probe",
    ):
        await chat.send(answer)


async def at_the_review_date(chat: Chat) -> Chat:
    """One SMART target with its support, then "No more targets": the review date is asked next."""
    await answer_guidance(chat)
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    await give_support(chat)
    await chat.press("No more targets")
    return chat


async def test_a_teacher_drafts_a_plan_for_a_new_pupil_and_submits_it_to_the_senco(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    assert chat.last.template == "ask_target.html"
    await chat.send(SMART_TARGET)
    assert chat.last.template == "target_feedback.html"
    assert chat.last.values["report"]["is_smart"] is True
    await chat.press("Use this target")
    assert chat.last.values["field"] == "strategy"
    await give_support(chat)
    assert chat.last.template == "ask_more_targets.html"
    await chat.press("No more targets")
    assert chat.last.template == "ask_review_date.html"
    await chat.press("12 February 2027")
    await chat.send("Reading together at bedtime")
    await chat.press("Skip")
    assert chat.last.template == "summary.html"
    await chat.press("Submit to the SENCo")

    assert chat.templates == ["plan_submitted.html", "plan_submitted_to_senco.html"]
    assert chat.replies[1].chat_id == world.senco.telegram_user_id
    async with storage.read() as tx:
        [plan] = await my_plans(tx, world.teacher)
        [target] = await list_targets(tx, world.teacher, plan.plan_id)
        stored = await tx.plans.get(plan.plan_id)
        state = await tx.dialogue.get(world.teacher.telegram_user_id)
    assert (plan.pupil_name, plan.year_group, plan.status) == ("Sam", "Year 2", PlanStatus.SUBMITTED)
    assert stored.review_date == date(2027, 2, 12)
    assert stored.nature_of_difficulties == "Blending sounds to read short words"
    assert stored.entry_skills == "Knows most Phase 2 sounds"
    assert stored.parental_support == "Reading together at bedtime"
    assert stored.pupil_voice is None
    assert target.text == SMART_TARGET
    assert target.deadline == date(2027, 2, 12)
    assert (target.teaching_strategy, target.monitoring) == ("Precision teaching", "Weekly probe")
    assert target.smart_report["kept_as_written"] is False
    assert state is not None
    assert state.flow is None


async def test_a_vague_target_becomes_smart_through_the_suggestion_button(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.send(VAGUE_TARGET)
    report = chat.last.values["report"]
    assert report["is_smart"] is False
    missing = {criterion["name"] for criterion in report["criteria"] if criterion["met"] is False}
    assert {"Specific", "Measurable", "Time-bound"} <= missing
    assert "Keep as written" in chat.labels
    assert report["rewrite"] is None  # no wording change can name the action, so the bank suggests one
    suggested = chat.last.values["bank_suggestion"]
    assert suggested.startswith("Sam will ")
    await chat.press("Use the suggestion")
    assert chat.last.template == "target_feedback.html"
    assert chat.last.values["report"]["text"] == suggested
    assert chat.last.values["report"]["is_smart"] is True


async def test_a_target_missing_its_measure_and_deadline_is_rewritten_in_the_teachers_words(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.send("Sam will read 10 CVC words.")
    rewrite = chat.last.values["report"]["rewrite"]
    assert rewrite.startswith("Sam will read 10 CVC words")
    await chat.press("Use the suggestion")
    assert chat.last.values["report"]["text"] == rewrite
    assert chat.last.values["report"]["is_smart"] is True


async def test_keeping_a_target_against_the_feedback_is_recorded_with_the_plan(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.send("Sam will read more words by Easter.")
    await chat.press("Keep as written")
    await give_support(chat)
    await chat.press("No more targets")
    await chat.send("1 March 2027")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Submit")
    async with storage.read() as tx:
        [plan] = await my_plans(tx, world.teacher)
        [target] = await list_targets(tx, world.teacher, plan.plan_id)
    assert target.smart_report["kept_as_written"] is True
    assert target.smart_report["is_smart"] is False


async def test_a_bank_target_brings_its_strategy_and_resources_as_suggestions(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.press("Pick from the bank")
    assert chat.last.template == "ask_bank_pick.html"
    offered = chat.last.values["targets"]
    assert offered
    assert all("Sam" in target for target in offered)
    await chat.press("1")
    assert chat.last.values["from_bank"] is True
    assert chat.last.values["report"]["text"] == offered[0]
    await chat.press("Use this target")
    suggestion = chat.last.values["suggestion"]
    assert suggestion
    await chat.press("Use the suggestion")
    assert chat.last.values["field"] == "resources"


async def test_searching_the_bank_with_other_words_changes_what_is_offered(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.press("Pick from the bank")
    first_offer = chat.last.values["targets"]
    await chat.press("Search with other words")
    await chat.send("number bonds to 10")
    assert chat.last.values["query"] == "number bonds to 10"
    assert chat.last.values["targets"] != first_offer


async def test_a_pupil_with_greater_needs_is_given_small_steps_without_being_asked(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat, greater_needs=True)
    assert chat.templates == ["small_steps.html", "ask_target.html"]


async def test_a_medium_step_for_a_pupil_is_judged_achievable_once_the_guidance_is_given(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.send(SMART_TARGET)
    names = {criterion["name"]: criterion["met"] for criterion in chat.last.values["report"]["criteria"]}
    assert names["Achievable"] is True
    assert names["Relevant"] is not None


async def test_feedback_in_a_plan_shows_achievable_and_relevant_even_when_not_ticked(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    await chat.send("Sam will add 3 numbers to 20 with 90% accuracy by February half term.")
    criteria = {criterion["name"]: criterion for criterion in chat.last.values["report"]["criteria"]}
    assert criteria["Relevant"]["met"] is False  # maths on a plan about blending sounds to read
    assert "reading" in criteria["Relevant"]["message"]
    assert criteria["Achievable"]["met"] is None  # the entry skills say nothing about adding
    assert criteria["Achievable"]["message"].startswith("Check the entry skills")


async def test_an_existing_pupil_can_be_chosen_by_button_or_by_typing_their_name(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    await add_pupil_for(storage, world.teacher, name="J.K.")
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    assert any("J.K." in label for label in chat.labels)
    await chat.send("j.k.")
    assert chat.last.template == "ask_area.html"
    assert chat.last.values["name"] == "J.K."


async def test_a_colleagues_pupil_cannot_be_chosen_with_a_forged_button(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    theirs = await add_pupil_for(storage, world.colleague, name="Z.Z.")
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    version = chat.button("Add a pupil").data.split(":")[0]
    from iepbot.dialogue.io import Choice

    await chat.turn(Choice(f"{version}:pupil:{theirs.id}"))
    assert chat.templates == ["problem.html", "ask_pupil.html"]
    assert "not in your classes" in chat.replies[0].values["message"]


async def test_the_plan_stops_offering_targets_at_the_schools_limit(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await answer_guidance(chat)
    for _ in range(4):
        await chat.send(SMART_TARGET)
        await chat.press("Use this target")
        await give_support(chat)
        if chat.last.template == "ask_more_targets.html":
            await chat.press("Add another target")
    assert chat.templates == ["target_limit_reached.html", "ask_review_date.html"]
    assert "Remove or combine" not in rendered(chat.replies), "how to make room is not said unasked"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("yesterday", "couldn't read that as a date"),
        ("1/1/2020", "after today"),
        ("31 December 2027", "at least twice a year"),
    ],
)
async def test_a_review_date_must_be_readable_in_the_future_and_within_six_months(
    dialogue: Dialogue, world: World, typed: str, problem: str
) -> None:
    chat = await at_the_review_date(Chat.of(dialogue, world.teacher))
    await chat.send(typed)
    assert chat.templates == ["problem.html", "ask_review_date.html"]
    assert problem in chat.replies[0].values["message"]


async def test_a_school_date_such_as_easter_is_accepted_as_the_review_date(dialogue: Dialogue, world: World) -> None:
    chat = await at_the_review_date(Chat.of(dialogue, world.teacher))
    await chat.send("Easter")
    assert chat.last.template == "ask_parental_support.html"
