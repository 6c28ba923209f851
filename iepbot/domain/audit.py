"""One way to write an audit event, so every service records the same shape."""

from __future__ import annotations

from iepbot.domain.actors import Actor, actor_id
from iepbot.domain.enums import AuditAction
from iepbot.domain.ports import Transaction


def record(
    tx: Transaction, actor: Actor, action: AuditAction, record_type: str, record_id: int, school_id: int | None
) -> None:
    """Add the event to `tx`: it commits with the change or not at all."""
    tx.audit.record(
        school_id=school_id,
        actor_id=actor_id(actor),
        action=action,
        record_type=record_type,
        record_id=record_id,
        at=tx.now,
    )
