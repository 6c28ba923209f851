"""The audit log: append-only events of ids and actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.domain.enums import AuditAction
from iepbot.domain.records import AuditEvent, AuditSubject
from iepbot.storage.models import AuditEventRow


class AuditRepository:
    """Writes and reads audit events; there is deliberately no update or delete."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def record(
        self,
        *,
        school_id: int | None,
        actor_id: int | None,
        action: AuditAction,
        record_type: str,
        record_id: int,
        at: datetime,
    ) -> None:
        """Add an event to the current transaction, so it commits (or not) with the change it records."""
        self._session.add(
            AuditEventRow(
                school_id=school_id,
                actor_id=actor_id,
                action=action.value,
                record_type=record_type,
                record_id=record_id,
                at=at,
            )
        )

    async def record_many(
        self, subjects: Sequence[AuditSubject], *, action: AuditAction, record_type: str, at: datetime
    ) -> None:
        """One event per subject in a single statement, ids not read back: a batch of quick checks writes
        dozens, and row-by-row inserts each waited on the database thread."""
        if subjects:
            rows = [
                {**subject._asdict(), "action": action.value, "record_type": record_type, "at": at}
                for subject in subjects
            ]
            await self._session.execute(insert(AuditEventRow), rows)

    async def for_record(self, record_type: str, record_id: int) -> list[AuditEvent]:
        """The history of one record, oldest first."""
        await self._session.flush()
        rows = await self._session.scalars(
            select(AuditEventRow)
            .where(AuditEventRow.record_type == record_type, AuditEventRow.record_id == record_id)
            .order_by(AuditEventRow.id)
        )
        return [
            AuditEvent(
                id=row.id,
                school_id=row.school_id,
                actor_id=row.actor_id,
                action=AuditAction(row.action),
                record_type=row.record_type,
                record_id=row.record_id,
                at=row.at,
            )
            for row in rows
        ]
