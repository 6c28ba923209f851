"""Plain frozen records handed to callers: no ORM objects ever leave the storage layer."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, NamedTuple

from iepbot.domain.enums import AuditAction, Outcome, PlanStatus, ReminderKind, Role
from nlp.areas import Area


@dataclass(frozen=True, slots=True)
class School:
    """A school: its own staff, pupils and target limit; nothing is shared between schools."""

    id: int
    name: str
    target_limit: int
    term_dates: Mapping[str, Any]
    reviews_per_year: int = 2  # the guidance's minimums; a school may meet more often
    parent_meetings_per_year: int = 3


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A member of staff, identified by their Telegram account; the actor of every service call."""

    id: int
    school_id: int
    telegram_user_id: int
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Invite:
    """A one-time invitation to join a school in a role; only a hash of its code is stored."""

    id: int
    school_id: int
    role: Role
    expires_at: datetime
    created_by: int | None
    redeemed_by: int | None


@dataclass(frozen=True, slots=True)
class IssuedInvite:
    """A new invite and its code: the only moment the code exists in clear."""

    invite: Invite
    code: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Pupil:
    """A pupil, kept to the minimum: a display name or initials, never a date of birth or address."""

    id: int
    school_id: int
    teacher_id: int
    display_name: str
    year_group: str
    class_name: str
    areas_of_need: tuple[Area, ...]
    created_at: datetime


class PlanField(enum.StrEnum):
    """The fields of a plan a teacher can edit one at a time, as the dialogue asks them."""

    START_DATE = "start_date"
    REVIEW_DATE = "review_date"
    NATURE_OF_DIFFICULTIES = "nature_of_difficulties"
    STRENGTHS_AND_MOTIVATION = "strengths_and_motivation"
    ENTRY_SKILLS = "entry_skills"
    PARENTAL_SUPPORT = "parental_support"
    PUPIL_VOICE = "pupil_voice"
    PASTORAL_NOTES = "pastoral_notes"
    MEDICAL_NOTES = "medical_notes"


DATE_PLAN_FIELDS: frozenset[PlanField] = frozenset({PlanField.START_DATE, PlanField.REVIEW_DATE})


@dataclass(frozen=True, slots=True)
class Plan:
    """An individual education plan for one pupil, written by one author."""

    id: int
    pupil_id: int
    author_id: int
    status: PlanStatus
    start_date: date | None
    review_date: date | None
    nature_of_difficulties: str | None
    strengths_and_motivation: str | None
    entry_skills: str | None
    parental_support: str | None
    pupil_voice: str | None
    pastoral_notes: str | None
    medical_notes: str | None
    return_comment: str | None
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class GroupMember:
    """Another pupil on a group plan: the plan's targets and support are theirs too; their view and home
    support are their own, so no family reads another child's."""

    pupil_id: int
    parental_support: str | None = None
    pupil_voice: str | None = None


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """One line of a "my plans" list: enough to choose a plan, nothing sensitive beyond the name."""

    plan_id: int
    pupil_id: int
    pupil_name: str
    year_group: str
    status: PlanStatus
    review_date: date | None
    author_id: int
    version: int


class TargetField(enum.StrEnum):
    """The fields of a target that can be edited after it is added."""

    TEXT = "text"
    DEADLINE = "deadline"
    STEP_SIZE = "step_size"
    TEACHING_STRATEGY = "teaching_strategy"
    RESOURCES = "resources"
    STAFFING = "staffing"
    FREQUENCY = "frequency"
    SUCCESS_CRITERIA = "success_criteria"
    MONITORING = "monitoring"


@dataclass(frozen=True, slots=True)
class TargetDraft:
    """What a teacher gives to add a target; the SMART report is `SmartReport.to_dict()` from nlp."""

    text: str
    area: Area
    smart_report: Mapping[str, Any]
    deadline: date | None = None
    step_size: str | None = None
    teaching_strategy: str | None = None
    resources: str | None = None
    staffing: str | None = None
    frequency: str | None = None
    success_criteria: str | None = None
    monitoring: str | None = None
    bank_id: str | None = None  # the bank step it was taken from: a review offers the step before or after


@dataclass(frozen=True, slots=True)
class TargetReview:
    """What the review says of one target: the outcome, the five questions' answers and the evidence."""

    outcome: Outcome
    analysis: Mapping[str, Any]
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Target:
    """One SMART target on a plan, with the support around it and, after review, its outcome."""

    id: int
    plan_id: int
    position: int
    text: str
    area: Area
    smart_report: Mapping[str, Any]
    deadline: date | None
    step_size: str | None
    teaching_strategy: str | None
    resources: str | None
    staffing: str | None
    frequency: str | None
    success_criteria: str | None
    monitoring: str | None
    outcome: Outcome | None
    analysis: Mapping[str, Any] | None
    evidence: str | None
    bank_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewNotes:
    """What a review meeting records."""

    held_on: date
    attendees: str
    parent_views: str | None = None
    pupil_views: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """A review meeting of a plan."""

    id: int
    plan_id: int
    held_on: date
    attendees: str
    parent_views: str | None
    pupil_views: str | None
    notes: str | None
    recorded_by: int


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Who did what to which record and when: ids and an action, never the plan's words."""

    id: int
    school_id: int | None
    actor_id: int | None
    action: AuditAction
    record_type: str
    record_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class DialogueState:
    """Where a chat is in a conversation; saved with the answer that moved it."""

    chat_id: int
    flow: str | None
    step: str | None
    answers: Mapping[str, Any]
    version: int
    updated_at: datetime
    pupil_id: int | None
    last_update_id: int | None = None

    def has_handled(self, update_id: int | None) -> bool:
        """True when `update_id` is not newer than the last update this chat handled: a redelivery."""
        return update_id is not None and self.last_update_id is not None and update_id <= self.last_update_id

    def after(self, answers: Mapping[str, Any], update_id: int | None) -> DialogueState:
        """This state as saved by a turn that changed only the answers (`DialogueRepository.save_answers`),
        but for `updated_at`, which the caller does not know."""
        last = newest_update_id(self.last_update_id, update_id)
        return replace(self, answers=answers, version=self.version + 1, last_update_id=last)


def newest_update_id(last: int | None, update_id: int | None) -> int | None:
    """A chat's mark after handling `update_id`: never lowered, so an old update arriving late stays a redelivery."""
    if update_id is None:
        return last
    return update_id if last is None else max(update_id, last)


@dataclass(frozen=True, slots=True)
class ChatView:
    """Who is writing in a chat, their school and the chat's state (None before its first turn), read at once."""

    actor: StaffMember
    school: School
    state: DialogueState | None


@dataclass(frozen=True, slots=True)
class AnswersChange:
    """A turn that changed only a chat's answers (a quick check), with what its reply was worked out from:
    saved only while the chat is still at `expected_version` and the member of staff and their school are
    still as they were read."""

    actor: StaffMember
    school: School
    chat_id: int
    expected_version: int
    answers: Mapping[str, Any]
    update_id: int | None = None
    letters: tuple[Letter, ...] = ()  # the turn's replies, saved in the outbox with the answers


ButtonRows = tuple[tuple[tuple[str, str], ...], ...]  # rows of (label, callback data)


@dataclass(frozen=True, slots=True)
class Letter:
    """One message as Telegram will get it: rendered HTML (one part of a split reply) and its buttons.

    Kept in the outbox from the turn's commit until Telegram accepts it, so it is rendered once and a
    restart sends exactly what the turn would have sent.
    """

    chat_id: int
    text: str
    buttons: ButtonRows = ()


@dataclass(frozen=True, slots=True)
class Posted:
    """A letter saved in the outbox: `id` is what it is marked sent (or tried again) by."""

    id: int
    letter: Letter


@dataclass(frozen=True, slots=True)
class RetentionCandidate:
    """A pupil whose data has been untouched for longer than the retention period."""

    pupil_id: int
    school_id: int
    last_activity: datetime


class AuditSubject(NamedTuple):
    """Who did an action to which record, in which school: one event of a batch of audit events."""

    school_id: int | None
    actor_id: int | None
    record_id: int


@dataclass(frozen=True, slots=True)
class RunningPlan:
    """An active or in-review plan as its reminders see it: who to tell, about whom, and its dates."""

    plan_id: int
    school_id: int
    author_chat: int  # a private chat's id is the user's id
    pupil_name: str
    status: PlanStatus
    review_date: date | None
    started_on: date
    last_parents_meeting: date | None


class ReminderKey(NamedTuple):
    """One reminder: of what, about which record (a plan, or the SENCo told), for which date."""

    kind: ReminderKind
    record_id: int
    due_on: date
