"""Which skills a piece of teacher's writing is about, from nlp's own word lists (patterns/skills.json).

Relevant and Achievable compare the target with the plan's difficulty and entry skills; both need to know
which skill each is on. A family is one skill ("reading", "money"); a group holds neighbouring families
("literacy", "maths") and the areas of need they belong to, so a reading target on a writing difficulty is a
near miss while a maths target on an anger plan is off topic. Plain phrase matching keeps it cheap and
predictable: a teacher can read the list and see why a word counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nlp.areas import Area

_WORD = re.compile(r"[a-z0-9£]+(?:'[a-z]+)?")
_CLAUSE_BREAK = re.compile(r"[,;.:!?()]|\b(?:but|and|although|though|while|whereas)\b")
_CURLY_APOSTROPHE = "\u2019"
_NEGATIONS = frozenset(
    {"not", "cannot", "can't", "cant", "doesn't", "doesnt", "don't", "dont", "won't", "isn't", "unable", "never", "no"}
)


@dataclass(frozen=True, slots=True)
class Family:
    """One skill and the group of neighbouring skills it belongs to."""

    name: str
    group: str
    areas: frozenset[Area]


@dataclass(frozen=True, slots=True)
class SkillMentions:
    """The families a text is about, each with the words that showed it (for the reason a teacher reads)."""

    words: Mapping[Family, tuple[str, ...]]

    @property
    def families(self) -> frozenset[Family]:
        return frozenset(self.words)

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(family.group for family in self.words)

    def describe(self, families: frozenset[Family] | None = None) -> str:
        """ "reading (cvc, read)"; several families joined with "and"."""
        chosen = sorted(families if families is not None else self.families, key=lambda family: family.name)
        parts = [f"{family.name} ({', '.join(self.words[family][:3])})" for family in chosen]
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def mentions(text: str) -> SkillMentions:
    """The skill families `text` names, matched as whole words on its normalised form."""
    padded = f" {normalise(text)} "
    found: dict[Family, tuple[str, ...]] = {}
    for family, phrases in _lexicon().items():
        words = tuple(phrase for phrase in phrases if f" {phrase} " in padded)
        if words:
            found[family] = words
    return SkillMentions(found)


def absent_families(entry_skills: str) -> frozenset[Family]:
    """Families a clause of the entry skills says are not there ("cannot count yet", "does not use symbols")."""
    absent: set[Family] = set()
    for clause in _CLAUSE_BREAK.split(entry_skills.lower().replace(_CURLY_APOSTROPHE, "'")):
        if _NEGATIONS & set(_WORD.findall(clause)):
            absent |= mentions(clause).families
    return frozenset(absent)


def normalise(text: str) -> str:
    """Lower case words separated by single spaces; hyphens and apostrophe styles as the word lists spell them."""
    return " ".join(_WORD.findall(text.lower().replace(_CURLY_APOSTROPHE, "'").replace("-", " ")))


@cache
def _lexicon() -> dict[Family, tuple[str, ...]]:
    raw = json.loads(resources.files("nlp").joinpath("patterns", "skills.json").read_text(encoding="utf-8"))
    lexicon: dict[Family, tuple[str, ...]] = {}
    for group, entry in raw["groups"].items():
        areas = frozenset(Area(value) for value in entry["areas"])
        for name, phrases in entry["families"].items():
            lexicon[Family(name, group, areas)] = tuple(normalise(phrase) for phrase in phrases)
    return lexicon
