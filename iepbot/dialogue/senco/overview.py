"""/review (plans waiting for approval) and /pupils (the school's overview): the SENCo's two lists."""

from __future__ import annotations

from iepbot.dialogue.context import Context
from iepbot.dialogue.io import Button, Reply
from iepbot.dialogue.problems import problem
from iepbot.dialogue.senco.decisions import DECIDE
from iepbot.domain.errors import DomainError
from iepbot.domain.overview import school_overview
from iepbot.domain.plans import plans_awaiting_approval

REVIEW_BUTTONS = 20  # the oldest waiting plans get a button; the list itself names every one


async def waiting_plans(ctx: Context) -> list[Reply]:
    """Submitted plans of the school, oldest first (they have waited longest), each with a button to open it."""
    try:
        plans = await plans_awaiting_approval(ctx.tx, ctx.actor)
    except DomainError as error:
        return [problem(error)]
    plans.sort(key=lambda plan: plan.plan_id)
    names = await ctx.tx.staff.names({plan.author_id for plan in plans}) if plans else {}
    buttons = tuple(
        (Button(f"{plan.pupil_name[:30]} · {names.get(plan.author_id, '')[:20]}", f"{DECIDE}:{plan.plan_id}"),)
        for plan in plans[:REVIEW_BUTTONS]
    )
    return [Reply("review_list.html", {"plans": plans, "authors": names}, buttons)]


async def pupils(ctx: Context) -> list[Reply]:
    """Every pupil of the school: active targets by holder, over-the-limit flags, next and overdue reviews.

    One reply however long: the transports split it within Telegram's 4,096 characters.
    """
    try:
        overview = await school_overview(ctx.tx, ctx.actor, today=ctx.today)
    except DomainError as error:
        return [problem(error)]
    return [Reply("school_overview.html", {"overview": overview, "today": ctx.today})]
