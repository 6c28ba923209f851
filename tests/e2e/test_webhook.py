"""Webhook mode: Telegram hears an update was received only once it is handled, and only Telegram is heard."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from fakes.fake_bot_api import FakeBotApi
from fakes.ptb import bot_settings, free_port
from fakes.records import User
from iepbot.bot import build_bot
from iepbot.config import Settings
from iepbot.dialogue.engine import Dialogue
from iepbot.domain.enums import Role
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage
from iepbot.telegram.webhook import SECRET_HEADER, serve_webhook
from tests.e2e.held import HeldDialogue, hold_a_turn

SECRET = "webhook_secret-2027"


@asynccontextmanager
async def webhook_bot(server: FakeBotApi, dialogue: Dialogue) -> AsyncIterator[str]:
    """iepbot serving a webhook on 127.0.0.1 that `server` posts to, for one block; yields the webhook's URL."""
    application = build_bot(bot_settings(server), dialogue=dialogue, overall_max_rate=1000)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{SECRET}"
    stop = asyncio.Event()
    serving = asyncio.create_task(
        serve_webhook(
            application, listen="127.0.0.1", port=port, url_path=SECRET, webhook_url=url, secret=SECRET, stop=stop
        )
    )
    await server.wait_for(lambda: server.webhook_info().url == url, what="the webhook set")
    try:
        yield url
    finally:
        stop.set()
        await serving


async def test_in_webhook_mode_an_update_is_answered_to_telegram_only_once_its_turn_is_handled(
    fake_api: FakeBotApi, held_dialogue: HeldDialogue, user: User
) -> None:
    async with webhook_bot(fake_api, held_dialogue):
        await hold_a_turn(fake_api, held_dialogue, user)
        try:
            # PTB's run_webhook answers 200 at once: Telegram forgets the update, and a kill now would lose it.
            with pytest.raises(TimeoutError):
                await fake_api.wait_for(lambda: fake_api.pending_update_count == 0, timeout=1.5)
        finally:
            held_dialogue.release.set()
        [reply] = await fake_api.wait_for_messages(user, 1)
        await fake_api.wait_for(lambda: fake_api.pending_update_count == 0, what="the update acknowledged")
    assert "SMART" in (reply.text or "")


async def test_stopping_in_webhook_mode_lets_an_update_in_hand_finish_and_be_answered(
    fake_api: FakeBotApi, held_dialogue: HeldDialogue, user: User
) -> None:
    async with webhook_bot(fake_api, held_dialogue):
        await hold_a_turn(fake_api, held_dialogue, user)
        asyncio.get_running_loop().call_later(0.5, held_dialogue.release.set)
    # Leaving the block stopped the bot while the turn was still held: the stop waited for it.
    await fake_api.wait_for(lambda: fake_api.pending_update_count == 0, timeout=5, what="the update acknowledged")
    assert len(fake_api.messages(user)) == 1


async def test_in_webhook_mode_a_teacher_is_answered_and_posts_not_from_telegram_are_refused(
    fake_api: FakeBotApi, held_dialogue: HeldDialogue, user: User
) -> None:
    forged = {"update_id": 999, "message": {"message_id": 1, "date": 0, "chat": {"id": user.id, "type": "private"}}}
    async with webhook_bot(fake_api, held_dialogue) as url:
        [reply] = await fake_api.ask(user, "/help")
        async with httpx.AsyncClient(trust_env=False) as client:
            without_secret = await client.post(url, json=forged)
            wrong_secret = await client.post(url, json=forged, headers={SECRET_HEADER: "guessed"})
            not_an_update = await client.post(url, content=b"<html>", headers={SECRET_HEADER: SECRET})
    assert "What I can do" in (reply.text or "")
    assert [without_secret.status_code, wrong_secret.status_code, not_an_update.status_code] == [403, 403, 400]
    assert len(fake_api.messages(user)) == 1  # nothing was handled for the forged posts


async def test_iepbot_run_behind_a_webhook_answers_a_teacher_and_stops_cleanly_on_sigterm(
    fake_api: FakeBotApi, user: User, tmp_path: Path
) -> None:
    storage = await open_storage(Settings(IEPBOT_DATA_DIR=tmp_path))  # type: ignore[call-arg]
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        await tx.staff.add(
            school_id=school.id, telegram_user_id=user.id, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
    await storage.close()
    port = free_port()
    environment = {
        **os.environ,
        "TELEGRAM_TOKEN": fake_api.token,
        "TELEGRAM_API_URL": fake_api.base_url,
        "IEPBOT_DATA_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    command = ["run", "--webhook", f"http://127.0.0.1:{port}", "--listen", f"127.0.0.1:{port}"]
    bot = subprocess.Popen([sys.executable, "-m", "iepbot.cli", *command], env=environment, cwd=tmp_path)
    try:
        await fake_api.wait_for(lambda: fake_api.webhook_info().url, timeout=120, what="the webhook set")
        [reply] = await fake_api.ask(user, "/help", timeout=60)
        bot.send_signal(signal.SIGTERM)
        exit_code = await asyncio.to_thread(bot.wait, 60)
    finally:
        bot.kill()
    assert "What I can do" in (reply.text or "")
    assert exit_code == 0
    assert fake_api.webhook_info().url.startswith(f"http://127.0.0.1:{port}/"), "left set while the bot is down"
