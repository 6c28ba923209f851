"""A bot under measurement in a process of its own, run on command from the benchmark's process.

A bot and Telegram run on different machines. Here the fake Bot API stays in the benchmark's process (with
the simulated teachers) and the bot runs in a child process: the server's work on a reply (parsing and
checking its HTML) is not charged to the bot, and the two do not take turns on one GIL. Each measured bot —
PTB's echo bot, or iepbot — is started and stopped in the same child, which reports its own CPU time, so
"CPU a message" is the bot's alone.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

import target_bank
from fakes.ptb import polling
from iepbot.bot import Parts, build_bot, open_parts
from iepbot.config import Settings
from iepbot.dialogue.services import Services
from iepbot.documents.messages import MessageRenderer
from iepbot.telegram.sending import Sender

BotKind = Literal["echo", "iepbot"]
TODAY = date(2026, 11, 23)


@dataclass(frozen=True)
class Start:
    """Start polling `base_url` as `bot`; the child answers "polling"."""

    bot: BotKind
    token: str
    base_url: str


STOP = "stop"  # stop polling; the child answers "stopped"
CPU = "cpu"  # the child answers with its process CPU time so far, in seconds


class BotHost:
    """The benchmark's handle on the child process; one bot polls at a time."""

    def __init__(self, data_dir: Path) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that has the server's thread
        self._connection, child_end = context.Pipe()
        self._process = context.Process(target=host_bots, args=(child_end, str(data_dir)), daemon=True)
        self._process.start()
        child_end.close()

    async def start(self, bot: BotKind, token: str, base_url: str) -> None:
        await self._ask(Start(bot, token, base_url))

    async def cpu_seconds(self) -> float:
        seconds = await self._ask(CPU)
        assert isinstance(seconds, float)
        return seconds

    async def stop(self) -> None:
        await self._ask(STOP)

    def close(self) -> None:
        self._connection.send(None)
        self._process.join(timeout=30)

    async def _ask(self, request: object) -> Any:
        self._connection.send(request)
        return await asyncio.get_running_loop().run_in_executor(None, self._connection.recv)


def host_bots(connection: Connection, data_dir: str) -> None:
    """The child process: one iepbot (its Dialogue kept across rounds, as in a running bot) and the echo bot."""
    asyncio.run(_serve(connection, Path(data_dir)))


async def _serve(connection: Connection, data_dir: Path) -> None:
    services = Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY)
    services.check("warm up the checker", today=TODAY)
    parts = await open_parts(Settings(IEPBOT_DATA_DIR=data_dir), services=services)
    sender = Sender(MessageRenderer())
    loop = asyncio.get_running_loop()
    async with AsyncExitStack() as running:
        while (request := await loop.run_in_executor(None, connection.recv)) is not None:
            if isinstance(request, Start):
                application = _application(request, parts, sender)
                await running.enter_async_context(polling(application, poll_timeout=1))
                connection.send("polling")
            elif request == CPU:
                connection.send(time.process_time())
            elif request == STOP:
                await running.aclose()
                connection.send("stopped")
    await parts.close()


def _application(start: Start, parts: Parts, sender: Sender) -> Application[Any, Any, Any, Any, Any, Any]:
    if start.bot == "echo":
        echo_bot = ApplicationBuilder().token(start.token).base_url(start.base_url).build()
        echo_bot.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
        return echo_bot
    # No flood limit, as the echo bot has none: the figure is about our processing, not Telegram's limit.
    settings = Settings(TELEGRAM_TOKEN=start.token, TELEGRAM_API_URL=start.base_url)
    return build_bot(settings, dialogue=parts.dialogue, sender=sender, overall_max_rate=0)


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """python-telegram-bot's echo example."""
    assert update.message is not None
    assert update.message.text is not None
    await update.message.reply_text(update.message.text)
