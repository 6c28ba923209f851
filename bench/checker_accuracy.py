"""How often the SMART checker agrees with hand-labelled real targets, beside a ten-line regex baseline.

Run: python bench/checker_accuracy.py [--misses dev|collected] [--today YYYY-MM-DD]
Reads corpus/real_targets/ (see its README): the development set the rules were tuned on; the collected targets
from other public sources, in the two halves by source site that were tuned on and held out until 2026-12-03
(rules have been written from both since); the fresh set, collected blind from yet other sites and never read,
the held-out figures; and a source-grouped cross-validation over everything (five folds by site: the rules are not
fitted per fold, so the folds show how much agreement varies from one group of sources to another).
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from datetime import date

from nlp.agreement import CRITERIA, DATA_DIR, Labelled, by_group, checker, load, regex_verdicts, score, second_half

_NAMES = {"specific": "specific", "measurable": "measurable", "time_bound": "time-bound", "one_skill": "one skill"}
_FOLDS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", choices=["dev", "collected"], help="print each disagreement on this set")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 12, 3))
    args = parser.parse_args()

    dev = load(DATA_DIR / "dev.jsonl")
    collected = load(DATA_DIR / "collected.jsonl")
    fresh = load(DATA_DIR / "fresh.jsonl")
    tuning = [target for target in collected if not second_half(target)]
    read_later = [target for target in collected if second_half(target)]
    ours = checker(args.today)
    baseline = lambda target: regex_verdicts(target.text)  # noqa: E731
    sets = [
        ("dev (tuned on)", dev),
        ("collected, tuning half", tuning),
        ("collected, held out to 12-03", read_later),
        ("fresh, held out", fresh),
    ]
    print(f"{'set':<36} {'n':>4}  {'':<8} " + " ".join(f"{_NAMES[c]:>11}" for c in CRITERIA) + f" {'all three':>10}")
    for name, targets in sets:
        groups = len(by_group(targets))
        for who, verdicts in (("checker", ours), ("regex", baseline)):
            result = score(targets, verdicts)
            cells = " ".join(f"{result.agreement[c] * 100:>10.1f}%" for c in CRITERIA)
            label = f"{name} ({groups} sites)" if who == "checker" else ""
            print(f"{label:<36} {result.n:>4}  {who:<8} {cells} {result.all_three * 100:>9.1f}%")
    everything = dev + collected + fresh
    folds = [[t for t in everything if _fold(t) == k] for k in range(_FOLDS)]
    per_fold = [score(fold, ours) for fold in folds]
    print(f"\nsource-grouped {_FOLDS}-fold, all {len(everything)} targets (min-max over folds):")
    for criterion in CRITERIA:
        values = [result.agreement[criterion] * 100 for result in per_fold]
        print(f"  {_NAMES[criterion]:<11} {min(values):.1f}-{max(values):.1f}%")
    values = [result.all_three * 100 for result in per_fold]
    print(f"  {'all three':<11} {min(values):.1f}-{max(values):.1f}%")
    if args.misses:
        shown = dev if args.misses == "dev" else tuning
        misses = score(shown, ours).misses
        print(f"\n{len(misses)} disagreements on {args.misses} (label, then the checker's answer):")
        for target, criterion, answered in misses:
            label = target.labels[criterion]
            print(f"  {target.id} {_NAMES[criterion]}: labelled {label}, said {answered} | {target.text}")
        kinds = Counter((criterion, answered) for _, criterion, answered in misses)
        print("most common:", ", ".join(f"{_NAMES[c]} said {a}: {n}" for (c, a), n in kinds.most_common(10)))


def _fold(target: Labelled) -> int:
    return hashlib.sha256(("fold:" + target.source_group).encode()).digest()[0] % _FOLDS


if __name__ == "__main__":
    main()
