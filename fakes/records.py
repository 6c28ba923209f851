"""What a test hands the fake Bot API (users, chats) and what it reads back (messages, answers, requests).

All frozen: the server keeps its own state behind a lock and gives tests snapshots, so a test can hold
a message while the bot edits it without either side seeing a half-written record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class User:
    """A Telegram user on the test side; their private chat with the bot has the same id, as on Telegram."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = "en"

    def to_json(self) -> dict[str, Any]:
        """The Bot API User object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Chat:
    """A group chat (negative id, as on Telegram); private chats are made from a User."""

    id: int
    title: str = "Staff room"
    type: Literal["group", "supergroup"] = "group"

    def __post_init__(self) -> None:
        if self.id >= 0:
            raise ValueError("group chat ids are negative on Telegram")

    def to_json(self) -> dict[str, Any]:
        """The Bot API Chat object."""
        return {"id": self.id, "type": self.type, "title": self.title}


def private_chat_json(user: User) -> dict[str, Any]:
    """The Bot API Chat object of a user's private chat with the bot."""
    data: dict[str, Any] = {"id": user.id, "type": "private", "first_name": user.first_name}
    if user.last_name is not None:
        data["last_name"] = user.last_name
    if user.username is not None:
        data["username"] = user.username
    return data


ChatRef = int | User | Chat
"""A chat named by id, by the user whose private chat it is, or by the group."""


def chat_id_of(chat: ChatRef) -> int:
    """The numeric chat id a ChatRef stands for."""
    return chat if isinstance(chat, int) else chat.id


@dataclass(frozen=True)
class Button:
    """One inline keyboard button as the bot sent it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SentDocument:
    """A file the bot uploaded with sendDocument."""

    file_id: str
    filename: str
    data: bytes
    mime_type: str | None


@dataclass(frozen=True)
class SentMessage:
    """A message the bot sent, in its current state (after any edits).

    `text` is what the user reads (entities parsed, whitespace trimmed; the caption for a document),
    `source` what the bot sent (HTML included), `buttons` the inline keyboard by rows.
    """

    chat_id: int
    message_id: int
    text: str | None
    source: str | None
    parse_mode: str | None
    entities: tuple[dict[str, Any], ...] = ()
    reply_markup: dict[str, Any] | None = None
    document: SentDocument | None = None
    date: int = 0
    edit_date: int | None = None
    earlier_texts: tuple[str | None, ...] = ()

    @property
    def buttons(self) -> tuple[tuple[Button, ...], ...]:
        """The inline keyboard, row by row; empty when the message has none."""
        if not self.reply_markup or "inline_keyboard" not in self.reply_markup:
            return ()
        return tuple(
            tuple(Button(b["text"], b.get("callback_data"), b.get("url")) for b in row)
            for row in self.reply_markup["inline_keyboard"]
        )

    @property
    def button_texts(self) -> list[str]:
        """Every inline button's text, in reading order."""
        return [button.text for row in self.buttons for button in row]

    def button(self, text: str) -> Button:
        """The inline button with exactly this text; a test failure names the buttons there are."""
        for row in self.buttons:
            for candidate in row:
                if candidate.text == text:
                    return candidate
        raise LookupError(f"no button {text!r} on message {self.message_id}; buttons: {self.button_texts}")


@dataclass(frozen=True)
class CallbackAnswer:
    """The bot's answerCallbackQuery for one pressed button."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class RequestRecord:
    """One Bot API call as the server saw it. `injected` marks a fault a test asked for."""

    method: str
    status: int
    params: dict[str, Any]
    description: str | None = None
    injected: bool = False


@dataclass(frozen=True)
class Incoming:
    """An update the test queued: its id and its Bot API JSON (the message or callback query inside)."""

    update_id: int
    update: dict[str, Any] = field(repr=False)

    @property
    def message(self) -> dict[str, Any]:
        """The message (or edited message) the update carries."""
        return dict(self.update.get("message") or self.update["edited_message"])

    @property
    def callback_query_id(self) -> str:
        """The id the bot answers with answerCallbackQuery."""
        return str(self.update["callback_query"]["id"])


@dataclass(frozen=True)
class WebhookInfo:
    """What getWebhookInfo reports, for tests of webhook mode."""

    url: str
    secret_token: str | None
    pending_update_count: int
    last_error_message: str | None
    allowed_updates: tuple[str, ...] | None
