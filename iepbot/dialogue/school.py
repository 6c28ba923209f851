"""The acting teacher's school as the checker needs it: its calendar (its own term dates, if loaded)."""

from __future__ import annotations

from iepbot.dialogue.context import Context
from iepbot.domain.records import School
from nlp.calendar import SchoolCalendar


async def school_calendar(ctx: Context) -> SchoolCalendar:
    """The acting teacher's school calendar (the school was read with them at the start of the turn)."""
    return calendar_of(ctx.school)


def calendar_of(school: School) -> SchoolCalendar:
    """The school's published term dates, or the typical England pattern when none are loaded."""
    return SchoolCalendar.from_mapping(school.term_dates) if school.term_dates else SchoolCalendar()


async def target_limit(ctx: Context) -> int:
    """How many targets the school allows on a plan (4 unless the school set otherwise)."""
    return ctx.school.target_limit
