"""Measurable: counts, accuracy, frequency, duration, prompting level, ranges and levels."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import SmartReport


@pytest.mark.parametrize(
    ("text", "label", "evidence"),
    [
        ("Sam will read 20 CVC words by Easter.", "COUNT", "20 CVC"),
        ("Sam will spell Year 2 words with 80% accuracy by Easter.", "ACCURACY", "80%"),
        ("Sam will spell 8/10 weekly words by Easter.", "ACCURACY", "8/10"),
        ("Sam will line up on 4 out of 5 occasions by Easter.", "FREQUENCY", "4 out of 5 occasions"),
        ("Sam will use his card 3 times a week by Easter.", "FREQUENCY", "3 times a week"),
        ("Sam will greet an adult in 3 consecutive sessions by Easter.", "FREQUENCY", "3 consecutive sessions"),
        ("Sam will sit at his table for 10 minutes by Easter.", "DURATION", "10 minutes"),
        ("Sam will put on his coat independently by Easter.", "PROMPTING", "independently"),
        ("Sam will start a task with one verbal prompt by Easter.", "PROMPTING", "with one verbal prompt"),
        ("Sam will order numbers to 20 by Easter.", "RANGE", "to 20"),
        ("Sam will read Phase 3 sounds by Easter.", "LEVEL", "Phase 3"),
    ],
)
def test_each_kind_of_criterion_is_recognised(
    check: Callable[[str], SmartReport], text: str, label: str, evidence: str
) -> None:
    measurable = check(text).measurable
    assert measurable.met is True
    assert (label, evidence) in [(item.label, item.text) for item in measurable.evidence]


@pytest.mark.parametrize(
    "text",
    [
        "Sam will read more words by Easter.",
        "Sam will write neatly by 12/07/2027.",
        "Sam will count objects within 6 weeks.",
        "By the end of Year 4 Sam will tell the time.",
        "Sam will use the lift to reach the first floor by Easter.",
    ],
)
def test_dates_year_groups_and_ordinals_are_not_measures(check: Callable[[str], SmartReport], text: str) -> None:
    measurable = check(text).measurable
    assert measurable.met is False
    assert measurable.suggestion is not None
    assert "how many" in measurable.suggestion
