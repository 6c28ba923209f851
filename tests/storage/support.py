"""Test support for storage: backends, a hand-moved clock, and the cast of staff most tests use."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine

from iepbot.domain.enums import PlanStatus
from iepbot.domain.plans import move_plan, start_plan
from iepbot.domain.pupils import add_pupil
from iepbot.domain.records import Plan, Pupil, School, StaffMember, TargetDraft
from iepbot.domain.targets import add_target
from iepbot.storage.engine import create_engine
from iepbot.storage.migrate import upgrade
from iepbot.storage.storage import Storage
from nlp.areas import Area

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
NO_POSTGRES = "TEST_DATABASE_URL is not set, so the PostgreSQL storage tests were not run"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass(frozen=True)
class Database:
    """Where one backend's test data lives: a URL plus what it takes to connect to the test schema."""

    name: str
    url: str
    engine_kwargs: dict[str, Any]
    template: Path | None = None

    def engine(self) -> AsyncEngine:
        return create_engine(self.url, **self.engine_kwargs)


def postgres_schema_kwargs(schema: str) -> dict[str, Any]:
    """Engine arguments that make every connection work inside `schema`."""
    return {"connect_args": {"server_settings": {"search_path": schema}}}


async def create_schema(schema: str) -> None:
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL)
    async with engine.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    await engine.dispose()


async def drop_schema(schema: str) -> None:
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL)
    async with engine.begin() as connection:
        await connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    await engine.dispose()


@asynccontextmanager
async def fresh_postgres_schema(prefix: str) -> AsyncIterator[Database]:
    """A new, randomly named, empty schema on the test server, dropped afterwards."""
    assert POSTGRES_URL is not None
    schema = f"{prefix}_{secrets.token_hex(6)}"
    await create_schema(schema)
    try:
        yield Database("postgres", POSTGRES_URL, postgres_schema_kwargs(schema))
    finally:
        await drop_schema(schema)


@asynccontextmanager
async def fresh_postgres_database(prefix: str) -> AsyncIterator[str]:
    """The URL of a new, randomly named database on the test server, migrated; dropped afterwards.

    For a bot in a process of its own, which reads nothing but its settings (`DATABASE_URL`), so it cannot be
    handed the session's schema the way an engine in this process is.
    """
    assert POSTGRES_URL is not None
    name = f"{prefix}_{secrets.token_hex(6)}"
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")  # CREATE DATABASE can't run in a transaction
    async with server.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        engine = create_engine(url)
        await upgrade(engine)
        await engine.dispose()
        yield url
    finally:
        async with server.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await server.dispose()


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass(frozen=True)
class World:
    """Two schools with staff: the cast of most rule tests."""

    school: School
    teacher: StaffMember
    colleague: StaffMember
    senco: StaffMember
    admin: StaffMember
    other_school: School
    other_teacher: StaffMember
    other_senco: StaffMember


SMART_REPORT = {"verdict": "judged", "is_smart": True, "criteria": {}}


def target_draft(text: str = "Read 20 Year 1 common exception words aloud by February half term.") -> TargetDraft:
    """A complete target, as the dialogue would hand it over."""
    return TargetDraft(
        text=text,
        area=Area.COGNITION_AND_LEARNING,
        smart_report=SMART_REPORT,
        deadline=date(2027, 2, 12),
        step_size="small",
        teaching_strategy="Precision teaching, five words at a time",
        resources="Word cards",
        staffing="Teaching assistant",
        frequency="Daily, 10 minutes",
        success_criteria="Reads 20 of 20 words on three consecutive days",
        monitoring="Daily probe sheet",
    )


async def add_pupil_for(storage: Storage, teacher: StaffMember, name: str = "A.B.") -> Pupil:
    async with storage.write() as tx:
        return await add_pupil(
            tx,
            teacher,
            display_name=name,
            year_group="Year 4",
            class_name="4K",
            areas_of_need=[Area.COGNITION_AND_LEARNING],
        )


async def draft_with_targets(storage: Storage, author: StaffMember, pupil_id: int, count: int) -> Plan:
    """A draft plan by `author` holding `count` targets."""
    async with storage.write() as tx:
        plan = await start_plan(tx, author, pupil_id)
    version = plan.version
    for number in range(count):
        async with storage.write() as tx:
            saved = await add_target(
                tx, author, plan.id, target_draft(f"Target {number + 1}"), expected_version=version
            )
        version = saved.plan_version
    async with storage.read() as tx:
        return await tx.plans.get(plan.id)


async def approve(storage: Storage, plan: Plan, author: StaffMember, senco: StaffMember) -> Plan:
    """Submit (as author) and approve (as SENCo)."""
    async with storage.write() as tx:
        submitted = await move_plan(tx, author, plan.id, PlanStatus.SUBMITTED, expected_version=plan.version)
    async with storage.write() as tx:
        return await move_plan(tx, senco, plan.id, PlanStatus.APPROVED, expected_version=submitted.version)
