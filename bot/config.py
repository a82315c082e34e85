"""Settings from the environment and `.env`; every variable is documented in .env.example."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import messages
from briefings.ingest.capacity import default_workers
from briefings.ingest.network import Network, parse_networks
from briefings.schedules import ScheduleError, timezone_named
from store.errors import AttacheError


class SettingsError(AttacheError):
    """A setting in the environment or `.env` that cannot be read."""


# Upper bounds keep every number a setting turns into a duration, a pool or an id finite:
# past them timedelta overflows or a process pool asks for more processes than exist.
MAX_DAYS = 366
# An archive team may treat years-old articles as news; a century keeps `now - age` a date.
MAX_AGE_DAYS = 36_525
MAX_WORKERS = 256
MAX_SNOWFLAKE = 2**64 - 1
SLACK_API_URL = "https://slack.com/api/"


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

    # A SQLite file's path, or a postgresql:// URL.
    db: str = Field(default_factory=lambda: str(default_db_path()))
    log_file: Path = Field(default_factory=default_log_path)
    load_seeds: bool = True
    max_document_mb: float = Field(default=10.0, gt=0)
    # Seconds a page or feed may take in all, redirects included.
    fetch_timeout: float = Field(default=15.0, gt=0)
    # Networks fetches may reach besides the public internet (comma-separated CIDRs), e.g. an
    # intranet feed's 10.0.0.0/8; loopback, private and link-local ones are refused otherwise.
    allow_networks: str = ""
    # A feed's teaser pages (entries too short to be the article) are fetched this many at a
    # time, for at most this many seconds a feed; the rest are fetched at its next poll.
    teaser_workers: int = Field(default=4, ge=1, le=32)
    teaser_budget: float = Field(default=120.0, gt=0)
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
    # Where the Slack Web API is reached: Slack's own, or a proxy or stand-in speaking it.
    slack_api_url: str = Field(
        default=SLACK_API_URL, validation_alias=AliasChoices("SLACK_API_URL")
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
    digest_max_age_days: float = Field(default=3.0, gt=0, le=MAX_AGE_DAYS)
    digest_quiet_line: bool = False
    # How often a registered feed or folder is polled when `sources add` gives no --every.
    poll_every_minutes: float = Field(default=30.0, ge=1, le=MAX_DAYS * 24 * 60)

    @field_validator("allow_networks")
    @classmethod
    def _networks_parse(cls, value: str) -> str:
        parse_networks(value)  # a ValueError names the bad entry
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone_exists(cls, value: str) -> str:
        try:
            timezone_named(value)
        except ScheduleError as error:
            problem = messages.BAD_SETTING.format(
                name="ATTACHE_TIMEZONE", value=value, problem=error.message
            )
            raise ValueError(problem) from None
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _slack_api_url_ends_in_slash(cls, value: str) -> str:
        # slack_sdk joins the method name to the base URL: without the slash
        # `https://proxy/api` + `chat.postMessage` would lose its `api`.
        if not value.startswith(("http://", "https://")):
            raise ValueError(messages.BAD_SLACK_API_URL.format(value=value))
        return value if value.endswith("/") else value + "/"

    @property
    def allowed_networks(self) -> tuple[Network, ...]:
        return parse_networks(self.allow_networks)

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


def load_settings() -> Settings:
    """The settings, or SettingsError naming the first bad variable in one line."""
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(setting_problem(error)) from None


def setting_problem(error: ValidationError) -> str:
    """The first invalid setting, named as its environment variable, in one line."""
    first = error.errors()[0]
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, ValueError):
        return str(cause)  # our validators name the variable themselves
    field = str(first["loc"][0]) if first["loc"] else ""
    alias = (
        Settings.model_fields[field].validation_alias if field in Settings.model_fields else None
    )
    name = alias.choices[0] if isinstance(alias, AliasChoices) else f"ATTACHE_{field.upper()}"
    return messages.BAD_SETTING.format(name=name, problem=first["msg"], value=first.get("input"))
