"""Reads the small numbers teachers write in targets, as digits or words."""

from __future__ import annotations

_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "couple": 2,
    "few": 3,
    "several": 3,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
}


def parse_number(word: str) -> int | None:
    """`"6"`, `"six"`, `"6th"` or `"sixth"` as an int; None when the word is not a small number."""
    lowered = word.lower().rstrip(".")
    for suffix in ("st", "nd", "rd", "th"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)].isdigit():
            lowered = lowered[: -len(suffix)]
    if lowered.isdigit() and len(lowered) <= 4:
        return int(lowered)
    return _WORDS.get(lowered, _ORDINALS.get(lowered))
