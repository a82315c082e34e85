"""The digest poster as a process of its own, for tests that SIGKILL it (tests/test_crashes.py).

It wires the real scheduler (bot.wiring, settings from the environment) to the real Slack and
Discord posters, pointed at the local stand-ins the test runs, and walks a clock the test
gives: at each instant it does what the bot does on start, `catch_up`, so every run due by
then is settled or posted. Then it exits. Run again after a kill, it walks the same clock.

    ATTACHE_DB=... SLACK_API_URL=http://127.0.0.1:PORT/api/ \
    DISCORD_API_BASE=http://127.0.0.1:PORT/api/v10 DIGEST_CLOCK=ISO,ISO,... \
    python -m tests.digest_child
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import datetime

import discord

from bot.config import Settings
from bot.discord.posting import DiscordPoster
from bot.posting import Poster
from bot.slack.app import new_client
from bot.slack.posting import SlackPoster
from bot.wiring import build_router, build_scheduler


@dataclass
class PostingOnly:
    """A surface reduced to what the scheduler takes from one: its poster."""

    name: str
    poster: Poster

    async def run(self) -> None:
        await asyncio.Event().wait()


async def post_due_digests(settings: Settings, clock: list[datetime]) -> None:
    discord.http.Route.BASE = os.environ["DISCORD_API_BASE"]
    client = discord.Client(intents=discord.Intents.default())
    await client.login("test-token")
    surfaces = [
        PostingOnly("slack", SlackPoster(new_client("xoxb-test", os.environ["SLACK_API_URL"]))),
        PostingOnly("discord", DiscordPoster(client)),
    ]
    router = build_router(settings, str(settings.db))
    scheduler = build_scheduler(settings, str(settings.db), router, surfaces)  # type: ignore[arg-type]
    try:
        for now in clock:
            await scheduler.catch_up(now)
    finally:
        await scheduler.stop()
        await client.close()
        router.close()


def main() -> None:
    clock = [datetime.fromisoformat(t) for t in os.environ["DIGEST_CLOCK"].split(",")]
    asyncio.run(post_due_digests(Settings(), clock))


if __name__ == "__main__":
    main()
