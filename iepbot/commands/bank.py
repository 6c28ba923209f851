"""`iepbot bank`: search the target bank in a teacher's own words, or show one target with its ladder."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from target_bank import Bank, BankTarget

_AREAS = (
    "communication_and_interaction",
    "cognition_and_learning",
    "social_emotional_mental_health",
    "sensory_and_physical",
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `bank search` and `bank show` to the command line."""
    parser = subparsers.add_parser("bank", help="find example SMART targets in small-step progressions")
    actions = parser.add_subparsers(dest="bank_command", required=True, metavar="ACTION")
    search = actions.add_parser("search", help="targets that match a description or a draft target")
    search.add_argument("text", help="the difficulty or your draft target, in quotes")
    search.add_argument("--area", choices=_AREAS, help="only this area of need")
    search.add_argument("--year", help='only targets for this year group, e.g. "Year 4" or Reception')
    search.add_argument("--limit", type=int, default=5, help="how many progressions to show (default 5)")
    search.set_defaults(handler=run_search)
    show = actions.add_parser("show", help="one target with its strategies and the steps either side")
    show.add_argument("id", help="the target's id, e.g. cl-phonics-cvc-blending-2")
    show.add_argument("--name", default="[pupil]", help="the pupil's name to put in the target")
    show.add_argument("--deadline", type=date.fromisoformat, help="the deadline, YYYY-MM-DD")
    show.set_defaults(handler=run_show)


def run_search(args: argparse.Namespace) -> int:
    """Print the best-matching step of each matching progression."""
    import target_bank

    bank = target_bank.load()
    try:
        hits = bank.search(args.text, area=args.area, year=args.year, limit=args.limit)
    except ValueError as error:
        print(error)
        return 2
    if not hits:
        print("No targets matched. Try other words, or leave out --area or --year.")
        return 1
    for number, hit in enumerate(hits, start=1):
        target = hit.target
        print(f"{number}. {target.id}  ({target.area.label}; {target.years.label})")
        print(f"   Skill: {target.skill}")
        print(f"   Target: {_placeholders(bank, target)}")
    print("\nShow one in full with: iepbot bank show ID")
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print one target in full, with the smaller and the next step."""
    import target_bank

    bank = target_bank.load()
    try:
        target = bank.target(args.id)
    except target_bank.UnknownTargetError as error:
        print(error)
        return 1
    deadline = args.deadline or "[deadline]"
    print(f"{target.id}: step {target.position} of {len(bank.progression(target.progression_id).steps)}")
    print(f"Area: {target.area.label} ({target.strand.replace('_', ' ')}); {target.years.label}")
    print(f"Skill: {target.skill}")
    print(f"\nTarget: {bank.render(target.id, name=args.name, deadline=deadline)}")
    print(f"Measure: {target.measure}")
    print(f"Success criteria: {target.success_criteria}")
    _print_list("Teaching strategies", target.strategies)
    _print_list("Resources", target.resources)
    print(f"Staffing: {target.staffing}")
    print(f"Frequency: {target.frequency}")
    print(f"Monitoring: {target.monitoring}")
    if target.curriculum is not None:
        curriculum = target.curriculum
        print(
            f"National Curriculum: {curriculum.subject}, {target_bank.year_label(curriculum.year)}, "
            f"{curriculum.strand}: {curriculum.statement}"
        )
    print()
    _print_neighbour(bank, "Smaller step", bank.smaller_step(target.id), "this is the first step")
    _print_neighbour(bank, "Next step", bank.next_step(target.id), "this is the last step")
    return 0


def _placeholders(bank: Bank, target: BankTarget) -> str:
    return bank.render(target.id, name="[pupil]", deadline="[deadline]")


def _print_list(title: str, items: tuple[str, ...]) -> None:
    print(f"{title}:")
    for item in items:
        print(f"  - {item}")


def _print_neighbour(bank: Bank, title: str, step: BankTarget | None, otherwise: str) -> None:
    if step is None:
        print(f"{title}: none ({otherwise})")
    else:
        print(f"{title}: {step.id}\n  {_placeholders(bank, step)}")
