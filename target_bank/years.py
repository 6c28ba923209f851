"""School years as teachers write them ("Reception", "Year 4", "Y4", "R") turned into numbers."""

from __future__ import annotations

import re

_YEAR = re.compile(r"^\s*(?:year|yr|y)?\s*(\d{1,2})\s*$", re.IGNORECASE)
_RECEPTION = frozenset({"reception", "rec", "r", "eyfs"})

LAST_YEAR = 11


def parse_year(value: int | str) -> int:
    """A school year as a number (Reception is 0); raises ValueError with a message a teacher can read."""
    if isinstance(value, int):
        number = value
    elif value.strip().lower() in _RECEPTION:
        number = 0
    elif match := _YEAR.match(value):
        number = int(match.group(1))
    else:
        raise ValueError(f"{value!r} is not a school year: use Reception or Year 1 to Year {LAST_YEAR}.")
    if not 0 <= number <= LAST_YEAR:
        raise ValueError(f"{value!r} is not a school year: use Reception or Year 1 to Year {LAST_YEAR}.")
    return number


def parse_year_label(value: object) -> int:
    """The data files' strict form only: exactly "Reception" or "Year 1" .. "Year 11"."""
    if value == "Reception":
        return 0
    match = re.fullmatch(r"Year ([1-9]|1[01])", value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f'{value!r} is not a year: use "Reception" or "Year 1" to "Year {LAST_YEAR}"')
    return int(match.group(1))
