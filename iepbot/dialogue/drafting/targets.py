"""The targets loop: type a target or pick one from the bank, get SMART feedback at once, settle the
wording, then the support around it (strategy, resources, who, how often, success criteria, monitoring)."""

from __future__ import annotations

from dataclasses import dataclass

from iepbot.dialogue import suggestions
from iepbot.dialogue.answers import ANSWER_LIMIT, choice, typed_text
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting.draft import TARGET_FIELDS
from iepbot.dialogue.drafting.names import NewPlanStep as S
from iepbot.dialogue.feedback import report_values
from iepbot.dialogue.io import Button, Input, Reply, Text, button_number
from iepbot.dialogue.school import school_calendar, target_limit
from iepbot.dialogue.steps import Answer, Ask
from iepbot.domain.errors import InvalidValueError, TargetLimitError
from iepbot.domain.plans import check_room_for_drafted_targets
from nlp import SmartReport, StepSize
from nlp.time_bound import suggested_deadline
from target_bank import BankTarget
from target_bank.render import uk_date

BANK_CHOICES = 5
_CHOOSE = "Please choose one of the buttons, or type the target."


async def report_for(ctx: Context, text: str) -> SmartReport:
    """The checker's report on a target, with everything the teacher has told us about the pupil."""
    return ctx.services.check(text, today=ctx.today, calendar=await school_calendar(ctx), guidance=ctx.draft.guidance())


async def ask_target(ctx: Context) -> Reply:
    values = {
        "number": ctx.draft.index + 1,
        "limit": await target_limit(ctx),
        "name": ctx.draft.name,
        "current": ctx.draft.current.text,
    }
    return Reply("ask_target.html", values, ((Button("📚 Pick from the bank", "bank"),),))


async def answer_target(ctx: Context, received: Input) -> Next:
    if choice(received) == "bank":
        ctx.draft.bank_query = None
        return Goto(S.BANK_PICK)
    ctx.draft.reword_current(typed_text(received, label="target"), "typed")
    return Goto(S.TARGET_FEEDBACK)


def bank_choices(ctx: Context, query: str | None = None, *, limit: int = BANK_CHOICES) -> list[BankTarget]:
    """Bank targets for the teacher's own words at the chosen step size (the step below for small steps).

    Searched with `query`, else what they typed after "Search with other words", else their difficulty and
    current skills; within the area of need, and the pupil's year when that finds anything.
    """
    bank = ctx.services.bank
    query = query or ctx.draft.bank_query or f"{ctx.draft.difficulty or ''} {ctx.draft.entry_skills or ''}"
    area, year = ctx.draft.area, ctx.draft.year
    hits = bank.search(query, area=area, year=year, limit=limit) or bank.search(query, area=area, limit=limit)
    chosen: list[BankTarget] = []
    for hit in hits:
        target = hit.target
        if ctx.draft.step_size is StepSize.SMALL:
            target = bank.smaller_step(target.id) or target
        if target not in chosen:
            chosen.append(target)
    return chosen


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A wording offered in place of the teacher's, and where it came from."""

    text: str
    source: str  # "rewrite" or "bank"
    bank_id: str | None = None


async def suggestion_for(ctx: Context, report: SmartReport) -> Suggestion | None:
    """What "Use the suggestion" puts in place: the checker's rewrite, or when the action itself is vague
    (no mechanical rewrite can name what the pupil will do) a bank target on the difficulty's skill for this
    pupil's year, or nothing when the bank has none it is sure of (iepbot.dialogue.suggestions)."""
    if report.is_smart:
        return None
    if report.rewrite:
        return Suggestion(report.rewrite, "rewrite")
    closest = suggestions.in_plan(ctx.services.bank, plan_context(ctx), report.text)
    if closest is None:
        return None
    text = ctx.services.bank.render(closest.id, name=ctx.draft.name, deadline=await _deadline_words(ctx))
    return Suggestion(text, "bank", closest.id)


def plan_context(ctx: Context) -> suggestions.PlanContext:
    """What the plan says about the pupil that picks a suggestion's ladder and step."""
    draft = ctx.draft
    return suggestions.PlanContext(
        draft.area, draft.year, draft.difficulty, draft.entry_skills, draft.step_size, draft.pupil_name
    )


async def _deadline_words(ctx: Context) -> str:
    """A bank target's deadline: the first school break at least six weeks away, as a date."""
    _phrase, day = suggested_deadline(ctx.today, await school_calendar(ctx))
    return uk_date(day)


async def ask_bank_pick(ctx: Context) -> Reply:
    targets = bank_choices(ctx)
    deadline = await _deadline_words(ctx)
    texts = [ctx.services.bank.render(target.id, name=ctx.draft.name, deadline=deadline) for target in targets]
    numbers = tuple(Button(str(number + 1), f"pick:{number}") for number in range(len(texts)))
    rows = (numbers, (Button("🔎 Search with other words", "search"), Button("✏️ Type my own", "own")))
    return Reply("ask_bank_pick.html", {"targets": texts, "query": ctx.draft.bank_query}, rows if numbers else rows[1:])


async def answer_bank_pick(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if isinstance(received, Text):
        ctx.draft.bank_query = typed_text(received, label="words to search the bank with", max_length=200)
        return Goto(S.BANK_PICK)
    if token == "search":
        return Goto(S.BANK_SEARCH)
    if token == "own":
        return Goto(S.TARGET)
    if token is None or not token.startswith("pick:"):
        raise InvalidValueError(_CHOOSE)
    number = button_number(token.removeprefix("pick:"))
    targets = bank_choices(ctx)
    if number >= len(targets):
        raise InvalidValueError(_CHOOSE)
    target = targets[number]
    text = ctx.services.bank.render(target.id, name=ctx.draft.name, deadline=await _deadline_words(ctx))
    ctx.draft.reword_current(text, "bank", target.id)
    return Goto(S.TARGET_FEEDBACK)


async def ask_bank_search(ctx: Context) -> Reply:
    return Reply("ask_bank_search.html", {"name": ctx.draft.name})


async def answer_bank_search(ctx: Context, received: Input) -> Next:
    ctx.draft.bank_query = typed_text(received, label="words to search the bank with", max_length=200)
    return Goto(S.BANK_PICK)


async def ask_target_feedback(ctx: Context) -> Reply:
    target = ctx.draft.current
    report = await report_for(ctx, target.text or "")
    suggestion = await suggestion_for(ctx, report)
    if report.is_smart:
        rows: tuple[tuple[Button, ...], ...] = ((Button("✅ Use this target", "accept"), Button("✏️ Edit", "edit")),)
    else:
        first = (Button("✨ Use the suggestion", "suggestion"),) if suggestion else ()
        rows = (
            (*first, Button("✏️ Edit", "edit")),
            (Button("📚 Pick from the bank", "bank"), Button("Keep as written", "keep")),
        )
    values = {
        "report": report_values(report, with_guidance=True),
        "number": ctx.draft.index + 1,
        "from_bank": target.source == "bank",
        "bank_suggestion": suggestion.text if suggestion and suggestion.source == "bank" else None,
        "has_suggestion": suggestion is not None,
        "ask_skill": not report.is_smart and suggestion is None,
        "name": ctx.draft.name,
    }
    return Reply("target_feedback.html", values, rows)


async def answer_target_feedback(ctx: Context, received: Input) -> Next:
    target = ctx.draft.current
    token = choice(received)
    if isinstance(received, Text):
        ctx.draft.reword_current(typed_text(received, label="target"), "typed")
        return Goto(S.TARGET_FEEDBACK)
    report = await report_for(ctx, target.text or "")
    if token == "edit":
        return Goto(S.TARGET)
    if token == "bank":
        ctx.draft.bank_query = None
        return Goto(S.BANK_PICK)
    suggestion = await suggestion_for(ctx, report) if token == "suggestion" else None
    if suggestion is not None:
        ctx.draft.reword_current(suggestion.text, suggestion.source, suggestion.bank_id)
        return Goto(S.TARGET_FEEDBACK)
    if token in {"accept", "keep"}:
        others = [t for number, t in enumerate(ctx.draft.targets) if t.accepted and number != ctx.draft.index]
        await _check_room(ctx, drafted=len(others))
        target.accepted = True
        target.kept_as_written = not report.is_smart  # the teacher overrode the feedback: recorded with the plan
        target.report = report.to_dict()
        target.deadline = report.deadline
        return Goto(DETAILS[0].step)
    raise InvalidValueError(_CHOOSE)


async def _check_room(ctx: Context, *, drafted: int) -> None:
    """Would one more target fit beside `drafted` on this plan and the pupil's other agreed plans?"""
    await check_room_for_drafted_targets(ctx.tx, ctx.actor, ctx.draft.pupil_id, drafted=drafted, adding=1)


@dataclass(frozen=True, slots=True)
class Detail:
    """One support question asked about every target: its step and how the error messages name it."""

    step: S
    label: str


# The support around each target, in the order the guidance lists it (TARGET_FIELDS), with the bank's default.
DETAILS = (
    Detail(S.STRATEGY, "teaching strategy"),
    Detail(S.RESOURCES, "resources"),
    Detail(S.STAFFING, "who will do it"),
    Detail(S.FREQUENCY, "how often"),
    Detail(S.SUCCESS_CRITERIA, "success criteria"),
    Detail(S.MONITORING, "how progress will be monitored"),
)
assert tuple(detail.step.value for detail in DETAILS) == TARGET_FIELDS


def bank_default(ctx: Context, field: str) -> str | None:
    """What the bank target suggests for `field` (nothing for a target the teacher wrote)."""
    bank_id = ctx.draft.current.bank_id
    if bank_id is None or ctx.draft.current.source != "bank":
        return None
    target = ctx.services.bank.target(bank_id)
    defaults = {
        "strategy": "; ".join(target.strategies),
        "resources": ", ".join(target.resources),
        "staffing": target.staffing,
        "frequency": target.frequency,
        "success_criteria": target.success_criteria,
        "monitoring": target.monitoring,
    }
    return defaults[field] or None


def detail(position: int) -> tuple[Ask, Answer]:
    """The question about support `DETAILS[position]` for the target being written; the last one goes on to
    another target or the review date."""
    field, label = DETAILS[position].step.value, DETAILS[position].label
    following = DETAILS[position + 1].step if position + 1 < len(DETAILS) else None

    async def ask(ctx: Context) -> Reply:
        default = bank_default(ctx, field)
        values = {
            "field": field,
            "number": ctx.draft.index + 1,
            "target": ctx.draft.current.text or "",
            "suggestion": default,
            "current": ctx.draft.current.support(field),
        }
        buttons = ((Button("👍 Use the suggestion", "default"),),) if default else ()
        return Reply("ask_detail.html", values, buttons)

    async def answer(ctx: Context, received: Input) -> Next:
        default = bank_default(ctx, field)
        if choice(received) == "default" and default:
            value = default
        else:
            value = typed_text(received, label=label, max_length=ANSWER_LIMIT)
        ctx.draft.current.set_support(field, value)
        if following is not None:
            return Goto(following)
        return await _after_target(ctx)

    return ask, answer


async def _after_target(ctx: Context) -> Next:
    """Offer another target while the limit allows; otherwise on to the review date, saying only that the
    plan is full (how to make room is for a teacher who asks for a fifth: `answer_more_targets`)."""
    try:
        await _check_room(ctx, drafted=len(ctx.draft.finished_targets()))
    except TargetLimitError:
        return Goto(S.REVIEW_DATE, (Reply("target_limit_reached.html"),))
    return Goto(S.MORE_TARGETS)


async def ask_more_targets(ctx: Context) -> Reply:
    values = {
        "count": len(ctx.draft.finished_targets()),
        "limit": await target_limit(ctx),
        "name": ctx.draft.name,
    }
    buttons = ((Button("📝 Add another target", "another"), Button("➡️ No more targets", "done")),)
    return Reply("ask_more_targets.html", values, buttons)


async def answer_more_targets(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token == "done":
        return Goto(S.REVIEW_DATE)
    if token != "another":
        raise InvalidValueError("Please choose: add another target, or no more targets.")
    await _check_room(ctx, drafted=len(ctx.draft.finished_targets()))
    ctx.draft.start_target()
    return Goto(S.TARGET)
