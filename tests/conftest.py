"""Storage fixtures shared by tests/storage and tests/domain: every test runs on SQLite and PostgreSQL.

PostgreSQL runs when TEST_DATABASE_URL is set (CI sets it). Each test session migrates a fresh, randomly
named schema once and drops it at the end, so concurrent runs on one server cannot collide; each test
then starts from empty tables (TRUNCATE on PostgreSQL, a copy of a migrated file on SQLite).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from iepbot.domain.enums import Role
from iepbot.domain.records import StaffMember
from iepbot.domain.schools import create_school
from iepbot.storage.engine import create_engine
from iepbot.storage.migrate import upgrade
from iepbot.storage.models import Base
from iepbot.storage.storage import Storage
from tests.storage.support import (
    BACKENDS,
    NO_POSTGRES,
    POSTGRES_URL,
    Database,
    FakeClock,
    World,
    create_schema,
    drop_schema,
    fresh_postgres_schema,
    postgres_schema_kwargs,
)

pytest_plugins = ["tests.bot_api_fixtures"]  # the fake Bot API's fixtures, for tests/e2e and tests/fakes


async def _migrate(database: Database) -> None:
    engine = database.engine()
    await upgrade(engine)
    await engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A migrated database per backend for the whole session (synchronous: each test has its own loop)."""
    if request.param == "sqlite":
        template = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
        db = Database("sqlite", f"sqlite+aiosqlite:///{template}", {}, template)
        asyncio.run(_migrate(db))
        yield db
        return
    if POSTGRES_URL is None:
        pytest.skip(NO_POSTGRES)
    schema = f"iepbot_test_{secrets.token_hex(6)}"
    asyncio.run(create_schema(schema))
    try:
        db = Database("postgres", POSTGRES_URL, postgres_schema_kwargs(schema))
        asyncio.run(_migrate(db))
        yield db
    finally:
        asyncio.run(drop_schema(schema))


@pytest.fixture
async def world(storage: Storage) -> World:
    """School A (limit 4) with two teachers, a SENCo and an admin; school B with a teacher and a SENCo."""
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        other = await create_school(tx, name="Riverside Academy")

        async def member(school_id: int, telegram_id: int, name: str, role: Role) -> StaffMember:
            return await tx.staff.add(
                school_id=school_id, telegram_user_id=telegram_id, name=name, role=role, now=tx.now
            )

        return World(
            school=school,
            teacher=await member(school.id, 101, "Ms Patel", Role.TEACHER),
            colleague=await member(school.id, 102, "Mr Jones", Role.TEACHER),
            senco=await member(school.id, 103, "Mrs Okafor", Role.SENCO),
            admin=await member(school.id, 104, "Mr Hughes", Role.ADMIN),
            other_school=other,
            other_teacher=await member(other.id, 201, "Miss Green", Role.TEACHER),
            other_senco=await member(other.id, 202, "Dr Black", Role.SENCO),
        )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def storage(database: Database, clock: FakeClock, tmp_path: Path) -> AsyncIterator[Storage]:
    """Empty, migrated storage on the parametrised backend."""
    if database.template is not None:
        copy = tmp_path / "iepbot.sqlite3"
        shutil.copyfile(database.template, copy)
        engine = create_engine(f"sqlite+aiosqlite:///{copy}")
    else:
        engine = database.engine()
        tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    store = Storage(engine, clock=clock)
    yield store
    await store.close()


_postgres_passed = 0
_storage_collected = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    global _storage_collected
    _storage_collected = any(item.get_closest_marker("postgres") for item in items)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _postgres_passed
    if report.when == "call" and report.passed and "postgres" in report.keywords:
        _postgres_passed += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    """With IEPBOT_REQUIRE_POSTGRES=1 (CI, when a server answers) a run without PostgreSQL tests fails."""
    if os.environ.get("IEPBOT_REQUIRE_POSTGRES") == "1" and _storage_collected and _postgres_passed == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_sep(
                "=",
                "IEPBOT_REQUIRE_POSTGRES=1 but no PostgreSQL storage test passed "
                f"(TEST_DATABASE_URL is {'set' if POSTGRES_URL else 'unset'})",
                red=True,
            )


@pytest.fixture
async def empty_database(database: Database, tmp_path: Path) -> AsyncIterator[Database]:
    """A database with no tables at all, on the parametrised backend."""
    if database.name == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}", {})
        return
    async with fresh_postgres_schema("iepbot_empty") as empty:
        yield empty


@pytest.fixture
async def empty_engine(empty_database: Database) -> AsyncIterator[AsyncEngine]:
    """An engine on `empty_database`."""
    engine = empty_database.engine()
    yield engine
    await engine.dispose()
