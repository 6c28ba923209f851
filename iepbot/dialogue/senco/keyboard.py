"""The buttons under a plan waiting for the SENCo: built here only, so every message that offers the decision
(the notice at submission, a plan opened from /review, a fresh copy after a revision) offers the same ones."""

from __future__ import annotations

from iepbot.dialogue.io import Button
from iepbot.domain.records import Plan

APPROVE = "approve"
RETURN = "return"
# Decision tokens are answered whatever the chat's version (the notice arrives in the SENCo's chat, stamped
# with the author's), and carry the plan's version instead: a decision is taken only on the version shown.
DECISION_TOKENS = (APPROVE, RETURN)


def decision_buttons(plan: Plan) -> tuple[tuple[Button, ...], ...]:
    """Approve, Return with a comment (one row, thumb-sized on a phone).

    A further choice (the plan as a document) is one more row here, with its token in `DECISION_TOKENS`'s
    neighbours in the engine's `_TIMELESS_TOKENS`: every message that offers the decision then offers it too.
    """
    return (
        (
            Button("✅ Approve", f"{APPROVE}:{plan.id}:{plan.version}"),
            Button("↩️ Return with a comment", f"{RETURN}:{plan.id}:{plan.version}"),
        ),
    )
