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
        held: dict[int, float] = {}  # chats whose letter failed: seconds before their letters are tried again
        later: list[tuple[int, float]] = []
        for item in posted:
            chat_id = item.letter.chat_id
            if chat_id in held:
                later.append((item.id, held[chat_id]))
                continue
            try:
                message = await self._sender.send_letter(bot, item.letter)
            except Forbidden:
                log.warning("could not send to chat %s: the bot is blocked there", chat_id)
                await self._outbox.refused(item.id)
            except BadRequest as error:
                log.error("Telegram refused a message to chat %s: %s", chat_id, type(error).__name__)
                await self._outbox.refused(item.id)
                refused = refused or error
            except (RetryAfter, NetworkError) as error:
                log.warning("a reply to chat %s stays in the outbox after %s", chat_id, type(error).__name__)
                held[chat_id] = max(_seconds(error), self._retry_after)
                later.append((item.id, held[chat_id]))
            else:
                self._outbox.sent(item.id, message.message_id)
        for seconds in sorted(set(held.values())):
            await self._outbox.later([row for row, wait in later if wait == seconds], seconds)
        if refused is not None:
            raise refused

    async def deliver_by_chat(self, bot: Bot, posted: Sequence[Posted]) -> None:
        """The sweep's letters: each chat's in order, the chats side by side, so one chat waiting out a 429
        does not hold back the others."""
        chats = [list(letters) for _, letters in groupby(sorted(posted, key=_chat), key=_chat)]  # stable: in order
        outcomes = await asyncio.gather(*(self.deliver(bot, letters) for letters in chats), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException) and not isinstance(outcome, BadRequest):
                raise outcome


def _seconds(error: NetworkError | RetryAfter) -> float:
    """The wait Telegram asked for (a 429), or none."""
    if not isinstance(error, RetryAfter):
        return 0.0
    wait = error.retry_after
    return float(wait) if isinstance(wait, int | float) else wait.total_seconds()


def _chat(posted: Posted) -> int:
    return posted.letter.chat_id
