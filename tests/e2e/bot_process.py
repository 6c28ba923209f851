"""iepbot as `iepbot run` runs it, in a process of its own, so a test can kill it (SIGKILL) mid-turn."""

from __future__ import annotations

import logging
import multiprocessing
import os
from multiprocessing.process import BaseProcess
from pathlib import Path

from iepbot.bot import build_bot
from iepbot.config import Settings
from iepbot.telegram.app import quiet_http_logs


def serve(token: str, api_url: str, data_dir: str, outbox_seconds: float, database_url: str | None) -> None:
    """The child's main: build the bot from settings alone and poll until killed or stopped by SIGTERM."""
    os.environ["PTB_TIMEDELTA"] = "true"
    logging.basicConfig(level=logging.WARNING)
    quiet_http_logs()
    settings = Settings(  # type: ignore[call-arg]
        TELEGRAM_TOKEN=token,
        TELEGRAM_API_URL=api_url,
        IEPBOT_DATA_DIR=Path(data_dir),
        IEPBOT_OUTBOX_SECONDS=outbox_seconds,
        DATABASE_URL=database_url,
    )
    build_bot(settings).run_polling(poll_interval=0, timeout=1, drop_pending_updates=False)


def start_bot(
    token: str, api_url: str, data_dir: Path, *, outbox_seconds: float = 0.5, database_url: str | None = None
) -> BaseProcess:
    """A new bot process (spawned: nothing inherited from the test's event loop); SQLite in `data_dir` unless
    `database_url` names another database."""
    process = multiprocessing.get_context("spawn").Process(
        target=serve, args=(token, api_url, str(data_dir), outbox_seconds, database_url), daemon=True
    )
    process.start()
    return process
