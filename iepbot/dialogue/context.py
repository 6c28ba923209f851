"""What a step sees during one turn, and what it can say happens next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from iepbot.dialogue.io import Reply
from iepbot.dialogue.services import Services
from iepbot.domain.records import StaffMember
from iepbot.storage.unit import Transaction


@dataclass
class Context:
    """One turn of one chat: the open transaction, who is acting, and the flow's answers so far.

    `draft` is the current flow's answers (a mutable copy of the saved JSON); the engine saves it, with
    the new step, in the same transaction as anything the step wrote.
    """

    tx: Transaction
    actor: StaffMember
    services: Services
    chat_id: int
    today: date
    draft: dict[str, Any] = field(default_factory=dict)
    pupil_id: int | None = None


@dataclass(frozen=True, slots=True)
class Goto:
    """The answer is taken: say `replies` (if any), then ask `step`."""

    step: str
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
