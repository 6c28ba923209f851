"""The pre-check before each rule: it may skip a rule only when the target lacks a word the rule needs."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.tokens import Token

from nlp.pipeline import shared_pipeline
from nlp.rule_gates import GatedMatcher, required_conditions, word_list
from nlp.word_classes import WordTest

BY_EASTER = [{"LOWER": {"IN": ["by", "before"]}}, {"LOWER": "the", "OP": "?"}, {"LOWER": "easter"}]


@pytest.mark.parametrize(
    ("token", "needed"),
    [
        ({"LOWER": "end"}, [("lower", frozenset({"end"}))]),
        ({"TEXT": "Easter"}, [("orth", frozenset({"Easter"}))]),
        ({"LEMMA": {"IN": ["read", "write"]}}, [("lemma", frozenset({"read", "write"}))]),
        ({"LIKE_NUM": True, "IS_ALPHA": False}, [("number", None)]),
        ({"TEXT": {"REGEX": r"^\d+%$"}}, [("test", WordTest("ORTH", "REGEX", r"^\d+%$"))]),
        ({"LOWER": "the", "OP": "+"}, [("lower", frozenset({"the"}))]),
        ({"LOWER": "the", "OP": "{2}"}, [("lower", frozenset({"the"}))]),
        ({"LOWER": "the", "OP": "?"}, []),
        ({"LOWER": "the", "OP": "*"}, []),
        ({"LOWER": "the", "OP": "!"}, []),
        ({"LOWER": "the", "OP": "{,2}"}, []),
        ({"LOWER": "the", "OP": "{0,2}"}, []),
        ({"IS_ALPHA": True}, []),
    ],
)
def test_only_required_tokens_make_a_rule_need_a_word(token: dict[str, Any], needed: list[object]) -> None:
    assert required_conditions([token]) == needed


def _gated(rules: dict[str, list[dict[str, Any]]]) -> tuple[Language, Matcher, GatedMatcher]:
    nlp = spacy.blank("en")
    everything = Matcher(nlp.vocab)
    for key, pattern in rules.items():
        everything.add(key, [pattern])
    gated = GatedMatcher(
        nlp.vocab, [(key, pattern, pattern) for key, pattern in rules.items()], levenshtein_compare, {}
    )
    return nlp, everything, gated


def test_gated_rules_match_exactly_what_all_the_rules_match() -> None:
    nlp, everything, gated = _gated(
        {
            "HOLIDAY": BY_EASTER,
            "PERCENT": [{"LIKE_NUM": True}, {"ORTH": "%"}],
            "SOLO": [{"LOWER": {"FUZZY": "independently"}}],
            "MAYBE": [{"LOWER": "very", "OP": "*"}, {"LOWER": "calm"}],
        }
    )
    assert gated.groups == 4
    for text in ["By Easter Sam will be very very calm", "Jo will read 90 % of words independantly", "Nothing here"]:
        doc = nlp.make_doc(text)
        assert sorted(gated(doc)) == sorted(everything(doc)), text


def test_a_rule_is_run_only_when_the_target_has_every_word_it_needs() -> None:
    tokens_read: list[str] = []
    Token.set_extension("probe", getter=lambda token: tokens_read.append(token.text) or True, force=True)
    nlp, _, gated = _gated({"HOLIDAY": [*BY_EASTER, {"_": {"probe": True}}]})
    gated(nlp.make_doc("Sam will read by the end of term."))
    gated(nlp.make_doc("Sam will read at Easter."))
    assert tokens_read == []
    matches = gated(nlp.make_doc("Sam will read before Easter."))
    assert [(start, end) for _, start, end in matches] == [(3, 6)]  # "before Easter ."
    assert tokens_read  # the rule ran: its Matcher read the extension of every token


def test_a_doc_without_lemmas_is_refused_as_the_matcher_refuses_it() -> None:
    with pytest.raises(ValueError, match="E155"):
        shared_pipeline().get_pipe("iep_rules")(spacy.blank("en")("Sam will read by Easter."))


@pytest.mark.parametrize(
    ("pattern", "listed"),
    [
        ([{"LEMMA": {"IN": ["read", "write"]}}], ("LEMMA", frozenset({"read", "write"}))),
        ([{"LOWER": "daily"}], ("LOWER", frozenset({"daily"}))),
        ([{"TEXT": {"IN": ["TA", "SENCo"]}}], ("ORTH", frozenset({"TA", "SENCo"}))),
        ([{"LOWER": {"IN": ["ta", "TA"]}}], None),  # {"LOWER": "TA"} matches nothing; a PhraseMatcher would find "ta"
        ([{"LOWER": "daily", "OP": "?"}], None),
        ([{"LOWER": "daily", "IS_ALPHA": True}], None),
        ([{"LOWER": "every"}, {"LOWER": "day"}], None),
        ([{"LOWER": {"REGEX": "^dai"}}], None),
    ],
)
def test_only_one_word_from_a_list_goes_to_the_phrase_matcher(
    pattern: list[dict[str, Any]], listed: tuple[str, frozenset[str]] | None
) -> None:
    assert word_list(pattern, str.lower) == listed


def test_word_lists_and_gated_rules_together_match_what_all_the_rules_match() -> None:
    nlp, everything, gated = _gated(
        {
            "VERB": [{"LEMMA": {"IN": ["read", "write"]}}],
            "STAFF": [{"LOWER": {"IN": ["ta", "teacher"]}}],
            "UPPER": [{"LOWER": {"IN": ["TA"]}}],
            "HOLIDAY": BY_EASTER,
        }
    )
    doc = nlp.make_doc("The TA reads and Sam writes by Easter")
    for token, lemma in zip(doc, ["the", "TA", "read", "and", "Sam", "write", "by", "Easter"], strict=True):
        token.lemma_ = lemma
    assert sorted(gated(doc)) == sorted(everything(doc))
    assert len(gated(doc)) == 4
