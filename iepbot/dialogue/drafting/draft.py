"""Typed reading of the /new flow's saved answers (a JSON document) and the guidance they add up to."""

from __future__ import annotations

from datetime import date
from typing import Any

from iepbot.dialogue.context import Context
from nlp import Area, GuidanceAnswers, StepSize

TARGET_FIELDS = ("strategy", "resources", "staffing", "frequency", "success_criteria", "monitoring")


def targets(ctx: Context) -> list[dict[str, Any]]:
    """The targets drafted so far (the one being written included)."""
    drafted: list[dict[str, Any]] = ctx.draft.setdefault("targets", [])
    return drafted


def index(ctx: Context) -> int:
    """Which target the per-target questions are about."""
    value = ctx.draft.get("index", 0)
    return value if isinstance(value, int) else 0


def current(ctx: Context) -> dict[str, Any]:
    """The target being written, created empty when the teacher starts a new one."""
    drafted, at = targets(ctx), index(ctx)
    while len(drafted) <= at:
        drafted.append({})
    return drafted[at]


def finished_targets(ctx: Context) -> list[dict[str, Any]]:
    """Targets whose wording is accepted and whose support questions are all answered."""
    return [target for target in targets(ctx) if target.get("accepted") and all(f in target for f in TARGET_FIELDS)]


def pupil_id(ctx: Context) -> int | None:
    """The existing pupil the plan is for; None for a pupil to be added at submission."""
    value = ctx.draft.get("pupil_id")
    return value if isinstance(value, int) else None


def pupil_name(ctx: Context) -> str:
    return str(ctx.draft.get("pupil_name", "the pupil"))


def year(ctx: Context) -> int | None:
    value = ctx.draft.get("year")
    return value if isinstance(value, int) else None


def area(ctx: Context) -> Area | None:
    value = ctx.draft.get("area")
    return Area(value) if value in {member.value for member in Area} else None


def review_date(ctx: Context) -> date | None:
    value = ctx.draft.get("review_date")
    return date.fromisoformat(value) if isinstance(value, str) else None


def guidance(ctx: Context) -> GuidanceAnswers:
    """What the teacher has told us, as the checker's achievable/relevant judges read it."""
    step = ctx.draft.get("step_size")
    return GuidanceAnswers(
        area_of_need=area(ctx),
        difficulty=ctx.draft.get("difficulty"),
        step_size=StepSize(step) if step in {member.value for member in StepSize} else None,
        greater_needs=ctx.draft.get("greater_needs"),
        year_group=year(ctx),
        review_date=review_date(ctx),
    )


def replace_current(ctx: Context, target: dict[str, Any]) -> None:
    """Put a new wording (and where it came from) in place of the target being written.

    The support already given for it (strategy, resources …) is kept; the wording must be accepted again.
    """
    kept = {field: value for field, value in current(ctx).items() if field in TARGET_FIELDS}
    targets(ctx)[index(ctx)] = {**kept, **target}
