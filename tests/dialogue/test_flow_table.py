"""The flow tables are the truth: every move a step makes is listed, and the pictures are drawn from them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import iepbot.dialogue.drafting
import iepbot.dialogue.reviewing
from iepbot.dialogue import diagram
from iepbot.dialogue.context import Context, Goto, Next
from iepbot.dialogue.drafting.flow import NEW_PLAN
from iepbot.dialogue.drafting.names import NewPlanStep
from iepbot.dialogue.io import Input, Reply
from iepbot.dialogue.reviewing.flow import REVIEW
from iepbot.dialogue.reviewing.names import ReviewStep
from iepbot.dialogue.steps import Flow, FlowError, Step, StepName, flow_of

DRAFTING = Path(iepbot.dialogue.drafting.__file__).parent
REVIEWING = Path(iepbot.dialogue.reviewing.__file__).parent
# Each flow's code: the folder of its steps, its table, its names, and how many moves the scan must find.
FLOW_CODE = [
    pytest.param(DRAFTING, NEW_PLAN, NewPlanStep, 20, id="new_plan"),
    pytest.param(REVIEWING, REVIEW, ReviewStep, 10, id="review_plan"),
]
# Each flow's table: its names and the one step that ends it.
FLOW_TABLES = [
    pytest.param(NEW_PLAN, NewPlanStep, NewPlanStep.SUMMARY, id="new_plan"),
    pytest.param(REVIEW, ReviewStep, ReviewStep.CLOSE, id="review_plan"),
]


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


@pytest.mark.parametrize(("folder", "flow", "names", "moves"), FLOW_CODE)
def test_every_goto_in_a_flow_names_one_of_its_steps_and_a_listed_move(
    folder: Path, flow: Flow, names: type[StepName], moves: int
) -> None:
    written = goto_targets_written_in(folder)
    assert sum(len(found) for found in written.values()) >= moves, "the scan found the flow's moves"
    listed = {target for step in flow.steps.values() for target in step.goes_to}
    for found in written.values():
        for name in found:
            assert names[name] in flow.steps, name
            assert names[name] in listed, f"{name} is never listed as a move in the flow table"


@pytest.mark.parametrize(("flow", "names", "last"), FLOW_TABLES)
def test_every_step_name_has_one_step_and_every_step_is_reachable_from_the_first(
    flow: Flow, names: type[StepName], last: StepName
) -> None:
    assert set(flow.steps) == set(names)
    reached, frontier = {flow.first}, [flow.first]
    while frontier:
        for target in flow.step(frontier.pop()).goes_to:
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(names)
    assert [step.name for step in flow.steps.values() if step.finishes] == [last]


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
