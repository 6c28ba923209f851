"""The layout of a chat's saved answers: the flow in progress, how it got there, and parked flows.

Everything a chat needs to carry on after a restart is in this one JSON document, saved with each answer.
The layout has not changed since the first release (`{"draft", "history", "parked", "last_check"}`), so
every saved chat resumes after an upgrade; the draft inside it is read into a typed `Draft`. A review in
progress adds one key, `"review"` (a typed `ReviewDraft`), which older chats simply lack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iepbot.dialogue.drafting.draft import Draft
from iepbot.dialogue.reviewing.review import ReviewDraft
from iepbot.domain.records import DialogueState

# Flows a chat can set aside. /resume lists them as buttons (Telegram takes at most 100 in a message), and
# the whole list travels in the chat's answers JSON with every turn.
PARKED_LIMIT = 20


@dataclass
class ParkedFlow:
    """A flow set aside with /cancel or /new: where it was and everything answered."""

    flow: str
    step: str
    draft: Draft
    history: list[str]
    review: ReviewDraft = field(default_factory=ReviewDraft)

    def to_json(self) -> dict[str, Any]:
        saved = {"flow": self.flow, "step": self.step, "draft": self.draft.to_json(), "history": self.history}
        review = self.review.to_json()
        return {**saved, "review": review} if review else saved

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ParkedFlow:
        draft = data.get("draft")
        return cls(
            flow=str(data["flow"]),
            step=str(data["step"]),
            draft=Draft.from_json(draft if isinstance(draft, Mapping) else {}),
            history=_strings(data.get("history")),
            review=_review(data.get("review")),
        )


@dataclass
class ChatMemory:
    """A chat's working state, read from and written back to `DialogueState.answers`.

    `history` lists the questions already answered in this flow ("strategy@1" is target 2's strategy), so
    /back can step back one. `parked` holds flows stopped with /cancel: nothing typed is ever thrown away.
    """

    flow: str | None = None
    step: str | None = None
    draft: Draft = field(default_factory=Draft)
    history: list[str] = field(default_factory=list)
    parked: list[ParkedFlow] = field(default_factory=list)
    review: ReviewDraft = field(default_factory=ReviewDraft)
    last_check: str | None = None

    @classmethod
    def from_state(cls, state: DialogueState) -> ChatMemory:
        answers = state.answers
        draft = answers.get("draft")
        parked = answers.get("parked")
        last_check = answers.get("last_check")
        return cls(
            flow=state.flow,
            step=state.step,
            draft=Draft.from_json(draft if isinstance(draft, Mapping) else {}),
            history=_strings(answers.get("history")),
            parked=[ParkedFlow.from_json(each) for each in parked] if isinstance(parked, list) else [],
            last_check=last_check if isinstance(last_check, str) else None,
            review=_review(answers.get("review")),
        )

    def to_answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = {
            "draft": self.draft.to_json() if self.in_flow else {},
            "history": list(self.history),
            "parked": [parked.to_json() for parked in self.parked],
        }
        if self.last_check is not None:
            answers["last_check"] = self.last_check
        review = self.review.to_json() if self.in_flow else {}
        if review:  # only a review in progress: every other chat's answers keep their first-release layout
            answers["review"] = review
        return answers

    @property
    def in_flow(self) -> bool:
        return self.flow is not None and self.step is not None

    @property
    def parked_full(self) -> bool:
        """No room to set another flow aside: it must be finished first."""
        return len(self.parked) >= PARKED_LIMIT

    def start(self, flow: str, step: str, draft: Draft | None = None) -> None:
        """Begin `flow` afresh at `step`, about `draft` (what a flow started from a button is about)."""
        self.flow, self.step, self.draft, self.history, self.review = flow, step, draft or Draft(), [], ReviewDraft()

    def park(self) -> None:
        """Put the flow in progress aside, answers and all, for /resume."""
        if self.flow is not None and self.step is not None:
            self.parked.append(ParkedFlow(self.flow, self.step, self.draft, self.history, self.review))
        self.end()

    def unpark(self, index: int) -> None:
        """Carry on with parked flow number `index` (the flow in progress, if any, is parked first)."""
        chosen = self.parked.pop(index)
        self.park()
        self.flow, self.step, self.draft, self.history = chosen.flow, chosen.step, chosen.draft, chosen.history
        self.review = chosen.review

    def end(self) -> None:
        """Leave the flow; the chat is back to quick checks."""
        self.flow, self.step, self.draft, self.history, self.review = None, None, Draft(), [], ReviewDraft()


def position(step: str, index: int | None) -> str:
    """A history entry: the step, and for a per-target step which target."""
    return step if index is None else f"{step}@{index}"


def parse_position(entry: str) -> tuple[str, int | None]:
    """The step and target index of a history entry."""
    step, _, index = entry.partition("@")
    return step, int(index) if index.isascii() and index.isdigit() else None


def _strings(value: object) -> list[str]:
    return [each for each in value if isinstance(each, str)] if isinstance(value, list) else []


def _review(value: object) -> ReviewDraft:
    return ReviewDraft.from_json(value if isinstance(value, Mapping) else {})
