"""Agreement of Achievable and Relevant with cases labelled by hand (tests/data/guidance_cases.jsonl) before the
rules were written: a plan's area, difficulty, entry skills and step size, a target, and the expected ✅/❔/❌.

`python -m tests.nlp.test_guidance_cases` prints the agreement and every disagreement.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nlp import Area, GuidanceAnswers, StepSize, check_target
from tests.nlp.conftest import TODAY

CASES = Path(__file__).parents[1] / "data" / "guidance_cases.jsonl"
REQUIRED_AGREEMENT = 0.80  # per criterion; the rules were not tuned case by case to reach it


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def _guidance(case: dict[str, Any]) -> GuidanceAnswers:
    return GuidanceAnswers(
        area_of_need=Area(case["area"]),
        difficulty=case["difficulty"],
        entry_skills=case["entry_skills"],
        step_size=StepSize(case["step_size"]) if case["step_size"] else None,
        greater_needs=case["greater_needs"],
    )


def disagreements(criterion: str) -> list[tuple[str, object, object]]:
    """(case id, expected, judged) for every case the judgement gets wrong on `criterion`."""
    wrong = []
    for case in _cases():
        judged = getattr(check_target(case["target"], today=TODAY, guidance=_guidance(case)), criterion).met
        if judged is not case[criterion]:
            wrong.append((case["id"], case[criterion], judged))
    return wrong


def agreement(criterion: str) -> float:
    return 1 - len(disagreements(criterion)) / len(_cases())


def test_the_set_is_large_and_uses_every_verdict_and_area() -> None:
    cases = _cases()
    assert len(cases) >= 40
    for criterion in ("relevant", "achievable"):
        assert {case[criterion] for case in cases} == {True, False, None}
    assert {case["area"] for case in cases} == {area.value for area in Area}


def test_relevant_agrees_with_the_hand_labels() -> None:
    assert agreement("relevant") >= REQUIRED_AGREEMENT, disagreements("relevant")


def test_achievable_agrees_with_the_hand_labels() -> None:
    assert agreement("achievable") >= REQUIRED_AGREEMENT, disagreements("achievable")


def test_a_tick_is_never_given_where_the_label_is_a_cross() -> None:
    """The costly mistake: ✅ on a target that is off topic or out of reach."""
    for criterion in ("relevant", "achievable"):
        assert not [case for case in disagreements(criterion) if case[1] is False and case[2] is True]


if __name__ == "__main__":
    for name in ("relevant", "achievable"):
        print(f"{name}: {agreement(name):.0%} of {len(_cases())} cases agree; disagreements {disagreements(name)}")
