"""Updates of different chats run at once; updates of one chat run in the order they arrived."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatOrder(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat.

    Thirty teachers must not queue behind each other, but a teacher's quick second message must not
    overtake their first (it would be answered against a state that is not yet saved). The database lock
    in `begin_turn` protects correctness across processes; this keeps the order within one process.
    """

    def __init__(
        self, max_concurrent_updates: int = 256, *, on_handled: Callable[[object], None] | None = None
    ) -> None:
        """`on_handled(update)` is called when an update's handling ends, however it ends."""
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self._on_handled = on_handled

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await self._in_order(update, coroutine)
        finally:
            if self._on_handled is not None:
                self._on_handled(update)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._chats.setdefault(chat.id, asyncio.Lock())
        self._waiting[chat.id] = self._waiting.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[chat.id] -= 1
            if not self._waiting[chat.id]:  # nobody else queued for this chat: forget its lock
                del self._waiting[chat.id]
                del self._chats[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made per chat as updates arrive."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB awaits every update in flight before shutting down."""
