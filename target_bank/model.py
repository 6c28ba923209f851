"""The bank's public types: frozen, typed records that callers can share between threads."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.areas import Area


def area_prefix(area: Area) -> str:
    """The id prefix every progression in this area carries."""
    return _PREFIXES[area]


_PREFIXES = {
    Area.COMMUNICATION_AND_INTERACTION: "ci-",
    Area.COGNITION_AND_LEARNING: "cl-",
    Area.SOCIAL_EMOTIONAL_MENTAL_HEALTH: "semh-",
    Area.SENSORY_AND_PHYSICAL: "sp-",
}


@dataclass(frozen=True, slots=True)
class YearRange:
    """An inclusive range of school years; 0 is Reception, 1 to 11 are Year 1 to Year 11."""

    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last

    @property
    def label(self) -> str:
        """The range as a teacher writes it ("Reception to Year 2")."""
        first, last = year_label(self.first), year_label(self.last)
        return first if first == last else f"{first} to {last}"


def year_label(year: int) -> str:
    """0 → "Reception", 4 → "Year 4"."""
    return "Reception" if year == 0 else f"Year {year}"


@dataclass(frozen=True, slots=True)
class Curriculum:
    """The National Curriculum (England) programme-of-study statement a literacy or numeracy step serves."""

    year: int
    subject: str
    strand: str
    statement: str


@dataclass(frozen=True, slots=True)
class BankTarget:
    """One small step: a target with its placeholders, how it is taught and how it is checked."""

    id: str
    progression_id: str
    position: int
    area: Area
    skill: str
    strand: str
    years: YearRange
    curriculum: Curriculum | None
    target: str
    measure: str
    strategies: tuple[str, ...]
    resources: tuple[str, ...]
    staffing: str
    frequency: str
    success_criteria: str
    monitoring: str


@dataclass(frozen=True, slots=True)
class Progression:
    """A ladder of small steps toward one skill, smallest step first."""

    id: str
    area: Area
    skill: str
    strand: str
    years: YearRange
    curriculum: Curriculum | None
    steps: tuple[BankTarget, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the best-matching step of one progression and its relevance (higher is better)."""

    target: BankTarget
    score: float
