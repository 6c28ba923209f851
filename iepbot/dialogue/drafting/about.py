"""The guidance questions asked before any target: area of need, difficulty, current skills,
motivation, and how big a step (a pupil with greater needs gets small steps, without being asked)."""

from __future__ import annotations

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting import draft
from iepbot.dialogue.io import Button, Input, Reply
from iepbot.dialogue.steps import Step
from iepbot.domain.errors import InvalidValueError
from nlp import Area, StepSize

_CHOOSE = "Please choose one of the buttons."


async def ask_area(ctx: Context) -> Reply:
    rows = tuple((Button(area.label, f"area:{area.value}"),) for area in Area)
    return Reply("ask_area.html", {"name": draft.pupil_name(ctx)}, rows)


async def answer_area(ctx: Context, received: Input) -> Next:
    token = choice(received) or ""
    value = token.removeprefix("area:")
    if value not in {area.value for area in Area}:
        raise InvalidValueError(_CHOOSE)
    ctx.draft["area"] = value
    return Goto("difficulty")


def _free_text_step(name: str, label: str, next_step: str) -> Step:
    """A question answered in the teacher's own words, kept as typed."""

    async def ask(ctx: Context) -> Reply:
        return Reply(f"ask_{name}.html", {"name": draft.pupil_name(ctx), "current": ctx.draft.get(name)})

    async def answer(ctx: Context, received: Input) -> Next:
        ctx.draft[name] = typed_text(received, label=label)
        return Goto(next_step)

    return Step(name, ask, answer)


async def ask_greater_needs(ctx: Context) -> Reply:
    buttons = ((Button("Yes", "needs:yes"), Button("No", "needs:no")),)
    return Reply("ask_greater_needs.html", {"name": draft.pupil_name(ctx)}, buttons)


async def answer_greater_needs(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token not in {"needs:yes", "needs:no"}:
        raise InvalidValueError(_CHOOSE)
    ctx.draft["greater_needs"] = token == "needs:yes"
    if ctx.draft["greater_needs"]:
        ctx.draft["step_size"] = StepSize.SMALL.value
        return Goto("target", (Reply("small_steps.html", {"name": draft.pupil_name(ctx)}),))
    return Goto("step_size")


async def ask_step_size(ctx: Context) -> Reply:
    buttons = (
        (Button("Small step", f"step:{StepSize.SMALL.value}"), Button("Medium step", f"step:{StepSize.MEDIUM.value}")),
    )
    return Reply("ask_step_size.html", {"name": draft.pupil_name(ctx)}, buttons)


async def answer_step_size(ctx: Context, received: Input) -> Next:
    value = (choice(received) or "").removeprefix("step:")
    if value not in {StepSize.SMALL.value, StepSize.MEDIUM.value}:
        raise InvalidValueError(_CHOOSE)
    ctx.draft["step_size"] = value
    return Goto("target")


STEPS = [
    Step("area", ask_area, answer_area),
    _free_text_step("difficulty", "difficulty, in your words", "entry_skills"),
    _free_text_step("entry_skills", "pupil's current skills", "motivation"),
    _free_text_step("motivation", "what motivates the pupil and how they learn best", "greater_needs"),
    Step("greater_needs", ask_greater_needs, answer_greater_needs),
    Step("step_size", ask_step_size, answer_step_size),
]
