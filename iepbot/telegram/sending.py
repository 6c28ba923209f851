"""Replies out to Telegram: rendered from templates, split to fit, with buttons, retried on faults.

Flood limits (HTTP 429) are waited out by PTB's `AIORateLimiter` (configured with retries in `app.py`);
this module retries what the limiter does not: network errors, timeouts and Telegram's 5xx answers, which
PTB raises as `NetworkError`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from iepbot.dialogue.io import Attachment, Reply
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.plan_files import PlanFiles, PlanFormat
from iepbot.documents.plan_view import Audience
from iepbot.documents.splitting import split_html

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 2.0, 5.0)  # seconds between attempts after a network error or 5xx answer
TELEGRAM_LIMIT = 4096
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Sender:
    """Sends a turn's replies in order; a reply too long for one message goes as several."""

    def __init__(
        self,
        renderer: MessageRenderer,
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        files: PlanFiles | None = None,
    ) -> None:
        """`files` renders plan documents (tests may pass their own)."""
        self._renderer = renderer
        self._retry_delays = tuple(retry_delays)
        self._files = files if files is not None else PlanFiles()

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
        keyboard = _keyboard(reply)
        if reply.attachment is not None:
            await self._send_file(bot, chat_id, reply, reply.attachment, keyboard)
            return
        parts = split_html(self._renderer.render(reply), TELEGRAM_LIMIT)
        for number, part in enumerate(parts, start=1):
            markup = keyboard if number == len(parts) else None

            def send(text: str = part, markup: InlineKeyboardMarkup | None = markup) -> Awaitable[object]:
                return bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=_NO_PREVIEW
                )

            await self._with_retries("sendMessage", send)

    async def _send_file(
        self, bot: Bot, chat_id: int, reply: Reply, attachment: Attachment, keyboard: InlineKeyboardMarkup | None
    ) -> None:
        """The plan rendered to a file and uploaded with the reply's text as its caption (one message)."""
        audience = Audience.PARENT if attachment.parent else Audience.STAFF
        made = self._files.make(attachment.document, PlanFormat(attachment.fmt), audience)
        caption = self._renderer.render(reply)

        def send() -> Awaitable[object]:
            upload = InputFile(made.data, filename=made.filename)
            return bot.send_document(chat_id, upload, caption=caption, parse_mode=ParseMode.HTML, reply_markup=keyboard)

        await self._with_retries("sendDocument", send)

    async def _with_retries(self, method: str, send: Callable[[], Awaitable[object]]) -> None:
        for delay in (*self._retry_delays, None):
            try:
                await send()
                return
            except (RetryAfter, BadRequest):
                # RetryAfter: the rate limiter already waited and retried. BadRequest (a NetworkError in PTB)
                # will fail the same way again. Both go to the error handler.
                raise
            except NetworkError as error:
                if delay is None:
                    raise
                log.warning("%s failed (%s); retrying in %.1f s", method, type(error).__name__, delay)
                await asyncio.sleep(delay)


def _keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button.label, callback_data=button.data) for button in row] for row in reply.buttons]
    )
