"""Quick SMART feedback on any wording: text sent outside a flow, or `/check TEXT` at any time."""

from __future__ import annotations

from datetime import date

from iepbot.dialogue.context import Context
from iepbot.dialogue.feedback import report_values
from iepbot.dialogue.io import Button, Reply
from iepbot.dialogue.memory import ChatMemory
from iepbot.dialogue.school import school_calendar
from iepbot.dialogue.services import Services
from iepbot.dialogue.suggestions import deadline_for, pupil_named_in, quick_suggestion
from nlp import Verdict
from nlp.calendar import SchoolCalendar

CHECK_TEXT_LIMIT = 4000  # kept for the follow-up buttons; the checker itself judges at most 1,000 characters


async def check(ctx: Context, memory: ChatMemory, text: str, *, in_flow: bool = False) -> list[Reply]:
    """Feedback on `text`, with buttons to use the rewrite or see close targets from the bank."""
    if not text.strip():
        return [Reply("check_how.html")]
    calendar = await school_calendar(ctx)
    return [feedback(ctx.services, memory, text, today=ctx.today, calendar=calendar, in_flow=in_flow)]


def feedback(
    services: Services, memory: ChatMemory, text: str, *, today: date, calendar: SchoolCalendar, in_flow: bool
) -> Reply:
    """The feedback reply on non-blank `text`; `memory` keeps the text for the buttons under it.

    Needs nothing from the database, so a quick turn can answer from what it read before it saves.
    """
    report = services.check(text, today=today, calendar=calendar)
    memory.last_check = text[:CHECK_TEXT_LIMIT]
    buttons: list[tuple[Button, ...]] = []
    if report.rewrite and not report.is_smart:
        buttons.append((Button("Use the suggested rewrite", "check:rewrite"),))
    # A bank target is offered as an alternative wording only when this one needs work, and only when the words
    # name one ladder clearly; otherwise the teacher is asked which skill, with the bank's list a press away.
    needs_work = report.verdict is Verdict.JUDGED and not report.is_smart
    close = quick_suggestion(services.bank, text, today=today, calendar=calendar) if needs_work else None
    if needs_work:
        buttons.append((Button("More targets from the bank", "check:bank"),))
    values = {
        "report": report_values(report),
        "close": close,
        "ask_skill": needs_work and close is None,
        "in_flow": in_flow,
    }
    return Reply("quick_check.html", values, tuple(buttons))


async def follow_up(ctx: Context, memory: ChatMemory, token: str) -> list[Reply]:
    """The buttons under quick feedback: check the suggested rewrite, or list close bank targets."""
    text = memory.last_check
    if text is None:
        return [Reply("stale_button.html")]
    if token == "check:rewrite":
        report = ctx.services.check(text, today=ctx.today, calendar=await school_calendar(ctx))
        if report.rewrite:
            return await check(ctx, memory, report.rewrite, in_flow=memory.in_flow)
    bank, calendar = ctx.services.bank, await school_calendar(ctx)
    name, deadline = pupil_named_in(text), deadline_for(ctx.today, calendar)
    targets = [bank.render(hit.target.id, name=name, deadline=deadline) for hit in bank.search(text, limit=5)]
    return [Reply("bank_matches.html", {"targets": targets})]
