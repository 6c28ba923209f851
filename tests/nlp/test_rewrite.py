"""The suggested rewrite fixes what can be fixed mechanically, and the result passes the checker."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import SmartReport


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Sam will read 20 CVC words", "Sam will read 20 CVC words by February half term."),
        ("sam will sit on the carpet by Easter", "Sam will sit on the carpet in 4 out of 5 sessions by Easter."),
        (
            "Sam will read 20 HFW and write a sentence by the end of the spring term.",
            "Sam will read 20 HFW by the end of the spring term.",
        ),
        ("Sam will read and write 20 CVC words by Easter.", "Sam will read 20 CVC words by Easter."),
        ("To sit for 10 minutes by 12/07/2020", "To sit for 10 minutes by February half term."),
    ],
)
def test_mechanical_fixes_are_offered_as_a_rewrite(
    check: Callable[[str], SmartReport], text: str, rewrite: str
) -> None:
    report = check(text)
    assert report.rewrite == rewrite
    assert check(rewrite).is_smart


@pytest.mark.parametrize(
    "text",
    [
        "Sam will understand fractions.",
        "Staff will give Sam a visual timetable.",
        "Sam will not hit other children.",
        "Sam will read 20 CVC words in 4 out of 5 sessions by Easter.",
    ],
)
def test_no_rewrite_when_the_action_itself_must_change_or_nothing_is_missing(
    check: Callable[[str], SmartReport], text: str
) -> None:
    assert check(text).rewrite is None
