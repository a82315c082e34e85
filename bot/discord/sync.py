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
TEST_GUILD_KEY = "discord_test_guild"


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
    """To the test guild at once when one is set; globally only when the commands changed.

    A test guild's commands outlive the setting: with ATTACHE_DISCORD_TEST_GUILD unset or
    changed they would stay there, shown twice beside the global ones, so the guild last
    synced to is remembered and its commands cleared once it is no longer the test guild."""
    await clear_old_test_guild(tree, router, keep=test_guild)
    if test_guild is not None:
        guild = discord.Object(test_guild)
        tree.copy_global_to(guild=guild)
        await tree.sync(guild=guild)
        await asyncio.to_thread(lambda: router.store().set_meta(TEST_GUILD_KEY, str(test_guild)))
        log.info("slash commands synced to the test guild %s", test_guild)
        return
    fingerprint = command_fingerprint(tree, tree.client.application_id or 0)
    if await asyncio.to_thread(last_synced, router) == fingerprint:
        log.info("slash commands unchanged since the last global sync; not syncing")
        return
    await tree.sync()
    await asyncio.to_thread(remember_synced, router, fingerprint)
    log.info("slash commands synced globally (they can take up to an hour to appear)")


async def clear_old_test_guild(
    tree: app_commands.CommandTree[discord.Client], router: Router, keep: int | None
) -> None:
    """Remove the commands of the test guild synced to before, unless it is still `keep`
    (one call, once)."""
    old = await asyncio.to_thread(lambda: router.store().meta(TEST_GUILD_KEY))
    if old is None or old == str(keep):
        return
    guild = discord.Object(int(old))
    tree.clear_commands(guild=guild)
    await tree.sync(guild=guild)
    await asyncio.to_thread(lambda: router.store().set_meta(TEST_GUILD_KEY, None))
    log.info("cleared the commands of the former test guild %s", old)


def last_synced(router: Router) -> str | None:
    return router.store().meta(HASH_KEY)


def remember_synced(router: Router, fingerprint: str) -> None:
    router.store().set_meta(HASH_KEY, fingerprint)
