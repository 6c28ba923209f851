"""Replies out to Telegram: rendered from templates, split to fit, with buttons, retried on faults.

Flood limits (HTTP 429) are waited out by PTB's `AIORateLimiter` (configured with retries in `app.py`);
this module retries what the limiter does not: network errors, timeouts and Telegram's 5xx answers, which
PTB raises as `NetworkError`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from iepbot.dialogue.io import Reply
from iepbot.dialogue.outbox import ButtonRows, Letter
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.splitting import split_html

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 2.0, 5.0)  # seconds between attempts after a network error or 5xx answer
TELEGRAM_LIMIT = 4096
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Sender:
    """Renders a turn's replies into letters (a reply too long for one message goes as several) and sends
    them; it is the dialogue's `Postage`, so what is saved in the outbox is exactly what is sent."""

    def __init__(self, renderer: MessageRenderer, *, retry_delays: Sequence[float] = RETRY_DELAYS) -> None:
        self._renderer = renderer
        self._retry_delays = tuple(retry_delays)

    def letters(self, chat_id: int, replies: Sequence[Reply]) -> list[Letter]:
        """Each reply rendered and split to fit, its buttons under the last part; to `chat_id` unless the
        reply names another chat (a SENCo told of a submitted plan)."""
        letters: list[Letter] = []
        for reply in replies:
            target = reply.chat_id if reply.chat_id is not None else chat_id
            parts = split_html(self._renderer.render(reply), TELEGRAM_LIMIT)
            buttons = tuple(tuple((button.label, button.data) for button in row) for row in reply.buttons)
            letters.extend(Letter(target, part, buttons if n == len(parts) else ()) for n, part in enumerate(parts, 1))
        return letters

    async def send(self, bot: Bot, chat_id: int, replies: Sequence[Reply]) -> None:
        """Send replies that were not posted (a stranger's, a group's, the error notice): best-effort."""
        for letter in self.letters(chat_id, replies):
            try:
                await self.send_letter(bot, letter)
            except Forbidden:
                if letter.chat_id == chat_id:
                    raise
                log.warning("could not notify chat %s: the bot is blocked there", letter.chat_id)

    async def send_letter(self, bot: Bot, letter: Letter) -> Message:
        """One message, retried on network errors and 5xx; Telegram's message on success."""
        keyboard = _keyboard(letter.buttons)
        for delay in (*self._retry_delays, None):
            try:
                return await bot.send_message(
                    letter.chat_id,
                    letter.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard,
                    link_preview_options=_NO_PREVIEW,
                )
            except (RetryAfter, BadRequest):
                # RetryAfter: the rate limiter already waited and retried. BadRequest (a NetworkError in PTB)
                # will fail the same way again. Both are the caller's to decide.
                raise
            except NetworkError as error:
                if delay is None:
                    raise
                log.warning("sendMessage failed (%s); retrying in %.1f s", type(error).__name__, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover


def _keyboard(buttons: ButtonRows) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in buttons]
    )
