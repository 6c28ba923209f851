"""Measurable: a criterion someone could check — how many, how well, how often, how long, how much help."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from nlp.report import Criterion, Finding, FindingCode
from nlp.spans import MEASURES, TIMES, covered
from nlp.specific import evidence

_NOT_COUNTS = frozenset({"year", "yr", "y", "grade", "stage", "ks", "key", "phase", "level", "page", "room", "class"})
_PERIODS = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "term", "terms", "year", "years", "half", "fortnight"}
)
_TIME_UNITS = frozenset({"minute", "minutes", "min", "hour", "hours", "second", "seconds"})
_CONDITION_PREPOSITIONS = frozenset({"during", "in", "within", "throughout", "across", "over", "for"})
_ORDINAL_WORDS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)
_EXAMPLES = (
    'how many ("20 CVC words"), how well ("with 80% accuracy"), how often ("in 4 out of 5 sessions"), '
    'how long ("for 10 minutes") or with how much help ("independently")'
)


def measure_spans(doc: Doc) -> list[Span]:
    """The criteria found, without numbers that belong to a date, a year group or a period of time."""
    in_time = covered(doc, TIMES)
    return [
        span
        for span in doc.spans[MEASURES]
        if not any(i in in_time for i in range(span.start, span.end)) and not _false_count(doc, span)
    ]


def _false_count(doc: Doc, span: Span) -> bool:
    """ "Year 4 pupils", "Room 6", "3 weeks", "during a 15-minute activity": numbers that count nothing the pupil
    does (a length of time is a criterion only as "for 15 minutes", which is a duration rule of its own)."""
    if span.label_ != "COUNT":
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    number = span[0].lower_
    ordinal = number.endswith(("st", "nd", "rd", "th")) or number in _ORDINAL_WORDS
    condition = span.start > 1 and doc[span.start - 2].lower_ in _CONDITION_PREPOSITIONS and before in ("a", "an")
    unit = span[-1].lower_
    return before in _NOT_COUNTS or ordinal or unit in _PERIODS or (unit in _TIME_UNITS and condition)


def judge_measurable(doc: Doc) -> Criterion:
    """Met when at least one criterion is present."""
    spans = measure_spans(doc)
    if not spans:
        return Criterion(
            "measurable",
            False,
            "There's no way yet to tell when it has been achieved.",
            f"Add a criterion: {_EXAMPLES}.",
        )
    found = tuple(evidence(span, span.label_) for span in spans)
    quoted = ", ".join(f'"{item.text}"' for item in found[:3])
    return Criterion("measurable", True, f"Measured by {quoted}.", None, found)


def measure_findings(measurable: Criterion) -> tuple[Finding, ...]:
    """A blank in the criterion ("___% of trials", "in __ out of __ sessions") is stated but not yet set.

    Read from the verdict's own evidence, so the measures are found once a target.
    """
    blanks = tuple(item for item in measurable.evidence if item.label == "SLOT")
    if not blanks:
        return ()
    return (
        Finding(
            FindingCode.MEASURE_PLACEHOLDER,
            f'Fill in the blank in "{blanks[0].text}" with the number you will look for.',
            blanks,
        ),
    )
