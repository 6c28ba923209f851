"""Input that isn't one English target gets a clear verdict and message, never an exception."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import SmartReport, Verdict, check_target

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("", Verdict.EMPTY),
        ("   \n\t ", Verdict.EMPTY),
        ("😀🎉👍", Verdict.NO_WORDS),
        ("12345 !!!", Verdict.NO_WORDS),
        ("Bydd Sam yn darllen ugain gair erbyn hanner tymor", Verdict.NOT_ENGLISH),
        ("Сэм прочитает двадцать слов к Пасхе", Verdict.NOT_ENGLISH),
        ("サムはイースターまでに二十語を読みます", Verdict.NOT_ENGLISH),
        ("Sam will read 20 words by Easter. Sam will write his name by Christmas.", Verdict.SEVERAL_TARGETS),
        ("1. read 20 words\n2. count to 20\n3. write name", Verdict.SEVERAL_TARGETS),
        ("Sam will read 20 CVC words by Easter. " * 300, Verdict.TOO_LONG),
    ],
)
def test_unjudgeable_input_gets_its_own_verdict(
    check: Callable[[str], SmartReport], text: str, verdict: Verdict
) -> None:
    report = check(text)
    assert report.verdict is verdict
    assert report.message
    assert report.is_smart is False
    assert all(criterion.met is None for criterion in report.criteria)


def test_a_target_with_a_strategy_sentence_after_it_is_still_one_target(
    check: Callable[[str], SmartReport],
) -> None:
    report = check("Sam will read 20 CVC words by Easter. Practise with sound buttons daily.")
    assert report.verdict is Verdict.JUDGED


@pytest.mark.parametrize(
    "text",
    [
        "Sam will use a visual timetable to move between activities by Easter.",
        "Sam will learn to read 20 CVC words by Easter. Practise with sound buttons daily.",
    ],
)
def test_two_intentions_in_one_target_sentence_are_still_one_target(
    check: Callable[[str], SmartReport], text: str
) -> None:
    assert check(text).verdict is Verdict.JUDGED


def test_html_special_characters_and_emoji_inside_a_target_are_judged(check: Callable[[str], SmartReport]) -> None:
    report = check("Sam will read < 5 words & then > 10 words 📚 by Easter")
    assert report.verdict is Verdict.JUDGED
    assert report.time_bound.met is True


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=10_000))
def test_no_unicode_string_makes_the_checker_raise(text: str) -> None:
    report = check_target(text)
    assert isinstance(report.to_dict(), dict)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Sam",
                "will",
                "read",
                "and",
                "write",
                "not",
                "20",
                "words",
                "by",
                "Easter",
                "to",
                "the",
                "end",
                "of",
                "half",
                "term",
                "within",
                "6",
                "weeks",
                "4",
                "out",
                "5",
                "12/07/2027",
                "31/02/2027",
                "Year",
                "be",
                "able",
                "independently",
                ",",
                ".",
                "staff",
                "stop",
                "from",
                "next",
                "review",
                "Key",
                "Stage",
                "2",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_no_jumble_of_target_words_makes_the_checker_raise(text: str) -> None:
    check_target(text)


def test_bytes_that_were_not_utf8_are_replaced_not_a_traceback() -> None:
    report = check_target("Sam will read \udce9 words by Easter.")
    assert report.verdict is Verdict.JUDGED
    assert "\ufffd" in report.text


@pytest.mark.parametrize(
    "marked_up",
    [
        "<i>Sam will count to 20 by Easter.</i>",
        "<b>Sam</b> will count to 20 by <span class='date'>Easter</span>.",
        "Sam will count to 20 by Easter.<br/>",
    ],
)
def test_markup_is_stripped_before_checking(marked_up: str) -> None:
    plain = check_target("Sam will count to 20 by Easter.", today=TODAY)
    report = check_target(marked_up, today=TODAY)
    assert "<" not in report.text
    assert [c.met for c in report.criteria] == [c.met for c in plain.criteria]
    assert report.deadline == plain.deadline


def test_entities_are_decoded_and_a_less_than_sign_is_not_markup() -> None:
    report = check_target("Sam will make &lt;3 errors reading 20 words by Easter.", today=TODAY)
    assert report.text == "Sam will make <3 errors reading 20 words by Easter."
