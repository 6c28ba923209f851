"""Timing helpers the benchmark scripts share: per-call timings and percentiles."""

from __future__ import annotations

import time
from collections.abc import Callable


def per_call_seconds(function: Callable[[str], object], texts: list[str], rounds: int) -> list[float]:
    """Time every call separately, `rounds` times over the inputs, after one warm-up pass."""
    for text in texts:
        function(text)
    timings = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            function(text)
            timings.append(time.perf_counter() - started)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the timings fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
