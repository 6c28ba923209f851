"""Forged button data: any shape we never send is answered plainly, nothing fails, no other school's id shows.

`callback_data` is whatever the presser's client sends. "²".isdigit() is True (and int("²") raises), and a
20-digit id overflows every integer column, so a token's number is ASCII digits, at most nine of them.
"""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Reply
from iepbot.dialogue.problems import NOT_THERE
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import version_of
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for, draft_with_targets

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


# ---------------------------------------------------------------------------------------------- other schools


async def test_another_schools_plan_and_a_missing_plan_get_the_very_same_answer(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil_b = await add_pupil_for(storage, world.other_teacher)
    plan_b = await draft_with_targets(storage, world.other_teacher, pupil_b.id, 1)
    chat = Chat.of(dialogue, world.teacher)
    theirs = await chat.turn(Choice(f"1:open:{plan_b.id}"))
    missing = await chat.turn(Choice(f"1:open:{plan_b.id + 1000}"))
    assert theirs == missing == [Reply("problem.html", {"message": NOT_THERE})]


async def test_another_schools_pupil_and_a_missing_pupil_get_the_very_same_answer(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil_b = await add_pupil_for(storage, world.other_teacher)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    theirs = await chat.turn(Choice(f"{version_of(chat)}:pupil:{pupil_b.id}"))
    missing = await chat.turn(Choice(f"{version_of(chat)}:pupil:{pupil_b.id + 1000}"))
    assert [reply.template for reply in theirs] == ["problem.html", "ask_pupil.html"]
    assert theirs[0] == missing[0] == Reply("problem.html", {"message": NOT_THERE})
    assert theirs[1].values == missing[1].values, "the same question again (its buttons carry the new version)"


async def test_a_colleagues_pupil_in_the_same_school_is_still_named_as_not_shared(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    pupil = await add_pupil_for(storage, world.colleague)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/new")
    await chat.turn(Choice(f"{version_of(chat)}:pupil:{pupil.id}"))
    assert "not in your classes" in chat.replies[0].values["message"]


@pytest.mark.parametrize("step", ["erase", "erase!"])
async def test_a_forged_erase_button_for_another_schools_pupil_gets_the_answer_a_missing_one_gets_and_erases_nothing(
    dialogue: Dialogue, storage: Storage, world: World, step: str
) -> None:
    theirs = await add_pupil_for(storage, world.teacher, "Xanthippa")  # school A's pupil
    await add_pupil_for(storage, world.other_teacher, "Bo")  # so school B's /erase shows its buttons
    chat = Chat.of(dialogue, world.other_senco)  # school B's SENCo
    answers = []
    for pupil_id in (theirs.id, 999_999):
        await chat.send("/erase")
        await chat.turn(Choice(f"{version_of(chat)}:{step}:{pupil_id}"))
        answers.append(chat.replies)
    assert answers[0] == answers[1] == [Reply("problem.html", {"message": NOT_THERE})]
    async with storage.read() as tx:
        assert (await tx.pupils.get(theirs.id)).display_name == "Xanthippa"
