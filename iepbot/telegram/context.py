"""PTB's per-application data, typed: the handlers read `context.bot_data.dialogue`, not `bot_data["…"]`.

The dialogue needs storage opened inside PTB's event loop (in `post_init`), but the handlers are installed
when the Application is built; so `BotData` starts empty and `BotData.start` fills it before the first
update is handled.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, JobQueue

from iepbot.dialogue.engine import Dialogue
from iepbot.documents.messages import MessageRenderer
from iepbot.telegram.confirming import ConfirmWhenHandled
from iepbot.telegram.sending import Sender


class NotStartedError(RuntimeError):
    """An update arrived before `post_init` gave the bot its dialogue: a wiring mistake, not a user's."""


class BotData:
    """What every handler needs: the dialogue and the sender; and how to close what was opened for them."""

    def __init__(self) -> None:
        self.sender = Sender(MessageRenderer())
        self._dialogue: Dialogue | None = None
        self._close: Callable[[], Awaitable[None]] | None = None

    @property
    def dialogue(self) -> Dialogue:
        if self._dialogue is None:
            raise NotStartedError("the bot's dialogue is set in post_init, before the first update")
        return self._dialogue

    def start(self, dialogue: Dialogue, *, close: Callable[[], Awaitable[None]] | None = None) -> None:
        """Give the handlers their dialogue; `close` (if any) is awaited when the application shuts down."""
        self._dialogue, self._close = dialogue, close

    async def close(self) -> None:
        if self._close is not None:
            await self._close()
        self._close = None


BotContext = CallbackContext[ConfirmWhenHandled, dict[Any, Any], dict[Any, Any], BotData]
# PTB's builder types the job queue with its default context whatever `context_types` says, so the queue's
# context is left open here; its jobs (the reminders) are given our typed context all the same.
BotApplication = Application[ConfirmWhenHandled, BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Any]]
CONTEXT_TYPES: ContextTypes[BotContext, dict[Any, Any], dict[Any, Any], BotData] = ContextTypes(
    context=CallbackContext,
    bot_data=BotData,  # PTB needs the plain class; the annotation gives its parameters
)
