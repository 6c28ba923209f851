"""Shared fixtures for the checker's tests: a fixed 'today' so deadlines are reproducible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nlp import SmartReport, check_target

TODAY = date(2026, 11, 23)  # a Monday in the second half of the autumn term


@pytest.fixture
def check() -> Callable[[str], SmartReport]:
    """check_target with today fixed, so resolved deadlines don't drift with the real date."""

    def run(text: str) -> SmartReport:
        return check_target(text, today=TODAY)

    return run
