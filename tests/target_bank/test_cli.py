"""`iepbot bank search` and `iepbot bank show` print readable results."""

from __future__ import annotations

import pytest

from iepbot.cli import main
from iepbot.commands.bank import _AREAS
from target_bank import Area


def test_search_prints_numbered_targets_with_placeholders(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "search", "counting objects to 10", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. cl-number-counting-objects-2  (Cognition and learning; Reception to Year 1)")
    assert "[pupil] will count 10 objects" in out
    assert "\n2. " in out
    assert "\n3. " not in out


def test_search_with_area_and_year_lists_only_matching_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "search", "reading", "--area", "cognition_and_learning", "--year", "Year 8"]) == 0
    numbered = [line for line in capsys.readouterr().out.splitlines() if line[:1].isdigit()]
    assert numbered
    assert all("(Cognition and learning;" in line for line in numbered)
    assert not any("cl-phonics" in line for line in numbered)


def test_search_without_matches_says_what_to_try(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "search", "zzzz qqqq"]) == 1
    assert "No targets matched" in capsys.readouterr().out


def test_bad_year_is_reported_not_raised(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "search", "reading", "--year", "Year 14"]) == 2
    assert "not a school year" in capsys.readouterr().out


def test_show_prints_the_target_its_teaching_and_its_neighbours(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["bank", "show", "cl-phonics-cvc-blending-2", "--name", "Amira", "--deadline", "2027-02-12"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Target: Amira will read 10 CVC words with sound buttons with 80% accuracy by 12 February 2027." in out
    assert "Teaching strategies:\n  - Sound-button stepping stones" in out
    assert "National Curriculum: English, Year 1, Reading \N{EN DASH} word reading" in out
    assert "Smaller step: cl-phonics-cvc-blending-1" in out
    assert "Next step: cl-phonics-cvc-blending-3" in out


def test_show_first_step_says_there_is_no_smaller_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "show", "cl-phonics-cvc-blending-1"]) == 0
    assert "Smaller step: none (this is the first step)" in capsys.readouterr().out


def test_showing_an_unknown_id_names_it_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "show", "cl-nope"]) == 1
    assert "There is no target with id 'cl-nope'" in capsys.readouterr().out


def test_area_choices_match_the_banks_areas() -> None:
    assert tuple(area.value for area in Area) == _AREAS
