"""Submitting the drafted plan: the pupil (if new), the plan, its targets and the move to "submitted",
all in the turn's one transaction; then the school's SENCos are told it awaits them."""

from __future__ import annotations

from datetime import date

from iepbot.dialogue.context import Context
from iepbot.dialogue.drafting.draft import DraftTarget
from iepbot.dialogue.io import Reply
from iepbot.dialogue.plan_documents import documents_button
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
    area = ctx.draft.area
    assert area is not None  # the area question comes before any target
    pupil_id = await _pupil_id(ctx, area)
    plan = await start_plan(ctx.tx, ctx.actor, pupil_id)
    version = plan.version
    for field, value in _plan_fields(ctx):
        if value is not None:
            version = (
                await edit_plan(ctx.tx, ctx.actor, plan.id, expected_version=version, field=field, value=value)
            ).version
    for target in ctx.draft.finished_targets():
        added = await add_target(ctx.tx, ctx.actor, plan.id, _target_draft(target, area, ctx), expected_version=version)
        version = added.plan_version
    await move_plan(ctx.tx, ctx.actor, plan.id, PlanStatus.SUBMITTED, expected_version=version)
    count = len(ctx.draft.finished_targets())
    sencos = [
        senco for senco in await ctx.tx.staff.with_role(ctx.actor.school_id, Role.SENCO) if senco.id != ctx.actor.id
    ]
    told = [
        Reply(
            "plan_submitted_to_senco.html",
            {"teacher": ctx.actor.name, "pupil": ctx.draft.name, "count": count, "plan_id": plan.id},
            ((documents_button(plan.id),),),
            chat_id=senco.telegram_user_id,  # a private chat's id is the user's id
        )
        for senco in sencos
    ]
    confirmation = Reply("plan_submitted.html", {"pupil": ctx.draft.name, "count": count, "has_senco": bool(sencos)})
    return [confirmation, *told]


async def _pupil_id(ctx: Context, area: Area) -> int:
    existing = ctx.draft.pupil_id
    if existing is not None:
        return existing
    year = ctx.draft.year
    pupil = await add_pupil(
        ctx.tx,
        ctx.actor,
        display_name=ctx.draft.name,
        year_group=year_label(year) if year is not None else "Not given",
        class_name=CLASS_NOT_ASKED,
        areas_of_need=[area],
    )
    return pupil.id


def _plan_fields(ctx: Context) -> list[tuple[PlanField, str | date | None]]:
    return [
        (PlanField.START_DATE, ctx.today),
        (PlanField.REVIEW_DATE, ctx.draft.review_date),
        (PlanField.NATURE_OF_DIFFICULTIES, ctx.draft.difficulty),
        (PlanField.ENTRY_SKILLS, ctx.draft.entry_skills),
        (PlanField.STRENGTHS_AND_MOTIVATION, ctx.draft.motivation),
        (PlanField.PARENTAL_SUPPORT, ctx.draft.parental_support),
        (PlanField.PUPIL_VOICE, ctx.draft.pupil_voice),
    ]


def _target_draft(target: DraftTarget, area: Area, ctx: Context) -> TargetDraft:
    """The stored target; its SMART report carries whether the teacher kept it against the feedback."""
    assert target.text is not None  # a finished target was accepted, with its report
    assert target.report is not None
    step_size = ctx.draft.step_size
    return TargetDraft(
        text=target.text,
        area=area,
        smart_report={**target.report, "kept_as_written": target.kept_as_written},
        deadline=target.deadline,
        step_size=step_size.value if step_size else None,
        teaching_strategy=target.strategy,
        resources=target.resources,
        staffing=target.staffing,
        frequency=target.frequency,
        success_criteria=target.success_criteria,
        monitoring=target.monitoring,
    )
