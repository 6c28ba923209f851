"""Which school names count as the same school when a new one is created by name."""

from __future__ import annotations

import pytest

from iepbot.domain.school_names import name_key


@pytest.mark.parametrize(
    "other", ["Oakfield primary", " OAKFIELD   Primary ", "Oakfield Primary School", "Oakfield Academy", "Oakfield"]
)
def test_case_spacing_and_kind_of_school_words_are_ignored(other: str) -> None:
    assert name_key(other) == name_key("Oakfield Primary")


@pytest.mark.parametrize("other", ["Oakfield Secondary", "Oakfield Church of England Primary", "Oakwood Primary"])
def test_words_that_tell_schools_apart_are_kept(other: str) -> None:
    assert name_key(other) != name_key("Oakfield Primary")


def test_a_name_of_kind_words_only_is_not_the_same_as_every_other() -> None:
    assert name_key("The Academy") != name_key("Primary School")
