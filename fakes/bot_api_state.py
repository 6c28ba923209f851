"""The fake Bot API's state and Telegram's methods over it, with no HTTP and no event loop.

Two threads touch this state: the server's (answering the bot) and the test's (queuing updates,
reading replies). One re-entrant lock guards it, and every change wakes whoever waits: threads on a
Condition, coroutines on any event loop through futures resolved with `call_soon_threadsafe`. So a
test waits for the bot's reply without polling or sleeping.

Methods raise ApiError with Telegram's status and wording; where Telegram has no wording for a check
we added (see telegram_html), ours says so by naming the fake Bot API.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import mimetypes
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fakes.records import CallbackAnswer, RequestRecord, SentDocument, SentMessage, WebhookInfo
from fakes.telegram_html import HtmlParseError, ParsedText, parse_html, trim, utf16_length

T = TypeVar("T")

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
_INTEGERS = frozenset(
    {"offset", "limit", "message_id", "max_connections", "cache_time", "reply_to_message_id", "user_id"}
)
_BOOLEANS = frozenset(
    {"drop_pending_updates", "show_alert", "disable_notification", "protect_content", "allow_sending_without_reply"}
)
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "link_preview_options",
        "reply_parameters",
    }
)
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class ApiError(Exception):
    """A refusal in Telegram's shape: HTTP status, description and optional response parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON Telegram answers with."""
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """Telegram's 400, which PTB raises as telegram.error.BadRequest."""
    return ApiError(400, f"Bad Request: {reason}")


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    data: bytes
    content_type: str | None


@dataclass(frozen=True)
class StoredFile:
    """A file the server can hand out through getFile and the file URL."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    filename: str | None
    mime_type: str | None


@dataclass
class _Pending:
    update_id: int
    update: dict[str, Any]
    forced: bool = False


@dataclass
class Fault:
    """A failure a test queued for the next calls of one method; status None drops the connection, unless
    `delay` is set: then the call is answered as usual, `delay` seconds late (a slow Telegram)."""

    method: str
    status: int | None
    description: str | None
    retry_after: float | None
    remaining: int
    delay: float = 0.0


@dataclass
class _AsyncWaiter:
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    predicate: Callable[[], Any]


@dataclass
class _Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


def coerce_params(params: dict[str, Any]) -> dict[str, Any]:
    """Typed parameters from a form (all strings, JSON for objects, as PTB sends) or a JSON body."""
    typed: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, str) and name in _INTEGERS:
            try:
                typed[name] = int(value)
            except ValueError:
                raise bad_request(f"invalid {name} specified") from None
        elif isinstance(value, str) and name == "timeout":
            try:  # Telegram wants whole seconds; a fraction keeps tests of an empty long poll fast
                typed[name] = float(value)
            except ValueError:
                raise bad_request("invalid timeout specified") from None
        elif isinstance(value, str) and name in _BOOLEANS:
            typed[name] = value.lower() in {"true", "1"}
        elif isinstance(value, str) and name in _JSON_FIELDS:
            try:
                typed[name] = json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name.replace('_', ' ')} JSON object") from None
        elif name == "chat_id" and isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            typed[name] = int(value)
        else:
            typed[name] = value
    return typed


def _update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


class BotApiState:
    """Chats, messages, files, the update queue and the request log of one fake bot, behind one lock."""

    def __init__(self, *, token: str, bot_user: dict[str, Any], clock: Callable[[], float]) -> None:
        self.token = token
        self.bot_user = bot_user
        self.clock = clock
        self.lock = threading.RLock()
        self._changed = threading.Condition(self.lock)
        self._async_waiters: list[_AsyncWaiter] = []
        self._next_update_id = 1000
        self._pending: list[_Pending] = []
        self._queued: dict[int, dict[str, Any]] = {}
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._next_message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._sent_order: dict[int, list[int]] = {}
        self._queries: dict[str, bool] = {}
        self._answers: dict[str, CallbackAnswer] = {}
        self._files: dict[str, StoredFile] = {}
        self._file_paths: dict[str, StoredFile] = {}
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._faults: list[Fault] = []
        self._requests: list[RequestRecord] = []
        self.webhook: _Webhook | None = None
        self.polling = False

    # -- change notification -------------------------------------------------------------------

    def changed(self) -> None:
        """Wake every waiter whose condition now holds; call with the lock held, after any change."""
        self._changed.notify_all()
        for waiter in list(self._async_waiters):
            if waiter.future.done():
                continue
            try:
                result = waiter.predicate()
            except Exception as exc:  # the waiting test gets its own predicate's error
                waiter.loop.call_soon_threadsafe(_settle, waiter.future, None, exc)
                self._async_waiters.remove(waiter)
                continue
            if result:
                waiter.loop.call_soon_threadsafe(_settle, waiter.future, result, None)
                self._async_waiters.remove(waiter)

    def wait_blocking(self, predicate: Callable[[], T | None], timeout: float) -> T | None:
        """Block this thread until `predicate()` is truthy (its value) or `timeout` passes (None)."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout) or None

    async def wait(self, predicate: Callable[[], T | None], timeout: float) -> T | None:
        """Wait on the running loop until `predicate()` is truthy (its value) or `timeout` passes (None)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T | None] = loop.create_future()
        with self.lock:
            result = predicate()
            if result:
                return result
            waiter = _AsyncWaiter(loop, future, predicate)
            self._async_waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            with self.lock:
                if waiter in self._async_waiters:
                    self._async_waiters.remove(waiter)

    # -- the update queue ----------------------------------------------------------------------

    def enqueue(self, update: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Queue an update (without its id) and return its id and the full update."""
        with self.lock:
            update_id = self._next_update_id
            self._next_update_id += 1
            full = {"update_id": update_id, **update}
            self._queued[update_id] = full
            self._pending.append(_Pending(update_id, full))
            self.changed()
            return update_id, full

    def redeliver(self, update_id: int) -> dict[str, Any]:
        """Queue an update again with its old id, delivered next whatever the bot's offset."""
        with self.lock:
            update = self._queued[update_id]
            ids = [pending.update_id for pending in self._pending]
            self._pending.insert(bisect.bisect_right(ids, update_id), _Pending(update_id, update, forced=True))
            self.changed()
            return update

    def take_updates(self, offset: int, limit: int, allowed_updates: list[str] | None) -> list[dict[str, Any]]:
        """getUpdates without the waiting: confirm by offset, filter by type, return the oldest `limit`."""
        with self.lock:
            if allowed_updates is not None:
                self._allowed_updates = frozenset(allowed_updates) if allowed_updates else DEFAULT_ALLOWED_UPDATES
            if offset < 0:
                self._pending = self._pending[offset:]
            elif offset > 0:
                self._pending = [p for p in self._pending if p.update_id >= offset or p.forced]
            self._pending = [p for p in self._pending if _update_type(p.update) in self._allowed_updates]
            batch = self._pending[: min(max(limit, 1), 100)]
            for pending in batch:
                pending.forced = False
            self.changed()
            return [pending.update for pending in batch]

    def next_webhook_update(self) -> dict[str, Any] | None:
        """The oldest update still to be delivered to the webhook, if one is set."""
        with self.lock:
            self._pending = [p for p in self._pending if _update_type(p.update) in self._allowed_updates]
            return self._pending[0].update if self.webhook and self._pending else None

    def webhook_result(self, update: dict[str, Any], error: str | None) -> None:
        """Confirm a delivered update, or record why the webhook refused it (it stays queued)."""
        with self.lock:
            if error is None:
                index = next((i for i, p in enumerate(self._pending) if p.update is update), None)
                if index is not None:
                    del self._pending[index]
            elif self.webhook is not None:
                self.webhook.last_error_date = int(self.clock())
                self.webhook.last_error_message = error
            self.changed()

    @property
    def pending_update_count(self) -> int:
        with self.lock:
            return len(self._pending)

    def set_polling(self, polling: bool) -> None:
        """Mark whether a long poll is waiting, so tests can wait until the bot is listening."""
        with self.lock:
            self.polling = polling
            self.changed()

    # -- chats and messages the test side creates ----------------------------------------------

    def register_chat(self, chat: dict[str, Any]) -> None:
        """Make a chat known, as Telegram knows a chat once someone in it wrote to the bot."""
        with self.lock:
            self._chats[chat["id"]] = chat
            self.changed()

    def set_blocked(self, chat_id: int, blocked: bool) -> None:
        with self.lock:
            (self._blocked.add if blocked else self._blocked.discard)(chat_id)

    def next_message_id(self, chat_id: int) -> int:
        """Message ids count up per chat, shared by the user's and the bot's messages, as on Telegram."""
        with self.lock:
            message_id = self._next_message_ids.get(chat_id, 1)
            self._next_message_ids[chat_id] = message_id + 1
            return message_id

    def store_message(self, message: dict[str, Any]) -> None:
        """Remember a message a user sent, so the bot can reply to it."""
        with self.lock:
            self._messages[(message["chat"]["id"], message["message_id"])] = message

    def message_json(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The current Bot API JSON of a message, as a callback query carries it."""
        with self.lock:
            try:
                return dict(self._messages[(chat_id, message_id)])
            except KeyError:
                raise LookupError(f"no message {message_id} in chat {chat_id} (deleted, or never sent)") from None

    def new_callback_query_id(self) -> str:
        with self.lock:
            query_id = str(4_000_000_000_000_000 + len(self._queries))
            self._queries[query_id] = False
            return query_id

    def add_file(
        self, kind: str, data: bytes, *, filename: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        """Store a file under fresh ids, reachable through getFile and the file URL."""
        with self.lock:
            number = len(self._files) + 1
            extension = (mimetypes.guess_extension(mime_type or "") or "") if filename is None else ""
            suffix = filename.rsplit(".", 1)[-1] if filename and "." in filename else extension.lstrip(".")
            stored = StoredFile(
                file_id=f"{kind[:4].upper()}AgADfake{number:06d}",
                file_unique_id=f"AQADfake{number:06d}",
                file_path=f"{kind}/file_{number}{'.' + suffix if suffix else ''}",
                data=data,
                filename=filename,
                mime_type=mime_type,
            )
            self._files[stored.file_id] = stored
            self._file_paths[stored.file_path] = stored
            return stored

    def file_at(self, path: str) -> StoredFile | None:
        with self.lock:
            return self._file_paths.get(path)

    # -- what tests read -----------------------------------------------------------------------

    def sent(self, chat_id: int) -> list[SentMessage]:
        with self.lock:
            return [self._sent[(chat_id, mid)] for mid in self._sent_order.get(chat_id, [])]

    def sent_count(self, chat_id: int) -> int:
        """How many messages the bot has in a chat, without copying them: waiters ask this on every change."""
        with self.lock:
            return len(self._sent_order.get(chat_id, ()))

    def answers(self) -> list[CallbackAnswer]:
        with self.lock:
            return list(self._answers.values())

    def answer(self, query_id: str) -> CallbackAnswer | None:
        with self.lock:
            return self._answers.get(query_id)

    def requests(self) -> list[RequestRecord]:
        with self.lock:
            return list(self._requests)

    def record(self, entry: RequestRecord) -> None:
        with self.lock:
            self._requests.append(entry)
            self.changed()

    def commands(self, scope: dict[str, Any], language_code: str) -> list[dict[str, str]]:
        with self.lock:
            return list(self._commands.get((json.dumps(scope, sort_keys=True), language_code), []))

    def webhook_info(self) -> WebhookInfo:
        with self.lock:
            hook = self.webhook
            allowed = None if self._allowed_updates == DEFAULT_ALLOWED_UPDATES else tuple(sorted(self._allowed_updates))
            return WebhookInfo(
                url=hook.url if hook else "",
                secret_token=hook.secret_token if hook else None,
                pending_update_count=len(self._pending),
                last_error_message=hook.last_error_message if hook else None,
                allowed_updates=allowed,
            )

    # -- faults --------------------------------------------------------------------------------

    def add_fault(
        self,
        method: str,
        *,
        status: int | None,
        description: str | None,
        retry_after: float | None,
        times: int,
        delay: float = 0.0,
    ) -> None:
        with self.lock:
            self._faults.append(Fault(method.lower(), status, description, retry_after, times, delay))

    def take_fault(self, method: str) -> Fault | None:
        """The next fault queued for this method, used up one call at a time."""
        with self.lock:
            for fault in self._faults:
                if fault.method == method.lower():
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
            return None

    # -- Telegram's methods --------------------------------------------------------------------

    def call(self, method: str, raw: dict[str, Any], files: dict[str, UploadedFile]) -> tuple[Any, str | None]:
        """Run one Bot API method: its result and Telegram's success description, or ApiError."""
        handler = _METHODS.get(method.lower())
        if handler is None:
            raise bad_request(f"method {method} is not implemented by the fake Bot API")
        params = coerce_params(raw)
        with self.lock:
            result = handler(self, params, files)
            self.changed()
        return result if isinstance(result, tuple) else (result, None)

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._chats:
            raise bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return self._chats[chat_id]

    def _format(self, text: Any, parse_mode: Any, entities: Any, *, caption: bool) -> ParsedText:
        """Parse text as Telegram does, refusing bad markup and lengths outside Telegram's limits."""
        if not isinstance(text, str):
            text = ""
        mode = (parse_mode or "").lower()
        if mode == "html":
            try:
                parsed = parse_html(text)
            except HtmlParseError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        elif mode in {"markdown", "markdownv2"}:
            raise bad_request("the fake Bot API parses only HTML; send parse_mode HTML")
        elif mode:
            raise bad_request("unsupported parse_mode")
        else:
            parsed = trim(text, tuple(entities or ()))
        if caption:
            if utf16_length(parsed.text) > CAPTION_LIMIT:
                raise bad_request("message caption is too long")
        elif not parsed.text:
            raise bad_request("message text is empty")
        elif utf16_length(parsed.text) > MESSAGE_LIMIT:
            raise bad_request("message is too long")
        return parsed

    def _markup(self, markup: Any) -> dict[str, Any] | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
            for row in rows:
                for button in row:
                    _check_inline_button(button)
            return {"inline_keyboard": rows}
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
            for row in rows:
                for button in row:
                    text = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(text, str) or not text:
                        raise bad_request("can't parse keyboard button: text must be non-empty")
            return markup
        if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
            return markup
        raise bad_request('can\'t find field "inline_keyboard"')

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        target = self._messages.get((chat_id, int(message_id)))
        allow = reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply"))
        if target is None and not allow:
            raise bad_request("message to be replied not found")
        return target

    def _add_bot_message(
        self,
        chat: dict[str, Any],
        body: dict[str, Any],
        params: dict[str, Any],
        record: SentMessage,
    ) -> dict[str, Any]:
        message_id = self.next_message_id(chat["id"])
        message = {"message_id": message_id, "from": self.bot_user, "chat": chat, "date": int(self.clock()), **body}
        target = self._reply_target(chat["id"], params)
        if target is not None:
            message["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
        self._messages[(chat["id"], message_id)] = message
        self._sent[(chat["id"], message_id)] = replace(record, message_id=message_id, date=message["date"])
        self._sent_order.setdefault(chat["id"], []).append(message_id)
        return message

    def _editable(self, params: dict[str, Any]) -> tuple[dict[str, Any], SentMessage]:
        if params.get("inline_message_id"):
            raise bad_request("the fake Bot API has no inline messages to edit")
        chat = self._chat(params)
        key = (chat["id"], int(params.get("message_id") or 0))
        if key not in self._messages:
            raise bad_request("message to edit not found")
        if key not in self._sent:
            raise bad_request("message can't be edited")
        return self._messages[key], self._sent[key]

    def _save_edit(self, message: dict[str, Any], record: SentMessage, edited: SentMessage) -> dict[str, Any]:
        now = int(self.clock())
        message["edit_date"] = now
        self._sent[(record.chat_id, record.message_id)] = replace(
            edited, edit_date=now, earlier_texts=(*record.earlier_texts, record.text)
        )
        return dict(message)


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("can't parse inline keyboard button: the fake Bot API refuses an empty button text")
    if not any(button.get(action) not in (None, "") for action in _BUTTON_ACTIONS):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or len(data.encode()) > CALLBACK_DATA_LIMIT):
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and (not isinstance(url, str) or urlsplit(url).scheme not in {"http", "https", "tg"}):
        raise bad_request("BUTTON_URL_INVALID")


def _text_body(parsed: ParsedText, markup: dict[str, Any] | None, *, key: str = "text") -> dict[str, Any]:
    body: dict[str, Any] = {key: parsed.text} if parsed.text else {}
    if parsed.entities:
        body["entities" if key == "text" else "caption_entities"] = list(parsed.entities)
    if markup is not None and "inline_keyboard" in markup:
        body["reply_markup"] = markup
    return body


def _get_me(state: BotApiState, _params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    return state.bot_user | {
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _send_message(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    chat = state._chat(params)
    parsed = state._format(params.get("text"), params.get("parse_mode"), params.get("entities"), caption=False)
    markup = state._markup(params.get("reply_markup"))
    record = SentMessage(
        chat_id=chat["id"],
        message_id=0,
        text=parsed.text,
        source=params["text"],
        parse_mode=params.get("parse_mode"),
        entities=parsed.entities,
        reply_markup=markup,
    )
    return state._add_bot_message(chat, _text_body(parsed, markup), params, record)


def _send_document(state: BotApiState, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
    chat = state._chat(params)
    document = params.get("document")
    if isinstance(document, str) and document.startswith("attach://"):
        upload = files.get(document.removeprefix("attach://"))
    else:
        upload = files.get("document")
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        mime = upload.content_type or mimetypes.guess_type(upload.filename)[0]
        stored = state.add_file("documents", upload.data, filename=upload.filename, mime_type=mime)
    elif isinstance(document, str) and document in state._files:
        stored = state._files[document]
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    caption = params.get("caption")
    parsed = state._format(caption, params.get("parse_mode"), params.get("caption_entities"), caption=True)
    markup = state._markup(params.get("reply_markup"))
    body = _text_body(parsed, markup, key="caption")
    body["document"] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": stored.filename or "document",
        "mime_type": stored.mime_type or "application/octet-stream",
        "file_size": len(stored.data),
    }
    record = SentMessage(
        chat_id=chat["id"],
        message_id=0,
        text=parsed.text or None,
        source=caption,
        parse_mode=params.get("parse_mode"),
        entities=parsed.entities,
        reply_markup=markup,
        document=SentDocument(stored.file_id, stored.filename or "document", stored.data, stored.mime_type),
    )
    return state._add_bot_message(chat, body, params, record)


def _edit_message_text(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    message, record = state._editable(params)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    parsed = state._format(params.get("text"), params.get("parse_mode"), params.get("entities"), caption=False)
    markup = state._markup(params.get("reply_markup"))
    if (parsed.text, parsed.entities, markup) == (record.text, record.entities, record.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.pop("entities", None)
    message.pop("reply_markup", None)  # Telegram drops an inline keyboard the edit does not repeat
    message.update(_text_body(parsed, markup))
    edited = replace(
        record,
        text=parsed.text,
        source=params["text"],
        parse_mode=params.get("parse_mode"),
        entities=parsed.entities,
        reply_markup=markup,
    )
    return state._save_edit(message, record, edited)


def _edit_message_reply_markup(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    message, record = state._editable(params)
    markup = state._markup(params.get("reply_markup"))
    if markup == record.reply_markup:
        raise bad_request(NOT_MODIFIED)
    message.pop("reply_markup", None)
    if markup is not None and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    return state._save_edit(message, record, replace(record, reply_markup=markup))


def _delete_message(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    chat = state._chat(params)
    key = (chat["id"], int(params.get("message_id") or 0))
    if state._messages.pop(key, None) is None:
        raise bad_request("message to delete not found")
    if state._sent.pop(key, None) is not None:
        state._sent_order[chat["id"]].remove(key[1])
    return True


def _answer_callback_query(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    query_id = str(params.get("callback_query_id", ""))
    if state._queries.get(query_id, True):
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    state._queries[query_id] = True
    state._answers[query_id] = CallbackAnswer(
        query_id, params.get("text"), bool(params.get("show_alert", False)), params.get("url")
    )
    return True


def _send_chat_action(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    state._chat(params)
    return True


def _get_file(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    stored = state._files.get(str(params.get("file_id", "")))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def _set_my_commands(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an Array of at most 100 BotCommand")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("command description must be 1-256 characters")
    state._commands[_commands_key(params)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


def _get_my_commands(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    return state._commands.get(_commands_key(params), [])


def _delete_my_commands(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    state._commands.pop(_commands_key(params), None)
    return True


def _set_webhook(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    url = str(params.get("url") or "")
    if not url:
        return _delete_webhook(state, params, _files)
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.hostname not in _LOOPBACK_HOSTS:
        raise bad_request("bad webhook: the fake Bot API delivers only to http(s)://127.0.0.1")
    secret = params.get("secret_token")
    if secret is not None and not _SECRET_TOKEN.fullmatch(str(secret)):
        raise bad_request("secret token contains unallowed characters")
    if params.get("drop_pending_updates"):
        state._pending.clear()
    if params.get("allowed_updates") is not None:
        allowed = params["allowed_updates"]
        state._allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
    state.webhook = _Webhook(url, secret, int(params.get("max_connections") or 40))
    return True, "Webhook was set"


def _delete_webhook(state: BotApiState, params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    if params.get("drop_pending_updates"):
        state._pending.clear()
    was_set, state.webhook = state.webhook is not None, None
    return True, "Webhook was deleted" if was_set else "Webhook is already deleted"


def _get_webhook_info(state: BotApiState, _params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    info: dict[str, Any] = {
        "url": state.webhook.url if state.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state._pending),
    }
    if state.webhook is not None:
        info["max_connections"] = state.webhook.max_connections
        if state.webhook.last_error_date is not None:
            info["last_error_date"] = state.webhook.last_error_date
            info["last_error_message"] = state.webhook.last_error_message
    if state._allowed_updates != DEFAULT_ALLOWED_UPDATES:
        info["allowed_updates"] = sorted(state._allowed_updates)
    return info


def _true(_state: BotApiState, _params: dict[str, Any], _files: dict[str, UploadedFile]) -> Any:
    return True


_METHODS: dict[str, Callable[[BotApiState, dict[str, Any], dict[str, UploadedFile]], Any]] = {
    "getme": _get_me,
    "sendmessage": _send_message,
    "senddocument": _send_document,
    "editmessagetext": _edit_message_text,
    "editmessagereplymarkup": _edit_message_reply_markup,
    "deletemessage": _delete_message,
    "answercallbackquery": _answer_callback_query,
    "sendchataction": _send_chat_action,
    "getfile": _get_file,
    "setmycommands": _set_my_commands,
    "getmycommands": _get_my_commands,
    "deletemycommands": _delete_my_commands,
    "setwebhook": _set_webhook,
    "deletewebhook": _delete_webhook,
    "getwebhookinfo": _get_webhook_info,
    "logout": _true,
    "close": _true,
}
