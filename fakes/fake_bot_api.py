"""A fake Telegram Bot API on 127.0.0.1 that the real PTB Application talks to in end-to-end tests.

Nothing in our tests may reach Telegram, yet a bot is only tested when its real `Application`, its
real HTTP requests and Telegram's real refusals are in the loop. So this server answers the methods
our bot uses, in Telegram's JSON shapes, and is as strict as Telegram: bad HTML, over-long text,
over-long callback data and unknown chats are refused with Telegram's 400s, so a test fails where a
school would have seen an error.

    with FakeBotApi() as server:                     # any thread, any loop, or none
        application = (
            ApplicationBuilder().token(server.token)
            .base_url(server.base_url).base_file_url(server.base_file_url).build()
        )
        ... start it polling (fakes/ptb.py: `async with polling(application)`) ...
        replies = await server.ask(ada, "/start")    # queue a message, wait for the bot's reply
        assert replies[0].text == "Welcome"
        server.click(ada, replies[0], "Next")        # press an inline button by its text

Waiting never sleeps: every change to the server's state resolves the futures of whoever waits for
it. Time-outs raise TimeoutError naming what the bot did send and which of its calls were refused.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar

from fakes.bot_api_http import BotApiHttpServer
from fakes.bot_api_state import BotApiState
from fakes.records import (
    CallbackAnswer,
    Chat,
    ChatRef,
    Incoming,
    RequestRecord,
    SentMessage,
    User,
    WebhookInfo,
    chat_id_of,
    private_chat_json,
)
from fakes.telegram_html import utf16_length

T = TypeVar("T")

DEFAULT_TOKEN = "5000000001:AAFakeTokenForIepbotEndToEndTests01"
BOT_USERNAME = "iep_test_bot"
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entities Telegram marks in a user's text, offsets in UTF-16 units."""
    return [
        {"type": "bot_command", "offset": utf16_length(text[: match.start()]), "length": utf16_length(match.group())}
        for match in _COMMAND.finditer(text)
    ]


class FakeBotApi:
    """One fake bot's Bot API: start it (or use `with`), point PTB at `base_url`, drive it from the test."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        username: str = BOT_USERNAME,
        first_name: str = "IEP Test Bot",
        clock: Callable[[], float] = time.time,
        default_timeout: float = 5.0,
        webhook_retry_delay: float = 0.05,
    ) -> None:
        bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": first_name, "username": username}
        self.token = token
        self.username = username
        self.default_timeout = default_timeout
        self._clock = clock
        self._state = BotApiState(token=token, bot_user=bot_user, clock=clock)
        self._http = BotApiHttpServer(self._state, webhook_retry_delay=webhook_retry_delay)

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Self:
        """Serve on a free 127.0.0.1 port from a thread of its own."""
        self._http.start()
        return self

    def stop(self) -> None:
        """Close every connection and the listening socket, and join the server's thread."""
        self._http.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._http.port

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder().base_url(...)`: PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For `ApplicationBuilder().base_file_url(...)`."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def url(self, method: str) -> str:
        """The full URL of one method, for raw HTTP requests."""
        return f"{self.base_url}{self.token}/{method}"

    @property
    def bot_id(self) -> int:
        return int(self.token.split(":")[0])

    # -- what users do (queued as updates; each returns the update's id and JSON) --------------

    def send_text(self, user: User, text: str, *, chat: Chat | None = None, reply_to: Any = None) -> Incoming:
        """A text message, with bot_command entities for commands such as "/start CODE"."""
        content: dict[str, Any] = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        if reply_to is not None:
            content["reply_to_message"] = self._message_json(reply_to)
        return self._queue_message(user, chat, content)

    def send_photo(
        self, user: User, *, caption: str | None = None, data: bytes = b"\xff\xd8fake jpeg", chat: Chat | None = None
    ) -> Incoming:
        """A photo (one size), its bytes downloadable through getFile."""
        stored = self._state.add_file("photos", data, mime_type="image/jpeg")
        size = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "width": 800, "height": 600}
        content: dict[str, Any] = {"photo": [size | {"file_size": len(data)}]}
        if caption is not None:
            content["caption"] = caption
        return self._queue_message(user, chat, content)

    def send_sticker(self, user: User, *, emoji: str = "👍", chat: Chat | None = None) -> Incoming:
        """A sticker, which a text-only bot must answer gracefully."""
        stored = self._state.add_file("stickers", b"RIFF fake webp", mime_type="image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._queue_message(user, chat, {"sticker": sticker})

    def send_voice(
        self, user: User, *, duration: int = 3, data: bytes = b"OggS fake opus", chat: Chat | None = None
    ) -> Incoming:
        """A voice note, its bytes downloadable through getFile."""
        stored = self._state.add_file("voice", data, mime_type="audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(data),
        }
        return self._queue_message(user, chat, {"voice": voice})

    def send_document(
        self,
        user: User,
        filename: str,
        data: bytes,
        *,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
        chat: Chat | None = None,
    ) -> Incoming:
        """A file the user uploads, its bytes downloadable through getFile."""
        stored = self._state.add_file("documents", data, filename=filename, mime_type=mime_type)
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": len(data),
        }
        content: dict[str, Any] = {"document": document}
        if caption is not None:
            content["caption"] = caption
        return self._queue_message(user, chat, content)

    def edit_text(self, original: Incoming, text: str) -> Incoming:
        """The user edits a message they sent: an edited_message update with the new text."""
        message = original.message
        message.pop("entities", None)
        message["text"] = text
        if entities := command_entities(text):
            message["entities"] = entities
        message["edit_date"] = int(self._clock())
        self._state.store_message(message)
        return self.queue_update({"edited_message": message})

    def press(self, user: User, message: SentMessage, data: str) -> Incoming:
        """Any user presses a button carrying `data` (even one not on the message: forged data is allowed)."""
        query = {
            "id": self._state.new_callback_query_id(),
            "from": user.to_json(),
            "message": self._state.message_json(message.chat_id, message.message_id),
            "chat_instance": str(abs(message.chat_id) * 1000 + 7),
            "data": data,
        }
        return self.queue_update({"callback_query": query})

    def click(self, user: User, message: SentMessage, button_text: str) -> Incoming:
        """Press the inline button with this text, as a user's Telegram app would."""
        button = message.button(button_text)
        if button.callback_data is None:
            raise LookupError(f"button {button_text!r} opens a URL; it sends no callback")
        return self.press(user, message, button.callback_data)

    def redeliver(self, incoming: Incoming | int) -> Incoming:
        """Deliver an update again with the same update_id, as Telegram does after a crash or a webhook error.

        Delivered on the next getUpdates whatever offset the bot sends (or to the webhook), then confirmed
        like any other update.
        """
        update_id = incoming if isinstance(incoming, int) else incoming.update_id
        update = self._state.redeliver(update_id)
        self._http.kick()
        return Incoming(update_id, update)

    def queue_update(self, update: dict[str, Any]) -> Incoming:
        """Queue any update given as Bot API JSON without its update_id, for kinds with no helper."""
        update_id, full = self._state.enqueue(update)
        self._http.kick()
        return Incoming(update_id, full)

    def register_chat(self, chat: User | Chat) -> None:
        """Let the bot write to a chat nobody wrote from in this test (the user started the bot earlier)."""
        self._state.register_chat(private_chat_json(chat) if isinstance(chat, User) else chat.to_json())

    def block_bot(self, user: User) -> None:
        """The user blocks the bot: sending to them is refused with Telegram's 403."""
        self._state.set_blocked(user.id, True)

    def unblock_bot(self, user: User) -> None:
        self._state.set_blocked(user.id, False)

    def _queue_message(self, user: User, chat: Chat | None, content: dict[str, Any]) -> Incoming:
        chat_json = private_chat_json(user) if chat is None else chat.to_json()
        self._state.register_chat(chat_json)
        message = {
            "message_id": self._state.next_message_id(chat_json["id"]),
            "from": user.to_json(),
            "chat": chat_json,
            "date": int(self._clock()),
            **content,
        }
        self._state.store_message(message)
        return self.queue_update({"message": message})

    def _message_json(self, message: Any) -> dict[str, Any]:
        if isinstance(message, Incoming):
            return message.message
        if isinstance(message, SentMessage):
            return self._state.message_json(message.chat_id, message.message_id)
        raise TypeError(f"reply_to takes an Incoming or a SentMessage, not {type(message).__name__}")

    # -- what the bot did ----------------------------------------------------------------------

    def messages(self, chat: ChatRef) -> list[SentMessage]:
        """The bot's messages in a chat, oldest first, each as it is now (edits applied, deletions gone)."""
        return self._state.sent(chat_id_of(chat))

    def last_message(self, chat: ChatRef) -> SentMessage:
        sent = self.messages(chat)
        if not sent:
            raise LookupError(f"the bot sent nothing to chat {chat_id_of(chat)}")
        return sent[-1]

    def callback_answer(self, incoming: Incoming) -> CallbackAnswer | None:
        """The bot's answer to a pressed button, or None while it has not answered."""
        return self._state.answer(incoming.callback_query_id)

    def callback_answers(self) -> list[CallbackAnswer]:
        return self._state.answers()

    def requests(self, method: str | None = None) -> list[RequestRecord]:
        """Every call the bot made (or only calls of `method`), with the status it got."""
        return [r for r in self._state.requests() if method is None or r.method.lower() == method.lower()]

    def refused_requests(self) -> list[RequestRecord]:
        """Calls the server refused on its own account (injected faults excluded): a healthy bot has none."""
        return [r for r in self._state.requests() if r.status >= 400 and not r.injected]

    def commands(self, *, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, str]]:
        """The command list the bot set for a scope (default scope unless given)."""
        return self._state.commands(scope or {"type": "default"}, language_code)

    def webhook_info(self) -> WebhookInfo:
        return self._state.webhook_info()

    @property
    def pending_update_count(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        return self._state.pending_update_count

    @property
    def is_long_polling(self) -> bool:
        """True while a getUpdates call is waiting for an update."""
        with self._state.lock:
            return self._state.polling

    # -- waiting (never by sleeping) -----------------------------------------------------------

    async def wait_for(self, predicate: Callable[[], T | None], *, timeout: float | None = None, what: str = "") -> T:
        """Wait on the running loop until `predicate()` is truthy and return its value."""
        limit = self.default_timeout if timeout is None else timeout
        result = await self._state.wait(predicate, limit)
        if result is None:
            raise TimeoutError(self._timeout_report(what or "the condition", limit))
        return result

    def wait_for_blocking(
        self, predicate: Callable[[], T | None], *, timeout: float | None = None, what: str = ""
    ) -> T:
        """As wait_for, blocking this thread: for scripts and threads without an event loop."""
        limit = self.default_timeout if timeout is None else timeout
        result = self._state.wait_blocking(predicate, limit)
        if result is None:
            raise TimeoutError(self._timeout_report(what or "the condition", limit))
        return result

    async def wait_for_messages(self, chat: ChatRef, count: int, *, timeout: float | None = None) -> list[SentMessage]:
        """Wait until the bot has `count` messages in the chat (in all) and return them all."""

        def enough() -> list[SentMessage] | None:
            return self.messages(chat) if self._state.sent_count(chat_id_of(chat)) >= count else None

        return await self.wait_for(enough, timeout=timeout, what=f"{count} bot message(s) in chat {chat_id_of(chat)}")

    async def ask(
        self, user: User, text: str, *, chat: Chat | None = None, replies: int = 1, timeout: float | None = None
    ) -> list[SentMessage]:
        """Send a text and return the next `replies` messages the bot sends to that chat."""
        target: ChatRef = chat if chat is not None else user
        before = len(self.messages(target))
        self.send_text(user, text, chat=chat)
        sent = await self.wait_for_messages(target, before + replies, timeout=timeout)
        return sent[before : before + replies]

    async def wait_for_callback_answer(self, incoming: Incoming, *, timeout: float | None = None) -> CallbackAnswer:
        """Wait until the bot answers the pressed button (Telegram shows a spinner until it does)."""
        return await self.wait_for(
            lambda: self.callback_answer(incoming), timeout=timeout, what=f"an answer to update {incoming.update_id}"
        )

    async def wait_until_polling(self, *, timeout: float | None = None) -> None:
        """Wait until the bot's getUpdates is waiting, i.e. it has started and drained the queue."""
        await self.wait_for(lambda: self.is_long_polling, timeout=timeout, what="a waiting getUpdates")

    def _timeout_report(self, what: str, timeout: float) -> str:
        calls = ", ".join(f"{r.method} {r.status}" for r in self._state.requests()[-10:]) or "none"
        refused = "".join(f"\n  {r.method}: {r.description}" for r in self.refused_requests()) or " none"
        return f"fake Bot API: waited {timeout} s for {what}.\nLast calls: {calls}\nRefused calls:{refused}"

    # -- faults --------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 500,
        retry_after: float | None = None,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """Refuse the next `times` calls of `method` with `status`, in Telegram's error shape.

        429 carries `retry_after` (default 1 s). PTB raises RetryAfter only for a positive value (it reads 0
        as "no retry_after" and raises NetworkError), so 0 is refused here; a fraction such as 0.05 keeps a
        test of a retrying bot fast, though Telegram itself sends whole seconds.
        """
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            if retry_after <= 0:
                raise ValueError("retry_after must be positive: PTB treats 0 as absent")
        self._state.add_fault(method, status=status, description=description, retry_after=retry_after, times=times)

    def drop_next(self, method: str, *, times: int = 1) -> None:
        """Close the connection of the next `times` calls of `method` without answering (PTB: NetworkError)."""
        self._state.add_fault(method, status=None, description=None, retry_after=None, times=times)

    def slow_down(self, method: str, *, seconds: float, times: int = 1) -> None:
        """Answer the next `times` calls of `method` as usual, but each `seconds` late: a slow Telegram."""
        if seconds <= 0:
            raise ValueError("seconds must be positive")
        self._state.add_fault(method, status=None, description=None, retry_after=None, times=times, delay=seconds)
