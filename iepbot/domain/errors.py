"""Typed domain errors whose messages a teacher can read; the dialogue turns them into replies."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the rules raise; `str(error)` is safe to show to the member of staff."""


class NotFoundError(DomainError):
    """The record asked for does not exist (or no longer exists)."""


class AccessDeniedError(DomainError):
    """The member of staff may not see or change this record."""


class OtherSchoolError(AccessDeniedError):
    """The record belongs to another school. Its own type so that the bot can answer it exactly like a
    missing record: a different answer would let anyone count another school's pupils and plans."""


class ConflictError(DomainError):
    """Someone else saved the same record first; the caller must reload rather than overwrite."""


class InvalidTransitionError(DomainError):
    """The plan cannot move from its current status to the one asked for."""


class TargetLimitError(DomainError):
    """Adding or approving targets would take a plan or a pupil past the school's target limit."""


class InvalidInviteError(DomainError):
    """The invite code is wrong, already used or expired; one error so that none can be told apart."""


class AlreadyRegisteredError(DomainError):
    """This Telegram account already belongs to a member of staff."""


class SimilarSchoolError(DomainError):
    """A new school's name is nearly that of a registered one: probably the same school, mistyped."""

    def __init__(self, requested: str, existing: str) -> None:
        super().__init__(f"A school with a similar name is already registered: {existing}.")
        self.requested = requested
        self.existing = existing


class InvalidValueError(DomainError):
    """A value given for a field is not acceptable (empty, too long, wrong kind)."""
