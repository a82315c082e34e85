"""Settings from the environment and `.env`; every variable is documented in .env.example."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import messages
from briefings.ingest.capacity import default_workers

# Upper bounds keep every number a setting turns into a duration, a pool or an id finite:
# past them timedelta overflows or a process pool asks for more processes than exist.
MAX_DAYS = 366
MAX_WORKERS = 256
MAX_SNOWFLAKE = 2**64 - 1


def default_db_path() -> Path:
    return platformdirs.user_data_path("attache") / "attache.db"


def default_log_path() -> Path:
    return platformdirs.user_log_path("attache") / "attache.log"


class Settings(BaseSettings):
    """What can be configured; names are the environment variables, upper-cased."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_prefix="ATTACHE_",
        env_ignore_empty=True,
        extra="ignore",
    )

    db: Path = Field(default_factory=default_db_path)
    log_file: Path = Field(default_factory=default_log_path)
    load_seeds: bool = True
    max_document_mb: float = Field(default=10.0, gt=0)
    fetch_timeout: float = Field(default=15.0, gt=0)
    # Processes reading and preparing articles in a large ingest; 1 does it all in the
    # ingesting process. By default two on a machine with two cores or more.
    ingest_workers: int = Field(default_factory=default_workers, ge=1, le=MAX_WORKERS)

    # The LLM: OpenAI, or any OpenAI-compatible server (Ollama, llama.cpp, vLLM).
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL")
    )
    openai_model: str = Field(default="gpt-4o-mini", validation_alias=AliasChoices("OPENAI_MODEL"))
    llm_timeout: float = Field(default=30.0, gt=0)
    llm_max_retries: int = Field(default=1, ge=0, le=5)

    # Slack: Socket Mode needs the bot token and an app-level token (xapp-, connections:write);
    # HTTP mode needs the bot token and the signing secret.
    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET")
    )
    slack_mode: Literal["socket", "http"] = "socket"
    slack_port: int = Field(default=3000, ge=1, le=65535)
    slack_command: str = "/brief"
    slack_admins: str = ""

    # Discord: the bot token; a test guild id makes command changes appear at once there.
    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN")
    )
    discord_test_guild: int | None = Field(default=None, ge=1, le=MAX_SNOWFLAKE)

    # Digests: the timezone a schedule is read in when none is given, how old an article may
    # be and still be news in a digest, and whether an empty window posts a quiet line.
    timezone: str = "Asia/Ho_Chi_Minh"
    digest_max_age_days: float = Field(default=3.0, gt=0, le=MAX_DAYS)
    digest_quiet_line: bool = False
    # How often a registered feed or folder is polled when `sources add` gives no --every.
    poll_every_minutes: float = Field(default=30.0, ge=1, le=MAX_DAYS * 24 * 60)

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def discord_enabled(self) -> bool:
        return self.discord_token is not None

    @property
    def llm_enabled(self) -> bool:
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1_000_000)


def setting_problem(error: ValidationError) -> str:
    """The first invalid setting, named as its environment variable, in one line."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    alias = (
        Settings.model_fields[field].validation_alias if field in Settings.model_fields else None
    )
    name = alias.choices[0] if isinstance(alias, AliasChoices) else f"ATTACHE_{field.upper()}"
    return messages.BAD_SETTING.format(name=name, problem=first["msg"], value=first.get("input"))
