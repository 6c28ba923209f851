"""The targets loop: type a target or pick one from the bank, get SMART feedback at once, settle the
wording, then the support around it (strategy, resources, who, how often, success criteria, monitoring)."""

from __future__ import annotations

from iepbot.dialogue.answers import ANSWER_LIMIT, choice, typed_text
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting import draft
from iepbot.dialogue.feedback import report_values
from iepbot.dialogue.io import Button, Input, Reply, Text
from iepbot.dialogue.school import school_calendar, target_limit
from iepbot.dialogue.steps import Step
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
    return ctx.services.check(text, today=ctx.today, calendar=await school_calendar(ctx), guidance=draft.guidance(ctx))


async def ask_target(ctx: Context) -> Reply:
    values = {
        "number": draft.index(ctx) + 1,
        "limit": await target_limit(ctx),
        "name": draft.pupil_name(ctx),
        "current": draft.current(ctx).get("text"),
    }
    return Reply("ask_target.html", values, ((Button("📚 Pick from the bank", "bank"),),))


async def answer_target(ctx: Context, received: Input) -> Next:
    if choice(received) == "bank":
        ctx.draft.pop("bank_query", None)
        return Goto("bank_pick")
    text = typed_text(received, label="target")
    draft.replace_current(ctx, {"text": text, "source": "typed"})
    return Goto("target_feedback")


def bank_choices(ctx: Context, query: str | None = None, *, limit: int = BANK_CHOICES) -> list[BankTarget]:
    """Bank targets for the teacher's own words at the chosen step size (the step below for small steps).

    Searched with `query`, else what they typed after "Search with other words", else their difficulty and
    current skills; within the area of need, and the pupil's year when that finds anything.
    """
    bank = ctx.services.bank
    query = (
        query or ctx.draft.get("bank_query") or f"{ctx.draft.get('difficulty', '')} {ctx.draft.get('entry_skills', '')}"
    )
    area, year = draft.area(ctx), draft.year(ctx)
    hits = bank.search(query, area=area, year=year, limit=limit) or bank.search(query, area=area, limit=limit)
    chosen: list[BankTarget] = []
    for hit in hits:
        target = hit.target
        if ctx.draft.get("step_size") == StepSize.SMALL.value:
            target = bank.smaller_step(target.id) or target
        if target not in chosen:
            chosen.append(target)
    return chosen


async def suggestion_for(ctx: Context, report: SmartReport) -> dict[str, str] | None:
    """What "Use the suggestion" puts in place: the checker's rewrite, or when the action itself is vague
    (no mechanical rewrite can name what the pupil will do) the closest bank target for this pupil."""
    if report.is_smart:
        return None
    if report.rewrite:
        return {"text": report.rewrite, "source": "rewrite"}
    closest = bank_choices(ctx, report.text, limit=1)
    if not closest:
        return None
    text = ctx.services.bank.render(closest[0].id, name=draft.pupil_name(ctx), deadline=await _deadline_words(ctx))
    return {"text": text, "source": "bank", "bank_id": closest[0].id}


async def _deadline_words(ctx: Context) -> str:
    """A bank target's deadline: the first school break at least six weeks away, as a date."""
    _phrase, day = suggested_deadline(ctx.today, await school_calendar(ctx))
    return uk_date(day)


async def ask_bank_pick(ctx: Context) -> Reply:
    targets = bank_choices(ctx)
    deadline = await _deadline_words(ctx)
    texts = [ctx.services.bank.render(target.id, name=draft.pupil_name(ctx), deadline=deadline) for target in targets]
    numbers = tuple(Button(str(number + 1), f"pick:{number}") for number in range(len(texts)))
    rows = (numbers, (Button("🔎 Search with other words", "search"), Button("✏️ Type my own", "own")))
    return Reply(
        "ask_bank_pick.html", {"targets": texts, "query": ctx.draft.get("bank_query")}, rows if numbers else rows[1:]
    )


async def answer_bank_pick(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if isinstance(received, Text):
        ctx.draft["bank_query"] = typed_text(received, label="words to search the bank with", max_length=200)
        return Goto("bank_pick")
    if token == "search":
        return Goto("bank_search")
    if token == "own":
        return Goto("target")
    number = (token or "").removeprefix("pick:")
    targets = bank_choices(ctx)
    if not number.isdigit() or int(number) >= len(targets):
        raise InvalidValueError(_CHOOSE)
    target = targets[int(number)]
    text = ctx.services.bank.render(target.id, name=draft.pupil_name(ctx), deadline=await _deadline_words(ctx))
    draft.replace_current(ctx, {"text": text, "source": "bank", "bank_id": target.id})
    return Goto("target_feedback")


async def ask_bank_search(ctx: Context) -> Reply:
    return Reply("ask_bank_search.html", {"name": draft.pupil_name(ctx)})


async def answer_bank_search(ctx: Context, received: Input) -> Next:
    ctx.draft["bank_query"] = typed_text(received, label="words to search the bank with", max_length=200)
    return Goto("bank_pick")


async def ask_target_feedback(ctx: Context) -> Reply:
    target = draft.current(ctx)
    report = await report_for(ctx, target["text"])
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
        "report": report_values(report),
        "number": draft.index(ctx) + 1,
        "from_bank": target.get("source") == "bank",
        "bank_suggestion": suggestion["text"] if suggestion and suggestion["source"] == "bank" else None,
    }
    return Reply("target_feedback.html", values, rows)


async def answer_target_feedback(ctx: Context, received: Input) -> Next:
    target = draft.current(ctx)
    token = choice(received)
    if isinstance(received, Text):
        draft.replace_current(ctx, {"text": typed_text(received, label="target"), "source": "typed"})
        return Goto("target_feedback")
    report = await report_for(ctx, target["text"])
    if token == "edit":
        return Goto("target")
    if token == "bank":
        ctx.draft.pop("bank_query", None)
        return Goto("bank_pick")
    suggestion = await suggestion_for(ctx, report) if token == "suggestion" else None
    if suggestion is not None:
        draft.replace_current(ctx, suggestion)
        return Goto("target_feedback")
    if token in {"accept", "keep"}:
        others = [t for number, t in enumerate(draft.targets(ctx)) if t.get("accepted") and number != draft.index(ctx)]
        await _check_room(ctx, drafted=len(others))
        target.update(
            accepted=True,
            kept_as_written=not report.is_smart,  # the teacher overrode the feedback: recorded with the plan
            report=report.to_dict(),
            deadline=report.deadline.isoformat() if report.deadline else None,
        )
        return Goto(_DETAILS[0][0])
    raise InvalidValueError(_CHOOSE)


async def _check_room(ctx: Context, *, drafted: int) -> None:
    """Would one more target fit beside `drafted` on this plan and the pupil's other agreed plans?"""
    await check_room_for_drafted_targets(ctx.tx, ctx.actor, draft.pupil_id(ctx), drafted=drafted, adding=1)


# The support around each target, in the order the guidance lists it, with the bank target's default.
_DETAILS: list[tuple[str, str]] = [
    ("strategy", "teaching strategy"),
    ("resources", "resources"),
    ("staffing", "who will do it"),
    ("frequency", "how often"),
    ("success_criteria", "success criteria"),
    ("monitoring", "how progress will be monitored"),
]


def bank_default(ctx: Context, field: str) -> str | None:
    """What the bank target suggests for `field` (nothing for a target the teacher wrote)."""
    bank_id = draft.current(ctx).get("bank_id")
    if not isinstance(bank_id, str) or draft.current(ctx).get("source") != "bank":
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


def _detail_step(position: int) -> Step:
    field, label = _DETAILS[position]
    following = _DETAILS[position + 1][0] if position + 1 < len(_DETAILS) else None

    async def ask(ctx: Context) -> Reply:
        default = bank_default(ctx, field)
        values = {
            "field": field,
            "number": draft.index(ctx) + 1,
            "target": draft.current(ctx).get("text", ""),
            "suggestion": default,
            "current": draft.current(ctx).get(field),
        }
        buttons = ((Button("👍 Use the suggestion", "default"),),) if default else ()
        return Reply("ask_detail.html", values, buttons)

    async def answer(ctx: Context, received: Input) -> Next:
        default = bank_default(ctx, field)
        if choice(received) == "default" and default:
            value = default
        else:
            value = typed_text(received, label=label, max_length=ANSWER_LIMIT)
        draft.current(ctx)[field] = value
        if following is not None:
            return Goto(following)
        return await _after_target(ctx)

    return Step(field, ask, answer, per_target=True)


async def _after_target(ctx: Context) -> Next:
    """Offer another target while the limit allows; otherwise on to the review date."""
    try:
        await _check_room(ctx, drafted=len(draft.finished_targets(ctx)))
    except TargetLimitError as full:
        return Goto("review_date", (Reply("target_limit_reached.html", {"message": str(full)}),))
    return Goto("more_targets")


async def ask_more_targets(ctx: Context) -> Reply:
    values = {
        "count": len(draft.finished_targets(ctx)),
        "limit": await target_limit(ctx),
        "name": draft.pupil_name(ctx),
    }
    buttons = ((Button("📝 Add another target", "another"), Button("➡️ No more targets", "done")),)
    return Reply("ask_more_targets.html", values, buttons)


async def answer_more_targets(ctx: Context, received: Input) -> Next:
    token = choice(received)
    if token == "done":
        return Goto("review_date")
    if token != "another":
        raise InvalidValueError("Please choose: add another target, or no more targets.")
    await _check_room(ctx, drafted=len(draft.finished_targets(ctx)))
    ctx.draft["index"] = len(draft.finished_targets(ctx))
    draft.current(ctx)
    return Goto("target")


STEPS = [
    Step("target", ask_target, answer_target, per_target=True),
    Step("bank_pick", ask_bank_pick, answer_bank_pick, per_target=True),
    Step("bank_search", ask_bank_search, answer_bank_search, per_target=True),
    Step("target_feedback", ask_target_feedback, answer_target_feedback, per_target=True),
    *(_detail_step(position) for position in range(len(_DETAILS))),
    Step("more_targets", ask_more_targets, answer_more_targets),
]
