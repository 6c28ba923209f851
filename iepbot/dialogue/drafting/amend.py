"""Changing one answer from the /new summary: a plan field or one part of a target, then back to the summary.

Without this, fixing target 1 from the summary meant /back through some thirty questions. A jump marks the
draft (`editing`); the questions that can be reached from the summary are wrapped (`returning`) so that,
while the mark is there, the move that would carry on with the flow goes back to the summary instead.
"""

from __future__ import annotations

from dataclasses import replace

from iepbot.dialogue.answers import choice
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting.names import NewPlanStep as S
from iepbot.dialogue.drafting.targets import DETAILS
from iepbot.dialogue.io import Button, Input, Reply, button_number
from iepbot.dialogue.steps import Step, StepName
from iepbot.domain.errors import InvalidValueError

AMENDING = "summary"  # the draft's `editing` while a question is answered from the summary

# The plan's own answers the summary can change, as its lines name them.
PLAN_FIELDS = {
    S.AREA: "Area of need",
    S.DIFFICULTY: "Difficulty",
    S.ENTRY_SKILLS: "Current skills",
    S.MOTIVATION: "Motivation",
    S.STEP_SIZE: "Step size",
    S.REVIEW_DATE: "Review date",
    S.PARENTAL_SUPPORT: "Support from home",
    S.PUPIL_VOICE: "Pupil's view",
}
# One target's parts: its wording, then its support questions.
TARGET_PARTS = {S.TARGET: "Wording", **{detail.step: detail.label.capitalize() for detail in DETAILS}}
_CHOOSE = "Please choose what to change, or press Submit."


def summary_buttons(ctx: Context) -> tuple[tuple[Button, ...], ...]:
    """Submit, then a button for each plan field (two to a row) and one for each finished target."""
    fields = [Button(f"✏️ {label}", f"field:{step.value}") for step, label in PLAN_FIELDS.items()]
    pairs = tuple(tuple(fields[start : start + 2]) for start in range(0, len(fields), 2))
    count = len(ctx.draft.finished_targets())
    targets = tuple((Button(f"✏️ Target {number + 1}", f"target:{number}"),) for number in range(count))
    return ((Button("📨 Submit to the SENCo", "submit"),), *pairs, *targets)


def jump(ctx: Context, received: Input) -> Goto:
    """The summary's change buttons: to a plan field's question, or to the parts of one target."""
    token = choice(received) or ""
    kind, _, value = token.partition(":")
    if kind == "field" and value in PLAN_FIELDS:
        ctx.draft.editing = AMENDING
        return Goto(S(value))
    if kind == "target":
        finished = [index for index, target in enumerate(ctx.draft.targets) if target.finished]
        number = button_number(value)
        if number < len(finished):
            ctx.draft.index = finished[number]
            return Goto(S.SUMMARY_TARGET)
    raise InvalidValueError(_CHOOSE)


async def ask_summary_target(ctx: Context) -> Reply:
    buttons = tuple(Button(label, f"part:{step.value}") for step, label in TARGET_PARTS.items())
    rows = (*(buttons[start : start + 2] for start in range(0, len(buttons), 2)),)
    values = {"number": ctx.draft.index + 1, "target": ctx.draft.current.text or ""}
    return Reply("summary_target.html", values, (*rows, (Button("↩️ Back to the summary", "summary"),)))


async def answer_summary_target(ctx: Context, received: Input) -> Next:
    token = choice(received) or ""
    if token == "summary":
        return Goto(S.SUMMARY)
    part = token.removeprefix("part:")
    if not token.startswith("part:") or part not in TARGET_PARTS:
        raise InvalidValueError("Please choose what to change about this target, or go back to the summary.")
    ctx.draft.editing = AMENDING
    return Goto(S(part))


def returning(step: Step, *, instead_of: tuple[StepName, ...] | None = None) -> Step:
    """`step`, which while amending goes back to the summary rather than on to `instead_of` (default: any
    other step); the moves within the change itself (a target's feedback, the bank) are left alone."""
    answer_normally = step.answer

    async def answer(ctx: Context, received: Input) -> Next:
        outcome = await answer_normally(ctx, received)
        if ctx.draft.editing != AMENDING or not isinstance(outcome, Goto) or outcome.step == step.name:
            return outcome
        if instead_of is not None and outcome.step not in instead_of:
            return outcome
        ctx.draft.editing = None
        return Goto(S.SUMMARY, outcome.replies)

    return replace(step, answer=answer, goes_to=tuple(dict.fromkeys((*step.goes_to, S.SUMMARY))))
