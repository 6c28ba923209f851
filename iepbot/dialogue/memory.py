"""The layout of a chat's saved answers: the flow in progress, how it got there, and parked flows.

Everything a chat needs to carry on after a restart is in this one JSON document, saved with each answer.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from iepbot.domain.records import DialogueState

# Flows a chat can set aside. /resume lists them as buttons (Telegram takes at most 100 in a message), and
# the whole list travels in the chat's answers JSON with every turn.
PARKED_LIMIT = 20


@dataclass
class ChatMemory:
    """A chat's working state, read from and written back to `DialogueState.answers`.

    `history` lists the questions already answered in this flow ("strategy@1" is target 2's strategy), so
    /back can step back one. `parked` holds flows stopped with /cancel: nothing typed is ever thrown away.
    """

    flow: str | None = None
    step: str | None = None
    draft: dict[str, Any] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    parked: list[dict[str, Any]] = field(default_factory=list)
    last_check: str | None = None

    @classmethod
    def from_state(cls, state: DialogueState) -> ChatMemory:
        answers = copy.deepcopy(dict(state.answers))
        return cls(
            flow=state.flow,
            step=state.step,
            draft=answers.get("draft", {}),
            history=answers.get("history", []),
            parked=answers.get("parked", []),
            last_check=answers.get("last_check"),
        )

    def to_answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = {"draft": self.draft, "history": self.history, "parked": self.parked}
        if self.last_check is not None:
            answers["last_check"] = self.last_check
        return answers

    @property
    def in_flow(self) -> bool:
        return self.flow is not None and self.step is not None

    @property
    def parked_full(self) -> bool:
        """No room to set another flow aside: it must be finished first."""
        return len(self.parked) >= PARKED_LIMIT

    def start(self, flow: str, step: str) -> None:
        """Begin `flow` afresh at `step`."""
        self.flow, self.step, self.draft, self.history = flow, step, {}, []

    def park(self) -> None:
        """Put the flow in progress aside, answers and all, for /resume."""
        if self.flow is not None and self.step is not None:
            self.parked.append({"flow": self.flow, "step": self.step, "draft": self.draft, "history": self.history})
        self.end()

    def unpark(self, index: int) -> None:
        """Carry on with parked flow number `index` (the flow in progress, if any, is parked first)."""
        chosen = self.parked.pop(index)
        self.park()
        self.flow, self.step = chosen["flow"], chosen["step"]
        self.draft, self.history = chosen["draft"], chosen["history"]

    def end(self) -> None:
        """Leave the flow; the chat is back to quick checks."""
        self.flow, self.step, self.draft, self.history = None, None, {}, []


def position(step: str, index: int | None) -> str:
    """A history entry: the step, and for a per-target step which target."""
    return step if index is None else f"{step}@{index}"


def parse_position(entry: str) -> tuple[str, int | None]:
    """The step and target index of a history entry."""
    step, _, index = entry.partition("@")
    return step, int(index) if index else None
