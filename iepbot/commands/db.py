"""`iepbot db`: migrate the database, list a school's pupils or what retention says is due, export or erase
one pupil."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from iepbot.commands.hints import PUPIL_ID_HELP

if TYPE_CHECKING:
    from iepbot.config import Settings
    from iepbot.storage.storage import Storage

POSTGRES_AFTER_ERASURE = (
    "PostgreSQL keeps deleted rows in its files until they are overwritten. To rewrite the tables now, in a quiet "
    "hour (it locks them): VACUUM FULL pupils, plans, targets, reviews, dialogue_states, outbox; "
    "see docs/storage.md, 'Erasure', for what remains in WAL archives and backups.\n"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `db` and its sub-commands to the command line."""
    parser = subparsers.add_parser("db", help="database: upgrade, pupils, retention, export, erase")
    actions = parser.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="apply every pending migration (take a backup first)").set_defaults(
        handler=run_upgrade
    )
    pupils = actions.add_parser("pupils", help="a school's pupils with their IDs, to export or erase one")
    pupils.add_argument("--school", required=True, metavar="S", help="the school's name or ID")
    pupils.set_defaults(handler=run_pupils)
    retention = actions.add_parser("retention", help="list pupils due for deletion under the retention period")
    retention.add_argument("--years", type=int, help="override IEPBOT_RETENTION_YEARS for this listing")
    retention.set_defaults(handler=run_retention)
    export = actions.add_parser("export", help="one pupil's data as JSON, for a subject access request")
    export.add_argument("--pupil", type=int, required=True, metavar="ID", help=PUPIL_ID_HELP)
    export.add_argument("--output", type=Path, metavar="FILE", help="write it to FILE, readable by you alone")
    export.set_defaults(handler=run_export)
    erase = actions.add_parser("erase", help="delete one pupil's data for good (the audit keeps a tombstone)")
    erase.add_argument("--pupil", type=int, required=True, metavar="ID", help=PUPIL_ID_HELP)
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    erase.set_defaults(handler=run_erase)


def run_upgrade(args: argparse.Namespace) -> int:  # noqa: ARG001 - every handler takes the parsed args
    """Migrate the configured database to the newest revision."""
    from iepbot.config import load_settings
    from iepbot.storage.engine import create_engine
    from iepbot.storage.migrate import current_revision, upgrade

    settings = load_settings()
    warn_if_readable(settings)

    async def migrate() -> str | None:
        _ensure_sqlite_file(settings)
        engine = create_engine(settings.effective_database_url)
        try:
            await upgrade(engine)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    revision = asyncio.run(migrate())
    sys.stdout.write(f"Database is at revision {revision}.\n")
    return 0


def run_pupils(args: argparse.Namespace) -> int:
    """Print a school's pupils, one a line: the ID the other commands take, the name the school knows."""
    from iepbot.config import load_settings
    from iepbot.domain.actors import OPERATOR
    from iepbot.domain.privacy import pupils_of_school

    async def listing(storage: Storage) -> int:
        async with storage.read() as tx:
            school, pupils = await pupils_of_school(tx, OPERATOR, args.school)
        for pupil in pupils:
            sys.stdout.write(f"pupil {pupil.id}\t{pupil.display_name}\t{pupil.year_group}\n")
        sys.stdout.write(f"{len(pupils)} pupil(s) at {school.name} (school {school.id}).\n")
        return 0

    return with_storage(load_settings(), listing)


def run_retention(args: argparse.Namespace) -> int:
    """Print the pupils whose data has been untouched for longer than the retention period."""
    from iepbot.config import load_settings
    from iepbot.domain.privacy import due_for_deletion

    settings = load_settings()
    years: int = args.years or settings.retention_years

    async def listing(storage: Storage) -> int:
        async with storage.read() as tx:
            due = await due_for_deletion(tx, retention_years=years)
        for candidate in due:
            sys.stdout.write(
                f"pupil {candidate.pupil_id}\tschool {candidate.school_id}\t"
                f"last activity {candidate.last_activity.date().isoformat()}\n"
            )
        sys.stdout.write(f"{len(due)} pupil(s) untouched for {years} year(s) or more.\n")
        return 0

    return with_storage(settings, listing)


def run_export(args: argparse.Namespace) -> int:
    """Write one pupil's data to standard output as JSON."""
    from iepbot.config import load_settings
    from iepbot.domain.actors import OPERATOR
    from iepbot.domain.privacy import export_pupil
    from iepbot.storage.files import write_private_file

    async def export(storage: Storage) -> int:
        async with storage.write() as tx:  # a write: the export itself is audited
            document = await export_pupil(tx, OPERATOR, args.pupil)
        exported = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if args.output is None:
            sys.stdout.write(exported)
        else:
            write_private_file(args.output, exported.encode("utf-8"))
            sys.stdout.write(f"Pupil {args.pupil}'s data is in {args.output} (readable by you alone).\n")
        return 0

    return with_storage(load_settings(), export)


def run_erase(args: argparse.Namespace) -> int:
    """Erase one pupil, after an explicit --yes."""
    from iepbot.config import load_settings
    from iepbot.domain.actors import OPERATOR
    from iepbot.domain.privacy import erase_pupil

    if not args.yes:
        sys.stderr.write("Erasure cannot be undone. Export first if needed, then run again with --yes.\n")
        return 2

    async def erase(storage: Storage) -> int:
        async with storage.write() as tx:
            await erase_pupil(tx, OPERATOR, args.pupil)
        await storage.scrub()
        sys.stdout.write(f"Pupil {args.pupil} and all their plans have been erased.\n")
        if storage.dialect == "postgresql":
            sys.stdout.write(POSTGRES_AFTER_ERASURE)
        return 0

    return with_storage(load_settings(), erase)


def with_storage(settings: Settings, action: Callable[[Storage], Awaitable[int]]) -> int:
    """Open storage, run `action`, close; a domain error becomes a message and exit code 1."""
    from iepbot.domain.errors import DomainError
    from iepbot.storage.opening import StorageNotReadyError, open_storage

    warn_if_readable(settings)

    async def main() -> int:
        storage = await open_storage(settings)
        try:
            return await action(storage)
        finally:
            await storage.close()

    try:
        return asyncio.run(main())
    except (DomainError, StorageNotReadyError) as error:
        sys.stderr.write(f"{error}\n")
        return 1


def _ensure_sqlite_file(settings: Settings) -> None:
    """SQLite creates the file but not its directory, and would make the file readable by everyone."""
    from iepbot.storage.files import private_sqlite_file
    from iepbot.storage.opening import sqlite_file

    database = sqlite_file(settings.effective_database_url)
    if database is not None:
        private_sqlite_file(database)


def warn_if_readable(settings: Settings) -> None:
    """One line on standard error when an existing SQLite database (made by hand, or by an older
    version) can be read by other local users; the command (or `iepbot run`) still runs."""
    from iepbot.storage.files import readable_by_others
    from iepbot.storage.opening import sqlite_file

    database = sqlite_file(settings.effective_database_url)
    warning = readable_by_others(database) if database is not None else None
    if warning is not None:
        sys.stderr.write(warning)
