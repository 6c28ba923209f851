"""The buttons under a plan waiting for the SENCo: built here only, so every message that offers the decision
(the notice at submission, a plan opened from /review, a fresh copy after a revision) offers the same ones."""

from __future__ import annotations

from iepbot.dialogue.io import Button
from iepbot.dialogue.plan_documents import documents_button
from iepbot.domain.records import Plan

APPROVE = "approve"
RETURN = "return"
# Decision tokens are answered whatever the chat's version (the notice arrives in the SENCo's chat, stamped
# with the author's), and carry the plan's version instead: a decision is taken only on the version shown.
DECISION_TOKENS = (APPROVE, RETURN)


def decision_buttons(plan: Plan) -> tuple[tuple[Button, ...], ...]:
    """Approve, Return with a comment (one row, thumb-sized on a phone), then the plan's documents: every
    message that offers the decision offers the plan to read in full or print too."""
    return (
        (
            Button("✅ Approve", f"{APPROVE}:{plan.id}:{plan.version}"),
            Button("↩️ Return with a comment", f"{RETURN}:{plan.id}:{plan.version}"),
        ),
        (documents_button(plan.id),),
    )
