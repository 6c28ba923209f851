"""The status machine on its own: every pair of statuses is either a listed move or refused."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError
from iepbot.domain.records import Plan, StaffMember
from iepbot.domain.status import TRANSITIONS, check_author_edits_draft, check_transition

AUTHOR = StaffMember(id=1, school_id=1, telegram_user_id=11, name="Ms Patel", role=Role.TEACHER)
OTHER_TEACHER = StaffMember(id=2, school_id=1, telegram_user_id=12, name="Mr Jones", role=Role.TEACHER)
SENCO = StaffMember(id=3, school_id=1, telegram_user_id=13, name="Mrs Okafor", role=Role.SENCO)
MOMENT = datetime(2026, 9, 7, tzinfo=UTC)

ALLOWED = {
    (PlanStatus.DRAFT, PlanStatus.SUBMITTED),
    (PlanStatus.SUBMITTED, PlanStatus.APPROVED),
    (PlanStatus.SUBMITTED, PlanStatus.RETURNED),
    (PlanStatus.RETURNED, PlanStatus.DRAFT),
    (PlanStatus.APPROVED, PlanStatus.ACTIVE),
    (PlanStatus.ACTIVE, PlanStatus.IN_REVIEW),
    (PlanStatus.IN_REVIEW, PlanStatus.CLOSED),
}


def plan_in(status: PlanStatus) -> Plan:
    return Plan(
        id=1,
        pupil_id=1,
        author_id=AUTHOR.id,
        status=status,
        start_date=None,
        review_date=None,
        nature_of_difficulties=None,
        strengths_and_motivation=None,
        entry_skills=None,
        parental_support=None,
        pupil_voice=None,
        pastoral_notes=None,
        medical_notes=None,
        return_comment=None,
        version=1,
        created_at=MOMENT,
        updated_at=MOMENT,
    )


def test_the_machine_has_exactly_the_moves_of_the_specification() -> None:
    assert set(TRANSITIONS) == ALLOWED


@pytest.mark.parametrize(
    ("source", "target"),
    [pair for pair in itertools.product(PlanStatus, PlanStatus) if pair not in ALLOWED],
)
def test_moves_outside_the_machine_are_refused_for_everyone(source: PlanStatus, target: PlanStatus) -> None:
    for actor in (AUTHOR, SENCO):
        with pytest.raises(InvalidTransitionError, match="cannot be made"):
            check_transition(actor, plan_in(source), target)


@pytest.mark.parametrize(
    ("source", "target", "allowed", "refused"),
    [
        (PlanStatus.DRAFT, PlanStatus.SUBMITTED, [AUTHOR], [SENCO, OTHER_TEACHER]),
        (PlanStatus.SUBMITTED, PlanStatus.APPROVED, [SENCO], [AUTHOR, OTHER_TEACHER]),
        (PlanStatus.SUBMITTED, PlanStatus.RETURNED, [SENCO], [AUTHOR, OTHER_TEACHER]),
        (PlanStatus.RETURNED, PlanStatus.DRAFT, [AUTHOR], [SENCO, OTHER_TEACHER]),
        (PlanStatus.APPROVED, PlanStatus.ACTIVE, [AUTHOR, SENCO], [OTHER_TEACHER]),
        (PlanStatus.ACTIVE, PlanStatus.IN_REVIEW, [AUTHOR, SENCO], [OTHER_TEACHER]),
        (PlanStatus.IN_REVIEW, PlanStatus.CLOSED, [AUTHOR, SENCO], [OTHER_TEACHER]),
    ],
)
def test_each_move_is_made_only_by_the_people_it_names(
    source: PlanStatus, target: PlanStatus, allowed: list[StaffMember], refused: list[StaffMember]
) -> None:
    for actor in allowed:
        check_transition(actor, plan_in(source), target)
    for actor in refused:
        with pytest.raises(AccessDeniedError, match="Only"):
            check_transition(actor, plan_in(source), target)


def test_only_the_author_edits_and_only_a_draft() -> None:
    check_author_edits_draft(AUTHOR, plan_in(PlanStatus.DRAFT))
    with pytest.raises(AccessDeniedError, match="Only the plan's author"):
        check_author_edits_draft(SENCO, plan_in(PlanStatus.DRAFT))
    for status in set(PlanStatus) - {PlanStatus.DRAFT}:
        with pytest.raises(InvalidTransitionError, match="Only a draft can be edited"):
            check_author_edits_draft(AUTHOR, plan_in(status))
