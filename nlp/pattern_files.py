"""Loads the Matcher patterns kept as JSONL data under nlp/patterns/, rejecting malformed rules precisely."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.schemas import validate_token_pattern

_ALLOWED_KEYS = frozenset({"label", "pattern", "id"})
_REQUIRED_KEYS = ("id", "label", "pattern")
_LIST_OPERATORS = ("IN", "NOT_IN")


@dataclass(frozen=True, slots=True)
class PatternFamily:
    """One data file of rules, the labels it may use and where the ruler stores its spans."""

    file_name: str
    spans_key: str
    labels: frozenset[str]
    decoys: frozenset[str] = frozenset()  # labels of look-alikes: they win an overlap, then are dropped


FAMILIES: dict[str, PatternFamily] = {
    "time": PatternFamily(
        "time.jsonl",
        "iep_time",
        frozenset(
            {
                "DATE_NUMERIC",
                "DATE_DAY_MONTH",
                "DATE_MONTH_DAY",
                "MONTH",
                "YEAR",
                "HALF_TERM",
                "HALF_TERM_NAMED",
                "HALF_TERM_NEXT",
                "TERM_END",
                "TERM_START",
                "TERM_RELATIVE",
                "HOLIDAY",
                "SCHOOL_YEAR_END",
                "YEAR_GROUP",
                "KEY_STAGE",
                "GRADE",
                "SEMESTER",
                "RELATIVE",
                "REVIEW",
                "SCHOOL_STAGE",
                "TERM_NUMBERED",
                "PLACEHOLDER",
                "WEEKDAY",
                "NOT_TIME",
            }
        ),
        decoys=frozenset({"NOT_TIME"}),  # "after school clubs" is not "after school"
    ),
    "measures": PatternFamily(
        "measures.jsonl",
        "iep_measure",
        frozenset({"ACCURACY", "FREQUENCY", "DURATION", "PROMPTING", "COUNT", "RANGE", "LEVEL", "SLOT", "EVENT"}),
    ),
    "lexicon": PatternFamily(
        "lexicon.jsonl",
        "iep_lexicon",
        frozenset({"OBSERVABLE", "VAGUE", "LIGHT", "HEDGE", "PROVISION", "STAFF", "NEGATION"}),
    ),
}


def _with_named_lists(token: dict[str, Any]) -> dict[str, Any]:
    """A token spec with every `{"IN": "@name"}` replaced by the named list from lists.json."""
    expanded = {}
    for attribute, condition in token.items():
        if isinstance(condition, dict):
            condition = {
                operator: word_lists_by_name()[value[1:]]
                if operator in _LIST_OPERATORS and isinstance(value, str) and value.startswith("@")
                else value
                for operator, value in condition.items()
            }
        expanded[attribute] = condition
    return expanded


class PatternFileError(ValueError):
    """A rule in a pattern file is malformed; the message names the file, the line and the problem."""


@cache
def word_lists_by_name() -> dict[str, list[str]]:
    """`nlp/patterns/lists.json`: word lists rules share by name ("@months"), so each is written once.

    `unambiguous_months` leaves out "march" and "may", which are verbs too ("may" also a modal): rules that would
    read "Sam may read" as a date use it.
    """
    text = resources.files("nlp.patterns").joinpath("lists.json").read_text(encoding="utf-8")
    loaded: dict[str, list[str]] = json.loads(text)
    return loaded


@cache
def word_rule_ids() -> dict[tuple[str, str], str]:
    """(label, word) -> id of the one-word rule it came from, for rules folded into one list by `merge_word_lists`."""
    found: dict[tuple[str, str], str] = {}
    for family in FAMILIES.values():
        for rule in _parsed(family):
            if _one_word(rule):
                ((_attribute, word),) = rule["pattern"][0].items()
                found[(rule["label"], word)] = rule["id"]
    return found


def _one_word(rule: dict[str, Any]) -> bool:
    pattern = rule["pattern"]
    return len(pattern) == 1 and len(pattern[0]) == 1 and isinstance(next(iter(pattern[0].values())), str)


def load_patterns(family: PatternFamily) -> list[dict[str, Any]]:
    """One family's rules, read and validated once per process (callers get a fresh list of the same rules)."""
    return list(_loaded(family))


@cache
def _loaded(family: PatternFamily) -> tuple[dict[str, Any], ...]:
    return tuple(merge_word_lists(list(_parsed(family))))


@cache
def _parsed(family: PatternFamily) -> tuple[dict[str, Any], ...]:
    """One family's rules as written and validated, read once per process (the ruler and `word_rule_ids` share them)."""
    text = resources.files("nlp.patterns").joinpath(family.file_name).read_text(encoding="utf-8")
    return tuple(parse_patterns(family, text))


def merge_word_lists(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold one-word rules ({"LEMMA": "read"}) into one rule per label and attribute ({"LEMMA": {"IN": …}}).

    The file stays one word per line for people to edit; the ruler needs one rule per list, which it hands
    to spaCy's PhraseMatcher (`nlp.rule_gates`). The folded rule's id is "<label>-words"; `word_rule_ids`
    names the line a matched word came from.
    """
    merged: dict[tuple[str, str], list[str]] = {}
    kept = []
    for rule in rules:
        if _one_word(rule):
            ((attribute, value),) = rule["pattern"][0].items()
            merged.setdefault((rule["label"], attribute), []).append(value)
            continue
        kept.append(rule)
    folded = [
        {"id": f"{label.lower()}-words", "label": label, "pattern": [{attribute: {"IN": sorted(set(words))}}]}
        for (label, attribute), words in merged.items()
    ]
    return folded + kept


def parse_patterns(family: PatternFamily, text: str) -> list[dict[str, Any]]:
    """Validate JSONL rule text line by line (blank lines are allowed); every rule has an id of its own."""
    rules = [_validated(family, number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    seen: set[str] = set()
    for number, rule in enumerate(rules, start=1):
        if rule["id"] in seen:
            raise PatternFileError(f"{family.file_name}: rule id {rule['id']!r} is used twice (rule {number})")
        seen.add(rule["id"])
    return rules


def _validated(family: PatternFamily, number: int, line: str) -> dict[str, Any]:
    where = f"{family.file_name}, line {number}"
    try:
        rule = json.loads(line)
    except json.JSONDecodeError as error:
        raise PatternFileError(f"{where}: not valid JSON ({error.msg})") from error
    if not isinstance(rule, dict):
        raise PatternFileError(f"{where}: a rule must be a JSON object")
    unknown = set(rule) - _ALLOWED_KEYS
    if unknown:
        raise PatternFileError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in _REQUIRED_KEYS:
        if key not in rule:
            raise PatternFileError(f"{where}: missing key {key!r}")
    if rule["label"] not in family.labels:
        raise PatternFileError(f"{where}: label {rule['label']!r} is not one of {sorted(family.labels)}")
    pattern = rule["pattern"]
    if not (isinstance(pattern, list) and pattern and all(isinstance(token, dict) for token in pattern)):
        raise PatternFileError(f"{where}: 'pattern' must be a non-empty list of token objects")
    try:
        pattern = rule["pattern"] = [_with_named_lists(token) for token in pattern]
    except KeyError as error:
        raise PatternFileError(f"{where}: no word list named {error.args[0]!r} in lists.json") from error
    problems = validate_token_pattern(pattern)
    if problems:
        raise PatternFileError(f"{where}: {problems[0]}")
    return rule
