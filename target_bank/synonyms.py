"""Teachers' synonyms and abbreviations (data/synonyms.yaml) as shared concept tokens."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import yaml

from target_bank.errors import BankFileError, Problem
from target_bank.text import stems

CONCEPT_PREFIX = "syn_"


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Stemmed phrases mapped to the concepts they name; the same lookup runs on documents and queries."""

    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    by_first_word: Mapping[str, tuple[tuple[str, ...], ...]]

    def concepts(self, tokens: list[str]) -> list[str]:
        """The concept token of every phrase found in the stemmed tokens, in order of appearance."""
        found: list[str] = []
        for start, token in enumerate(tokens):
            for phrase in self.by_first_word.get(token, ()):
                if tuple(tokens[start : start + len(phrase)]) == phrase:
                    found.extend(self.phrases[phrase])
        return found

    @property
    def words(self) -> frozenset[str]:
        """Every stemmed word of every phrase: known words for spelling correction."""
        return frozenset(word for phrase in self.phrases for word in phrase)


def parse_synonyms(file_name: str, text: str) -> Synonyms:
    """Read the synonyms file: a mapping of concept name to a list of words or phrases."""
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(raw, dict):
        raise BankFileError([Problem(file_name, "the file", "-", "expected a mapping of concept to phrases")])
    problems: list[Problem] = []
    phrases: dict[tuple[str, ...], list[str]] = {}
    for concept, members in raw.items():
        if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
            problems.append(Problem(file_name, f"concept {concept!r}", "-", "expected a list of phrases"))
            continue
        for phrase in _stemmed(members):
            phrases.setdefault(phrase, []).append(CONCEPT_PREFIX + str(concept))
    if problems:
        raise BankFileError(problems)
    frozen = {phrase: tuple(dict.fromkeys(concepts)) for phrase, concepts in phrases.items()}
    starts: dict[str, list[tuple[str, ...]]] = {}
    for phrase in frozen:
        starts.setdefault(phrase[0], []).append(phrase)
    by_first_word = {word: tuple(found) for word, found in starts.items()}
    return Synonyms(MappingProxyType(frozen), MappingProxyType(by_first_word))


def _stemmed(members: Iterable[str]) -> set[tuple[str, ...]]:
    return {phrase for phrase in (tuple(stems(member)) for member in members) if phrase}
