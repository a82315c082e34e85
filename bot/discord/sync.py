"""When to sync slash commands: Discord allows 200 command creations a day per guild."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging

import discord
from discord import app_commands

from bot.router import Router

log = logging.getLogger(__name__)

HASH_KEY = "discord_commands_hash"


def command_fingerprint(tree: app_commands.CommandTree[discord.Client], application: int) -> str:
    """A hash of the command payloads Discord would receive, per application."""
    payloads = sorted(
        (command.to_dict(tree) for command in tree.get_commands()), key=lambda p: str(p["name"])
    )
    text = json.dumps({"application": application, "commands": payloads}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree[discord.Client], router: Router, test_guild: int | None
) -> None:
    """To the test guild at once when one is set; globally only when the commands changed."""
    if test_guild is not None:
        guild = discord.Object(test_guild)
        tree.copy_global_to(guild=guild)
        await tree.sync(guild=guild)
        log.info("slash commands synced to the test guild %s", test_guild)
        return
    fingerprint = command_fingerprint(tree, tree.client.application_id or 0)
    if await asyncio.to_thread(last_synced, router) == fingerprint:
        log.info("slash commands unchanged since the last global sync; not syncing")
        return
    await tree.sync()
    await asyncio.to_thread(remember_synced, router, fingerprint)
    log.info("slash commands synced globally (they can take up to an hour to appear)")


def last_synced(router: Router) -> str | None:
    row = router.store().db.execute("SELECT value FROM meta WHERE key = ?", [HASH_KEY]).fetchone()
    return str(row[0]) if row else None


def remember_synced(router: Router, fingerprint: str) -> None:
    router.store().db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [HASH_KEY, fingerprint],
    )
