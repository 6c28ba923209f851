"""The revise, return and /staff flows keep to their tables as the /new flow does: every move listed, every
step reachable, and the engine knows each flow by the name its chats are saved under."""

from __future__ import annotations

from pathlib import Path

import pytest

import iepbot.dialogue.revising
import iepbot.dialogue.senco
from iepbot.dialogue.engine import FLOWS
from iepbot.dialogue.revising.flow import REVISE_PLAN
from iepbot.dialogue.revising.names import RevisePlanStep
from iepbot.dialogue.senco.flows import RETURN_PLAN, STAFF
from iepbot.dialogue.senco.names import ReturnPlanStep, StaffStep
from iepbot.dialogue.steps import Flow, StepName
from tests.dialogue.test_flow_table import goto_targets_written_in

REVISING = Path(iepbot.dialogue.revising.__file__).parent
SENCO = Path(iepbot.dialogue.senco.__file__).parent
CASES = [(REVISE_PLAN, RevisePlanStep, REVISING), (STAFF, StaffStep, SENCO), (RETURN_PLAN, ReturnPlanStep, SENCO)]


@pytest.mark.parametrize(("flow", "names", "folder"), CASES, ids=lambda case: getattr(case, "name", ""))
def test_every_goto_names_a_listed_move_and_every_step_is_reachable(
    flow: Flow, names: type[StepName], folder: Path
) -> None:
    listed = {target for step in flow.steps.values() for target in step.goes_to}
    for written in goto_targets_written_in(folder).values():
        for name in written:
            if name in names.__members__:
                assert names[name] in listed, f"{name} is never listed as a move in the {flow.name} table"
    assert set(flow.steps) == set(names)
    reached, frontier = {flow.first}, [flow.first]
    while frontier:
        for target in flow.step(frontier.pop()).goes_to:
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(names)
    assert any(step.finishes for step in flow.steps.values())


def test_the_engine_runs_every_flow_and_no_two_share_a_step_name() -> None:
    assert set(FLOWS) == {"new_plan", "revise_plan", "return_plan", "staff", "review_plan"}
    saved_names = [name for flow in FLOWS.values() for name in flow.steps]
    assert len(saved_names) == len(set(saved_names))
