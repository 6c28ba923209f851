"""Who acts: a member of staff in the bot, or the operator running `iepbot` on the server."""

from __future__ import annotations

from dataclasses import dataclass

from iepbot.domain.records import StaffMember


@dataclass(frozen=True, slots=True)
class Operator:
    """The person with shell access to the server (the `iepbot db` commands): no school, no staff id."""


OPERATOR = Operator()

Actor = StaffMember | Operator


def actor_id(actor: Actor) -> int | None:
    """The staff id to put in the audit log (None for the operator)."""
    return actor.id if isinstance(actor, StaffMember) else None
