"""Another pupil put on a draft plan: a group plan, one set of targets and support for several pupils.

The guidance allows group plans for pupils with the same needs, and warns that one family must not see
another child's details: each pupil's document names only them (`iepbot.domain.documents`). Here the author
picks, by button, among the pupils they may write plans for; the domain checks the pupil is theirs to add and
that the plan's targets still fit the pupil's limit.
"""

from __future__ import annotations

from iepbot.dialogue.answers import choice
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.io import Button, Input, Reply, button_number
from iepbot.dialogue.revising.names import RevisePlanStep as S
from iepbot.dialogue.revising.revise import BACK, draft_plan, plan_id_of
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.groups import add_to_group, plan_pupils
from iepbot.domain.pupils import get_pupil, my_pupils
from iepbot.domain.records import Pupil

CHOICES = 20  # pupils offered as buttons: the most recently active first
PUPIL = "pupil:"


async def ask_group_pupil(ctx: Context) -> Reply:
    """The author's other pupils, a button each; none left to add is said plainly."""
    candidates = await _candidates(ctx)
    rows = tuple((Button(pupil.display_name, f"{PUPIL}{pupil.id}"),) for pupil in candidates[:CHOICES])
    values = {"pupil": ctx.draft.name, "count": len(candidates)}
    return Reply("revise_group_pupil.html", values, (*rows, (Button("Back to the plan", BACK),)))


async def answer_group_pupil(ctx: Context, received: Input) -> Next:
    token = choice(received) or ""
    if token == BACK:
        return Goto(S.SUMMARY)
    if not token.startswith(PUPIL):
        raise InvalidValueError("Choose a pupil with the buttons, or go back to the plan.")
    pupil_id = button_number(token.removeprefix(PUPIL))
    await draft_plan(ctx)  # still this author's draft
    added = await add_to_group(ctx.tx, ctx.actor, plan_id_of(ctx), pupil_id)
    pupil = await get_pupil(ctx.tx, ctx.actor, pupil_id)
    what = f"{pupil.display_name} is on this plan too" if added else f"{pupil.display_name} was on this plan already"
    return Goto(S.SUMMARY, [Reply("revise_saved.html", {"what": what})])


async def _candidates(ctx: Context) -> list[Pupil]:
    on_plan = {pupil.id for pupil in await plan_pupils(ctx.tx, ctx.actor, plan_id_of(ctx))}
    return [pupil for pupil in await my_pupils(ctx.tx, ctx.actor) if pupil.id not in on_plan]
