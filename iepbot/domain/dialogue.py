"""Conversation turns: lock the chat, then save the answer, the new state and an audit event together."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iepbot.domain import audit
from iepbot.domain.enums import AuditAction
from iepbot.domain.pupils import load_visible_pupil
from iepbot.domain.records import DialogueState, StaffMember
from iepbot.storage.unit import Transaction


async def begin_turn(tx: Transaction, chat_id: int) -> DialogueState:
    """The chat's current state, locked so no other process handles this chat until `tx` ends."""
    return await tx.dialogue.lock(chat_id, tx.now)


async def save_answer(
    tx: Transaction,
    actor: StaffMember,
    chat_id: int,
    *,
    expected_version: int,
    flow: str | None,
    step: str | None,
    answers: Mapping[str, Any],
    pupil_id: int | None = None,
    update_id: int | None = None,
) -> DialogueState:
    """Save the chat's new step and answers in `tx` (with any plan change made there) plus an audit event."""
    await tx.dialogue.lock(chat_id, tx.now)
    school_id = actor.school_id
    if pupil_id is not None:
        school_id = (await load_visible_pupil(tx, actor, pupil_id)).school_id
    state = await tx.dialogue.save(
        chat_id,
        expected_version=expected_version,
        flow=flow,
        step=step,
        answers=answers,
        pupil_id=pupil_id,
        now=tx.now,
        update_id=update_id,
    )
    audit.record(tx, actor, AuditAction.DIALOGUE_ANSWERED, "chat", chat_id, school_id)
    return state
