"""The bench's hand-labelled contexts as specifications: no suggestion is off topic, and the labels are sound."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import target_bank
from iepbot.dialogue.suggestions import PlanContext, in_plan, out_of_plan
from nlp.areas import Area
from target_bank.years import parse_year

ROOT = Path(__file__).parents[2]
DATA = yaml.safe_load((ROOT / "bench" / "data" / "suggestion_contexts.yaml").read_text(encoding="utf-8"))
PLANS: list[dict[str, Any]] = DATA["plans"] + DATA["held_out"]
BANK = target_bank.load()


@pytest.mark.parametrize("plan", PLANS, ids=[plan["id"] for plan in PLANS])
def test_a_plan_context_gets_a_suggestion_on_its_labelled_ladder_or_none(plan: dict[str, Any]) -> None:
    year = parse_year(plan["year"])
    context = PlanContext(Area(plan["area"]), year, plan["difficulty"], plan["entry_skills"], pupil_name="Sam")
    target = in_plan(BANK, context, plan["target"])
    if target is not None:
        assert not plan.get("off_skill", False), f"{target.id} offered for a target on another skill"
        assert target.progression_id in plan["ladders"]
        assert target.area.value == plan["area"]
        assert year in target.years


@pytest.mark.parametrize("check", DATA["quick_checks"], ids=[check["id"] for check in DATA["quick_checks"]])
def test_a_quick_check_gets_an_acceptable_ladder_or_none(check: dict[str, Any]) -> None:
    target = out_of_plan(BANK, check["text"])
    assert target is None or target.progression_id in check["ladders"]


def test_the_contexts_quote_the_development_set_and_name_real_ladders() -> None:
    lines = (ROOT / "corpus" / "real_targets" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    dev = {record["id"]: record["text"] for record in map(json.loads, lines)}
    for context in PLANS + DATA["quick_checks"]:
        if context["source"] in dev:
            assert dev[context["source"]] == context.get("target", context.get("text")), context["id"]
        for ladder in context["ladders"]:
            BANK.progression(ladder)
    assert len(DATA["plans"]) == 50
