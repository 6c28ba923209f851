"""Drive the dialogue like a teacher on their phone: send text and commands, press buttons by label."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Button, Choice, Command, Input, Reply, Text, Turn, Unsupported
from iepbot.domain.records import StaffMember

TODAY = date(2026, 11, 23)
_update_ids: Iterator[int] = itertools.count(1)


def as_input(message: str) -> Input:
    """ "/check Sam will…" is a command with its argument; anything else is typed text."""
    if message.startswith("/"):
        name, _, argument = message[1:].partition(" ")
        return Command(name, argument)
    return Text(message)


@dataclass
class Chat:
    """One chat with the bot (private unless `private` is False); `replies` holds what the last turn said.

    A group chat has its own id (`chat_id`); a private chat's id is the user's id, as in Telegram.
    """

    dialogue: Dialogue
    user_id: int
    name: str = "Ms Patel"
    replies: list[Reply] = field(default_factory=list)
    private: bool = True
    chat_id: int | None = None
    last_turn: Turn | None = None

    @classmethod
    def of(cls, dialogue: Dialogue, member: StaffMember) -> Chat:
        return cls(dialogue, member.telegram_user_id, member.name)

    async def turn(self, received: Input, *, update_id: int | None = None) -> list[Reply]:
        turn = Turn(
            chat_id=self.user_id if self.chat_id is None else self.chat_id,
            user_id=self.user_id,
            user_name=self.name,
            input=received,
            is_private=self.private,
            update_id=next(_update_ids) if update_id is None else update_id,
        )
        self.last_turn = turn
        self.replies = await self.dialogue.handle(turn)
        return self.replies

    async def redeliver(self) -> list[Reply]:
        """Hand the last turn over again, update id and all, as Telegram does when an answer went missing."""
        assert self.last_turn is not None, "nothing sent yet"
        self.replies = await self.dialogue.handle(self.last_turn)
        return self.replies

    async def send(self, message: str) -> list[Reply]:
        return await self.turn(as_input(message))

    async def send_unsupported(self, kind: str) -> list[Reply]:
        return await self.turn(Unsupported(kind))

    def button(self, label: str) -> Button:
        """The button in the last replies whose label contains `label`."""
        found = [button for reply in self.replies for row in reply.buttons for button in row if label in button.label]
        assert found, f"no button {label!r} in {self.labels}"
        return found[0]

    async def press(self, label: str) -> list[Reply]:
        return await self.turn(Choice(self.button(label).data))

    @property
    def labels(self) -> list[str]:
        return [button.label for reply in self.replies for row in reply.buttons for button in row]

    @property
    def templates(self) -> list[str]:
        return [reply.template for reply in self.replies]

    @property
    def last(self) -> Reply:
        return self.replies[-1]
