"""The skill word lists: whole words only, negated clauses of the entry skills, every area covered."""

from __future__ import annotations

from nlp import Area
from nlp.skills import absent_families, mentions


def names(text: str) -> set[str]:
    return {family.name for family in mentions(text).families}


def test_words_match_whole_words_with_hyphens_and_case_ignored() -> None:
    assert names("Sam will read CVC words") == {"reading"}
    assert names("Sam will eat his bread") == set()
    assert names("uses his Calm-Down card") == {"anger and calming"}


def test_only_the_negated_clause_of_the_entry_skills_counts_as_absent() -> None:
    absent = {family.name for family in absent_families("can count to 5 but can\u2019t add yet")}
    assert absent == {"number"}


def test_every_area_of_need_has_skills() -> None:
    text = "read count play angry balance"
    assert {area for family in mentions(text).families for area in family.areas} == set(Area)
