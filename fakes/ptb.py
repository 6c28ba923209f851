"""Wiring the real PTB Application to a FakeBotApi, and running it for the length of a test or a bench round."""

from __future__ import annotations

import datetime as dtm
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from fakes.fake_bot_api import FakeBotApi
from iepbot.config import Settings

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def application_builder(server: FakeBotApi) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """An ApplicationBuilder whose bot talks to `server` (token and both URLs set); add the rest and build."""
    return ApplicationBuilder().token(server.token).base_url(server.base_url).base_file_url(server.base_file_url)


@asynccontextmanager
async def polling(application: AnyApplication, *, poll_timeout: float = 10) -> AsyncIterator[None]:
    """Run the application as `run_polling` would (its post_init, post_stop and post_shutdown included), inside
    the caller's event loop, and stop it on exit.

    Stopping does not wait out the long poll: PTB cancels it, then confirms what it fetched.
    """
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        try:
            assert application.updater is not None, "build the application with an updater to poll"
            await application.updater.start_polling(timeout=dtm.timedelta(seconds=poll_timeout))
            try:
                yield
            finally:
                await application.updater.stop()
        finally:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def free_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago, for a webhook to listen on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bot_settings(server: FakeBotApi, data_dir: Path | None = None) -> Settings:
    """iepbot's settings for a bot that talks to `server` (its token and URL), storing in `data_dir`."""
    values: dict[str, Any] = {"TELEGRAM_TOKEN": server.token, "TELEGRAM_API_URL": server.base_url}
    if data_dir is not None:
        values["IEPBOT_DATA_DIR"] = data_dir
    return Settings(**values)
