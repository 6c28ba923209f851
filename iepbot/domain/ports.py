"""What the rules need from storage, said by the rules: the transaction and its repositories as Protocols.

The domain owns these, `iepbot.storage` implements them (`storage.unit.Transaction`, the repositories), and
the domain never imports storage: the arrow runs one way, from the database up to the rules it serves. A
test checks every concrete repository still matches its Protocol (`tests/domain/test_transport_free.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import Any, Protocol

from iepbot.domain.enums import AuditAction, PlanStatus, Role
from iepbot.domain.records import (
    AnswersChange,
    AuditEvent,
    AuditSubject,
    DialogueState,
    GroupMember,
    Invite,
    Plan,
    PlanSummary,
    Posted,
    Pupil,
    ReminderKey,
    RetentionCandidate,
    Review,
    ReviewNotes,
    RunningPlan,
    School,
    StaffMember,
    Target,
    TargetDraft,
)
from nlp.areas import Area


class Schools(Protocol):
    async def add(self, *, name: str, target_limit: int, term_dates: Mapping[str, Any], now: datetime) -> School:
        """A new school; AlreadyRegisteredError if one of that name exists."""
        ...

    async def get(self, school_id: int) -> School: ...

    async def by_name(self, name: str) -> School | None: ...

    async def all(self) -> list[School]:
        """Every registered school, by name: few enough to compare a new name against each."""
        ...

    async def set_meetings(self, school_id: int, *, reviews_per_year: int, parent_meetings_per_year: int) -> School: ...


class Staff(Protocol):
    async def add(
        self, *, school_id: int, telegram_user_id: int, name: str, role: Role, now: datetime
    ) -> StaffMember: ...

    async def get(self, staff_id: int) -> StaffMember: ...

    async def with_schools(self, staff_ids: set[int]) -> dict[int, tuple[StaffMember, School]]:
        """The members of staff of these ids still registered, each with their school, by id."""
        ...

    async def by_telegram_id(self, telegram_user_id: int) -> StaffMember | None: ...

    async def with_school_by_telegram_id(self, telegram_user_id: int) -> tuple[StaffMember, School] | None:
        """The member of staff behind the account and their school, in one query; None for a stranger."""
        ...

    async def names(self, staff_ids: set[int]) -> dict[int, str]: ...

    async def of_school(self, school_id: int) -> list[StaffMember]: ...

    async def with_role(self, school_id: int, role: Role) -> list[StaffMember]: ...

    async def change_role(self, staff_id: int, role: Role) -> StaffMember: ...

    async def remove(self, staff_id: int, now: datetime) -> StaffMember:
        """Mark the member removed: no lookup finds them again, their name stays on what they wrote."""
        ...


class Invites(Protocol):
    async def add(
        self,
        *,
        school_id: int,
        role: Role,
        code_hash: str,
        expires_at: datetime,
        created_by: int | None,
        now: datetime,
    ) -> Invite: ...

    async def by_hash(self, code_hash: str) -> Invite | None: ...

    async def claim(self, invite_id: int, *, staff_id: int, now: datetime) -> bool:
        """Mark the invite used by `staff_id` unless someone got there first; True if this call won."""
        ...


class Pupils(Protocol):
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
    ) -> Pupil: ...

    async def get(self, pupil_id: int) -> Pupil: ...

    async def taught_by(self, staff_id: int) -> list[Pupil]: ...

    async def in_school(self, school_id: int) -> list[Pupil]: ...

    async def is_shared_with(self, pupil_id: int, staff_id: int) -> bool: ...

    async def share(self, pupil_id: int, staff_id: int) -> bool: ...

    async def touch(self, pupil_id: int, now: datetime) -> None: ...

    async def delete(self, pupil_id: int) -> None: ...

    async def inactive_since(self, cutoff: datetime) -> list[RetentionCandidate]: ...


class Plans(Protocol):
    async def add(self, *, pupil_id: int, author_id: int, now: datetime) -> Plan: ...

    async def get(self, plan_id: int) -> Plan: ...

    async def lock(self, plan_id: int) -> Plan:
        """The plan as committed now, locked until the transaction ends: decisions on it are taken in turn."""
        ...

    async def change(self, plan_id: int, *, expected_version: int, values: Mapping[str, Any], now: datetime) -> Plan:
        """Apply `values` and bump the version, or raise ConflictError if someone saved in between."""
        ...

    async def for_pupil(self, pupil_id: int) -> list[Plan]: ...

    async def summaries_for_staff(self, staff_id: int) -> list[PlanSummary]: ...

    async def summaries_for_school(self, school_id: int, statuses: Iterable[PlanStatus]) -> list[PlanSummary]: ...

    async def counted_targets_by_author(self, pupil_id: int, *, excluding_plan: int | None) -> dict[int, int]: ...

    async def group_members(self, plan_id: int) -> list[GroupMember]:
        """The other pupils of a group plan, by pupil id; empty for a one-pupil plan."""
        ...

    async def memberships(self, pupil_id: int) -> dict[int, GroupMember]:
        """The group plans a pupil is on as another pupil, by plan id, with what is theirs on each."""
        ...

    async def add_group_member(self, plan_id: int, member: GroupMember) -> bool:
        """Put another pupil on the plan; False if they were on it already (nothing changes)."""
        ...


class Targets(Protocol):
    async def for_plan(self, plan_id: int) -> list[Target]: ...

    async def for_plans(self, plan_ids: set[int]) -> list[Target]: ...

    async def count_for_plan(self, plan_id: int) -> int: ...

    async def get(self, target_id: int) -> Target: ...

    async def add(self, plan_id: int, draft: TargetDraft) -> Target: ...

    async def change(self, target_id: int, values: Mapping[str, Any]) -> Target: ...

    async def remove(self, target_id: int) -> None: ...


class Reviews(Protocol):
    async def add(self, plan_id: int, notes: ReviewNotes, *, recorded_by: int, now: datetime) -> Review: ...

    async def for_plan(self, plan_id: int) -> list[Review]: ...


class Reminders(Protocol):
    async def running_plans(self) -> list[RunningPlan]: ...

    async def claim(self, key: ReminderKey, *, now: datetime, retry_after: timedelta) -> bool:
        """True if this caller should send the reminder now (never claimed, or claimed long ago and unsent)."""
        ...

    async def mark_sent(self, key: ReminderKey, *, now: datetime) -> None: ...

    async def sent(self, keys: Sequence[ReminderKey]) -> set[ReminderKey]:
        """Those of `keys` already sent."""
        ...


class Audit(Protocol):
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
        ...

    async def record_many(
        self, subjects: Sequence[AuditSubject], *, action: AuditAction, record_type: str, at: datetime
    ) -> None: ...

    async def for_record(self, record_type: str, record_id: int) -> list[AuditEvent]: ...


class Dialogues(Protocol):
    async def lock(self, chat_id: int, now: datetime) -> DialogueState:
        """The chat's state, created empty if new, locked until the transaction ends."""
        ...

    async def forget_chat(self, chat_id: int) -> None: ...

    async def forget_pupil(self, pupil_id: int, *, chat_ids: list[int], mentions: Callable[[str], bool]) -> None:
        """Erasure: drop these chats' flows about the pupil or mentioning them, and a quick check naming them."""
        ...

    async def save_answers(self, changes: Sequence[AnswersChange], now: datetime) -> list[bool]: ...

    async def get(self, chat_id: int) -> DialogueState | None: ...

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
        ...


class Outbox(Protocol):
    """Messages saved with the turn that produced them, until Telegram accepts them."""

    async def add(self, posted: Sequence[Posted], *, now: datetime, claimer: str, lease_until: datetime) -> None:
        """Save letters under the ids the caller gave them, claimed by `claimer` until `lease_until` (it sends
        them after the commit)."""
        ...

    async def claim_due(
        self, *, now: datetime, claimer: str, lease_until: datetime, limit: int, take_over: bool
    ) -> list[Posted]:
        """Unsent letters nobody holds (with `take_over`, also those other claimers hold), claimed by `claimer`
        until `lease_until`, oldest first (by time saved, then id); on PostgreSQL rows another worker is claiming
        are skipped."""
        ...

    async def mark_sent(self, sent: Sequence[tuple[int, int]], *, now: datetime) -> None:
        """(outbox id, Telegram message id) pairs accepted by Telegram; their text is not kept."""
        ...

    async def retry_at(self, ids: Sequence[int], when: datetime) -> None:
        """Release these letters' claim so they are tried again from `when`."""
        ...

    async def drop(self, ids: Sequence[int]) -> None:
        """Letters Telegram refused for good (a bad request, a blocked bot): nothing to try again."""
        ...

    async def forget(self, chat_ids: Sequence[int], mentions: Callable[[str], bool]) -> None:
        """Erasure: drop unsent letters to these chats whose text `mentions` the pupil."""
        ...

    async def purge_sent(self, before: datetime) -> None:
        """Forget letters sent before `before`: after that nobody needs their message ids."""
        ...


class Transaction(Protocol):
    """One unit of work: everything a service does through it commits together or not at all.

    `now` is fixed for the transaction's length. `savepoint()` opens a nested transaction: leaving it with an
    exception undoes only what was written inside it (a refused step), the rest of the turn goes on.
    """

    @property
    def now(self) -> datetime: ...

    @property
    def schools(self) -> Schools: ...

    @property
    def staff(self) -> Staff: ...

    @property
    def invites(self) -> Invites: ...

    @property
    def pupils(self) -> Pupils: ...

    @property
    def plans(self) -> Plans: ...

    @property
    def targets(self) -> Targets: ...

    @property
    def reviews(self) -> Reviews: ...

    @property
    def reminders(self) -> Reminders: ...

    @property
    def audit(self) -> Audit: ...

    @property
    def dialogue(self) -> Dialogues: ...

    @property
    def outbox(self) -> Outbox: ...

    def savepoint(self) -> AbstractAsyncContextManager[object]: ...


class Store(Protocol):
    """Where transactions come from: `write()` for changes, `read()` for lookups (never committed)."""

    def write(self) -> AbstractAsyncContextManager[Transaction]: ...

    def read(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def scrub(self) -> None:
        """After an erasure has committed: make the deleted bytes unrecoverable where the database can."""
        ...
