"""A reply is part of its turn: saved with it, sent after the commit, and sent once, whatever Telegram or a
kill does in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from fakes.fake_bot_api import FakeBotApi
from fakes.ptb import polling
from fakes.records import User
from iepbot.bot import build_bot
from iepbot.config import Settings
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.services import Services
from iepbot.documents.messages import MessageRenderer
from iepbot.domain.records import School
from iepbot.storage.opening import open_storage
from iepbot.storage.storage import Storage
from iepbot.telegram.sending import Sender
from tests.e2e.bot_process import start_bot
from tests.e2e.test_bot import FAST_RETRIES, click, register
from tests.e2e.test_confirming import confirmed_beyond
from tests.storage.support import BACKENDS, NO_POSTGRES, POSTGRES_URL, FakeClock, fresh_postgres_database

SWEEP_SECONDS = 0.3
YEAR_QUESTION = "Which year group is Xanthippa in?"


@asynccontextmanager
async def iepbot(server: FakeBotApi, storage: Storage, services: Services) -> AsyncIterator[None]:
    """iepbot polling `server`, its outbox swept every SWEEP_SECONDS."""
    settings = Settings(  # type: ignore[call-arg]
        TELEGRAM_TOKEN=server.token, TELEGRAM_API_URL=server.base_url, IEPBOT_OUTBOX_SECONDS=SWEEP_SECONDS
    )
    sender = Sender(MessageRenderer(), retry_delays=FAST_RETRIES)
    application = build_bot(settings, dialogue=Dialogue(storage, services), sender=sender, overall_max_rate=1000)
    async with polling(application, poll_timeout=1):
        yield


async def unsent_letters(storage: Storage) -> int:
    async with storage.read() as tx:
        return int(await tx.session.scalar(text("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")) or 0)


def statuses(server: FakeBotApi) -> list[int]:
    return [record.status for record in server.requests("sendMessage")]


@pytest.mark.parametrize(
    ("status", "retry_after"),
    [(500, None), (429, 0.05)],
    ids=["server errors beyond our retries", "flood limits beyond the rate limiter's retries"],
)
async def test_a_reply_whose_faults_outlast_the_retries_stays_in_the_outbox_and_arrives_later_with_no_apology(
    fake_api: FakeBotApi,
    storage: Storage,
    services: Services,
    school: School,
    user: User,
    clock: FakeClock,
    status: int,
    retry_after: float | None,
) -> None:
    await register(storage, school, user)
    fake_api.fail_next("sendMessage", status=status, retry_after=retry_after, times=4)  # 1 try + 3 retries
    async with iepbot(fake_api, storage, services):
        incoming = fake_api.send_text(user, "/help")
        await fake_api.wait_for(lambda: confirmed_beyond(fake_api, incoming.update_id))  # the turn is over
        assert statuses(fake_api) == [status] * 4
        assert await unsent_letters(storage) == 1, "kept, not replaced by an apology"
        clock.advance(timedelta(seconds=SWEEP_SECONDS))  # the letter's wait is over: the next sweep takes it
        [reply] = await fake_api.wait_for_messages(user, 1)
        assert statuses(fake_api) == [status] * 4 + [200]
    assert "What I can do" in (reply.text or "")
    assert len(fake_api.messages(user)) == 1, "no apology, no second copy"
    assert await unsent_letters(storage) == 0


async def test_replies_are_marked_sent_with_telegrams_message_id_and_keep_no_text(
    fake_api: FakeBotApi, storage: Storage, services: Services, school: School, user: User
) -> None:
    await register(storage, school, user)
    async with iepbot(fake_api, storage, services):
        [reply] = await fake_api.ask(user, "Xanthippa will understand fractions")
    async with storage.read() as tx:
        rows = (await tx.session.execute(text("SELECT chat_id, text, buttons, telegram_message_id FROM outbox"))).all()
    assert [tuple(row) for row in rows] == [(user.id, None, None, reply.message_id)]


@pytest.fixture(params=BACKENDS)
async def bot_database(request: pytest.FixtureRequest) -> AsyncIterator[str | None]:
    """The database a bot process opens from its settings: its SQLite default (None), or a PostgreSQL one."""
    if request.param == "sqlite":
        yield None
        return
    if POSTGRES_URL is None:
        pytest.skip(NO_POSTGRES)
    async with fresh_postgres_database("iepbot_kill") as url:
        yield url


async def test_a_bot_killed_while_waiting_out_a_429_sends_the_reply_once_after_its_restart(
    fake_api: FakeBotApi, tmp_path: Path, user: User, bot_database: str | None
) -> None:
    fake_api.default_timeout = 60  # a bot process starts (spaCy, the bank) on a shared 2-core machine
    settings = Settings(IEPBOT_DATA_DIR=tmp_path, DATABASE_URL=bot_database)  # type: ignore[call-arg]
    storage = await open_storage(settings)
    try:
        async with storage.write() as tx:
            school = await tx.schools.add(name="Oakfield Primary", target_limit=4, term_dates={}, now=tx.now)
        await register(storage, school, user)
    finally:
        await storage.close()
    first = start_bot(fake_api.token, fake_api.base_url, tmp_path, database_url=bot_database)
    try:
        await fake_api.ask(user, "/new")
        await click(fake_api, user, "Add a pupil")
        fake_api.fail_next("sendMessage", status=429, retry_after=8)
        fake_api.send_text(user, "Xanthippa")
        await fake_api.wait_for(lambda: 429 in statuses(fake_api))
    finally:
        first.kill()  # SIGKILL during the rate limiter's 8 s wait: nothing is written on the way out
        first.join()
    second = start_bot(fake_api.token, fake_api.base_url, tmp_path, database_url=bot_database)
    try:
        await fake_api.wait_for(lambda: any(YEAR_QUESTION in (m.text or "") for m in fake_api.messages(user)))
        [help_reply] = await fake_api.ask(user, "/help")  # after the redelivered name, in the chat's order
    finally:
        second.terminate()  # SIGTERM: PTB stops cleanly and the outbox writes its last marks
        second.join()
    assert second.exitcode == 0
    texts = [message.text or "" for message in fake_api.messages(user)]
    assert [YEAR_QUESTION in each for each in texts] == [False, False, True, False], "the question came once"
    assert "What I can do" in (help_reply.text or "")
    assert statuses(fake_api) == [200, 200, 429, 200, 200]
    storage = await open_storage(settings)
    try:
        assert await unsent_letters(storage) == 0
    finally:
        await storage.close()
