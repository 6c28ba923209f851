"""Builds the python-telegram-bot `Application`: rate limiter with retries, per-chat ordering, updates
confirmed to Telegram only once handled, base URL, typed bot data. `iepbot.bot.build_bot` adds the rest."""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import AIORateLimiter, ApplicationBuilder
from telegram.request import HTTPXRequest

from iepbot.telegram.confirming import ConfirmWhenHandled, HandledUpdates
from iepbot.telegram.context import CONTEXT_TYPES, BotApplication
from iepbot.telegram.ordering import PerChatOrder

RATE_LIMIT_RETRIES = 3  # AIORateLimiter's default is none: a 429 would lose the reply
# Connections for sending. Telegram lets a bot send about 30 messages a second, which 4 connections carry at
# a round trip of up to ~130 ms; more make every request dearer, because httpcore's pool looks at each
# connection it holds (a socket poll for each idle one) and each queued request whenever a request starts
# or ends (encode/httpcore#928, #1035) — measured in bench/bot.py, 4 beat 8, 16 and 256. Sends beyond them
# wait their turn, for up to SEND_QUEUE_PATIENCE seconds (PTB's own pool timeout is 1 s).
SEND_CONNECTIONS = 4
SEND_QUEUE_PATIENCE = 30.0


def build_application(
    token: str,
    *,
    api_url: str | None = None,
    overall_max_rate: float = 30,
    max_concurrent_updates: int = 256,
) -> BotApplication:
    """An Application for `token`, talking to `api_url` (a local Bot API server, or the tests' fake).

    `overall_max_rate` is Telegram's flood limit of about 30 messages a second across all chats; the
    benchmark lowers nothing but may raise it to compare with a bot that has no limiter.
    """
    handled = HandledUpdates()
    urls: dict[str, Any] = {}  # PTB's own defaults (api.telegram.org) unless told otherwise
    if api_url:
        urls = {"base_url": api_url, "base_file_url": api_url.replace("/bot", "/file/bot", 1)}
    bot = ConfirmWhenHandled(
        token,
        handled=handled,
        rate_limiter=AIORateLimiter(overall_max_rate=overall_max_rate, max_retries=RATE_LIMIT_RETRIES),
        request=HTTPXRequest(connection_pool_size=SEND_CONNECTIONS, pool_timeout=SEND_QUEUE_PATIENCE),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        **urls,
    )
    return (
        ApplicationBuilder()
        .bot(bot)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatOrder(max_concurrent_updates, on_handled=handled.handled))
        .build()
    )


def quiet_http_logs() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs contain the token: keep it to warnings."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
