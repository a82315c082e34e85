"""The Discord surface: slash commands, name autocomplete and direct messages.

Every handler defers first (Discord allows 3 seconds), runs the synchronous router in a
worker thread, and sends the rendered embeds as follow-ups (allowed for 15 minutes).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Collection

import discord
from discord import app_commands

from bot import messages
from bot.config import Settings
from bot.discord.embeds import reply_embeds
from bot.discord.names import NameIndex, matching_names
from bot.discord.posting import DiscordPoster
from bot.discord.sync import sync_commands
from bot.router import CommandName, Context, Reply, Request, Router, UsageError, parse
from store import AttacheError

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
# Discord caps a string option; the router caps arguments at 500 anyway.
Name = app_commands.Range[str, 1, 100]
Question = app_commands.Range[str, 1, 500]
# Only the requester should see these answers.
PRIVATE_COMMANDS: frozenset[CommandName] = frozenset({"digest"})


class DiscordSurface:
    """Attaché as a Discord bot; `run` logs in, syncs commands when needed and serves."""

    name = "discord"

    def __init__(self, settings: Settings, router: Router) -> None:
        self.settings = settings
        self.client = AttacheClient(router, settings.discord_test_guild)
        self.poster = DiscordPoster(self.client)

    async def run(self) -> None:
        token = self.settings.discord_token
        if token is None:
            raise AttacheError(messages.DISCORD_NEEDS_TOKEN)
        try:
            async with self.client:
                await self.client.start(token.get_secret_value())
        except discord.LoginFailure as error:
            raise AttacheError(messages.DISCORD_REJECTED_TOKEN) from error


def gateway_intents() -> discord.Intents:
    """Only the gateway events Attaché handles: interactions (slash commands, autocomplete)
    come with no intent at all; `guilds` keeps discord.py's guild and channel cache, which it
    needs to work; `dm_messages` delivers direct messages, whose text needs no privileged
    message-content intent. Guild messages, members, presences, reactions: none used."""
    return discord.Intents(guilds=True, dm_messages=True)


class AttacheClient(discord.Client):
    """discord.py's client with Attaché's command tree; no privileged intents needed."""

    def __init__(self, router: Router, test_guild: int | None) -> None:
        super().__init__(intents=gateway_intents(), allowed_mentions=NO_MENTIONS)
        self.router = router
        self.test_guild = test_guild
        self.names = NameIndex()
        self.tree = AttacheTree(self)
        add_commands(self.tree, self)

    async def setup_hook(self) -> None:
        await sync_commands(self.tree, self.router, self.test_guild)

    async def answer(self, interaction: discord.Interaction, request: Request) -> None:
        """Defer, answer in a worker thread, send the embeds as follow-ups."""
        private = request.command in PRIVATE_COMMANDS and not _in_channel(request)
        await interaction.response.defer(thinking=True, ephemeral=private)
        request = dataclasses.replace(request, context=interaction_context(interaction))
        reply = await asyncio.to_thread(self.router.handle, request)
        for embeds in reply_embeds(reply):
            await interaction.followup.send(
                embeds=embeds, allowed_mentions=NO_MENTIONS, ephemeral=private or reply.private
            )

    async def suggest(self, typed: str, kinds: Collection[str]) -> list[app_commands.Choice[str]]:
        """Entity names for autocomplete; the store is read in a worker thread."""
        found = await asyncio.to_thread(self._matching_names, typed, kinds)
        return [app_commands.Choice(name=name, value=name) for name in found]

    def _matching_names(self, typed: str, kinds: Collection[str]) -> list[str]:
        # In the worker thread: the router's store is one SQLite connection per thread.
        return matching_names(self.names.names(self.router.store()), typed, kinds)

    async def on_message(self, message: discord.Message) -> None:
        """A direct message is a question (or a command typed as text); replies in place."""
        if message.author.bot or not isinstance(message.channel, discord.DMChannel):
            return
        try:
            await self._answer_message(message)
        except Exception:
            log.exception("direct message failed")
            await _reply_quietly(message, messages.SOMETHING_WENT_WRONG)

    async def _answer_message(self, message: discord.Message) -> None:
        context = Context("discord", "dm", str(message.channel.id), str(message.author.id))
        try:
            request = parse(message.content, context=context, default="ask")
        except UsageError as error:  # `/whoo Lavrov`: a mistyped command, not a question
            await send_reply(message, Reply(text=error.message, failed=True))
            return
        async with message.channel.typing():
            reply = await asyncio.to_thread(self.router.handle, request)
        await send_reply(message, reply)


class AttacheTree(app_commands.CommandTree[AttacheClient]):
    """The command tree, whose errors reach the user as one line and the log in full."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.name if interaction.command else "?"
        log.error("discord command %s failed", command, exc_info=error)
        if interaction.type is discord.InteractionType.autocomplete:
            return
        try:
            if interaction.response.is_done():
                await interaction.followup.send(
                    messages.SOMETHING_WENT_WRONG, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
            else:
                await interaction.response.send_message(
                    messages.SOMETHING_WENT_WRONG, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
        except discord.HTTPException:
            log.warning("could not tell the user that %s failed", command, exc_info=True)


def interaction_context(interaction: discord.Interaction) -> Context:
    """Who asked where; admins are those who may manage the channel."""
    return Context(
        platform="discord",
        workspace=str(interaction.guild_id) if interaction.guild_id else "dm",
        channel=str(interaction.channel_id or ""),
        user=str(interaction.user.id),
        is_admin=interaction.guild_id is not None and interaction.permissions.manage_channels,
    )


async def send_reply(message: discord.Message, reply: Reply) -> None:
    """The reply to a direct message: the first part as a reply, the rest after it."""
    for index, embeds in enumerate(reply_embeds(reply)):
        if index == 0:
            await message.reply(embeds=embeds, allowed_mentions=NO_MENTIONS, mention_author=False)
        else:
            await message.channel.send(embeds=embeds, allowed_mentions=NO_MENTIONS)


async def _reply_quietly(message: discord.Message, text: str) -> None:
    try:
        await message.reply(text, allowed_mentions=NO_MENTIONS, mention_author=False)
    except discord.HTTPException:
        log.warning("could not tell the user that the direct message failed", exc_info=True)


def add_commands(tree: AttacheTree, client: AttacheClient) -> None:
    """/who /topic /ask /timeline /digest, with descriptions and name autocomplete."""

    @tree.command(name="who", description=messages.DISCORD_WHO)
    @app_commands.describe(name=messages.DISCORD_NAME, more=messages.DISCORD_MORE)
    async def who(interaction: discord.Interaction, name: Name, more: bool = False) -> None:
        await client.answer(interaction, _request("who", name, more))

    @tree.command(name="topic", description=messages.DISCORD_TOPIC)
    @app_commands.describe(term=messages.DISCORD_TERM, more=messages.DISCORD_MORE)
    async def topic(interaction: discord.Interaction, term: Name, more: bool = False) -> None:
        await client.answer(interaction, _request("topic", term, more))

    @tree.command(name="ask", description=messages.DISCORD_ASK)
    @app_commands.describe(question=messages.DISCORD_QUESTION, more=messages.DISCORD_MORE)
    async def ask(interaction: discord.Interaction, question: Question, more: bool = False) -> None:
        await client.answer(interaction, _request("ask", question, more))

    @tree.command(name="timeline", description=messages.DISCORD_TIMELINE)
    @app_commands.describe(name=messages.DISCORD_NAME_OR_TERM, more=messages.DISCORD_MORE)
    async def timeline(interaction: discord.Interaction, name: Name, more: bool = False) -> None:
        await client.answer(interaction, _request("timeline", name, more))

    @tree.command(name="digest", description=messages.DISCORD_DIGEST)
    @app_commands.describe(command=messages.DISCORD_DIGEST_COMMAND)
    async def digest(interaction: discord.Interaction, command: Question = "list") -> None:
        await client.answer(interaction, _request("digest", command, False))

    @who.autocomplete("name")
    async def person_names(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await client.suggest(current, kinds=("person",))

    @timeline.autocomplete("name")
    async def any_names(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await client.suggest(current, kinds=())


def _in_channel(request: Request) -> bool:
    # `digest now` is posted for the whole channel; the other digest commands answer only
    # the asker (a refusal or a failure is private too, as the reply says).
    return request.command == "digest" and request.argument.casefold().startswith("now")


def _request(command: CommandName, argument: str, more: bool) -> Request:
    """The router's request for a slash command: parsed as if typed, so `--more` works too."""
    parsed = parse(f"{command} {argument}", default="ask")
    return dataclasses.replace(parsed, more=parsed.more or more)
