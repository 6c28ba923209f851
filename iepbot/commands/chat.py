"""`iepbot chat`: the bot's dialogue in the terminal, as a teacher (or SENCo) of a demo school."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from types import FrameType


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `chat` to the command line."""
    parser = subparsers.add_parser("chat", help="try the bot in the terminal, as a teacher of a demo school")
    parser.add_argument("--as", dest="role", choices=["teacher", "senco"], default="teacher", help="who you are")
    parser.set_defaults(handler=run_chat)


def run_chat(args: argparse.Namespace) -> int:
    """Open the configured storage (SQLite in the data dir by default) and talk until end of input."""
    from iepbot.bot import open_parts
    from iepbot.config import load_settings
    from iepbot.console import Console, demo_member
    from iepbot.domain.enums import Role
    from iepbot.storage.opening import StorageNotReadyError

    settings = load_settings()

    async def talk() -> None:
        parts = await open_parts(settings)
        try:
            member = await demo_member(parts.storage, Role(args.role))
            await Console(parts.dialogue, member, sys.stdout.write).run(sys.stdin)
        except KeyboardInterrupt:
            pass  # Ctrl+C: close the storage below, uncancelled, so no connection is left half-closed
        finally:
            await parts.close()

    signal.signal(signal.SIGINT, _interrupt)
    try:
        asyncio.run(talk())
    except StorageNotReadyError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except KeyboardInterrupt:
        pass
    sys.stdout.write("\nBye. Everything you answered is saved: run `iepbot chat` again to carry on.\n")
    return 0


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    """Ctrl+C as a plain KeyboardInterrupt where the terminal waits for a line.

    asyncio.run's own handler would instead cancel the chat's task, so closing the storage was itself
    cancelled ("Exception closing connection … CancelledError"); a handler of our own makes it stand aside.
    """
    raise KeyboardInterrupt
