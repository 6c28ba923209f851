"""The parent version's glossary: a data file, checked on load, finding staff words as staff write them."""

from __future__ import annotations

import pytest

from iepbot.documents.glossary import GlossaryError, load_glossary


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Reads 20 CVC words", ["CVC words"]),
        ("Secure at Phase 3 phonics", ["Phonics phase", "Phonics"]),
        ("Weekly SALT session; TA support", ["SALT", "TA"]),
        ("Reads 30 HFWs", ["HFW"]),
        ("Has an EHCP for SEMH needs", ["EHCP", "SEMH"]),
        ("Works in KS2 maths", ["Key stage"]),
    ],
)
def test_the_packaged_glossary_finds_the_staff_words_a_plan_uses(text: str, terms: list[str]) -> None:
    assert [entry.term for entry in load_glossary().used_in([text])] == terms


@pytest.mark.parametrize("text", ["Tapes the ta-da card", "Salt dough modelling", "a phase of growth", "step"])
def test_ordinary_words_that_look_like_staff_words_are_not_explained(text: str) -> None:
    assert load_glossary().used_in([text]) == []


def test_every_packaged_entry_has_a_plain_explanation_of_one_or_two_sentences() -> None:
    entries = load_glossary().entries
    assert len(entries) >= 20
    assert all(entry.means.endswith(".") and len(entry.means) < 200 for entry in entries)


@pytest.mark.parametrize(
    ("yaml", "problem"),
    [
        ("- {term: CVC}", "Entry 1: missing means"),
        ("- {term: CVC, means: Short words., colour: red}", "Entry 1: unknown key colour"),
        ("- {term: CVC, means: Short words., pattern: '('}", "Entry 1: the pattern does not compile"),
        ("- {term: CVC, means: Short words., forms: []}", "Entry 1: forms must be a non-empty list"),
        ("- {term: CVC, means: Short words., forms: [CVC], pattern: CVC}", "forms or a pattern, not both"),
        ("- {term: '', means: Short words.}", "Entry 1: term and means must be non-empty"),
        ("term: CVC", "must be a list"),
    ],
)
def test_a_malformed_glossary_is_refused_with_the_entry_and_the_problem(yaml: str, problem: str) -> None:
    with pytest.raises(GlossaryError, match=problem):
        load_glossary(yaml)
