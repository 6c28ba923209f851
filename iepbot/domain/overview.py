"""The SENCo's view of the whole school: each pupil's active targets across all teachers, and their reviews.

The guidance caps a pupil's targets (four by default) however many teachers set them, so the overview names
who set what and flags a pupil over the school's limit (possible when the limit was lowered, or plans were
agreed before this check existed); a review date in the past is an overdue review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from iepbot.domain.access import check_role
from iepbot.domain.enums import COUNTED_STATUSES, Role
from iepbot.domain.ports import Transaction
from iepbot.domain.records import PlanSummary, Pupil, StaffMember, Target

FORMER_COLLEAGUE = "A former colleague"


@dataclass(frozen=True, slots=True)
class HeldTarget:
    """One active target and the member of staff whose plan holds it."""

    text: str
    holder: str


@dataclass(frozen=True, slots=True)
class PupilOverview:
    """One pupil's line in the overview."""

    pupil: Pupil
    targets: tuple[HeldTarget, ...]
    next_review: date | None
    overdue: bool
    over_limit: bool


@dataclass(frozen=True, slots=True)
class SchoolOverview:
    """Every pupil of the school, by name, with the school's target limit the flags were judged by."""

    pupils: tuple[PupilOverview, ...]
    target_limit: int

    @property
    def overdue(self) -> int:
        return sum(1 for each in self.pupils if each.overdue)

    @property
    def over_limit(self) -> int:
        return sum(1 for each in self.pupils if each.over_limit)


async def school_overview(tx: Transaction, actor: StaffMember, *, today: date) -> SchoolOverview:
    """The overview of the SENCo's school, read in four queries whatever its size."""
    check_role(actor, frozenset({Role.SENCO}), "Only the SENCo sees the whole school's pupils.")
    school = await tx.schools.get(actor.school_id)
    pupils = await tx.pupils.in_school(actor.school_id)
    plans = await tx.plans.summaries_for_school(actor.school_id, COUNTED_STATUSES)
    targets = await tx.targets.for_plans({plan.plan_id for plan in plans}) if plans else []
    names = await tx.staff.names({plan.author_id for plan in plans}) if plans else {}
    return summarise(pupils, plans, targets, names, limit=school.target_limit, today=today)


def summarise(
    pupils: Iterable[Pupil],
    plans: Iterable[PlanSummary],
    targets: Iterable[Target],
    names: Mapping[int, str],
    *,
    limit: int,
    today: date,
) -> SchoolOverview:
    """The overview from the records (pure: the rules for "over the limit" and "overdue" in one place)."""
    plans_by_id = {plan.plan_id: plan for plan in plans}
    held: dict[int, list[HeldTarget]] = {}
    for target in targets:
        plan = plans_by_id[target.plan_id]
        holder = names.get(plan.author_id, FORMER_COLLEAGUE)
        held.setdefault(plan.pupil_id, []).append(HeldTarget(target.text, holder))
    reviews: dict[int, list[date]] = {}
    for plan in plans_by_id.values():
        if plan.review_date is not None:
            reviews.setdefault(plan.pupil_id, []).append(plan.review_date)
    lines = []
    for pupil in sorted(pupils, key=lambda each: (each.display_name.casefold(), each.id)):
        mine = tuple(sorted(held.get(pupil.id, []), key=lambda each: each.holder))
        dates = reviews.get(pupil.id, [])
        lines.append(
            PupilOverview(
                pupil=pupil,
                targets=mine,
                next_review=min(dates) if dates else None,
                overdue=any(day < today for day in dates),
                over_limit=len(mine) > limit,
            )
        )
    return SchoolOverview(tuple(lines), limit)
