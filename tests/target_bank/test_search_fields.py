"""Search limited to some fields, and the words the bank has never seen: what the suggestion policy relies on."""

from __future__ import annotations

import pytest

import target_bank

BANK = target_bank.load()


def test_a_word_only_in_a_steps_wording_is_not_found_when_searching_skills() -> None:
    # "carpet" is in the steps of the group-story ladder, never in a skill or strand name.
    everywhere = {hit.target.progression_id for hit in BANK.search("carpet", limit=200)}
    in_skills = {hit.target.progression_id for hit in BANK.search("carpet", fields=("skill", "strand"), limit=200)}
    assert everywhere
    assert not in_skills


def test_a_skill_search_finds_the_ladder_its_skill_names() -> None:
    [hit] = BANK.search("blend CVC words", fields=("skill", "strand"), limit=1)
    assert hit.target.progression_id == "cl-phonics-cvc-blending"


def test_an_unknown_field_is_refused_with_the_fields_there_are() -> None:
    with pytest.raises(ValueError, match="colour: not a searchable field"):
        BANK.search("reading", fields=("colour",))


def test_words_no_target_uses_are_reported_and_misspellings_are_not() -> None:
    assert BANK.unknown_words("working at a Grade 4 in algebra") == ["algebra"]
    assert BANK.unknown_words("frations and speach") == []


def test_revision_finds_the_revision_ladder_before_homework() -> None:
    hits = BANK.search("revision before exams", fields=("skill", "strand"), limit=2)
    assert hits[0].target.progression_id == "cl-memory-revision-ks4"


def test_a_bathroom_is_a_toilet() -> None:
    hits = BANK.search("use the bathroom", fields=("skill", "strand"), limit=1)
    assert hits[0].target.progression_id == "sp-toileting-routine"
