"""Time-bound: a date or school period, resolved to a real date against today and the school calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from nlp.calendar import SchoolCalendar
from nlp.deadlines import resolve, uk_date
from nlp.guidance import GuidanceAnswers
from nlp.report import Criterion, Finding, FindingCode
from nlp.spans import TIMES
from nlp.specific import evidence

_FAR_AHEAD = timedelta(days=366)
_SHORTEST_CYCLE = timedelta(weeks=6)


@dataclass(frozen=True, slots=True)
class TimeVerdict:
    """The criterion, the deadline it resolved to, and notes for the teacher."""

    criterion: Criterion
    deadline: date | None
    notes: tuple[Finding, ...]


def suggested_deadline(today: date, calendar: SchoolCalendar) -> tuple[str, date]:
    """The first school break at least six weeks away, as a phrase and a date: a usual IEP cycle."""
    names = {
        "autumn": ("October half term", "Christmas"),
        "spring": ("February half term", "Easter"),
        "summer": ("May half term", "the summer holidays"),
    }
    for term in calendar.terms_from(today):
        half_term_name, end_name = names[term.name.value]
        for phrase, day in ((half_term_name, term.last_day_before_half_term), (end_name, term.end)):
            if day - today >= _SHORTEST_CYCLE:
                return phrase, day
    raise AssertionError("terms_from is endless")  # pragma: no cover


def judge_time_bound(
    doc: Doc, *, today: date, calendar: SchoolCalendar, guidance: GuidanceAnswers | None
) -> TimeVerdict:
    """Met when a deadline is stated; the earliest resolvable one is the deadline, and a passed one is flagged.

    A deadline that has passed is still a stated deadline (Time-bound is about the wording): it is met, with a
    `deadline_passed` finding telling the teacher to move it. A blank slot ("by [date]") is not a deadline yet.
    """
    spans = [span for span in doc.spans[TIMES] if span.label_ != "PLACEHOLDER"]
    blanks = [span for span in doc.spans[TIMES] if span.label_ == "PLACEHOLDER"]
    if not spans:
        phrase, day = suggested_deadline(today, calendar)
        if blanks:
            return TimeVerdict(
                Criterion(
                    "time_bound",
                    False,
                    f'The deadline is a blank to fill in: "{blanks[0].text}".',
                    f'Put in a date or a school period, e.g. "by {phrase}" ({uk_date(day)}).',
                    tuple(evidence(span, span.label_) for span in blanks),
                ),
                None,
                (Finding(FindingCode.DEADLINE_PLACEHOLDER, "Fill in the deadline before the plan is shared."),),
            )
        return TimeVerdict(
            Criterion(
                "time_bound",
                False,
                "There's no deadline.",
                f'Add when: a date or a school period, e.g. "by {phrase}" ({uk_date(day)}).',
            ),
            None,
            (),
        )
    resolutions = [(span, resolve(span, today=today, calendar=calendar, guidance=guidance)) for span in spans]
    notes = tuple(Finding(r.code, r.note) for _, r in resolutions if r.note and r.code)
    found = tuple(evidence(span, span.label_) for span in spans)
    impossible = [r for _, r in resolutions if r.impossible]
    if impossible:
        message = impossible[0].note or "That isn't a real date."
        return TimeVerdict(Criterion("time_bound", False, message, "Check the date (day/month/year).", found), None, ())
    dated = [(r.deadline, i) for i, (_, r) in enumerate(resolutions) if r.deadline is not None]
    if not dated:
        return TimeVerdict(Criterion("time_bound", True, f'Deadline: "{found[0].text}".', None, found), None, notes)
    deadline, earliest = min(dated, key=lambda pair: pair[0])
    written = found[earliest].text
    if deadline < today:
        phrase, day = suggested_deadline(today, calendar)
        passed = Finding(
            FindingCode.DEADLINE_PASSED,
            f'The deadline "{written}" ({uk_date(deadline)}) has already passed: move it to a date ahead, e.g. '
            f'"by {phrase}" ({uk_date(day)}).',
            (found[earliest],),
        )
        return TimeVerdict(
            Criterion("time_bound", True, f'Deadline: "{written}" — {uk_date(deadline)}, already passed.', None, found),
            deadline,
            (*notes, passed),
        )
    if deadline - today > _FAR_AHEAD:
        notes += (
            Finding(
                FindingCode.DEADLINE_FAR_AHEAD,
                "That's more than a year away: IEP targets usually run for a term, with a review at least "
                "twice a year. Consider a smaller step with a nearer date.",
            ),
        )
    return TimeVerdict(
        Criterion("time_bound", True, f'Deadline: "{written}" — {uk_date(deadline)}.', None, found),
        deadline,
        notes,
    )
