"""The tables, as typed SQLAlchemy 2 models; the migrations must agree with them (a test checks)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from iepbot.domain.enums import Outcome, PlanStatus, Role
from iepbot.storage.types import UtcDateTime
from nlp.areas import Area

# Named constraints so that migrations (and SQLite batch mode) can refer to them reliably.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(enum_class: type[Role] | type[PlanStatus] | type[Area] | type[Outcome], name: str) -> Enum:
    """A portable enum column: a VARCHAR of the member values, no native type to migrate."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [member.value for member in members],
    )


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SchoolRow(Base):
    __tablename__ = "schools"
    __table_args__ = (
        CheckConstraint("target_limit BETWEEN 1 AND 10", name="target_limit_range"),
        CheckConstraint("reviews_per_year BETWEEN 2 AND 12", name="reviews_per_year_range"),
        CheckConstraint("parent_meetings_per_year BETWEEN 3 AND 12", name="parent_meetings_per_year_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    target_limit: Mapped[int] = mapped_column(Integer, default=4, server_default="4")
    # The guidance's minimums: plans reviewed at least twice a year, parents met at least three times.
    reviews_per_year: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    parent_meetings_per_year: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    term_dates: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StaffRow(Base):
    """A member of staff. A removed one keeps the row (their plans and the audit name them) with `removed_at`
    set, and drops out of every lookup; the account is unique only among those still in post."""

    __tablename__ = "staff"
    __table_args__ = (
        Index(
            "uq_staff_current_telegram_user_id",
            "telegram_user_id",
            unique=True,
            sqlite_where=text("removed_at IS NULL"),
            postgresql_where=text("removed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="RESTRICT"), index=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class InviteRow(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    redeemed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    redeemed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PupilRow(Base):
    __tablename__ = "pupils"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="RESTRICT"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), index=True)
    display_name: Mapped[str] = mapped_column(String(80))
    year_group: Mapped[str] = mapped_column(String(20))
    class_name: Mapped[str] = mapped_column(String(40))
    areas_of_need: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class PupilAccessRow(Base):
    """A pupil shared with a member of staff who is not their teacher (secondary: many teachers)."""

    __tablename__ = "pupil_access"

    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True, index=True)


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), index=True)
    status: Mapped[PlanStatus] = mapped_column(_enum(PlanStatus, "plan_status"))
    start_date: Mapped[date | None] = mapped_column(Date)
    review_date: Mapped[date | None] = mapped_column(Date)
    nature_of_difficulties: Mapped[str | None] = mapped_column(Text)
    strengths_and_motivation: Mapped[str | None] = mapped_column(Text)
    entry_skills: Mapped[str | None] = mapped_column(Text)
    parental_support: Mapped[str | None] = mapped_column(Text)
    pupil_voice: Mapped[str | None] = mapped_column(Text)
    pastoral_notes: Mapped[str | None] = mapped_column(Text)
    medical_notes: Mapped[str | None] = mapped_column(Text)
    return_comment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    # The ORM adds "AND version = :old" to every UPDATE and raises StaleDataError when it matches nothing.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PlanGroupPupilRow(Base):
    """Another pupil who shares a plan's targets and support (a group plan), with what is theirs alone."""

    __tablename__ = "plan_group_pupils"

    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), primary_key=True, index=True)
    parental_support: Mapped[str | None] = mapped_column(Text)
    pupil_voice: Mapped[str | None] = mapped_column(Text)


class TargetRow(Base):
    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("plan_id", "position", name="uq_targets_plan_id_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    area: Mapped[Area] = mapped_column(_enum(Area, "area_of_need"))
    smart_report: Mapped[dict[str, Any]] = mapped_column(JSON)
    deadline: Mapped[date | None] = mapped_column(Date)
    step_size: Mapped[str | None] = mapped_column(String(40))
    teaching_strategy: Mapped[str | None] = mapped_column(Text)
    resources: Mapped[str | None] = mapped_column(Text)
    staffing: Mapped[str | None] = mapped_column(Text)
    frequency: Mapped[str | None] = mapped_column(Text)
    success_criteria: Mapped[str | None] = mapped_column(Text)
    monitoring: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome, "outcome"))
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    evidence: Mapped[str | None] = mapped_column(Text)
    bank_id: Mapped[str | None] = mapped_column(String(80))  # the bank step it was taken from, if any


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(Text)
    parent_views: Mapped[str | None] = mapped_column(Text)
    pupil_views: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEventRow(Base):
    """Append-only; no text column exists, so no words of a plan can be copied here."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReminderSentRow(Base):
    """One reminder of one record for one date: claimed before it is sent, marked once Telegram took it."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("kind", "record_id", "due_on", name="uq_reminders_sent_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DialogueStateRow(Base):
    """Where each chat is; deleted with the pupil it is about, since its answers may quote the plan."""

    __tablename__ = "dialogue_states"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    flow: Mapped[str | None] = mapped_column(String(64))
    step: Mapped[str | None] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    pupil_id: Mapped[int | None] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"), index=True)
    # Telegram numbers updates in order; one not newer than this was handled already (a redelivery).
    last_update_id: Mapped[int | None] = mapped_column(BigInteger)


class OutboxRow(Base):
    """A turn's outgoing message, written with the turn's state and kept until Telegram accepts it.

    `claimed_until` is a lease: the process that wrote (or claimed) the row, `claimed_by`, sends it until then;
    after it, any process may. Once sent, the text and buttons are cleared and Telegram's message id is kept.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "claimed_until"),)

    # Given by the writing process (a random prefix and its own counter), so the turn's INSERT returns nothing;
    # letters are ordered by `created_at`, then id. SQLite's INTEGER PRIMARY KEY is 64-bit and the rowid itself.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    buttons: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(32))  # the process holding the lease
    attempts: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
