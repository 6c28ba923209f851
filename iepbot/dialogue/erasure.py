"""/erase: the SENCo erases a pupil from the bot, choosing them by button and confirming a question that
names them, so nobody erases the wrong child by a slip of the thumb.

The confirming press only sets `Context.erase_after`: the engine erases once the chat's own new state is
saved, in the same transaction, so the SENCo's own chat is cleaned like every other; then it scrubs the
database (`Store.scrub`) after the commit.
"""

from __future__ import annotations

from iepbot.dialogue.context import Context
from iepbot.dialogue.io import Button, Reply, UnknownButtonError, button_number
from iepbot.dialogue.problems import problem
from iepbot.domain.errors import DomainError
from iepbot.domain.privacy import DATA_ROLE_MESSAGE, DATA_ROLES, pupil_for_data_request

ERASE_BUTTONS = 20  # the most recently active pupils get a button
CHOOSE, CONFIRM, KEEP = "erase:", "erase!:", "erase-keep"
TOKENS = (CHOOSE, CONFIRM, KEEP)


async def choose_pupil(ctx: Context) -> list[Reply]:
    """/erase: the school's pupils as buttons; only the SENCo or an administrator may go on."""
    if ctx.actor.role not in DATA_ROLES:
        return [Reply("problem.html", {"message": DATA_ROLE_MESSAGE})]
    pupils = await ctx.tx.pupils.in_school(ctx.actor.school_id)
    if not pupils:
        return [Reply("erase_nobody.html")]
    buttons = tuple(
        (Button(f"{pupil.display_name[:30]} · {pupil.year_group}", f"{CHOOSE}{pupil.id}"),)
        for pupil in pupils[:ERASE_BUTTONS]
    )
    return [Reply("erase_choose.html", {"count": len(pupils), "shown": ERASE_BUTTONS}, buttons)]


async def answer(ctx: Context, token: str) -> list[Reply]:
    """A press under /erase's messages: a pupil chosen, the erasure confirmed, or nothing erased."""
    if token == KEEP:
        return [Reply("erase_kept.html")]
    confirmed = token.startswith(CONFIRM)
    try:
        pupil_id = button_number(token.removeprefix(CONFIRM if confirmed else CHOOSE))
    except UnknownButtonError:
        return [Reply("stale_button.html")]
    try:
        pupil = await pupil_for_data_request(ctx.tx, ctx.actor, pupil_id)
    except DomainError as error:
        return [problem(error)]
    if confirmed:
        ctx.erase_after = pupil.id
        return [Reply("erased.html")]
    buttons = (
        (Button(f"Erase {pupil.display_name[:30]} for good", f"{CONFIRM}{pupil.id}"),),
        (Button("No, keep everything", KEEP),),
    )
    return [Reply("erase_confirm.html", {"pupil": pupil}, buttons)]
