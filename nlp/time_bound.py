"""Time-bound: a date or school period, resolved to a real date against today and the school calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from nlp.calendar import SchoolCalendar
from nlp.deadlines import resolve, uk_date
from nlp.guidance import GuidanceAnswers
from nlp.report import Criterion
from nlp.specific import evidence
from nlp.structure import TIMES

_FAR_AHEAD = timedelta(days=366)
_SHORTEST_CYCLE = timedelta(weeks=6)


@dataclass(frozen=True, slots=True)
class TimeVerdict:
    """The criterion, the deadline it resolved to, and notes for the teacher."""

    criterion: Criterion
    deadline: date | None
    notes: tuple[str, ...]


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
    """Met when a deadline is stated and has not passed; the earliest resolvable one is the deadline."""
    spans = list(doc.spans[TIMES])
    if not spans:
        phrase, day = suggested_deadline(today, calendar)
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
    notes = tuple(r.note for _, r in resolutions if r.note)
    found = tuple(evidence(span, span.label_) for span in spans)
    impossible = [span for span, r in resolutions if r.impossible]
    if impossible:
        return TimeVerdict(
            Criterion("time_bound", False, notes[0], "Check the date (day/month/year).", found), None, notes
        )
    dated = [(r.deadline, i) for i, (_, r) in enumerate(resolutions) if r.deadline is not None]
    if not dated:
        return TimeVerdict(Criterion("time_bound", True, f'Deadline: "{found[0].text}".', None, found), None, notes)
    deadline, earliest = min(dated, key=lambda pair: pair[0])
    written = found[earliest].text
    if deadline < today:
        return TimeVerdict(
            Criterion(
                "time_bound",
                False,
                f'The deadline "{written}" ({uk_date(deadline)}) has already passed.',
                "Choose a date in the coming term.",
                found,
            ),
            deadline,
            notes,
        )
    if deadline - today > _FAR_AHEAD:
        notes += (
            "That's more than a year away: IEP targets usually run for a term, with a review at least "
            "twice a year. Consider a smaller step with a nearer date.",
        )
    return TimeVerdict(
        Criterion("time_bound", True, f'Deadline: "{written}" — {uk_date(deadline)}.', None, found),
        deadline,
        notes,
    )
