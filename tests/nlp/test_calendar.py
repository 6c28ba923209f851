"""The default calendar follows the usual England pattern in any year; a school's own dates can replace it."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from nlp.calendar import SchoolCalendar, TermName, easter_sunday, typical_england_year


@pytest.mark.parametrize(
    ("year", "easter"), [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2027, date(2027, 3, 28))]
)
def test_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("start_year", "autumn", "spring", "summer"),
    [
        # (start, half term Monday, last day) of each term. 2025/26 and 2026/27 as LAs and schools published them
        # (e.g. spring 2027 ends on Thursday 25 March, before Good Friday); no 2027/28 page was to hand, so that
        # row holds the rule's own answer and guards it from drifting
        (
            2025,
            (date(2025, 9, 3), date(2025, 10, 27), date(2025, 12, 19)),
            (date(2026, 1, 5), date(2026, 2, 16), date(2026, 3, 27)),
            (date(2026, 4, 13), date(2026, 5, 25), date(2026, 7, 21)),
        ),
        (
            2026,
            (date(2026, 9, 3), date(2026, 10, 26), date(2026, 12, 18)),
            (date(2027, 1, 4), date(2027, 2, 15), date(2027, 3, 25)),
            (date(2027, 4, 12), date(2027, 5, 31), date(2027, 7, 21)),
        ),
        (
            2027,
            (date(2027, 9, 3), date(2027, 10, 25), date(2027, 12, 17)),
            (date(2028, 1, 4), date(2028, 2, 14), date(2028, 3, 31)),
            (date(2028, 4, 18), date(2028, 5, 29), date(2028, 7, 21)),
        ),
    ],
)
def test_the_default_year_matches_published_english_term_dates(
    start_year: int, autumn: tuple[date, ...], spring: tuple[date, ...], summer: tuple[date, ...]
) -> None:
    year = typical_england_year(start_year)
    for term, (start, half_term, end) in zip(year.terms, (autumn, spring, summer), strict=True):
        assert (term.start, term.half_term_start, term.end) == (start, half_term, end), term.name


@pytest.mark.parametrize("start_year", range(2024, 2040))
def test_every_typical_year_is_in_order_with_week_long_half_terms(start_year: int) -> None:
    year = typical_england_year(start_year)
    terms = year.terms
    assert [term.name for term in terms] == [TermName.AUTUMN, TermName.SPRING, TermName.SUMMER]
    for earlier, later in itertools.pairwise(terms):
        assert earlier.end < later.start
    for term in terms:
        assert term.half_term_start.weekday() == 0
        assert (term.half_term_end - term.half_term_start).days == 4
        assert term.end.weekday() < 5
    assert year.autumn.half_term_start.month == 10
    assert year.spring.half_term_start.month == 2


def test_a_day_in_the_summer_holiday_belongs_to_the_year_that_just_ended() -> None:
    calendar = SchoolCalendar()
    assert calendar.academic_year_of(date(2027, 8, 10)).start_year == 2026
    assert calendar.current_term(date(2027, 8, 10)).name is TermName.AUTUMN


def test_term_dates_out_of_order_are_rejected_with_the_year_entry_named() -> None:
    bad = {
        "years": [
            {
                "start_year": 2026,
                "autumn": {
                    "start": "2026-12-01",
                    "half_term_start": "2026-10-01",
                    "half_term_end": "2026-10-05",
                    "end": "2026-12-18",
                },
            }
        ]
    }
    with pytest.raises(ValueError, match="year entry 0"):
        SchoolCalendar.from_mapping(bad)
