"""Opening storage at start: SQLite is upgraded in place, PostgreSQL must already be current."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from iepbot.config import Settings
from iepbot.storage.engine import create_engine
from iepbot.storage.files import private_sqlite_file
from iepbot.storage.migrate import current_revision, head_revision, upgrade
from iepbot.storage.storage import Storage


class StorageNotReadyError(RuntimeError):
    """The PostgreSQL database is behind the code; an operator must run `iepbot db upgrade`."""


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL and for an in-memory database."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


async def open_storage(settings: Settings, **engine_kwargs: Any) -> Storage:
    """Connect; for SQLite create the data directory (0700) and the database (0600) and migrate, for
    PostgreSQL check the revision."""
    url = settings.effective_database_url
    database = sqlite_file(url)
    if database is not None:
        private_sqlite_file(database)
    engine = create_engine(url, **engine_kwargs)
    try:
        if engine.dialect.name == "sqlite":
            await upgrade(engine)
        else:
            found, wanted = await current_revision(engine), head_revision()
            if found != wanted:
                raise StorageNotReadyError(
                    f"The database is at revision {found or 'none'} but this version of iepbot needs {wanted}. "
                    "Run `iepbot db upgrade` first (take a backup before you do)."
                )
    except BaseException:
        await engine.dispose()
        raise
    return Storage(engine)
