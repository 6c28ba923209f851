"""Search finds the right ladder from a teacher's own words: synonyms, abbreviations, misspellings."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

import target_bank
from target_bank import Area

BANK = target_bank.load()
QUERIES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "search_queries.yaml").read_text(encoding="utf-8")
)


def top_progressions(text: str, **filters: Any) -> list[str]:
    return [hit.target.progression_id for hit in BANK.search(text, limit=3, **filters)]


def test_teacher_queries_find_the_expected_progression_in_the_top_three() -> None:
    misses = []
    for case in QUERIES:
        found = top_progressions(case["query"])
        if not set(case["expected"]) & set(found):
            misses.append(f"{case['query']!r}: wanted {case['expected']}, got {found}")
    print(f"\nSearch quality: {len(QUERIES) - len(misses)}/{len(QUERIES)} in the top 3", *misses, sep="\n  ")
    assert len(QUERIES) >= 40
    assert (len(QUERIES) - len(misses)) / len(QUERIES) >= 0.9, "\n".join(misses)


def test_every_expected_progression_exists() -> None:
    for case in QUERIES:
        for progression_id in case["expected"]:
            BANK.progression(progression_id)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("numeracy number bonds", "cl-number-bonds"),
        ("HFW", "cl-reading-exception-words"),
        ("SALT speech sounds", "ci-speech-sound-k"),
        ("fiddling on the carpet", "semh-fidget-tool"),
    ],
)
def test_teachers_synonyms_reach_targets_worded_differently(query: str, expected: str) -> None:
    assert expected in top_progressions(query)


@pytest.mark.parametrize(
    ("misspelt", "expected"),
    [
        ("speach sounds", "ci-speech-sound-k"),
        ("multiplcation facts", "cl-calculation-times-tables"),
        ("frations of shapes", "cl-number-fractions"),
        ("handwritting letter formaton", "cl-handwriting-letter-formation"),
    ],
)
def test_misspelt_words_are_corrected_to_the_banks_words(misspelt: str, expected: str) -> None:
    assert expected in top_progressions(misspelt)


@pytest.mark.parametrize("query", ["Sam will get better at phonics", "He will count to 20", "she will join in"])
def test_a_stop_word_changes_nothing_not_even_as_a_misspelling(query: str) -> None:
    without = query.replace(" will ", " ")  # "will" is not a bank word: it must not be "corrected" to "wall"
    assert BANK.search(query, limit=5) == BANK.search(without, limit=5)


def test_each_progression_appears_once_with_its_best_step() -> None:
    hits = BANK.search("read CVC words with sound buttons", limit=10)
    progressions = [hit.target.progression_id for hit in hits]
    assert len(progressions) == len(set(progressions))
    assert hits[0].target.id == "cl-phonics-cvc-blending-2"


def test_results_are_ordered_best_first() -> None:
    scores = [hit.score for hit in BANK.search("counting objects to 10", limit=10)]
    assert scores == sorted(scores, reverse=True)


def test_area_filter_keeps_only_that_area() -> None:
    hits = BANK.search("taking turns in a game", area="social_emotional_mental_health", limit=10)
    assert hits
    assert {hit.target.area for hit in hits} == {Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH}


def test_year_filter_keeps_targets_whose_range_includes_the_year() -> None:
    hits = BANK.search("reading", year="Year 8", limit=10)
    assert hits
    assert all(8 in hit.target.years for hit in hits)
    assert "cl-phonics-cvc-blending" not in [hit.target.progression_id for hit in hits]


def test_year_accepts_reception_and_numbers() -> None:
    assert BANK.search("counting", year="Reception") == BANK.search("counting", year=0)


def test_limit_caps_the_number_of_results() -> None:
    assert len(BANK.search("reading", limit=2)) == 2


@pytest.mark.parametrize("text", ["", "   ", "the and of", "!!!"])
def test_query_without_content_words_finds_nothing(text: str) -> None:
    assert BANK.search(text) == ()


def test_unknown_area_is_a_readable_error() -> None:
    with pytest.raises(ValueError, match="is not an area of need: use one of communication_and_interaction"):
        BANK.search("reading", area="literacy")


def test_unknown_year_is_a_readable_error() -> None:
    with pytest.raises(ValueError, match="not a school year: use Reception or Year 1 to Year 11"):
        BANK.search("reading", year="Year 13")


def test_fts_syntax_in_a_query_is_treated_as_words() -> None:
    assert BANK.search('reading" OR NEAR(* -') == BANK.search("reading near")


def test_synonyms_file_ships_with_the_package() -> None:
    assert (files("target_bank") / "data" / "synonyms.yaml").is_file()
