"""Timing helpers the benchmark scripts share: per-call timings and percentiles."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


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


def alternating_rounds(
    functions: Sequence[Callable[[str], object]], texts: list[str], rounds: int
) -> list[list[list[float]]]:
    """`timings[f][r][t]`: function f on text t in round r; each round times every function over all the texts.

    Alternating whole passes puts a function and its reference under the same (changing) machine load, where
    timing all of one and then all of the other would not. Passes, not single calls, take turns: a cheap
    reference timed straight after an expensive call would run with cold caches and look slower than it is.
    One warm-up pass first.
    """
    for function in functions:
        for text in texts:
            function(text)
    timings: list[list[list[float]]] = [[] for _ in functions]
    for _ in range(rounds):
        for function, per_function in zip(functions, timings, strict=True):
            times = []
            for text in texts:
                started = time.perf_counter()
                function(text)
                times.append(time.perf_counter() - started)
            per_function.append(times)
    return timings


def best_of_rounds(rounds: list[list[float]]) -> list[float]:
    """Each input's fastest time over the rounds: what it costs when nothing else gets in the way."""
    return [min(times) for times in zip(*rounds, strict=True)]


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the timings fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
