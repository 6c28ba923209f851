"""The composition root: a bot built from settings alone opens what it needs when PTB starts, and closes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes.fake_bot_api import FakeBotApi
from fakes.ptb import bot_settings, polling
from fakes.records import User
from iepbot.bot import build_bot
from iepbot.domain.enums import Role
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage
from iepbot.telegram.context import BotData, NotStartedError


async def test_a_bot_built_from_settings_opens_storage_at_start_and_answers_a_registered_teacher(
    fake_api: FakeBotApi, user: User, tmp_path: Path
) -> None:
    settings = bot_settings(fake_api, tmp_path)
    storage = await open_storage(settings)
    async with storage.write() as tx:
        school = await create_school(tx, name="Oakfield Primary")
        await tx.staff.add(
            school_id=school.id, telegram_user_id=user.id, name="Ms Patel", role=Role.TEACHER, now=tx.now
        )
    await storage.close()
    application = build_bot(settings)
    async with polling(application, poll_timeout=1):
        [reply] = await fake_api.ask(user, "/help")
        assert application.bot_data.dialogue is not None
    assert "/new" in (reply.text or "")
    assert fake_api.refused_requests() == []


def test_an_update_before_the_bot_started_is_a_wiring_error_not_a_silent_none() -> None:
    with pytest.raises(NotStartedError):
        _ = BotData().dialogue
