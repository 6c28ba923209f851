"""Normalisation and spelling correction: the pieces the ranking relies on."""

from __future__ import annotations

import pytest

from target_bank.spelling import Speller
from target_bank.text import content, stem, stems


@pytest.mark.parametrize(
    ("variants", "shared"),
    [
        (["organise", "organising", "organisation", "organize"], "organis"),
        (["count", "counting", "counted", "counts"], "count"),
        (["write", "writing", "writes"], "writ"),
        (["word", "words"], "word"),
        (["story", "stories"], "story"),
    ],
)
def test_word_forms_share_one_stem(variants: list[str], shared: str) -> None:
    assert {stem(word) for word in variants} == {shared}


def test_placeholders_are_not_indexed_as_words() -> None:
    assert stems("{name} will read by {deadline}.") == ["will", "read", "by"]


def test_stop_words_are_dropped_from_content() -> None:
    assert content(stems("The pupil will read the words")) == ["read", "word"]


@pytest.mark.parametrize(("typed", "meant"), [("speach", "speech"), ("langauge", "language"), ("fraction", "fraction")])
def test_speller_corrects_to_the_nearest_known_word(typed: str, meant: str) -> None:
    assert Speller(["speech", "language", "fraction", "friction"]).correct(typed) == meant


def test_speller_leaves_short_and_unmatched_words_alone() -> None:
    speller = Speller(["speech", "reading"])
    assert speller.correct("sam") == "sam"
    assert speller.correct("zebra") == "zebra"
