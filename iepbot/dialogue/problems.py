"""A domain error as the member of staff reads it."""

from __future__ import annotations

from iepbot.dialogue.io import Reply
from iepbot.domain.errors import DomainError, NotFoundError, OtherSchoolError

# One answer for "not there" and "another school's": ids in buttons can be forged, and two answers would let
# a member of one school count another school's pupils and plans by trying ids in turn.
NOT_THERE = "I can't find that: it may have been erased, or it is not one you can see."


def problem(error: DomainError) -> Reply:
    """The reply explaining `error`; a missing record and another school's record get the very same one."""
    if isinstance(error, NotFoundError | OtherSchoolError):
        return Reply("problem.html", {"message": NOT_THERE})
    return Reply("problem.html", {"message": str(error)})
