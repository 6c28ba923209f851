"""Which pupil the plan is for: one of the teacher's own (by button or typed name), or a new one.

A new pupil is only written to the database when the plan is submitted, with the plan, so an abandoned
draft leaves no half-made pupil behind.
"""

from __future__ import annotations

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting.names import NewPlanStep as S
from iepbot.dialogue.io import Button, Input, Reply, button_number
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.pupils import get_pupil, my_pupils
from target_bank.model import year_label
from target_bank.years import parse_year

PUPIL_BUTTONS = 12
NAME_LIMIT = 80


async def ask_pupil(ctx: Context) -> Reply:
    pupils = (await my_pupils(ctx.tx, ctx.actor))[:PUPIL_BUTTONS]
    rows = [(Button(f"{pupil.display_name[:30]} ({pupil.year_group})", f"pupil:{pupil.id}"),) for pupil in pupils]
    rows.append((Button("🆕 Add a pupil", "pupil:new"),))
    return Reply("ask_pupil.html", {"has_pupils": bool(pupils)}, tuple(rows))


async def answer_pupil(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token == "pupil:new":
        return Goto(S.PUPIL_NAME)
    if token is not None and token.startswith("pupil:"):
        pupil = await get_pupil(ctx.tx, ctx.actor, button_number(token.removeprefix("pupil:")))
        return _chosen(ctx, pupil.id, pupil.display_name, pupil.year_group)
    name = typed_text(received, label="pupil's name or initials", max_length=NAME_LIMIT)
    matches = [
        pupil for pupil in await my_pupils(ctx.tx, ctx.actor) if pupil.display_name.casefold() == name.casefold()
    ]
    if len(matches) == 1:
        return _chosen(ctx, matches[0].id, matches[0].display_name, matches[0].year_group)
    ctx.draft.pupil_id, ctx.draft.pupil_name = None, name
    return Goto(S.PUPIL_YEAR)


def _chosen(ctx: Context, pupil_id: int, name: str, year_group: str) -> Next:
    try:
        year: int | None = parse_year(year_group)
    except ValueError:
        year = None
    ctx.draft.pupil_id, ctx.draft.pupil_name, ctx.draft.year = pupil_id, name, year
    return Goto(S.AREA)


async def ask_pupil_name(ctx: Context) -> Reply:
    return Reply("ask_pupil_name.html", {"current": ctx.draft.pupil_name})


async def answer_pupil_name(ctx: Context, received: Input) -> Next:
    name = typed_text(received, label="pupil's name or initials", max_length=NAME_LIMIT)
    ctx.draft.pupil_id, ctx.draft.pupil_name = None, name
    return Goto(S.PUPIL_YEAR)


async def ask_pupil_year(ctx: Context) -> Reply:
    labels = [year_label(year) for year in range(12)]
    rows = tuple(
        tuple(
            Button(label.replace("Year ", "Y"), f"year:{number}")
            for number, label in list(enumerate(labels))[i : i + 4]
        )
        for i in range(0, 12, 4)
    )
    return Reply("ask_pupil_year.html", {"name": ctx.draft.pupil_name}, rows)


async def answer_pupil_year(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token is not None:
        raw: int | str = button_number(token.removeprefix("year:"))
    else:
        raw = typed_text(received, label="year group", max_length=20)
    try:
        year = parse_year(raw)
    except ValueError as error:
        raise InvalidValueError(str(error)) from None
    ctx.draft.year = year
    return Goto(S.AREA)
