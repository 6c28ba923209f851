"""Resolves a time expression the rulers found ("by February half term", "12/07/2027") to a date."""

from __future__ import annotations

import calendar as month_lengths
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from spacy.tokens import Span

from nlp.calendar import SchoolCalendar, Term, TermName
from nlp.guidance import GuidanceAnswers
from nlp.numbers import parse_number
from nlp.report import FindingCode

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (month_lengths.month_name[number].lower(), month_lengths.month_abbr[number].lower())
} | {"sept": 9}
_SEASON_TERMS = {
    "october": TermName.AUTUMN,
    "autumn": TermName.AUTUMN,
    "fall": TermName.AUTUMN,
    "christmas": TermName.AUTUMN,
    "xmas": TermName.AUTUMN,
    "winter": TermName.AUTUMN,
    "february": TermName.SPRING,
    "feb": TermName.SPRING,
    "spring": TermName.SPRING,
    "easter": TermName.SPRING,
    "may": TermName.SUMMER,
    "whitsun": TermName.SUMMER,
    "summer": TermName.SUMMER,
}
_KEY_STAGE_LAST_YEAR = {1: 2, 2: 6, 3: 9, 4: 11, 5: 13}
_LOOKAHEAD_TERMS = 30


def uk_date(day: date) -> str:
    """A date as people in England write it: 12 February 2027."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The date a time expression means; None with a note when it can't be dated from the text alone."""

    deadline: date | None
    note: str | None = None
    impossible: bool = False
    code: FindingCode | None = None  # what the note is about, when it is a finding for the teacher


@dataclass(frozen=True, slots=True)
class _Context:
    span: Span
    words: tuple[str, ...]
    today: date
    calendar: SchoolCalendar
    guidance: GuidanceAnswers | None

    def first(self, mapping: dict[str, TermName]) -> TermName | None:
        return next((mapping[word] for word in self.words if word in mapping), None)

    def year(self) -> int | None:
        return next((int(word) for word in self.words if re.fullmatch(r"(19|20)\d\d", word)), None)

    def month(self) -> int | None:
        return next((_MONTHS[word] for word in self.words if word in _MONTHS), None)


def resolve(span: Span, *, today: date, calendar: SchoolCalendar, guidance: GuidanceAnswers | None) -> Resolution:
    """The deadline a time span means, against today's date and the school's calendar."""
    words = tuple(token.lower_.rstrip(".") for token in span)
    context = _Context(span, words, today, calendar, guidance)
    return _RESOLVERS[span.label_](context)


def _numeric_date(context: _Context) -> Resolution:
    day, month, year = (int(part) for part in re.split(r"[/.\-]", "".join(context.words)) if part)
    year += 2000 if year < 100 else 0
    note = None
    if month > 12 >= day:
        day, month = month, day
        note = f"Read as {day}/{month}/{year} (month first); we use day/month/year."
    found = _checked_date(year, month, day, note)
    return Resolution(found.deadline, found.note, found.impossible, FindingCode.DATE_READ_MONTH_FIRST if note else None)


def _checked_date(year: int, month: int, day: int, note: str | None = None) -> Resolution:
    try:
        return Resolution(date(year, month, day), note)
    except ValueError:
        return Resolution(None, f"{day}/{month}/{year} isn't a real date.", impossible=True)


def _day_and_month(context: _Context) -> Resolution:
    month = context.month()
    day = next((n for word in context.words if (n := parse_number(word)) is not None and n <= 31), None)
    if month is None or day is None:
        return Resolution(None)
    year = context.year()
    if year is None:
        year = context.today.year
        if (month, day) < (context.today.month, context.today.day):
            year += 1
    return _checked_date(year, month, day)


def _month(context: _Context) -> Resolution:
    month = context.month()
    if month is None:
        return Resolution(None)
    year = context.year() or (context.today.year + (month < context.today.month))
    if context.words[0] == "before":
        return Resolution(date(year, month, 1) - timedelta(days=1))
    return Resolution(date(year, month, month_lengths.monthrange(year, month)[1]))


def _year(context: _Context) -> Resolution:
    year = context.year()
    if year is None:
        return Resolution(None)
    return Resolution(date(year - 1, 12, 31) if context.words[0] in ("by", "before") else date(year, 12, 31))


def _half_term(context: _Context) -> Resolution:
    return Resolution(context.calendar.next_half_term_deadline(context.today, context.first(_SEASON_TERMS)))


def _named_half_term(context: _Context) -> Resolution:
    name = context.first(_SEASON_TERMS)
    if name is None:
        return Resolution(None)
    term = context.calendar.next_term_named(name, context.today)
    deadline = term.end if "2" in context.words else term.last_day_before_half_term
    if deadline < context.today:
        deadline = context.calendar.next_term_named(name, term.end + timedelta(days=1)).end
    return Resolution(deadline)


def _next_half_term(context: _Context) -> Resolution:
    return Resolution(context.calendar.end_of_half_term_period(context.today))


def _term_end(context: _Context) -> Resolution:
    name = context.first(_SEASON_TERMS)
    if name is None:
        return Resolution(None)
    year = context.year()
    term = _find_term(context, lambda t: t.name is name and (year is None or t.end.year == year))
    return Resolution(term.end if term else None)


def _term_start(context: _Context) -> Resolution:
    name = context.first(_SEASON_TERMS)
    term = _find_term(context, lambda t: t.name is name and t.start > context.today)
    return Resolution(term.start - timedelta(days=1) if term else None)


def _relative_term(context: _Context) -> Resolution:
    current = context.calendar.current_term(context.today)
    if "next" in context.words:
        return Resolution(context.calendar.current_term(current.end + timedelta(days=1)).end)
    return Resolution(current.end)


def _holiday(context: _Context) -> Resolution:
    name = context.first(_SEASON_TERMS)
    if name is None:
        return Resolution(None)
    if any(word in ("october", "february", "may", "whitsun") for word in context.words):
        return Resolution(context.calendar.next_half_term_deadline(context.today, name))
    return Resolution(context.calendar.next_term_named(name, context.today).end)


def _school_year_end(context: _Context) -> Resolution:
    return Resolution(context.calendar.next_term_named(TermName.SUMMER, context.today).end)


def _year_group(context: _Context) -> Resolution:
    digits = re.search(r"\d+", " ".join(context.words))
    target_year = int(digits.group()) if digits else 0  # Reception, EYFS, nursery
    return _end_of_year_group(context, target_year, context.span.text)


def _key_stage(context: _Context) -> Resolution:
    digits = re.search(r"\d", " ".join(context.words))
    if digits is None and ("next" in context.words or "current" in context.words):
        current = context.guidance.year_group if context.guidance else None
        if current is None:
            return _end_of_year_group(context, 0, context.span.text)
        stage_end = min(last for last in _KEY_STAGE_LAST_YEAR.values() if last >= current)
        following = [last for last in _KEY_STAGE_LAST_YEAR.values() if last > stage_end]
        target = stage_end if "current" in context.words or not following else min(following)
        return _end_of_year_group(context, target, context.span.text)
    return _end_of_year_group(context, _KEY_STAGE_LAST_YEAR[int(digits.group()) if digits else 2], context.span.text)


def _grade(context: _Context) -> Resolution:
    grade = next((n for word in context.words if (n := parse_number(word)) is not None), None)
    return _end_of_year_group(context, (grade or 0) + 1, context.span.text)


def _end_of_year_group(context: _Context, target_year: int, phrase: str) -> Resolution:
    current = context.guidance.year_group if context.guidance else None
    if current is None:
        return Resolution(
            None, f'Tell me the pupil\'s year group to put a date on "{phrase}".', code=FindingCode.DEADLINE_UNDATED
        )
    start_year = context.calendar.academic_year_of(context.today).start_year + (target_year - current)
    return Resolution(context.calendar.academic_year(start_year).summer.end)


def _semester(context: _Context) -> Resolution:
    if "quarter" in context.words:
        return Resolution(context.calendar.end_of_half_term_period(context.today))
    current = context.calendar.current_term(context.today)
    if current.name is TermName.AUTUMN:
        return Resolution(current.end)
    return Resolution(context.calendar.next_term_named(TermName.SUMMER, context.today).end)


def _relative(context: _Context) -> Resolution:
    words = context.words
    if "end" in words:
        return _end_of_period(context)
    count = next((n for word in words if (n := parse_number(word)) is not None), 1)
    units = ("day", "week", "month", "term", "fortnight", "year")
    unit = next(word for word in reversed(words) if word.rstrip("s") in units).rstrip("s")
    if unit == "year":
        return Resolution(_add_months(context.today, 12 * count))
    if unit == "term":
        term = context.calendar.current_term(context.today)
        for _ in range(count - 1):
            term = context.calendar.current_term(term.end + timedelta(days=1))
        return Resolution(term.end)
    if unit == "month":
        return Resolution(_add_months(context.today, count))
    days = {"day": 1, "week": 7, "fortnight": 14}[unit]
    return Resolution(context.today + timedelta(days=count * days))


def _end_of_period(context: _Context) -> Resolution:
    today = context.today
    if "week" in context.words or "fortnight" in context.words:
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        return Resolution(friday + timedelta(days=7 if "next" in context.words else 0))
    month_start = _add_months(today.replace(day=1), 1 if "next" in context.words else 0)
    return Resolution(month_start.replace(day=month_lengths.monthrange(month_start.year, month_start.month)[1]))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_lengths.monthrange(year, month)[1]))


def _review(context: _Context) -> Resolution:
    if context.guidance and context.guidance.review_date:
        return Resolution(context.guidance.review_date)
    return Resolution(
        None,
        "The deadline is the plan's review date: it is set when the plan is written.",
        code=FindingCode.DEADLINE_UNDATED,
    )


def _school_stage(context: _Context) -> Resolution:
    """ "Upon completion of high school", "by the age of 7", "during her senior year": a stage, not a date."""
    words = set(context.words)
    last_year = 6 if "primary" in words or "junior" in words else 11 if words & {"secondary", "high"} else None
    if last_year is not None and context.guidance and context.guidance.year_group is not None:
        return _end_of_year_group(context, last_year, context.span.text)
    return Resolution(
        None,
        f'"{context.span.text}" is a stage, not a date: give the date or school period you will review it by.',
        code=FindingCode.DEADLINE_UNDATED,
    )


def _numbered_term(context: _Context) -> Resolution:
    """ "By Week 9, Term 1, 2021", "end of term 2": numbering differs between schools, so only a past year dates it."""
    year = context.year()
    if year is not None and year < context.today.year:
        return Resolution(date(year, 12, 31))
    return Resolution(
        None,
        f'Schools number their terms differently: say which term "{context.span.text}" is, or give a date.',
        code=FindingCode.DEADLINE_UNDATED,
    )


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def _weekday(context: _Context) -> Resolution:
    """ "On Friday": the next such day after today ("next Friday" the one after that)."""
    wanted = next(_WEEKDAYS.index(word) for word in context.words if word in _WEEKDAYS)
    ahead = (wanted - context.today.weekday() - 1) % 7 + 1
    return Resolution(context.today + timedelta(days=ahead + (7 if "next" in context.words else 0)))


def _placeholder(_context: _Context) -> Resolution:
    return Resolution(None, "The deadline is a blank to fill in.", code=FindingCode.DEADLINE_PLACEHOLDER)


def _find_term(context: _Context, wanted: Callable[[Term], bool]) -> Term | None:
    for term in islice(context.calendar.terms_from(context.today), _LOOKAHEAD_TERMS):
        if wanted(term):
            return term
    return None


_RESOLVERS: dict[str, Callable[[_Context], Resolution]] = {
    "DATE_NUMERIC": _numeric_date,
    "DATE_DAY_MONTH": _day_and_month,
    "DATE_MONTH_DAY": _day_and_month,
    "MONTH": _month,
    "YEAR": _year,
    "HALF_TERM": _half_term,
    "HALF_TERM_NAMED": _named_half_term,
    "HALF_TERM_NEXT": _next_half_term,
    "TERM_END": _term_end,
    "TERM_START": _term_start,
    "TERM_RELATIVE": _relative_term,
    "HOLIDAY": _holiday,
    "SCHOOL_YEAR_END": _school_year_end,
    "YEAR_GROUP": _year_group,
    "KEY_STAGE": _key_stage,
    "GRADE": _grade,
    "SEMESTER": _semester,
    "RELATIVE": _relative,
    "REVIEW": _review,
    "SCHOOL_STAGE": _school_stage,
    "TERM_NUMBERED": _numbered_term,
    "PLACEHOLDER": _placeholder,
    "WEEKDAY": _weekday,
}


def resolvers_cover(labels: frozenset[str]) -> bool:
    """Whether every time label the rules can produce has a resolver (checked by the tests)."""
    return labels <= _RESOLVERS.keys()
