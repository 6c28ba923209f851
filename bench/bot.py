"""The bot's speed through the fake Bot API, against python-telegram-bot's plain echo bot in the same run.

1. Quick checks per second: 30 teachers each send the same number of real targets (the development set of
   `corpus/real_targets/`, as teachers wrote them: most are not yet SMART, so most replies carry a bank
   suggestion; each teacher its own slice, so 300 different wordings a round) and wait for each reply before
   the next, as a teacher would; the same load goes to PTB's echo bot (the library's own example: a
   MessageHandler that replies with the text). Figure: our rate / echo's rate,
   the median over rounds after a warm-up round (each teacher's first message ever), which is shown too.
2. p95 reply latency with 100 teachers going through whole /new flows at once (SQLite default).

The fake Bot API and the teachers run in this process; the bots, one at a time, in a child process
(`bench/bot_host.py`), as a bot and Telegram run on different machines. Both bots run alternately, 15 rounds
by default: single rounds spread widely on a shared machine, and the median of 15 moves far less from run to
run than the median of 7. Each round prints its rate and the bot process's CPU time per message. Telegram's
real flood limit (about 30 messages a second per bot) is switched off for both, so the figure is about our
processing.

Run: python bench/bot.py [--rounds 15] [--messages 10] [--teachers 100] [--corpus FILE]
(`--corpus tests/data/smart_targets.jsonl`: the project's own, mostly SMART, examples the figure used before)
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PTB_TIMEDELTA", "true")

from bench.bot_host import BotHost, BotKind
from bench.timing import percentile
from fakes.fake_bot_api import FakeBotApi
from fakes.records import User
from iepbot.config import Settings
from iepbot.domain.enums import Role
from iepbot.domain.schools import create_school
from iepbot.storage.opening import open_storage

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "real_targets" / "dev.jsonl"
QUICK_CHECK_TEACHERS = 30


@dataclass
class Rate:
    """Messages answered per second, and the bot process's CPU time per message."""

    per_second: float
    cpu_ms: float


async def conversation_rate(
    host: BotHost, bot: BotKind, server: FakeBotApi, users: list[User], texts: dict[int, list[str]]
) -> Rate:
    """How fast `bot` answers when every user sends their `texts` one after another, all users at once."""

    async def one_user(user: User) -> None:
        for text in texts[user.id]:
            await server.ask(user, text, timeout=120)

    await host.start(bot, server.token, server.base_url)
    await server.wait_until_polling()
    cpu_started = await host.cpu_seconds()
    started = time.perf_counter()
    await asyncio.gather(*(one_user(user) for user in users))
    elapsed = time.perf_counter() - started
    cpu = await host.cpu_seconds() - cpu_started
    await host.stop()
    messages = sum(len(texts[user.id]) for user in users)
    return Rate(messages / elapsed, cpu * 1000 / messages)


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


async def register(data_dir: Path, users: list[User]) -> None:
    """Every teacher a member of staff of one school, in the database the bot process will open."""
    storage = await open_storage(Settings(IEPBOT_DATA_DIR=data_dir))
    async with storage.write() as tx:
        school = await create_school(tx, name="Benchmark Primary")
        for user in users:
            await tx.staff.add(
                school_id=school.id, telegram_user_id=user.id, name=user.first_name, role=Role.TEACHER, now=tx.now
            )
    await storage.close()


async def main(rounds: int, messages: int, teachers: int, corpus_file: Path) -> None:
    lines = corpus_file.read_text(encoding="utf-8").splitlines()
    corpus = [json.loads(line)["text"] for line in lines if line.strip()]
    with tempfile.TemporaryDirectory() as data_dir:
        quick = [User(id=10_000 + n, first_name=f"Quick{n}") for n in range(QUICK_CHECK_TEACHERS)]
        texts = {
            user.id: [corpus[(n * messages + k) % len(corpus)] for k in range(messages)] for n, user in enumerate(quick)
        }
        drafting = [User(id=20_000 + n, first_name=f"Draft{n}") for n in range(teachers)]
        await register(Path(data_dir), quick + drafting)
        host = BotHost(Path(data_dir))
        try:
            ours: list[Rate] = []
            theirs: list[Rate] = []
            # One server for every round: Telegram's update ids only grow, and iepbot ignores an id it has seen.
            with FakeBotApi(default_timeout=120) as server:
                # A warm-up round, shown but not counted: it holds each teacher's first message to the bot ever
                # (a full turn that creates the chat's row), which a running bot sees once per teacher.
                first_echo = await conversation_rate(host, "echo", server, quick, texts)
                first_ours = await conversation_rate(host, "iepbot", server, quick, texts)
                for _ in range(rounds):
                    theirs.append(await conversation_rate(host, "echo", server, quick, texts))
                    ours.append(await conversation_rate(host, "iepbot", server, quick, texts))
            report_rates(rounds, messages, (first_ours, first_echo), ours, theirs)
            with FakeBotApi(default_timeout=300) as server:
                await host.start("iepbot", server.token, server.base_url)
                await server.wait_until_polling()
                started = time.perf_counter()
                results = await asyncio.gather(
                    *(flow_latencies(server, user, f"P{n}") for n, user in enumerate(drafting))
                )
                elapsed = time.perf_counter() - started
                await host.stop()
        finally:
            host.close()
    latencies = [latency for flow in results for latency in flow]
    print(f"drafting: {teachers} teachers in whole /new flows at once, {len(latencies)} replies in {elapsed:.1f} s")
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"  reply latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")


def report_rates(rounds: int, messages: int, warm_up: tuple[Rate, Rate], ours: list[Rate], theirs: list[Rate]) -> None:
    ratios = [mine.per_second / echo.per_second for mine, echo in zip(ours, theirs, strict=True)]
    print(f"quick checks: {QUICK_CHECK_TEACHERS} teachers x {messages} messages, {rounds} rounds")
    first_ours, first_echo = warm_up
    print(
        f"  warm-up (not counted): iepbot {first_ours.per_second:.0f}, PTB echo {first_echo.per_second:.0f} "
        f"messages/s, ratio {first_ours.per_second / first_echo.per_second:.2f}"
    )
    for name, rates in (("iepbot  ", ours), ("PTB echo", theirs)):
        print(
            f"  {name} {', '.join(f'{rate.per_second:.0f}' for rate in rates)} messages/s; "
            f"bot CPU {', '.join(f'{rate.cpu_ms:.2f}' for rate in rates)} ms a message"
        )
    print(
        f"  ratio    median {statistics.median(ratios):.2f} "
        f"(each round: {', '.join(f'{r:.2f}' for r in ratios)}); target >= 0.8"
    )
    cpu_ratio = statistics.median(echo.cpu_ms for echo in theirs) / statistics.median(mine.cpu_ms for mine in ours)
    print(f"  bot CPU a message, echo's / ours (medians): {cpu_ratio:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--messages", type=int, default=10, help="quick checks per teacher per round")
    parser.add_argument("--teachers", type=int, default=100, help="teachers drafting at once")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL of targets the quick checks send")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.messages, arguments.teachers, arguments.corpus))
