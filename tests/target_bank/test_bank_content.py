"""The shipped bank itself: every target SMART in wording, ladders well formed, every area well stocked."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

import nlp
import target_bank
from target_bank import Area

BANK = target_bank.load()
TODAY = date(2026, 9, 7)
DEADLINE = date(2027, 2, 12)
LITERACY_AND_NUMERACY = {"reading", "phonics", "spelling", "writing", "handwriting", "number", "calculation"}


@pytest.mark.parametrize("target_id", [target.id for target in BANK])
def test_rendered_target_is_specific_measurable_and_time_bound(target_id: str) -> None:
    text = BANK.render(target_id, name="Sam", deadline=DEADLINE)
    report = nlp.check_target(text, today=TODAY)
    failed = {
        criterion.name: criterion.message
        for criterion in (report.specific, report.measurable, report.time_bound)
        if criterion.met is not True
    }
    assert failed == {}, text


def test_bank_holds_at_least_300_targets() -> None:
    assert len(BANK) >= 300


@pytest.mark.parametrize("area", list(Area))
def test_every_area_has_at_least_50_targets(area: Area) -> None:
    assert Counter(target.area for target in BANK)[area] >= 50


@pytest.mark.parametrize(
    ("area", "minimum"), [(Area.COMMUNICATION_AND_INTERACTION, 75), (Area.COGNITION_AND_LEARNING, 110)]
)
def test_areas_written_for_this_issue_meet_their_own_minimum(area: Area, minimum: int) -> None:
    assert Counter(target.area for target in BANK)[area] >= minimum


def test_ids_are_unique_across_the_bank() -> None:
    ids = [target.id for target in BANK] + [progression.id for progression in BANK.progressions]
    assert [identifier for identifier, count in Counter(ids).items() if count > 1] == []


@pytest.mark.parametrize("progression", BANK.progressions, ids=lambda progression: progression.id)
def test_progression_steps_are_distinct_numbered_and_at_least_three(
    progression: target_bank.Progression,
) -> None:
    assert len(progression.steps) >= 3
    assert [step.id for step in progression.steps] == [
        f"{progression.id}-{n}" for n in range(1, len(progression.steps) + 1)
    ]
    assert len({step.target for step in progression.steps}) == len(progression.steps)


def test_literacy_and_numeracy_progressions_name_their_curriculum_statement() -> None:
    missing = [p.id for p in BANK.progressions if p.strand in LITERACY_AND_NUMERACY and p.curriculum is None]
    assert missing == []


def test_cognition_and_learning_spans_reception_to_year_11() -> None:
    years = [p.years for p in BANK.progressions if p.area is Area.COGNITION_AND_LEARNING]
    assert min(y.first for y in years) == 0
    assert max(y.last for y in years) == 11
    strands = {p.strand for p in BANK.progressions if p.area is Area.COGNITION_AND_LEARNING}
    assert strands >= LITERACY_AND_NUMERACY | {"memory", "organisation"}
