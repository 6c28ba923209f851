"""The revise flow's questions: the summary to choose from, and the one-field changes, each saved at once.

The plan is a draft in the database again (reopened when the author pressed Revise), so every change is a
domain edit with its own audit event — the history of what changed after the SENCo's comment is kept — and
the version the author last saw travels in the chat's answers (`Draft.plan_version`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TypeVar

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Finish, Goto, Next
from iepbot.dialogue.drafting.closing import checked_review_date, typed_date
from iepbot.dialogue.drafting.draft import Draft
from iepbot.dialogue.feedback import report_values
from iepbot.dialogue.io import Button, Input, Reply, UnknownButtonError, button_number
from iepbot.dialogue.problems import problem
from iepbot.dialogue.revising.fields import PLAN_FIELDS, TARGET_FIELDS, plan_field, target_field
from iepbot.dialogue.revising.names import RevisePlanStep as S
from iepbot.dialogue.school import school_calendar
from iepbot.dialogue.senco.notices import tell_sencos
from iepbot.domain.approval import reopen_returned_plan
from iepbot.domain.enums import PlanStatus
from iepbot.domain.errors import DomainError, InvalidValueError
from iepbot.domain.groups import plan_pupils
from iepbot.domain.plans import TEXT_LIMIT, edit_plan, load_visible_plan, move_plan
from iepbot.domain.records import Plan, PlanField, Target, TargetField
from iepbot.domain.targets import edit_target, remove_target, reword_target

RESUBMIT, CLOSE, BACK, REMOVE, GROUP = "resubmit", "close", "back", "remove", "group"
FieldT = TypeVar("FieldT", PlanField, TargetField)


async def prepare(ctx: Context, token: str) -> Draft | list[Reply]:
    """Pressing Revise: the returned plan becomes a draft again, and the flow's draft is about it."""
    try:
        plan_id = button_number(token.partition(":")[2])
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    try:
        async with ctx.tx.savepoint():
            plan = await reopen_returned_plan(ctx.tx, ctx.actor, plan_id)
            _plan, pupil = await load_visible_plan(ctx.tx, ctx.actor, plan.id)
    except DomainError as error:
        return [problem(error)]
    return Draft(pupil_id=pupil.id, pupil_name=pupil.display_name, plan_id=plan.id, plan_version=plan.version)


async def ask_summary(ctx: Context) -> Reply:
    """The plan as it now stands, the SENCo's comment, and a button for everything that can change."""
    try:
        plan, targets = await draft_plan(ctx)
    except DomainError as error:
        return replace(problem(error), buttons=((Button("Close", CLOSE),),))
    ctx.draft.plan_version = plan.version  # what the author sees is what their next change is checked against
    buttons = [
        tuple(Button(PLAN_FIELDS[field].label, f"field:{field.value}") for field in row)
        for row in _pairs(list(PLAN_FIELDS))
    ]
    buttons += [(Button(f"Target {target.position}", f"target:{target.id}"),) for target in targets]
    buttons.append((Button("👥 Add a pupil (group plan)", GROUP),))
    buttons.append((Button("📨 Submit again to the SENCo", RESUBMIT),))
    others = (await plan_pupils(ctx.tx, ctx.actor, plan.id))[1:]
    values = {"plan": plan, "pupil": ctx.draft.name, "targets": targets, "group": [p.display_name for p in others]}
    return Reply("revise_summary.html", values, tuple(buttons))


async def answer_summary(ctx: Context, received: Input) -> Next:
    token = choice(received) or ""
    if token == CLOSE:
        return Finish([Reply("revise_closed.html")])
    if token == RESUBMIT:
        return Finish(await _resubmit(ctx))
    if token == GROUP:
        return Goto(S.GROUP_PUPIL)
    kind, _, rest = token.partition(":")
    if kind == "field" and plan_field(rest) is not None:
        ctx.draft.editing = rest
        return Goto(S.FIELD)
    if kind == "target":
        ctx.draft.target_id = (await _target(ctx, button_number(rest))).id
        return Goto(S.TARGET)
    raise InvalidValueError("Choose what to change with the buttons, or submit the plan again.")


async def ask_field(ctx: Context) -> Reply:
    field = plan_field(ctx.draft.editing) or PlanField.NATURE_OF_DIFFICULTIES
    return Reply("revise_field.html", {"asks_for": PLAN_FIELDS[field].asks_for}, ((Button("Back", BACK),),))


async def answer_field(ctx: Context, received: Input) -> Next:
    field = plan_field(ctx.draft.editing)
    if choice(received) == BACK or field is None:
        return Goto(S.SUMMARY)
    if field is PlanField.REVIEW_DATE:
        typed = typed_text(received, label="review date", max_length=60)
        value: str | date = checked_review_date(ctx, await typed_date(ctx, typed))
    else:
        value = typed_text(received, label=PLAN_FIELDS[field].asks_for, max_length=TEXT_LIMIT)
    plan = await edit_plan(ctx.tx, ctx.actor, plan_id_of(ctx), expected_version=_version(ctx), field=field, value=value)
    ctx.draft.plan_version, ctx.draft.editing = plan.version, None
    return Goto(S.SUMMARY, [Reply("revise_saved.html", {"what": PLAN_FIELDS[field].label})])


async def ask_target(ctx: Context) -> Reply:
    try:
        target = await _target(ctx, ctx.draft.target_id)
    except DomainError as error:
        return replace(problem(error), buttons=((Button("Back", BACK),),))
    rows = [
        tuple(Button(TARGET_FIELDS[field].label, f"tfield:{field.value}") for field in row)
        for row in _pairs(list(TARGET_FIELDS))
    ]
    rows += [(Button("🗑 Remove this target", REMOVE),), (Button("Back to the plan", BACK),)]
    return Reply("revise_target.html", {"target": target}, tuple(rows))


async def answer_target(ctx: Context, received: Input) -> Next:
    token = choice(received) or ""
    if token == BACK:
        return Goto(S.SUMMARY)
    if token == REMOVE:
        return await _remove(ctx)
    kind, _, rest = token.partition(":")
    if kind == "tfield" and target_field(rest) is not None:
        ctx.draft.editing = rest
        return Goto(S.TARGET_FIELD)
    raise InvalidValueError("Choose what to change about this target with the buttons.")


async def ask_target_field(ctx: Context) -> Reply:
    field = target_field(ctx.draft.editing) or TargetField.TEXT
    return Reply("revise_field.html", {"asks_for": TARGET_FIELDS[field].asks_for}, ((Button("Back", BACK),),))


async def answer_target_field(ctx: Context, received: Input) -> Next:
    field = target_field(ctx.draft.editing)
    if choice(received) == BACK or field is None:
        return Goto(S.TARGET)
    text = typed_text(received, label=TARGET_FIELDS[field].asks_for, max_length=TEXT_LIMIT)
    target = await _target(ctx, ctx.draft.target_id)
    said: list[Reply] = []
    if field is TargetField.TEXT:
        report = ctx.services.check(text, today=ctx.today, calendar=await school_calendar(ctx))
        saved = await reword_target(
            ctx.tx,
            ctx.actor,
            target.id,
            text=text,
            smart_report={**report.to_dict(), "kept_as_written": not report.is_smart},
            deadline=report.deadline,
            expected_version=_version(ctx),
        )
        said.append(Reply("target_reworded.html", {"report": report_values(report)}))
    else:
        saved = await edit_target(ctx.tx, ctx.actor, target.id, expected_version=_version(ctx), field=field, value=text)
        said.append(Reply("revise_saved.html", {"what": TARGET_FIELDS[field].label}))
    ctx.draft.plan_version, ctx.draft.editing = saved.plan_version, None
    return Goto(S.TARGET, said)


async def _remove(ctx: Context) -> Next:
    _plan, targets = await draft_plan(ctx)
    if len(targets) <= 1:
        raise InvalidValueError("A plan needs at least one target: change this one's wording instead.")
    target = await _target(ctx, ctx.draft.target_id)
    ctx.draft.plan_version = await remove_target(ctx.tx, ctx.actor, target.id, expected_version=_version(ctx))
    ctx.draft.target_id = None
    return Goto(S.SUMMARY, [Reply("revise_saved.html", {"what": f"Target {target.position} removed"})])


async def _resubmit(ctx: Context) -> list[Reply]:
    plan = await move_plan(ctx.tx, ctx.actor, plan_id_of(ctx), PlanStatus.SUBMITTED, expected_version=_version(ctx))
    told = await tell_sencos(ctx, plan.id)
    return [Reply("plan_resubmitted.html", {"pupil": ctx.draft.name, "has_senco": bool(told)}), *told]


async def draft_plan(ctx: Context) -> tuple[Plan, list[Target]]:
    """The plan being revised, if it is still this author's draft (erased, or moved on, it is refused)."""
    plan, _pupil = await load_visible_plan(ctx.tx, ctx.actor, plan_id_of(ctx))
    if plan.status is not PlanStatus.DRAFT or plan.author_id != ctx.actor.id:
        raise InvalidValueError("This plan is no longer a draft of yours to revise: /plans shows where it is.")
    return plan, await ctx.tx.targets.for_plan(plan.id)


async def _target(ctx: Context, target_id: int | None) -> Target:
    """One of the revised plan's targets (a forged id of another plan's target is refused)."""
    _plan, targets = await draft_plan(ctx)
    found = next((target for target in targets if target.id == target_id), None)
    if found is None:
        raise InvalidValueError("That target is not on this plan any more.")
    return found


def plan_id_of(ctx: Context) -> int:
    if ctx.draft.plan_id is None:
        raise InvalidValueError("Open the plan again from /plans to revise it.")
    return ctx.draft.plan_id


def _version(ctx: Context) -> int:
    return ctx.draft.plan_version if ctx.draft.plan_version is not None else -1


def _pairs(items: list[FieldT]) -> list[list[FieldT]]:
    """Two buttons a row: short labels, thumb-sized on a phone."""
    return [items[start : start + 2] for start in range(0, len(items), 2)]
