"""Pressing Approve, or opening a waiting plan from /review: the SENCo's decisions outside any flow.

Each press re-reads the plan under its row lock and checks the presser's rights and the version shown, so a
stale, forwarded or forged button changes nothing it should not (see `iepbot.domain.approval`).
"""

from __future__ import annotations

from iepbot.dialogue.context import Context
from iepbot.dialogue.drafting.draft import Draft
from iepbot.dialogue.io import Reply, UnknownButtonError, button_number
from iepbot.dialogue.problems import problem
from iepbot.dialogue.senco.notices import already_decided, decision_reply, tell_author
from iepbot.domain.approval import (
    AlreadyDecidedError,
    PlanChangedError,
    approve_plan,
    check_still_waiting,
    plan_for_decision,
)
from iepbot.domain.errors import DomainError

DECIDE = "decide"


def plan_and_version(token: str) -> tuple[int, int]:
    """The plan id and version of an "approve:12:3" or "return:12:3" token (`UnknownButtonError` otherwise)."""
    _kind, _, rest = token.partition(":")
    plan, _, version = rest.partition(":")
    return button_number(plan), button_number(version)


async def show(ctx: Context, token: str) -> list[Reply]:
    """A plan from the /review list, with the decision buttons (rights re-checked)."""
    try:
        plan_id = button_number(token.removeprefix(f"{DECIDE}:"))
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    try:
        return [decision_reply(await plan_for_decision(ctx.tx, ctx.actor, plan_id))]
    except DomainError as error:
        return [problem(error)]


async def approve(ctx: Context, token: str) -> list[Reply]:
    """Approve the plan as shown: confirmed to the SENCo, told to the author; a second press is told who won."""
    try:
        plan_id, version = plan_and_version(token)
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    try:
        async with ctx.tx.savepoint():
            decision = await approve_plan(ctx.tx, ctx.actor, plan_id, expected_version=version)
    except AlreadyDecidedError as error:
        return [already_decided(error)]
    except PlanChangedError as error:
        return [problem(error), *await show(ctx, f"{DECIDE}:{plan_id}")]
    except DomainError as error:
        return [problem(error)]
    confirmed = Reply("plan_approved.html", {"pupil": decision.pupil.display_name, "plan": decision.plan})
    return [confirmed, *tell_author(ctx, decision)]


async def prepare_return(ctx: Context, token: str) -> Draft | list[Reply]:
    """Pressing Return: the plan must still be waiting as shown before the comment is asked for."""
    try:
        plan_id, version = plan_and_version(token)
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    try:
        await check_still_waiting(ctx.tx, ctx.actor, plan_id, expected_version=version)
        found = await plan_for_decision(ctx.tx, ctx.actor, plan_id)
    except AlreadyDecidedError as error:
        return [already_decided(error)]
    except PlanChangedError as error:
        return [problem(error), *await show(ctx, f"{DECIDE}:{plan_id}")]
    except DomainError as error:
        return [problem(error)]
    pupil = found.pupil
    return Draft(pupil_id=pupil.id, pupil_name=pupil.display_name, plan_id=plan_id, plan_version=version)
