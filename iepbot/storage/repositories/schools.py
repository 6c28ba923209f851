"""Schools, their staff and the invites that bring staff in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.domain.enums import Role
from iepbot.domain.errors import AlreadyRegisteredError, NotFoundError
from iepbot.domain.records import Invite, School, StaffMember
from iepbot.storage.models import InviteRow, SchoolRow, StaffRow
from iepbot.storage.repositories.lookup import row_or_not_found


def school_record(row: SchoolRow) -> School:
    return School(
        id=row.id,
        name=row.name,
        target_limit=row.target_limit,
        term_dates=dict(row.term_dates),
        reviews_per_year=row.reviews_per_year,
        parent_meetings_per_year=row.parent_meetings_per_year,
    )


def staff_record(row: StaffRow) -> StaffMember:
    return StaffMember(
        id=row.id,
        school_id=row.school_id,
        telegram_user_id=row.telegram_user_id,
        name=row.name,
        role=Role(row.role),
    )


def _invite(row: InviteRow) -> Invite:
    return Invite(
        id=row.id,
        school_id=row.school_id,
        role=Role(row.role),
        expires_at=row.expires_at,
        created_by=row.created_by,
        redeemed_by=row.redeemed_by,
    )


class SchoolRepository:
    """Schools: created by the operator, read by everyone in them."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, name: str, target_limit: int, term_dates: Mapping[str, Any], now: datetime) -> School:
        """A new school; AlreadyRegisteredError if one of that name exists, even one committed a moment ago
        by another process (the unique constraint decides; the transaction carries on)."""
        row = SchoolRow(name=name, target_limit=target_limit, term_dates=dict(term_dates), created_at=now)
        try:
            async with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError:
            raise AlreadyRegisteredError(f"A school called {name} is already registered.") from None
        return school_record(row)

    async def get(self, school_id: int) -> School:
        return school_record(
            await row_or_not_found(self._session, SchoolRow, school_id, "That school is not registered.")
        )

    async def set_meetings(self, school_id: int, *, reviews_per_year: int, parent_meetings_per_year: int) -> School:
        """Change how often the school's plans are reviewed and its parents met."""
        row = await row_or_not_found(self._session, SchoolRow, school_id, "That school is not registered.")
        row.reviews_per_year, row.parent_meetings_per_year = reviews_per_year, parent_meetings_per_year
        await self._session.flush()
        return school_record(row)

    async def by_name(self, name: str) -> School | None:
        """The school with exactly this name, or None."""
        row = await self._session.scalar(select(SchoolRow).where(SchoolRow.name == name))
        return None if row is None else school_record(row)

    async def all(self) -> list[School]:
        """Every registered school, by name."""
        rows = await self._session.scalars(select(SchoolRow).order_by(SchoolRow.name))
        return [school_record(row) for row in rows]


NOT_REGISTERED = "That member of staff is not registered."
_IN_POST = StaffRow.removed_at.is_(None)


class StaffRepository:
    """Members of staff, found by id or by their Telegram account; a removed member is found by neither."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, school_id: int, telegram_user_id: int, name: str, role: Role, now: datetime) -> StaffMember:
        row = StaffRow(school_id=school_id, telegram_user_id=telegram_user_id, name=name, role=role, created_at=now)
        self._session.add(row)
        await self._session.flush()
        return staff_record(row)

    async def get(self, staff_id: int) -> StaffMember:
        return staff_record(await self._row(staff_id))

    async def with_schools(self, staff_ids: set[int]) -> dict[int, tuple[StaffMember, School]]:
        """The members of staff of these ids still registered, each with their school, by id."""
        rows = await self._session.execute(
            select(StaffRow, SchoolRow)
            .join(SchoolRow, SchoolRow.id == StaffRow.school_id)
            .where(StaffRow.id.in_(staff_ids), _IN_POST)
        )
        return {staff.id: (staff_record(staff), school_record(school)) for staff, school in rows}

    async def by_telegram_id(self, telegram_user_id: int) -> StaffMember | None:
        row = await self._session.scalar(
            select(StaffRow).where(StaffRow.telegram_user_id == telegram_user_id, _IN_POST)
        )
        return None if row is None else staff_record(row)

    async def with_school_by_telegram_id(self, telegram_user_id: int) -> tuple[StaffMember, School] | None:
        """The member of staff behind the account and their school, in one query; None for a stranger."""
        found = (
            await self._session.execute(
                select(StaffRow, SchoolRow)
                .join(SchoolRow, SchoolRow.id == StaffRow.school_id)
                .where(StaffRow.telegram_user_id == telegram_user_id, _IN_POST)
            )
        ).first()
        return None if found is None else (staff_record(found[0]), school_record(found[1]))

    async def names(self, staff_ids: set[int]) -> dict[int, str]:
        """Names for a set of ids, for messages that say who holds what (removed members keep their name)."""
        rows = await self._session.execute(select(StaffRow.id, StaffRow.name).where(StaffRow.id.in_(staff_ids)))
        return dict(rows.all())

    async def of_school(self, school_id: int) -> list[StaffMember]:
        """Every member of staff of a school still in post, by name."""
        rows = await self._session.scalars(
            select(StaffRow).where(StaffRow.school_id == school_id, _IN_POST).order_by(StaffRow.name, StaffRow.id)
        )
        return [staff_record(row) for row in rows]

    async def with_role(self, school_id: int, role: Role) -> list[StaffMember]:
        """The school's staff in one role (its SENCos, to tell them a plan awaits approval)."""
        rows = await self._session.scalars(
            select(StaffRow)
            .where(StaffRow.school_id == school_id, StaffRow.role == role, _IN_POST)
            .order_by(StaffRow.id)
        )
        return [staff_record(row) for row in rows]

    async def change_role(self, staff_id: int, role: Role) -> StaffMember:
        row = await self._row(staff_id)
        row.role = role
        await self._session.flush()
        return staff_record(row)

    async def remove(self, staff_id: int, now: datetime) -> StaffMember:
        """Mark the member removed: the row stays for the plans and audit events that name them."""
        row = await self._row(staff_id)
        row.removed_at = now
        await self._session.flush()
        return staff_record(row)

    async def _row(self, staff_id: int) -> StaffRow:
        row = await row_or_not_found(self._session, StaffRow, staff_id, NOT_REGISTERED)
        if row.removed_at is not None:
            raise NotFoundError(NOT_REGISTERED)
        return row


class InviteRepository:
    """Invites, looked up only by the hash of their code."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self,
        *,
        school_id: int,
        role: Role,
        code_hash: str,
        expires_at: datetime,
        created_by: int | None,
        now: datetime,
    ) -> Invite:
        row = InviteRow(
            school_id=school_id,
            role=role,
            code_hash=code_hash,
            expires_at=expires_at,
            created_by=created_by,
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return _invite(row)

    async def by_hash(self, code_hash: str) -> Invite | None:
        row = await self._session.scalar(select(InviteRow).where(InviteRow.code_hash == code_hash))
        return None if row is None else _invite(row)

    async def claim(self, invite_id: int, *, staff_id: int, now: datetime) -> bool:
        """Mark the invite used by `staff_id` unless someone got there first; True if this call won."""
        result = await self._session.execute(
            update(InviteRow)
            .where(InviteRow.id == invite_id, InviteRow.redeemed_by.is_(None), InviteRow.expires_at > now)
            .values(redeemed_by=staff_id, redeemed_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]
