"""What a step sees during one turn, and what it can say happens next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from iepbot.dialogue.drafting.draft import Draft
from iepbot.dialogue.io import Reply
from iepbot.dialogue.reviewing.review import REVIEW_FLOW, ReviewDraft
from iepbot.dialogue.services import Services
from iepbot.domain.ports import Transaction
from iepbot.domain.records import School, StaffMember

if TYPE_CHECKING:
    from iepbot.dialogue.steps import StepName


@dataclass
class Context:
    """One turn of one chat: the open transaction, who is acting and their school, the flow's answers so far.

    `draft` (the /new flow's, and the smaller flows' — revising a plan, returning one, /staff — which need only
    a few ids the same `Draft` carries) and `review` (the /review_plan flow's) are the current flow's answers,
    read from the saved JSON; the engine saves them, with the new step, in the same transaction as anything the
    step wrote. The review has its own typed answers, so neither kind of flow can misread the other's.
    """

    tx: Transaction
    actor: StaffMember
    school: School  # read with the actor at the start of the turn: its calendar and target limit
    services: Services
    chat_id: int
    today: date
    draft: Draft = field(default_factory=Draft)
    review: ReviewDraft = field(default_factory=ReviewDraft)

    def cursor(self, flow: str | None) -> Draft | ReviewDraft:
        """The answers whose `index` says which target a per-target step of `flow` is about."""
        return self.review if flow == REVIEW_FLOW else self.draft

    erase_after: int | None = None  # a pupil to erase once the chat's new state is saved (/erase, confirmed)


@dataclass(frozen=True, slots=True)
class Goto:
    """The answer is taken: say `replies` (if any), then ask `step`."""

    step: StepName
    replies: Sequence[Reply] = ()


@dataclass(frozen=True, slots=True)
class Retry:
    """The answer cannot be taken: say why, then ask the same question again."""

    reply: Reply


@dataclass(frozen=True, slots=True)
class Finish:
    """The flow is over: say `replies`; the chat goes back to quick checks."""

    replies: Sequence[Reply]


Next = Goto | Retry | Finish
