"""Each target in turn: achieved, partly or not yet, with the evidence; for one not met, the guidance's five
questions; then the next target proposed (and, when the strategy or resources were at fault, the new ones)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.io import Button, Input, Reply, Text
from iepbot.dialogue.reviewing.names import ReviewStep as S
from iepbot.dialogue.reviewing.propose import Proposal, propose, same_target
from iepbot.dialogue.reviewing.review import QUESTIONS
from iepbot.dialogue.steps import Answer, Ask
from iepbot.domain.enums import Outcome
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.reminders import interval

_CHOOSE = "Please choose one of the buttons."
_OUTCOME_LABELS = {Outcome.ACHIEVED: "✅ Achieved", Outcome.PARTLY: "〰️ Partly", Outcome.NOT_YET: "❌ Not yet"}
_ANSWERS = {"yes": True, "no": False, "unsure": None}


def target_values(ctx: Context) -> dict[str, object]:
    """What every per-target question shows: which target of how many, its words, the pupil's name."""
    review = ctx.review
    return {"number": review.index + 1, "count": len(review.targets), "target": review.current, "name": review.name}


async def ask_outcome(ctx: Context) -> Reply:
    buttons = (tuple(Button(label, f"outcome:{outcome.value}") for outcome, label in _OUTCOME_LABELS.items()),)
    return Reply("ask_outcome.html", target_values(ctx), buttons)


async def answer_outcome(ctx: Context, received: Input) -> Next:
    value = (choice(received) or "").removeprefix("outcome:")
    if value not in {outcome.value for outcome in Outcome}:
        raise InvalidValueError(_CHOOSE)
    ctx.review.current.outcome = Outcome(value)
    return Goto(S.EVIDENCE)


async def ask_evidence(ctx: Context) -> Reply:
    return Reply("ask_evidence.html", {**target_values(ctx), "current": ctx.review.current.evidence})


async def answer_evidence(ctx: Context, received: Input) -> Next:
    target = ctx.review.current
    target.evidence = typed_text(received, label="evidence")
    if target.met:
        target.analysis = {}  # the questions are for a target not met; a changed outcome clears old answers
        return Goto(S.NEXT_TARGET)
    return Goto(S.STEP_TOO_BIG)


@dataclass(frozen=True, slots=True)
class Question:
    """One of the five questions: its step and the template that asks it."""

    step: S
    key: str


QUESTION_STEPS = (S.STEP_TOO_BIG, S.HAD_ENTRY_SKILLS, S.MOTIVATED_TO_PRACTISE, S.STRATEGY_RIGHT, S.RESOURCES_RIGHT)
FIVE_QUESTIONS = tuple(Question(step, key) for step, key in zip(QUESTION_STEPS, QUESTIONS, strict=True))


def question(position: int) -> tuple[Ask, Answer]:
    """Question `position` of the five: Yes, No or Not sure; the last leads to the proposed next target."""
    asked = FIVE_QUESTIONS[position]
    following = FIVE_QUESTIONS[position + 1].step if position + 1 < len(FIVE_QUESTIONS) else S.NEXT_TARGET

    async def ask(ctx: Context) -> Reply:
        buttons = ((Button("Yes", "yes"), Button("No", "no"), Button("Not sure", "unsure")),)
        values = {**target_values(ctx), "question": asked.key, "position": position + 1}
        return Reply("ask_review_question.html", values, buttons)

    async def answer(ctx: Context, received: Input) -> Next:
        token = choice(received)
        if token not in _ANSWERS:
            raise InvalidValueError(_CHOOSE)
        ctx.review.current.analysis[asked.key] = _ANSWERS[token]
        return Goto(following)

    return ask, answer


def proposal_for(ctx: Context) -> Proposal:
    """The next target for the current one, with the next plan's review date as its deadline."""
    deadline = ctx.today + interval(ctx.school.reviews_per_year)
    return propose(ctx.services.bank, ctx.review.current, name=ctx.review.name, deadline=deadline)


async def ask_next_target(ctx: Context) -> Reply:
    proposal = proposal_for(ctx)
    buttons: list[tuple[Button, ...]] = []
    if proposal.next is not None:
        buttons.append((Button("✅ Carry this on", "use"),))
    buttons.append((Button("🗑 Do not carry it on", "drop"),))
    values = {**target_values(ctx), "proposal": proposal}
    return Reply("ask_next_target.html", values, tuple(buttons))


async def answer_next_target(ctx: Context, received: Input) -> Next:
    target, proposal = ctx.review.current, proposal_for(ctx)
    token = choice(received)
    if isinstance(received, Text):
        own = replace(same_target(target), text=typed_text(received, label="next target"), source="own", bank_id=None)
        target.next, target.dropped = own, False
        return after_target(ctx)
    if token == "drop":
        target.next, target.dropped = None, True
        return after_target(ctx)
    if token != "use" or proposal.next is None:
        raise InvalidValueError("Please choose one of the buttons, or type the next target in your own words.")
    target.next, target.dropped = proposal.next, False
    if proposal.new_strategy:
        return Goto(S.NEW_STRATEGY)
    if proposal.new_resources:
        return Goto(S.NEW_RESOURCES)
    return after_target(ctx)


async def ask_new_strategy(ctx: Context) -> Reply:
    return Reply("ask_new_strategy.html", {**target_values(ctx), "reason": proposal_for(ctx).reason})


async def answer_new_strategy(ctx: Context, received: Input) -> Next:
    following = ctx.review.current.next
    if following is None:  # only reached after "Carry this on"; a stale saved state goes back to the proposal
        return Goto(S.NEXT_TARGET)
    following.strategy = typed_text(received, label="new teaching strategy")
    return Goto(S.NEW_RESOURCES) if proposal_for(ctx).new_resources else after_target(ctx)


async def ask_new_resources(ctx: Context) -> Reply:
    return Reply("ask_new_resources.html", target_values(ctx))


async def answer_new_resources(ctx: Context, received: Input) -> Next:
    following = ctx.review.current.next
    if following is None:
        return Goto(S.NEXT_TARGET)
    following.resources = typed_text(received, label="new resources")
    return after_target(ctx)


def after_target(ctx: Context) -> Next:
    """The next target's outcome, or the meeting once every target is reviewed."""
    if ctx.review.is_last:
        return Goto(S.ATTENDEES)
    ctx.review.index += 1
    return Goto(S.OUTCOME)
