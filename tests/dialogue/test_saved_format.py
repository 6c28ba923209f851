"""Chats saved before the typed draft resume after the upgrade: the saved JSON layout is unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from iepbot.dialogue.drafting.draft import Draft
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.memory import ChatMemory
from iepbot.domain.plans import my_plans
from iepbot.domain.records import DialogueState
from iepbot.domain.targets import list_targets
from iepbot.storage.storage import Storage
from tests.dialogue.support import Chat
from tests.storage.support import World

# A chat at target 2's "resources" question, with a plan for Ava parked, as the release before the typed
# draft saved it (written by that code, not by hand).
SAVED = json.loads((Path(__file__).parent / "saved_state_before_typed_draft.json").read_text(encoding="utf-8"))


def answered(values: Any) -> Any:
    """The saved JSON without unanswered values: null, and false for the two flags that default to it."""
    if isinstance(values, dict):
        return {
            key: value if key == "report" else answered(value)  # the checker's report is kept whole
            for key, value in values.items()
            if value is not None and not (key in {"accepted", "kept_as_written"} and value is False)
        }
    if isinstance(values, list):
        return [answered(value) for value in values]
    return values


async def save_old_state(storage: Storage, chat_id: int) -> None:
    async with storage.write() as tx:
        state = await tx.dialogue.lock(chat_id, tx.now)
        await tx.dialogue.save(
            chat_id,
            expected_version=state.version,
            flow=SAVED["flow"],
            step=SAVED["step"],
            answers=SAVED["answers"],
            pupil_id=None,
            now=tx.now,
        )


def test_an_old_draft_reads_into_the_typed_draft_and_writes_back_the_same_json() -> None:
    draft = Draft.from_json(SAVED["answers"]["draft"])
    assert (draft.pupil_name, draft.year, draft.index, len(draft.targets)) == ("Sam", 2, 1, 2)
    assert draft.greater_needs is False
    assert draft.targets[1].bank_id == "cl-phonics-cvc-blending-1"
    assert draft.to_json() == answered(SAVED["answers"]["draft"])
    state = DialogueState(1, SAVED["flow"], SAVED["step"], SAVED["answers"], 3, datetime.now(UTC), None)
    assert ChatMemory.from_state(state).to_answers() == answered(SAVED["answers"])


async def test_a_chat_saved_in_the_old_format_carries_on_to_submission_after_the_upgrade(
    dialogue: Dialogue, storage: Storage, world: World
) -> None:
    await save_old_state(storage, world.teacher.telegram_user_id)
    chat = Chat.of(dialogue, world.teacher)
    await chat.send("/resume")
    assert (chat.last.template, chat.last.values["field"], chat.last.values["number"]) == (
        "ask_detail.html",
        "resources",
        2,
    )
    for answer in ("Sound buttons", "Class teacher", "Three times a week", "8 of 10 words", "Weekly check"):
        await chat.send(answer)
    await chat.press("No more targets")
    await chat.press("12 February 2027")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Submit")
    assert chat.templates[0] == "plan_submitted.html"
    assert chat.replies[0].values["count"] == 2
    async with storage.read() as tx:
        [plan] = await my_plans(tx, world.teacher)
        targets = await list_targets(tx, world.teacher, plan.plan_id)
    assert [(t.teaching_strategy, t.resources) for t in targets] == [
        ("Precision teaching", "Word cards"),
        ("Phonics games", "Sound buttons"),
    ]
    await chat.send("/resume")
    assert (chat.last.template, chat.last.values["name"]) == ("ask_area.html", "Ava")
