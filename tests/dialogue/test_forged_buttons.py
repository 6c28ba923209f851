"""Forged button data: any shape we never send is answered plainly, and nothing fails.

`callback_data` is whatever the presser's client sends. "²".isdigit() is True (and int("²") raises), and a
20-digit id overflows every integer column, so a token's number is ASCII digits, at most nine of them.
"""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Reply
from tests.dialogue.conversation import version_of
from tests.dialogue.support import Chat
from tests.storage.support import World

FORGED_NUMBERS = ["²", "١٢", "99999999999999999999", "1234567890", "-1", "+1", " 1", "1e3", "", "0x1"]


@pytest.mark.parametrize("number", FORGED_NUMBERS)
async def test_a_forged_plan_button_gets_the_plain_unknown_button_answer(
    dialogue: Dialogue, world: World, number: str
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.turn(Choice(f"1:open:{number}"))
    assert chat.replies == [Reply("stale_button.html")]


@pytest.mark.parametrize("number", [*FORGED_NUMBERS, "new2"])
async def test_a_forged_pupil_button_gets_the_plain_answer_and_the_question_again(
    dialogue: Dialogue, world: World, number: str
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.turn(Choice(f"{version_of(chat)}:pupil:{number}"))
    assert chat.templates == ["stale_button.html", "ask_pupil.html"]
    await chat.press("Add a pupil")
    assert chat.templates == ["ask_pupil_name.html"], "the flow carries on from where it was"


@pytest.mark.parametrize("number", ["²", "99999999999999999999"])
async def test_a_forged_year_button_gets_the_plain_answer(dialogue: Dialogue, world: World, number: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam")
    await chat.turn(Choice(f"{version_of(chat)}:year:{number}"))
    assert chat.templates == ["stale_button.html", "ask_pupil_year.html"]


@pytest.mark.parametrize("number", ["²", "99999999999999999999"])
async def test_a_forged_resume_button_is_not_taken_for_a_number(dialogue: Dialogue, world: World, number: str) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Sam")
    await chat.send("/cancel")
    await chat.send("/new")
    await chat.press("Add a pupil")
    await chat.send("Kai")
    await chat.send("/cancel")
    await chat.send("/resume")
    assert chat.templates == ["choose_parked.html"]
    await chat.turn(Choice(f"{version_of(chat)}:resume:{number}"))
    assert chat.templates == ["choose_parked.html"], "asked again which plan to carry on with"
