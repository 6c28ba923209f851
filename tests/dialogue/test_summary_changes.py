"""The /new summary: it shows the whole plan, and any one answer can be changed from it and come back to it."""

from __future__ import annotations

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice
from tests.dialogue.conversation import accept_a_target, rendered, to_difficulty, to_target
from tests.dialogue.support import Chat
from tests.storage.support import World


async def to_summary(chat: Chat) -> None:
    """A plan for Sam (Year 2) with one target, at its summary."""
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.press("Skip")
    await chat.press("Skip")
    assert chat.last.template == "summary.html"


async def test_the_summary_shows_the_year_group_and_each_targets_deadline(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_summary(chat)
    text = rendered(chat.replies)
    assert "Plan for Sam (Year 2)" in text
    assert "Deadline: 12 February 2027" in text


async def test_a_plan_field_changed_from_the_summary_comes_back_to_the_summary(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_summary(chat)
    await chat.press("Difficulty")
    assert chat.last.template == "ask_difficulty.html"
    await chat.send("Segmenting words to spell them")
    assert chat.templates == ["summary.html"]
    assert "Difficulty: Segmenting words to spell them" in rendered(chat.replies)


async def test_a_targets_support_changed_from_the_summary_comes_back_to_the_summary(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_summary(chat)
    await chat.press("Target 1")
    assert chat.last.template == "summary_target.html"
    await chat.press("Teaching strategy")
    assert chat.last.values["current"] == "Precision teaching"
    await chat.send("Phonics games")
    assert chat.templates == ["summary.html"]
    text = rendered(chat.replies)
    assert "Strategy: Phonics games" in text
    assert "Monitoring: Weekly probe" in text, "the other answers stay"


async def test_a_target_reworded_from_the_summary_is_checked_and_keeps_its_support(
    dialogue: Dialogue, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_summary(chat)
    await chat.press("Target 1")
    await chat.press("Wording")
    await chat.send("Sam will read 25 CVC words aloud with 90% accuracy by February half term.")
    assert chat.last.template == "target_feedback.html"
    await chat.press("Use this target")
    assert chat.templates == ["summary.html"], "not on through the six support questions"
    text = rendered(chat.replies)
    assert "Sam will read 25 CVC words" in text
    assert "Strategy: Precision teaching" in text


async def test_back_to_the_summary_from_a_targets_parts_changes_nothing(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_summary(chat)
    before = rendered(chat.replies)
    await chat.press("Target 1")
    await chat.press("Back to the summary")
    assert rendered(chat.replies) == before


async def test_a_forged_target_number_on_the_summary_is_refused(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_summary(chat)
    version = chat.button("Submit").data.partition(":")[0]
    await chat.turn(Choice(f"{version}:target:7"))
    assert chat.templates == ["problem.html", "summary.html"]
