"""What the reminders read (plans under way, with their author and last parents' meeting) and what they write
(each reminder claimed once, then marked sent)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.domain.enums import PlanStatus, ReminderKind
from iepbot.domain.records import ReminderKey, RunningPlan
from iepbot.storage.models import PlanRow, PupilRow, ReminderSentRow, ReviewRow, StaffRow

UNDER_WAY = (PlanStatus.ACTIVE.value, PlanStatus.IN_REVIEW.value)
KEYS_A_QUERY = 300  # three bound values a key: well inside SQLite's and asyncpg's limits


class ReminderRepository:
    """Reminders are claimed before they are sent and marked after, so a restart neither loses nor repeats one."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def running_plans(self) -> list[RunningPlan]:
        """Every active or in-review plan with what its reminders need, in one query."""
        last_meeting = (
            select(ReviewRow.plan_id, func.max(ReviewRow.held_on).label("held_on"))
            .where(ReviewRow.parent_views.is_not(None))
            .group_by(ReviewRow.plan_id)
            .subquery()
        )
        rows = await self._session.execute(
            select(
                PlanRow.id,
                PupilRow.school_id,
                StaffRow.telegram_user_id,
                PupilRow.display_name,
                PlanRow.status,
                PlanRow.review_date,
                PlanRow.start_date,
                PlanRow.created_at,
                last_meeting.c.held_on,
            )
            .join(PupilRow, PupilRow.id == PlanRow.pupil_id)
            .join(StaffRow, StaffRow.id == PlanRow.author_id)
            .outerjoin(last_meeting, last_meeting.c.plan_id == PlanRow.id)
            .where(PlanRow.status.in_(UNDER_WAY))
            .order_by(PlanRow.id)
        )
        return [
            RunningPlan(
                plan_id=plan_id,
                school_id=school_id,
                author_chat=chat,
                pupil_name=name,
                status=PlanStatus(status),
                review_date=review_date,
                started_on=start_date or created_at.date(),
                last_parents_meeting=held_on,
            )
            for plan_id, school_id, chat, name, status, review_date, start_date, created_at, held_on in rows
        ]

    async def claim(self, key: ReminderKey, *, now: datetime, retry_after: timedelta) -> bool:
        """True if this caller should send the reminder now: never claimed, or claimed over `retry_after` ago
        and never marked sent (the process stopped between claiming and sending)."""
        row = ReminderSentRow(kind=key.kind.value, record_id=key.record_id, due_on=key.due_on, claimed_at=now)
        try:
            async with self._session.begin_nested():
                self._session.add(row)
            return True
        except IntegrityError:
            pass
        taken = await self._session.execute(
            update(ReminderSentRow)
            .where(_is(key), ReminderSentRow.sent_at.is_(None), ReminderSentRow.claimed_at < now - retry_after)
            .values(claimed_at=now)
        )
        return bool(taken.rowcount)  # type: ignore[attr-defined]

    async def mark_sent(self, key: ReminderKey, *, now: datetime) -> None:
        await self._session.execute(update(ReminderSentRow).where(_is(key)).values(sent_at=now))

    async def sent(self, keys: Sequence[ReminderKey]) -> set[ReminderKey]:
        """Those of `keys` already sent, read in a few queries however many plans the school runs."""
        found: set[ReminderKey] = set()
        for start in range(0, len(keys), KEYS_A_QUERY):
            chunk = [(key.kind.value, key.record_id, key.due_on) for key in keys[start : start + KEYS_A_QUERY]]
            rows = await self._session.execute(
                select(ReminderSentRow.kind, ReminderSentRow.record_id, ReminderSentRow.due_on).where(
                    ReminderSentRow.sent_at.is_not(None),
                    tuple_(ReminderSentRow.kind, ReminderSentRow.record_id, ReminderSentRow.due_on).in_(chunk),
                )
            )
            found.update(ReminderKey(ReminderKind(kind), record_id, due_on) for kind, record_id, due_on in rows)
        return found


def _is(key: ReminderKey) -> ColumnElement[bool]:
    return and_(
        ReminderSentRow.kind == key.kind.value,
        ReminderSentRow.record_id == key.record_id,
        ReminderSentRow.due_on == key.due_on,
    )
