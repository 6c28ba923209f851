"""How far the checker agrees with hand-labelled real targets, scored by the labelling rules' own definitions.

The labels (`corpus/real_targets/`, rules in its LABELLING.md) judge each criterion on its own:
Specific is `observable_verb`; Measurable is `measurable`; Time-bound is `time_bound`, scored without the items
that are time-bound only through a blank ("by [date]"), and a stated deadline that has passed counts as stated;
the several-skills finding is scored against `one_skill`. The bench script and the tests share this scoring, so
the figures in the README are the ones the tests hold.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nlp.report import FindingCode, SmartReport

DATA_DIR = Path(__file__).parents[1] / "corpus" / "real_targets"
CRITERIA = ("specific", "measurable", "time_bound", "one_skill")
LABEL_OF = {
    "specific": "observable_verb",
    "measurable": "measurable",
    "time_bound": "time_bound",
    "one_skill": "one_skill",
}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One real target with its labels."""

    id: str
    text: str
    source: str
    labels: dict[str, bool]
    deadline_kind: str

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Labelled:
        return cls(
            row["id"],
            row["text"],
            row["source"],
            {name: bool(row[label]) for name, label in LABEL_OF.items()},
            row["deadline_kind"],
        )

    @property
    def source_group(self) -> str:
        """The site (or repository) a target came from: targets from one site share a writer's habits."""
        parts = urlsplit(self.source)
        if parts.netloc:
            host = parts.netloc.lower().removeprefix("www.")
            return host if host != "sites.google.com" else host + "/" + parts.path.strip("/").split("/")[0]
        return self.source.split(":")[0].split(" ")[0]

    def scored(self, criterion: str) -> bool:
        """Whether this target counts for a criterion (Time-bound leaves out targets dated only by a blank)."""
        return not (criterion == "time_bound" and self.deadline_kind == "placeholder")


def load(path: Path) -> list[Labelled]:
    """A JSONL file of labelled targets."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Labelled.from_dict(json.loads(line)) for line in lines if line.strip()]


def second_half(target: Labelled) -> bool:
    """The half of the collected targets (by a hash of the source site) that was held out until 2026-12-03.

    Its misses were read once the rules were frozen that day and rules have been written from them since, so it
    is tuning data now: `fresh.jsonl`, collected blind from yet other sites, is the held-out set.
    """
    return hashlib.sha256(target.source_group.encode()).digest()[0] % 2 == 1


Verdicts = dict[str, bool]


def checker_verdicts(report: SmartReport) -> Verdicts:
    """The checker's answer to each labelled question."""
    return {
        "specific": report.specific.met is True,
        "measurable": report.measurable.met is True,
        "time_bound": report.time_bound.met is True,
        "one_skill": FindingCode.SEVERAL_SKILLS not in {finding.code for finding in report.findings},
    }


_VAGUE = re.compile(
    r"\b(understand|know|learn|improve|increase|develop|aware|confiden\w*|appreciate|enjoy|feel|try|work on|"
    r"begin to|demonstrate|maintain|be (more|better|calmer))\b",
    re.IGNORECASE,
)
_MEASURE = re.compile(
    r"\d+\s*(%|percent|out of|of \d+|/\d+)|\b\d+\s+\w+|independently|without (adult )?(prompt|support|help)",
    re.IGNORECASE,
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DEADLINE = re.compile(
    rf"\b(by|before|within|in|end of|over the next|until)\b[^.]*\b({_MONTHS}|term|half term|christmas|easter|"
    r"summer|weeks?|months?|year|review|iep|\d{1,2}/\d{1,2})",
    re.IGNORECASE,
)


_TWO_ACTIONS = re.compile(r",? and (then )?(to )?[a-z]+ (the|a|an|his|her|their|\d+)\b", re.IGNORECASE)


def regex_verdicts(text: str) -> Verdicts:
    """A ten-line regular-expression baseline: what the checker has to beat to be worth its rules."""
    return {
        "specific": not _VAGUE.search(text),
        "measurable": bool(_MEASURE.search(text)),
        "time_bound": bool(_DEADLINE.search(text)),
        "one_skill": not _TWO_ACTIONS.search(text),
    }


@dataclass(frozen=True, slots=True)
class Score:
    """Agreement per criterion and on all three SMART wording criteria at once."""

    n: int
    agreement: dict[str, float]
    all_three: float
    misses: tuple[tuple[Labelled, str, bool], ...]  # (target, criterion, what was answered)


def score(targets: Sequence[Labelled], verdicts: Callable[[Labelled], Verdicts]) -> Score:
    """Agreement of `verdicts` with the labels over `targets`."""
    right = dict.fromkeys(CRITERIA, 0)
    counted = dict.fromkeys(CRITERIA, 0)
    all_right = 0
    misses: list[tuple[Labelled, str, bool]] = []
    for target in targets:
        answered = verdicts(target)
        wrong = False
        for criterion in CRITERIA:
            if not target.scored(criterion):
                continue
            counted[criterion] += 1
            if answered[criterion] == target.labels[criterion]:
                right[criterion] += 1
            else:
                misses.append((target, criterion, answered[criterion]))
                wrong = wrong or criterion != "one_skill"
        all_right += not wrong
    agreement = {criterion: right[criterion] / counted[criterion] for criterion in CRITERIA if counted[criterion]}
    return Score(len(targets), agreement, all_right / len(targets) if targets else 0.0, tuple(misses))


def checker(today: date) -> Callable[[Labelled], Verdicts]:
    """Verdicts of `nlp.check_target` with today fixed."""
    from nlp.checker import check_target

    return lambda target: checker_verdicts(check_target(target.text, today=today))


def by_group(targets: Iterable[Labelled]) -> dict[str, list[Labelled]]:
    """Targets grouped by source site."""
    groups: dict[str, list[Labelled]] = {}
    for target in targets:
        groups.setdefault(target.source_group, []).append(target)
    return groups
