"""What goes into a dialogue turn and what comes out: plain data, no Telegram objects.

The same flows run in Telegram, in the terminal and in unit tests, so a turn carries only what every
transport can give (who, which chat, what they sent) and a reply names a template and its values; the
transport renders the template (`iepbot.documents`) and draws the buttons its own way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from iepbot.domain.documents import PlanDocument

MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data
# ASCII digits only ("²".isdigit() is True, and int("²") raises), and at most nine of them, so any id a
# button carries fits the database's 32-bit integers: a forged 20-digit id would overflow them.
_BUTTON_NUMBER = re.compile(r"[0-9]{1,9}")


class UnknownButtonError(Exception):
    """A button token of a shape no reply of ours carries: forged, or mangled on the way.

    The engine answers it like a stale button (the plain "I've ignored it"), never as a fault.
    """


def button_number(text: str) -> int:
    """The number in a button token's last part ("12" of "open:12"); `UnknownButtonError` for any other shape."""
    if _BUTTON_NUMBER.fullmatch(text) is None:
        raise UnknownButtonError(text[:20])
    return int(text)


@dataclass(frozen=True, slots=True)
class Text:
    """Free text typed by the user (not a command)."""

    text: str


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command: `/check Sam will…` is Command("check", "Sam will…")."""

    name: str
    argument: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    """A button pressed: the opaque data the button carried (never trusted: re-checked by the flow)."""

    data: str


@dataclass(frozen=True, slots=True)
class Unsupported:
    """Something we cannot read where text is expected: a photo, sticker, voice note, an edited message…"""

    kind: str


@dataclass(frozen=True, slots=True)
class Reopen:
    """The transport opened the chat again (a restarted terminal): show the pending question, change nothing.

    Telegram keeps the last question and its buttons on screen; a fresh terminal has nothing, so it asks.
    """


Input = Text | Command | Choice | Unsupported | Reopen


@dataclass(frozen=True, slots=True)
class Turn:
    """One thing a user did in one chat.

    `update_id` orders a chat's turns: a turn whose id is not newer than the last one handled in that chat
    is a redelivery and is ignored (None in the terminal, where nothing is redelivered).
    """

    chat_id: int
    user_id: int
    user_name: str
    input: Input
    is_private: bool = True
    update_id: int | None = None


@dataclass(frozen=True, slots=True)
class Button:
    """A choice offered under a reply: the label shown and the opaque data sent back (≤ 64 bytes)."""

    label: str
    data: str

    def __post_init__(self) -> None:
        if len(self.data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError(f"Button data over {MAX_CALLBACK_BYTES} bytes: {self.data!r}")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A plan document to send as a file under the reply's text; the transport renders it in `fmt`."""

    document: PlanDocument
    fmt: Literal["html", "docx"]
    parent: bool


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to send: a template name under `iepbot/documents/templates/messages/`, its values, buttons.

    `chat_id` None means the chat the turn came from; a number sends elsewhere (a SENCo told of a
    submitted plan). Buttons are rows of buttons. With `attachment`, the text is the caption of a file.
    """

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()
    chat_id: int | None = None
    attachment: Attachment | None = None

    def stamped(self, version: int) -> Reply:
        """This reply with every button's token prefixed by the chat version it belongs to ("3:token"):
        a button is only taken while its chat is still at that version."""
        if not self.buttons:
            return self
        rows = tuple(tuple(Button(button.label, f"{version}:{button.data}") for button in row) for row in self.buttons)
        return Reply(self.template, self.values, rows, self.chat_id, self.attachment)
