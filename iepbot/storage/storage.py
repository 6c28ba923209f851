"""The storage handle the application holds: an engine, its sessions, and transactions from them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from iepbot.domain.errors import ConflictError
from iepbot.storage.clock import Clock, utc_now
from iepbot.storage.engine import WRITE_OPTION
from iepbot.storage.unit import Transaction

if TYPE_CHECKING:
    from iepbot.domain import ports

log = logging.getLogger(__name__)
STALE_MESSAGE = (
    "Someone else saved this record while you were working on it. Nothing has been overwritten: "
    "open it again to see their changes, then make yours."
)


class Storage:
    """Hands out transactions: `write()` for changes (serialised on SQLite), `read()` for lookups."""

    def __init__(self, engine: AsyncEngine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock
        self._reader = async_sessionmaker(engine, expire_on_commit=False)
        self._writer = async_sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        # SQLite has one writer at a time. Writers of this process queue here, in order, instead of in
        # SQLite's busy handler, which polls with sleeps of up to 100 ms and collapses under many chats.
        self._one_writer: AbstractAsyncContextManager[object] = (
            asyncio.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Transaction]:
        """A write transaction: committed when the block ends, rolled back entirely if it raises."""
        async with self._one_writer, self._writer() as session:
            try:
                async with session.begin():
                    yield Transaction(session, self.clock())
            except StaleDataError as error:
                raise ConflictError(STALE_MESSAGE) from error

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Transaction]:
        """A read-only transaction (SQLite: a deferred BEGIN, which never blocks writers in WAL)."""
        async with self._reader() as session:
            # Closing the session rolls back: a reader can never commit by accident.
            yield Transaction(session, self.clock())

    async def scrub(self) -> None:
        """After an erasure: leave no copy of what was deleted in the database's files.

        SQLite zeroes deleted content as it goes (`secure_delete`, set on every connection), but the WAL still
        holds the pages as they were before; a TRUNCATE checkpoint copies the WAL into the database and empties
        it to zero bytes. It waits (the busy timeout) for readers on older snapshots to finish. PostgreSQL
        cannot be made to forget by a statement: see docs/storage.md, "Erasure".
        """
        if self.dialect != "sqlite":
            return
        async with self._one_writer, self.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _, _ = await cursor.fetchone() or (0, 0, 0)
            await cursor.close()
            if busy:
                log.warning("the WAL could not be emptied after an erasure; it will be at the next checkpoint")

    async def close(self) -> None:
        """Release every pooled connection."""
        await self.engine.dispose()


if TYPE_CHECKING:

    def _implements_the_domains_store(storage: Storage) -> ports.Store:
        return storage  # mypy checks here that this class is what the dialogue asks for
