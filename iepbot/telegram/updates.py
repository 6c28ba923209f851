"""A Telegram update as a dialogue turn: only what every transport has (who, which chat, what was sent)."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType, MessageEntityType

from iepbot.dialogue.io import Choice, Command, Input, Text, Turn, Unsupported

# What a teacher might send instead of text, named as the reply names it ("not a photo").
_MEDIA = (
    ("photo", "photo"),
    ("sticker", "sticker"),
    ("voice", "voice note"),
    ("video_note", "video message"),
    ("video", "video"),
    ("audio", "audio file"),
    ("animation", "GIF"),
    ("document", "file"),
    ("location", "location"),
    ("contact", "contact"),
    ("poll", "poll"),
)


def turn_from_update(update: Update) -> Turn | None:
    """The turn this update is, or None for updates that are not a person talking to the bot."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    if chat.type == ChatType.PRIVATE and chat.id != user.id:
        return None  # only the chat's own user can press its buttons: anything else is forged
    received = _input_of(update)
    if received is None:
        return None
    return Turn(
        chat_id=chat.id,
        user_id=user.id,
        user_name=user.full_name,
        input=received,
        is_private=chat.type == ChatType.PRIVATE,
        update_id=update.update_id,
    )


def _input_of(update: Update) -> Input | None:
    if update.callback_query is not None:
        return Choice(update.callback_query.data or "")
    if update.edited_message is not None:
        return Unsupported("edited message")
    message = update.message
    if message is None:
        return None
    if message.text is not None:
        return _text_or_command(message)
    for attribute, kind in _MEDIA:
        if getattr(message, attribute, None):
            return Unsupported(kind)
    return None if message.new_chat_members or message.left_chat_member else Unsupported("message of that kind")


def _text_or_command(message: Message) -> Input:
    """`/check@iep_bot Sam will…` is Command("check", "Sam will…"); other text is Text."""
    text = message.text or ""
    command = next(
        (e for e in message.entities if e.type == MessageEntityType.BOT_COMMAND and e.offset == 0),
        None,
    )
    if command is None:
        return Text(text)
    name = message.parse_entity(command)[1:].split("@", 1)[0].lower()
    return Command(name, text[command.length :].strip())
