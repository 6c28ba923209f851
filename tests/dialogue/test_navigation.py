"""Moving about a flow: /back, /cancel and /resume (parking), /new during a flow, /help and /start in one."""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Reply
from iepbot.dialogue.memory import PARKED_LIMIT
from iepbot.domain.dialogue import begin_turn, save_answer
from iepbot.domain.records import StaffMember
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import (
    NEEDS_A_REWRITE,
    SMART_TARGET,
    accept_a_target,
    rendered,
    state_of,
    to_difficulty,
    to_target,
)
from tests.dialogue.support import Chat
from tests.storage.support import World


async def test_back_returns_to_the_previous_question_showing_the_earlier_answer(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    await chat.send("/back")
    assert chat.templates == ["ask_difficulty.html"]
    assert chat.last.values["current"] == "Blending sounds"
    await chat.send("Segmenting words to spell")
    assert chat.templates == ["ask_entry_skills.html"]
    await chat.send("/back")
    assert chat.last.values["current"] == "Segmenting words to spell", "the new answer replaced the old"


async def test_back_twice_walks_back_through_the_questions(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/back")
    assert chat.templates == ["ask_area.html"]
    await chat.send("/back")
    assert chat.templates == ["ask_pupil_year.html"]
    await chat.send("/back")
    assert chat.templates == ["ask_pupil_name.html"]
    assert chat.last.values["current"] == "Sam"


async def test_back_at_the_first_question_says_so_and_asks_it_again(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    question = chat.last
    await chat.send("/back")
    assert chat.templates == ["first_question.html", "ask_pupil.html"]
    assert chat.last.values == question.values


async def test_back_outside_a_flow_with_nothing_parked_says_there_is_nothing(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send("/back") == [Reply("nothing_to_resume.html")]


async def test_back_after_cancelling_does_not_claim_there_is_no_unfinished_plan(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/cancel")
    await chat.send("/back")
    assert chat.replies == [Reply("back_to_parked.html")]


async def test_back_skips_a_question_asked_again_after_a_new_wording(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await chat.send(NEEDS_A_REWRITE)
    await chat.send(SMART_TARGET)  # a new wording: the feedback comes again for it
    assert chat.templates == ["target_feedback.html"]
    await chat.send("/back")
    assert chat.templates == ["ask_target.html"], "back goes to the question before the feedback"
    assert chat.last.values["current"] == SMART_TARGET


async def test_back_from_the_second_target_and_adding_again_still_asks_for_target_two(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await chat.press("Add another target")
    assert chat.last.values["number"] == 2
    await chat.send("/back")
    assert chat.templates == ["ask_more_targets.html"]
    await chat.press("Add another target")
    assert chat.templates == ["ask_target.html"]
    assert chat.last.values["number"] == 2


async def test_back_from_the_first_support_question_returns_to_the_targets_feedback(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    await chat.send("/back")
    assert chat.templates == ["target_feedback.html"]
    assert chat.last.values["report"]["text"] == SMART_TARGET


async def test_cancel_parks_the_flow_and_resume_restores_it_at_the_same_question_with_its_answers(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    question = chat.last
    await chat.send("/cancel")
    assert chat.replies == [Reply("parked.html", {"count": 1})]
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert state.flow is None

    await chat.send("Knows some sounds")
    assert chat.templates == ["quick_check.html"], "out of the flow, text is a quick check, not an answer"

    await chat.send("/resume")
    assert chat.replies == [question]
    await chat.send("Knows most Phase 2 sounds")
    assert chat.templates == ["ask_motivation.html"]
    await chat.send("/back")
    await chat.send("/back")
    assert chat.last.values["current"] == "Blending sounds"
    assert chat.last.values["name"] == "Sam"


async def park_plans(storage: Storage, member: StaffMember, count: int) -> None:
    """`count` plans set aside in the chat already, each with an answer."""
    parked = [
        {"flow": "new_plan", "step": "area", "draft": {"pupil_name": f"Pupil {n}"}, "history": ["pupil"]}
        for n in range(count)
    ]
    async with storage.write() as tx:
        state = await begin_turn(tx, member.telegram_user_id)
        await save_answer(
            tx,
            member,
            state,
            flow=None,
            step=None,
            answers={"draft": {}, "history": [], "parked": parked},
        )


@pytest.mark.parametrize("command", ["/new", "/cancel"])
async def test_a_plan_with_answers_is_never_dropped_when_no_more_can_be_set_aside(
    dialogue: Dialogue, storage: Storage, world: World, command: str
) -> None:
    await park_plans(storage, world.teacher, PARKED_LIMIT)
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send(command)
    assert chat.templates == ["parked_full.html", "ask_difficulty.html"]
    assert chat.replies[0].values == {"count": PARKED_LIMIT}
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"], "the flow carried on where it was"
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert len(state.answers["parked"]) == PARKED_LIMIT


async def test_cancelling_an_unanswered_plan_when_none_can_be_set_aside_just_stops_it(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    await park_plans(storage, world.teacher, PARKED_LIMIT)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.send("/cancel")
    assert chat.templates == ["stopped_unstarted.html"]
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert (state.flow, len(state.answers["parked"])) == (None, PARKED_LIMIT)
    await chat.send("/resume")
    assert chat.templates == ["choose_parked.html"]
    assert len(chat.labels) == PARKED_LIMIT


async def test_new_during_a_flow_parks_it_and_resume_then_offers_a_choice(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    await chat.send("/new")
    assert chat.templates == ["parked.html", "ask_pupil.html"]
    assert chat.replies[0].values == {"count": 1}
    await chat.send("/cancel")
    assert chat.replies == [Reply("parked.html", {"count": 2})]

    await chat.send("/resume")
    assert chat.templates == ["choose_parked.html"]
    assert chat.labels == ["1. Plan for Sam", "2. Plan not yet started"]
    await chat.press("Plan for Sam")
    assert chat.templates == ["ask_entry_skills.html"]
    assert chat.last.values["name"] == "Sam"
    await chat.send("/cancel")
    await chat.send("/resume")
    assert chat.labels == ["1. Plan not yet started", "2. Plan for Sam"]
    await chat.press("Plan not yet started")
    assert chat.templates == ["ask_pupil.html"]


async def test_resume_during_a_flow_asks_its_question_again(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    question = chat.last
    await chat.send("/resume")
    assert chat.replies == [question]


async def test_cancel_and_resume_with_nothing_to_do_say_so(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send("/cancel") == [Reply("nothing_to_cancel.html")]
    assert await chat.send("/resume") == [Reply("nothing_to_resume.html")]


async def test_help_in_a_flow_reminds_the_teacher_of_the_plan(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert (await chat.send("/help"))[0].values == {"is_senco": False, "in_flow": False}
    await to_difficulty(chat)
    assert await chat.send("/help") == [Reply("help.html", {"is_senco": False, "in_flow": True})]


async def test_start_during_a_plan_welcomes_back_and_reminds_the_teacher_of_the_plan(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/start")
    assert chat.replies == [
        Reply("welcome_back.html", {"name": "Ms Patel", "had_code": False}),
        Reply("help.html", {"is_senco": False, "in_flow": True}),
    ]
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


async def test_back_to_an_optional_answer_offers_to_keep_it_and_keeping_it_keeps_it(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.send("Reading together at bedtime")
    await chat.send("/back")
    assert chat.last.values["current"] == "Reading together at bedtime"
    assert chat.labels == ["Keep as it is", "Clear it"]
    await chat.press("Keep as it is")
    await chat.press("Skip")
    assert chat.last.template == "summary.html"
    assert "Support from home: Reading together at bedtime" in rendered(chat.replies)


async def test_clearing_an_optional_answer_records_that_nothing_was_given(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.send("Reading together at bedtime")
    await chat.send("/back")
    await chat.press("Clear it")
    await chat.press("Skip")
    assert "Support from home: not given" in rendered(chat.replies)
