"""Draws each flow's table as a Mermaid state diagram, so the picture in `docs/flows/` cannot drift.

`python -m iepbot.dialogue.diagram` rewrites `docs/flows/<flow>.mmd` from the flow definitions;
`--check` only reports (exit 1) a diagram that is out of date, as the test suite does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iepbot.dialogue.drafting.flow import NEW_PLAN
from iepbot.dialogue.reviewing.flow import REVIEW
from iepbot.dialogue.revising.flow import REVISE_PLAN
from iepbot.dialogue.senco.flows import RETURN_PLAN, STAFF
from iepbot.dialogue.steps import Flow

FLOWS: tuple[Flow, ...] = (NEW_PLAN, REVISE_PLAN, RETURN_PLAN, STAFF, REVIEW)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "flows"


def mermaid(flow: Flow) -> str:
    """The flow as `stateDiagram-v2`: its first step, every move a step may make, and where it ends."""
    lines = [
        f"%% Generated from the {flow.name} flow's table by `python -m iepbot.dialogue.diagram`: do not edit.",
        "%% Everywhere: /cancel parks the flow, /back returns to the previous question, /resume brings one back.",
        "stateDiagram-v2",
        f"    [*] --> {flow.first}",
    ]
    for step in flow.steps.values():
        lines.extend(f"    {step.name} --> {target}" for target in step.goes_to)
        if step.finishes:
            lines.append(f"    {step.name} --> [*]")
    per_target = [step.name for step in flow.steps.values() if step.per_target]
    if per_target:
        lines.append("    classDef perTarget fill:#e8f0fe,stroke:#4a6fa5")
        lines.append(f"    class {','.join(per_target)} perTarget")
    return "\n".join(lines) + "\n"


def diagram_path(flow: Flow, folder: Path = DOCS) -> Path:
    return folder / f"{flow.name}.mmd"


def stale(folder: Path = DOCS) -> list[Path]:
    """The diagrams in `folder` that differ from what the flow tables draw (missing ones included)."""
    return [
        diagram_path(flow, folder)
        for flow in FLOWS
        if not diagram_path(flow, folder).is_file()
        or diagram_path(flow, folder).read_text(encoding="utf-8") != mermaid(flow)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report diagrams that are out of date")
    parser.add_argument("--out", type=Path, default=DOCS, help="the folder of the .mmd files")
    args = parser.parse_args(argv)
    if args.check:
        out_of_date = stale(args.out)
        for path in out_of_date:
            sys.stderr.write(f"{path} is out of date: run python -m iepbot.dialogue.diagram\n")
        return 1 if out_of_date else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for flow in FLOWS:
        diagram_path(flow, args.out).write_text(mermaid(flow), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
