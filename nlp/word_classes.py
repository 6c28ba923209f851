"""Word classes as lexeme flags: each word list or pattern a rule tests a word against is decided once per word form.

spaCy's Matcher runs a set, regex or fuzzy test (`{"LOWER": {"IN": [...]}}`) as a Python call for every token
and every distinct test a live rule needs; a rule's first token is needed at every token, so about forty such
tests on each of a target's tokens were most of the checker's time. Whether a word belongs to a list depends
only on its spelling, so the test is a lexical attribute: spaCy keeps custom ones as lexeme flags (bits 19-63,
`Vocab.add_flag`), computes each once when the vocabulary first meets a word form, and the Matcher compares
them in C like `IS_ALPHA`. The rules stay as written in the JSONL files; `compiled` swaps each test for its flag
(`{"FLAG23": true}`) as the ruler loads them, so the flag names never reach a data file; the rule gates
(`nlp.rule_gates`) read the same flags.

Only tests of the word's own spelling qualify (LOWER, ORTH, TEXT): a lemma depends on the lemmatizer, not on
the lexeme, so LEMMA sets stay Matcher predicates. There are 45 custom bits; tests that don't get one (the
rarest, see `word_tests`) stay predicates, which changes speed but never a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER
from spacy.vocab import Vocab

from nlp.spacy_seams import lexical_attribute_getters

FIRST_CUSTOM_FLAG, LAST_FLAG = 19, 63
_ATTRS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}
_SET_OPERATORS = frozenset({"IN", "NOT_IN"})
_FUZZY = re.compile(r"FUZZY(\d?)")

FuzzyCompare = Callable[[str, str, int], bool]


@dataclass(frozen=True, slots=True)
class WordTest:
    """One test of a word's spelling, as the Matcher would run it: `attr` is LOWER or ORTH (TEXT is ORTH)."""

    attr: str
    operator: str
    value: frozenset[str] | str


def word_test(attr: str, condition: object) -> WordTest | None:
    """The test a token attribute's condition stands for, if a lexeme flag can replace it exactly."""
    if attr.upper() not in _ATTRS or not isinstance(condition, dict) or len(condition) != 1:
        return None
    ((operator, value),) = condition.items()
    operator = operator.upper()
    attr = _ATTRS[attr.upper()]
    if operator in _SET_OPERATORS and isinstance(value, list) and all(isinstance(word, str) for word in value):
        return WordTest(attr, operator, frozenset(value))
    if (operator == "REGEX" or _FUZZY.fullmatch(operator)) and isinstance(value, str):
        return WordTest(attr, operator, value)
    return None


def word_tests(patterns: Iterable[list[dict[str, Any]]]) -> list[WordTest]:
    """Distinct tests, those on earlier pattern tokens first: a rule's first token is tested at every token."""
    positions: dict[WordTest, int] = {}
    for pattern in patterns:
        for position, token in enumerate(pattern):
            for attr, condition in token.items():
                test = word_test(attr, condition)
                if test is not None:
                    positions[test] = min(position, positions.get(test, position))
    return sorted(positions, key=positions.__getitem__)  # stable: ties keep the order the rules list them


class WordJudge:
    """Judges a word form by one test exactly as the Matcher's predicate would judge a token of that word."""

    def __init__(self, test: WordTest, lower: Callable[[str], str], fuzzy_compare: FuzzyCompare) -> None:
        self.test = test
        self._lower = lower if test.attr == "LOWER" else None
        self._fuzzy_compare = fuzzy_compare
        self._words = test.value if isinstance(test.value, frozenset) else None
        self._wanted = test.operator == "IN"  # for a set: IN wants the word in it, NOT_IN out of it
        self._regex = re.compile(test.value) if test.operator == "REGEX" and isinstance(test.value, str) else None
        fuzzy = _FUZZY.fullmatch(test.operator)
        self._edits = int(fuzzy.group(1)) if fuzzy and fuzzy.group(1) else -1

    def __call__(self, form: str) -> bool:
        """The judgement on a word form (spaCy calls this for every new word in the vocabulary)."""
        return self.meets(form if self._lower is None else self._lower(form))

    def meets(self, word: str) -> bool:
        """The judgement on the word's LOWER or ORTH string, whichever the test reads."""
        if self._words is not None:
            return (word in self._words) is self._wanted
        if self._regex is not None:
            return bool(self._regex.search(word))
        value = str(self.test.value)
        return word == value or bool(self._fuzzy_compare(word, value, self._edits))


def install_flags(vocab: Vocab, tests: Iterable[WordTest], fuzzy_compare: FuzzyCompare) -> dict[WordTest, str]:
    """Give each test a flag on `vocab` (reusing one it already has), while bits last; returns the flag names.

    A ruler initialised again, or another one on the same vocabulary, gets the same flags for the same tests.
    """
    getters = lexical_attribute_getters(vocab)
    existing = {
        getter.test: flag
        for flag, getter in getters.items()
        if isinstance(flag, int) and FIRST_CUSTOM_FLAG <= flag <= LAST_FLAG and isinstance(getter, WordJudge)
    }
    free = (flag for flag in range(FIRST_CUSTOM_FLAG, LAST_FLAG + 1) if flag not in getters)
    names, added = {}, []
    for test in tests:
        flag = existing.get(test)
        if flag is None:
            flag = next(free, None)
            if flag is None:
                break
            getters[flag] = judge = WordJudge(test, getters[LOWER], fuzzy_compare)
            added.append((flag, judge))
        names[test] = f"FLAG{flag}"
    for lexeme in vocab:  # what Vocab.add_flag does for words already met, in one pass for all the new flags
        form, lower = lexeme.orth_, lexeme.lower_
        for flag, judge in added:
            lexeme.set_flag(flag, judge.meets(lower if judge.test.attr == "LOWER" else form))
    return names


def compiled(pattern: list[dict[str, Any]], flags: Mapping[WordTest, str]) -> list[dict[str, Any]]:
    """The pattern with every test that has a flag replaced by `{"FLAGnn": true}`; it matches the same spans."""
    result = []
    for token in pattern:
        spec: dict[str, Any] = {}
        for attr, condition in token.items():
            test = word_test(attr, condition)
            if test is not None and test in flags:
                spec[flags[test]] = True
            else:
                spec[attr] = condition
        result.append(spec)
    return result
