"""A step is data: the question it asks, how it takes an answer, and where it may go; a flow is a table of steps."""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from iepbot.dialogue.context import Context, Next
from iepbot.dialogue.io import Input, Reply

Ask = Callable[[Context], Awaitable[Reply]]
Answer = Callable[[Context, Input], Awaitable[Next]]


class StepName(enum.StrEnum):
    """The names of one flow's steps; a flow subclasses it. The values are what a chat's saved state holds."""


@dataclass(frozen=True, slots=True)
class Step:
    """One question of a flow.

    `ask` builds the question from the saved answers only, so after a restart, /back or /resume the same
    question comes back exactly. `answer` validates the input, writes what it must and says what is next:
    one of `goes_to` (declared here, so the flow's picture is drawn from the table and the engine refuses
    a move the table does not show), or the end of the flow when `finishes`. `per_target` steps belong to
    the target being written (the draft's index), so /back can return to an earlier target's question.
    """

    name: StepName
    ask: Ask
    answer: Answer
    goes_to: tuple[StepName, ...] = ()
    finishes: bool = False
    per_target: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """A named conversation: its steps by name and the one it starts with."""

    name: str
    first: StepName
    steps: Mapping[str, Step]  # keyed by StepName, found by a saved state's plain string too

    def step(self, name: str) -> Step:
        """The step saved as `name`."""
        return self.steps[name]


class FlowError(AssertionError):
    """A flow's table is inconsistent: a programming error, found by the tests that build and walk it."""


def flow_of(name: str, steps: Sequence[Step]) -> Flow:
    """A flow whose first step is the first in the list, checked: unique names, every move to a known step."""
    table: dict[str, Step] = {step.name: step for step in steps}
    if len(table) != len(steps):
        raise FlowError(f"flow {name}: a step name is used twice")
    for step in steps:
        unknown = [target for target in step.goes_to if target not in table]
        if unknown:
            raise FlowError(f"flow {name}: step {step.name} goes to unknown {unknown}")
        if not step.goes_to and not step.finishes:
            raise FlowError(f"flow {name}: step {step.name} goes nowhere")
    return Flow(name=name, first=steps[0].name, steps=table)
