"""A transaction with its repositories: everything a service does inside it commits or none of it.

This is the storage side of `iepbot.domain.ports.Transaction`: the rules see only that Protocol; the session
stays here, inside storage.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from iepbot.domain import ports

from iepbot.storage.repositories.audit import AuditRepository
from iepbot.storage.repositories.dialogue import DialogueRepository
from iepbot.storage.repositories.outbox import OutboxRepository
from iepbot.storage.repositories.plans import PlanRepository, ReviewRepository, TargetRepository
from iepbot.storage.repositories.pupils import PupilRepository
from iepbot.storage.repositories.reminders import ReminderRepository
from iepbot.storage.repositories.schools import InviteRepository, SchoolRepository, StaffRepository


class Transaction:
    """One database transaction and the repositories bound to it; `now` is fixed for its length."""

    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self.session = session
        self.now = now
        self.schools = SchoolRepository(session)
        self.staff = StaffRepository(session)
        self.invites = InviteRepository(session)
        self.pupils = PupilRepository(session)
        self.plans = PlanRepository(session)
        self.targets = TargetRepository(session)
        self.reviews = ReviewRepository(session)
        self.reminders = ReminderRepository(session)
        self.audit = AuditRepository(session)
        self.dialogue = DialogueRepository(session)
        self.outbox = OutboxRepository(session)

    @asynccontextmanager
    async def savepoint(self) -> AsyncIterator[object]:
        """A nested transaction (SAVEPOINT): an exception leaving it undoes only what was written inside."""
        async with self.session.begin_nested() as nested:
            yield nested


if TYPE_CHECKING:

    def _implements_the_domains_transaction(tx: Transaction) -> ports.Transaction:
        return tx  # mypy checks here that this class is what the rules ask for
