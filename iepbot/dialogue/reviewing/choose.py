"""Choosing the plan to review: the running plans this member of staff may review, one button each; the
reminder's button chooses one directly. The plan's targets are copied into the review's answers."""

from __future__ import annotations

from iepbot.dialogue.answers import choice
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.io import Button, Input, Reply, button_number
from iepbot.dialogue.reviewing.names import ReviewStep as S
from iepbot.dialogue.reviewing.review import ReviewDraft, ReviewedTarget
from iepbot.domain.enums import Role
from iepbot.domain.errors import AccessDeniedError, InvalidValueError
from iepbot.domain.plans import get_plan, my_plans
from iepbot.domain.pupils import get_pupil
from iepbot.domain.records import PlanSummary
from iepbot.domain.reviews import REVIEWABLE
from iepbot.domain.targets import list_targets
from target_bank.render import uk_date

PLAN_BUTTONS = 20


async def reviewable_plans(ctx: Context) -> list[PlanSummary]:
    """Active and in-review plans whose author is this member of staff, or all of them for the SENCo."""
    plans = await my_plans(ctx.tx, ctx.actor)
    is_senco = ctx.actor.role is Role.SENCO
    return [plan for plan in plans if plan.status in REVIEWABLE and (is_senco or plan.author_id == ctx.actor.id)]


async def ask_plan(ctx: Context) -> Reply:
    plans = sorted(await reviewable_plans(ctx), key=lambda plan: (plan.review_date is None, plan.review_date))
    buttons = tuple(
        (
            Button(
                f"{plan.pupil_name[:30]} · {uk_date(plan.review_date) if plan.review_date else 'no date'}",
                f"plan:{plan.plan_id}",
            ),
        )
        for plan in plans[:PLAN_BUTTONS]
    )
    return Reply("ask_review_plan.html", {"plans": plans[:PLAN_BUTTONS]}, buttons)


async def answer_plan(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token is None or not token.startswith("plan:"):
        raise InvalidValueError("Please choose a plan with one of the buttons.")
    plan_id = button_number(token.removeprefix("plan:"))
    plan = await get_plan(ctx.tx, ctx.actor, plan_id)
    if plan.status not in REVIEWABLE:
        raise InvalidValueError("That plan is not running, so there is nothing to review yet.")
    if plan.author_id != ctx.actor.id and ctx.actor.role is not Role.SENCO:
        raise AccessDeniedError("Only the plan's author or the SENCo can review it.")
    targets = await list_targets(ctx.tx, ctx.actor, plan.id)
    if not targets:
        raise InvalidValueError("That plan has no targets to review.")
    pupil = await get_pupil(ctx.tx, ctx.actor, plan.pupil_id)
    ctx.review = ReviewDraft(
        plan_id=plan.id,
        plan_version=plan.version,
        pupil_id=pupil.id,
        pupil_name=pupil.display_name,
        targets=[ReviewedTarget.of(target) for target in targets],
    )
    return Goto(S.OUTCOME, (Reply("review_started.html", {"name": ctx.review.name, "count": len(targets)}),))
