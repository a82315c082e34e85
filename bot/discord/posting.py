"""Posting digests to Discord exactly once: a nonce per message, the run in the footer.

discord.py sends `enforce_nonce` with every nonce, so Discord answers a resend made within a
few minutes with the message it already created instead of a second one. Discord keeps nonces
that briefly only and does not return them when reading history, so the run key also goes in
the last embed's footer, where `find_digest` looks for it after a longer outage. Discord's
429s are waited out by discord.py itself, for as long as `retry_after` says.
"""

from __future__ import annotations

import asyncio
import hashlib

import discord

from bot.discord import embeds as rendering
from briefings.digest import Digest

NO_MENTIONS = discord.AllowedMentions.none()
RUN_MARK = "run "
# How far back to look for a run's messages: a digest posted before a crash is recent.
HISTORY_LIMIT = 200
# discord.py has no token for HTTP calls until `login`, which the Discord surface performs.
LOGIN_WAIT = 1.0


class DiscordPoster:
    """The Discord side of the Poster seam; message refs are the first message's id."""

    platform = "discord"

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def post_digest(
        self, channel: str, digest: Digest, run_key: str, note: str | None
    ) -> str:
        """Post the digest, split into as many messages as Discord's limits need."""
        target = await self._channel(channel)
        pages = rendering.digest_embeds(digest, note)
        first = ""
        for part, embeds in enumerate(pages, start=1):
            stamped = stamp(embeds, run_key)
            sent = await target.send(
                embeds=stamped, nonce=nonce(run_key, part), allowed_mentions=NO_MENTIONS
            )
            first = first or str(sent.id)
        return first

    async def find_digest(self, channel: str, run_key: str) -> str | None:
        """The id of one of our recent messages in the channel stamped with this run."""
        target = await self._channel(channel)
        me = self.client.user
        async for message in target.history(limit=HISTORY_LIMIT):
            if me is not None and message.author.id == me.id and stamped_with(message, run_key):
                return str(message.id)
        return None

    async def _channel(self, channel: str) -> discord.PartialMessageable:
        while self.client.user is None:  # the scheduler may fire before the login finishes
            await asyncio.sleep(LOGIN_WAIT)
        return self.client.get_partial_messageable(int(channel))


def nonce(run_key: str, part: int) -> str:
    """A nonce per message of a run, within Discord's 25 characters."""
    digest = hashlib.blake2b(f"{run_key}/{part}".encode(), digest_size=8).digest()
    return str(int.from_bytes(digest, "big"))


def stamp(embeds: list[discord.Embed], run_key: str) -> list[discord.Embed]:
    """The embeds with the run key added to the last one's footer (copies; inputs untouched)."""
    copies = [embed.copy() for embed in embeds]
    if not copies:
        return copies
    last = copies[-1]
    mark = f"{RUN_MARK}{run_key}"
    text = f"{last.footer.text} · {mark}" if last.footer.text else mark
    last.set_footer(text=text, icon_url=last.footer.icon_url)
    return copies


def stamped_with(message: discord.Message, run_key: str) -> bool:
    mark = f"{RUN_MARK}{run_key}"
    return any((e.footer.text or "").endswith(mark) for e in message.embeds)
