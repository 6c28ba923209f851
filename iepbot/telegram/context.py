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
from iepbot.telegram.postman import Postman
from iepbot.telegram.sending import Sender

OUTBOX_RETRY_SECONDS = 10.0  # how often the outbox is swept, and the least wait before a failed reply is tried again


class NotStartedError(RuntimeError):
    """An update arrived before `post_init` gave the bot its dialogue: a wiring mistake, not a user's."""


class BotData:
    """What every handler needs: the dialogue, the sender and the postman; and how to close what was opened.

    `take_over_outbox` is set for a sole sender (long polling: Telegram lets only one process poll), whose
    first sweep sends whatever a killed predecessor left claimed, instead of waiting for its lease to end.
    """

    def __init__(self) -> None:
        self.sender = Sender(MessageRenderer())
        self.outbox_seconds = OUTBOX_RETRY_SECONDS
        self.take_over_outbox = False
        self._dialogue: Dialogue | None = None
        self._postman: Postman | None = None
        self._close: Callable[[], Awaitable[None]] | None = None

    @property
    def dialogue(self) -> Dialogue:
        if self._dialogue is None:
            raise NotStartedError("the bot's dialogue is set in post_init, before the first update")
        return self._dialogue

    @property
    def postman(self) -> Postman:
        if self._postman is None:
            raise NotStartedError("the bot's postman is set with its dialogue, before the first update")
        return self._postman

    def start(self, dialogue: Dialogue, *, close: Callable[[], Awaitable[None]] | None = None) -> None:
        """Give the handlers their dialogue; `close` (if any) is awaited when the application shuts down."""
        self._dialogue, self._close = dialogue, close
        self._postman = Postman(self.sender, dialogue.outbox, retry_after=self.outbox_seconds)

    async def close(self) -> None:
        """Write the outbox's last marks, then close what was opened for the dialogue."""
        if self._dialogue is not None:
            await self._dialogue.outbox.close()
        if self._close is not None:
            await self._close()
        self._close = None


BotContext = CallbackContext[ConfirmWhenHandled, dict[Any, Any], dict[Any, Any], BotData]
# PTB's builder types the job queue with its default context whatever `context_types` says, so the queue's
# context is left open here; its jobs (the reminders, the outbox's sweep) are given our typed context all the same.
BotApplication = Application[ConfirmWhenHandled, BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Any]]
CONTEXT_TYPES: ContextTypes[BotContext, dict[Any, Any], dict[Any, Any], BotData] = ContextTypes(
    context=CallbackContext,
    bot_data=BotData,  # PTB needs the plain class; the annotation gives its parameters
)
