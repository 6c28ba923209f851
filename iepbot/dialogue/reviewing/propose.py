"""The next target for a reviewed one, as the guidance reasons: met — the next step on its ladder; the step
too big or an entry skill missing — the step before it; the strategy, motivation or resources at fault — the
same target, taught differently.

A target taken from the bank knows its step (`bank_id`); one typed by the teacher is placed on the ladder it
matches best in the bank, within its area of need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iepbot.dialogue.reviewing.review import NextTarget, ReviewedTarget
from target_bank import Bank, BankTarget, UnknownTargetError


@dataclass(frozen=True, slots=True)
class Proposal:
    """The next target offered, and what the teacher is asked to change before it is carried on."""

    next: NextTarget | None  # None: the ladder has no next step (a met target at its top)
    reason: str  # "next", "top", "smaller", "first_step", "strategy", "resources", "unchanged"
    new_strategy: bool = False
    new_resources: bool = False


def ladder_step(bank: Bank, target: ReviewedTarget) -> BankTarget | None:
    """The bank step this target is: the one it was taken from, else the best match for its words."""
    if target.bank_id is not None:
        try:
            return bank.target(target.bank_id)
        except UnknownTargetError:
            pass  # the bank has changed since: find the step by its words instead
    hits = bank.search(target.text, area=target.area, limit=1)
    return hits[0].target if hits else None


def propose(bank: Bank, target: ReviewedTarget, *, name: str, deadline: date) -> Proposal:
    """The next target for `target` after its outcome and the answers to the five questions."""
    step = ladder_step(bank, target)
    if target.met:
        following = bank.next_step(step.id) if step else None
        if following is None:
            return Proposal(None, "top")
        return Proposal(_from_bank(bank, following, "next", name, deadline), "next")
    too_big = target.answered("step_too_big") is True or target.answered("had_entry_skills") is False
    if too_big:
        smaller = bank.smaller_step(step.id) if step else None
        if smaller is not None:
            return Proposal(_from_bank(bank, smaller, "smaller", name, deadline), "smaller")
        return Proposal(same_target(target), "first_step", new_strategy=True)
    new_strategy = target.answered("strategy_right") is False or target.answered("motivated_to_practise") is False
    new_resources = target.answered("resources_right") is False
    reason = "strategy" if new_strategy else "resources" if new_resources else "unchanged"
    return Proposal(same_target(target), reason, new_strategy=new_strategy, new_resources=new_resources)


def _from_bank(bank: Bank, step: BankTarget, source: str, name: str, deadline: date) -> NextTarget:
    return NextTarget(
        text=bank.render(step.id, name=name, deadline=deadline),
        source=source,
        bank_id=step.id,
        strategy=step.strategies[0],
        resources=step.resources[0],
        staffing=step.staffing,
        frequency=step.frequency,
        success_criteria=step.success_criteria,
        monitoring=step.monitoring,
    )


def same_target(target: ReviewedTarget) -> NextTarget:
    """The same target again, with its support as it was (the teacher changes what was at fault)."""
    return NextTarget(
        text=target.text,
        source="same",
        bank_id=target.bank_id,
        strategy=target.strategy,
        resources=target.resources,
        staffing=target.staffing,
        frequency=target.frequency,
        success_criteria=target.success_criteria,
        monitoring=target.monitoring,
    )
