"""The suggestion policy on its own: which ladder and step a plan's context picks, and when it picks none."""

from __future__ import annotations

from dataclasses import replace

import pytest

import target_bank
from iepbot.dialogue.suggestions import PlanContext, in_plan, out_of_plan, written_name
from nlp import StepSize
from nlp.areas import Area

BANK = target_bank.load()
LEARNING, SEMH = Area.COGNITION_AND_LEARNING, Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH


def ladder(target: target_bank.BankTarget | None) -> str | None:
    return None if target is None else target.progression_id


def test_the_difficulty_picks_the_ladder_within_the_area_and_year() -> None:
    plan = PlanContext(LEARNING, 1, "cant blend cvc words", "knows 20 Phase 2 sounds")
    assert ladder(in_plan(BANK, plan, "to get better at reading")) == "cl-phonics-cvc-blending"


def test_a_ladder_outside_the_pupils_year_gives_no_suggestion_rather_than_another_year() -> None:
    # The place-value ladder is for Years 2 to 5.
    plan = PlanContext(LEARNING, 6, "doesn't understand place value past 100", "reads 2-digit numbers")
    assert in_plan(BANK, plan, "Sam will try harder") is None
    assert ladder(in_plan(BANK, replace(plan, year=5), "Sam will try harder")) == "cl-number-place-value"


def test_the_area_of_need_bounds_the_ladders() -> None:
    plan = PlanContext(Area.SENSORY_AND_PHYSICAL, 1, "cant blend cvc words", None)
    assert in_plan(BANK, plan, "to get better at reading") is None


def test_a_difficulty_two_ladders_fit_equally_gives_no_suggestion() -> None:
    # Calling out and class responsibility both name the "class": the policy does not guess between them.
    assert in_plan(BANK, PlanContext(SEMH, 4, "shouts out in class", None), "behave better") is None


def test_a_target_on_another_skill_than_the_difficulty_gets_no_suggestion() -> None:
    plan = PlanContext(LEARNING, 1, "cant blend cvc words", None)
    assert in_plan(BANK, plan, "Sam will improve his handwriting") is None


def test_a_target_naming_something_the_bank_has_no_word_for_gets_no_suggestion() -> None:
    plan = PlanContext(LEARNING, 7, "finds frations really hard", None)
    assert in_plan(BANK, plan, "working at a Grade 4 in algebra") is None
    assert ladder(in_plan(BANK, plan, "Sam will try harder")) == "cl-number-fractions"


def test_the_pupils_name_in_the_target_is_not_taken_for_an_unknown_skill() -> None:
    plan = PlanContext(LEARNING, 7, "finds fractions really hard", None, pupil_name="Zofia")
    assert ladder(in_plan(BANK, plan, "Zofia to try harder")) == "cl-number-fractions"


def test_small_steps_take_the_step_below_the_one_the_words_match() -> None:
    words = ("can't count objects past 5", "says numbers to 10 by rote")
    medium = in_plan(BANK, PlanContext(LEARNING, 0, *words, StepSize.MEDIUM), "to be able to count")
    small = in_plan(BANK, PlanContext(LEARNING, 0, *words, StepSize.SMALL), "to be able to count")
    assert medium is not None
    assert medium.position > 1
    assert small == BANK.smaller_step(medium.id)


def test_without_a_difficulty_there_is_no_suggestion() -> None:
    assert in_plan(BANK, PlanContext(LEARNING, 1, None, None), "Sam will read more") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam must improve his letter formation", "cl-handwriting-letter-formation"),
        ("To learn times tables 2s, 5s and 10s off by heart.", "cl-calculation-times-tables"),
        ("Improve reading", None),  # reading is a dozen ladders
        ("improve social skills", None),
    ],
)
def test_out_of_a_plan_only_one_clear_ladder_is_suggested(text: str, expected: str | None) -> None:
    assert ladder(out_of_plan(BANK, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam will read 10 CVC words", "Sam"),
        ("With support, Sam will identify how she is feeling", "Sam"),
        ("By the end of Key Stage 4 Sam will make friends", "Sam"),
        ("Amira Khan will read 20 words", "Amira Khan"),
        ("The student will improve", None),
        ("[Student] will increase his homework", None),
        ("X will improve his literacy.", None),
        ("To improve reading", None),
        ("When upset, he will use a calm-down card", None),
    ],
)
def test_the_pupils_name_is_the_one_the_teacher_wrote(text: str, expected: str | None) -> None:
    assert written_name(text) == expected
