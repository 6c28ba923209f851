"""Builds a suggested rewrite when the fix is mechanical: one skill, a default measure, a deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from nlp.calendar import SchoolCalendar
from nlp.structure import TIMES, Intention, VerbKind
from nlp.time_bound import suggested_deadline

DEFAULT_MEASURE = "in 4 out of 5 sessions"
_PREPOSITIONS = frozenset({"by", "before", "until", "at", "within", "in", "over", "during"})


@dataclass(frozen=True, slots=True)
class RewriteNeeds:
    """Which mechanical fixes the checker found necessary."""

    measure: bool
    deadline: bool
    deadline_passed: bool


def suggest_rewrite(
    doc: Doc, intention: Intention, needs: RewriteNeeds, *, today: date, calendar: SchoolCalendar
) -> str | None:
    """The target with one skill, a measure and a deadline; None when the action itself must change."""
    if intention.kind not in (VerbKind.OBSERVABLE, VerbKind.UNLISTED) or intention.staff_subject is not None:
        return None
    if intention.negation is not None or intention.verb is None:
        return None
    dropped = set(range(*_second_skill_range(doc, intention)))
    inserted: dict[int, str] = {}
    times = [span for span in doc.spans[TIMES] if span.start not in dropped]
    if needs.deadline_passed and times:
        stale = times[0]
        dropped.update(range(stale.start, stale.end))
        after_by = stale.start > 0 and doc[stale.start - 1].lower_ in _PREPOSITIONS
        phrase, _ = suggested_deadline(today, calendar)
        inserted[stale.start] = f"{phrase if after_by else 'by ' + phrase}{stale[-1].whitespace_}"
    if needs.measure and times:
        first = _with_preposition(doc, times[0].start)
        inserted[first] = DEFAULT_MEASURE + " " + inserted.get(first, "")
    if not (dropped or inserted or needs.measure or needs.deadline):
        return None  # nothing to change: a SMART target needs no rewrite
    pieces = [inserted.get(token.i, "") + _kept_text(token, dropped) for token in doc]
    text = "".join(pieces).strip().rstrip(".!;,")
    if needs.measure and not times:
        text += f" {DEFAULT_MEASURE}"
    if needs.deadline:
        text += f" by {suggested_deadline(today, calendar)[0]}"
    return f"{text[0].upper()}{text[1:]}."


def _kept_text(token: Token, dropped: set[int]) -> str:
    """The token as written, with a space where the words after it were dropped."""
    if token.i in dropped:
        return ""
    return token.text_with_ws if token.whitespace_ or token.i + 1 not in dropped else f"{token.text} "


def _with_preposition(doc: Doc, start: int) -> int:
    """Where a time phrase starts, counting "by the" in front of it."""
    i = start
    while i > 0 and doc[i - 1].lower_ in ("the", "this"):
        i -= 1
    return i - 1 if i > 0 and doc[i - 1].lower_ in _PREPOSITIONS else start


def _second_skill_range(doc: Doc, intention: Intention) -> tuple[int, int]:
    """Token range to drop so one skill remains: "and write" alone, or the whole second clause."""
    second, verb = intention.second_skill, intention.verb
    if second is None or verb is None:
        return (0, 0)
    conjunction = second.start - 1
    while conjunction > verb.end and doc[conjunction].lower_ not in ("and", "&", "+"):
        conjunction -= 1
    if conjunction == verb.end:
        return (conjunction, second.end)  # "read and write 20 words": keep the shared object
    next_time = min(
        (_with_preposition(doc, span.start) for span in doc.spans[TIMES] if span.start > second.start),
        default=len(doc),
    )
    start = conjunction - 1 if conjunction > 0 and doc[conjunction - 1].text == "," else conjunction
    return (start, next_time)
