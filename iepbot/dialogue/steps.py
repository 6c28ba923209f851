"""A step is data: the question it asks and how it takes an answer; a flow is a table of steps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from iepbot.dialogue.context import Context, Next
from iepbot.dialogue.io import Input, Reply

Ask = Callable[[Context], Awaitable[Reply]]
Answer = Callable[[Context, Input], Awaitable[Next]]


@dataclass(frozen=True, slots=True)
class Step:
    """One question of a flow.

    `ask` builds the question from the saved answers only, so after a restart, /back or /resume the same
    question comes back exactly. `answer` validates the input, writes what it must and says what is next.
    `per_target` steps belong to the target being written (the draft's "index"), so /back can return to
    an earlier target's question.
    """

    name: str
    ask: Ask
    answer: Answer
    per_target: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """A named conversation: its steps by name and the one it starts with."""

    name: str
    first: str
    steps: Mapping[str, Step]

    def step(self, name: str) -> Step:
        return self.steps[name]


def flow_of(name: str, steps: list[Step]) -> Flow:
    """A flow whose first step is the first in the list."""
    return Flow(name=name, first=steps[0].name, steps={step.name: step for step in steps})
