"""A transaction with its repositories: everything a service does inside it commits or none of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.storage.repositories.audit import AuditRepository
from iepbot.storage.repositories.dialogue import DialogueRepository
from iepbot.storage.repositories.plans import PlanRepository, ReviewRepository, TargetRepository
from iepbot.storage.repositories.pupils import PupilRepository
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
        self.audit = AuditRepository(session)
        self.dialogue = DialogueRepository(session)
