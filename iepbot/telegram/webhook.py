"""Webhook mode that answers Telegram only once an update is handled, so a bot killed mid-turn loses nothing.

PTB's own `run_webhook` puts each update on a queue and answers Telegram at once: Telegram then forgets an
update the bot has not handled yet, and a bot killed at that moment loses the message (polling had the same
gap, closed in `confirming.py`). Here each POST is handled before it is answered — the turn committed and
its replies sent, or its failure reported by the error handler — in the same per-chat order as polling.
Telegram delivers again any update it got no answer for, and the dialogue recognises one it already handled
by its id.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from types import TracebackType
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Bot, Update
from telegram.ext import Application

from iepbot.telegram.confirming import HandledUpdates

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SHUTDOWN_PATIENCE = 30.0  # seconds to let updates in hand finish when stopping

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class _UpdatePost(tornado.web.RequestHandler):
    """One POST from Telegram: one update, answered 200 once handled."""

    def initialize(self, bot_application: AnyApplication, secret: str, in_hand: HandledUpdates) -> None:
        self._application = bot_application
        self._secret = secret
        self._in_hand = in_hand

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._secret.encode()):
            raise tornado.web.HTTPError(403)  # not from Telegram
        update = update_from(self.request.body, self._application.bot)
        if update is None:
            raise tornado.web.HTTPError(400)  # nothing Telegram should send again
        self._in_hand.fetched((update,))
        try:
            await self._application.update_processor.process_update(update, self._application.process_update(update))
        finally:
            self._in_hand.handled(update)

    def log_exception(
        self, kind: type[BaseException] | None, error: BaseException | None, _traceback: TracebackType | None
    ) -> None:
        """Never tornado's line with the request path, which is the webhook secret; a refusal is no fault."""
        if not isinstance(error, tornado.web.HTTPError):
            log.error("webhook update failed: %s", kind.__name__ if kind else "unknown error")


def update_from(body: bytes, bot: Bot) -> Update | None:
    """The update in a POST body, or None for a body that is not one."""
    try:
        data = json.loads(body)
        return Update.de_json(data, bot) if isinstance(data, dict) and "update_id" in data else None
    except (ValueError, TypeError, KeyError):
        return None


async def serve_webhook(
    application: AnyApplication,
    *,
    listen: str,
    port: int,
    url_path: str,
    webhook_url: str,
    secret: str,
    stop: asyncio.Event,
) -> None:
    """Run `application` behind a webhook until `stop` is set: PTB's `run_webhook` lifecycle (initialise, its
    `post_init`, start, stop, shut down, with their hooks), except that updates are answered once handled."""
    in_hand = HandledUpdates()  # the POSTs being handled, so a stop lets them finish first
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        route = (
            f"/{re.escape(url_path)}",
            _UpdatePost,
            {"bot_application": application, "secret": secret, "in_hand": in_hand},
        )
        # No access log: each line would carry the path, which is the secret.
        server = tornado.httpserver.HTTPServer(tornado.web.Application([route], log_function=_not_logged))
        server.listen(port, listen)
        try:
            # Listening first, so Telegram's first POST finds us. Left set when the bot stops, so Telegram holds
            # and retries what arrives while it is down.
            await application.bot.set_webhook(
                webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
            )
            await stop.wait()
        finally:
            server.stop()  # no new POSTs; those in hand finish, or are sent again by Telegram after a restart
            if not await in_hand.all_handled(SHUTDOWN_PATIENCE):
                log.warning(
                    "updates still being handled after %.0f s; stopping (Telegram sends them again)", SHUTDOWN_PATIENCE
                )
            await server.close_all_connections()
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def _not_logged(_handler: tornado.web.RequestHandler) -> None:
    """tornado's access log, switched off."""
