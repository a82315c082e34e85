"""Attaché on Slack, through Bolt's real request handling against a local Slack Web API."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import pytest_asyncio
from pydantic import ValidationError
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.config import Settings
from bot.router import Reply, Request, Router
from bot.slack import SlackSurface, new_client, reply_payloads
from bot.wiring import build_router, build_scheduler, build_surfaces
from store import AttacheError, Store

from .conftest import SEEDS, signed
from .slack_api import Call, SlackApi, manifest_scopes
from .slack_socket import PATIENCE, SocketModeServer, event_envelope, slash_envelope
from .test_slack_blocks import long_briefing

PAYLOADS = Path(__file__).parent / "payloads" / "slack"
Headers = dict[str, str | Sequence[str]]
LIVE_MENTIONS = ("<!channel", "<!here", "<!everyone", "<@", "<#")


def payload(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((PAYLOADS / name).read_text())
    return loaded


def command_request(
    slack_api: SlackApi, text: str, **signing: Any
) -> tuple[AsyncBoltRequest, dict[str, Any]]:
    form = payload("slash_command.json") | {"text": text}
    # Each invocation has its own trigger_id; a repeated one is refused as a replay.
    form["trigger_id"] = f"{time.monotonic_ns()}.738474920.8088930838d88f008e0"
    form["response_url"] = slack_api.response_url()
    body = urlencode(form)
    headers: Headers = {"content-type": "application/x-www-form-urlencoded"}
    headers |= signed(body, **signing)
    return AsyncBoltRequest(body=body, headers=headers), form


def event_request(event: dict[str, Any], retry: int = 0, **signing: Any) -> AsyncBoltRequest:
    body = json.dumps(event)
    headers: Headers = {"content-type": "application/json"}
    headers |= signed(body, **signing)
    if retry:
        headers |= {"x-slack-retry-num": str(retry), "x-slack-retry-reason": "http_timeout"}
    return AsyncBoltRequest(body=body, headers=headers)


async def settle(timeout: float = 20) -> None:
    """Wait until every task Bolt started after acknowledging has finished."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    if others:
        await asyncio.wait(others, timeout=timeout)


def posted_text(slack_api: SlackApi) -> str:
    return json.dumps([call.body for call in slack_api.calls], ensure_ascii=False)


def block_texts(body: dict[str, Any]) -> str:
    return json.dumps(body.get("blocks", []), ensure_ascii=False)


@pytest.mark.asyncio
async def test_brief_who_acknowledges_then_posts_the_briefing_in_the_channel(
    app: AsyncApp, slack_api: SlackApi, router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The router is held until the acknowledgement is back: proof that ack comes first.
    release = threading.Event()
    handle = router.handle

    def held(request: Request) -> Reply:
        release.wait(10)
        return handle(request)

    monkeypatch.setattr(router, "handle", held)
    request, _ = command_request(slack_api, "who Lavrov")
    response = await app.async_dispatch(request)

    assert 200 == response.status
    assert {"response_type": "ephemeral", "text": messages.SLACK_WORKING} == json.loads(
        response.body
    )
    assert [] == slack_api.posts()
    release.set()
    await settle()
    [post] = slack_api.posts()
    assert "response" == post.method
    assert "in_channel" == post.body["response_type"]
    assert "Sergey Lavrov" == post.body["blocks"][0]["text"]["text"]
    assert "*Sources*" in block_texts(post.body)
    assert "[1]" in block_texts(post.body)
    assert "link_names" not in post.body
    assert "parse" not in post.body


@pytest.mark.asyncio
async def test_a_source_without_a_url_shows_its_file_name_never_the_server_path(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    await app.async_dispatch(event_request(payload("app_mention.json")))
    await settle()

    sent = posted_text(slack_api)
    seeds = sorted(path.name for path in SEEDS.glob("*.txt"))
    assert str(SEEDS) not in sent
    assert [] != [name for name in seeds if f"\\n{name}" in sent]


@pytest.mark.asyncio
async def test_an_app_mention_is_answered_in_its_thread(app: AsyncApp, slack_api: SlackApi) -> None:
    response = await app.async_dispatch(event_request(payload("app_mention.json")))
    await settle()

    assert 200 == response.status
    [post] = slack_api.posts()
    assert "chat.postMessage" == post.method
    assert "C0DESK0001" == post.body["channel"]
    assert "1700000100.000200" == post.body["thread_ts"]
    assert "Sergey Lavrov" == post.body["blocks"][0]["text"]["text"]


@pytest.mark.asyncio
async def test_a_direct_message_is_asked_and_answered_in_thread(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    event = payload("message_im.json")
    response = await app.async_dispatch(event_request(event))
    await settle()

    assert 200 == response.status
    [post] = slack_api.posts()
    assert "D0DIRECT01" == post.body["channel"]
    assert "1700000200.000300" == post.body["thread_ts"]
    assert event["event"]["text"] == post.body["blocks"][0]["text"]["text"]
    assert "[1]" in block_texts(post.body)


@pytest.mark.asyncio
async def test_messages_from_bots_are_ignored(app: AsyncApp, slack_api: SlackApi) -> None:
    response = await app.async_dispatch(event_request(payload("message_im_bot.json")))
    await settle()

    assert 200 == response.status
    assert [] == slack_api.posts()


@pytest.mark.asyncio
async def test_a_bad_signature_is_refused_and_nothing_is_posted(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    request, _ = command_request(slack_api, "who Lavrov", secret="not-the-secret")
    response = await app.async_dispatch(request)
    await settle()

    assert 401 == response.status
    assert [] == slack_api.calls


@pytest.mark.asyncio
async def test_a_request_older_than_five_minutes_is_refused(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    stale = int(time.time()) - 301
    response = await app.async_dispatch(event_request(payload("app_mention.json"), timestamp=stale))
    await settle()

    assert 401 == response.status
    assert [] == slack_api.posts()


@pytest.mark.asyncio
async def test_an_event_slack_delivers_again_is_answered_once(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    event = payload("app_mention.json")
    first = await app.async_dispatch(event_request(event))
    again = await app.async_dispatch(event_request(event, retry=1))
    await settle()

    assert (200, 200) == (first.status, again.status)
    assert 1 == len(slack_api.posts())


@pytest.mark.asyncio
async def test_nothing_a_user_types_can_ping_anyone(app: AsyncApp, slack_api: SlackApi) -> None:
    request, _ = command_request(slack_api, "who @everyone <!channel> <@U0ANALYST1> @here")
    response = await app.async_dispatch(request)
    mention = copy.deepcopy(payload("app_mention.json"))
    mention["event"]["text"] = "<@U0BOT00001> ask <!here> what about <!everyone> & <#C0DESK0001>?"
    await app.async_dispatch(event_request(mention))
    await settle()

    sent = posted_text(slack_api) + response.body
    assert 2 == len(slack_api.posts())
    assert [] == [live for live in LIVE_MENTIONS if live in sent]
    assert "&lt;!channel&gt;" in sent
    assert "link_names" not in sent


@pytest.mark.asyncio
async def test_a_failing_router_gives_one_friendly_line_and_logs_the_traceback(
    app: AsyncApp,
    slack_api: SlackApi,
    router: Router,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(request: Request) -> Reply:
        raise RuntimeError("database exploded at /secret/path")

    monkeypatch.setattr(router, "handle", broken)
    request, _ = command_request(slack_api, "who Lavrov")
    with caplog.at_level(logging.ERROR):
        await app.async_dispatch(request)
        await settle()

    [post] = slack_api.posts()
    assert "ephemeral" == post.body["response_type"]
    assert messages.SOMETHING_WENT_WRONG == post.body["text"]
    assert "exploded" not in posted_text(slack_api)
    assert "RuntimeError: database exploded" in caplog.text


@pytest.mark.asyncio
async def test_help_and_unknown_commands_are_answered_privately_in_the_ack(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    empty, _ = command_request(slack_api, "")
    unknown, _ = command_request(slack_api, "frobnicate Lavrov")
    helped = json.loads((await app.async_dispatch(empty)).body)
    refused = json.loads((await app.async_dispatch(unknown)).body)
    await settle()

    assert "ephemeral" == helped["response_type"]
    assert "/brief who Lavrov" in block_texts(helped)
    assert messages.UNKNOWN_COMMAND.format(name="frobnicate") == refused["text"]
    assert [] == slack_api.posts()


@pytest.mark.asyncio
async def test_a_name_nobody_knows_is_answered_only_to_the_user(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    request, _ = command_request(slack_api, "who Zzyzx Quux")
    await app.async_dispatch(request)
    await settle()

    [post] = slack_api.posts()
    assert "ephemeral" == post.body["response_type"]


@pytest.mark.asyncio
async def test_past_five_messages_the_rest_go_through_the_web_api(
    app: AsyncApp, slack_api: SlackApi, router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = Reply(briefing=long_briefing())
    monkeypatch.setattr(router, "handle", lambda request: reply)
    request, _ = command_request(slack_api, "who Lavrov")
    await app.async_dispatch(request)
    await settle()

    expected = [payload["blocks"] for payload in reply_payloads(reply)]
    assert 5 < len(expected)
    assert expected == [post.body["blocks"] for post in slack_api.posts()]
    assert ["response"] * 5 == [post.method for post in slack_api.posts()[:5]]
    assert {"C0DESK0001"} == {post.body["channel"] for post in slack_api.posts()[5:]}


@pytest.mark.asyncio
async def test_a_private_reply_past_five_messages_says_it_was_cut_and_how_to_get_the_rest(
    app: AsyncApp, slack_api: SlackApi, router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = Reply(briefing=long_briefing(), private=True)
    monkeypatch.setattr(router, "handle", lambda request: reply)
    request, _ = command_request(slack_api, "who Lavrov")
    await app.async_dispatch(request)
    await settle()

    whole = reply_payloads(reply)
    posts = slack_api.posts()
    assert ["response"] * 5 == [post.method for post in posts]
    assert {"ephemeral"} == {post.body["response_type"] for post in posts}
    assert [p["blocks"] for p in whole[:4]] == [post.body["blocks"] for post in posts[:4]]
    left = len(whole) - 5
    note = messages.SLACK_CUT.format(
        limit=5, count=left, messages="message" if left == 1 else "messages"
    )
    assert note == posts[4].body["blocks"][-1]["text"]["text"]


@pytest.mark.asyncio
async def test_users_info_is_asked_only_for_digests(app: AsyncApp, slack_api: SlackApi) -> None:
    who, _ = command_request(slack_api, "who Lavrov")
    digest, _ = command_request(slack_api, "digest")
    await app.async_dispatch(who)
    await settle()
    assert [] == slack_api.called("users.info")

    await app.async_dispatch(digest)
    await settle()
    assert ["U0ANALYST1"] == [call.body["user"] for call in slack_api.called("users.info")]


@pytest.mark.asyncio
async def test_a_rate_limited_post_is_sent_again_after_retry_after(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    slack_api.throttle("chat.postMessage")
    await app.async_dispatch(event_request(payload("app_mention.json")))
    await settle()

    assert [429, 200] == [call.status for call in slack_api.called("chat.postMessage")]


@pytest.mark.asyncio
async def test_socket_mode_without_an_app_token_says_what_to_set(
    router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    settings = Settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-test")  # type: ignore[call-arg]

    with pytest.raises(AttacheError, match="SLACK_APP_TOKEN"):
        await SlackSurface(settings, router).run()


@pytest.mark.asyncio
async def test_http_mode_without_a_signing_secret_says_what_to_set(
    router: Router, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, SLACK_BOT_TOKEN="xoxb-test", slack_mode="http"
    )

    with pytest.raises(AttacheError, match="SLACK_SIGNING_SECRET"):
        await SlackSurface(settings, router).run()


def test_the_manifest_registers_the_command_events_and_scopes_the_app_uses() -> None:
    manifest = (Path(__file__).parent.parent / "deploy" / "slack-manifest.yaml").read_text()
    listed = set(re.findall(r"^\s+- ([a-z_:.]+)$", manifest, re.M))

    assert f"- command: {Settings.model_fields['slack_command'].default}" in manifest
    assert {"app_mention", "message.im"} <= listed
    assert "socket_mode_enabled: true" in manifest


@pytest.mark.asyncio
async def test_the_slack_stand_in_refuses_what_slack_would(slack_api: SlackApi) -> None:
    client = new_client("xoxb-test", base_url=slack_api.api_url)
    slack_api.add_channel("C0PUBLIC01", member=False)
    slack_api.add_channel("G0PRIVATE1", "private", member=False)

    async def error(call: Any) -> str:
        try:
            await call
        except SlackApiError as refused:
            return str(refused.response["error"])
        return "ok"

    answers = [
        await error(client.chat_postMessage(channel="C0PUBLIC01", text="x")),  # .public
        await error(client.chat_postMessage(channel="G0PRIVATE1", text="x")),
        await error(client.conversations_history(channel="C0PUBLIC01")),
        await error(client.conversations_history(channel="G0PRIVATE1")),
        await error(client.conversations_info(channel="C0DESK0001")),  # no channels:read
        await error(client.api_call("conversations.open")),
    ]
    slack_api.scopes = slack_api.scopes - {"chat:write.public"}
    answers.append(await error(client.chat_postMessage(channel="C0PUBLIC01", text="x")))

    assert [
        "ok",
        "channel_not_found",
        "not_in_channel",
        "channel_not_found",
        "missing_scope",
        "unknown_method",
        "missing_scope",
    ] == answers


def test_the_manifest_requests_exactly_the_scopes_the_code_uses() -> None:
    # chat.postMessage (+ .public for channels not joined), the /brief command, mentions,
    # DMs, users.info for admins, and conversations.history of every channel type for
    # digest recovery; nothing opens or lists DMs (im:read, im:write).
    used = {
        "commands",
        "chat:write",
        "chat:write.public",
        "app_mentions:read",
        "im:history",
        "channels:history",
        "groups:history",
        "mpim:history",
        "users:read",
    }
    assert used == manifest_scopes()


# -- Socket Mode, the default: the real handler over a local WebSocket ------------------------


async def posts_reach(slack_api: SlackApi, count: int) -> list[Call]:
    """The posts once there are `count` of them (the app answers after acknowledging)."""
    for _ in range(int(PATIENCE / 0.05)):
        if len(slack_api.posts()) >= count:
            return slack_api.posts()
        await asyncio.sleep(0.05)
    raise AssertionError(f"expected {count} posts, got {slack_api.posts()}")


@pytest_asyncio.fixture
async def socket_mode(router: Router, slack_api: SlackApi) -> AsyncIterator[SocketModeServer]:
    """Attaché's Slack surface running in Socket Mode against both local stand-ins."""
    server = SocketModeServer()
    slack_api.socket_url = await server.start()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-1-test",
        SLACK_API_URL=slack_api.api_url,
    )
    running = asyncio.create_task(SlackSurface(settings, router).run())
    yield server
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)
    await server.close()


@pytest.mark.asyncio
async def test_socket_mode_acknowledges_each_envelope_and_answers_it_once(
    socket_mode: SocketModeServer, slack_api: SlackApi
) -> None:
    mention = payload("app_mention.json")
    await socket_mode.send(event_envelope("env-mention", mention))
    await socket_mode.acked("env-mention")
    [answer] = await posts_reach(slack_api, 1)
    # Slack redelivers what it thinks was not acknowledged: same envelope, or a retry.
    await socket_mode.send(event_envelope("env-mention", mention, retry=1))
    await socket_mode.send(event_envelope("env-mention-retry", mention, retry=2))
    await socket_mode.acked("env-mention-retry")
    await socket_mode.send(event_envelope("env-direct", payload("message_im.json")))
    await socket_mode.acked("env-direct")
    await posts_reach(slack_api, 2)
    form = payload("slash_command.json") | {"response_url": slack_api.response_url()}
    await socket_mode.send(slash_envelope("env-command", form))
    command_ack = await socket_mode.acked("env-command")
    posts = await posts_reach(slack_api, 3)

    assert {"response_type": "ephemeral", "text": messages.SLACK_WORKING} == command_ack["payload"]
    assert 2 == len(socket_mode.acks["env-mention"])
    assert ["chat.postMessage", "chat.postMessage", "response"] == [p.method for p in posts]
    assert ("C0DESK0001", "1700000100.000200") == (
        answer.body["channel"],
        answer.body["thread_ts"],
    )
    assert "D0DIRECT01" == posts[1].body["channel"]
    assert "in_channel" == posts[2].body["response_type"]
    assert "Sergey Lavrov" == posts[2].body["blocks"][0]["text"]["text"]
    assert 1 == len(slack_api.called("apps.connections.open"))


@pytest.mark.asyncio
async def test_a_mistyped_command_in_a_direct_message_is_one_line_in_thread(
    app: AsyncApp, slack_api: SlackApi
) -> None:
    event = payload("message_im.json")
    event["event"]["text"] = "/whoo Lavrov"
    response = await app.async_dispatch(event_request(event))
    await settle()

    assert 200 == response.status
    [post] = slack_api.posts()
    assert "1700000200.000300" == post.body["thread_ts"]
    assert "I don't know the command “/whoo”" in block_texts(post.body)


@pytest.mark.asyncio
async def test_attache_run_points_every_slack_client_at_slack_api_url(
    router_database: Path, slack_api: SlackApi
) -> None:
    """Built as `attache run` builds it, Slack is reached only through SLACK_API_URL: the app
    (auth.test, Socket Mode's connection, answers) and the scheduler's digest poster."""
    server = SocketModeServer()
    slack_api.socket_url = await server.start()
    # Without the trailing slash, as an operator may write it.
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        db=router_database,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-1-test",
        SLACK_API_URL=slack_api.api_url.rstrip("/"),
        ATTACHE_DIGEST_QUIET_LINE=True,
    )
    with Store.open(router_database) as store:
        store.add_subscription("slack", "T0TEAM0001", "C1", "Vietnam", "daily 08:00", "UTC", "U1")
    router = build_router(settings, str(router_database))
    surfaces = build_surfaces(settings, router)
    scheduler = build_scheduler(settings, str(router_database), router, surfaces)
    running = asyncio.create_task(surfaces[0].run())
    await server.send(event_envelope("env-mention", payload("app_mention.json")))
    await server.acked("env-mention")
    await posts_reach(slack_api, 1)
    await scheduler.catch_up(datetime.now(UTC) + timedelta(days=1))
    await scheduler.stop()
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)
    await server.close()
    router.close()

    methods = [c.method for c in slack_api.calls]
    assert ["auth.test", "apps.connections.open"] == methods[:2]
    assert "C0DESK0001" == slack_api.posts()[0].body["channel"]
    assert 1 == len(slack_api.messages["C1"])


def test_slack_api_url_must_be_a_web_address() -> None:
    with pytest.raises(ValidationError, match="SLACK_API_URL"):
        Settings(_env_file=None, SLACK_API_URL="slack.internal/api")  # type: ignore[call-arg]
