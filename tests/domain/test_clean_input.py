"""The one input cleaner: what a user sends, as every step of the dialogue sees it."""

from __future__ import annotations

import pytest

from iepbot.domain.errors import InvalidValueError
from iepbot.domain.values import clean_input, clean_text

WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
TEACHER_EMOJI = "\U0001f469\U0001f3fd\u200d\U0001f3eb"


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("\u200b\u200d", ""),
        ("\ufeffSam", "Sam"),
        ("\u202eSam\u202c will read", "Sam will read"),
        ("\u2066Ada\u2069 \u200eLee\u200f", "Ada Lee"),
        ("Sa\u00admuel", "Samuel"),
        ("read\x00 20\x07 words\x7f\x85", "read 20 words"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("Zoe\u0308", "Zoë"),
        ("e\u0301", "é"),
    ],
)
def test_invisible_and_control_characters_are_removed_and_text_is_composed(typed: str, seen: str) -> None:
    assert clean_input(typed) == seen


@pytest.mark.parametrize("emoji", [TEACHER_EMOJI, WALES, "🙂🎉"])
def test_emoji_drawn_with_joiners_and_tags_are_kept_whole(emoji: str) -> None:
    assert clean_input(emoji) == emoji


def test_a_joiner_not_between_two_emoji_is_removed() -> None:
    assert clean_input("Sam\u200d🙂 \u200d") == "Sam🙂 "


@pytest.mark.parametrize("invisible", ["", "   ", "\u200b\u200d", "\u200b\u200d\ufeff", "\u202e \u200b"])
def test_text_of_only_invisible_characters_is_refused_as_empty(invisible: str) -> None:
    with pytest.raises(InvalidValueError, match=r"Please give the pupil's name; it cannot be empty\."):
        clean_text(invisible, label="pupil's name", max_length=80)


def test_the_length_limit_counts_what_is_kept() -> None:
    assert clean_text("\u200b" * 10 + "Sam", label="name", max_length=3) == "Sam"
