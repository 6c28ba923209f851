"""Schools and staff: creating a school, inviting staff, redeeming an invite."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from iepbot.domain import audit
from iepbot.domain.access import check_role, check_same_school
from iepbot.domain.actors import OPERATOR, Actor, Operator
from iepbot.domain.enums import AuditAction, Role
from iepbot.domain.errors import (
    AccessDeniedError,
    AlreadyRegisteredError,
    InvalidInviteError,
    InvalidValueError,
    NotFoundError,
    SimilarSchoolError,
)
from iepbot.domain.ports import Transaction
from iepbot.domain.records import IssuedInvite, School, StaffMember
from iepbot.domain.school_names import name_key
from iepbot.domain.values import clean_text

DEFAULT_TARGET_LIMIT = 4
# The guidance's minimums: plans reviewed at least twice a year, parents met at least three times a year.
FEWEST_REVIEWS, FEWEST_PARENT_MEETINGS, MOST_MEETINGS = 2, 3, 12
INVITE_LIFETIME = timedelta(days=7)
INVITE_TOKEN_BYTES = 16  # 128 bits of randomness: not guessable, short enough to type
INVALID_INVITE = "That invite code is not valid: it may be mistyped, already used or expired. Ask for a new one."


def hash_code(code: str) -> str:
    """The stored form of an invite code: its SHA-256, so a leaked database reveals no usable code."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_school(
    tx: Transaction,
    *,
    name: str,
    target_limit: int = DEFAULT_TARGET_LIMIT,
    term_dates: Mapping[str, Any] | None = None,
) -> School:
    """Register a school (operator only: schools are set up on the server, not through the bot)."""
    if not 1 <= target_limit <= 10:
        raise InvalidValueError("A school's target limit must be between 1 and 10 (the guidance says 4).")
    school = await tx.schools.add(
        name=clean_text(name, label="school name", max_length=200),
        target_limit=target_limit,
        term_dates=term_dates or {},
        now=tx.now,
    )
    audit.record(tx, OPERATOR, AuditAction.SCHOOL_CREATED, "school", school.id, school.id)
    return school


async def find_or_create_school(tx: Transaction, *, name: str, allow_similar: bool = False) -> tuple[School, bool]:
    """The school with exactly this name, creating it if there is none (operator only); True if created.

    Lets the operator invite the first SENCo of a new school in one step, and later invites reuse it. A name
    that is nearly a registered school's ("Oakfield primary" beside "Oakfield Primary") raises
    SimilarSchoolError rather than creating a second school, unless `allow_similar`.
    """
    cleaned = clean_text(name, label="school name", max_length=200)
    existing = await tx.schools.by_name(cleaned)
    if existing is None and not allow_similar:
        key = name_key(cleaned)
        similar = [school for school in await tx.schools.all() if name_key(school.name) == key]
        if similar:
            raise SimilarSchoolError(cleaned, similar[0].name)
    if existing is None:
        try:
            return await create_school(tx, name=cleaned), True
        except AlreadyRegisteredError:  # another process registered it since we looked
            existing = await tx.schools.by_name(cleaned)
    assert existing is not None
    return existing, False


async def set_meetings(
    tx: Transaction, *, name: str, reviews_per_year: int | None = None, parent_meetings_per_year: int | None = None
) -> School:
    """How often a school reviews plans and meets parents (operator only); neither below the guidance."""
    school = await tx.schools.by_name(clean_text(name, label="school name", max_length=200))
    if school is None:
        raise NotFoundError(f"No school is registered with exactly the name {name!r}.")
    reviews = school.reviews_per_year if reviews_per_year is None else reviews_per_year
    meetings = school.parent_meetings_per_year if parent_meetings_per_year is None else parent_meetings_per_year
    if not FEWEST_REVIEWS <= reviews <= MOST_MEETINGS:
        raise InvalidValueError(
            f"Plans are reviewed {FEWEST_REVIEWS} to {MOST_MEETINGS} times a year (at least twice)."
        )
    if not FEWEST_PARENT_MEETINGS <= meetings <= MOST_MEETINGS:
        raise InvalidValueError(
            f"Parents are met {FEWEST_PARENT_MEETINGS} to {MOST_MEETINGS} times a year (at least three times)."
        )
    changed = await tx.schools.set_meetings(school.id, reviews_per_year=reviews, parent_meetings_per_year=meetings)
    audit.record(tx, OPERATOR, AuditAction.SCHOOL_CHANGED, "school", school.id, school.id)
    return changed


async def issue_invite(
    tx: Transaction,
    actor: Actor,
    *,
    school_id: int,
    role: Role,
    lifetime: timedelta = INVITE_LIFETIME,
) -> IssuedInvite:
    """A single-use code for joining `school_id` as `role`; admins invite anyone, a SENCo invites teachers."""
    if isinstance(actor, StaffMember):
        check_same_school(actor, school_id)
        check_role(actor, frozenset({Role.ADMIN, Role.SENCO}), "Only an administrator or the SENCo can invite staff.")
        if actor.role is Role.SENCO and role is not Role.TEACHER:
            raise AccessDeniedError("Only an administrator can invite a SENCo or another administrator.")
    await tx.schools.get(school_id)
    code = secrets.token_urlsafe(INVITE_TOKEN_BYTES)
    invite = await tx.invites.add(
        school_id=school_id,
        role=role,
        code_hash=hash_code(code),
        expires_at=tx.now + lifetime,
        created_by=None if isinstance(actor, Operator) else actor.id,
        now=tx.now,
    )
    audit.record(tx, actor, AuditAction.INVITE_CREATED, "invite", invite.id, school_id)
    return IssuedInvite(invite=invite, code=code)


async def redeem_invite(tx: Transaction, code: str, *, telegram_user_id: int, name: str) -> StaffMember:
    """Turn a valid code into a member of staff; wrong, used and expired codes fail alike."""
    invite = await tx.invites.by_hash(hash_code(code))
    if invite is None or invite.redeemed_by is not None or invite.expires_at <= tx.now:
        raise InvalidInviteError(INVALID_INVITE)
    if await tx.staff.by_telegram_id(telegram_user_id) is not None:
        raise AlreadyRegisteredError("This Telegram account is already registered as a member of staff.")
    member = await tx.staff.add(
        school_id=invite.school_id,
        telegram_user_id=telegram_user_id,
        name=clean_text(name, label="name", max_length=120),
        role=invite.role,
        now=tx.now,
    )
    if not await tx.invites.claim(invite.id, staff_id=member.id, now=tx.now):
        raise InvalidInviteError(INVALID_INVITE)  # someone redeemed it a moment ago; rolls back `member`
    audit.record(tx, member, AuditAction.INVITE_REDEEMED, "invite", invite.id, invite.school_id)
    return member


async def staff_and_school_for_telegram_user(
    tx: Transaction, telegram_user_id: int
) -> tuple[StaffMember, School] | None:
    """The member of staff behind a Telegram account and their school (a turn needs both), or None."""
    return await tx.staff.with_school_by_telegram_id(telegram_user_id)


async def staff_for_telegram_user(tx: Transaction, telegram_user_id: int) -> StaffMember | None:
    """The member of staff behind a Telegram account, or None for a stranger."""
    return await tx.staff.by_telegram_id(telegram_user_id)
