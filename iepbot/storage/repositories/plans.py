"""Plans, their targets and reviews: the aggregate whose version guards concurrent saves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from iepbot.domain.enums import COUNTED_STATUSES, Outcome, PlanStatus
from iepbot.domain.errors import ConflictError, NotFoundError
from iepbot.domain.records import GroupMember, Plan, PlanSummary, Review, ReviewNotes, Target, TargetDraft
from iepbot.storage.models import PlanGroupPupilRow, PlanRow, PupilAccessRow, PupilRow, ReviewRow, TargetRow
from iepbot.storage.repositories.lookup import row_or_not_found
from nlp.areas import Area

PLAN_MISSING = "That plan does not exist (it may have been erased)."
CONFLICT_MESSAGE = (
    "Someone else saved this plan while you were working on it. Nothing has been overwritten: "
    "open the plan again to see their changes, then make yours."
)


def _plan(row: PlanRow) -> Plan:
    return Plan(
        id=row.id,
        pupil_id=row.pupil_id,
        author_id=row.author_id,
        status=PlanStatus(row.status),
        start_date=row.start_date,
        review_date=row.review_date,
        nature_of_difficulties=row.nature_of_difficulties,
        strengths_and_motivation=row.strengths_and_motivation,
        entry_skills=row.entry_skills,
        parental_support=row.parental_support,
        pupil_voice=row.pupil_voice,
        pastoral_notes=row.pastoral_notes,
        medical_notes=row.medical_notes,
        return_comment=row.return_comment,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _target(row: TargetRow) -> Target:
    return Target(
        id=row.id,
        plan_id=row.plan_id,
        position=row.position,
        text=row.text,
        area=Area(row.area),
        smart_report=dict(row.smart_report),
        deadline=row.deadline,
        step_size=row.step_size,
        teaching_strategy=row.teaching_strategy,
        resources=row.resources,
        staffing=row.staffing,
        frequency=row.frequency,
        success_criteria=row.success_criteria,
        monitoring=row.monitoring,
        outcome=None if row.outcome is None else Outcome(row.outcome),
        analysis=None if row.analysis is None else dict(row.analysis),
        evidence=row.evidence,
        bank_id=row.bank_id,
    )


def _review(row: ReviewRow) -> Review:
    return Review(
        id=row.id,
        plan_id=row.plan_id,
        held_on=row.held_on,
        attendees=row.attendees,
        parent_views=row.parent_views,
        pupil_views=row.pupil_views,
        notes=row.notes,
        recorded_by=row.recorded_by,
    )


class PlanRepository:
    """Plans; every change goes through `change`, which checks the version the caller last saw."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, pupil_id: int, author_id: int, now: datetime) -> Plan:
        row = PlanRow(pupil_id=pupil_id, author_id=author_id, status=PlanStatus.DRAFT, created_at=now, updated_at=now)
        self._session.add(row)
        await self._session.flush()
        return _plan(row)

    async def get(self, plan_id: int) -> Plan:
        return _plan(await self._row(plan_id))

    async def lock(self, plan_id: int) -> Plan:
        """The plan as committed now, its row locked until the transaction ends (PostgreSQL: FOR UPDATE; SQLite's
        write transaction already holds the one write lock): two SENCos deciding at once are taken in turn."""
        query = select(PlanRow).where(PlanRow.id == plan_id)
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        row = await self._session.scalar(query.execution_options(populate_existing=True))
        if row is None:
            raise NotFoundError(PLAN_MISSING)
        return _plan(row)

    async def change(self, plan_id: int, *, expected_version: int, values: Mapping[str, Any], now: datetime) -> Plan:
        """Apply `values` and bump the version, or raise ConflictError if someone saved in between."""
        row = await self._row(plan_id)
        if row.version != expected_version:
            raise ConflictError(CONFLICT_MESSAGE)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = now
        # Always dirty, even when the clock has not moved: the UPDATE (version check and bump) must run.
        flag_modified(row, "updated_at")
        try:
            await self._session.flush()
        except StaleDataError as error:  # committed by another transaction since this one read the row
            raise ConflictError(CONFLICT_MESSAGE) from error
        return _plan(row)

    async def for_pupil(self, pupil_id: int) -> list[Plan]:
        rows = await self._session.scalars(select(PlanRow).where(PlanRow.pupil_id == pupil_id).order_by(PlanRow.id))
        return [_plan(row) for row in rows]

    async def summaries_for_staff(self, staff_id: int) -> list[PlanSummary]:
        """Plans of the pupils a teacher teaches or has been given: the "my plans" list."""
        pupil_ids = union(
            select(PupilRow.id).where(PupilRow.teacher_id == staff_id),
            select(PupilAccessRow.pupil_id).where(PupilAccessRow.staff_id == staff_id),
        ).subquery()
        return await self._summaries(PupilRow.id.in_(select(pupil_ids.c[0])))

    async def summaries_for_school(self, school_id: int, statuses: Iterable[PlanStatus]) -> list[PlanSummary]:
        """Plans of a whole school in the given statuses: a SENCo's list."""
        wanted = [status.value for status in statuses]
        return await self._summaries(PupilRow.school_id == school_id, PlanRow.status.in_(wanted))

    async def counted_targets_by_author(self, pupil_id: int, *, excluding_plan: int | None) -> dict[int, int]:
        """Targets on the pupil's agreed, unfinished plans (but `excluding_plan`), counted per plan author:
        their own plans and the group plans they are on."""
        on_groups = select(PlanGroupPupilRow.plan_id).where(PlanGroupPupilRow.pupil_id == pupil_id)
        conditions = [
            or_(PlanRow.pupil_id == pupil_id, PlanRow.id.in_(on_groups)),
            PlanRow.status.in_([status.value for status in COUNTED_STATUSES]),
        ]
        if excluding_plan is not None:
            conditions.append(PlanRow.id != excluding_plan)
        rows = await self._session.execute(
            select(PlanRow.author_id, func.count(TargetRow.id))
            .join(TargetRow, TargetRow.plan_id == PlanRow.id)
            .where(*conditions)
            .group_by(PlanRow.author_id)
        )
        return dict(rows.all())

    async def group_members(self, plan_id: int) -> list[GroupMember]:
        rows = await self._session.scalars(
            select(PlanGroupPupilRow).where(PlanGroupPupilRow.plan_id == plan_id).order_by(PlanGroupPupilRow.pupil_id)
        )
        return [GroupMember(row.pupil_id, row.parental_support, row.pupil_voice) for row in rows]

    async def memberships(self, pupil_id: int) -> dict[int, GroupMember]:
        rows = await self._session.scalars(
            select(PlanGroupPupilRow).where(PlanGroupPupilRow.pupil_id == pupil_id).order_by(PlanGroupPupilRow.plan_id)
        )
        return {row.plan_id: GroupMember(row.pupil_id, row.parental_support, row.pupil_voice) for row in rows}

    async def add_group_member(self, plan_id: int, member: GroupMember) -> bool:
        if await self._session.get(PlanGroupPupilRow, (plan_id, member.pupil_id)) is not None:
            return False
        self._session.add(
            PlanGroupPupilRow(
                plan_id=plan_id,
                pupil_id=member.pupil_id,
                parental_support=member.parental_support,
                pupil_voice=member.pupil_voice,
            )
        )
        await self._session.flush()
        return True

    async def _summaries(self, *conditions: Any) -> list[PlanSummary]:
        rows = await self._session.execute(
            select(
                PlanRow.id,
                PupilRow.id,
                PupilRow.display_name,
                PupilRow.year_group,
                PlanRow.status,
                PlanRow.review_date,
                PlanRow.author_id,
                PlanRow.version,
            )
            .join(PupilRow, PupilRow.id == PlanRow.pupil_id)
            .where(*conditions)
            .order_by(PupilRow.display_name, PlanRow.id)
        )
        return [
            PlanSummary(
                plan_id=plan_id,
                pupil_id=pupil_id,
                pupil_name=name,
                year_group=year_group,
                status=PlanStatus(status),
                review_date=review_date,
                author_id=author_id,
                version=version,
            )
            for plan_id, pupil_id, name, year_group, status, review_date, author_id, version in rows
        ]

    async def _row(self, plan_id: int) -> PlanRow:
        return await row_or_not_found(self._session, PlanRow, plan_id, PLAN_MISSING)


class TargetRepository:
    """Targets of a plan, kept in order by position."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_plan(self, plan_id: int) -> list[Target]:
        rows = await self._session.scalars(
            select(TargetRow).where(TargetRow.plan_id == plan_id).order_by(TargetRow.position)
        )
        return [_target(row) for row in rows]

    async def for_plans(self, plan_ids: set[int]) -> list[Target]:
        """The targets of several plans in one query, by plan and position (a school's overview)."""
        rows = await self._session.scalars(
            select(TargetRow).where(TargetRow.plan_id.in_(plan_ids)).order_by(TargetRow.plan_id, TargetRow.position)
        )
        return [_target(row) for row in rows]

    async def count_for_plan(self, plan_id: int) -> int:
        count = await self._session.scalar(select(func.count(TargetRow.id)).where(TargetRow.plan_id == plan_id))
        return int(count or 0)

    async def get(self, target_id: int) -> Target:
        return _target(await self._row(target_id))

    async def add(self, plan_id: int, draft: TargetDraft) -> Target:
        last = await self._session.scalar(select(func.max(TargetRow.position)).where(TargetRow.plan_id == plan_id))
        row = TargetRow(
            plan_id=plan_id,
            position=(last or 0) + 1,
            text=draft.text,
            area=draft.area,
            smart_report=dict(draft.smart_report),
            deadline=draft.deadline,
            step_size=draft.step_size,
            teaching_strategy=draft.teaching_strategy,
            resources=draft.resources,
            staffing=draft.staffing,
            frequency=draft.frequency,
            success_criteria=draft.success_criteria,
            monitoring=draft.monitoring,
            bank_id=draft.bank_id,
        )
        self._session.add(row)
        await self._session.flush()
        return _target(row)

    async def change(self, target_id: int, values: Mapping[str, Any]) -> Target:
        row = await self._row(target_id)
        for name, value in values.items():
            setattr(row, name, value)
        await self._session.flush()
        return _target(row)

    async def remove(self, target_id: int) -> None:
        await self._session.delete(await self._row(target_id))
        await self._session.flush()

    async def _row(self, target_id: int) -> TargetRow:
        return await row_or_not_found(
            self._session, TargetRow, target_id, "That target does not exist (it may have been removed)."
        )


class ReviewRepository:
    """Review meetings of a plan."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, plan_id: int, notes: ReviewNotes, *, recorded_by: int, now: datetime) -> Review:
        row = ReviewRow(
            plan_id=plan_id,
            held_on=notes.held_on,
            attendees=notes.attendees,
            parent_views=notes.parent_views,
            pupil_views=notes.pupil_views,
            notes=notes.notes,
            recorded_by=recorded_by,
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return _review(row)

    async def for_plan(self, plan_id: int) -> list[Review]:
        rows = await self._session.scalars(
            select(ReviewRow).where(ReviewRow.plan_id == plan_id).order_by(ReviewRow.held_on, ReviewRow.id)
        )
        return [_review(row) for row in rows]
