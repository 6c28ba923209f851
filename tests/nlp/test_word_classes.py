"""Word lists as lexeme flags: the rulers must find exactly the spans the rules as written find, only faster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.tokens import Doc

from nlp.pattern_files import FAMILIES, load_patterns
from nlp.pipeline import shared_pipeline
from nlp.word_classes import FIRST_CUSTOM_FLAG, LAST_FLAG, WordTest, compiled, install_flags, word_test, word_tests

LABELLED = Path(__file__).parents[1] / "data" / "smart_targets.jsonl"
AWKWARD = [
    "SAM WILL READ 20 CVC WORDS BY EASTER.",
    "Jo will work INDEPENDANTLY for 10mins on 3/5 days before 12/07/2027.",
    "By the 3rd of Feb., Mia will count to 20 with 90% accuracy in 4 out of 5 sessions.",
    "Leo will use his 3x table and the 5 times tables by end of Y4, unaided.",
]


def _texts() -> list[str]:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [str(row["text"]) for row in rows] + AWKWARD


def _as_written(doc: Doc, family: str) -> set[tuple[str, int, int]]:
    """Every match of the family's rules as written, by spaCy's own validating Matcher."""
    matcher = Matcher(doc.vocab, validate=True)
    for rule in load_patterns(FAMILIES[family]):
        matcher.add(rule["label"], [rule["pattern"]])
    return {(doc.vocab.strings[key], start, end) for key, start, end in matcher(doc)}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_ruler_finds_exactly_the_spans_the_rules_as_written_find(family: str) -> None:
    pipeline = shared_pipeline()
    ruler = pipeline.get_pipe("iep_rules")
    labels = FAMILIES[family].labels
    for text in _texts():
        doc = pipeline(text)
        found = {(span.label_, span.start, span.end) for span in ruler.match(doc) if span.label_ in labels}  # type: ignore[attr-defined]
        assert found == _as_written(doc, family), text


def test_the_busiest_tests_get_flags_first() -> None:
    patterns = [rule["pattern"] for family in FAMILIES.values() for rule in load_patterns(family)]
    tests = word_tests(patterns)
    flags = install_flags(shared_pipeline().vocab, tests, levenshtein_compare)
    earliest = {
        test: min(position for pattern in patterns for position, token in enumerate(pattern) if _tests(token, test))
        for test in tests
    }
    flagged = [earliest[test] for test in tests if test in flags]
    unflagged = [earliest[test] for test in tests if test not in flags]
    assert flagged
    assert not unflagged or max(flagged) <= min(unflagged)


def _tests(token: dict[str, object], test: WordTest) -> bool:
    return any(word_test(attr, condition) == test for attr, condition in token.items())


def test_a_word_first_met_after_the_flags_were_set_still_gets_them() -> None:
    nlp = spacy.blank("en")
    flags = install_flags(nlp.vocab, [WordTest("LOWER", "IN", frozenset({"zorblax"}))], levenshtein_compare)
    flag = int(flags[WordTest("LOWER", "IN", frozenset({"zorblax"}))].removeprefix("FLAG"))
    doc = nlp("A Zorblax is not a zorblaxes.")
    assert [token.check_flag(flag) for token in doc] == [False, True, False, False, False, False, False]


def test_rulers_sharing_a_vocabulary_share_flags() -> None:
    nlp = spacy.blank("en")
    tests = [WordTest("LOWER", "IN", frozenset({"by", "before"})), WordTest("ORTH", "REGEX", r"^\d+%$")]
    first = install_flags(nlp.vocab, tests, levenshtein_compare)
    again = install_flags(nlp.vocab, list(reversed(tests)), levenshtein_compare)
    assert first == again
    assert sum(FIRST_CUSTOM_FLAG <= key <= LAST_FLAG for key in nlp.vocab.lex_attr_getters) == 2  # type: ignore[attr-defined]


def test_tests_beyond_the_free_bits_stay_predicates_and_still_match() -> None:
    nlp = spacy.blank("en")
    tests = [WordTest("LOWER", "IN", frozenset({f"word{n}"})) for n in range(LAST_FLAG - FIRST_CUSTOM_FLAG + 3)]
    flags = install_flags(nlp.vocab, tests, levenshtein_compare)
    assert len(flags) == LAST_FLAG - FIRST_CUSTOM_FLAG + 1
    last = [{"LOWER": {"IN": [f"word{len(tests) - 1}"]}}, {"LOWER": "here"}]
    assert compiled(last, flags) == last
    matcher = Matcher(nlp.vocab, validate=False)
    matcher.add("FIRST", [compiled([{"LOWER": {"IN": ["word0"]}}], flags)])
    matcher.add("LAST", [compiled(last, flags)])
    doc = nlp(f"WORD0 and word{len(tests) - 1} here")
    assert sorted((nlp.vocab.strings[key], start, end) for key, start, end in matcher(doc)) == [
        ("FIRST", 0, 1),
        ("LAST", 2, 4),
    ]


def test_fuzzy_and_regex_flags_judge_words_as_the_matcher_does() -> None:
    nlp = spacy.blank("en")
    rules = {
        "FUZZY": [{"LOWER": {"FUZZY": "independently"}}],
        "PERCENT": [{"TEXT": {"REGEX": r"^\d{1,3}%$"}}],
        "NOT_DAYS": [{"LOWER": {"NOT_IN": ["days", "weeks"]}}],
    }
    flags = install_flags(nlp.vocab, word_tests(rules.values()), levenshtein_compare)
    written, flagged = Matcher(nlp.vocab), Matcher(nlp.vocab, validate=False)
    for label, pattern in rules.items():
        written.add(label, [pattern])
        flagged.add(label, [compiled(pattern, flags)])
    doc = nlp("Independantly, INDEPENDENTLY, independent 90% 1000% for DAYS or hours")
    assert sorted(flagged(doc)) == sorted(written(doc))
