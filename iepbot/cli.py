"""The `iepbot` command line: a thin dispatcher; each sub-command lives in `iepbot.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from iepbot.errors import ConfigError

# Each module has `register(subparsers)`; imported lazily so `iepbot check` stays quick to start.
_COMMAND_MODULES: tuple[str, ...] = (
    "iepbot.commands.check",
    "iepbot.commands.db",
    "iepbot.commands.bank",
    "iepbot.commands.invite",
    "iepbot.commands.school",
    "iepbot.commands.run",
    "iepbot.commands.chat",
    "iepbot.commands.export",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(prog="iepbot", description="IEP target assistant for schools in England.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in _COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen sub-command; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        exit_code: int = args.handler(args)
    except ConfigError as error:  # any command: a bad setting is one line, not a traceback
        sys.stderr.write(f"{error}\n")
        return 2
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
