"""Checks on values typed by staff, with messages that say what to fix."""

from __future__ import annotations

from iepbot.domain.errors import InvalidValueError

# Control characters (but tab and newline) carry no meaning in a plan, and PostgreSQL refuses NUL outright.
_CONTROL = dict.fromkeys(code for code in range(32) if chr(code) not in "\t\n") | {127: None}


def without_control_characters(value: str) -> str:
    """`value` with control characters other than tab and newline removed."""
    return value.translate(_CONTROL)


def clean_text(value: str, *, label: str, max_length: int) -> str:
    """Trimmed, non-empty text no longer than `max_length` characters, without control characters."""
    cleaned = without_control_characters(value).strip()
    if not cleaned:
        raise InvalidValueError(f"Please give the {label}; it cannot be empty.")
    if len(cleaned) > max_length:
        raise InvalidValueError(
            f"The {label} is {len(cleaned)} characters long; please keep it to {max_length} or fewer."
        )
    return cleaned


def clean_optional(value: str | None, *, label: str, max_length: int) -> str | None:
    """Like `clean_text`, but empty means "not given"."""
    if value is None or not value.strip():
        return None
    return clean_text(value, label=label, max_length=max_length)
