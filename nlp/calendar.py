"""School calendar: turns school periods ("by February half term") into real dates.

England has no national term dates: each local authority or trust sets its own. The default is a typical
pattern computed for any academic year (so the checker works on a fresh install in any year); a school's
real dates can be loaded from a mapping (for example its published term-dates file) and take precedence.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any


class TermName(enum.StrEnum):
    """The three terms of an English school year, in order."""

    AUTUMN = "autumn"
    SPRING = "spring"
    SUMMER = "summer"


@dataclass(frozen=True, slots=True)
class Term:
    """One term: teaching runs start..end with a one-week half-term break inside."""

    name: TermName
    start: date
    half_term_start: date
    half_term_end: date
    end: date

    def __post_init__(self) -> None:
        if not self.start < self.half_term_start <= self.half_term_end < self.end:
            raise ValueError(
                f"{self.name.value} term dates are out of order: start {self.start}, half term "
                f"{self.half_term_start} to {self.half_term_end}, end {self.end}"
            )

    @property
    def last_day_before_half_term(self) -> date:
        """The last school day before the half-term break: what "by half term" means."""
        return _previous_weekday(self.half_term_start)


@dataclass(frozen=True, slots=True)
class AcademicYear:
    """A school year from September to July, named by the calendar year it starts in."""

    start_year: int
    autumn: Term
    spring: Term
    summer: Term

    @property
    def terms(self) -> tuple[Term, Term, Term]:
        return (self.autumn, self.spring, self.summer)

    def term(self, name: TermName) -> Term:
        return {TermName.AUTUMN: self.autumn, TermName.SPRING: self.spring, TermName.SUMMER: self.summer}[name]


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm); spring term ends around it."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _previous_weekday(day: date) -> date:
    """The school day before `day` (Friday when `day` is a Monday)."""
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _school_day_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _last_weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


_EASTER_BREAK_EARLIEST = (3, 28)  # the two weeks off start on the first Monday from 28 March …
_EASTER_BREAK_WEEKS = 2


def easter_holiday(year: int) -> tuple[date, date]:
    """The spring term's last day and the summer term's first, as most English LAs set the Easter break.

    Two weeks off from the first Monday on or after 28 March, a week later when they would hold neither Good Friday
    nor Easter Monday; either bank holiday outside them is a day off too. That gives the dates LAs published for
    2025 (7 to 21 April), 2026 (30 March to 10 April) and 2027 (Good Friday 26 March to 9 April).
    """
    good_friday = easter_sunday(year) - timedelta(days=2)
    easter_monday = good_friday + timedelta(days=3)
    start = _weekday_on_or_after(date(year, *_EASTER_BREAK_EARLIEST), 0)
    end = start + timedelta(weeks=_EASTER_BREAK_WEEKS, days=-3)  # the second Friday
    if not (start <= good_friday <= end or start <= easter_monday <= end):
        start, end = start + timedelta(weeks=1), end + timedelta(weeks=1)
    spring_end = _previous_weekday(min(start, good_friday))
    summer_start = end + timedelta(days=3)
    if summer_start == easter_monday:
        summer_start += timedelta(days=1)
    return spring_end, summer_start


@cache
def typical_england_year(start_year: int) -> AcademicYear:
    """A typical English school year: the usual half terms, Christmas, Easter and summer breaks."""
    monday, friday = 0, 4
    autumn_start = _school_day_on_or_after(date(start_year, 9, 3))
    october_break = _last_weekday_on_or_before(date(start_year, 10, 31), monday)
    autumn_end = _last_weekday_on_or_before(date(start_year, 12, 20), friday)
    spring_start = _school_day_on_or_after(date(start_year + 1, 1, 4))
    february_break = _weekday_on_or_after(date(start_year + 1, 2, 12), monday)
    spring_end, summer_start = easter_holiday(start_year + 1)
    may_break = _last_weekday_on_or_before(date(start_year + 1, 5, 31), monday)
    summer_end = _previous_weekday(date(start_year + 1, 7, 22))
    return AcademicYear(
        start_year=start_year,
        autumn=Term(TermName.AUTUMN, autumn_start, october_break, october_break + timedelta(days=4), autumn_end),
        spring=Term(
            TermName.SPRING,
            spring_start,
            february_break,
            february_break + timedelta(days=4),
            spring_end,
        ),
        summer=Term(TermName.SUMMER, summer_start, may_break, may_break + timedelta(days=4), summer_end),
    )


class SchoolCalendar:
    """Term dates for a school: its own where loaded, a typical England pattern for every other year."""

    def __init__(self, years: Iterable[AcademicYear] = ()) -> None:
        self._years = {year.start_year: year for year in years}

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SchoolCalendar:
        """Load published term dates: {"years": [{"start_year": 2026, "autumn": {"start": "2026-09-03", ...}}]}."""
        years = []
        for index, entry in enumerate(data.get("years", [])):
            try:
                terms = {
                    name: Term(
                        name,
                        *(date.fromisoformat(entry[name.value][key]) for key in _TERM_KEYS),
                    )
                    for name in TermName
                }
                years.append(AcademicYear(int(entry["start_year"]), *terms.values()))
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"term dates, year entry {index}: {error}") from error
        return cls(years)

    def academic_year(self, start_year: int) -> AcademicYear:
        """The school year starting in September of `start_year`."""
        return self._years.get(start_year) or typical_england_year(start_year)

    def academic_year_of(self, day: date) -> AcademicYear:
        """The school year a day belongs to (the summer holiday counts as the year that just ended)."""
        this_year = self.academic_year(day.year)
        return this_year if day >= this_year.autumn.start else self.academic_year(day.year - 1)

    def terms_from(self, day: date) -> Iterable[Term]:
        """Every term that has not yet ended on `day`, in order (endless)."""
        start_year = self.academic_year_of(day).start_year
        while True:
            for term in self.academic_year(start_year).terms:
                if term.end >= day:
                    yield term
            start_year += 1

    def current_term(self, day: date) -> Term:
        """The term `day` falls in, or the next one when `day` is in a holiday."""
        return next(iter(self.terms_from(day)))

    def next_term_named(self, name: TermName, day: date) -> Term:
        """The first term called `name` that has not ended by `day`."""
        return next(term for term in self.terms_from(day) if term.name is name)

    def next_half_term_deadline(self, day: date, term_name: TermName | None = None) -> date:
        """The last school day before the next half-term break (of a given term, if named)."""
        for term in self.terms_from(day):
            if term_name is None or term.name is term_name:
                deadline = term.last_day_before_half_term
                if deadline >= day:
                    return deadline
        raise AssertionError("terms_from is endless")  # pragma: no cover

    def end_of_half_term_period(self, day: date) -> date:
        """When the half term `day` falls in ends: before the break, or at the end of term."""
        term = self.current_term(day)
        deadline = term.last_day_before_half_term
        return deadline if deadline >= day else term.end


_TERM_KEYS = ("start", "half_term_start", "half_term_end", "end")
