"""Who may reach Attaché and what they may do: forged Slack requests, admins, tenancy.

Slack requests go through Bolt's signature check against a local Web API; Discord
interactions through discord.py's command tree against a local Discord API. Both platforms
share one router and one database, as they do under `attache run`.
"""

from __future__ import annotations

import copy
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlencode

import discord
import pytest
import pytest_asyncio
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot import messages
from bot.discord.client import AttacheClient
from bot.router import Router

from .conftest import signed, slack_app
from .discord_api import DiscordAPI
from .slack_api import SlackApi
from .test_discord import GUILD, interact
from .test_discord import payload as discord_payload
from .test_slack import payload, settle

MEMBER = "U0ANALYST1"  # the user in the recorded slash command
ADMIN = "U0ADMIN0001"
OTHER_TEAM = "T0OTHER0001"
MANAGE_CHANNELS = 1 << 4
READ_AND_SEND = 68608  # view channel, send messages, read history: no Manage Channels
NOT_HERE = "There is no subscription 1 here"
NOT_ALLOWED = "Only digest admins can"

Forgery = Callable[[str], dict[str, str]]
TRIGGERS = itertools.count(13345224610)


@pytest.fixture
def slack_api(slack_api: SlackApi) -> SlackApi:
    slack_api.admins.add(ADMIN)
    return slack_api


@pytest_asyncio.fixture
async def discord_bot(router: Router) -> AsyncIterator[tuple[AttacheClient, DiscordAPI]]:
    api = DiscordAPI()
    await api.start()
    real_base = discord.http.Route.BASE
    discord.http.Route.BASE = api.base
    client = AttacheClient(router, GUILD)
    await client.login("test-token")
    yield client, api
    await client.close()
    discord.http.Route.BASE = real_base
    await api.close()


# -- Slack requests, signed or forged ---------------------------------------------------------


def command_body(api: SlackApi, text: str, **fields: str) -> str:
    """A slash command's form body; each has its own trigger_id, as on Slack."""
    form = payload("slash_command.json") | {"text": text, "response_url": api.response_url()}
    form["trigger_id"] = f"{next(TRIGGERS)}.738474920.8088930838d88f008e0"
    return urlencode(form | fields)


def request(body: str, headers: dict[str, str], kind: str = "form") -> AsyncBoltRequest:
    content_type = "application/json" if kind == "json" else "application/x-www-form-urlencoded"
    return AsyncBoltRequest(body=body, headers={"content-type": content_type} | headers)


async def slash(app: AsyncApp, api: SlackApi, text: str, **fields: str) -> int:
    """Send a correctly signed `/brief text`; the HTTP status of the acknowledgement."""
    body = command_body(api, text, **fields)
    response = await app.async_dispatch(request(body, signed(body)))
    await settle()
    return response.status


def slack_said(api: SlackApi) -> str:
    return json.dumps([call.body for call in api.posts()], ensure_ascii=False)


def without(header: str) -> Forgery:
    return lambda body: {k: v for k, v in signed(body).items() if k != header}


def aged(seconds: int) -> Forgery:
    return lambda body: signed(body, timestamp=int(time.time()) + seconds)


def signed_for_another_body(body: str) -> dict[str, str]:
    return signed(body.replace("Lavrov", "Putin"))


def restamped(body: str) -> dict[str, str]:
    """A genuine signature replayed under a fresh timestamp: it signed the old one."""
    headers = signed(body, timestamp=int(time.time()) - 400)
    return headers | {"x-slack-request-timestamp": str(int(time.time()))}


def truncated(body: str) -> dict[str, str]:
    headers = signed(body)
    return headers | {"x-slack-signature": headers["x-slack-signature"][:-1]}


def other_version(body: str) -> dict[str, str]:
    headers = signed(body)
    return headers | {"x-slack-signature": headers["x-slack-signature"].replace("v0=", "v1=")}


FORGERIES: dict[str, Forgery] = {
    "wrong secret": lambda body: signed(body, secret="not-the-secret"),
    "empty secret": lambda body: signed(body, secret=""),
    "no signature": without("x-slack-signature"),
    "no timestamp": without("x-slack-request-timestamp"),
    "no headers": lambda body: {},
    "timestamp 301 s old": aged(-301),
    "timestamp a day old": aged(-86_400),
    "timestamp 301 s ahead": aged(301),
    "signature of another body": signed_for_another_body,
    "old signature, new timestamp": restamped,
    "truncated signature": truncated,
    "unknown signature version": other_version,
}


@pytest.mark.parametrize("kind", ["slash command", "event"])
@pytest.mark.parametrize("forgery", FORGERIES.values(), ids=FORGERIES.keys())
@pytest.mark.asyncio
async def test_a_forged_slack_request_is_refused_before_anything_runs(
    app: AsyncApp, slack_api: SlackApi, router: Router, kind: str, forgery: Forgery
) -> None:
    # An admin subscribing: the most a forger could want, and it leaves a trace in the store.
    if kind == "event":
        event = copy.deepcopy(payload("app_mention.json"))
        event["event"] |= {"user": ADMIN, "text": "<@U0BOT00001> digest subscribe Lavrov"}
        body, format = json.dumps(event), "json"
    else:
        body, format = command_body(slack_api, "digest subscribe Lavrov", user_id=ADMIN), "form"

    response = await app.async_dispatch(request(body, forgery(body), format))
    await settle()

    assert 401 == response.status
    assert [] == slack_api.calls  # not even users.info
    assert [] == router.store().subscriptions("slack", "T0TEAM0001")


@pytest.mark.asyncio
async def test_the_same_request_correctly_signed_is_answered(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    # The control for the forgeries above: only the signature made them fail.
    assert 200 == await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)

    assert 1 == len(router.store().subscriptions("slack", "T0TEAM0001"))


@pytest.mark.asyncio
async def test_a_replayed_event_is_answered_once(app: AsyncApp, slack_api: SlackApi) -> None:
    # The very same signed request sent again within five minutes, with no retry header.
    body = json.dumps(payload("app_mention.json"))
    headers = signed(body)
    statuses = [(await app.async_dispatch(request(body, headers, "json"))).status for _ in "123"]
    await settle()

    assert [200, 200, 200] == statuses
    assert 1 == len(slack_api.posts())


@pytest.mark.asyncio
async def test_a_replayed_slash_command_is_answered_once(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    # Slack never resends a slash command, so a second one with the same trigger_id is a replay.
    body = command_body(slack_api, "who Lavrov")
    headers = signed(body)
    first = await app.async_dispatch(request(body, headers))
    again = await app.async_dispatch(request(body, headers))
    await settle()

    assert (200, 200) == (first.status, again.status)
    assert messages.SLACK_WORKING == json.loads(first.body)["text"]
    assert 1 == len(slack_api.posts())


# -- admins ------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_slack_member_can_neither_subscribe_nor_unsubscribe(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)
    slack_api.calls.clear()

    await slash(app, slack_api, "digest subscribe Vietnam", user_id=MEMBER)
    await slash(app, slack_api, "digest unsubscribe 1", user_id=MEMBER)

    assert [NOT_ALLOWED, NOT_ALLOWED] == [
        post.body["text"][: len(NOT_ALLOWED)] for post in slack_api.posts()
    ]
    assert {"ephemeral"} == {post.body["response_type"] for post in slack_api.posts()}
    assert ["Lavrov"] == [s.filter for s in router.store().subscriptions("slack", "T0TEAM0001")]
    assert [MEMBER, MEMBER] == [call.body["user"] for call in slack_api.called("users.info")]


@pytest.mark.asyncio
async def test_a_slack_member_mentioning_the_bot_cannot_subscribe(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    event = copy.deepcopy(payload("app_mention.json"))
    event["event"]["text"] = "<@U0BOT00001> digest subscribe Lavrov"
    body = json.dumps(event)
    await app.async_dispatch(request(body, signed(body), "json"))
    await settle()

    assert NOT_ALLOWED in slack_said(slack_api)
    assert [] == router.store().subscriptions("slack", "T0TEAM0001")


@pytest.mark.asyncio
async def test_a_slack_workspace_admin_may_subscribe_and_unsubscribe(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)
    added = router.store().subscriptions("slack", "T0TEAM0001")
    await slash(app, slack_api, "digest unsubscribe 1", user_id=ADMIN)

    assert ["Lavrov"] == [s.filter for s in added]
    assert [] == router.store().subscriptions("slack", "T0TEAM0001")
    assert NOT_ALLOWED not in slack_said(slack_api)


@pytest.mark.asyncio
async def test_attache_slack_admins_may_subscribe_without_asking_slack(
    router: Router, slack_api: SlackApi
) -> None:
    app = slack_app(router, slack_api, admins=frozenset({MEMBER}))

    await slash(app, slack_api, "digest subscribe Lavrov", user_id=MEMBER)

    assert 1 == len(router.store().subscriptions("slack", "T0TEAM0001"))
    assert [] == slack_api.called("users.info")


@pytest.mark.asyncio
async def test_when_slack_cannot_say_who_is_admin_nobody_is(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    # users.info rate-limited past the client's retries: unknown is not an admin.
    slack_api.throttle("users.info", times=10)

    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)

    assert NOT_ALLOWED in slack_said(slack_api)
    assert [] == router.store().subscriptions("slack", "T0TEAM0001")


@pytest.mark.asyncio
async def test_chat_cannot_add_or_remove_sources(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    # Sources are managed from the command line only; in chat `sources` is a read-only overview.
    before = router.store().sources()
    await slash(app, slack_api, "sources add http://127.0.0.1:9/feed.xml", user_id=ADMIN)
    await slash(app, slack_api, "sources remove 1", user_id=ADMIN)

    assert ([], []) == (before, router.store().sources())
    assert 2 == len(slack_api.posts())


def digest_interaction(
    command: str, *, permissions: int, guild: int = GUILD, user: str = "1400000000000000001"
) -> Any:
    """A `/digest command:…` interaction from a member with these channel permissions."""
    data = copy.deepcopy(discord_payload("who_lavrov"))
    serial = str(abs(hash((command, permissions, guild, user))))[:10]
    data["id"] = f"12345678{serial:0>11}"
    data["token"] = f"token-{serial}"
    data["guild_id"] = data["channel"]["guild_id"] = str(guild)
    data["authorizing_integration_owners"] = {"0": str(guild)}
    data["member"]["permissions"] = str(permissions)
    data["member"]["user"]["id"] = user
    data["data"] |= {
        "name": "digest",
        "guild_id": str(guild),
        "options": [{"name": "command", "type": 3, "value": command}],
    }
    return data


async def discord_says(
    bot: tuple[AttacheClient, DiscordAPI], command: str, *, permissions: int, guild: int = GUILD
) -> str:
    client, api = bot
    data = digest_interaction(command, permissions=permissions, guild=guild)
    return json.dumps(await interact(client, api, data), ensure_ascii=False)


@pytest.mark.asyncio
async def test_discord_needs_manage_channels_to_subscribe_or_unsubscribe(
    discord_bot: tuple[AttacheClient, DiscordAPI], router: Router
) -> None:
    admin = READ_AND_SEND | MANAGE_CHANNELS
    refused = [
        await discord_says(discord_bot, "subscribe Vietnam", permissions=READ_AND_SEND),
        await discord_says(discord_bot, "subscribe Lavrov", permissions=admin),
        await discord_says(discord_bot, "unsubscribe 1", permissions=READ_AND_SEND),
    ]

    assert [True, False, True] == [NOT_ALLOWED in said for said in refused]
    assert ["Lavrov"] == [s.filter for s in router.store().subscriptions("discord", str(GUILD))]
    assert NOT_ALLOWED not in await discord_says(discord_bot, "unsubscribe 1", permissions=admin)
    assert [] == router.store().subscriptions("discord", str(GUILD))


# -- tenancy -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_another_slack_workspace_cannot_see_or_touch_a_subscription(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)
    slack_api.calls.clear()

    for text in ("digest list", "digest preview 1", "digest now 1", "digest unsubscribe 1"):
        await slash(app, slack_api, text, user_id=ADMIN, team_id=OTHER_TEAM)

    listed, *by_id = [post.body["text"] for post in slack_api.posts()]
    assert listed.startswith("No digest subscriptions here yet.")
    assert [NOT_HERE] * 3 == [text[: len(NOT_HERE)] for text in by_id]
    assert "Lavrov" not in slack_said(slack_api)
    assert 1 == len(router.store().subscriptions("slack", "T0TEAM0001"))


@pytest.mark.asyncio
async def test_another_discord_guild_cannot_see_or_touch_a_subscription(
    discord_bot: tuple[AttacheClient, DiscordAPI], router: Router
) -> None:
    admin = READ_AND_SEND | MANAGE_CHANNELS
    await discord_says(discord_bot, "subscribe Lavrov", permissions=admin)
    other = GUILD + 1

    said = [
        await discord_says(discord_bot, text, permissions=admin, guild=other)
        for text in ("list", "preview 1", "now 1", "unsubscribe 1")
    ]

    assert "No digest subscriptions here yet." in said[0]
    assert [True] * 3 == [NOT_HERE in each for each in said[1:]]
    assert 1 == len(router.store().subscriptions("discord", str(GUILD)))


@pytest.mark.asyncio
async def test_a_slack_workspace_and_a_discord_guild_with_the_same_id_are_strangers(
    app: AsyncApp,
    slack_api: SlackApi,
    discord_bot: tuple[AttacheClient, DiscordAPI],
    router: Router,
) -> None:
    admin = READ_AND_SEND | MANAGE_CHANNELS
    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN, team_id=str(GUILD))
    slack_api.calls.clear()

    from_discord = [
        await discord_says(discord_bot, text, permissions=admin)
        for text in ("list", "preview 1", "now 1", "unsubscribe 1")
    ]
    await discord_says(discord_bot, "subscribe Vietnam", permissions=admin)
    await slash(app, slack_api, "digest list", user_id=ADMIN, team_id=str(GUILD))

    assert "No digest subscriptions here yet." in from_discord[0]
    assert [True] * 3 == [NOT_HERE in each for each in from_discord[1:]]
    assert ["Lavrov"] == [s.filter for s in router.store().subscriptions("slack", str(GUILD))]
    assert ["Vietnam"] == [s.filter for s in router.store().subscriptions("discord", str(GUILD))]
    assert "Vietnam" not in slack_said(slack_api)


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["public", "private"])
async def test_subscribing_a_channel_the_bot_is_not_in_says_to_invite_it_first(
    app: AsyncApp, slack_api: SlackApi, router: Router, kind: str
) -> None:
    slack_api.add_channel("C0DESK0001", kind, member=False)
    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)

    [post] = slack_api.posts()
    assert messages.SLACK_DIGEST_INVITE_FIRST == post.body["text"]
    assert "ephemeral" == post.body["response_type"]
    assert [] == router.store().subscriptions("slack", "T0TEAM0001")


@pytest.mark.asyncio
async def test_subscribing_with_an_install_missing_a_history_scope_says_to_reinstall(
    app: AsyncApp, slack_api: SlackApi, router: Router
) -> None:
    slack_api.scopes = slack_api.scopes - {"channels:history"}
    await slash(app, slack_api, "digest subscribe Lavrov", user_id=ADMIN)

    [post] = slack_api.posts()
    assert messages.SLACK_DIGEST_MISSING_SCOPE.format(scope="channels:history") == post.body["text"]
    assert [] == router.store().subscriptions("slack", "T0TEAM0001")


# -- digest preview [ID | FILTER] on every surface ---------------------------------------------


@pytest.mark.asyncio
async def test_digest_preview_takes_a_filter_in_slack_and_discord_as_the_readme_says(
    app: AsyncApp, slack_api: SlackApi, discord_bot: tuple[AttacheClient, DiscordAPI]
) -> None:
    await slash(app, slack_api, "digest preview Lavrov")
    slack = slack_said(slack_api)
    discord = await discord_says(discord_bot, "preview Lavrov", permissions=READ_AND_SEND)

    for said in (slack, discord):
        assert "Sergey Lavrov" in said
        assert "not a subscription id" not in said
