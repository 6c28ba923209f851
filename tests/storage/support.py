"""Test support for storage: backends, a hand-moved clock, and the cast of staff most tests use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from iepbot.domain.records import School, StaffMember
from iepbot.storage.engine import create_engine

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
NO_POSTGRES = "TEST_DATABASE_URL is not set, so the PostgreSQL storage tests were not run"


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
