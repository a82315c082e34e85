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
import re

import discord

from bot.discord import embeds as rendering
from bot.posting import LookupRefused, Posted, posted, unsent
from briefings.digest import Digest

NO_MENTIONS = discord.AllowedMentions.none()
RUN_MARK = "run "
_NUMBERED = re.compile(rf"{RUN_MARK}(?P<run>\S+) \((?P<part>\d+)/(?P<parts>\d+)\)$")
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
        self,
        channel: str,
        digest: Digest,
        run_key: str,
        note: str | None,
        already: Posted | None = None,
    ) -> str:
        """Post the digest, split into as many messages as Discord's limits need; the parts
        `already` in the channel are not sent again."""
        target = await self._channel(channel)
        pages = rendering.digest_embeds(digest, note)
        first = already.ref if already else ""
        for part, embeds in unsent(pages, already):
            stamped = stamp_run(embeds, run_key, part, len(pages))
            sent = await target.send(
                embeds=stamped, nonce=nonce(run_key, part), allowed_mentions=NO_MENTIONS
            )
            first = first or str(sent.id)
        return first

    async def find_digest(self, channel: str, run_key: str) -> Posted | None:
        """Our recent messages in the channel stamped with this run, if any."""
        target = await self._channel(channel)
        me = self.client.user
        refs: dict[int, str] = {}
        total = 0
        try:
            async for message in target.history(limit=HISTORY_LIMIT):
                stamped = stamp_of(message, run_key)
                if me is not None and message.author.id == me.id and stamped is not None:
                    part, total = stamped
                    refs[part] = str(message.id)
        except (discord.Forbidden, discord.NotFound) as error:
            # 403: no View Channel or Read Message History there; 404: the channel is gone.
            reason = "missing_access" if isinstance(error, discord.Forbidden) else "unknown_channel"
            raise LookupRefused(reason) from error
        return posted(refs, total)

    async def _channel(self, channel: str) -> discord.PartialMessageable:
        while self.client.user is None:  # the scheduler may fire before the login finishes
            await asyncio.sleep(LOGIN_WAIT)
        return self.client.get_partial_messageable(int(channel))


def nonce(run_key: str, part: int) -> str:
    """A nonce per message of a run, within Discord's 25 characters."""
    digest = hashlib.blake2b(f"{run_key}/{part}".encode(), digest_size=8).digest()
    return str(int.from_bytes(digest, "big"))


def stamp_run(
    embeds: list[discord.Embed], run_key: str, part: int, parts: int
) -> list[discord.Embed]:
    """The embeds with the run and part added to the last one's footer (copies; inputs
    untouched). The renderer leaves `rendering.STAMP_ROOM` for it in every message."""
    copies = [embed.copy() for embed in embeds]
    if not copies:
        return copies
    last = copies[-1]
    mark = f"{RUN_MARK}{run_key} ({part}/{parts})"
    text = f"{last.footer.text} · {mark}" if last.footer.text else mark
    last.set_footer(text=text, icon_url=last.footer.icon_url)
    return copies


def stamp_of(message: discord.Message, run_key: str) -> tuple[int, int] | None:
    """(part, parts) when the message is stamped with this run; a stamp from before parts
    were numbered counts as the whole digest."""
    mark = f"{RUN_MARK}{run_key}"
    for embed in message.embeds:
        footer = embed.footer.text or ""
        if footer.endswith(mark):
            return 1, 1
        numbered = _NUMBERED.search(footer)
        if numbered and numbered["run"] == run_key:
            return int(numbered["part"]), int(numbered["parts"])
    return None
