"""Telegram settings: a missing or malformed token is a one-line error that never repeats the token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iepbot.config import MISSING_TOKEN, ConfigError, Settings, load_settings, telegram_token, webhook_secret

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
OTHER_TOKEN = "987654321:AAFzz_-Tcvxx1vGWJxfSeofSAs0K5PALDsq"
TELEGRAM_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No TELEGRAM_* variables and no developer's .env file: only what a test sets."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_TOKEN", "TELEGRAM_BOT_USERNAME", "TELEGRAM_WEBHOOK_SECRET", "IEPBOT_RETENTION_YEARS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_well_formed_token_is_returned_without_surrounding_whitespace() -> None:
    assert telegram_token(Settings(TELEGRAM_TOKEN=f"  {TOKEN}\n")) == TOKEN


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_token_says_where_to_get_one(value: str | None) -> None:
    with pytest.raises(ConfigError) as error:
        telegram_token(Settings(TELEGRAM_TOKEN=value))
    assert str(error.value) == MISSING_TOKEN
    assert "@BotFather" in str(error.value)


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("Zq9dqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "no colon"),
        ("bot123:Zq9dqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "before the colon is not all digits"),
        ("7000011122:Zq9", "too short"),
        ("7000011122:Zq9TcvCH1vGWJxfSeofSAs0K5PALD saw", "characters other than"),
        ("7000011122:Zq9TcvCH1vGWJxfSeofSAs0K5PALDsa/w", "characters other than"),
    ],
)
def test_a_malformed_token_says_what_is_wrong_without_echoing_it(token: str, problem: str) -> None:
    with pytest.raises(ConfigError) as error:
        telegram_token(Settings(TELEGRAM_TOKEN=token))
    message = str(error.value)
    assert message.startswith("TELEGRAM_TOKEN is malformed")
    assert problem in message
    assert "\n" not in message
    for fragment in token.split(":"):
        assert fragment not in message


def test_a_configured_webhook_secret_is_used_as_it_is() -> None:
    settings = Settings(TELEGRAM_TOKEN=TOKEN, TELEGRAM_WEBHOOK_SECRET="my_secret-2027")
    assert webhook_secret(settings) == "my_secret-2027"


def test_without_a_configured_secret_one_is_derived_from_the_token_stably() -> None:
    derived = webhook_secret(Settings(TELEGRAM_TOKEN=TOKEN))
    assert TELEGRAM_SECRET_TOKEN.fullmatch(derived)
    assert len(derived) == 64  # HMAC-SHA256 in hex: 256 bits
    assert derived == webhook_secret(Settings(TELEGRAM_TOKEN=TOKEN, TELEGRAM_WEBHOOK_SECRET=""))
    assert derived != webhook_secret(Settings(TELEGRAM_TOKEN=OTHER_TOKEN))
    assert TOKEN.split(":")[1] not in derived


def test_a_secret_cannot_be_derived_without_a_token() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_TOKEN is not set"):
        webhook_secret(Settings())


@pytest.mark.parametrize("secret", ["has space", "x" * 257, "naïve", "semi;colon"])
def test_a_webhook_secret_telegram_would_refuse_stops_loading_without_being_echoed(
    environment: pytest.MonkeyPatch, secret: str
) -> None:
    environment.setenv("TELEGRAM_WEBHOOK_SECRET", secret)
    with pytest.raises(ConfigError) as error:
        load_settings()
    message = str(error.value)
    assert message == (
        "Invalid setting: TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters, each a letter, a digit, _ or -"
    )
    assert error.value.__cause__ is None
    assert error.value.__suppress_context__


@pytest.mark.parametrize(("value", "expected"), [("@OakfieldIepBot", "OakfieldIepBot"), (" iep_bot ", "iep_bot")])
def test_the_bot_username_is_accepted_with_or_without_the_at_sign(
    environment: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    environment.setenv("TELEGRAM_BOT_USERNAME", value)
    assert load_settings().telegram_bot_username == expected


def test_an_empty_bot_username_means_not_set(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("TELEGRAM_BOT_USERNAME", "")
    assert load_settings().telegram_bot_username is None


def test_every_bad_setting_is_named_on_one_line(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("TELEGRAM_BOT_USERNAME", "https://t.me/OakfieldIepBot")
    environment.setenv("IEPBOT_RETENTION_YEARS", "0")
    with pytest.raises(ConfigError) as error:
        load_settings()
    message = str(error.value)
    assert "\n" not in message
    assert "TELEGRAM_BOT_USERNAME must be the bot's username" in message
    assert "IEPBOT_RETENTION_YEARS Input should be greater than or equal to 1" in message
