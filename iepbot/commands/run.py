"""`iepbot run`: the Telegram bot, by long polling, or behind a webhook for a deployment."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from iepbot.telegram.context import BotApplication


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
    from iepbot.bot import build_bot
    from iepbot.commands.db import warn_if_readable
    from iepbot.config import load_settings, telegram_token, webhook_secret
    from iepbot.telegram.app import quiet_http_logs

    settings = load_settings()
    warn_if_readable(settings)
    telegram_token(settings)  # checked before anything starts
    secret = webhook_secret(settings) if args.webhook else ""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    quiet_http_logs()
    application = build_bot(settings, sole_sender=not args.webhook)
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


async def _serve_until_signalled(application: BotApplication, **options: Any) -> None:
    """Serve the webhook until Ctrl+C or SIGTERM, as PTB's `run_webhook` would, answering each update to
    Telegram only once it is handled (`iepbot.telegram.webhook`)."""
    from iepbot.telegram.webhook import serve_webhook

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve_webhook(application, stop=stop, **options)
