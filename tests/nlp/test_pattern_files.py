"""The rule files are data: every rule is validated, and a bad one is rejected with a precise message."""

from __future__ import annotations

import pytest

from nlp.deadlines import resolvers_cover
from nlp.pattern_files import FAMILIES, PatternFileError, load_patterns, parse_patterns

TIME = FAMILIES["time"]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_shipped_rule_file_loads(family: str) -> None:
    assert load_patterns(FAMILIES[family])


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"label": "HALF_TERM", "pattern": [{"LOWER": "x"}], "colour": "red"}', "unknown key(s) ['colour']"),
        ('{"label": "HALF_TERM"}', "missing key 'pattern'"),
        ('{"label": "NOPE", "pattern": [{"LOWER": "x"}]}', "label 'NOPE' is not one of"),
        ('{"label": "HALF_TERM", "pattern": []}', "must be a non-empty list"),
        ('{"label": "HALF_TERM", "pattern": [{"LOWER": "x"}]', "not valid JSON"),
        ('["HALF_TERM"]', "must be a JSON object"),
        ('{"label": "HALF_TERM", "pattern": [{"LOWR": "x"}]}', "LOWR] Extra inputs are not permitted"),
    ],
)
def test_a_bad_rule_is_rejected_naming_file_line_and_problem(line: str, problem: str) -> None:
    text = '{"label": "HALF_TERM", "pattern": [{"LOWER": "ok"}]}\n\n' + line
    with pytest.raises(PatternFileError) as raised:
        parse_patterns(TIME, text)
    assert str(raised.value).startswith("time.jsonl, line 3: ")
    assert problem in str(raised.value)


def test_every_time_label_has_a_way_to_become_a_date() -> None:
    assert resolvers_cover(TIME.labels)
