"""Agreement with real targets quoted from public plans and guidance, hand-labelled by the team's rules.

`corpus/real_targets/`: the development set and the collected targets the rules were written from, and the
fresh set, collected blind from other sites, that no rule was written from. Scoring is `nlp.agreement`, the
same as `bench/checker_accuracy.py` prints.
"""

from __future__ import annotations

from datetime import date

import pytest

from nlp import SchoolCalendar, check_target
from nlp.agreement import DATA_DIR, Labelled, Score, checker, load, regex_verdicts, score
from nlp.rewrite import MEASURE_SLOT
from nlp.time_bound import suggested_deadline

TODAY = date(2026, 12, 3)
DEV = load(DATA_DIR / "dev.jsonl")
COLLECTED = load(DATA_DIR / "collected.jsonl")
HELD_OUT = load(DATA_DIR / "fresh.jsonl")
WORDING = ("specific", "measurable", "time_bound")


def _checked(targets: list[Labelled]) -> Score:
    result = score(targets, checker(TODAY))
    print("", *(f"{t.id} {criterion}: labelled {t.labels[criterion]}: {t.text}" for t, criterion, _ in result.misses))
    return result


def test_the_real_set_is_large_many_sourced_and_mostly_uk() -> None:
    everything = DEV + COLLECTED + HELD_OUT
    assert len(everything) >= 650
    assert len({target.source_group for target in everything}) >= 100
    assert len({target.id for target in everything}) == len(everything)
    assert len({target.text for target in everything}) == len(everything)


def test_the_held_out_set_shares_no_site_or_text_with_what_the_rules_were_written_from() -> None:
    seen = DEV + COLLECTED
    assert not {t.source_group for t in HELD_OUT} & {t.source_group for t in seen}
    assert not {t.text for t in HELD_OUT} & {t.text for t in seen}


@pytest.mark.parametrize("criterion", [*WORDING, "one_skill"])
def test_the_checker_agrees_with_the_development_set(criterion: str) -> None:
    result = _checked(DEV)
    assert result.agreement[criterion] >= (0.85 if criterion == "one_skill" else 0.90)


def test_the_checker_gets_all_three_right_on_most_development_targets() -> None:
    assert _checked(DEV).all_three >= 0.80


@pytest.mark.parametrize("criterion", [*WORDING, "one_skill"])
def test_on_targets_no_rule_was_written_from_the_checker_beats_a_regex(criterion: str) -> None:
    ours = _checked(HELD_OUT)
    regex = score(HELD_OUT, lambda target: regex_verdicts(target.text))
    assert ours.agreement[criterion] > regex.agreement[criterion]


@pytest.mark.parametrize("target", [t for t in DEV + COLLECTED if check_target(t.text, today=TODAY).rewrite], ids=str)
def test_every_rewrite_of_a_real_target_changes_only_whole_phrases_and_passes(target: Labelled) -> None:
    rewrite = check_target(target.text, today=TODAY).rewrite
    assert rewrite is not None
    again = check_target(rewrite, today=TODAY)
    assert all(getattr(again, criterion).met for criterion in WORDING), rewrite
    assert len(again.time_bound.evidence) == 1, f"one deadline: {rewrite}"
    phrase, _ = suggested_deadline(TODAY, SchoolCalendar())
    rest = " ".join(_words(rewrite))
    for piece in (MEASURE_SLOT, f"by {phrase}", phrase):  # the only words a rewrite may bring in
        rest = rest.replace(piece.lower(), " ")
    original = iter(_words(target.text))
    assert all(word in original for word in rest.split()), f"words invented or moved: {rewrite}"


def _words(text: str) -> list[str]:
    return [word.strip(".,;").lower() for word in text.split() if word.strip(".,;")]
