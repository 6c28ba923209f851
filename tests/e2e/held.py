"""A dialogue whose turn can be held in progress, to see what Telegram hears while the bot is still handling it."""

from __future__ import annotations

import asyncio

from fakes.fake_bot_api import FakeBotApi
from fakes.records import Incoming, User
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.io import Text, Turn
from iepbot.dialogue.outbox import Answer, Postage
from iepbot.dialogue.services import Services
from iepbot.storage.storage import Storage

HOLD = "Sam will read 20 CVC words aloud by Easter."  # the turn this test keeps in progress


class HeldDialogue(Dialogue):
    """The real dialogue, except that the turn with the text HOLD waits until the test releases it."""

    def __init__(self, storage: Storage, services: Services) -> None:
        super().__init__(storage, services)
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def answer(self, turn: Turn, postage: Postage | None = None) -> Answer:
        if turn.input == Text(HOLD):
            self.holding.set()
            await self.release.wait()
        return await super().answer(turn, postage)


async def hold_a_turn(server: FakeBotApi, dialogue: HeldDialogue, user: User) -> Incoming:
    """`user` sends HOLD; returns once the bot is handling it, held until `dialogue.release` is set."""
    incoming = server.send_text(user, HOLD)
    await asyncio.wait_for(dialogue.holding.wait(), 30)
    return incoming
