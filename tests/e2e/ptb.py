"""Wiring the real PTB Application to a FakeBotApi, and running it for the length of a test."""

from __future__ import annotations

import datetime as dtm
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from tests.e2e.fake_bot_api import FakeBotApi

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def application_builder(server: FakeBotApi) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """An ApplicationBuilder whose bot talks to `server` (token and both URLs set); add the rest and build."""
    return ApplicationBuilder().token(server.token).base_url(server.base_url).base_file_url(server.base_file_url)


@asynccontextmanager
async def polling(application: AnyApplication, *, poll_timeout: float = 10) -> AsyncIterator[None]:
    """Run the application as `run_polling` would, inside the caller's event loop, and stop it on exit.

    Stopping does not wait out the long poll: PTB cancels it, then confirms what it fetched.
    """
    await application.initialize()
    try:
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
    finally:
        await application.shutdown()


def free_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago, for a webhook to listen on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
