"""Quick SMART feedback outside a flow and `/check` inside one, and what is said to input that is not text."""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Reply
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.dialogue.conversation import NEEDS_A_REWRITE, SMART_TARGET, state_of, to_difficulty
from tests.dialogue.support import Chat
from tests.storage.support import World

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


async def test_more_targets_from_the_bank_lists_close_bank_targets(
    dialogue: Dialogue, world: World, bank: Bank
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    close = chat.last.values["close"]
    await chat.press("More targets from the bank")
    assert chat.templates == ["bank_matches.html"]
    targets = chat.last.values["targets"]
    assert 1 < len(targets) <= 5
    assert targets[0] == close
    assert all(target.startswith("The pupil ") for target in targets)
    hits = bank.search(NEEDS_A_REWRITE, limit=5)
    assert targets == [bank.render(hit.target.id, name="The pupil", deadline="the review date") for hit in hits]


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
