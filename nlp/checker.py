"""check_target: runs the pipeline once and asks each criterion's judge about the result."""

from __future__ import annotations

import html
import re
from datetime import date

from nlp.calendar import SchoolCalendar
from nlp.guidance import GuidanceAnswers, judge_achievable, judge_relevant
from nlp.measurable import judge_measurable, measure_findings
from nlp.pipeline import shared_pipeline
from nlp.report import Criterion, FindingCode, SmartReport, Verdict
from nlp.rewrite import RewriteNeeds, suggest_rewrite
from nlp.screening import MESSAGES, screen_doc, screen_text
from nlp.spans import TIMES
from nlp.specific import judge_specific, skill_findings
from nlp.structure import find_intention
from nlp.time_bound import judge_time_bound

_DEFAULT_CALENDAR = SchoolCalendar()
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
_MARKUP_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")  # <i>, </b>, <span class="x">; not "<5"


def check_target(
    text: str,
    *,
    today: date | None = None,
    calendar: SchoolCalendar | None = None,
    guidance: GuidanceAnswers | None = None,
) -> SmartReport:
    """Judge one drafted target against SMART; never raises for any string."""
    today = today or date.today()
    calendar = calendar or _DEFAULT_CALENDAR
    text = _LONE_SURROGATES.sub("\ufffd", text)  # bytes that were not UTF-8 ("surrogateescape"): spaCy can't hash them
    text = plain_text(text)
    verdict = screen_text(text)
    if verdict is not None:
        return _unjudged(text, verdict)
    pipeline = shared_pipeline()
    doc = pipeline(text)
    verdict = screen_doc(doc)
    if verdict is not None:
        return _unjudged(text, verdict)
    intention = find_intention(doc)
    specific = judge_specific(intention)
    measurable = judge_measurable(doc)
    timing = judge_time_bound(doc, today=today, calendar=calendar, guidance=guidance)
    difficulty = pipeline(guidance.difficulty[:1000]) if guidance and guidance.difficulty else None
    findings = (*skill_findings(intention), *measure_findings(measurable), *timing.notes)
    codes = {finding.code for finding in findings}
    needs = RewriteNeeds(
        measure=not measurable.met,
        deadline=timing.criterion.met is False and not doc.spans[TIMES],
        deadline_replaced=bool(codes & {FindingCode.DEADLINE_PASSED, FindingCode.DEADLINE_PLACEHOLDER}),
        second_skill=FindingCode.SEVERAL_SKILLS in codes,
    )
    return SmartReport(
        text=text,
        verdict=Verdict.JUDGED,
        message=_summary(specific, measurable, timing.criterion),
        specific=specific,
        measurable=measurable,
        achievable=judge_achievable(doc, guidance, specific=specific.met is True),
        relevant=judge_relevant(doc, guidance, difficulty),
        time_bound=timing.criterion,
        deadline=timing.deadline,
        rewrite=suggest_rewrite(doc, intention, needs, today=today, calendar=calendar),
        findings=findings,
    )


def _summary(*criteria: Criterion) -> str:
    """The one line a teacher reads first: SMART, or which letters are still missing."""
    missing = [criterion.name.replace("_", "-") for criterion in criteria if not criterion.met]
    if not missing:
        return "SMART: specific, measurable and time-bound."
    listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
    return f"Not yet SMART: needs to be {listed}."


def plain_text(text: str) -> str:
    """The words of a target pasted with markup: HTML tags removed and entities decoded ("<i>Sam</i> &amp; …").

    A tag would otherwise be read as words ("i", "Sam") and turn an observable target into "provision" or hide
    its deadline; the report's text and evidence offsets are those of the plain text.
    """
    if "<" not in text and "&" not in text:
        return text
    return html.unescape(_MARKUP_TAG.sub("", text))


def _unjudged(text: str, verdict: Verdict) -> SmartReport:
    """A report for input that isn't one English target: every criterion unknown, with the reason."""
    message = MESSAGES[verdict]
    return SmartReport(
        text=text,
        verdict=verdict,
        message=message,
        specific=Criterion("specific", None, message),
        measurable=Criterion("measurable", None, message),
        achievable=Criterion("achievable", None, message),
        relevant=Criterion("relevant", None, message),
        time_bound=Criterion("time_bound", None, message),
    )
