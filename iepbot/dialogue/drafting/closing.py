"""After the targets: the review date, the parents' support, the pupil's own view, then a summary."""

from __future__ import annotations

from datetime import date

from iepbot.dialogue.answers import choice, typed_text
from iepbot.dialogue.context import Context, Finish, Goto, Next
from iepbot.dialogue.drafting import amend
from iepbot.dialogue.drafting.names import NewPlanStep as S
from iepbot.dialogue.drafting.submit import submit_plan
from iepbot.dialogue.io import Button, Input, Reply
from iepbot.dialogue.school import school_calendar
from iepbot.dialogue.steps import Answer, Ask
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.reminders import interval
from target_bank.model import year_label
from target_bank.render import uk_date


def latest_review_date(ctx: Context) -> date:
    """Plans are reviewed at least as often as the school says (twice a year unless it set more)."""
    return ctx.today + interval(ctx.school.reviews_per_year)


def suggested_review_date(ctx: Context) -> date | None:
    """The latest of the targets' deadlines, brought within the school's review interval; None if none has one."""
    deadlines = [target.deadline for target in ctx.draft.finished_targets() if target.deadline]
    future = [day for day in deadlines if day > ctx.today]
    return min(max(future), latest_review_date(ctx)) if future else None


async def ask_review_date(ctx: Context) -> Reply:
    suggested = suggested_review_date(ctx)
    buttons = ((Button(f"📅 {uk_date(suggested)}", "suggested"),),) if suggested else ()
    values = {"suggested": suggested, "latest": latest_review_date(ctx), "current": ctx.draft.review_date}
    return Reply("ask_review_date.html", values, buttons)


async def answer_review_date(ctx: Context, received: Input) -> Next:
    suggested = suggested_review_date(ctx)
    if choice(received) == "suggested" and suggested is not None:
        day = suggested
    else:
        day = await typed_date(ctx, typed_text(received, label="review date", max_length=60))
    ctx.draft.review_date = checked_review_date(ctx, day)
    return Goto(S.PARENTAL_SUPPORT)


def checked_review_date(ctx: Context, day: date) -> date:
    """`day`, if it can be a review date: after today, and within six months (reviews at least twice a year)."""
    if day <= ctx.today:
        raise InvalidValueError(f"The review date must be after today; {uk_date(day)} is not.")
    latest = latest_review_date(ctx)
    if day > latest:
        raise InvalidValueError(
            f"Plans are reviewed at least {_times(ctx.school.reviews_per_year)} a year: please choose a date by "
            f"{uk_date(latest)}."
        )
    return day


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


async def typed_date(ctx: Context, text: str) -> date:
    """A date as teachers write it ("12/03/2027", "12 March 2027", "Easter", "February half term")."""
    words = text.strip()
    words = words[3:] if words.lower().startswith("by ") else words
    report = ctx.services.check(f"by {words}", today=ctx.today, calendar=await school_calendar(ctx))
    if report.deadline is None:
        raise InvalidValueError(
            "I couldn't read that as a date. Try 12/03/2027, 12 March 2027, or a school date like Easter."
        )
    return report.deadline


OPTIONAL_TEXT_FIELDS = ("parental_support", "pupil_voice")
_SKIP = (Button("Skip", "skip"),)
_KEEP_OR_CLEAR = (Button("Keep as it is", "keep"), Button("Clear it", "skip"))


def optional_text(name: S, label: str, next_step: S) -> tuple[Ask, Answer]:
    """A question that may be skipped (the plan records that nothing was given), kept in the draft field
    of the same name.

    Asked again with an answer (after /back), it offers to keep or clear that answer rather than "Skip":
    skipping a question that shows an answer must not silently erase it.
    """
    assert name in OPTIONAL_TEXT_FIELDS

    async def ask(ctx: Context) -> Reply:
        current = getattr(ctx.draft, name)
        values = {"name": ctx.draft.name, "current": current}
        return Reply(f"ask_{name}.html", values, (_KEEP_OR_CLEAR if current else _SKIP,))

    async def answer(ctx: Context, received: Input) -> Next:
        token = choice(received)
        if token != "keep":
            setattr(ctx.draft, name, None if token == "skip" else typed_text(received, label=label))
        return Goto(next_step)

    return ask, answer


async def ask_summary(ctx: Context) -> Reply:
    values = {
        "name": ctx.draft.name,
        "draft": ctx.draft,
        "year": year_label(ctx.draft.year) if ctx.draft.year is not None else None,
        "area": ctx.draft.area,
        "targets": ctx.draft.finished_targets(),
        "review_date": ctx.draft.review_date,
    }
    return Reply("summary.html", values, amend.summary_buttons(ctx))


async def answer_summary(ctx: Context, received: Input) -> Next:
    """Submit the plan, or go and change one answer (and come back here: `amend`)."""
    ctx.draft.editing = None
    if choice(received) != "submit":
        return amend.jump(ctx, received)
    if not ctx.draft.finished_targets():
        raise InvalidValueError("The plan has no targets yet: use /back to add one.")
    return Finish(await submit_plan(ctx))
