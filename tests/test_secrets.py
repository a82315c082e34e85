"""No secret reaches the log: a full start at DEBUG, with traffic through every path.

Every secret is set to a distinctive value; the parts are built by `bot.wiring` from the
settings as `attache run` builds them, with Slack in HTTP mode answering signed requests over
a real socket, Discord logged in and answering an interaction, the LLM answering then failing
with a message that echoes the key, Slack refusing a token, and digests posted on both
platforms. Everything logged, by Attaché or by a library, goes to the log file at DEBUG.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.config import Settings
from bot.discord import DiscordSurface
from bot.logs import setup_logging
from bot.slack import SlackSurface
from bot.slack.app import EVENTS_PATH
from bot.wiring import build_router, build_scheduler, build_surfaces
from briefings.llm import NOTES
from store import AttacheError, Store

from . import slack_api as slack_stand_in
from .conftest import SEEDS, run_ingest, signed
from .discord_api import DiscordAPI
from .llm_server import LLMServer, completion, error, running_server
from .slack_api import SlackApi
from .test_access import MANAGE_CHANNELS, READ_AND_SEND, digest_interaction
from .test_discord import interact
from .test_discord import payload as discord_payload
from .test_slack import payload

ANALYST = "U0ANALYST1"
# openai 3 talks through httpx2 and httpcore2.
LIBRARIES = ("slack_sdk", "slack_bolt", "discord", "httpx2", "httpcore2", "openai", "apscheduler")
# A prefix this long is enough to recognise a token, masked or cut short.
PREFIX = 8


def distinctive(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(24)


SECRETS = {
    "SLACK_BOT_TOKEN": distinctive("xoxb-"),
    "SLACK_SIGNING_SECRET": secrets.token_hex(16),
    "SLACK_APP_TOKEN": distinctive("xapp-"),
    "DISCORD_TOKEN": distinctive("MTE"),
    "OPENAI_API_KEY": distinctive("sk-"),
}


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The log as `attache` sets it up, at DEBUG; the root logger is restored afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in LIBRARIES}
    path = tmp_path / "attache.log"
    setup_logging(path, level=logging.DEBUG)
    yield path
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for name, was in levels.items():
        logging.getLogger(name).setLevel(was)


@pytest.fixture
def llm() -> Iterator[LLMServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def settings(
    tmp_path: Path, llm: LLMServer, monkeypatch: pytest.MonkeyPatch, log_file: Path
) -> Settings:
    with Store.open(tmp_path / "attache.db") as store:
        run_ingest(store, [str(SEEDS)])
    environment = SECRETS | {
        "ATTACHE_DB": str(tmp_path / "attache.db"),
        "ATTACHE_LOG_FILE": str(log_file),
        "ATTACHE_SLACK_MODE": "http",
        "ATTACHE_SLACK_PORT": str(free_port()),
        "ATTACHE_SLACK_ADMINS": ANALYST,
        "ATTACHE_DIGEST_QUIET_LINE": "true",
        "ATTACHE_LLM_MAX_RETRIES": "0",
        "OPENAI_BASE_URL": llm.base_url,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return Settings(_env_file=None)  # type: ignore[call-arg]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def leaks(text: str) -> list[str]:
    """The names of the secrets of which the text holds the value or its first characters."""
    return [name for name, value in SECRETS.items() if value[:PREFIX] in text]


async def signed_post(port: int, form: dict[str, str]) -> int:
    """A slash command sent as Slack sends it, to the running HTTP endpoint."""
    body = urlencode(form)
    headers = {"content-type": "application/x-www-form-urlencoded"}
    headers |= signed(body, secret=SECRETS["SLACK_SIGNING_SECRET"])
    url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        return response.status


async def slack_command(api: SlackApi, port: int, text: str) -> None:
    """Send `/brief text` and wait for its answer to reach the response_url."""
    before = len(api.posts())
    form = payload("slash_command.json") | {"text": text, "response_url": api.response_url()}
    form["trigger_id"] = f"{time.monotonic_ns()}.1.1"
    assert 200 == await signed_post(port, form)
    async with asyncio.timeout(20):
        while len(api.posts()) == before:
            await asyncio.sleep(0.05)


async def listening(port: int) -> None:
    async with asyncio.timeout(10):
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            return


def surface(surfaces: list[Any], kind: type[Any]) -> Any:
    return next(s for s in surfaces if isinstance(s, kind))


@pytest.mark.asyncio
async def test_no_secret_reaches_the_log_at_debug_level(
    settings: Settings,
    log_file: Path,
    llm: LLMServer,
    slack_api: SlackApi,
    discord_api: DiscordAPI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The LLM answers, then fails the way OpenAI does: echoing the key it refused.
    key = SECRETS["OPENAI_API_KEY"]
    llm.script(
        completion(
            "Sergey Lavrov co-chaired the event [1]. Lavrov visited Vietnam on Wednesday [2]."
        ),
        error(401, message=f"Incorrect API key provided: {key}. You can find your key at …"),
    )
    router = build_router(settings, str(settings.db))
    surfaces = build_surfaces(settings, router)
    scheduler = build_scheduler(settings, str(settings.db), router, surfaces)
    slack, discord_surface = surface(surfaces, SlackSurface), surface(surfaces, DiscordSurface)
    slack.client.base_url = slack.poster.client.base_url = slack_api.api_url
    await discord_surface.client.login(SECRETS["DISCORD_TOKEN"])
    serving = asyncio.create_task(slack.run())
    await listening(settings.slack_port)

    await slack_command(slack_api, settings.slack_port, "who Lavrov")
    await slack_command(slack_api, settings.slack_port, "topic UNCLOS")
    await slack_command(slack_api, settings.slack_port, "digest subscribe Vietnam")
    admin = READ_AND_SEND | MANAGE_CHANNELS
    bot = discord_surface.client
    await interact(bot, discord_api, discord_payload("who_lavrov"))
    await interact(bot, discord_api, digest_interaction("subscribe Vietnam", permissions=admin))
    await scheduler.start()
    await scheduler.catch_up(router.clock() + timedelta(days=2))
    serving.cancel()

    # Slack refusing the token at start-up.
    invalid_auth = {"ok": False, "error": "invalid_auth"}
    monkeypatch.setitem(slack_stand_in._RESULTS, "auth.test", lambda api, body: invalid_auth)
    refused = SlackSurface(settings, router)
    refused.client.base_url = slack_api.api_url
    with pytest.raises(AttacheError, match="invalid_auth"):
        await refused.run()
    await scheduler.stop()
    await discord_surface.client.close()
    router.close()

    logged = log_file.read_text(encoding="utf-8")
    # The traffic happened, and the libraries logged it at DEBUG...
    assert 2 == len(llm.requests)
    assert {"slack", "discord"} == {row[0] for row in digest_platforms(settings.db)}
    assert [] == [name for name in LIBRARIES if f" {name}" not in logged]
    assert "LLM request failed (auth, status 401)" in logged
    assert NOTES["auth"] in str(slack_api.posts()[1].body)
    # ...and no secret, nor the start of one, is in it.
    assert [] == leaks(logged)


def digest_platforms(db: Path) -> list[tuple[str, str]]:
    with Store.open(db) as store:
        rows = store.db.execute(
            "SELECT s.platform, r.state FROM digest_runs r JOIN subscriptions s"
            " ON s.id = r.subscription_id"
        ).fetchall()
    return [(str(platform), str(state)) for platform, state in rows if state == "posted"]
