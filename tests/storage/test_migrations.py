"""The packaged migrations build exactly the models' schema, and every revision goes up and down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from iepbot.storage.migrate import alembic_config, current_revision, downgrade, head_revision, upgrade
from iepbot.storage.models import Base


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migrations_produce_the_same_schema_as_the_models(empty_engine: AsyncEngine) -> None:
    await upgrade(empty_engine)
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_every_revision_upgrades_and_downgrades_cleanly(empty_engine: AsyncEngine) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    assert revisions, "the package ships no migrations"
    for revision in revisions:
        assert not isinstance(revision.down_revision, list | tuple), "merge revisions need their own stairway"
        await upgrade(empty_engine, revision.revision)
        await downgrade(empty_engine, revision.down_revision or "base")
        await upgrade(empty_engine, revision.revision)
    assert await current_revision(empty_engine) == head_revision()
    await downgrade(empty_engine, "base")
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(_tables) == {"alembic_version"}


def test_the_first_revision_file_is_dated() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    first = next(r for r in script.walk_revisions() if r.down_revision is None)
    assert first.path is not None
    assert Path(first.path).name[:11].replace("_", "").isdigit()


async def test_unique_school_names_are_refused_with_the_names_to_fix_while_two_schools_share_one(
    empty_engine: AsyncEngine,
) -> None:
    await upgrade(empty_engine, "0002")
    async with empty_engine.begin() as connection:
        for name in ("Oakfield Primary", "Oakfield Primary", "Riverside Academy"):
            await connection.execute(
                text(
                    "INSERT INTO schools (name, target_limit, term_dates, created_at)"
                    " VALUES (:n, 4, '{}', CURRENT_TIMESTAMP)"
                ),
                {"n": name},
            )
    with pytest.raises(RuntimeError, match=r"used by more than one school: Oakfield Primary\. Rename"):
        await upgrade(empty_engine)
    async with empty_engine.begin() as connection:
        await connection.execute(text("UPDATE schools SET name = 'Oakfield Infants' WHERE id = 2"))
    await upgrade(empty_engine)
    assert await current_revision(empty_engine) == head_revision()
