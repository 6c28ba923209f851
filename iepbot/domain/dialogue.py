"""Conversation turns: lock the chat, then save the answer, the new state and an audit event together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from iepbot.domain import audit
from iepbot.domain.enums import AuditAction
from iepbot.domain.ports import Transaction
from iepbot.domain.pupils import load_visible_pupil
from iepbot.domain.records import AnswersChange, AuditSubject, DialogueState, StaffMember


async def begin_turn(tx: Transaction, chat_id: int) -> DialogueState:
    """The chat's current state, locked so no other process handles this chat until `tx` ends."""
    return await tx.dialogue.lock(chat_id, tx.now)


async def save_answer(
    tx: Transaction,
    actor: StaffMember,
    begun: DialogueState,
    *,
    flow: str | None,
    step: str | None,
    answers: Mapping[str, Any],
    pupil_id: int | None = None,
    update_id: int | None = None,
) -> DialogueState:
    """Save the chat's new step and answers in `tx` (with any plan change made there) plus an audit event.

    `begun` is the state `begin_turn` locked and returned: the chat stays locked, so it is not locked again,
    and the save is refused (ConflictError) if the chat is no longer at its version. When the chat becomes
    about a pupil it was not about, the actor must be able to see that pupil; a pupil they can see is in
    their own school, so the audit event takes the actor's school without reading the pupil again.
    """
    if pupil_id is not None and pupil_id != begun.pupil_id:
        await load_visible_pupil(tx, actor, pupil_id)
    state = await tx.dialogue.save(
        begun.chat_id,
        expected_version=begun.version,
        flow=flow,
        step=step,
        answers=answers,
        pupil_id=pupil_id,
        now=tx.now,
        update_id=update_id,
    )
    audit.record(tx, actor, AuditAction.DIALOGUE_ANSWERED, "chat", begun.chat_id, actor.school_id)
    return state


async def save_answers(tx: Transaction, changes: Sequence[AnswersChange]) -> list[bool]:
    """Save turns that changed only answers, many chats at once, each with its audit event; whether each
    was saved, in order. Not saved: a change whose chat moved on (a newer turn was saved first), or whose
    member of staff or school changed or left since the turn read them — its reply may be wrong."""
    now_known = await tx.staff.with_schools({change.actor.id for change in changes})
    still_as_read = [now_known.get(change.actor.id) == (change.actor, change.school) for change in changes]
    verified = [change for change, ok in zip(changes, still_as_read, strict=True) if ok]
    outcomes = iter(await tx.dialogue.save_answers(verified, tx.now))
    saved = [next(outcomes) if ok else False for ok in still_as_read]
    subjects = [
        AuditSubject(change.actor.school_id, change.actor.id, change.chat_id)
        for change, was_saved in zip(changes, saved, strict=True)
        if was_saved
    ]
    await tx.audit.record_many(subjects, action=AuditAction.DIALOGUE_ANSWERED, record_type="chat", at=tx.now)
    return saved
