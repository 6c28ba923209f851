"""The fake Bot API's own tests run PTB with timedelta periods, as the end-to-end tests do."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def ptb_timedelta_everywhere(ptb_timedelta: None) -> None:
    """See tests/bot_api_fixtures.py."""
