"""Reviews: outcomes and the five questions are recorded only while a plan is in review."""

from __future__ import annotations

from datetime import date

import pytest

from iepbot.domain.enums import Outcome, PlanStatus
from iepbot.domain.errors import AccessDeniedError, InvalidTransitionError, InvalidValueError
from iepbot.domain.plans import move_plan
from iepbot.domain.pupils import share_pupil
from iepbot.domain.records import Plan, ReviewNotes, TargetReview
from iepbot.domain.reviews import list_reviews, record_review
from iepbot.domain.targets import list_targets, review_target
from iepbot.storage.storage import Storage
from tests.storage.support import World, add_pupil_for, approve, draft_with_targets

NOT_MET = TargetReview(
    outcome=Outcome.NOT_YET,
    analysis={"step_too_big": True, "had_entry_skills": False, "strategy_right": None},
    evidence="Reads 11 of 20 words",
)


async def _plan_in_review(storage: Storage, world: World) -> Plan:
    pupil = await add_pupil_for(storage, world.teacher)
    plan = await approve(
        storage, await draft_with_targets(storage, world.teacher, pupil.id, 1), world.teacher, world.senco
    )
    for status in (PlanStatus.ACTIVE, PlanStatus.IN_REVIEW):
        async with storage.write() as tx:
            plan = await move_plan(tx, world.teacher, plan.id, status, expected_version=plan.version)
    return plan


async def test_the_author_records_a_target_not_met_with_the_reasons(storage: Storage, world: World) -> None:
    plan = await _plan_in_review(storage, world)
    async with storage.read() as tx:
        [target] = await list_targets(tx, world.teacher, plan.id)
    async with storage.write() as tx:
        saved = await review_target(tx, world.teacher, target.id, NOT_MET, expected_version=plan.version)
    assert saved.target.outcome is Outcome.NOT_YET
    assert saved.target.analysis == {"step_too_big": True, "had_entry_skills": False, "strategy_right": None}
    assert saved.plan_version == plan.version + 1


async def test_outcomes_wait_for_the_review_and_unknown_questions_are_refused(storage: Storage, world: World) -> None:
    pupil = await add_pupil_for(storage, world.teacher)
    draft = await draft_with_targets(storage, world.teacher, pupil.id, 1)
    async with storage.read() as tx:
        [target] = await list_targets(tx, world.teacher, draft.id)
    with pytest.raises(InvalidTransitionError, match="in review"):
        async with storage.write() as tx:
            await review_target(tx, world.teacher, target.id, NOT_MET, expected_version=draft.version)
    plan = await _plan_in_review(storage, world)
    async with storage.read() as tx:
        [target] = await list_targets(tx, world.teacher, plan.id)
    odd = TargetReview(outcome=Outcome.PARTLY, analysis={"weather": True}, evidence=None)
    with pytest.raises(InvalidValueError, match="weather"):
        async with storage.write() as tx:
            await review_target(tx, world.teacher, target.id, odd, expected_version=plan.version)


async def test_a_review_meeting_is_recorded_by_the_author_or_senco_only(storage: Storage, world: World) -> None:
    plan = await _plan_in_review(storage, world)
    notes = ReviewNotes(held_on=date(2027, 2, 10), attendees="Parent, class teacher, SENCo", parent_views="Pleased")
    async with storage.write() as tx:
        await share_pupil(tx, world.teacher, plan.pupil_id, with_staff_id=world.colleague.id)
    with pytest.raises(AccessDeniedError, match="author or the SENCo"):
        async with storage.write() as tx:
            await record_review(tx, world.colleague, plan.id, notes, expected_version=plan.version)
    async with storage.write() as tx:
        await record_review(tx, world.senco, plan.id, notes, expected_version=plan.version)
    async with storage.read() as tx:
        [review] = await list_reviews(tx, world.teacher, plan.id)
    assert (review.attendees, review.recorded_by) == ("Parent, class teacher, SENCo", world.senco.id)
