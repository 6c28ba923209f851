"""Hostile, long and unusual text, and unknown commands: taken as typed, refused with the limit, or named back."""

from __future__ import annotations

import re
import unicodedata

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Command, Reply, Text
from iepbot.domain.plans import my_plans
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import (
    RENDERER,
    SMART_TARGET,
    accept_a_target,
    rendered,
    submit_from_more_targets,
    to_difficulty,
    to_target,
)
from tests.dialogue.support import Chat
from tests.storage.support import World

# ---------------------------------------------------------------------------------------------- hostile text


HOSTILE = {
    "empty": "",
    "spaces": "   \n\t ",
    "invisible": "\u200b\u200d\ufeff\u202e",
    "5,000 characters": ("Sam will read words. " * 239)[:5000],
    "emoji only": "🙂🎉👩🏽‍🏫🏴󠁧󠁢󠁷󠁬󠁳󠁿",
    "html": "<b>&amp;</script>",
    "welsh": "Bydd Siân yn darllen 20 gair erbyn y Pasg.",
    "polish": "Zażółć gęślą jaźń: Łukasz przeczyta 20 słów do Wielkanocy.",
    "chinese": "山姆将在复活节前读20个单词。",
    "unicode mix": "\u202eSam\u200d will\ufeff ẞ \U0001d54f ﷽ e\u0301\u0308 \u2028read\u00a0\u0007 words\u200b",
}
TOO_LONG = "5,000 characters"
BLANK = {"empty", "spaces", "invisible"}


def as_stored(typed: str) -> str:
    """Typed text as the plan keeps it: NFC, trimmed, without control characters (the mix's BEL) nor
    invisible format characters (its bidi override, joiner outside an emoji, BOM and zero-width space)."""
    for invisible in "\u0007\u202e\ufeff\u200b":
        typed = typed.replace(invisible, "")
    typed = re.sub("(?<![\U0001f300-\U0001faff])\u200d", "", typed)  # an emoji's joiner is kept
    return unicodedata.normalize("NFC", typed).strip()


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_outside_a_flow_is_checked_or_explained(dialogue: Dialogue, world: World, name: str) -> None:
    typed = HOSTILE[name]
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Text(typed))
    assert chat.templates == (["check_how.html"] if name in BLANK else ["quick_check.html"])
    shown = RENDERER.render(chat.last)
    if name == "html":  # the markup is stripped before checking, and what is quoted back is escaped
        assert "<i>&amp;</i>" in shown
        assert "script" not in shown
    if name == TOO_LONG:
        assert "over 1000 characters" in shown
        assert len(shown) < 2000, "the reply does not repeat an essay back"


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_after_check_is_checked_or_explained(dialogue: Dialogue, world: World, name: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Command("check", HOSTILE[name]))
    assert chat.templates == (["check_how.html"] if name in BLANK else ["quick_check.html"])
    rendered(chat.replies)


def expected_after_answer(name: str, limit: int, label: str) -> str | None:
    """The problem message a hostile answer should get, or None when it should be taken."""
    if name in BLANK:
        return f"Please give the {label}; it cannot be empty."
    if name == TOO_LONG:
        return (
            f"This answer is 5000 characters long, but the {label} "
            f"can be at most {limit} characters. Please shorten it."
        )
    return None


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_as_a_pupils_name_is_taken_or_refused_with_the_limit(
    dialogue: Dialogue, world: World, name: str
) -> None:
    typed = HOSTILE[name]
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.turn(Text(typed))
    problem = expected_after_answer(name, 80, "pupil's name or initials")
    if problem is None:
        assert chat.templates == ["ask_pupil_year.html"]
        assert chat.last.values["name"] == as_stored(typed)
    else:
        assert chat.replies[0] == Reply("problem.html", {"message": problem})
        assert chat.templates == ["problem.html", "ask_pupil.html"]
    rendered(chat.replies)


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_text_as_an_answer_and_as_a_target_is_taken_or_refused_with_the_limit(
    dialogue: Dialogue, world: World, name: str
) -> None:
    typed = HOSTILE[name]
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.turn(Text(typed))
    problem = expected_after_answer(name, 1000, "difficulty, in your words")
    if problem is None:
        assert chat.templates == ["ask_entry_skills.html"]
    else:
        assert chat.replies[0] == Reply("problem.html", {"message": problem})
        assert chat.templates == ["problem.html", "ask_difficulty.html"]
        await chat.send("Blending sounds")
    rendered(chat.replies)

    await chat.send("Knows most Phase 2 sounds")
    await chat.send("Loves dinosaurs")
    await chat.press("No")
    await chat.press("Small step")
    await chat.turn(Text(typed))
    problem = expected_after_answer(name, 1000, "target")
    if problem is None:
        assert chat.templates == ["target_feedback.html"]
        assert chat.last.values["report"]["is_smart"] is False
    else:
        assert chat.templates == ["problem.html", "ask_target.html"]
    rendered(chat.replies)


async def test_a_plan_written_in_unusual_text_is_stored_as_typed(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.turn(Text(HOSTILE["emoji only"]))
    await chat.press("Y2")
    await chat.press("Cognition and learning")
    for answer in ("html", "welsh", "chinese"):
        await chat.turn(Text(HOSTILE[answer]))
    await chat.press("No")
    await chat.press("Small step")
    await chat.send(SMART_TARGET)
    await chat.press("Use this target")
    for answer in ("polish", "unicode mix", "html", "welsh", "chinese", "emoji only"):
        await chat.turn(Text(HOSTILE[answer]))
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.turn(Text(HOSTILE["html"]))
    await chat.turn(Text(HOSTILE["unicode mix"]))
    assert chat.templates == ["summary.html"]
    rendered(chat.replies)
    await chat.press("Submit")
    assert chat.templates == ["plan_submitted.html", "plan_submitted_to_senco.html"]
    assert HOSTILE["emoji only"] in rendered(chat.replies)

    async with storage.read() as tx:
        [summary] = await my_plans(tx, world.teacher)
        plan = await tx.plans.get(summary.plan_id)
        [target] = await tx.targets.for_plan(plan.id)
    assert summary.pupil_name == HOSTILE["emoji only"]
    assert (plan.nature_of_difficulties, plan.entry_skills, plan.strengths_and_motivation) == (
        HOSTILE["html"],
        HOSTILE["welsh"],
        HOSTILE["chinese"],
    )
    assert (plan.parental_support, plan.pupil_voice) == (HOSTILE["html"], as_stored(HOSTILE["unicode mix"]))
    assert (target.teaching_strategy, target.resources, target.monitoring) == (
        HOSTILE["polish"],
        as_stored(HOSTILE["unicode mix"]),
        HOSTILE["emoji only"],
    )


async def test_a_name_is_limited_to_80_characters(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.send("N" * 81)
    assert chat.templates == ["problem.html", "ask_pupil.html"]
    assert (
        "is 81 characters long, but the pupil's name or initials can be at most 80 characters"
        in chat.replies[0].values["message"]
    )
    await chat.send("N" * 80)
    assert chat.templates == ["ask_pupil_year.html"]


async def test_an_answer_is_limited_to_1000_characters(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("d" * 1001)
    assert chat.templates == ["problem.html", "ask_difficulty.html"]
    assert "can be at most 1000 characters" in chat.replies[0].values["message"]
    await chat.send("d" * 1000)
    assert chat.templates == ["ask_entry_skills.html"]


async def test_a_nul_character_is_dropped_so_the_plan_still_saves_on_every_database(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Text("Sam will read\x00 20 words by Easter."))
    assert chat.templates == ["quick_check.html"]
    assert chat.last.values["report"]["text"] == "Sam will read 20 words by Easter."
    await to_difficulty(chat)
    await to_target(chat, difficulty="Blending\x00 sounds")
    await accept_a_target(chat)
    await submit_from_more_targets(chat)
    async with storage.read() as tx:
        [summary] = await my_plans(tx, world.teacher)
        plan = await tx.plans.get(summary.plan_id)
    assert plan.nature_of_difficulties == "Blending sounds", "the NUL is dropped, the words kept"


# ---------------------------------------------------------------------------------------------- unknown commands


async def test_an_unknown_command_is_named_and_the_help_shown(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/frobnicate now")
    assert chat.replies == [
        Reply("unknown_command.html", {"name": "frobnicate"}),
        Reply("help.html", {"is_senco": False, "in_flow": False}),
    ]


async def test_an_unknown_command_is_named_back_escaped(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Command("<script>"))
    assert "/&lt;script&gt;" in RENDERER.render(chat.replies[0])


async def test_an_unknown_command_in_a_flow_leaves_the_flow_where_it_was(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/" + "x" * 100)
    assert chat.replies[0] == Reply("unknown_command.html", {"name": "x" * 40})
    assert chat.replies[1].values["in_flow"] is True
    await chat.send("Blending sounds")
    assert chat.templates == ["ask_entry_skills.html"]
