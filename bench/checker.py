"""Benchmark the SMART checker: per-target time against bare spaCy tokenisation, and `iepbot check` cold start.

Run: python bench/checker.py [--rounds N]
Figures are ratios against references measured in the same run, so they travel between machines. The checker
and its reference take turns, a pass over all targets each, so both run under the same load; the ratio is given
for the median of all calls and for the median of each target's best round (steadier when other work competes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import spacy
from timing import alternating_rounds, best_of_rounds, percentile  # bench/timing.py: scripts run from bench/

from nlp import check_target

ROOT = Path(__file__).parents[1]
CORPORA = {
    "project's labelled set": ROOT / "tests" / "data" / "smart_targets.jsonl",
    "real targets (dev + collected)": ROOT / "corpus" / "real_targets",
}


def texts_of(path: Path) -> list[str]:
    """Target texts of a JSONL file, or of every JSONL file in a folder."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [
        json.loads(line)["text"]
        for file in files
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def cold_start_seconds(command: list[str], runs: int) -> float:
    """Median wall time of a fresh process running `command`."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    tokenizer = spacy.blank("en")
    for name, path in CORPORA.items():
        texts = texts_of(path)
        bare_rounds, checked_rounds = alternating_rounds([tokenizer, check_target], texts, args.rounds)
        bare = [seconds for round_ in bare_rounds for seconds in round_]
        checked = [seconds for round_ in checked_rounds for seconds in round_]
        bare_best, checked_best = best_of_rounds(bare_rounds), best_of_rounds(checked_rounds)
        print(f"{name}: {len(texts)} targets x {args.rounds} rounds")
        print(
            f"  bare spacy.blank('en') tokenisation: median {statistics.median(bare) * 1e3:.4f} ms, "
            f"best round {statistics.median(bare_best) * 1e3:.4f} ms"
        )
        print(
            f"  check_target: median {statistics.median(checked) * 1e3:.3f} ms, "
            f"best round {statistics.median(checked_best) * 1e3:.3f} ms, p99 {percentile(checked, 0.99) * 1e3:.3f} ms"
        )
        print(
            f"  median ratio check_target / tokenisation: {statistics.median(checked) / statistics.median(bare):.1f} "
            f"(best rounds: {statistics.median(checked_best) / statistics.median(bare_best):.1f})"
        )

    example = "Sam will read 20 CVC words by Easter."
    cold = cold_start_seconds([sys.executable, "-m", "iepbot.cli", "check", example], args.cold_runs)
    reference = cold_start_seconds([sys.executable, "-c", "import spacy; spacy.blank('en')"], args.cold_runs)

    print(f"cold start `iepbot check`: {cold:.2f} s ({cold / reference:.2f} x python + import spacy + blank('en'))")


if __name__ == "__main__":
    main()
