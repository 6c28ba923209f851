"""Checks on values typed by staff, with messages that say what to fix."""

from __future__ import annotations

from iepbot.domain.errors import InvalidValueError


def clean_text(value: str, *, label: str, max_length: int) -> str:
    """Trimmed, non-empty text no longer than `max_length` characters."""
    cleaned = value.strip()
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
