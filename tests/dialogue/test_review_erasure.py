"""Erasing a pupil during their plan's review: the review's answers (evidence, the parents' words) go with them."""

from __future__ import annotations

from iepbot.dialogue.engine import Dialogue
from iepbot.domain.privacy import erase_pupil
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.dialogue.conversation import dialogue_rows_as_text
from tests.dialogue.review_support import bank_target, running_plan
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for

MARKER = "Zebedee-marker-evidence"


async def review_to_the_evidence(chat: Chat, name: str) -> None:
    await chat.send("/review_plan")
    await chat.press(name)
    await chat.press("Not yet")
    await chat.send(MARKER)
    assert chat.last.template == "ask_review_question.html"


async def test_erasing_the_pupil_mid_review_removes_the_reviews_answers(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    pupil = await add_pupil_for(storage, world.teacher, name="J.K.")
    await running_plan(storage, world.teacher, world.senco, pupil, [bank_target(bank, 2)])
    chat = Chat.of(dialogue, world.teacher)
    await review_to_the_evidence(chat, "J.K.")
    assert MARKER in await dialogue_rows_as_text(storage)

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, pupil.id)

    assert MARKER not in await dialogue_rows_as_text(storage)
    await chat.send("Sam will read 10 words by Easter.")
    assert chat.templates == ["quick_check.html"], "no question about an erased pupil"


async def test_erasing_the_pupil_removes_a_parked_review_and_keeps_other_parked_flows(
    dialogue: Dialogue, storage: Storage, world: World, bank: Bank
) -> None:
    erased = await add_pupil_for(storage, world.teacher, name="J.K.")
    kept = await add_pupil_for(storage, world.teacher, name="L.M.")
    for pupil in (erased, kept):
        await running_plan(storage, world.teacher, world.senco, pupil, [bank_target(bank, 2, name=pupil.display_name)])
    chat = Chat.of(dialogue, world.teacher)
    await review_to_the_evidence(chat, "J.K.")
    await chat.send("/cancel")
    await review_to_the_evidence(chat, "L.M.")
    await chat.send("/cancel")
    assert chat.templates == ["parked.html"]

    async with storage.write() as tx:
        await erase_pupil(tx, world.senco, erased.id)

    await chat.send("/resume")
    assert chat.last.template == "ask_review_question.html"
    assert chat.last.values["name"] == "L.M."
    assert "J.K." not in await dialogue_rows_as_text(storage)
