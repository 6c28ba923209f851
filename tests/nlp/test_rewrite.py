"""The suggested rewrite fixes what can be fixed mechanically, and the result passes the checker."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import SmartReport
from nlp.report import FindingCode


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        ("Sam will read 20 CVC words", "Sam will read 20 CVC words by February half term."),
        ("sam will sit on the carpet by Easter", "Sam will sit on the carpet in __ out of __ sessions by Easter."),
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
    again = check(rewrite)
    assert all(criterion.met for criterion in (again.specific, again.measurable, again.time_bound))


@pytest.mark.parametrize(
    "text",
    [
        "Sam will understand fractions.",
        "Staff will give Sam a visual timetable.",
        "Sam will not hit other children.",
        "To be able to count.",
        "Sam will improve his behaviour by Christmas.",
        "Sam will read 20 CVC words in 4 out of 5 sessions by Easter.",
    ],
)
def test_no_rewrite_when_the_action_itself_must_change_or_nothing_is_missing(
    check: Callable[[str], SmartReport], text: str
) -> None:
    assert check(text).rewrite is None


def test_a_missing_number_is_left_as_a_blank_for_the_teacher_not_invented(check: Callable[[str], SmartReport]) -> None:
    rewrite = check("Sam will put on his coat by Easter.").rewrite
    assert rewrite == "Sam will put on his coat in __ out of __ sessions by Easter."
    again = check(rewrite)
    assert again.measurable.met is True
    assert not again.is_smart  # the blank is still to be filled
    assert FindingCode.MEASURE_PLACEHOLDER in {finding.code for finding in again.findings}


@pytest.mark.parametrize(
    "text",
    [
        "To revise the topic of enzymes for my end of term science test.",
        "By the end of the IEP year, Sam will decode 18 of 20 words correctly.",
        "By Easter, Sam will read 20 CVC words.",
    ],
)
def test_a_rewrite_never_inserts_inside_a_phrase_nor_adds_a_second_deadline(
    check: Callable[[str], SmartReport], text: str
) -> None:
    rewrite = check(text).rewrite
    if rewrite is None:
        return
    assert rewrite.rstrip(".").startswith(text.rstrip("."))
    assert (
        len(check(rewrite).time_bound.evidence) == len(check(text).time_bound.evidence)
        or not check(text).time_bound.evidence
    )
