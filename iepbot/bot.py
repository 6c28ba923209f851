"""The composition root: the one place the bot is put together, used by `iepbot run`, `iepbot chat`, the
end-to-end tests and the benches, so there is one wiring to read and to keep right.

`open_parts` opens storage and loads the checker and bank into a `Dialogue` (any transport can use it);
`build_bot` makes the Telegram Application around one: handlers installed at once, the dialogue given
(tests, benches: the caller owns it) or opened in `post_init` inside PTB's event loop and closed in
`post_shutdown` (`iepbot run`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from iepbot.config import Settings, telegram_token
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.services import Services, load_services
from iepbot.storage.opening import open_storage
from iepbot.storage.storage import Storage
from iepbot.telegram.app import build_application
from iepbot.telegram.bot import install_handlers
from iepbot.telegram.context import BotApplication
from iepbot.telegram.reminders import schedule_reminders
from iepbot.telegram.sending import Sender

log = logging.getLogger(__name__)
TELEGRAMS_FLOOD_LIMIT = 30.0  # messages a second across all chats


@dataclass(frozen=True, slots=True)
class Parts:
    """An opened bot without its transport: storage and the dialogue over it. `close` releases storage."""

    storage: Storage
    dialogue: Dialogue

    async def close(self) -> None:
        await self.storage.close()


async def open_parts(settings: Settings, *, bot_username: str | None = None, services: Services | None = None) -> Parts:
    """Storage as configured (SQLite migrated on open), the checker warmed and the bank loaded, one Dialogue."""
    storage = await open_storage(settings)
    services = services or load_services(bot_username=bot_username)
    return Parts(storage, Dialogue(storage, services))


def build_bot(
    settings: Settings,
    *,
    dialogue: Dialogue | None = None,
    sender: Sender | None = None,
    overall_max_rate: float = TELEGRAMS_FLOOD_LIMIT,
    sole_sender: bool = True,
) -> BotApplication:
    """The Telegram bot for `settings` (token, Bot API URL), ready to poll or serve a webhook.

    With `dialogue` the caller owns its storage and nothing is opened or closed here; without it, storage
    and the dialogue are opened when PTB starts (its `post_init`, where the bot knows its username) and
    closed when it shuts down. `overall_max_rate` 0 turns the flood limiter off (the benches compare with a
    bot that has none). `sole_sender` (long polling: one process) lets the first outbox sweep take over
    what a killed predecessor had claimed; webhook workers sharing a database leave that to the leases.
    """
    application = build_application(
        telegram_token(settings), api_url=settings.telegram_api_url, overall_max_rate=overall_max_rate
    )
    application.bot_data.outbox_seconds = settings.outbox_seconds
    application.bot_data.take_over_outbox = sole_sender
    if sender is not None:
        application.bot_data.sender = sender
    install_handlers(application)
    schedule_reminders(application)
    if dialogue is not None:
        application.bot_data.start(dialogue)

        async def flush(running: BotApplication) -> None:
            await running.bot_data.close()

        application.post_shutdown = flush
        return application

    async def start(running: BotApplication) -> None:
        parts = await open_parts(settings, bot_username=running.bot.username)
        running.bot_data.start(parts.dialogue, close=parts.close)
        log.info("iepbot is running as @%s", running.bot.username)

    async def stop(running: BotApplication) -> None:
        await running.bot_data.close()

    application.post_init = start
    application.post_shutdown = stop
    return application
