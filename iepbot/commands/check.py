"""`iepbot check`: SMART feedback on a target's wording, readable or as JSON (one report or a JSONL stream)."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from nlp import SmartReport

_NO_TEXT = 'a JSON object needs a "text" key holding the target as a string'
_MARKS = {True: "✓", False: "✗", None: "?"}
_NAMES = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check` to the command line."""
    parser = subparsers.add_parser("check", help="check whether a drafted IEP target is SMART")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("text", nargs="?", help="the target, in quotes")
    source.add_argument("--jsonl", metavar="FILE", help="check one target per line of FILE ('-' for stdin)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--today", type=date.fromisoformat, help="resolve deadlines as if today were YYYY-MM-DD")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the text given, or every line of a JSONL file."""
    from nlp import check_target

    if args.jsonl is not None:
        try:
            stream = _opened(args.jsonl)
        except OSError as error:
            sys.stderr.write(f"iepbot check: can't read {args.jsonl}: {error.strerror or error}\n")
            return 2
        with stream:
            for number, text in enumerate(_jsonl_inputs(stream), start=1):
                if text is None:
                    print(json.dumps({"line": number, "error": _NO_TEXT}), flush=False)
                    continue
                report = check_target(text, today=args.today)
                print(json.dumps(report.to_dict(), ensure_ascii=False), flush=False)
        return 0
    report = check_target(args.text, today=args.today)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else readable(report))
    return 0


def _opened(path: str) -> TextIO:
    """The JSONL input; bytes that are not UTF-8 become U+FFFD, so one bad byte costs one character, not the run."""
    if path == "-":
        if isinstance(sys.stdin, io.TextIOWrapper):
            sys.stdin.reconfigure(errors="replace")
        return sys.stdin
    return open(path, encoding="utf-8", errors="replace")


def _jsonl_inputs(stream: TextIO) -> Iterator[str | None]:
    """Each line is a target: plain text, or a JSON object with a "text" key (None for an object without one)."""
    for line in stream:
        line = line.rstrip("\r\n")
        yield _text_of(line)


def _text_of(line: str) -> str | None:
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError:
        return line
    if isinstance(value, dict):
        text = value.get("text")
        return text if isinstance(text, str) else None
    return line


def readable(report: SmartReport) -> str:
    """One line per criterion, then the suggested rewrite: what a teacher reads at a glance."""
    lines = [report.message]
    for criterion in report.criteria:
        line = f"  {_MARKS[criterion.met]} {_NAMES[criterion.name]:<11} {criterion.message}"
        if criterion.suggestion:
            line += f" → {criterion.suggestion}"
        lines.append(line)
    lines.extend(f"  • {finding.message}" for finding in report.findings)
    if report.rewrite:
        lines.append(f"Suggested rewrite: {report.rewrite}")
    return "\n".join(lines)
