"""Data-protection duties: subject access export, erasure, and the retention list."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from iepbot.domain import audit
from iepbot.domain.access import check_role, check_same_school
from iepbot.domain.actors import Actor
from iepbot.domain.enums import AuditAction, Role
from iepbot.domain.errors import InvalidValueError, NotFoundError
from iepbot.domain.ports import Transaction
from iepbot.domain.records import Pupil, RetentionCandidate, School, StaffMember

DATA_ROLES = frozenset({Role.SENCO, Role.ADMIN})
DATA_ROLE_MESSAGE = "Only the SENCo or an administrator can export or erase a pupil's data."


async def export_pupil(tx: Transaction, actor: Actor, pupil_id: int) -> dict[str, Any]:
    """Everything held about one pupil, as JSON types, for a subject access request."""
    pupil = await pupil_for_data_request(tx, actor, pupil_id)
    plans = []
    for plan in await tx.plans.for_pupil(pupil.id):
        plans.append(
            {
                **_jsonable(dataclasses.asdict(plan)),
                "targets": [_jsonable(dataclasses.asdict(t)) for t in await tx.targets.for_plan(plan.id)],
                "reviews": [_jsonable(dataclasses.asdict(r)) for r in await tx.reviews.for_plan(plan.id)],
            }
        )
    # On another pupil's group plan, only what is this pupil's own is theirs to receive: their view and home
    # support, and the plan's targets (shared with them); not the other pupil's record.
    group_plans = [
        {
            "plan_id": plan_id,
            "parental_support": member.parental_support,
            "pupil_voice": member.pupil_voice,
            "targets": [_jsonable(dataclasses.asdict(t)) for t in await tx.targets.for_plan(plan_id)],
        }
        for plan_id, member in (await tx.plans.memberships(pupil.id)).items()
    ]
    audit.record(tx, actor, AuditAction.PUPIL_EXPORTED, "pupil", pupil.id, pupil.school_id)
    return {
        "exported_at": tx.now.isoformat(),
        "pupil": _jsonable(dataclasses.asdict(pupil)),
        "plans": plans,
        "group_plans": group_plans,
    }


async def erase_pupil(tx: Transaction, actor: Actor, pupil_id: int) -> Pupil:
    """Delete the pupil, their plans, targets, reviews, conversations and unsent messages naming them; the
    audit keeps a tombstone of ids (it has no text column). The erased pupil is returned for the caller's
    confirmation; the caller then scrubs the freed bytes (`Store.scrub`), once the transaction has committed.
    """
    pupil = await pupil_for_data_request(tx, actor, pupil_id)
    # Conversations about the pupil (in progress, or parked with /cancel inside a chat's answers) and a last
    # quick check naming them are removed from the school's staff chats; their other conversations are kept.
    staff_chats = [member.telegram_user_id for member in await tx.staff.of_school(pupil.school_id)]
    naming = mentions(pupil.display_name)
    await tx.dialogue.forget_pupil(pupil.id, chat_ids=staff_chats, mentions=naming)
    await tx.outbox.forget(staff_chats, naming)
    await tx.pupils.delete(pupil.id)
    audit.record(tx, actor, AuditAction.PUPIL_ERASED, "pupil", pupil.id, pupil.school_id)
    return pupil


def mentions(name: str) -> Callable[[str], bool]:
    """Whether a text names the pupil: the name as a whole word, in any case ("Sam" in "sam will…", not in
    "Samuel"), so erasing one pupil does not take a classmate's draft with it."""
    pattern = re.compile(rf"(?<!\w){re.escape(name.casefold())}(?!\w)")
    return lambda text: pattern.search(text.casefold()) is not None


async def pupils_of_school(tx: Transaction, actor: Actor, school: str) -> tuple[School, list[Pupil]]:
    """A school (by ID or exact name) and its pupils, for the operator or the school's SENCo/administrator to
    find the ID of a pupil to export or erase."""
    found = await tx.schools.by_name(school)
    if found is None and school.isascii() and school.isdigit():
        found = await tx.schools.get(int(school))
    if found is None:
        raise NotFoundError(f"There is no school called {school!r}.")
    if isinstance(actor, StaffMember):
        check_same_school(actor, found.id)
        check_role(actor, DATA_ROLES, DATA_ROLE_MESSAGE)
    return found, await tx.pupils.in_school(found.id)


async def due_for_deletion(tx: Transaction, *, retention_years: int) -> list[RetentionCandidate]:
    """Pupils with no activity for `retention_years`: listed for a person to erase, never deleted here."""
    if retention_years < 1:
        raise InvalidValueError("The retention period must be at least one year.")
    return await tx.pupils.inactive_since(years_before(tx.now, retention_years))


def years_before(moment: datetime, years: int) -> datetime:
    """The same date `years` earlier (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


async def pupil_for_data_request(tx: Transaction, actor: Actor, pupil_id: int) -> Pupil:
    """The pupil, if `actor` is the operator or a SENCo/administrator of the pupil's school (the bot's /erase
    asks before it shows a pupil's name in its confirmation)."""
    pupil = await tx.pupils.get(pupil_id)
    if isinstance(actor, StaffMember):
        check_same_school(actor, pupil.school_id)
        check_role(actor, DATA_ROLES, DATA_ROLE_MESSAGE)
    return pupil


def _jsonable(value: Any) -> Any:
    """Dates as ISO strings, enums as their values, tuples as lists: what `json.dumps` accepts."""
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, str):
        return str(value)  # StrEnum members become plain strings
    return value
