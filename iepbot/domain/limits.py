"""The target limit: per plan, and per pupil across every teacher's agreed plans."""

from __future__ import annotations

from collections.abc import Mapping

from iepbot.domain.errors import TargetLimitError


def check_plan_limit(*, targets_on_plan: int, adding: int, limit: int) -> None:
    """A plan holds at most the school's limit."""
    if targets_on_plan + adding > limit:
        raise TargetLimitError(
            f"This plan already has {targets_on_plan} targets; the school's limit is {limit}. "
            "Remove or combine one before adding another."
        )


def check_pupil_limit(
    *,
    pupil_name: str,
    targets_on_plan: int,
    adding: int,
    elsewhere: Mapping[str, int],
    limit: int,
) -> None:
    """The pupil's targets on this plan plus those on other agreed plans stay within the limit.

    `elsewhere` maps each other holder's name to their count, so the message says whom to talk to.
    """
    total = targets_on_plan + adding + sum(elsewhere.values())
    if total <= limit:
        return
    holders = "; ".join(
        f"{name} holds {count} {'target' if count == 1 else 'targets'}" for name, count in sorted(elsewhere.items())
    )
    raise TargetLimitError(
        f"{pupil_name} would have {total} active targets; the school's limit is {limit}. "
        f"{holders}. Agree with them which targets to keep."
    )
