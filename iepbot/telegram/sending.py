"""Replies out to Telegram: rendered from templates, split to fit, with buttons, retried on faults.

Flood limits (HTTP 429) are waited out by PTB's `AIORateLimiter` (configured with retries in `app.py`);
this module retries what the limiter does not: network errors, timeouts and Telegram's 5xx answers, which
PTB raises as `NetworkError`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from iepbot.dialogue.io import Reply
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.splitting import split_html

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 2.0, 5.0)  # seconds between attempts after a network error or 5xx answer
TELEGRAM_LIMIT = 4096
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Sender:
    """Sends a turn's replies in order; a reply too long for one message goes as several."""

    def __init__(self, renderer: MessageRenderer, *, retry_delays: Sequence[float] = RETRY_DELAYS) -> None:
        self._renderer = renderer
        self._retry_delays = tuple(retry_delays)

    async def send(self, bot: Bot, chat_id: int, replies: Sequence[Reply]) -> None:
        for reply in replies:
            target = reply.chat_id if reply.chat_id is not None else chat_id
            try:
                await self._send_one(bot, target, reply)
            except Forbidden:
                if target == chat_id:
                    raise
                # Someone we notify (a SENCo) has blocked the bot: the teacher's own turn still succeeds.
                log.warning("could not notify chat %s: the bot is blocked there", target)

    async def _send_one(self, bot: Bot, chat_id: int, reply: Reply) -> None:
        parts = split_html(self._renderer.render(reply), TELEGRAM_LIMIT)
        keyboard = _keyboard(reply)
        for number, part in enumerate(parts, start=1):
            await self._with_retries(bot, chat_id, part, keyboard if number == len(parts) else None)

    async def _with_retries(self, bot: Bot, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
        for delay in (*self._retry_delays, None):
            try:
                await bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=_NO_PREVIEW
                )
                return
            except (RetryAfter, BadRequest):
                # RetryAfter: the rate limiter already waited and retried. BadRequest (a NetworkError in PTB)
                # will fail the same way again. Both go to the error handler.
                raise
            except NetworkError as error:
                if delay is None:
                    raise
                log.warning("sendMessage failed (%s); retrying in %.1f s", type(error).__name__, delay)
                await asyncio.sleep(delay)


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button.label, callback_data=button.data) for button in row] for row in reply.buttons]
    )
