"""Replies out to Telegram: rendered from templates, split to fit, with buttons, retried on faults.

Flood limits (HTTP 429) are waited out by PTB's `AIORateLimiter` (configured with retries in `app.py`);
this module retries what the limiter does not: network errors, timeouts and Telegram's 5xx answers, which
PTB raises as `NetworkError`.

Text replies become letters, saved in the outbox with the turn (`dialogue/outbox.py`). A reply with a plan
document attached is not a letter: the file is made from the plan when it is sent (it names a child, so it is
never copied into the outbox) and goes at once after the turn, best-effort — if the bot dies first, the
teacher presses the button again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from iepbot.dialogue.io import Attachment, Reply
from iepbot.dialogue.outbox import ButtonRows, Letter
from iepbot.documents.messages import MessageRenderer
from iepbot.documents.plan_files import PlanFiles, PlanFormat
from iepbot.documents.plan_view import Audience
from iepbot.documents.splitting import split_html

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 2.0, 5.0)  # seconds between attempts after a network error or 5xx answer
TELEGRAM_LIMIT = 4096
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
T = TypeVar("T")


class Sender:
    """Renders a turn's text replies into letters (a reply too long for one message goes as several) and sends
    them; it is the dialogue's `Postage`, so what is saved in the outbox is exactly what is sent. Replies with
    a plan document are sent as files."""

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

    def letters(self, chat_id: int, replies: Sequence[Reply]) -> list[Letter]:
        """Each text reply rendered and split to fit, its buttons under the last part; to `chat_id` unless the
        reply names another chat (a SENCo told of a submitted plan). Replies with a document are left out."""
        letters: list[Letter] = []
        for reply in replies:
            if reply.attachment is not None:
                continue
            target = reply.chat_id if reply.chat_id is not None else chat_id
            parts = split_html(self._renderer.render(reply), TELEGRAM_LIMIT)
            buttons = _rows(reply)
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
        await self.send_documents(bot, chat_id, replies)

    async def send_documents(self, bot: Bot, chat_id: int, replies: Sequence[Reply]) -> None:
        """The replies that carry a plan document, each as one file with the reply's text as its caption."""
        for reply in replies:
            if reply.attachment is not None:
                target = reply.chat_id if reply.chat_id is not None else chat_id
                await self._send_file(bot, target, reply, reply.attachment)

    async def send_letter(self, bot: Bot, letter: Letter) -> Message:
        """One message, retried on network errors and 5xx; Telegram's message on success."""
        keyboard = _keyboard(letter.buttons)

        def send() -> Awaitable[Message]:
            return bot.send_message(
                letter.chat_id,
                letter.text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,
                link_preview_options=_NO_PREVIEW,
            )

        return await self._with_retries("sendMessage", send)

    async def _send_file(self, bot: Bot, chat_id: int, reply: Reply, attachment: Attachment) -> None:
        """The plan rendered to a file and uploaded with the reply's text as its caption (one message)."""
        audience = Audience.PARENT if attachment.parent else Audience.STAFF
        made = self._files.make(attachment.document, PlanFormat(attachment.fmt), audience)
        caption = self._renderer.render(reply)
        keyboard = _keyboard(_rows(reply))

        def send() -> Awaitable[Message]:
            upload = InputFile(made.data, filename=made.filename)
            return bot.send_document(chat_id, upload, caption=caption, parse_mode=ParseMode.HTML, reply_markup=keyboard)

        await self._with_retries("sendDocument", send)

    async def _with_retries(self, method: str, send: Callable[[], Awaitable[T]]) -> T:
        for delay in (*self._retry_delays, None):
            try:
                return await send()
            except (RetryAfter, BadRequest):
                # RetryAfter: the rate limiter already waited and retried. BadRequest (a NetworkError in PTB)
                # will fail the same way again. Both are the caller's to decide.
                raise
            except NetworkError as error:
                if delay is None:
                    raise
                log.warning("%s failed (%s); retrying in %.1f s", method, type(error).__name__, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover


def _rows(reply: Reply) -> ButtonRows:
    """A reply's buttons as (label, data) rows: what a letter stores and a keyboard is made from."""
    return tuple(tuple((button.label, button.data) for button in row) for row in reply.buttons)


def _keyboard(buttons: ButtonRows) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in buttons]
    )
