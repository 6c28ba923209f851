"""The SQLite connection is configured for a bot with several writers; PostgreSQL through asyncpg."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, text

from iepbot.storage.engine import create_engine
from iepbot.storage.storage import Storage


async def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    storage = Storage(create_engine(f"sqlite+aiosqlite:///{tmp_path / 'pragmas.sqlite3'}"))
    async with storage.read() as tx:
        journal = await tx.session.scalar(text("PRAGMA journal_mode"))
        foreign_keys = await tx.session.scalar(text("PRAGMA foreign_keys"))
        busy = await tx.session.scalar(text("PRAGMA busy_timeout"))
    assert (journal, foreign_keys) == ("wal", 1)
    assert busy is not None
    assert busy >= 5000
    await storage.close()


async def test_sqlite_write_transactions_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    storage = Storage(create_engine(f"sqlite+aiosqlite:///{tmp_path / 'lock.sqlite3'}"))
    statements: list[str] = []
    event.listen(storage.engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    async with storage.write() as tx:
        await tx.session.execute(text("SELECT 1"))
    async with storage.read() as tx:
        await tx.session.execute(text("SELECT 1"))
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE", "BEGIN"]
    await storage.close()


def test_unsupported_database_urls_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match=r"sqlite\+aiosqlite:// or postgresql\+asyncpg://"):
        create_engine("mysql://localhost/iepbot")
