"""Commands that are not a flow: /start for staff, /help, /plans (and opening one, revisable if returned), /invite."""

from __future__ import annotations

from iepbot.dialogue.context import Context
from iepbot.dialogue.io import Button, Reply, UnknownButtonError, button_number
from iepbot.dialogue.plan_documents import documents_button
from iepbot.dialogue.problems import problem
from iepbot.dialogue.senco.notices import REVISE
from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.errors import DomainError
from iepbot.domain.plans import get_plan, my_plans
from iepbot.domain.pupils import get_pupil
from iepbot.domain.schools import issue_invite
from iepbot.domain.targets import list_targets

PLAN_BUTTONS = 20  # the most recent plans get a button; the list itself shows every plan


def welcome_back(ctx: Context, argument: str, *, in_flow: bool) -> list[Reply]:
    """/start from someone already registered: a code is not needed again; a plan in progress is recalled."""
    return [
        Reply("welcome_back.html", {"name": ctx.actor.name, "had_code": bool(argument.strip())}),
        help_reply(ctx, in_flow=in_flow),
    ]


def help_reply(ctx: Context, *, in_flow: bool) -> Reply:
    """What this member of staff can do here."""
    return Reply("help.html", {"is_senco": ctx.actor.role in {Role.SENCO, Role.ADMIN}, "in_flow": in_flow})


async def list_plans(ctx: Context) -> list[Reply]:
    """The teacher's plans (a SENCo: the school's), newest first, each with a button to open it."""
    try:
        plans = await my_plans(ctx.tx, ctx.actor)
    except DomainError as error:
        return [problem(error)]
    plans.sort(key=lambda plan: plan.plan_id, reverse=True)
    buttons = tuple(
        (Button(f"{plan.pupil_name[:30]} · {plan.status.value.replace('_', ' ')}", f"open:{plan.plan_id}"),)
        for plan in plans[:PLAN_BUTTONS]
    )
    return [Reply("plans.html", {"plans": plans}, buttons)]


async def open_plan(ctx: Context, token: str) -> list[Reply]:
    """One plan with its targets, after checking again that the presser may see it."""
    try:
        plan_id = button_number(token.removeprefix("open:"))
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    try:
        plan = await get_plan(ctx.tx, ctx.actor, plan_id)
        pupil = await get_pupil(ctx.tx, ctx.actor, plan.pupil_id)
        targets = await list_targets(ctx.tx, ctx.actor, plan.id)
    except DomainError as error:
        return [problem(error)]
    revisable = plan.author_id == ctx.actor.id and plan.status in {PlanStatus.RETURNED, PlanStatus.DRAFT}
    revise_row = ((Button("✏️ Revise the plan", f"{REVISE}:{plan.id}"),),) if revisable else ()
    buttons = (*revise_row, (documents_button(plan.id),))
    return [Reply("plan.html", {"plan": plan, "pupil": pupil, "targets": targets}, buttons)]


async def invite_teacher(ctx: Context) -> list[Reply]:
    """A SENCo's one-time invite for a teacher of their school, with the link to forward."""
    try:
        issued = await issue_invite(ctx.tx, ctx.actor, school_id=ctx.actor.school_id, role=Role.TEACHER)
    except DomainError as error:
        return [problem(error)]
    username = ctx.services.bot_username
    link = f"https://t.me/{username}?start={issued.code}" if username else None
    return [Reply("invite_created.html", {"code": issued.code, "link": link, "expires": issued.invite.expires_at})]
