"""Time-bound: dates and school periods, resolved to real dates against today and the school calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nlp import GuidanceAnswers, SchoolCalendar, SmartReport, check_target
from nlp.report import FindingCode
from tests.nlp.conftest import TODAY

TARGET = "Sam will read 20 CVC words {}."


@pytest.mark.parametrize(
    ("phrase", "deadline"),
    [
        ("by 12/07/2027", date(2027, 7, 12)),
        ("by 12.07.27", date(2027, 7, 12)),
        ("by 12 July 2027", date(2027, 7, 12)),
        ("by the 3rd of March", date(2027, 3, 3)),
        ("by June 15, 2027", date(2027, 6, 15)),
        ("by March", date(2027, 3, 31)),
        ("by October half term", date(2027, 10, 22)),
        ("by February half term", date(2027, 2, 12)),
        ("by Feb half-term", date(2027, 2, 12)),
        ("by May half term", date(2027, 5, 28)),
        ("by the end of the spring term", date(2027, 3, 25)),
        ("by the end of the autumn term", date(2026, 12, 18)),
        ("by the end of term", date(2026, 12, 18)),
        ("by the end of next term", date(2027, 3, 25)),
        ("by Christmas", date(2026, 12, 18)),
        ("by Easter", date(2027, 3, 25)),
        ("by the summer holidays", date(2027, 7, 21)),
        ("by the end of the school year", date(2027, 7, 21)),
        ("within 6 weeks", date(2027, 1, 4)),
        ("in the next 2 months", date(2027, 1, 23)),
        ("over the next half term", date(2026, 12, 18)),
        ("by the end of the semester", date(2026, 12, 18)),
    ],
)
def test_time_expressions_resolve_to_the_school_calendar(phrase: str, deadline: date) -> None:
    report = check_target(TARGET.format(phrase), today=TODAY)
    assert report.time_bound.met is True
    assert report.deadline == deadline


def test_month_first_dates_are_read_when_day_first_is_impossible() -> None:
    report = check_target(TARGET.format("by 07/15/2027"), today=TODAY)
    assert report.deadline == date(2027, 7, 15)
    assert FindingCode.DATE_READ_MONTH_FIRST in {finding.code for finding in report.findings}


def test_a_date_that_does_not_exist_is_not_a_deadline() -> None:
    report = check_target(TARGET.format("by 31/02/2027"), today=TODAY)
    assert report.time_bound.met is False
    assert "isn't a real date" in report.time_bound.message


def test_a_deadline_in_the_past_is_stated_and_flagged_to_be_moved() -> None:
    report = check_target(TARGET.format("by 12/07/2025"), today=TODAY)
    assert report.time_bound.met is True
    assert "already passed" in report.time_bound.message
    assert FindingCode.DEADLINE_PASSED in {finding.code for finding in report.findings}
    assert not report.is_smart


def test_end_of_a_year_group_needs_the_pupils_year_to_be_dated() -> None:
    unknown = check_target(TARGET.format("by the end of Year 4"), today=TODAY)
    assert unknown.time_bound.met is True
    assert unknown.deadline is None
    assert any("year group" in finding.message for finding in unknown.findings)
    known = check_target(TARGET.format("by the end of Year 4"), today=TODAY, guidance=GuidanceAnswers(year_group=3))
    assert known.deadline == date(2028, 7, 21)


def test_end_of_key_stage_uses_its_last_year() -> None:
    report = check_target(
        TARGET.format("by the end of Key Stage 2"), today=TODAY, guidance=GuidanceAnswers(year_group=6)
    )
    assert report.deadline == date(2027, 7, 21)


def test_by_the_review_takes_the_plans_review_date() -> None:
    review = date(2027, 2, 10)
    report = check_target(
        TARGET.format("by the next review"), today=TODAY, guidance=GuidanceAnswers(review_date=review)
    )
    assert report.deadline == review


def test_a_schools_own_term_dates_take_precedence() -> None:
    own = SchoolCalendar.from_mapping(
        {
            "years": [
                {
                    "start_year": 2026,
                    "autumn": {
                        "start": "2026-09-02",
                        "half_term_start": "2026-10-19",
                        "half_term_end": "2026-10-30",
                        "end": "2026-12-16",
                    },
                    "spring": {
                        "start": "2027-01-05",
                        "half_term_start": "2027-02-22",
                        "half_term_end": "2027-02-26",
                        "end": "2027-03-26",
                    },
                    "summer": {
                        "start": "2027-04-12",
                        "half_term_start": "2027-05-31",
                        "half_term_end": "2027-06-04",
                        "end": "2027-07-20",
                    },
                }
            ]
        }
    )
    report = check_target(TARGET.format("by February half term"), today=TODAY, calendar=own)
    assert report.deadline == date(2027, 2, 19)


def test_a_missing_deadline_suggests_the_next_school_break_at_least_six_weeks_away(
    check: Callable[[str], SmartReport],
) -> None:
    time_bound = check("Sam will read 20 CVC words.").time_bound
    assert time_bound.met is False
    assert time_bound.suggestion is not None
    assert "February half term" in time_bound.suggestion


@pytest.mark.parametrize("text", ["Sam will read 20 words 3 times a week.", "Sam will sit for 10 minutes."])
def test_frequency_and_duration_alone_are_not_deadlines(check: Callable[[str], SmartReport], text: str) -> None:
    assert check(text).time_bound.met is False


def test_a_deadline_more_than_a_year_away_is_noted(check: Callable[[str], SmartReport]) -> None:
    report = check("Sam will read 20 CVC words by 1 September 2028.")
    assert report.time_bound.met is True
    assert FindingCode.DEADLINE_FAR_AHEAD in {finding.code for finding in report.findings}


@pytest.mark.parametrize(
    "phrase",
    [
        "by the end of the IEP year",
        "by the end of this IEP cycle",
        "by the next annual IEP",
        "by the life of this IEP",
        "for the duration of this IEP",
        "by the end of the plan",
    ],
)
def test_plan_relative_deadlines_resolve_to_the_plans_review_date(phrase: str) -> None:
    review = date(2027, 3, 26)
    report = check_target(TARGET.format(phrase), today=TODAY, guidance=GuidanceAnswers(review_date=review))
    assert report.time_bound.met is True
    assert report.deadline == review


@pytest.mark.parametrize(
    "phrase",
    [
        "by year 6",
        "by the end of Key Stage 2",
        "by the end of the next key stage",
        "upon completion of high school",
        "during her senior year",
        "within the first grading period",
        "throughout the semester",
        "within a school year",
        "by Week 9, Term 1, 2027",
        "over the next 8 weeks",
        "after graduating from high school",
        "by the time he moves on to college",
    ],
)
def test_stages_and_periods_are_deadlines(phrase: str) -> None:
    assert check_target(TARGET.format(phrase), today=TODAY).time_bound.met is True


@pytest.mark.parametrize(
    "phrase",
    [
        "across a two week period",
        "over four consecutive weeks",
        "for 4 consecutive weeks",
        "for 6 weeks",
        "within 2 minutes of the bell",
        "measured weekly",
        "during a 15-minute activity",
        "at after school clubs",
    ],
)
def test_measurement_windows_latencies_and_schedules_are_not_deadlines(phrase: str) -> None:
    assert check_target(TARGET.format(phrase), today=TODAY).time_bound.met is False


@pytest.mark.parametrize("phrase", ["by [date]", "By (date)", "by xx date", "by month/year", "by ____"])
def test_a_blank_deadline_is_a_placeholder_to_fill_not_a_deadline(phrase: str) -> None:
    report = check_target(TARGET.format(phrase), today=TODAY)
    assert report.time_bound.met is False
    assert FindingCode.DEADLINE_PLACEHOLDER in {finding.code for finding in report.findings}
