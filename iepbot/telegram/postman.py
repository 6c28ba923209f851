"""Posted letters out to Telegram, in order per chat, each outcome told to the outbox.

Accepted: marked sent with Telegram's message id, never sent again. A fault that outlasts the sender's
retries (a 429 after the rate limiter's, a 5xx or network error after ours): the letter and the chat's later
ones stay in the outbox for the sweep, and the teacher sees no apology in their place. Refused for good (a
bad request, a blocked bot): dropped, since sending it again would fail the same way; a bad request in the
turn's own chat still reaches the error handler, which tells the teacher their work is saved.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from itertools import groupby

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from iepbot.dialogue.outbox import Outbox, Posted
from iepbot.telegram.sending import Sender

log = logging.getLogger(__name__)


class Postman:
    """Delivers posted letters with the `Sender` and records how each went in the `Outbox`."""

    def __init__(self, sender: Sender, outbox: Outbox, *, retry_after: float) -> None:
        self._sender = sender
        self._outbox = outbox
        self._retry_after = retry_after  # seconds before a letter that could not be sent is tried again

    async def deliver(self, bot: Bot, posted: Sequence[Posted]) -> None:
        """Send `posted` in order; a chat whose letter failed gets none of its later ones until the sweep."""
        refused: BadRequest | None = None
        held: set[int] = set()
        for item in posted:
            chat_id = item.letter.chat_id
            if chat_id in held:
                self._outbox.later(item.id, self._retry_after)
                continue
            try:
                message = await self._sender.send_letter(bot, item.letter)
            except Forbidden:
                log.warning("could not send to chat %s: the bot is blocked there", chat_id)
                self._outbox.refused(item.id)
            except BadRequest as error:
                log.error("Telegram refused a message to chat %s: %s", chat_id, type(error).__name__)
                self._outbox.refused(item.id)
                refused = refused or error
            except (RetryAfter, NetworkError) as error:
                wait = error.retry_after if isinstance(error, RetryAfter) else self._retry_after
                seconds = wait.total_seconds() if not isinstance(wait, int | float) else float(wait)
                log.warning("a reply to chat %s stays in the outbox after %s", chat_id, type(error).__name__)
                self._outbox.later(item.id, max(seconds, self._retry_after))
                held.add(chat_id)
            else:
                self._outbox.sent(item.id, message.message_id)
        if refused is not None:
            raise refused

    async def deliver_by_chat(self, bot: Bot, posted: Sequence[Posted]) -> None:
        """The sweep's letters: each chat's in order, the chats side by side, so one chat waiting out a 429
        does not hold back the others."""
        chats = [list(letters) for _, letters in groupby(sorted(posted, key=_chat_then_id), key=_chat)]
        outcomes = await asyncio.gather(*(self.deliver(bot, letters) for letters in chats), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException) and not isinstance(outcome, BadRequest):
                raise outcome


def _chat(posted: Posted) -> int:
    return posted.letter.chat_id


def _chat_then_id(posted: Posted) -> tuple[int, int]:
    return posted.letter.chat_id, posted.id
