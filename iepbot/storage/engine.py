"""Engines for the two supported databases, with SQLite made safe for concurrent writers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

# Execution option read by the "begin" hook: write transactions take SQLite's write lock up front.
WRITE_OPTION = "iepbot_write"
BUSY_TIMEOUT_MS = 10_000


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine for `url`: aiosqlite or asyncpg, anything else is refused."""
    if url.startswith("sqlite+aiosqlite://"):
        engine = create_async_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    if url.startswith("postgresql+asyncpg://"):
        return create_async_engine(url, pool_pre_ping=True, **kwargs)
    raise ValueError("DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://")


def _configure_sqlite(engine: AsyncEngine) -> None:
    """Pragmas on every connection; BEGIN emitted by us so writers can ask for IMMEDIATE."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # Stop the driver's own (legacy, DML-only) BEGIN; the "begin" hook below emits ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted and overwritten content is zeroed, not left in free space: every turn rewrites a chat's
        # answers (which may name a pupil), and an erasure must leave no byte of the pupil behind.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue (busy_timeout) instead of
        # one failing with "database is locked" when it upgrades a read lock mid-transaction.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
