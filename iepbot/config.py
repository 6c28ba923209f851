"""Settings from the environment (and a `.env` file), loaded once in the entry point and passed down."""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from iepbot.errors import ConfigError

__all__ = ["ConfigError", "Settings", "load_settings", "telegram_token", "webhook_secret"]

# Bot API rules: a token is "<bot id>:<secret>"; a webhook's secret_token is 1 to 256 of [A-Za-z0-9_-];
# a username is 5 to 32 letters, digits and underscores.
_TOKEN_SECRET = re.compile(r"[A-Za-z0-9_-]{30,}")
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_USERNAME = re.compile(r"[A-Za-z0-9_]{5,32}")
# Changing the label changes every derived webhook secret, so a deployment must re-register its webhook.
_WEBHOOK_SECRET_LABEL = b"iepbot telegram webhook secret v1"

MISSING_TOKEN = "TELEGRAM_TOKEN is not set: get a token from @BotFather and put it in the environment or a .env file"


def _default_data_dir() -> Path:
    """Where the SQLite database and generated documents live when nothing else is said."""
    return Path.home() / ".local" / "share" / "iepbot"


class Settings(BaseSettings):
    """Everything the bot can be told from outside; frozen so no handler can change it mid-run."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_token: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_TOKEN")
    telegram_api_url: str | None = Field(default=None, validation_alias="TELEGRAM_API_URL")
    # The bot's @username (without the @): invite links are https://t.me/<username>?start=<code>.
    telegram_bot_username: str | None = Field(default=None, validation_alias="TELEGRAM_BOT_USERNAME")
    # Telegram sends it back in a header on every webhook call; unset means derived from the token.
    telegram_webhook_secret: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_WEBHOOK_SECRET")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    data_dir: Path = Field(default_factory=_default_data_dir, validation_alias="IEPBOT_DATA_DIR")
    # Years without activity after which a pupil is listed by `iepbot db retention` (docs/storage.md).
    retention_years: int = Field(default=3, ge=1, le=50, validation_alias="IEPBOT_RETENTION_YEARS")
    # How often the outbox is swept for replies a fault or a restart left unsent (docs/bot.md, "The outbox").
    outbox_seconds: float = Field(default=10.0, gt=0, le=3600, validation_alias="IEPBOT_OUTBOX_SECONDS")

    @field_validator("telegram_bot_username", mode="before")
    @classmethod
    def _plain_username(cls, value: object) -> object:
        """Accept "@OakfieldIepBot" as people copy it from Telegram; empty means not set."""
        if not isinstance(value, str):
            return value
        username = value.strip().removeprefix("@")
        if not username:
            return None
        if not _USERNAME.fullmatch(username):
            raise ValueError("must be the bot's username: 5 to 32 letters, digits or underscores, e.g. OakfieldIepBot")
        return username

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _valid_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram refuses setWebhook with any other secret, so say so at start rather than at deployment."""
        if value is None or not value.get_secret_value():
            return None  # an empty variable means "not set", as for the username
        if not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1 to 256 characters, each a letter, a digit, _ or -")
        return value

    @property
    def effective_database_url(self) -> str:
        """The configured database, or SQLite in the data directory: works on a fresh machine."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'iepbot.sqlite3'}"


def load_settings() -> Settings:
    """Read the settings once; the entry point calls this and passes the result down.

    A bad value becomes a `ConfigError` naming each variable and the rule it breaks; the values themselves
    are left out (and the pydantic error is not chained) because some of them are secrets.
    """
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])} {problem['msg'].removeprefix('Value error, ')}"
            for problem in error.errors()
        )
        raise ConfigError(f"Invalid setting: {problems}") from None


def telegram_token(settings: Settings) -> str:
    """The bot token, checked for shape so a pasting mistake is reported before Telegram is asked."""
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value().strip():
        raise ConfigError(MISSING_TOKEN)
    token = settings.telegram_token.get_secret_value().strip()
    bot_id, colon, secret = token.partition(":")
    if not colon:
        problem = "it has no colon"
    elif not (bot_id.isascii() and bot_id.isdigit()):
        problem = "the part before the colon is not all digits"
    elif not _TOKEN_SECRET.fullmatch(secret):
        problem = "the part after the colon is too short or has characters other than letters, digits, _ and -"
    else:
        return token
    raise ConfigError(
        f"TELEGRAM_TOKEN is malformed: {problem}. A bot token looks like 123456789:AAHdq… "
        "(digits, a colon, then 30 or more letters, digits, _ or -); copy it again from @BotFather"
    )


def webhook_secret(settings: Settings) -> str:
    """The secret Telegram must send with each webhook call: the configured one, else derived from the token.

    Deriving it (HMAC-SHA256 keyed by the token, 64 hex characters) means a deployment need not set one,
    yet it is stable across restarts and processes and changes when the token is revoked.
    """
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    key = telegram_token(settings).encode()
    return hmac.new(key, _WEBHOOK_SECRET_LABEL, hashlib.sha256).hexdigest()
