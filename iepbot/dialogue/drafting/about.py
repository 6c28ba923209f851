"""The guidance questions asked before any target: area of need, difficulty, current skills,
motivation, and how big a step (a pupil with greater needs gets small steps, without being asked)."""

from __future__ import annotations

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting.names import NewPlanStep as S
from iepbot.dialogue.io import Button, Input, Reply
from iepbot.dialogue.steps import Answer, Ask
from iepbot.domain.errors import InvalidValueError
from nlp import Area, StepSize

_CHOOSE = "Please choose one of the buttons."


async def ask_area(ctx: Context) -> Reply:
    rows = tuple((Button(area.label, f"area:{area.value}"),) for area in Area)
    return Reply("ask_area.html", {"name": ctx.draft.name}, rows)


async def answer_area(ctx: Context, received: Input) -> Next:
    token = choice(received) or ""
    value = token.removeprefix("area:")
    if value not in {area.value for area in Area}:
        raise InvalidValueError(_CHOOSE)
    ctx.draft.area = Area(value)
    return Goto(S.DIFFICULTY)


FREE_TEXT_FIELDS = ("difficulty", "entry_skills", "motivation")


def free_text(name: S, label: str, next_step: S) -> tuple[Ask, Answer]:
    """A question answered in the teacher's own words, kept as typed in the draft field of the same name."""
    assert name in FREE_TEXT_FIELDS

    async def ask(ctx: Context) -> Reply:
        return Reply(f"ask_{name}.html", {"name": ctx.draft.name, "current": getattr(ctx.draft, name)})

    async def answer(ctx: Context, received: Input) -> Next:
        setattr(ctx.draft, name, typed_text(received, label=label))
        return Goto(next_step)

    return ask, answer


async def ask_greater_needs(ctx: Context) -> Reply:
    buttons = ((Button("Yes", "needs:yes"), Button("No", "needs:no")),)
    return Reply("ask_greater_needs.html", {"name": ctx.draft.name}, buttons)


async def answer_greater_needs(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token not in {"needs:yes", "needs:no"}:
        raise InvalidValueError(_CHOOSE)
    ctx.draft.greater_needs = token == "needs:yes"
    if ctx.draft.greater_needs:
        ctx.draft.step_size = StepSize.SMALL
        return Goto(S.TARGET, (Reply("small_steps.html", {"name": ctx.draft.name}),))
    return Goto(S.STEP_SIZE)


async def ask_step_size(ctx: Context) -> Reply:
    buttons = (
        (Button("Small step", f"step:{StepSize.SMALL.value}"), Button("Medium step", f"step:{StepSize.MEDIUM.value}")),
    )
    return Reply("ask_step_size.html", {"name": ctx.draft.name}, buttons)


async def answer_step_size(ctx: Context, received: Input) -> Next:
    value = (choice(received) or "").removeprefix("step:")
    if value not in {StepSize.SMALL.value, StepSize.MEDIUM.value}:
        raise InvalidValueError(_CHOOSE)
    ctx.draft.step_size = StepSize(value)
    return Goto(S.TARGET)
