"""Storage benchmark: plans saved per second and the "my plans" query with 10,000 pupils.

Each figure is printed with a ratio against a reference measured in the same run on the same engine:
saves against a raw-SQL UPDATE of the same row in its own transaction, the query against a bare
`SELECT 1` round trip. Runs on SQLite always and on PostgreSQL when --postgres (or TEST_DATABASE_URL)
names a server; PostgreSQL data goes into a throw-away schema that is dropped at the end.

    .venv/bin/python bench/storage.py [--pupils 10000] [--saves 300] [--queries 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from iepbot.domain.enums import PlanStatus, Role
from iepbot.domain.plans import edit_plan, my_plans
from iepbot.domain.records import PlanField, StaffMember
from iepbot.storage.engine import create_engine
from iepbot.storage.migrate import upgrade
from iepbot.storage.models import PlanRow, PupilAccessRow, PupilRow, SchoolRow, StaffRow
from iepbot.storage.storage import Storage
from nlp.areas import Area

TEACHERS = 50


async def _timed(action: Callable[[], Awaitable[Any]], repeat: int) -> list[float]:
    """Seconds taken by each of `repeat` awaited calls, after two warm-up calls."""
    for _ in range(2):
        await action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        await action()
        samples.append(time.perf_counter() - start)
    return samples


async def _seed(storage: Storage, pupils: int) -> list[StaffMember]:
    """One school, TEACHERS teachers, `pupils` pupils with one draft plan each; every tenth pupil shared."""
    now = storage.clock()
    async with storage.write() as tx:
        session = tx.session
        await session.execute(insert(SchoolRow), [{"name": "Bench School", "term_dates": {}, "created_at": now}])
        await session.execute(
            insert(StaffRow),
            [
                {"school_id": 1, "telegram_user_id": n, "name": f"Teacher {n}", "role": Role.TEACHER, "created_at": now}
                for n in range(1, TEACHERS + 1)
            ],
        )
        await session.execute(
            insert(PupilRow),
            [
                {
                    "school_id": 1,
                    "teacher_id": n % TEACHERS + 1,
                    "display_name": f"P{n:05d}",
                    "year_group": f"Year {n % 11 + 1}",
                    "class_name": "X",
                    "areas_of_need": [Area.COGNITION_AND_LEARNING.value],
                    "created_at": now,
                    "last_activity_at": now,
                }
                for n in range(1, pupils + 1)
            ],
        )
        await session.execute(
            insert(PupilAccessRow),
            [{"pupil_id": n, "staff_id": (n // 10 + 1) % TEACHERS + 1} for n in range(10, pupils + 1, 10)],
        )
        await session.execute(
            insert(PlanRow),
            [
                {
                    "pupil_id": n,
                    "author_id": n % TEACHERS + 1,
                    "status": PlanStatus.DRAFT,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(1, pupils + 1)
            ],
        )
        staff = [await tx.staff.get(n) for n in range(1, TEACHERS + 1)]
    if storage.dialect == "postgresql":
        async with storage.engine.connect() as connection:
            await connection.execute(text("COMMIT"))
            await connection.execute(text("ANALYZE"))
    return staff


async def _measure(storage: Storage, pupils: int, saves: int, queries: int) -> dict[str, float]:
    staff = await _seed(storage, pupils)
    teacher = staff[0]  # teaches the pupils (and plans) whose id is a multiple of TEACHERS
    plan_ids = list(range(TEACHERS, pupils + 1, TEACHERS))
    versions = dict.fromkeys(plan_ids, 1)
    counter = iter(range(10**9))

    async def service_save() -> None:
        plan_id = plan_ids[next(counter) % len(plan_ids)]
        async with storage.write() as tx:
            saved = await edit_plan(
                tx, teacher, plan_id, expected_version=versions[plan_id], field=PlanField.PUPIL_VOICE, value="x"
            )
        versions[plan_id] = saved.version

    async def raw_save() -> None:
        plan_id = plan_ids[next(counter) % len(plan_ids)]
        async with storage.write() as tx:
            await tx.session.execute(
                text("UPDATE plans SET pupil_voice = 'y', version = version + 1 WHERE id = :id"), {"id": plan_id}
            )
        versions[plan_id] += 1

    async def list_plans() -> None:
        async with storage.read() as tx:
            await my_plans(tx, teacher)

    async def select_one() -> None:
        async with storage.read() as tx:
            await tx.session.execute(text("SELECT 1"))

    service = await _timed(service_save, saves)
    raw = await _timed(raw_save, saves)
    listing = await _timed(list_plans, queries)
    ping = await _timed(select_one, queries)
    async with storage.read() as tx:
        listed = len(await my_plans(tx, teacher))
    return {
        "plans_listed": listed,
        "saves_per_s": saves / sum(service),
        "raw_saves_per_s": saves / sum(raw),
        "list_median_ms": statistics.median(listing) * 1000,
        "list_p95_ms": statistics.quantiles(listing, n=20)[18] * 1000,
        "ping_median_ms": statistics.median(ping) * 1000,
        "ping_p95_ms": statistics.quantiles(ping, n=20)[18] * 1000,
    }


def _report(name: str, pupils: int, figures: dict[str, float]) -> None:
    f = figures
    lines = [
        f"{name}: {pupils} pupils, {TEACHERS} teachers; the teacher's list holds {int(f['plans_listed'])} plans",
        f"  plan saves (edit_plan, one transaction each): {f['saves_per_s']:.0f}/s "
        f"= {f['saves_per_s'] / f['raw_saves_per_s']:.2f} x raw-SQL UPDATE ({f['raw_saves_per_s']:.0f}/s)",
        f"  my plans: median {f['list_median_ms']:.2f} ms = {f['list_median_ms'] / f['ping_median_ms']:.1f} x "
        f"SELECT 1 ({f['ping_median_ms']:.2f} ms)",
        f"  my plans: p95 {f['list_p95_ms']:.2f} ms = {f['list_p95_ms'] / f['ping_p95_ms']:.1f} x "
        f"SELECT 1 p95 ({f['ping_p95_ms']:.2f} ms)",
    ]
    sys.stdout.write("\n" + "\n".join(lines) + "\n")


async def _sqlite(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await upgrade(engine)
        storage = Storage(engine)
        try:
            _report(
                "SQLite (aiosqlite, WAL)", args.pupils, await _measure(storage, args.pupils, args.saves, args.queries)
            )
        finally:
            await storage.close()


async def _postgres(args: argparse.Namespace, url: str) -> None:
    schema = f"iepbot_bench_{secrets.token_hex(6)}"
    admin = create_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"server_settings": {"search_path": schema}})
    try:
        await upgrade(engine)
        storage = Storage(engine)
        _report("PostgreSQL (asyncpg)", args.pupils, await _measure(storage, args.pupils, args.saves, args.queries))
        await storage.close()
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pupils", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL"), help="postgresql+asyncpg:// URL")
    args = parser.parse_args()
    asyncio.run(_sqlite(args))
    if args.postgres:
        asyncio.run(_postgres(args, args.postgres))
    else:
        sys.stdout.write("\nPostgreSQL: not measured (give --postgres URL or set TEST_DATABASE_URL)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
