"""Pupils and who they are shared with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.domain.records import Pupil, RetentionCandidate
from iepbot.storage.models import PupilAccessRow, PupilRow
from iepbot.storage.repositories.lookup import row_or_not_found
from nlp.areas import Area


def _pupil(row: PupilRow) -> Pupil:
    return Pupil(
        id=row.id,
        school_id=row.school_id,
        teacher_id=row.teacher_id,
        display_name=row.display_name,
        year_group=row.year_group,
        class_name=row.class_name,
        areas_of_need=tuple(Area(area) for area in row.areas_of_need),
        created_at=row.created_at,
    )


class PupilRepository:
    """Pupils of a school; the access rules themselves live in `iepbot.domain.access`."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self,
        *,
        school_id: int,
        teacher_id: int,
        display_name: str,
        year_group: str,
        class_name: str,
        areas_of_need: Sequence[Area],
        now: datetime,
    ) -> Pupil:
        row = PupilRow(
            school_id=school_id,
            teacher_id=teacher_id,
            display_name=display_name,
            year_group=year_group,
            class_name=class_name,
            areas_of_need=[area.value for area in areas_of_need],
            created_at=now,
            last_activity_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return _pupil(row)

    async def get(self, pupil_id: int) -> Pupil:
        return _pupil(await row_or_not_found(self._session, PupilRow, pupil_id, "That pupil is not on the system."))

    async def taught_by(self, staff_id: int) -> list[Pupil]:
        """The staff member's own pupils and those shared with them, most recently active first."""
        shared = select(PupilAccessRow.pupil_id).where(PupilAccessRow.staff_id == staff_id)
        rows = await self._session.scalars(
            select(PupilRow)
            .where((PupilRow.teacher_id == staff_id) | PupilRow.id.in_(shared))
            .order_by(PupilRow.last_activity_at.desc(), PupilRow.id.desc())
        )
        return [_pupil(row) for row in rows]

    async def in_school(self, school_id: int) -> list[Pupil]:
        """Every pupil of a school, most recently active first."""
        rows = await self._session.scalars(
            select(PupilRow)
            .where(PupilRow.school_id == school_id)
            .order_by(PupilRow.last_activity_at.desc(), PupilRow.id.desc())
        )
        return [_pupil(row) for row in rows]

    async def is_shared_with(self, pupil_id: int, staff_id: int) -> bool:
        shared = await self._session.scalar(
            select(exists().where(PupilAccessRow.pupil_id == pupil_id, PupilAccessRow.staff_id == staff_id))
        )
        return bool(shared)

    async def share(self, pupil_id: int, staff_id: int) -> bool:
        """Give `staff_id` access; False if they already had it."""
        if await self.is_shared_with(pupil_id, staff_id):
            return False
        self._session.add(PupilAccessRow(pupil_id=pupil_id, staff_id=staff_id))
        await self._session.flush()
        return True

    async def touch(self, pupil_id: int, now: datetime) -> None:
        """Note activity on the pupil's records, which restarts their retention period."""
        await self._session.execute(
            update(PupilRow)
            .where(PupilRow.id == pupil_id)
            .values(last_activity_at=now)
            .execution_options(synchronize_session=False)
        )

    async def delete(self, pupil_id: int) -> None:
        """Delete the pupil; the database cascades to plans, targets, reviews, shares and dialogues."""
        await self._session.execute(
            delete(PupilRow).where(PupilRow.id == pupil_id).execution_options(synchronize_session=False)
        )
        self._session.expunge_all()

    async def inactive_since(self, cutoff: datetime) -> list[RetentionCandidate]:
        """Pupils with no activity since `cutoff`, oldest first."""
        rows = await self._session.execute(
            select(PupilRow.id, PupilRow.school_id, PupilRow.last_activity_at)
            .where(PupilRow.last_activity_at < cutoff)
            .order_by(PupilRow.last_activity_at, PupilRow.id)
        )
        return [
            RetentionCandidate(pupil_id=pupil_id, school_id=school_id, last_activity=last)
            for pupil_id, school_id, last in rows
        ]
