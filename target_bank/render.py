"""Fills a bank target's placeholders for one pupil and one deadline."""

from __future__ import annotations

from datetime import date


def uk_date(day: date) -> str:
    """A date as schools in England write it: "12 February 2027"."""
    return f"{day.day} {day:%B %Y}"


def fill(template: str, *, name: str, deadline: date | str) -> str:
    """The target with {name} and {deadline} replaced; other braces are left alone."""
    pupil = name.strip()
    when = uk_date(deadline) if isinstance(deadline, date) else deadline.strip()
    if not pupil:
        raise ValueError("A target needs the pupil's name.")
    if not when:
        raise ValueError("A target needs a deadline.")
    return template.replace("{name}", pupil).replace("{deadline}", when)
