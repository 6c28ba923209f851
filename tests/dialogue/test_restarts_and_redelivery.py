"""Nothing lost, nothing done twice: restarts mid-flow, redelivered updates, buttons from earlier messages."""

from __future__ import annotations

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Choice, Reply, Text
from iepbot.dialogue.services import Services
from iepbot.domain.enums import PlanStatus
from iepbot.domain.plans import my_plans
from iepbot.storage.storage import Storage
from tests.dialogue.conversation import (
    NEEDS_A_REWRITE,
    STRANGER,
    accept_a_target,
    issue,
    row_counts,
    state_of,
    submit_from_more_targets,
    to_difficulty,
    to_target,
    version_of,
)
from tests.dialogue.support import Chat
from tests.storage.support import World

# ---------------------------------------------------------------------------------------------- restarts


async def test_a_restart_mid_flow_loses_nothing(
    dialogue: Dialogue, storage: Storage, services: Services, world: World
) -> None:
    before = Chat.of(dialogue, world.teacher)
    await to_difficulty(before)
    await before.send("Blending sounds to read short words")
    await before.send("Knows most Phase 2 sounds")
    await before.send("Loves dinosaurs")
    assert before.templates == ["ask_greater_needs.html"]

    after = Chat(Dialogue(storage, services), before.user_id, before.name, replies=before.replies)
    await after.press("No")  # a button shown before the restart
    assert after.templates == ["ask_step_size.html"]
    assert after.last.values["name"] == "Sam"
    await after.press("Small step")
    await accept_a_target(after)
    await submit_from_more_targets(after)

    async with storage.read() as tx:
        [summary] = await my_plans(tx, world.teacher)
        plan = await tx.plans.get(summary.plan_id)
    assert (summary.pupil_name, summary.year_group, summary.status) == ("Sam", "Year 2", PlanStatus.SUBMITTED)
    assert plan.nature_of_difficulties == "Blending sounds to read short words"
    assert plan.entry_skills == "Knows most Phase 2 sounds"
    assert plan.strengths_and_motivation == "Loves dinosaurs"


# ---------------------------------------------------------------------------------------------- redelivery


async def test_a_redelivered_update_is_handled_once(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("Blending sounds")
    state = await state_of(storage, world.teacher.telegram_user_id)
    counts = await row_counts(storage)

    assert await chat.redeliver() == []

    assert await state_of(storage, world.teacher.telegram_user_id) == state
    assert await row_counts(storage) == counts


async def test_a_redelivered_start_that_registered_the_teacher_is_not_answered_again(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    code = await issue(storage, world.school)
    chat = Chat(dialogue, STRANGER, "Mr Singh")
    await chat.send(f"/start {code}")
    assert chat.templates == ["welcome.html"]
    assert await chat.redeliver() == []


async def test_an_update_older_than_the_last_handled_is_ignored(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    assert chat.last_turn is not None
    older = chat.last_turn.update_id
    assert older is not None
    await chat.send("Blending sounds")
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert await chat.turn(Text("Something else"), update_id=older) == []
    assert await state_of(storage, world.teacher.telegram_user_id) == state


async def test_a_redelivered_submit_does_not_submit_twice(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)
    await accept_a_target(chat)
    await submit_from_more_targets(chat)
    counts = await row_counts(storage)
    assert await chat.redeliver() == []
    assert await row_counts(storage) == counts
    async with storage.read() as tx:
        assert len(await my_plans(tx, world.teacher)) == 1


# ---------------------------------------------------------------------------------------------- stale buttons


async def test_a_button_from_an_earlier_question_is_refused_and_the_current_question_shown(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await to_target(chat)  # answered "No" to greater needs, then "Small step"
    await chat.send("/back")
    await chat.send("/back")
    assert chat.templates == ["ask_greater_needs.html"]
    yes = chat.button("Yes")
    await chat.press("No")
    question = chat.last
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None

    await chat.turn(Choice(yes.data))

    assert chat.templates == ["stale_button.html", "ask_step_size.html"]
    assert chat.last.values == question.values
    assert version_of(chat) != yes.data.split(":")[0], "the question shown again has buttons that work"
    after = await state_of(storage, world.teacher.telegram_user_id)
    assert after is not None
    assert (after.flow, after.step, after.answers) == (state.flow, state.step, state.answers)
    await chat.press("Medium step")
    assert chat.templates == ["ask_target.html"]


async def test_an_earlier_quick_check_button_is_refused(dialogue: Dialogue, storage: Storage, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await chat.send(NEEDS_A_REWRITE)
    old = chat.button("Use the suggested rewrite")
    await chat.send("Sam will write his name.")
    state = await state_of(storage, world.teacher.telegram_user_id)
    assert state is not None
    assert await chat.turn(Choice(old.data)) == [Reply("stale_button.html")]
    after = await state_of(storage, world.teacher.telegram_user_id)
    assert after is not None
    assert after.answers == state.answers


async def test_a_button_without_a_version_is_refused(dialogue: Dialogue, world: World) -> None:
    chat = Chat.of(dialogue, world.teacher)
    await to_difficulty(chat)
    await chat.send("/back")
    await chat.turn(Choice("area:cognition_and_learning"))
    assert chat.templates == ["stale_button.html", "ask_area.html"]
