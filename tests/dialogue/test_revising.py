"""Revising a returned plan survives what a phone sends: empty, huge, emoji, markup, other languages, a date that
is not one, buttons from before, /back, /cancel and /resume, and a Revise pressed when there is nothing to revise."""

from __future__ import annotations

import pytest

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice
from iepbot.domain.approval import return_plan
from iepbot.domain.enums import PlanStatus
from iepbot.domain.plans import move_plan
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import RENDERER, rendered
from tests.dialogue.support import Chat
from tests.storage.support import World, add_pupil_for, draft_with_targets


async def revising(dialogue: Dialogue, storage: Storage, world: World) -> tuple[Chat, int]:
    """Ms Patel's plan for J.S., returned by the SENCo, opened from /plans and Revise pressed."""
    pupil = await add_pupil_for(storage, world.teacher, name="J.S.")
    plan = await draft_with_targets(storage, world.teacher, pupil.id, 2)
    async with storage.write() as tx:
        plan = await move_plan(tx, world.teacher, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
        await return_plan(tx, world.senco, plan.id, expected_version=plan.version, comment="Smaller steps, please.")
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/plans")
    await chat.press("J.S.")
    await chat.press("Revise")
    assert chat.templates == ["revise_summary.html"]
    return chat, plan.id


@pytest.mark.parametrize("typed", ["", "\u200b\u200b", "x" * 4001])
async def test_an_empty_or_huge_answer_is_refused_and_asked_again(
    dialogue: Dialogue, storage: Storage, world: World, typed: str
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    await chat.press("Motivation")
    await chat.send(typed)
    assert chat.templates == ["problem.html", "revise_field.html"]


@pytest.mark.parametrize("typed", ["Loves <dinosaurs> & trains 🦕🚂", "Aime les dinosaures — 喜欢恐龙", "a" * 3999])
async def test_any_honest_answer_is_saved_and_shown_as_text(
    dialogue: Dialogue, storage: Storage, world: World, typed: str
) -> None:
    chat, plan_id = await revising(dialogue, storage, world)
    await chat.press("Motivation")
    await chat.send(typed)
    assert chat.templates == ["revise_saved.html", "revise_summary.html"]
    async with storage.read() as tx:
        assert (await tx.plans.get(plan_id)).strengths_and_motivation == typed
    assert "&lt;dinosaurs&gt;" in RENDERER.render(chat.last) or "<" not in typed


@pytest.mark.parametrize("typed", ["next blue moon", "01/01/2020", "12 March 2031"])
async def test_a_review_date_must_be_a_date_within_six_months(
    dialogue: Dialogue, storage: Storage, world: World, typed: str
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    await chat.press("Review date")
    await chat.send(typed)
    assert chat.templates == ["problem.html", "revise_field.html"]
    await chat.send("12/02/2027")
    assert chat.templates == ["revise_saved.html", "revise_summary.html"]


async def test_back_cancel_and_resume_bring_the_revision_back(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    await chat.press("Target 2")
    await chat.send("/back")
    assert chat.templates == ["revise_summary.html"]
    await chat.press("Target 2")
    await chat.send("/cancel")
    assert chat.templates == ["parked.html"]
    await chat.send("/new")
    await chat.send("/cancel")
    await chat.send("/resume")
    assert chat.labels == ["1. Revising J.S.'s plan", "2. Plan not yet started"]
    await chat.press("Revising")
    assert chat.templates == ["revise_target.html"]


async def test_old_buttons_and_typed_text_where_a_button_is_wanted_ask_again(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    old = chat.button("Target 1")
    await chat.send("Target 1")
    assert chat.templates == ["problem.html", "revise_summary.html"]
    await chat.press("Difficulty")
    await chat.turn(Choice(old.data))
    assert chat.templates == ["stale_button.html", "revise_field.html"]
    await chat.press("Back")
    version = chat.last.buttons[0][0].data.split(":")[0]
    await chat.turn(Choice(f"{version}:target:99999"))
    assert chat.templates == ["problem.html", "revise_summary.html"], "another plan's target is not on this one"


async def test_the_last_target_cannot_be_removed_but_another_can(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat, plan_id = await revising(dialogue, storage, world)
    await chat.press("Target 2")
    await chat.press("Remove")
    assert chat.templates == ["revise_saved.html", "revise_summary.html"]
    await chat.press("Target 1")
    await chat.press("Remove")
    assert chat.templates == ["problem.html", "revise_target.html"]
    async with storage.read() as tx:
        assert [target.text for target in await tx.targets.for_plan(plan_id)] == ["Target 1"]


async def test_revise_pressed_again_after_resubmitting_has_nothing_to_revise(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    await chat.press("Submit again")
    assert chat.templates[0] == "plan_resubmitted.html"
    await chat.send("/plans")
    await chat.press("J.S.")
    assert "✏️ Revise the plan" not in chat.labels, "a submitted plan offers no Revise button"
    await chat.turn(Choice("0:revise:1"))
    assert "nothing to revise" in rendered(chat.replies)


async def test_revise_pressed_twice_carries_on_with_the_same_revision(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat, _plan_id = await revising(dialogue, storage, world)
    await chat.press("Difficulty")
    await chat.send("/plans")
    await chat.press("J.S.")
    await chat.press("Revise")
    assert chat.templates == ["revise_field.html"], "the revision in progress, not a second one"
    await chat.send("/cancel")
    await chat.send("/resume")
    assert chat.templates == ["revise_field.html"], "one revision parked, not two"
