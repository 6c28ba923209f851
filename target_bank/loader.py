"""Reads the area data files, checks them against the schema and the bank's rules, builds the records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from nlp.areas import Area
from target_bank.errors import BankFileError, Problem
from target_bank.model import BankTarget, Curriculum, Progression, YearRange, area_prefix
from target_bank.schema import AreaFile, CurriculumEntry, ProgressionEntry, StepEntry

# Literacy and numeracy strands must name the National Curriculum statement they serve; others must not.
CURRICULUM_STRANDS = frozenset({"reading", "phonics", "spelling", "writing", "handwriting", "number", "calculation"})
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataFile = Traversable | Path


def read_progressions(files: Iterable[DataFile]) -> tuple[Progression, ...]:
    """Every progression in the files, in file order; raises BankFileError listing every problem."""
    problems: list[Problem] = []
    progressions: list[Progression] = []
    first_seen: dict[str, str] = {}
    for file in files:
        parsed = _parse(file, problems)
        if parsed is None:
            continue
        area = _check_area(file.name, parsed, problems)
        for entry in parsed.progressions:
            found = _check_progression(file.name, area, entry, first_seen, problems)
            if found and area is not None:
                progressions.append(_build(area, entry))
    if problems:
        raise BankFileError(problems)
    return tuple(progressions)


def _parse(file: DataFile, problems: list[Problem]) -> AreaFile | None:
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "the file"
        problems.append(Problem(file.name, where, "-", f"not valid YAML ({getattr(error, 'problem', error)})"))
        return None
    try:
        return AreaFile.model_validate(raw)
    except ValidationError as error:
        problems.extend(_describe(file.name, raw, error))
        return None


def _describe(file: str, raw: Any, error: ValidationError) -> list[Problem]:
    """Turn pydantic's locations into "progression 'x', step 'x-2', field 'target'"."""
    found = []
    for detail in error.errors():
        entry, field, model = _locate(raw, detail["loc"])
        if detail["type"] == "missing":
            message = "required field is missing"
        elif detail["type"] == "extra_forbidden":
            message = f"unknown key (allowed: {', '.join(model.model_fields)})"
        else:
            message = detail["msg"]
        found.append(Problem(file, entry, field, message))
    return found


def _locate(raw: Any, loc: Sequence[int | str]) -> tuple[str, str, type[BaseModel]]:
    """The entry (progression/step by id), the field and the schema model a pydantic location points at."""
    entry, node, path = "the file", raw, list(loc)
    model: type[BaseModel] = AreaFile
    for kind, container, child in (("progression", "progressions", ProgressionEntry), ("step", "steps", StepEntry)):
        if len(path) < 2 or path[0] != container or not isinstance(path[1], int):
            break
        node = node[container][path[1]] if _indexable(node, container, path[1]) else None
        name = node.get("id") if isinstance(node, dict) else None
        label = f"{kind} {name!r}" if isinstance(name, str) else f"{kind} number {path[1] + 1}"
        entry = label if entry == "the file" else f"{entry}, {label}"
        model, path = child, path[2:]
    if len(path) > 1 and path[0] == "curriculum":
        model = CurriculumEntry
    return entry, ".".join(str(part) for part in path) or "-", model


def _indexable(node: Any, container: str, index: int) -> bool:
    return isinstance(node, dict) and isinstance(node.get(container), list) and index < len(node[container])


def _check_area(file: str, parsed: AreaFile, problems: list[Problem]) -> Area | None:
    stem = file.removesuffix(".yaml")
    if parsed.area not in Area.__members__.values():
        known = ", ".join(area.value for area in Area)
        problems.append(Problem(file, "the file", "area", f"{parsed.area!r} is not an area (use one of {known})"))
        return None
    if parsed.area != stem:
        problems.append(Problem(file, "the file", "area", f"{parsed.area!r} must equal the file name {stem!r}"))
        return None
    return Area(parsed.area)


def _check_progression(
    file: str, area: Area | None, entry: ProgressionEntry, first_seen: dict[str, str], problems: list[Problem]
) -> bool:
    """The rules that span fields: ids, year order, curriculum, step order; True when all hold."""
    before = len(problems)

    def problem(field: str, message: str, step: str | None = None) -> None:
        where = f"progression {entry.id!r}" + (f", step {step!r}" if step else "")
        problems.append(Problem(file, where, field, message))

    def unique(identifier: str, step: str | None = None) -> None:
        if identifier in first_seen:
            problem("id", f"duplicate id {identifier!r} (first used in {first_seen[identifier]})", step)
        first_seen.setdefault(identifier, file)

    if area is not None and not entry.id.startswith(area_prefix(area)):
        problem("id", f"must start with {area_prefix(area)!r} in this area")
    unique(entry.id)
    if entry.years[0] > entry.years[1]:
        problem("years", "the first year must not come after the last")
    if entry.strand in CURRICULUM_STRANDS and entry.curriculum is None:
        problem("curriculum", f"required for the {entry.strand!r} strand (literacy and numeracy)")
    if entry.strand not in CURRICULUM_STRANDS and entry.curriculum is not None:
        problem("curriculum", f"only literacy and numeracy strands have one, not {entry.strand!r}")
    targets: set[str] = set()
    for position, step in enumerate(entry.steps, start=1):
        expected = f"{entry.id}-{position}"
        if step.id != expected:
            problem("id", f"step {position} must have id {expected!r}", step.id)
        unique(step.id, step.id)
        if not step.target.startswith("{name} will ") or not step.target.endswith(" by {deadline}."):
            problem("target", 'must start "{name} will " and end " by {deadline}."', step.id)
        if step.target in targets:
            problem("target", "repeats an earlier step of this progression", step.id)
        targets.add(step.target)
    return len(problems) == before


def _build(area: Area, entry: ProgressionEntry) -> Progression:
    years = YearRange(entry.years[0], entry.years[1])
    curriculum = (
        Curriculum(entry.curriculum.year, entry.curriculum.subject, entry.curriculum.strand, entry.curriculum.statement)
        if entry.curriculum
        else None
    )
    steps = tuple(
        BankTarget(
            id=step.id,
            progression_id=entry.id,
            position=position,
            area=area,
            skill=entry.skill,
            strand=entry.strand,
            years=years,
            curriculum=curriculum,
            target=step.target,
            measure=step.measure,
            strategies=tuple(step.strategies),
            resources=tuple(step.resources),
            staffing=step.staffing,
            frequency=step.frequency,
            success_criteria=step.success_criteria,
            monitoring=step.monitoring,
        )
        for position, step in enumerate(entry.steps, start=1)
    )
    return Progression(entry.id, area, entry.skill, entry.strand, years, curriculum, steps)
