"""Full-text ranking with SQLite FTS5's BM25: one in-memory table, one row per target, fields weighted."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from nlp.areas import Area
from target_bank.model import BankTarget
from target_bank.spelling import Speller
from target_bank.synonyms import Synonyms
from target_bank.text import STOP_WORDS, content, stems

# (column, BM25 weight): the skill names what the whole ladder is about, so it counts most.
COLUMNS = (("skill", 4.0), ("strand", 2.0), ("target", 2.0), ("teaching", 1.0), ("curriculum", 1.0))
FIELDS = tuple(name for name, _ in COLUMNS)
_WEIGHTS = ", ".join(str(weight) for _, weight in COLUMNS)
_SQL = f"""
    SELECT rowid, -bm25(bank, {_WEIGHTS}) AS score FROM bank
    WHERE bank MATCH :query
      AND (:area IS NULL OR area = :area)
      AND (:year IS NULL OR (first_year <= :year AND last_year >= :year))
    ORDER BY score DESC
"""


class SearchIndex:
    """Built once per bank; reads only afterwards, so one instance can serve every thread."""

    __slots__ = ("_connection", "_speller", "_synonyms")

    def __init__(self, targets: Sequence[BankTarget], synonyms: Synonyms) -> None:
        self._synonyms = synonyms
        documents = [self._document(target) for target in targets]
        self._speller = Speller(
            [*(word for fields in documents for f in fields for word in f.split()), *synonyms.words]
        )
        self._connection = sqlite3.connect(":memory:", check_same_thread=False)
        names = ", ".join(name for name, _ in COLUMNS)
        self._connection.execute(
            f"CREATE VIRTUAL TABLE bank USING fts5({names}, area UNINDEXED, first_year UNINDEXED, "
            "last_year UNINDEXED, tokenize = \"unicode61 tokenchars '_'\")"
        )
        marks = ", ".join("?" for _ in range(len(COLUMNS) + 4))
        self._connection.executemany(
            f"INSERT INTO bank (rowid, {names}, area, first_year, last_year) VALUES ({marks})",
            [
                (row, *fields, target.area.value, target.years.first, target.years.last)
                for row, (target, fields) in enumerate(zip(targets, documents, strict=True))
            ],
        )

    def _document(self, target: BankTarget) -> tuple[str, ...]:
        """The target's indexed fields, each as space-separated terms."""
        curriculum = target.curriculum
        fields = (
            target.skill,
            target.strand.replace("_", " "),
            target.target,
            " ".join((*target.strategies, *target.resources)),
            f"{curriculum.subject} {curriculum.strand} {curriculum.statement}" if curriculum else "",
        )
        return tuple(" ".join(self._terms(stems(field))) for field in fields)

    def _terms(self, tokens: list[str]) -> list[str]:
        return content(tokens) + self._synonyms.concepts(tokens)

    def query_terms(self, text: str) -> list[str]:
        """The teacher's words as index terms: stemmed, misspellings corrected, synonyms added."""
        # A stop word is never "corrected": "will" is not in the bank, and would become "wall".
        corrected = [token if token in STOP_WORDS else self._speller.correct(token) for token in stems(text)]
        return list(dict.fromkeys(self._terms(corrected)))

    def unknown_words(self, text: str) -> list[str]:
        """The text's content words that no target uses, even allowing for a misspelling."""
        words = content(stems(text))
        return [word for word in words if self._speller.correct(word) not in self._speller]

    def ranked(
        self, text: str, *, area: Area | None, year: int | None, fields: Sequence[str] = ()
    ) -> list[tuple[int, float]]:
        """(row, score) of every matching target, best first; with `fields`, matching in those columns only."""
        terms = self.query_terms(text)
        if not terms:
            return []
        query = " OR ".join(f'"{term}"' for term in terms)
        if fields:
            query = "{" + " ".join(fields) + "} : (" + query + ")"
        params = {"query": query, "area": area.value if area else None, "year": year}
        return [(row, score) for row, score in self._connection.execute(_SQL, params)]
