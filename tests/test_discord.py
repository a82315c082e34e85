"""Attaché on Discord, driven through discord.py's own state and command tree.

Real-shaped interaction payloads (tests/payloads/discord/) go through
`ConnectionState.parse_interaction_create`, as a gateway INTERACTION_CREATE would; the
HTTP calls discord.py makes land on a local stand-in for Discord's API (tests/discord_api.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands

from bot import messages
from bot.discord.client import AttacheClient
from bot.router import Reply, Request, Router
from briefings.briefing import Briefing, Claim, Source, Subject

from .conftest import SEEDS, offline, seeded_database
from .discord_api import APPLICATION_ID, DiscordAPI

PAYLOADS = Path(__file__).parent / "payloads" / "discord"
GUILD = 1000000000000000001
LIVE_MENTION = re.compile(r"@(?:everyone|here)|<@[!&]?\d+>")


def payload(name: str) -> Any:
    """A recorded-shape gateway payload, as discord.py's state receives it (a TypedDict)."""
    return json.loads((PAYLOADS / f"{name}.json").read_text())


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_database(tmp_path_factory.mktemp("discord") / "seeded.db")[0]


@pytest.fixture
def router_database(seeded_db: Path, tmp_path: Path) -> Path:
    # A copy per test: command sync writes its hash into the database.
    path = tmp_path / "attache.db"
    shutil.copy(seeded_db, path)
    return path


@pytest.fixture
def api(discord_api: DiscordAPI) -> DiscordAPI:
    return discord_api


async def started(router: Router, test_guild: int | None = GUILD) -> AttacheClient:
    """A client logged in against the stand-in: login runs setup_hook, hence the sync."""
    client = AttacheClient(router, test_guild)
    await client.login("test-token")
    return client


@pytest_asyncio.fixture
async def bot(api: DiscordAPI, router: Router) -> AsyncIterator[AttacheClient]:
    client = await started(router)
    yield client
    await client.close()


async def interact(client: AttacheClient, api: DiscordAPI, data: Any) -> list[Any]:
    """Dispatch an interaction as the gateway would; the bodies of the follow-ups it sent."""
    client._connection.parse_interaction_create(data)
    await handlers_done("CommandTree-invoker")
    return [call.body for call in api.to("POST", f"/webhooks/{APPLICATION_ID}/{data['token']}")]


async def handlers_done(name: str) -> None:
    """Wait for the tasks discord.py started to handle an event (it names them)."""
    running = [task for task in asyncio.all_tasks() if task.get_name() == name]
    assert running, f"discord.py started no {name!r} task"
    await asyncio.wait_for(asyncio.gather(*running), timeout=20)


class FailingRouter(Router):
    def handle(self, request: Request) -> Reply:
        raise RuntimeError("the store went away")


class HostileRouter(Router):
    """Answers with a briefing whose article text tries to ping everyone."""

    def handle(self, request: Request) -> Reply:
        source = Source(1, 1, "Hello @everyone <@1400000000000000002>", "@here", None, None, "x")
        claim = Claim("Ping <@&1500000000000000001> and @everyone, @here.", (1,))
        subject = Subject("<@1400000000000000002>", "person")
        briefing = Briefing("who", request.argument, subject, (claim,), (source,))
        return Reply(briefing=briefing)


def sent_text(bodies: list[Any]) -> str:
    return json.dumps(bodies, ensure_ascii=False)


@pytest.mark.asyncio
async def test_who_defers_then_follows_up_with_the_briefing(
    bot: AttacheClient, api: DiscordAPI
) -> None:
    data = payload("who_lavrov")

    bodies = await interact(bot, api, data)

    callback = api.to("POST", f"/interactions/{data['id']}/{data['token']}/callback")
    assert [5] == [call.body["type"] for call in callback]  # deferred, "thinking"
    assert "Sergey Lavrov" == bodies[0]["embeds"][0]["title"]
    assert "Lavrov" in sent_text(bodies)
    assert all({"parse": []} == body["allowed_mentions"] for body in bodies)


@pytest.mark.asyncio
async def test_a_source_without_a_url_shows_its_file_name_never_the_server_path(
    bot: AttacheClient, api: DiscordAPI
) -> None:
    bodies = await interact(bot, api, payload("who_lavrov"))

    shown = "\n".join(e.get("description", "") for b in bodies for e in b.get("embeds", []))
    seeds = sorted(discord.utils.escape_markdown(path.name) for path in SEEDS.glob("*.txt"))
    assert str(SEEDS) not in sent_text(bodies)
    assert [] != [name for name in seeds if f" — {name}" in shown]


@pytest.mark.asyncio
async def test_the_request_carries_the_discord_context(
    api: DiscordAPI, seeded_db: Path, tmp_path: Path
) -> None:
    seen: list[Request] = []

    class Recording(Router):
        def handle(self, request: Request) -> Reply:
            seen.append(request)
            return Reply(text="noted")

    shutil.copy(seeded_db, tmp_path / "a.db")
    client = await started(Recording(str(tmp_path / "a.db"), offline))
    await interact(client, api, payload("ask_with_mentions"))
    await interact(client, api, payload("topic_unclos"))
    await client.close()

    ask, topic = seen
    assert ("ask", True, True) == (ask.command, ask.more, ask.context.is_admin)
    assert ("topic", "UNCLOS", False) == (topic.command, topic.argument, topic.context.is_admin)
    assert ("discord", str(GUILD), "1300000000000000001", "1400000000000000001") == (
        ask.context.platform,
        ask.context.workspace,
        ask.context.channel,
        ask.context.user,
    )


@pytest.mark.asyncio
async def test_a_name_that_pings_everyone_pings_nobody(bot: AttacheClient, api: DiscordAPI) -> None:
    bodies = await interact(bot, api, payload("who_everyone"))

    assert [] == LIVE_MENTION.findall(sent_text(bodies))
    assert all({"parse": []} == body["allowed_mentions"] for body in bodies)


@pytest.mark.asyncio
async def test_article_text_and_questions_with_mentions_ping_nobody(
    api: DiscordAPI, seeded_db: Path
) -> None:
    client = await started(HostileRouter(str(seeded_db), offline))

    bodies = await interact(client, api, payload("ask_with_mentions"))
    await client.close()

    text = sent_text(bodies)
    assert "everyone" in text  # the words are shown...
    assert [] == LIVE_MENTION.findall(text)  # ...but cannot ping
    assert all({"parse": []} == body["allowed_mentions"] for body in bodies)


@pytest.mark.asyncio
async def test_autocomplete_suggests_entity_names(bot: AttacheClient, api: DiscordAPI) -> None:
    data = payload("autocomplete_who_lav")
    route = f"/interactions/{data['id']}/{data['token']}/callback"

    bot._connection.parse_interaction_create(data)
    await handlers_done("CommandTree-invoker")

    (callback,) = api.to("POST", route)
    assert 8 == callback.body["type"]
    choices = callback.body["data"]["choices"]
    assert {"name": "Sergey Lavrov", "value": "Sergey Lavrov"} == choices[0]
    assert len(choices) <= 25


@pytest.mark.asyncio
async def test_a_failing_router_says_one_friendly_line_and_logs_the_rest(
    api: DiscordAPI, seeded_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    client = await started(FailingRouter(str(seeded_db), offline))

    with caplog.at_level(logging.ERROR):
        bodies = await interact(client, api, payload("who_lavrov"))
    await client.close()

    assert [messages.SOMETHING_WENT_WRONG] == [body["content"] for body in bodies]
    assert "Traceback" not in sent_text(bodies)
    assert "the store went away" in caplog.text


@pytest.mark.asyncio
async def test_a_test_guild_gets_the_commands_at_once(bot: AttacheClient, api: DiscordAPI) -> None:
    guild_sync = api.to("PUT", f"/applications/{APPLICATION_ID}/guilds/{GUILD}/commands")

    assert [] == api.to("PUT", f"/applications/{APPLICATION_ID}/commands")
    assert ["ask", "digest", "timeline", "topic", "who"] == sorted(
        command["name"] for command in guild_sync[0].body
    )


@pytest.mark.asyncio
async def test_global_sync_happens_only_when_the_commands_changed(
    api: DiscordAPI, router: Router
) -> None:
    global_sync = f"/applications/{APPLICATION_ID}/commands"
    for _ in range(2):
        client = await started(router, test_guild=None)
        await client.close()
    assert 1 == len(api.to("PUT", global_sync))

    changed = AttacheClient(router, None)
    changed.tree.add_command(app_commands.Command(name="new", description="d", callback=_noop))
    await changed.login("test-token")
    await changed.close()
    assert 2 == len(api.to("PUT", global_sync))


async def _noop(interaction: discord.Interaction) -> None:
    pass


@pytest.mark.asyncio
async def test_the_client_asks_only_for_the_intents_it_uses(bot: AttacheClient) -> None:
    assert discord.Intents(guilds=True, dm_messages=True) == bot.intents
    privileged = (bot.intents.message_content, bot.intents.members, bot.intents.presences)
    assert (False, False, False) == privileged


@pytest.mark.asyncio
async def test_a_direct_message_is_answered_as_a_question(
    bot: AttacheClient, api: DiscordAPI
) -> None:
    data = payload("dm_message")
    channel = f"/channels/{data['channel_id']}/messages"

    bot._connection.parse_message_create(data)
    await handlers_done("discord.py: on_message")

    first = api.to("POST", channel)[0].body
    assert "Sergey Lavrov" == first["embeds"][0]["title"]
    assert int(data["id"]) == first["message_reference"]["message_id"]
    assert {"parse": [], "replied_user": False} == first["allowed_mentions"]


@pytest.mark.asyncio
async def test_unsetting_the_test_guild_clears_its_commands_once(
    api: DiscordAPI, router: Router
) -> None:
    guild_sync = f"/applications/{APPLICATION_ID}/guilds/{GUILD}/commands"
    await (await started(router, test_guild=GUILD)).close()
    for _ in range(2):
        await (await started(router, test_guild=None)).close()

    puts = api.to("PUT", guild_sync)
    assert 2 == len(puts)
    assert [] == puts[-1].body
    assert 1 == len(api.to("PUT", f"/applications/{APPLICATION_ID}/commands"))


@pytest.mark.asyncio
async def test_moving_the_test_guild_clears_the_old_ones_commands(
    api: DiscordAPI, router: Router
) -> None:
    other = GUILD + 1
    await (await started(router, test_guild=GUILD)).close()
    await (await started(router, test_guild=other)).close()

    old = api.to("PUT", f"/applications/{APPLICATION_ID}/guilds/{GUILD}/commands")
    new = api.to("PUT", f"/applications/{APPLICATION_ID}/guilds/{other}/commands")
    assert [] == old[-1].body
    assert 5 == len(new[-1].body)


def test_the_invite_link_asks_for_what_digests_need() -> None:
    needed = discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
    )
    guide = (Path(__file__).parent.parent / "docs" / "discord.md").read_text()
    assert {str(needed.value)} == set(re.findall(r"permissions=(\d+)", guide))


@pytest.mark.asyncio
async def test_a_mistyped_command_in_a_direct_message_is_one_line(
    bot: AttacheClient, api: DiscordAPI
) -> None:
    data = {**payload("dm_message"), "content": "/whoo Lavrov"}
    channel = f"/channels/{data['channel_id']}/messages"

    bot._connection.parse_message_create(data)
    await handlers_done("discord.py: on_message")

    [reply] = api.to("POST", channel)
    assert "I don't know the command “/whoo”" in json.dumps(reply.body, ensure_ascii=False)
