"""The report is plain data: JSON-serialisable with the keys the command line and the bot rely on."""

from __future__ import annotations

import json
from collections.abc import Callable

from nlp import SmartReport


def test_report_as_json_has_every_documented_key(check: Callable[[str], SmartReport]) -> None:
    as_dict = json.loads(json.dumps(check("Sam will read 20 CVC words by Easter.").to_dict()))
    assert {"text", "is_smart", "deadline", "criteria", "verdict", "message", "rewrite"} <= set(as_dict)
    assert as_dict["deadline"] == "2027-03-25"
    assert set(as_dict["criteria"]) == {"specific", "measurable", "achievable", "relevant", "time_bound"}
    for criterion in as_dict["criteria"].values():
        assert {"met", "message", "evidence"} <= set(criterion)


def test_evidence_points_at_the_teachers_own_characters(check: Callable[[str], SmartReport]) -> None:
    text = "Sam will read 20 CVC words in 4 out of 5 sessions by Easter."
    for criterion in check(text).criteria:
        for item in criterion.evidence:
            assert text[item.start : item.end] == item.text
