"""The loaded bank: look-ups by id, neighbouring steps, search and rendering."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from types import MappingProxyType

from nlp.areas import Area
from target_bank.errors import UnknownTargetError
from target_bank.index import FIELDS, SearchIndex
from target_bank.model import BankTarget, Progression, SearchHit
from target_bank.render import fill
from target_bank.synonyms import Synonyms
from target_bank.years import parse_year


class Bank:
    """An immutable collection of progressions, searchable; safe to share between threads."""

    __slots__ = ("_index", "_progressions", "_targets", "_targets_by_id")

    def __init__(self, progressions: Sequence[Progression], synonyms: Synonyms) -> None:
        self._progressions = MappingProxyType({progression.id: progression for progression in progressions})
        self._targets = tuple(step for progression in progressions for step in progression.steps)
        self._targets_by_id = MappingProxyType({target.id: target for target in self._targets})
        self._index = SearchIndex(self._targets, synonyms)

    def __len__(self) -> int:
        return len(self._targets)

    def __iter__(self) -> Iterator[BankTarget]:
        return iter(self._targets)

    @property
    def progressions(self) -> tuple[Progression, ...]:
        """Every progression, in data-file order."""
        return tuple(self._progressions.values())

    def target(self, target_id: str) -> BankTarget:
        """The target with this id; raises UnknownTargetError."""
        try:
            return self._targets_by_id[target_id]
        except KeyError:
            raise UnknownTargetError("target", target_id) from None

    def progression(self, progression_id: str) -> Progression:
        """The progression with this id; raises UnknownTargetError."""
        try:
            return self._progressions[progression_id]
        except KeyError:
            raise UnknownTargetError("progression", progression_id) from None

    def smaller_step(self, target_id: str) -> BankTarget | None:
        """The step before this one, for a target that proved too big; None at the first step."""
        return self._neighbour(target_id, -1)

    def next_step(self, target_id: str) -> BankTarget | None:
        """The step after this one, for a target that was met; None at the last step."""
        return self._neighbour(target_id, +1)

    def _neighbour(self, target_id: str, offset: int) -> BankTarget | None:
        target = self.target(target_id)
        steps = self._progressions[target.progression_id].steps
        position = target.position - 1 + offset
        return steps[position] if 0 <= position < len(steps) else None

    def search(
        self,
        text: str,
        *,
        area: Area | str | None = None,
        year: int | str | None = None,
        limit: int = 5,
        fields: Sequence[str] = (),
    ) -> tuple[SearchHit, ...]:
        """Targets ranked by relevance to a teacher's words; the best step of each progression only.

        `fields` (from FIELDS: skill, strand, target, teaching, curriculum) limits where the words may match:
        "skill" and "strand" name what a whole ladder is about, so a match there is a match on topic.
        """
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise ValueError(f"{', '.join(unknown)}: not a searchable field (use {', '.join(FIELDS)}).")
        chosen_area = None if area is None else _area(area)
        chosen_year = None if year is None else parse_year(year)
        hits: dict[str, SearchHit] = {}
        for row, score in self._index.ranked(text, area=chosen_area, year=chosen_year, fields=fields):
            target = self._targets[row]
            if target.progression_id not in hits:
                hits[target.progression_id] = SearchHit(target, score)
                if len(hits) == limit:
                    break
        return tuple(hits.values())

    def unknown_words(self, text: str) -> list[str]:
        """The teacher's words (stemmed) that no target in the bank uses, even allowing for a misspelling:
        a sign the text is about something the bank has no ladder for ("algebra", "attendance")."""
        return self._index.unknown_words(text)

    def render(self, target_id: str, *, name: str, deadline: date | str) -> str:
        """The target's text for one pupil, the deadline written UK style ("12 February 2027")."""
        return fill(self.target(target_id).target, name=name, deadline=deadline)


def _area(value: Area | str) -> Area:
    try:
        return Area(value)
    except ValueError:
        known = ", ".join(area.value for area in Area)
        raise ValueError(f"{value!r} is not an area of need: use one of {known}.") from None
