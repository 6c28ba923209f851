"""Checks on values typed by staff, with messages that say what to fix."""

from __future__ import annotations

import unicodedata

from iepbot.domain.errors import InvalidValueError

_KEPT_CONTROLS = frozenset("\t\n")
_ZWJ = "\u200d"
_WAVING_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)  # the tag characters of a subdivision flag (🏴 + tags: Wales, Scotland)


def clean_input(value: str) -> str:
    """Every text a user sends, as the dialogue sees it: NFC, without control or format characters.

    Control characters (but tab and newline) carry no meaning in a plan, and PostgreSQL refuses NUL
    outright. Format characters (Unicode category Cf: zero-width spaces and joiners, the BOM, bidi controls
    such as U+202E) are invisible: a name made only of them looks empty, and a bidi control in a display
    name reverses the rest of the line it is shown in. The one exception is what draws an emoji: a joiner
    between two emoji ("👩🏽‍🏫") and the tags after a black flag ("🏴󠁧󠁢󠁷󠁬󠁳󠁿").
    """
    text = unicodedata.normalize("NFC", value)
    return "".join(char for index, char in enumerate(text) if _kept(text, index, char))


def _kept(text: str, index: int, char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return char in _KEPT_CONTROLS
    if category != "Cf":
        return True
    if char == _ZWJ:
        return 0 < index < len(text) - 1 and _is_emoji(text[index - 1]) and _is_emoji(text[index + 1])
    if ord(char) in _TAGS:
        return index > 0 and (text[index - 1] == _WAVING_BLACK_FLAG or ord(text[index - 1]) in _TAGS)
    return False


def _is_emoji(char: str) -> bool:
    """Close enough for a joiner's neighbours: a pictograph (So) or a skin-tone modifier (Sk)."""
    return unicodedata.category(char) in {"So", "Sk"}


def clean_text(value: str, *, label: str, max_length: int) -> str:
    """Trimmed, non-empty text no longer than `max_length` characters, cleaned by `clean_input`."""
    cleaned = clean_input(value).strip()
    if not cleaned:
        raise InvalidValueError(f"Please give the {label}; it cannot be empty.")
    if len(cleaned) > max_length:
        raise InvalidValueError(
            f"This answer is {len(cleaned)} characters long, but the {label} can be at most {max_length} "
            "characters. Please shorten it."
        )
    return cleaned


def clean_optional(value: str | None, *, label: str, max_length: int) -> str | None:
    """Like `clean_text`, but empty means "not given"."""
    if value is None or not clean_input(value).strip():
        return None
    return clean_text(value, label=label, max_length=max_length)
