"""Dialogue fixtures: the real checker and bank (loaded once), storage on each backend, a fixed today."""

from __future__ import annotations

import pytest

import target_bank
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.services import Services
from iepbot.storage.storage import Storage
from target_bank import Bank
from tests.dialogue.support import TODAY


@pytest.fixture(scope="session")
def bank() -> Bank:
    return target_bank.load()


@pytest.fixture
def services(bank: Bank) -> Services:
    return Services(bank=bank, bot_username="iep_test_bot", today=lambda: TODAY)


@pytest.fixture
def dialogue(storage: Storage, services: Services) -> Dialogue:
    return Dialogue(storage, services)
