"""Submitting the drafted plan: the pupil (if new), the plan, its targets and the move to "submitted",
all in the turn's one transaction; then the school's SENCos are told it awaits them."""

from __future__ import annotations

from datetime import date
from typing import Any

from iepbot.dialogue.context import Context
from iepbot.dialogue.drafting import draft
from iepbot.dialogue.io import Reply
from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.plans import edit_plan, move_plan, start_plan
from iepbot.domain.pupils import add_pupil
from iepbot.domain.records import PlanField, TargetDraft
from iepbot.domain.targets import add_target
from nlp import Area
from target_bank.model import year_label

CLASS_NOT_ASKED = "—"  # the flow does not ask for a class; the plan is about the pupil, not the timetable


async def submit_plan(ctx: Context) -> list[Reply]:
    """Write the plan and submit it; the replies: a confirmation, and a note to each SENCo."""
    area = draft.area(ctx)
    assert area is not None  # the area question comes before any target
    pupil_id = await _pupil_id(ctx, area)
    plan = await start_plan(ctx.tx, ctx.actor, pupil_id)
    version = plan.version
    for field, value in _plan_fields(ctx):
        if value is not None:
            version = (
                await edit_plan(ctx.tx, ctx.actor, plan.id, expected_version=version, field=field, value=value)
            ).version
    for target in draft.finished_targets(ctx):
        added = await add_target(ctx.tx, ctx.actor, plan.id, _target_draft(target, area, ctx), expected_version=version)
        version = added.plan_version
    await move_plan(ctx.tx, ctx.actor, plan.id, PlanStatus.SUBMITTED, expected_version=version)
    count = len(draft.finished_targets(ctx))
    sencos = [
        senco for senco in await ctx.tx.staff.with_role(ctx.actor.school_id, Role.SENCO) if senco.id != ctx.actor.id
    ]
    told = [
        Reply(
            "plan_submitted_to_senco.html",
            {"teacher": ctx.actor.name, "pupil": draft.pupil_name(ctx), "count": count, "plan_id": plan.id},
            chat_id=senco.telegram_user_id,  # a private chat's id is the user's id
        )
        for senco in sencos
    ]
    confirmation = Reply(
        "plan_submitted.html", {"pupil": draft.pupil_name(ctx), "count": count, "has_senco": bool(sencos)}
    )
    return [confirmation, *told]


async def _pupil_id(ctx: Context, area: Area) -> int:
    existing = draft.pupil_id(ctx)
    if existing is not None:
        return existing
    year = draft.year(ctx)
    pupil = await add_pupil(
        ctx.tx,
        ctx.actor,
        display_name=draft.pupil_name(ctx),
        year_group=year_label(year) if year is not None else "Not given",
        class_name=CLASS_NOT_ASKED,
        areas_of_need=[area],
    )
    return pupil.id


def _plan_fields(ctx: Context) -> list[tuple[PlanField, str | date | None]]:
    return [
        (PlanField.START_DATE, ctx.today),
        (PlanField.REVIEW_DATE, draft.review_date(ctx)),
        (PlanField.NATURE_OF_DIFFICULTIES, ctx.draft.get("difficulty")),
        (PlanField.ENTRY_SKILLS, ctx.draft.get("entry_skills")),
        (PlanField.STRENGTHS_AND_MOTIVATION, ctx.draft.get("motivation")),
        (PlanField.PARENTAL_SUPPORT, ctx.draft.get("parental_support")),
        (PlanField.PUPIL_VOICE, ctx.draft.get("pupil_voice")),
    ]


def _target_draft(target: dict[str, Any], area: Area, ctx: Context) -> TargetDraft:
    """The stored target; its SMART report carries whether the teacher kept it against the feedback."""
    report = {**target["report"], "kept_as_written": bool(target.get("kept_as_written"))}
    deadline = target.get("deadline")
    return TargetDraft(
        text=target["text"],
        area=area,
        smart_report=report,
        deadline=date.fromisoformat(deadline) if deadline else None,
        step_size=ctx.draft.get("step_size"),
        teaching_strategy=target.get("strategy"),
        resources=target.get("resources"),
        staffing=target.get("staffing"),
        frequency=target.get("frequency"),
        success_criteria=target.get("success_criteria"),
        monitoring=target.get("monitoring"),
    )
