"""The flow tables are the truth: every move a step makes is listed, and the pictures are drawn from them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import iepbot.dialogue.drafting
from iepbot.dialogue import diagram
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting.flow import NEW_PLAN
from iepbot.dialogue.drafting.names import NewPlanStep
from iepbot.dialogue.io import Input, Reply
from iepbot.dialogue.steps import FlowError, Step, StepName, flow_of

DRAFTING = Path(iepbot.dialogue.drafting.__file__).parent


def goto_targets_written_in(folder: Path) -> dict[str, list[str]]:
    """Every `Goto(S.NAME …)` in the flow's modules, by file: the step names the code can go to."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Goto":
                target = node.args[0]
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "S":
                    found.setdefault(path.name, []).append(target.attr)
    return found


def test_every_goto_in_the_new_plan_flow_names_one_of_its_steps_and_a_listed_move() -> None:
    written = goto_targets_written_in(DRAFTING)
    assert sum(len(names) for names in written.values()) >= 20, "the scan found the flow's moves"
    listed = {target for step in NEW_PLAN.steps.values() for target in step.goes_to}
    for names in written.values():
        for name in names:
            assert NewPlanStep[name] in NEW_PLAN.steps, name
            assert NewPlanStep[name] in listed, f"{name} is never listed as a move in the flow table"


def test_every_step_name_has_one_step_and_every_step_is_reachable_from_the_first() -> None:
    assert set(NEW_PLAN.steps) == set(NewPlanStep)
    reached, frontier = {NEW_PLAN.first}, [NEW_PLAN.first]
    while frontier:
        for target in NEW_PLAN.step(frontier.pop()).goes_to:
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(NewPlanStep)
    assert [step.name for step in NEW_PLAN.steps.values() if step.finishes] == [NewPlanStep.SUMMARY]


class Tiny(StepName):
    ONE = "one"
    TWO = "two"


async def _ask(_ctx: Context) -> Reply:
    return Reply("x.html")


async def _answer(_ctx: Context, _received: Input) -> Next:
    return Goto(Tiny.TWO)


def test_a_table_listing_a_move_to_an_unknown_step_is_refused() -> None:
    with pytest.raises(FlowError, match="unknown"):
        flow_of("tiny", [Step(Tiny.ONE, _ask, _answer, goes_to=(Tiny.TWO,))])


def test_a_step_that_goes_nowhere_and_does_not_finish_is_refused() -> None:
    with pytest.raises(FlowError, match="goes nowhere"):
        flow_of("tiny", [Step(Tiny.ONE, _ask, _answer, finishes=True), Step(Tiny.TWO, _ask, _answer)])


def test_the_checked_in_flow_diagrams_are_drawn_from_the_current_tables() -> None:
    assert diagram.stale() == [], "run: python -m iepbot.dialogue.diagram"


def test_the_diagram_shows_the_start_every_move_and_the_end(tmp_path: Path) -> None:
    assert diagram.main(["--out", str(tmp_path)]) == 0
    drawn = (tmp_path / "new_plan.mmd").read_text(encoding="utf-8")
    assert "[*] --> pupil\n" in drawn
    assert "    greater_needs --> target\n    greater_needs --> step_size\n" in drawn
    assert "summary --> [*]" in drawn
    assert diagram.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "new_plan.mmd").write_text(drawn.replace("summary --> [*]", ""), encoding="utf-8")
    assert diagram.main(["--check", "--out", str(tmp_path)]) == 1
