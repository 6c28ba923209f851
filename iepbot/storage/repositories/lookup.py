"""The one way repositories fetch a row by primary key: present, or a NotFoundError a teacher can read."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from iepbot.domain.errors import NotFoundError

RowT = TypeVar("RowT")


async def row_or_not_found(session: AsyncSession, model: type[RowT], key: int, missing: str) -> RowT:
    """The row with this primary key; `missing` is the message when there is none."""
    row = await session.get(model, key)
    if row is None:
        raise NotFoundError(missing)
    return row
