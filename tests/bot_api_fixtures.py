"""Fixtures for anything that talks to the fake Bot API (tests/e2e, tests/fakes): the server and two users.

Loaded for the whole suite by `pytest_plugins` in tests/conftest.py, so both folders share one definition.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fakes.fake_bot_api import FakeBotApi
from fakes.records import User


@pytest.fixture
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods: without it, building a RetryAfter (any 429) warns, and warnings fail tests."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    """A fake Bot API serving on 127.0.0.1 for one test, stopped (thread joined, sockets closed) after it."""
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def user() -> User:
    return User(id=7001, first_name="Ada", username="ada_teacher")


@pytest.fixture
def other_user() -> User:
    return User(id=7002, first_name="Ben", username="ben_senco")
