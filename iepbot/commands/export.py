"""`iepbot export PLAN_ID`: a plan as a printable HTML page or a Word document, written to a private file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from iepbot.commands.hints import PUPIL_ID_HELP

if TYPE_CHECKING:
    from iepbot.storage.storage import Storage


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export` to the command line."""
    parser = subparsers.add_parser(
        "export",
        help="write a plan as a printable HTML page or a Word document",
        description="Write a plan as a printable HTML page or a Word document (readable only by you: mode 0600).",
    )
    parser.add_argument("plan_id", type=int, metavar="PLAN_ID")
    parser.add_argument("--format", choices=["html", "docx"], default="docx", help="the file format (default docx)")
    parser.add_argument("--parent", action="store_true", help="the parent version: plain words, no staff-only notes")
    parser.add_argument(
        "--pupil", type=int, metavar="ID", help=f"on a group plan: the pupil whose document this is ({PUPIL_ID_HELP})"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="where to write (default: the file's own name here)")
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Render the plan as the operator and write it 0600; print where it went."""
    from iepbot.commands.db import with_storage
    from iepbot.config import load_settings
    from iepbot.documents.plan_files import PlanFiles, PlanFormat
    from iepbot.documents.plan_view import Audience
    from iepbot.domain.actors import OPERATOR
    from iepbot.domain.documents import plan_document
    from iepbot.storage.files import write_private_file

    async def export(storage: Storage) -> int:
        async with storage.write() as tx:  # a write: making the document is audited
            document = await plan_document(tx, OPERATOR, args.plan_id, pupil_id=args.pupil)
        audience = Audience.PARENT if args.parent else Audience.STAFF
        made = PlanFiles().make(document, PlanFormat(args.format), audience)
        out: Path = args.out or Path(made.filename)
        write_private_file(out, made.data)
        sys.stdout.write(f"Wrote {out} ({len(made.data):,} bytes, readable only by you).\n")
        return 0

    return with_storage(load_settings(), export)
