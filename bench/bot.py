"""The bot's speed through the fake Bot API, against python-telegram-bot's plain echo bot in the same run.

1. Quick checks per second: 30 teachers each send the same number of targets (from the labelled set) and
   wait for each reply before the next, as a teacher would; the same load goes to PTB's echo bot (the
   library's own example: a MessageHandler that replies with the text). Figure: our rate / echo's rate,
   the median over rounds after a warm-up round (each teacher's first message ever), which is shown too.
2. p95 reply latency with 100 teachers going through whole /new flows at once (SQLite default).

Both bots run in this process against one FakeBotApi (its own thread), alternately, several rounds.
Telegram's real flood limit (about 30 messages a second per bot) is switched off for both, so the figure
is about our processing, not Telegram's limit.

Run: python bench/bot.py [--rounds 3] [--messages 10] [--teachers 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PTB_TIMEDELTA", "true")

from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

import target_bank
from bench.timing import percentile
from iepbot.config import Settings
from iepbot.dialogue.engine import Dialogue
from iepbot.dialogue.services import Services
from iepbot.documents.messages import MessageRenderer
from iepbot.domain.enums import Role
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage
from iepbot.storage.storage import Storage
from iepbot.telegram.app import build_application
from iepbot.telegram.bot import TelegramFrontDoor
from iepbot.telegram.sending import Sender
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.ptb import application_builder, polling
from tests.e2e.records import User

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "smart_targets.jsonl"
TODAY = date(2026, 11, 23)
QUICK_CHECK_TEACHERS = 30


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """python-telegram-bot's echo example."""
    assert update.message is not None
    assert update.message.text is not None
    await update.message.reply_text(update.message.text)


@dataclass
class Rate:
    """Messages answered per second, and the process's CPU time per message (bot, fake server and all)."""

    per_second: float
    cpu_ms: float


async def conversation_rate(server: FakeBotApi, users: list[User], texts: list[str]) -> Rate:
    """How fast messages are answered when every user sends `texts` one after another, all users at once."""

    async def one_user(user: User) -> None:
        for text in texts:
            await server.ask(user, text, timeout=120)

    started, cpu_started = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one_user(user) for user in users))
    messages = len(users) * len(texts)
    return Rate(messages / (time.perf_counter() - started), (time.process_time() - cpu_started) * 1000 / messages)


async def echo_rate(server: FakeBotApi, users: list[User], texts: list[str]) -> Rate:
    application = application_builder(server).build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with polling(application, poll_timeout=1):
        return await conversation_rate(server, users, texts)


async def iepbot_rate(server: FakeBotApi, front_door: TelegramFrontDoor, users: list[User], texts: list[str]) -> Rate:
    """`front_door` (and its Dialogue) lives across rounds, as in one long-running bot process."""
    application = build_application(server.token, api_url=server.base_url, overall_max_rate=0)
    front_door.install(application)
    async with polling(application, poll_timeout=1):
        return await conversation_rate(server, users, texts)


async def flow_latencies(server: FakeBotApi, user: User, name: str) -> list[float]:
    """A whole /new flow; the time from each message or button press to the reply that completes it."""
    latencies: list[float] = []

    async def timed(action: str, *, replies: int = 1) -> None:
        before = len(server.messages(user))
        started = time.perf_counter()
        if action.startswith("press:"):
            label = action.removeprefix("press:")
            message = next(m for m in reversed(server.messages(user)) if any(label in t for t in m.button_texts))
            server.click(user, message, next(t for t in message.button_texts if label in t))
        else:
            server.send_text(user, action)
        await server.wait_for_messages(user, before + replies, timeout=300)
        latencies.append(time.perf_counter() - started)

    await timed("/new")
    await timed("press:Add a pupil")
    await timed(name)
    await timed("press:Y2")
    await timed("press:Cognition and learning")
    for answer in ("Blending sounds", "Knows Phase 2 sounds", "Dinosaurs and games"):
        await timed(answer)
    await timed("press:Yes", replies=2)
    await timed(f"{name} will read 20 CVC words aloud with 90% accuracy by February half term.")
    await timed("press:Use this target")
    for answer in ("Precision teaching", "Word cards", "TA", "10 minutes daily", "18 of 20", "Weekly probe"):
        await timed(answer)
    for label in ("No more targets", "12 February 2027", "Skip", "Skip", "Submit"):
        await timed(f"press:{label}")
    return latencies


async def register(storage: Storage, users: list[User]) -> None:
    async with storage.write() as tx:
        school = await create_school(tx, name="Benchmark Primary")
        for user in users:
            await tx.staff.add(
                school_id=school.id, telegram_user_id=user.id, name=user.first_name, role=Role.TEACHER, now=tx.now
            )


async def main(rounds: int, messages: int, teachers: int) -> None:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()][:messages]
    services = Services(bank=target_bank.load(), bot_username="iep_test_bot", today=lambda: TODAY)
    services.check("warm up the checker", today=TODAY)
    with tempfile.TemporaryDirectory() as data_dir:
        storage = await open_storage(Settings(IEPBOT_DATA_DIR=Path(data_dir)))
        quick = [User(id=10_000 + n, first_name=f"Quick{n}") for n in range(QUICK_CHECK_TEACHERS)]
        drafting = [User(id=20_000 + n, first_name=f"Draft{n}") for n in range(teachers)]
        await register(storage, quick + drafting)
        front_door = TelegramFrontDoor(Dialogue(storage, services), Sender(MessageRenderer()))
        ours: list[Rate] = []
        theirs: list[Rate] = []
        # One server for every round: Telegram's update ids only grow, and iepbot ignores an id it has seen.
        with FakeBotApi(default_timeout=120) as server:
            # A warm-up round, shown but not counted: it holds each teacher's first message to the bot ever
            # (a full turn that creates the chat's row), which a running bot sees once per teacher.
            first_echo = await echo_rate(server, quick, texts)
            first_ours = await iepbot_rate(server, front_door, quick, texts)
            for _ in range(rounds):
                theirs.append(await echo_rate(server, quick, texts))
                ours.append(await iepbot_rate(server, front_door, quick, texts))
        ratios = [mine.per_second / echo.per_second for mine, echo in zip(ours, theirs, strict=True)]
        print(f"quick checks: {QUICK_CHECK_TEACHERS} teachers x {len(texts)} messages, {rounds} rounds")
        print(
            f"  warm-up (not counted): iepbot {first_ours.per_second:.0f}, PTB echo {first_echo.per_second:.0f} "
            f"messages/s, ratio {first_ours.per_second / first_echo.per_second:.2f}"
        )
        for name, rates in (("iepbot  ", ours), ("PTB echo", theirs)):
            print(
                f"  {name} {', '.join(f'{rate.per_second:.0f}' for rate in rates)} messages/s; "
                f"CPU {', '.join(f'{rate.cpu_ms:.1f}' for rate in rates)} ms a message"
            )
        print(
            f"  ratio    median {statistics.median(ratios):.2f} "
            f"(each round: {', '.join(f'{r:.2f}' for r in ratios)}); target >= 0.8"
        )
        with FakeBotApi(default_timeout=300) as server:
            application = build_application(server.token, api_url=server.base_url, overall_max_rate=0)
            TelegramFrontDoor(Dialogue(storage, services), Sender(MessageRenderer())).install(application)
            async with polling(application, poll_timeout=1):
                started = time.perf_counter()
                results = await asyncio.gather(
                    *(flow_latencies(server, user, f"P{n}") for n, user in enumerate(drafting))
                )
                elapsed = time.perf_counter() - started
        latencies = [latency for flow in results for latency in flow]
        print(f"drafting: {teachers} teachers in whole /new flows at once, {len(latencies)} replies in {elapsed:.1f} s")
        print(
            f"  reply latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms"
        )
        await storage.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10, help="quick checks per teacher per round")
    parser.add_argument("--teachers", type=int, default=100, help="teachers drafting at once")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.messages, arguments.teachers))
