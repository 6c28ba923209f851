"""`iepbot school set`: how often a school reviews its plans and meets parents (the reminders follow it)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iepbot.domain.records import School


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `school set` to the command line."""
    parser = subparsers.add_parser("school", help="a school's settings: reviews and parents' meetings a year")
    actions = parser.add_subparsers(dest="school_command", required=True, metavar="ACTION")
    change = actions.add_parser(
        "set",
        help="change how often plans are reviewed and parents met",
        description="The guidance asks for at least 2 reviews and 3 parents' meetings a year; a school may hold more.",
    )
    change.add_argument("school", metavar="SCHOOL", help="the school's exact name")
    change.add_argument("--reviews-per-year", type=int, metavar="N", help="2 to 12 (default 2)")
    change.add_argument("--parent-meetings-per-year", type=int, metavar="N", help="3 to 12 (default 3)")
    change.set_defaults(handler=run_set)


def run_set(args: argparse.Namespace) -> int:
    """Change the school's settings as the operator and print them."""
    from iepbot.config import load_settings
    from iepbot.domain.errors import DomainError
    from iepbot.domain.schools import set_meetings
    from iepbot.storage.opening import StorageNotReadyError, open_storage

    settings = load_settings()

    async def change() -> School:
        storage = await open_storage(settings)
        try:
            async with storage.write() as tx:
                return await set_meetings(
                    tx,
                    name=args.school,
                    reviews_per_year=args.reviews_per_year,
                    parent_meetings_per_year=args.parent_meetings_per_year,
                )
        finally:
            await storage.close()

    try:
        school = asyncio.run(change())
    except (DomainError, StorageNotReadyError) as error:
        sys.stderr.write(f"{error}\n")
        return 1
    sys.stdout.write(
        f"School:                   {school.name} (id {school.id})\n"
        f"Reviews a year:           {school.reviews_per_year}\n"
        f"Parents' meetings a year: {school.parent_meetings_per_year}\n"
    )
    return 0
