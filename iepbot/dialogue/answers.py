"""Reading an answer: typed text where text is asked for, a button's token where a choice is."""

from __future__ import annotations

from iepbot.dialogue.io import Choice, Input, Text
from iepbot.domain.errors import InvalidValueError
from iepbot.domain.values import clean_text

ANSWER_LIMIT = 1000  # a phone-typed answer; the plan's fields hold up to 4,000


def typed_text(received: Input, *, label: str, max_length: int = ANSWER_LIMIT) -> str:
    """The trimmed text typed, or an InvalidValueError saying what to type (the engine explains it)."""
    if not isinstance(received, Text):
        raise InvalidValueError(f"Please type the {label} as a message.")
    return clean_text(received.text, label=label, max_length=max_length)


def choice(received: Input) -> str | None:
    """The token of the button pressed, or None when something was typed instead."""
    return received.data if isinstance(received, Choice) else None
