"""`iepbot invite`: the school is created once, the printed code joins it, the link opens the bot."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import text

from iepbot.cli import main
from iepbot.config import Settings
from iepbot.domain.enums import Role
from iepbot.domain.errors import InvalidInviteError
from iepbot.domain.records import Invite, StaffMember
from iepbot.domain.schools import hash_code, redeem_invite
from iepbot.storage.opening import open_storage

USERNAME = "OakfieldIepBot"
TOKEN = "7000011122:Zq9dqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
LINK = re.compile(r"https://t\.me/(?P<bot>\w+)\?start=(?P<code>[A-Za-z0-9_-]{1,64})")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite data directory and the bot's username set, with no token: nothing reaches the network."""
    monkeypatch.chdir(tmp_path)  # no developer's .env file
    for name in ("DATABASE_URL", "TELEGRAM_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IEPBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", USERNAME)
    return tmp_path / "data"


def invite(capsys: pytest.CaptureFixture[str], *arguments: str) -> dict[str, str]:
    """Run `iepbot invite …` and return its "Field: value" lines, plus the whole output under "output"."""
    assert main(["invite", *arguments]) == 0
    output = capsys.readouterr().out
    fields = {name: value.strip() for name, value in re.findall(r"^(\w+):\s+(.*)$", output, flags=re.MULTILINE)}
    return fields | {"output": output}


def in_database(data_dir: Path, code: str) -> tuple[Invite | None, list[str]]:
    """The invite behind `code` and every school's name, read back through storage."""

    async def read() -> tuple[Invite | None, list[str]]:
        storage = await open_storage(Settings(IEPBOT_DATA_DIR=data_dir))
        try:
            async with storage.read() as tx:
                found = await tx.invites.by_hash(hash_code(code))
                names = (await tx.session.execute(text("SELECT name FROM schools ORDER BY id"))).scalars().all()
            return found, list(names)
        finally:
            await storage.close()

    return asyncio.run(read())


def redeem(data_dir: Path, code: str, telegram_user_id: int) -> StaffMember:
    """Join with `code` as the bot will when the link is opened."""

    async def join() -> StaffMember:
        storage = await open_storage(Settings(IEPBOT_DATA_DIR=data_dir))
        try:
            async with storage.write() as tx:
                return await redeem_invite(tx, code, telegram_user_id=telegram_user_id, name="Mrs Okafor")
        finally:
            await storage.close()

    return asyncio.run(join())


def test_the_first_invite_creates_the_school_and_the_second_reuses_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = invite(capsys, "--school", "Oakfield Primary", "--role", "senco")
    second = invite(capsys, "--school", "Oakfield Primary", "--role", "teacher")
    assert first["School"] == "Oakfield Primary (created now, id 1)"
    assert second["School"] == "Oakfield Primary (already registered, id 1)"
    assert (first["Role"], second["Role"]) == ("SENCo", "teacher")
    assert first["Code"] != second["Code"]
    _, schools = in_database(data_dir, first["Code"])
    assert schools == ["Oakfield Primary"]


@pytest.mark.parametrize("typed", ["Oakfield primary", "oakfield  PRIMARY school", "Oakfield Academy"])
def test_a_name_like_a_registered_schools_is_refused_in_one_line_naming_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    code = invite(capsys, "--school", "Oakfield Primary", "--role", "senco")["Code"]
    assert main(["invite", "--school", typed, "--role", "teacher"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert 'A school called "Oakfield Primary" is already registered' in captured.err
    assert '--school "Oakfield Primary"' in captured.err
    assert "--new-school" in captured.err
    assert in_database(data_dir, code)[1] == ["Oakfield Primary"]


def test_new_school_creates_a_school_with_a_similar_name_when_the_operator_means_it(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = invite(capsys, "--school", "Oakfield Primary", "--role", "senco")["Code"]
    second = invite(capsys, "--school", "Oakfield Academy", "--role", "senco", "--new-school")
    assert second["School"] == "Oakfield Academy (created now, id 2)"
    assert in_database(data_dir, code)[1] == ["Oakfield Primary", "Oakfield Academy"]


def test_the_printed_code_joins_the_school_in_the_role_once(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = invite(capsys, "--school", "Oakfield Primary", "--role", "senco")["Code"]
    member = redeem(data_dir, code, telegram_user_id=103)
    assert (member.school_id, member.role) == (1, Role.SENCO)
    with pytest.raises(InvalidInviteError):
        redeem(data_dir, code, telegram_user_id=104)


@pytest.mark.usefixtures("data_dir")
def test_the_link_opens_the_bot_with_the_code_as_its_start_parameter(capsys: pytest.CaptureFixture[str]) -> None:
    printed = invite(capsys, "--school", "Oakfield Primary", "--role", "teacher")
    link = LINK.fullmatch(printed["Link"])
    assert link is not None, printed["Link"]
    assert (link["bot"], link["code"]) == (USERNAME, printed["Code"])
    assert "TELEGRAM_BOT_USERNAME" not in printed["output"]


def test_the_expiry_printed_is_the_one_stored_days_ahead(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = datetime.now(UTC)
    printed = invite(capsys, "--school", "Oakfield Primary", "--role", "teacher", "--days", "3")
    stored, _ = in_database(data_dir, printed["Code"])
    assert stored is not None
    assert before + timedelta(days=3) <= stored.expires_at <= datetime.now(UTC) + timedelta(days=3)
    expires = stored.expires_at
    assert printed["Expires"] == f"{expires.day} {expires:%B %Y at %H:%M} UTC (the code works once)"


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--role", "admin"], "invalid choice: 'admin'"),
        (["--role", "teacher", "--days", "0"], "from 1 to 30"),
        (["--role", "teacher", "--days", "a week"], "from 1 to 30"),
    ],
)
def test_a_bad_role_or_lifetime_is_refused_before_anything_is_stored(
    data_dir: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], complaint: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["invite", "--school", "Oakfield Primary", *arguments])
    assert exit_.value.code == 2
    assert complaint in capsys.readouterr().err
    assert not data_dir.exists()


@pytest.mark.usefixtures("data_dir")
def test_an_empty_school_name_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["invite", "--school", "  ", "--role", "teacher"]) == 1
    assert capsys.readouterr().err == "Please give the school name; it cannot be empty.\n"


@pytest.mark.usefixtures("data_dir")
def test_without_a_username_or_token_the_link_has_a_placeholder_and_says_what_to_set(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME")
    printed = invite(capsys, "--school", "Oakfield Primary", "--role", "teacher")
    assert printed["Link"] == f"https://t.me/YOUR_BOT_USERNAME?start={printed['Code']}"
    assert "set TELEGRAM_BOT_USERNAME" in printed["output"]


class FakeBotApi(ThreadingHTTPServer):
    """A Bot API on 127.0.0.1 that answers getMe with a fixed status and body and records the paths asked."""

    def __init__(self, status: int, answer: dict[str, object]) -> None:
        super().__init__(("127.0.0.1", 0), _FakeBotApiHandler)
        self.status = status
        self.answer = answer
        self.paths: list[str] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/bot"


class _FakeBotApiHandler(BaseHTTPRequestHandler):
    server: FakeBotApi

    def do_POST(self) -> None:  # the name http.server dispatches to
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.paths.append(self.path)
        body = json.dumps(self.server.answer).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # the base class names it `format`
        """Keep the test output quiet."""


@pytest.fixture
def bot_api(request: pytest.FixtureRequest) -> Iterator[FakeBotApi]:
    status, answer = request.param
    server = FakeBotApi(status, answer)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.server_close()


GET_ME = {"ok": True, "result": {"id": 7000011122, "is_bot": True, "first_name": "IEP", "username": "AskedIepBot"}}
REJECTED = {"ok": False, "error_code": 401, "description": "Unauthorized"}


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("bot_api", [(200, GET_ME)], indirect=True)
def test_without_a_username_the_bot_api_is_asked_through_telegram_api_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bot_api: FakeBotApi
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME")
    monkeypatch.setenv("TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", bot_api.base_url)
    printed = invite(capsys, "--school", "Oakfield Primary", "--role", "teacher")
    assert printed["Link"] == f"https://t.me/AskedIepBot?start={printed['Code']}"
    assert bot_api.paths == [f"/bot{TOKEN}/getMe"]


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("bot_api", [(401, REJECTED)], indirect=True)
def test_a_rejected_token_still_issues_the_invite_and_is_never_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bot_api: FakeBotApi
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_USERNAME")
    monkeypatch.setenv("TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", bot_api.base_url)
    assert main(["invite", "--school", "Oakfield Primary", "--role", "teacher"]) == 0
    out, err = capsys.readouterr()
    assert "Could not ask Telegram for the bot's username (InvalidToken" in err
    assert "https://t.me/YOUR_BOT_USERNAME?start=" in out
    assert TOKEN.split(":")[1] not in out + err
