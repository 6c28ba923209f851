"""Corrects a misspelt query word to the nearest word the bank knows ("speach" → "speech")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

_SHORTEST = 4
_CANDIDATES = 30
_REMEMBERED = 16384  # corrections kept: a teacher's unknown words (names, "legibility") come again and again


class Speller:
    """Nearest known word by edit distance, over candidates that share a letter trigram with the word."""

    __slots__ = ("_frequency", "_grams", "correct")

    def __init__(self, words: Iterable[str]) -> None:
        self._frequency = Counter(words)
        grams: dict[str, list[str]] = {}
        for word in self._frequency:
            if len(word) >= _SHORTEST and not word.isdigit():
                for gram in _trigrams(word):
                    grams.setdefault(gram, []).append(word)
        self._grams = {gram: tuple(words) for gram, words in grams.items()}
        # An unknown word is compared with up to 30 candidates, costlier than the rest of a search together;
        # the answer depends on the word alone, so each is worked out once.
        self.correct: Callable[[str], str] = lru_cache(maxsize=_REMEMBERED)(self._correct)

    def __contains__(self, word: object) -> bool:
        return word in self._frequency

    def _correct(self, word: str) -> str:
        """The word itself if known or short; else the closest known word within 1 edit (2 if long)."""
        if word in self._frequency or len(word) < _SHORTEST or word.isdigit():
            return word
        shared: Counter[str] = Counter()
        for gram in _trigrams(word):
            shared.update(self._grams.get(gram, ()))
        allowed = 1 if len(word) < 7 else 2
        best: tuple[int, int, str] | None = None
        for candidate, _ in shared.most_common(_CANDIDATES):
            distance = _edit_distance(word, candidate, allowed)
            if distance <= allowed:
                ranked = (distance, -self._frequency[candidate], candidate)
                best = ranked if best is None or ranked < best else best
        return word if best is None else best[2]


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), stopping early past limit."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
