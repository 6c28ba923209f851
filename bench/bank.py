"""Benchmark the target bank: cold load time and search latency, each beside a plain reference.

Run: python bench/bank.py [--rounds N] [--cold-runs N]
Load is timed in a fresh interpreter (imports included) against a bare parse of the same files
(`yaml.safe_load`, and libyaml's CSafeLoader that the bank uses); search p99 over the teacher queries
against a linear substring scan of every target. References run in the same run on the same machine,
so the ratios travel between machines.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from timing import per_call_seconds, percentile  # bench/timing.py: scripts run from bench/

import target_bank

ROOT = Path(__file__).parents[1]
DATA = ROOT / "target_bank" / "data"
QUERIES = ROOT / "tests" / "target_bank" / "data" / "search_queries.yaml"

_LOAD_BANK = (
    "import time; t = time.perf_counter(); import target_bank; target_bank.load(); print(time.perf_counter() - t)"
)
_LOAD_YAML = (
    "import time, pathlib; t = time.perf_counter(); import yaml; "
    "[yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.{loader}) "
    f"for p in sorted(pathlib.Path({str(DATA)!r}).glob('*.yaml'))]; "
    "print(time.perf_counter() - t)"
)


def cold_seconds(code: str, runs: int) -> list[float]:
    """Seconds reported by a fresh interpreter running `code`, once per run."""
    return [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]


def substring_scan(bank: target_bank.Bank) -> Callable[[str], list[str]]:
    """The naive reference: count each query word's occurrences in every target's text, sort."""
    documents = [(target.id, " ".join((target.skill, target.target, *target.strategies)).lower()) for target in bank]

    def scan(text: str) -> list[str]:
        words = text.lower().split()
        scored = [(sum(document.count(word) for word in words), identifier) for identifier, document in documents]
        return [identifier for score, identifier in sorted(scored, reverse=True)[:5] if score]

    return scan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--cold-runs", type=int, default=7)
    args = parser.parse_args()

    bank_load = cold_seconds(_LOAD_BANK, args.cold_runs)
    yaml_load = cold_seconds(_LOAD_YAML.format(loader="SafeLoader"), args.cold_runs)
    c_yaml_load = cold_seconds(_LOAD_YAML.format(loader="CSafeLoader"), args.cold_runs)
    bank = target_bank.load()
    cases = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    texts = [case["query"] for case in cases]
    search = per_call_seconds(lambda text: bank.search(text), texts, args.rounds)
    scan = per_call_seconds(substring_scan(bank), texts, args.rounds)
    found = sum(
        bool(set(case["expected"]) & {hit.target.progression_id for hit in bank.search(case["query"], limit=3)})
        for case in cases
    )

    load_ms, yaml_ms = statistics.median(bank_load) * 1000, statistics.median(yaml_load) * 1000
    c_yaml_ms = statistics.median(c_yaml_load) * 1000
    p50, p99 = percentile(search, 0.5) * 1000, percentile(search, 0.99) * 1000
    scan_p99 = percentile(scan, 0.99) * 1000
    print(f"bank: {len(bank)} targets in {len(bank.progressions)} progressions; {len(texts)} queries")
    print(
        f"load (cold, fresh interpreter, median of {args.cold_runs}): {load_ms:.0f} ms "
        f"(max {max(bank_load) * 1000:.0f} ms)  [target <= 300 ms]"
    )
    print(
        f"  reference, parse only: yaml.safe_load {yaml_ms:.0f} ms (ratio {load_ms / yaml_ms:.2f}); "
        f"libyaml CSafeLoader {c_yaml_ms:.0f} ms (ratio {load_ms / c_yaml_ms:.2f})"
    )
    print(
        f"search ({len(search)} calls): p50 {p50:.2f} ms, p99 {p99:.2f} ms; "
        f"substring-scan p99 {scan_p99:.2f} ms; ratio {p99 / scan_p99:.2f}  [target p99 <= 5 ms]"
    )
    print(f"search quality: {found}/{len(cases)} queries with an expected progression in the top 3")


if __name__ == "__main__":
    main()
