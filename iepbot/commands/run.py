"""`iepbot run`: the Telegram bot, by long polling, or behind a webhook for a deployment."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telegram.ext import Application

    from iepbot.config import Settings
    from iepbot.storage.storage import Storage


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `run` to the command line."""
    parser = subparsers.add_parser("run", help="run the Telegram bot (long polling, or --webhook)")
    parser.add_argument("--webhook", metavar="URL", help="public HTTPS URL Telegram should post updates to")
    parser.add_argument(
        "--listen", type=_host_port, default=("127.0.0.1", 8443), metavar="HOST:PORT", help="where the webhook listens"
    )
    parser.set_defaults(handler=run_bot)


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError("use HOST:PORT, for example 0.0.0.0:8443")
    return host, int(port)


def run_bot(args: argparse.Namespace) -> int:
    """Check the settings, then hand the process to PTB until it is stopped (Ctrl+C or SIGTERM)."""
    # PTB 22 warns on every RetryAfter unless told to use timedelta periods, which we are ready for.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    from iepbot.config import load_settings, telegram_token, webhook_secret
    from iepbot.telegram.app import build_application, quiet_http_logs

    settings = load_settings()
    token = telegram_token(settings)
    secret = webhook_secret(settings) if args.webhook else ""  # checked before anything starts
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    quiet_http_logs()
    application = build_application(token, api_url=settings.telegram_api_url)
    application.post_init = _starter(settings)
    application.post_shutdown = _closer
    from telegram import Update

    if args.webhook:
        host, port = args.listen
        path = secret[:32]
        webhook_url = f"{args.webhook.rstrip('/')}/{path}"
        asyncio.run(
            _serve_until_signalled(
                application, listen=host, port=port, url_path=path, webhook_url=webhook_url, secret=secret
            )
        )
    else:
        # Updates sent while the bot was down wait at Telegram and are fetched now: never dropped.
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    return 0


async def _serve_until_signalled(application: Application, **options: Any) -> None:  # type: ignore[type-arg]
    """Serve the webhook until Ctrl+C or SIGTERM, as PTB's `run_webhook` would, answering each update to
    Telegram only once it is handled (`iepbot.telegram.webhook`)."""
    from iepbot.telegram.webhook import serve_webhook

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve_webhook(application, stop=stop, **options)


def _starter(settings: Settings) -> Callable[[Application], Coroutine[Any, Any, None]]:  # type: ignore[type-arg]
    """PTB's post_init: open storage and load the checker and bank inside PTB's event loop."""

    async def start(application: Application) -> None:  # type: ignore[type-arg]
        from iepbot.dialogue.engine import Dialogue
        from iepbot.dialogue.services import load_services
        from iepbot.documents.messages import MessageRenderer
        from iepbot.storage.opening import open_storage
        from iepbot.telegram.bot import TelegramFrontDoor
        from iepbot.telegram.sending import Sender

        storage = await open_storage(settings)
        application.bot_data["storage"] = storage
        services = load_services(bot_username=application.bot.username)
        TelegramFrontDoor(Dialogue(storage, services), Sender(MessageRenderer())).install(application)
        logging.getLogger(__name__).info("iepbot is running as @%s", application.bot.username)

    return start


async def _closer(application: Application) -> None:  # type: ignore[type-arg]
    storage: Storage | None = application.bot_data.get("storage")
    if storage is not None:
        await storage.close()
