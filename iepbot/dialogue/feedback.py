"""A SMART report turned into what the feedback templates show: what is met, what is missing, a fix."""

from __future__ import annotations

from typing import Any

from nlp import SmartReport

NAMES = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}
ECHO_LIMIT = 300  # how much of the teacher's own text a reply quotes back


def report_values(report: SmartReport, *, with_guidance: bool = False) -> dict[str, Any]:
    """The template values of a report.

    Achievable and relevant read the plan's guidance answers: checked `with_guidance` (in a plan) they are shown
    whatever the verdict, ✅, ❔ or ❌ with the reason, so a ❔ or a ❌ is never hidden behind a missing line;
    a quick /check has no plan to read, so there they appear only if judged, which is never.
    """
    criteria = [
        {
            "name": NAMES[criterion.name],
            "met": criterion.met,
            "message": criterion.message,
            "suggestion": criterion.suggestion,
        }
        for criterion in report.criteria
        if with_guidance or criterion.met is not None or criterion.name not in {"achievable", "relevant"}
    ]
    return {
        "text": shortened(report.text),
        "is_smart": report.is_smart,
        "verdict": report.message,
        "criteria": criteria,
        "findings": [finding.message for finding in report.findings],
        "rewrite": report.rewrite,
        "deadline": report.deadline,
    }


def shortened(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` cut to `limit` characters with an ellipsis: a reply never repeats a whole essay back."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
