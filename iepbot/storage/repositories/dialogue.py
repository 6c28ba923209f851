"""Conversation state per chat, saved with its answer and audit event, one chat at a time."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.domain.errors import ConflictError
from iepbot.domain.records import AnswersChange, DialogueState, newest_update_id
from iepbot.storage.models import DialogueStateRow

DIALOGUE_CONFLICT = "That message arrived after a newer one in this chat; please answer the latest question."


def _state(row: DialogueStateRow) -> DialogueState:
    return DialogueState(
        chat_id=row.chat_id,
        flow=row.flow,
        step=row.step,
        answers=dict(row.answers),
        version=row.version,
        updated_at=row.updated_at,
        pupil_id=row.pupil_id,
        last_update_id=row.last_update_id,
    )


class DialogueRepository:
    """Dialogue rows; `lock` first, then `save`, all inside one write transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # The rows this transaction locked, held so `save` writes them without reading them again (the
        # session's identity map holds rows only weakly: without this, `save` would SELECT the row anew).
        self._locked: dict[int, DialogueStateRow] = {}

    async def lock(self, chat_id: int, now: datetime) -> DialogueState:
        """The chat's state, created empty if new, locked until the transaction ends.

        The only dialect-specific SQL in storage. The row is read first (PostgreSQL: SELECT … FOR UPDATE, so a
        second bot process handling the same chat waits here; SQLite: the write transaction already began
        IMMEDIATE and holds the database's single write lock, which serialises every chat). Only a chat's
        first turn finds no row: it is inserted if still absent (another process may have just done so) and
        read again under the lock, so a turn costs one statement here, not two.
        """
        row = await self._locked_row(chat_id)
        if row is None:
            values = {"chat_id": chat_id, "answers": {}, "version": 0, "updated_at": now}
            if self._session.get_bind().dialect.name == "postgresql":
                insert_absent: Any = pg_insert(DialogueStateRow).values(values).on_conflict_do_nothing()
            else:
                insert_absent = sqlite_insert(DialogueStateRow).values(values).on_conflict_do_nothing()
            await self._session.execute(insert_absent)
            row = await self._locked_row(chat_id)
        assert row is not None  # inserted above if it was absent
        self._locked[chat_id] = row
        return _state(row)

    async def _locked_row(self, chat_id: int) -> DialogueStateRow | None:
        query = select(DialogueStateRow).where(DialogueStateRow.chat_id == chat_id)
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        return await self._session.scalar(query.execution_options(populate_existing=True))

    async def forget_chat(self, chat_id: int) -> None:
        """Drop a chat's state altogether (a member of staff removed: their drafts may quote plans)."""
        await self._session.execute(delete(DialogueStateRow).where(DialogueStateRow.chat_id == chat_id))

    async def forget_pupil(self, pupil_id: int, *, chat_ids: list[int], mentions: Callable[[str], bool]) -> None:
        """Erasure: end these chats' flows about `pupil_id` or mentioning them, drop such flows they parked and a
        last quick check naming them, keeping the rest.

        The foreign key would delete a whole chat row with its pupil, taking flows parked about other
        pupils with it; so the flow in progress is ended here first and the row no longer points at the pupil.
        A flow for a pupil not yet saved, or a quick check, names the pupil without pointing at them: `mentions`
        finds those in the text.
        """
        if not chat_ids:
            return

        def about(flow: Mapping[str, Any]) -> bool:
            """A flow (in progress or parked) about the pupil: a draft or review pointing at them, or naming them."""
            answers = {key: flow.get(key) for key in ("draft", "review") if isinstance(flow.get(key), Mapping)}
            return _about(flow) == pupil_id or mentions(json.dumps(answers, ensure_ascii=False))

        rows = await self._session.scalars(select(DialogueStateRow).where(DialogueStateRow.chat_id.in_(chat_ids)))
        for row in rows:
            answers = dict(row.answers)
            parked = answers.get("parked", [])
            kept = [flow for flow in parked if not about(flow)]
            in_progress = row.pupil_id == pupil_id or about(answers)
            last_check = answers.get("last_check")
            names_in_check = isinstance(last_check, str) and mentions(last_check)
            if not in_progress and not names_in_check and len(kept) == len(parked):
                continue
            answers["parked"] = kept
            if in_progress:
                row.flow, row.step, row.pupil_id = None, None, None
                answers.update(draft={}, history=[])
                answers.pop("review", None)
            if names_in_check:
                del answers["last_check"]
            row.answers = answers
            row.version += 1
        await self._session.flush()

    async def save_answers(self, changes: Sequence[AnswersChange], now: datetime) -> list[bool]:
        """Save each change whose chat is still at its expected version; whether each was saved, in order.

        Many chats in one statement. The versions are read under lock first (SQLite: the write transaction
        holds the database's write lock; PostgreSQL: FOR UPDATE, in chat order so two batches cannot
        deadlock), so a chat that moved on since its turn was read is left alone for the caller to redo.
        """
        if not changes:
            return []
        query = (
            select(DialogueStateRow.chat_id, DialogueStateRow.version, DialogueStateRow.last_update_id)
            .where(DialogueStateRow.chat_id.in_({change.chat_id for change in changes}))
            .order_by(DialogueStateRow.chat_id)
        )
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        current = {chat_id: (version, last) for chat_id, version, last in await self._session.execute(query)}
        saved: list[bool] = []
        rows: list[dict[str, Any]] = []
        for change in changes:
            version, last_update_id = current.get(change.chat_id, (None, None))
            saved.append(version == change.expected_version)
            if version is None or not saved[-1]:
                continue
            last_update_id = newest_update_id(last_update_id, change.update_id)
            current[change.chat_id] = (version + 1, last_update_id)
            rows.append(
                {
                    "chat_id": change.chat_id,
                    "answers": dict(change.answers),
                    "version": version + 1,
                    "updated_at": now,
                    "last_update_id": last_update_id,
                }
            )
        if rows:
            await self._session.execute(update(DialogueStateRow), rows)
        return saved

    async def get(self, chat_id: int) -> DialogueState | None:
        row = await self._session.get(DialogueStateRow, chat_id)
        return None if row is None else _state(row)

    async def save(
        self,
        chat_id: int,
        *,
        expected_version: int,
        flow: str | None,
        step: str | None,
        answers: Mapping[str, Any],
        pupil_id: int | None,
        now: datetime,
        update_id: int | None = None,
    ) -> DialogueState:
        """Write the new state of a chat locked by `lock`; a stale version means a newer update won."""
        row = self._locked.get(chat_id) or await self._session.get(DialogueStateRow, chat_id)
        if row is None or row.version != expected_version:
            raise ConflictError(DIALOGUE_CONFLICT)
        row.flow = flow
        row.step = step
        row.answers = dict(answers)
        row.pupil_id = pupil_id
        row.version = expected_version + 1
        row.updated_at = now
        row.last_update_id = newest_update_id(row.last_update_id, update_id)
        await self._session.flush()
        return _state(row)


def _about(flow: Mapping[str, Any]) -> object:
    """The pupil a saved flow is about: a draft's (the /new flow) or a review's (the /review_plan flow)."""
    for key in ("review", "draft"):
        part = flow.get(key)
        if isinstance(part, Mapping) and part.get("pupil_id") is not None:
            return part.get("pupil_id")
    return None
