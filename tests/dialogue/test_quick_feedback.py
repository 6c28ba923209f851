"""Quick SMART feedback outside a flow and `/check` inside one, and what is said to input that is not text."""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Reply
from iepbot.storage.storage import Storage
from nlp.calendar import SchoolCalendar
from nlp.time_bound import suggested_deadline
from target_bank import Bank
from target_bank.render import uk_date
from tests.dialogue.conversation import NEEDS_A_REWRITE, SMART_TARGET, rendered, state_of, to_difficulty
from tests.dialogue.support import TODAY, Chat
from tests.storage.support import World

DEADLINE = uk_date(suggested_deadline(TODAY, SchoolCalendar())[1])

# ---------------------------------------------------------------------------------------------- quick checks


async def test_text_outside_a_flow_gets_quick_smart_feedback_with_follow_up_buttons(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    assert chat.templates == ["quick_check.html"]
    values = chat.last.values
    assert values["in_flow"] is False
    assert values["report"]["text"] == NEEDS_A_REWRITE
    assert values["report"]["is_smart"] is False
    assert values["report"]["rewrite"].startswith("Sam will read 10 CVC words")
    assert values["close"]
    assert chat.labels == ["Use the suggested rewrite", "More targets from the bank"]


async def test_a_smart_target_gets_no_rewrite_button(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(SMART_TARGET)
    assert chat.last.values["report"]["is_smart"] is True
    assert "Use the suggested rewrite" not in chat.labels


@pytest.mark.parametrize("message", ["/check", "/check    "])
async def test_check_without_text_explains_how(dialogue: Dialogue, world: World, message: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send(message) == [Reply("check_how.html")]


async def test_check_inside_a_flow_answers_without_moving_the_flow(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send(f"/check {NEEDS_A_REWRITE}")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["in_flow"] is True
    assert chat.last.values["report"]["text"] == NEEDS_A_REWRITE
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert (state.flow, state.step) == ("new_plan", "difficulty")

    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"], "the next answer went to the same question"
    await chat.send("/back")
    assert chat.last.values["current"] == "Blending sounds"


async def test_use_the_suggested_rewrite_checks_the_rewrite(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    rewrite = chat.last.values["report"]["rewrite"]
    await chat.press("Use the suggested rewrite")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["report"]["text"] == rewrite
    assert chat.last.values["report"]["is_smart"] is True


async def test_more_targets_from_the_bank_lists_close_bank_targets_for_the_pupil_named(
    dialogue: Dialogue, world: World, bank: Bank
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    await chat.press("More targets from the bank")
    assert chat.templates == ["bank_matches.html"]
    targets = chat.last.values["targets"]
    assert 1 < len(targets) <= 5
    hits = bank.search(NEEDS_A_REWRITE, limit=5)
    assert targets == [bank.render(hit.target.id, name="Sam", deadline=DEADLINE) for hit in hits]


async def test_a_close_bank_target_is_written_for_the_pupil_the_teacher_named_by_a_real_date(
    dialogue: Dialogue, world: World, bank: Bank
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/check Sam must improve his letter formation")
    close = chat.last.values["close"]
    ladder = bank.progression("cl-handwriting-letter-formation")
    assert close in [bank.render(step.id, name="Sam", deadline=DEADLINE) for step in ladder.steps]
    assert "review date" not in rendered(chat.replies)


async def test_words_naming_no_single_skill_get_a_question_instead_of_a_guess(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("Sam will improve his reading.")
    assert chat.last.values["close"] is None
    assert "Which skill is it for?" in rendered(chat.replies)
    assert "More targets from the bank" in chat.labels


async def test_the_quick_check_buttons_work_inside_a_flow_without_moving_it(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send(f"/check {NEEDS_A_REWRITE}")
    await chat.press("Use the suggested rewrite")
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["in_flow"] is True
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]


# ---------------------------------------------------------------------------------------------- not text


KINDS = ["photo", "sticker", "voice note", "edited message"]


@pytest.mark.parametrize("kind", KINDS)
async def test_something_that_is_not_text_is_explained_outside_a_flow(
    dialogue: Dialogue, world: World, kind: str
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    assert await chat.send_unsupported(kind) == [Reply("text_only.html", {"kind": kind, "in_flow": False})]


@pytest.mark.parametrize("kind", KINDS)
async def test_something_that_is_not_text_inside_a_flow_is_explained_and_the_question_asked_again(
    dialogue: Dialogue, world: World, kind: str
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    question = chat.last
    await chat.send_unsupported(kind)
    assert chat.replies == [Reply("text_only.html", {"kind": kind, "in_flow": True}), question]
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]
