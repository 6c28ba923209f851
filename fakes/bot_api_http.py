"""Serves a BotApiState over HTTP on 127.0.0.1, from its own thread and its own event loop.

Its own loop keeps the server independent of whoever drives the bot: a pytest-asyncio test, a plain
script, or a benchmark timing two bots against identical servers. Only getUpdates waits (a long poll,
woken by a future the moment an update is queued); every other method answers at once from the state.
Webhook mode delivers queued updates to a loopback URL, retrying like Telegram until the bot says 2xx.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import threading
from http import HTTPStatus
from typing import Any

import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web

from fakes.bot_api_state import ApiError, BotApiState, Fault, UploadedFile, coerce_params
from fakes.records import RequestRecord

TOKEN_FORMAT = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{35}")
CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)


def _token_error(state: BotApiState, token: str) -> ApiError | None:
    """Telegram's 404 for a malformed token and 401 for a well-formed one it does not know."""
    if not TOKEN_FORMAT.fullmatch(token):
        return ApiError(404, "Not Found")
    if token != state.token:
        return ApiError(401, "Unauthorized")
    return None


def _request_params(request: tornado.httputil.HTTPServerRequest) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Parameters from the query string and a JSON, form or multipart body, as the Bot API accepts them."""
    params: dict[str, Any] = {k: v[-1].decode("utf-8", "replace") for k, v in request.query_arguments.items()}
    if request.headers.get("Content-Type", "").startswith("application/json") and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: JSON body must be an object")
        params.update(body)
    else:
        params.update({k: v[-1].decode("utf-8", "replace") for k, v in request.body_arguments.items()})
    files = {
        name: UploadedFile(parts[-1].filename, parts[-1].body, parts[-1].content_type or None)
        for name, parts in request.files.items()
    }
    return params, files


def _logged_params(params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
    return params | {name: f"<file {upload.filename!r}, {len(upload.data)} bytes>" for name, upload in files.items()}


class _MethodHandler(tornado.web.RequestHandler):
    """POST or GET /bot<token>/<method>."""

    def initialize(self, server: BotApiHttpServer) -> None:
        self.server = server
        self.poll: asyncio.Future[str] | None = None

    async def get(self, token: str, method: str) -> None:
        await self.server.answer(self, token, method)

    async def post(self, token: str, method: str) -> None:
        await self.server.answer(self, token, method)

    def on_connection_close(self) -> None:
        if self.poll is not None and not self.poll.done():
            self.poll.set_result("gone")


class _FileHandler(tornado.web.RequestHandler):
    """GET /file/bot<token>/<file_path>: the bytes behind getFile's file_path."""

    def initialize(self, server: BotApiHttpServer) -> None:
        self.server = server

    def get(self, token: str, path: str) -> None:
        error = _token_error(self.server.state, token)
        stored = self.server.state.file_at(path)
        if error is None and stored is None:
            error = ApiError(404, "Not Found")
        if error is not None:
            _refuse(self, error)
            return
        assert stored is not None
        self.set_header("Content-Type", stored.mime_type or "application/octet-stream")
        self.finish(stored.data)


class _NotFoundHandler(tornado.web.RequestHandler):
    def prepare(self) -> None:
        self.set_status(404)
        self.finish({"ok": False, "error_code": 404, "description": "Not Found"})


class BotApiHttpServer:
    """The HTTP side of the fake Bot API: start() binds a free port, stop() leaves no thread or socket."""

    def __init__(self, state: BotApiState, *, webhook_retry_delay: float) -> None:
        self.state = state
        self.webhook_retry_delay = webhook_retry_delay
        self.port = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._webhook_kick: asyncio.Event | None = None
        self._poll: asyncio.Future[str] | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None

    # -- lifecycle (any thread) ----------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the fake Bot API is already running")
        self._ready.clear()
        self._startup_error = None
        self._thread = threading.Thread(target=self._run, name="fake-bot-api", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._startup_error is not None:
            self._thread.join()
            self._thread = None
            raise RuntimeError("the fake Bot API did not start") from self._startup_error

    def stop(self) -> None:
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None or loop is None or stop is None:
            return
        loop.call_soon_threadsafe(stop.set)
        thread.join()
        self._thread = self._loop = None

    def kick(self) -> None:
        """Tell the server an update was queued: wake the long poll and the webhook delivery."""
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed while we were queuing
                loop.call_soon_threadsafe(self._updates_arrived)

    # -- the server's own thread ---------------------------------------------------------------

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        try:
            sockets = tornado.netutil.bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
            application = tornado.web.Application(
                [
                    (r"/bot([^/]*)/([^/]+)", _MethodHandler, {"server": self}),
                    (r"/file/bot([^/]*)/(.+)", _FileHandler, {"server": self}),
                ],
                default_handler_class=_NotFoundHandler,
                log_function=lambda _handler: None,
            )
            http = tornado.httpserver.HTTPServer(application)
            http.add_sockets(sockets)
        except BaseException as error:
            self._startup_error = error
            self._ready.set()
            return
        self.port = sockets[0].getsockname()[1]
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._webhook_kick = asyncio.Event()
        delivery = asyncio.create_task(self._deliver_to_webhook())
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            http.stop()
            self._end_poll("shutdown")
            await http.close_all_connections()
            delivery.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await delivery

    def _updates_arrived(self) -> None:
        self._end_poll("update")
        assert self._webhook_kick is not None
        self._webhook_kick.set()

    def _end_poll(self, reason: str) -> None:
        if self._poll is not None and not self._poll.done():
            self._poll.set_result(reason)

    async def answer(self, handler: _MethodHandler, token: str, method: str) -> None:
        """Answer one Bot API call: token check, then an injected fault if one is queued, then the method."""
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        try:
            token_error = _token_error(self.state, token)
            if token_error is not None:
                raise token_error
            params, files = _request_params(handler.request)
            fault = self.state.take_fault(method)
            if fault is not None and fault.delay:
                await asyncio.sleep(fault.delay)  # then answered as usual
            elif fault is not None:
                self._inject(handler, method, _logged_params(params, files), fault)
                return
            if method.lower() == "getupdates":
                result, description = await self._get_updates(handler, params), None
                self.state.record(RequestRecord(method, 200, params))
            else:
                with self.state.lock:  # a test woken by this call sees its log entry too
                    result, description = self.state.call(method, params, files)
                    self.state.record(RequestRecord(method, 200, _logged_params(params, files)))
                if method.lower() == "setwebhook":
                    self._updates_arrived()
        except ApiError as error:
            self.state.record(RequestRecord(method, error.status, _logged_params(params, files), error.description))
            _refuse(handler, error)
            return
        body: dict[str, Any] = {"ok": True, "result": result}
        if description is not None:
            body["description"] = description
        handler.finish(body)

    def _inject(self, handler: _MethodHandler, method: str, params: dict[str, Any], fault: Fault) -> None:
        """Fail this call as a test asked: drop the connection unanswered, or answer with the error."""
        if fault.status is None:
            self.state.record(RequestRecord(method, 0, params, "connection dropped", injected=True))
            handler.detach().close()
            return
        error = _fault_error(fault.status, fault.description, fault.retry_after)
        self.state.record(RequestRecord(method, error.status, params, error.description, injected=True))
        _refuse(handler, error)

    async def _get_updates(self, handler: _MethodHandler, raw: dict[str, Any]) -> list[dict[str, Any]]:
        """Telegram's getUpdates: confirm by offset, and if nothing is pending wait up to `timeout` for it."""
        if self.state.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        params = coerce_params(raw)
        offset, limit, timeout = params.get("offset", 0), params.get("limit", 100), params.get("timeout", 0)
        self._end_poll("conflict")
        updates = self.state.take_updates(offset, limit, params.get("allowed_updates"))
        if updates or timeout <= 0:
            return updates
        assert self._loop is not None
        handler.poll = self._poll = self._loop.create_future()
        self.state.set_polling(True)
        try:
            reason = await asyncio.wait_for(self._poll, timeout)
        except TimeoutError:
            reason = "timeout"
        finally:
            if self._poll is handler.poll:
                self._poll = None
                self.state.set_polling(False)
        if reason == "conflict":
            raise ApiError(409, CONFLICT_OTHER_POLL)
        return self.state.take_updates(offset, limit, None) if reason == "update" else []

    async def _deliver_to_webhook(self) -> None:
        """While a webhook is set, POST each queued update to it in order until it answers 2xx."""
        assert self._webhook_kick is not None
        client: httpx.AsyncClient | None = None  # made on first use: building its SSL context takes 0.2 s
        try:
            while True:
                update = self.state.next_webhook_update()
                if update is None:
                    self._webhook_kick.clear()
                    await self._webhook_kick.wait()
                    continue
                client = client or httpx.AsyncClient(trust_env=False, timeout=10)
                error = await self._post_update(client, update)
                self.state.webhook_result(update, error)
                if error is not None:
                    await asyncio.sleep(self.webhook_retry_delay)  # Telegram's back-off, shortened for tests
        finally:
            if client is not None:
                await client.aclose()

    async def _post_update(self, client: httpx.AsyncClient, update: dict[str, Any]) -> str | None:
        hook = self.state.webhook
        if hook is None:
            return "webhook deleted"
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        try:
            response = await client.post(hook.url, content=json.dumps(update), headers=headers)
        except httpx.HTTPError as error:
            return f"Connection failed: {type(error).__name__}"
        if response.is_success:
            return None
        return f"Wrong response from the webhook: {response.status_code} {response.reason_phrase}"


def _refuse(handler: tornado.web.RequestHandler, error: ApiError) -> None:
    handler.set_status(error.status)
    handler.finish(error.body())


def _fault_error(status: int, description: str | None, retry_after: float | None) -> ApiError:
    """An injected failure in Telegram's shape: 429 carries retry_after, 5xx its plain phrase."""
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        seconds = int(retry_after) if retry_after is not None and retry_after == int(retry_after) else retry_after
        return ApiError(status, description or f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})
    return ApiError(status, description or HTTPStatus(status).phrase)
