"""Agreement with targets labelled by hand (tests/data/smart_targets.jsonl) before the checker ran on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp import check_target
from tests.nlp.conftest import TODAY

LABELLED = Path(__file__).parents[1] / "data" / "smart_targets.jsonl"
REQUIRED_AGREEMENT = 0.90


def _labelled() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_labelled_set_is_large_and_covers_every_area() -> None:
    rows = _labelled()
    assert len(rows) >= 150
    areas = {row["area"] for row in rows}
    assert areas == {
        "communication_and_interaction",
        "cognition_and_learning",
        "social_emotional_mental_health",
        "sensory_and_physical",
    }


@pytest.mark.parametrize("criterion", ["specific", "measurable", "time_bound"])
def test_checker_agrees_with_the_hand_labels(criterion: str) -> None:
    rows = _labelled()
    misses = []
    for row in rows:
        report = check_target(str(row["text"]), today=TODAY)
        got = getattr(report, criterion).met
        if got is not row[criterion]:
            misses.append(f"{row['id']}: labelled {row[criterion]}, got {got}: {row['text']!r}")
    agreement = 1 - len(misses) / len(rows)
    print(f"\n{criterion}: {agreement:.1%} agreement over {len(rows)} targets; misses:", *misses, sep="\n  ")
    assert agreement >= REQUIRED_AGREEMENT
