"""Achievable and relevant can't be judged from wording: the report says so, and uses the answers when given."""

from __future__ import annotations

import pytest

from nlp import Area, GuidanceAnswers, StepSize, check_target
from tests.nlp.conftest import TODAY

TARGET = "Sam will read 20 CVC words in 4 out of 5 sessions by Easter."


def test_without_guidance_achievable_and_relevant_are_unknown_and_say_why() -> None:
    report = check_target(TARGET, today=TODAY)
    assert report.achievable.met is None
    assert report.relevant.met is None
    assert "depends on the guidance answers" in report.achievable.message
    assert report.is_smart  # unknown is not a failure


@pytest.mark.parametrize(
    ("guidance", "met"),
    [
        (GuidanceAnswers(has_entry_skills=True, step_size=StepSize.SMALL), True),
        (GuidanceAnswers(has_entry_skills=False, step_size=StepSize.SMALL), False),
        (GuidanceAnswers(has_entry_skills=True, step_size=StepSize.LARGE), False),
        (GuidanceAnswers(has_entry_skills=True, step_size=StepSize.MEDIUM, greater_needs=True), False),
        (GuidanceAnswers(has_entry_skills=True, step_size=StepSize.MEDIUM, greater_needs=False), True),
    ],
)
def test_achievable_follows_entry_skills_and_step_size(guidance: GuidanceAnswers, met: bool) -> None:
    assert check_target(TARGET, today=TODAY, guidance=guidance).achievable.met is met


def test_a_target_that_is_not_achievable_is_not_smart() -> None:
    report = check_target(TARGET, today=TODAY, guidance=GuidanceAnswers(has_entry_skills=False))
    assert not report.is_smart


def test_relevant_when_the_target_works_on_the_difficulty_described() -> None:
    guidance = GuidanceAnswers(
        area_of_need=Area.COGNITION_AND_LEARNING, difficulty="Struggles to blend sounds to read CVC words"
    )
    relevant = check_target(TARGET, today=TODAY, guidance=guidance).relevant
    assert relevant.met is True
    assert "cvc" in relevant.message.lower()


def test_relevance_is_left_to_the_teacher_when_the_words_do_not_overlap() -> None:
    guidance = GuidanceAnswers(area_of_need=Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH, difficulty="Hits out at playtime")
    relevant = check_target(TARGET, today=TODAY, guidance=guidance).relevant
    assert relevant.met is None
    assert "social, emotional and mental health" in relevant.message
