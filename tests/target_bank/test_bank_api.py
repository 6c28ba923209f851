"""Looking targets up, moving along a ladder, and rendering a target for one pupil."""

from __future__ import annotations

import threading
from datetime import date

import pytest

import target_bank
from target_bank import UnknownTargetError

BANK = target_bank.load()


def test_load_returns_the_same_bank_each_time() -> None:
    assert target_bank.load() is target_bank.load()


def test_bank_records_are_immutable() -> None:
    target = BANK.target("cl-phonics-cvc-blending-1")
    with pytest.raises(AttributeError):
        target.target = "changed"  # type: ignore[misc]


def test_progression_lists_its_steps_smallest_first() -> None:
    progression = BANK.progression("cl-phonics-cvc-blending")
    assert [step.position for step in progression.steps] == list(range(1, len(progression.steps) + 1))
    assert progression.steps[0].target.startswith("{name} will blend 10 spoken")


def test_smaller_step_is_the_one_before() -> None:
    smaller = BANK.smaller_step("cl-phonics-cvc-blending-3")
    assert smaller is not None
    assert smaller.id == "cl-phonics-cvc-blending-2"


def test_next_step_is_the_one_after() -> None:
    following = BANK.next_step("cl-phonics-cvc-blending-3")
    assert following is not None
    assert following.id == "cl-phonics-cvc-blending-4"


def test_first_step_has_no_smaller_step() -> None:
    assert BANK.smaller_step("cl-phonics-cvc-blending-1") is None


def test_last_step_has_no_next_step() -> None:
    last = BANK.progression("cl-phonics-cvc-blending").steps[-1]
    assert BANK.next_step(last.id) is None


def test_render_writes_the_deadline_uk_style() -> None:
    text = BANK.render("cl-phonics-cvc-blending-2", name="Amira", deadline=date(2027, 2, 12))
    assert text == "Amira will read 10 CVC words with sound buttons with 80% accuracy by 12 February 2027."


def test_render_accepts_a_deadline_in_words() -> None:
    text = BANK.render("cl-phonics-cvc-blending-2", name="Amira", deadline="February half term")
    assert text.endswith("by February half term.")


def test_a_bank_target_cannot_be_written_for_a_blank_name() -> None:
    with pytest.raises(ValueError, match="needs the pupil's name"):
        BANK.render("cl-phonics-cvc-blending-2", name="  ", deadline=date(2027, 2, 12))


@pytest.mark.parametrize("lookup", [BANK.target, BANK.progression, BANK.smaller_step, BANK.next_step])
def test_unknown_id_is_a_readable_error(lookup: object) -> None:
    with pytest.raises(UnknownTargetError, match="in the target bank"):
        lookup("cl-no-such-thing")  # type: ignore[operator]


def test_literacy_target_carries_its_curriculum_statement() -> None:
    curriculum = BANK.target("cl-phonics-cvc-blending-1").curriculum
    assert curriculum is not None
    assert (curriculum.subject, curriculum.year) == ("English", 1)


def test_search_gives_the_same_answers_from_several_threads() -> None:
    expected = BANK.search("counting objects to 10")
    results: list[tuple[target_bank.SearchHit, ...]] = []

    def search() -> None:
        for _ in range(20):
            results.append(BANK.search("counting objects to 10"))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 80
