"""Typed errors with messages a teacher or a reviewer of the data files can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a data file: where (file, entry, field) and what."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}, field '{self.field}': {self.message}"


class BankFileError(ValueError):
    """A data file does not follow the bank's format; lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The target bank has {len(problems)} problem(s):\n{lines}")


class UnknownTargetError(KeyError):
    """No target or progression in the bank has this id."""

    def __init__(self, kind: str, identifier: str) -> None:
        self.identifier = identifier
        super().__init__(f"There is no {kind} with id {identifier!r} in the target bank.")

    def __str__(self) -> str:
        return str(self.args[0])
