"""An update is confirmed to Telegram only once it is handled: a bot killed mid-turn gets the message again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from telegram import Update

from fakes.fake_bot_api import FakeBotApi
from fakes.ptb import bot_settings, polling
from fakes.records import User
from iepbot.bot import build_bot
from iepbot.dialogue.engine import Dialogue
from iepbot.telegram.confirming import HandledUpdates
from tests.e2e.held import HeldDialogue, hold_a_turn


@asynccontextmanager
async def bot(server: FakeBotApi, dialogue: Dialogue) -> AsyncIterator[None]:
    application = build_bot(bot_settings(server), dialogue=dialogue, overall_max_rate=1000)
    async with polling(application, poll_timeout=1):
        yield


def confirmed_beyond(server: FakeBotApi, update_id: int) -> bool:
    """Whether the bot has called getUpdates with an offset past `update_id`, which confirms it."""
    return any(int(call.params.get("offset") or 0) > update_id for call in server.requests("getUpdates"))


async def test_an_update_is_confirmed_only_after_its_turn_is_handled(
    fake_api: FakeBotApi, held_dialogue: HeldDialogue, user: User
) -> None:
    async with bot(fake_api, held_dialogue):
        held = await hold_a_turn(fake_api, held_dialogue, user)
        try:
            # Unpatched PTB polls again at once, confirming the update: a kill now would lose the message.
            with pytest.raises(TimeoutError):
                await fake_api.wait_for(lambda: confirmed_beyond(fake_api, held.update_id), timeout=1.5)
            assert fake_api.pending_update_count == 1
        finally:
            held_dialogue.release.set()
        await fake_api.wait_for_messages(user, 1)
        await fake_api.wait_for(lambda: confirmed_beyond(fake_api, held.update_id))
    assert fake_api.pending_update_count == 0


async def test_updates_count_as_handled_one_by_one_and_a_hung_one_stops_being_waited_for() -> None:
    handled = HandledUpdates()
    assert await handled.all_handled(patience=0), "nothing fetched yet"
    handled.fetched((Update(1), Update(2)))
    handled.handled(Update(1))
    handled.fetched(())
    assert not handled.idle
    handled.handled(Update(2))
    assert handled.idle
    assert await handled.all_handled(patience=0)

    handled.fetched((Update(3),))
    assert not await handled.all_handled(patience=0.01), "a turn that hangs is waited for no longer than patience"
    assert handled.idle, "and is not waited for again"
    handled.handled(Update(3))  # it ends at last: nothing to undo
    assert handled.idle
