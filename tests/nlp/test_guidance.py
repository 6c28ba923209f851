"""Achievable and relevant can't be judged from wording: the report says so, and uses the answers when given."""

from __future__ import annotations

from dataclasses import replace

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


def test_a_target_on_another_skill_than_the_difficulty_is_not_relevant_and_says_both() -> None:
    guidance = GuidanceAnswers(area_of_need=Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH, difficulty="Hits out at playtime")
    relevant = check_target(TARGET, today=TODAY, guidance=guidance).relevant
    assert relevant.met is False
    assert "reading" in relevant.message
    assert "anger" in relevant.message


def test_a_maths_target_on_an_anger_plan_is_flagged_even_when_the_difficulty_words_are_unknown() -> None:
    guidance = GuidanceAnswers(area_of_need=Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH, difficulty="kicks off at lunch")
    relevant = check_target("Sam will add two numbers to 10 by Easter.", today=TODAY, guidance=guidance).relevant
    assert relevant.met is False
    assert "social, emotional and mental health" in relevant.message


def test_another_skill_in_the_same_part_of_the_curriculum_asks_the_teacher_to_check() -> None:
    guidance = GuidanceAnswers(area_of_need=Area.COGNITION_AND_LEARNING, difficulty="spelling common words")
    relevant = check_target(TARGET, today=TODAY, guidance=guidance).relevant
    assert relevant.met is None
    assert relevant.message.startswith("Check it")


def test_relevance_is_left_to_the_teacher_when_nothing_shows_the_skill() -> None:
    guidance = GuidanceAnswers(area_of_need=Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH, difficulty="kicks off at lunch")
    relevant = check_target("Sam will improve his behaviour", today=TODAY, guidance=guidance).relevant
    assert relevant.met is None
    assert "social, emotional and mental health" in relevant.message


PLAN = GuidanceAnswers(
    area_of_need=Area.COGNITION_AND_LEARNING,
    difficulty="struggles to blend sounds to read CVC words",
    entry_skills="knows most Phase 2 letter sounds and blends some CVC words with an adult",
    step_size=StepSize.SMALL,
)


def test_a_vague_target_is_not_ticked_achievable_and_says_why() -> None:
    achievable = check_target("Sam will improve his behaviour", today=TODAY, guidance=PLAN).achievable
    assert achievable.met is None
    assert "which skill" in achievable.message


def test_achievable_when_the_entry_skills_show_the_skill_under_way_in_a_small_step() -> None:
    achievable = check_target(TARGET, today=TODAY, guidance=PLAN).achievable
    assert achievable.met is True
    assert "reading" in achievable.message


def test_entry_skills_that_do_not_mention_the_skill_are_a_question_not_a_tick() -> None:
    guidance = replace(PLAN, entry_skills="is settled in class and likes football")
    achievable = check_target(TARGET, today=TODAY, guidance=guidance).achievable
    assert achievable.met is None
    assert achievable.message.startswith("Check the entry skills")


@pytest.mark.parametrize(("step", "met"), [(StepSize.SMALL, None), (StepSize.MEDIUM, False)])
def test_entry_skills_saying_the_skill_is_not_there_yet_question_a_small_step_and_cross_a_bigger_one(
    step: StepSize, met: bool | None
) -> None:
    guidance = replace(PLAN, entry_skills="cannot blend or read any words yet", step_size=step)
    achievable = check_target(TARGET, today=TODAY, guidance=guidance).achievable
    assert achievable.met is met
    assert "isn't there yet" in achievable.message
