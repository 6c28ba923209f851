"""Telegram hears an update was received only once it is handled, so a bot killed mid-turn loses no message.

`getUpdates` confirms every update before the `offset` it is called with, and PTB's Updater calls it again as
soon as it has queued the last batch — while those updates are still being handled. A bot killed then has
confirmed messages it never answered. Here the next `getUpdates` first waits until every update fetched
before it is handled (its turn committed, its replies sent); Telegram redelivers anything unconfirmed after a
restart, and the dialogue recognises what it already handled by the update id. A turn that hangs does not
stop the bot: after `patience` seconds polling goes on (that update is then confirmed) and the wait is logged.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

log = logging.getLogger(__name__)

PATIENCE = 30.0  # seconds to wait for the previous batch before polling anyway


class HandledUpdates:
    """The fetched updates still being handled, by update id."""

    def __init__(self) -> None:
        self._open: set[int] = set()
        self._none_open = asyncio.Event()
        self._none_open.set()

    @property
    def idle(self) -> bool:
        """No fetched update is being handled."""
        return self._none_open.is_set()

    def fetched(self, updates: tuple[Update, ...]) -> None:
        if updates:
            self._open.update(update.update_id for update in updates)
            self._none_open.clear()

    def handled(self, update: object) -> None:
        """Called once an update's handling has ended, however it ended."""
        if isinstance(update, Update):
            self._open.discard(update.update_id)
        if not self._open:
            self._none_open.set()

    async def all_handled(self, patience: float) -> bool:
        """True once every fetched update is handled; False if `patience` seconds pass first, after which
        those updates are no longer waited for."""
        if self.idle:
            return True
        try:
            await asyncio.wait_for(self._none_open.wait(), patience)
        except TimeoutError:
            self._open.clear()
            self._none_open.set()
            return False
        return True


class ConfirmWhenHandled(ExtBot[Any]):
    """An ExtBot whose `get_updates` (which confirms the updates fetched before) waits until they are handled."""

    def __init__(self, *args: Any, handled: HandledUpdates, patience: float = PATIENCE, **kwargs: Any) -> None:
        self._handled = handled
        self._patience = patience
        super().__init__(*args, **kwargs)

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        if not await self._handled.all_handled(self._patience):
            log.warning("updates still being handled after %.0f s; polling again, which confirms them", self._patience)
        updates = await super().get_updates(*args, **kwargs)
        self._handled.fetched(updates)
        return updates
