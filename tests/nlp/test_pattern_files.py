"""The rule files are data: every rule is validated, and a bad one is rejected with a precise message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from nlp import SmartReport, check_target
from nlp.deadlines import resolvers_cover
from nlp.pattern_files import FAMILIES, PatternFileError, load_patterns, parse_patterns

TIME = FAMILIES["time"]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_shipped_rule_file_loads(family: str) -> None:
    assert load_patterns(FAMILIES[family])


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            '{"id": "b", "label": "HALF_TERM", "pattern": [{"LOWER": "x"}], "colour": "red"}',
            "unknown key(s) ['colour']",
        ),
        ('{"id": "b", "label": "HALF_TERM"}', "missing key 'pattern'"),
        ('{"label": "HALF_TERM", "pattern": [{"LOWER": "x"}]}', "missing key 'id'"),
        ('{"id": "b", "label": "NOPE", "pattern": [{"LOWER": "x"}]}', "label 'NOPE' is not one of"),
        ('{"id": "b", "label": "HALF_TERM", "pattern": []}', "must be a non-empty list"),
        ('{"id": "b", "label": "HALF_TERM", "pattern": [{"LOWER": "x"}]', "not valid JSON"),
        ('["HALF_TERM"]', "must be a JSON object"),
        ('{"id": "b", "label": "HALF_TERM", "pattern": [{"LOWR": "x"}]}', "LOWR] Extra inputs are not permitted"),
        ('{"id": "b", "label": "HALF_TERM", "pattern": [{"LOWER": {"IN": "@moons"}}]}', "no word list named 'moons'"),
    ],
)
def test_a_bad_rule_is_rejected_naming_file_line_and_problem(line: str, problem: str) -> None:
    text = '{"id": "a", "label": "HALF_TERM", "pattern": [{"LOWER": "ok"}]}\n\n' + line
    with pytest.raises(PatternFileError) as raised:
        parse_patterns(TIME, text)
    assert str(raised.value).startswith("time.jsonl, line 3: ")
    assert problem in str(raised.value)


def test_every_time_label_has_a_way_to_become_a_date() -> None:
    assert resolvers_cover(TIME.labels - TIME.decoys)


def test_a_look_alike_of_a_deadline_wins_its_overlap_and_is_then_dropped() -> None:
    clubs = check_target("Sam will join in with games at after school clubs on 3 out of 4 occasions.")
    deadline = check_target("Sam will pack his own bag after school on 3 out of 4 occasions.")
    assert clubs.time_bound.met is False
    assert deadline.time_bound.evidence[0].text == "after school"


def test_two_rules_with_one_id_are_rejected() -> None:
    rule = '{"id": "a", "label": "HALF_TERM", "pattern": [{"LOWER": "ok"}]}'
    with pytest.raises(PatternFileError, match="rule id 'a' is used twice"):
        parse_patterns(TIME, rule + "\n" + rule)


def test_a_named_word_list_is_written_once_and_expanded_where_used() -> None:
    rules = load_patterns(TIME)
    months = [rule for rule in rules if rule["label"] == "MONTH"]
    assert any("september" in str(rule["pattern"]) for rule in months)
    written = (Path(__file__).parents[2] / "nlp" / "patterns" / TIME.file_name).read_text(encoding="utf-8")
    assert '"september"' not in written  # the list lives in lists.json, not in each rule


def test_verdict_evidence_names_the_rule_behind_it(check: Callable[[str], SmartReport]) -> None:
    report = check("Sam will read 20 CVC words with 80% accuracy by February half term.")
    assert report.specific.evidence[0].rule == "observable-read"
    assert {item.rule for item in report.measurable.evidence} >= {"accuracy-1"}
    assert report.time_bound.evidence[0].rule.startswith("half-term")
