"""Splitting long messages: each part within Telegram's limits and well-formed, nothing lost but cut spaces."""

from __future__ import annotations

import html as html_module
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from iepbot.documents import split_html
from tests.documents.support import parse

# Elements as the templates write them, attributes included: each must be reopened exactly.
ELEMENTS = [
    ("<b>", "</b>"),
    ("<i>", "</i>"),
    ("<u>", "</u>"),
    ("<s>", "</s>"),
    ("<code>", "</code>"),
    ("<tg-spoiler>", "</tg-spoiler>"),
    ('<span class="tg-spoiler">', "</span>"),
    ('<a href="https://example.org/plan?id=1&amp;view=2">', "</a>"),
    ("<blockquote>", "</blockquote>"),
    ("<blockquote expandable>", "</blockquote>"),
    ('<pre><code class="language-text">', "</code></pre>"),
]
# Plenty of the characters that matter: break points, entities to be, astral and joined emoji.
CHARACTERS = st.one_of(
    st.sampled_from([" ", " ", "\n", "\n\n", "&", "<", ">", '"', "'", "😀", "👩\u200d👧", "é", "e\u0301", "🇬🇧"]),
    st.characters(codec="utf-8"),
)
TEXT = st.lists(CHARACTERS, max_size=60).map("".join)


def _wrap(element: tuple[str, str], children: list[str]) -> str:
    return element[0] + "".join(children) + element[1]


MARKUP = st.recursive(
    TEXT.map(html_module.escape),
    lambda inner: st.builds(_wrap, st.sampled_from(ELEMENTS), st.lists(inner, min_size=1, max_size=4)),
    max_leaves=25,
)
MESSAGES = st.lists(MARKUP, min_size=1, max_size=6).map("".join)


def assert_same_text_but_cut_whitespace(original: str, parts: list[str]) -> None:
    """The parts' texts, in order, make the original once whitespace at the cuts is set aside."""
    texts = [parse(part).text.strip() for part in parts]
    pattern = r"\s*" + r"\s*".join(re.escape(text) for text in texts) + r"\s*"
    assert re.fullmatch(pattern, original, flags=re.DOTALL), (texts, original)


@settings(max_examples=300, deadline=None)
@given(
    message=MESSAGES,
    limit=st.integers(min_value=2, max_value=120),
    raw_limit=st.integers(min_value=20, max_value=600),
    entity_limit=st.integers(min_value=1, max_value=12),
)
def test_every_part_is_well_formed_within_the_limits_and_nothing_is_lost(
    message: str, limit: int, raw_limit: int, entity_limit: int
) -> None:
    original = parse(message).text
    assume(original.strip())
    parts = split_html(message, limit, raw_limit=raw_limit, entity_limit=entity_limit)
    for part in parts:
        seen = parse(part)  # raises if a tag is crossed, left open or unknown
        assert seen.text.strip(), "an empty part"
        assert seen.units <= limit
        single_character = len(seen.text.strip()) == 1 or seen.units <= 2
        assert len(part) <= raw_limit or single_character
        assert seen.tags <= entity_limit or single_character
    assert_same_text_but_cut_whitespace(original, parts)


@given(message=MESSAGES)
def test_a_message_within_the_limits_is_returned_unchanged(message: str) -> None:
    assume(parse(message).text.strip())
    assert split_html(message, 10_000, raw_limit=100_000) == [message]


@pytest.mark.parametrize("blank", ["", "  \n\n ", "<b> </b>\n<i></i>"])
def test_a_message_with_nothing_to_read_is_refused(blank: str) -> None:
    with pytest.raises(ValueError, match="no visible text"):
        split_html(blank)


def test_a_paragraph_break_is_preferred_to_a_line_break_or_a_space() -> None:
    message = "A " * 1500 + "\n\n" + "B " * 500 + "\n" + "C " * 1500
    first, second = split_html(message)
    assert first == ("A " * 1500).strip()
    assert second.startswith("B ")


def test_a_break_near_the_start_is_passed_over_for_a_fuller_part() -> None:
    message = "Your plan\n\n" + "\n".join(["word " * 100] * 12)
    parts = split_html(message)
    assert len(parts) == 2
    assert parse(parts[0]).units > 2048


def test_elements_open_at_a_cut_are_closed_and_reopened_with_their_attributes() -> None:
    opening = '<a href="https://example.org/?a=1&amp;b=2">'
    message = f"<b>Plan</b>\n{opening}<i>{'long words ' * 800}</i></a> end"
    parts = split_html(message)
    assert len(parts) == 3
    assert parts[1].startswith(f"{opening}<i>long words")
    assert parts[0].endswith("</i></a>")
    assert parts[2].endswith("</i></a> end")


def test_an_entity_is_never_cut_and_counts_as_one_character() -> None:
    parts = split_html("&amp;" * 5000, raw_limit=100_000)
    assert [len(parse(part).text) for part in parts] == [4096, 904]
    assert all(re.fullmatch(r"(&amp;)+", part) for part in parts)


def test_markup_much_longer_than_its_text_is_split_too() -> None:
    parts = split_html("&lt;" * 4000)
    assert len(parts) == 2
    assert all(len(part) <= 8192 for part in parts)


def test_formatting_beyond_a_hundred_tags_goes_to_the_next_part() -> None:
    parts = split_html("<b>bold</b> " * 150)
    assert [parse(part).tags for part in parts] == [100, 50]


def test_emoji_count_as_two_and_a_joined_emoji_is_not_cut() -> None:
    family = "👩\u200d👩\u200d👧"  # 8 UTF-16 code units
    parts = split_html(family * 600)
    assert [parse(part).units for part in parts] == [4096, 704]
    assert all(part == family * (len(part) // len(family)) for part in parts)


def test_a_word_longer_than_the_limit_is_cut_between_characters() -> None:
    parts = split_html("x" * 5000 + " tail")
    assert parts == ["x" * 4096, "x" * 904 + " tail"]
