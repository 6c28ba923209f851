"""Return with a comment: the one question of the return flow, and what the answer sends."""

from __future__ import annotations

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Finish, Next
from iepbot.dialogue.io import Button, Input, Reply
from iepbot.dialogue.problems import problem
from iepbot.dialogue.senco.decisions import DECIDE, show
from iepbot.dialogue.senco.notices import already_decided, tell_author
from iepbot.domain.approval import AlreadyDecidedError, PlanChangedError, return_plan
from iepbot.domain.plans import TEXT_LIMIT

KEEP_WAITING = "keep"


async def ask_comment(ctx: Context) -> Reply:
    values = {"pupil": ctx.draft.name}
    return Reply("ask_return_comment.html", values, ((Button("Don't return it", KEEP_WAITING),),))


async def answer_comment(ctx: Context, received: Input) -> Next:
    """The comment returns the plan; a plan decided meanwhile ends the flow with who decided it."""
    if choice(received) == KEEP_WAITING:
        return Finish([Reply("return_abandoned.html", {"pupil": ctx.draft.name})])
    comment = typed_text(received, label="comment saying what to change", max_length=TEXT_LIMIT)
    assert ctx.draft.plan_id is not None  # both set when the flow began
    assert ctx.draft.plan_version is not None
    try:
        async with ctx.tx.savepoint():
            decision = await return_plan(
                ctx.tx, ctx.actor, ctx.draft.plan_id, expected_version=ctx.draft.plan_version, comment=comment
            )
    except AlreadyDecidedError as error:
        return Finish([already_decided(error)])
    except PlanChangedError as error:
        return Finish([problem(error), *await show(ctx, f"{DECIDE}:{ctx.draft.plan_id}")])
    confirmed = Reply("plan_returned.html", {"pupil": decision.pupil.display_name, "told": decision.author is not None})
    return Finish([confirmed, *tell_author(ctx, decision)])
