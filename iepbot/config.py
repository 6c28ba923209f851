"""Settings from the environment (and a `.env` file), loaded once in the entry point and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    """Where the SQLite database and generated documents live when nothing else is said."""
    return Path.home() / ".local" / "share" / "iepbot"


class Settings(BaseSettings):
    """Everything the bot can be told from outside; frozen so no handler can change it mid-run."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_token: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_TOKEN")
    telegram_api_url: str | None = Field(default=None, validation_alias="TELEGRAM_API_URL")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    data_dir: Path = Field(default_factory=_default_data_dir, validation_alias="IEPBOT_DATA_DIR")
    # Years without activity after which a pupil is listed by `iepbot db retention` (docs/storage.md).
    retention_years: int = Field(default=3, ge=1, le=50, validation_alias="IEPBOT_RETENTION_YEARS")

    @property
    def effective_database_url(self) -> str:
        """The configured database, or SQLite in the data directory: works on a fresh machine."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'iepbot.sqlite3'}"


def load_settings() -> Settings:
    """Read the settings once; the entry point calls this and passes the result down."""
    return Settings()
