"""A degraded outside world: a slow or failing model, and chat platforms answering 5xx.

Each case ends in a fallback (the quoted summary) or a delayed retry, leaves a log line,
and, where someone is waiting, tells them in one line. The model is the local server in
tests/llm_server.py; Slack and Discord are the local stand-ins, made to fail per call.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from rich.console import Console

from bot import messages
from bot.config import Settings
from bot.console import execute
from bot.discord.client import AttacheClient
from bot.router import Router
from bot.scheduler import DigestRules, DigestScheduler
from bot.slack import new_client
from bot.slack.app import SlackSurface
from bot.slack.posting import SlackPoster
from briefings.compose import Limits
from briefings.llm import MAX_CLAIM_CHARS, NOTES, write_claims
from briefings.llm import new_client as new_llm_client
from briefings.writing import Writer
from store import Store

from .conftest import slack_app
from .discord_api import APPLICATION_ID, DiscordAPI
from .llm_server import LLMServer, Reply, completion, error, running_server
from .slack_api import Call, SlackApi
from .test_discord import GUILD, interact
from .test_discord import payload as discord_payload
from .test_llm import EVIDENCE
from .test_slack import command_request, event_request, payload, settle

MODEL = "test-model"


@pytest.fixture
def llm() -> Iterator[LLMServer]:
    with running_server() as server:
        yield server


def with_model(db: Path, base_url: str, timeout: float) -> Router:
    """A router whose briefings are written by the model at `base_url`, no retries."""
    client = new_llm_client(api_key="test-key", base_url=base_url, timeout=timeout, max_retries=0)

    def writer(store: Store, limits: Limits) -> Writer:
        return partial(write_claims, client, MODEL, cache=None, max_claims=limits.claims)

    return Router(str(db), writer)


def failing(api: SlackApi, method: str, times: int, status: int = 500) -> None:
    """The next `times` calls to a Web API method answer `status`, as Slack does when down."""
    answer, left = api.answer, [times]

    def flaky(called: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if called != method or not left[0]:
            return answer(called, body)
        left[0] -= 1
        with api.lock:
            api.calls.append(Call(called, "", body, status))
        return status, {"ok": False, "error": "internal_error"}

    api.answer = flaky  # type: ignore[method-assign]


def failing_discord(api: DiscordAPI, path_start: str, times: int, status: int) -> None:
    """The next `times` calls under `path_start` answer `status` (recorded all the same)."""
    limited, left = api._limited, [times]

    def flaky(path: str) -> web.StreamResponse | None:
        if path.startswith(path_start) and left[0]:
            left[0] -= 1
            return web.json_response({"message": "Internal Server Error", "code": 0}, status=status)
        return limited(path)

    api._limited = flaky  # type: ignore[method-assign]


def unreachable() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/v1"


# -- the model, where someone is waiting -------------------------------------------------------


@pytest.mark.asyncio
async def test_a_slow_model_does_not_delay_slacks_ack_and_the_quotes_follow(
    seeded: Store,
    tmp_path: Path,
    llm: LLMServer,
    slack_api: SlackApi,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The model answers after 10 s; the client gives up after 3 s, Slack's limit for an ack.
    llm.script(Reply(completion("Lavrov came [1].").body, delay=10))
    router = with_model(tmp_path / "attache.db", llm.base_url, timeout=3)
    app = slack_app(router, slack_api)
    request, _ = command_request(slack_api, "who Lavrov")

    with caplog.at_level(logging.INFO):
        ack = await app.async_dispatch(request)
        posted_before_the_ack = list(slack_api.posts())
        await settle()
    router.close()

    assert messages.SLACK_WORKING == json.loads(ack.body)["text"]
    assert [] == posted_before_the_ack
    [post] = slack_api.posts()
    assert NOTES["timeout"] in json.dumps(post.body, ensure_ascii=False)
    assert "Sergey Lavrov" == post.body["blocks"][0]["text"]["text"]
    assert "LLM request failed (timeout" in caplog.text


@pytest.mark.asyncio
async def test_a_failing_model_on_discord_defers_then_sends_the_quotes_with_a_note(
    seeded: Store,
    tmp_path: Path,
    llm: LLMServer,
    discord_api: DiscordAPI,
    caplog: pytest.LogCaptureFixture,
) -> None:
    llm.script(error(500, message="model crashed"))
    router = with_model(tmp_path / "attache.db", llm.base_url, timeout=5)
    client = AttacheClient(router, GUILD)
    await client.login("test-token")
    data = discord_payload("who_lavrov")

    with caplog.at_level(logging.WARNING):
        bodies = await interact(client, discord_api, data)
    await client.close()
    router.close()

    callback = discord_api.to("POST", f"/interactions/{data['id']}/{data['token']}/callback")
    assert [5] == [call.body["type"] for call in callback]
    assert "Sergey Lavrov" == bodies[0]["embeds"][0]["title"]
    assert NOTES["server"] in json.dumps(bodies, ensure_ascii=False)
    assert "LLM request failed (server, status 500)" in caplog.text


def test_an_unreachable_model_in_the_console_shows_the_quotes_and_one_line(
    seeded: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    router = with_model(tmp_path / "attache.db", unreachable(), timeout=2)
    screen = Console(record=True, width=200)

    with caplog.at_level(logging.WARNING):
        screen.print(execute(router, "who Lavrov"))
    router.close()

    shown = screen.export_text()
    assert "Sergey Lavrov" in shown
    assert 1 == shown.count(NOTES["connection"])
    assert "Traceback" not in shown
    assert "LLM request failed (connection" in caplog.text


# -- the model's garbage -----------------------------------------------------------------------


def write(llm: LLMServer, reply: Reply) -> Any:
    llm.script(reply)
    client = new_llm_client(api_key="k", base_url=llm.base_url, timeout=5, max_retries=0)
    return write_claims(client, MODEL, task="who", query="Lavrov", evidence=EVIDENCE)


def test_a_reply_with_an_empty_choice_list_falls_back(
    llm: LLMServer, caplog: pytest.LogCaptureFixture
) -> None:
    body = json.dumps({"id": "x", "object": "chat.completion", "model": MODEL, "choices": []})

    with caplog.at_level(logging.WARNING):
        written = write(llm, Reply(body.encode()))

    assert (None, NOTES["malformed"]) == (written.claims, written.note)
    assert "LLM reply without choices" in caplog.text


def test_a_runaway_sentence_is_never_shown(llm: LLMServer) -> None:
    runaway = "Sergey Lavrov arrived in Hanoi and " * 40_000 + "left [1]. "
    sane = "Lavrov and Bui Thanh Son discussed the South China Sea [2]. "
    written = write(llm, completion(sane + "The ministers agreed to expand energy [3]. " + runaway))

    assert [(2,), (3,)] == [claim.sources for claim in written.claims]
    assert MAX_CLAIM_CHARS >= max(len(claim.text) for claim in written.claims)


def test_a_huge_answer_of_one_sentence_falls_back(llm: LLMServer) -> None:
    written = write(llm, completion("Sergey Lavrov arrived in Hanoi and " * 200_000 + "left [1]."))

    assert (None, NOTES["uncited"]) == (written.claims, written.note)


# -- Slack answering 5xx -----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_slack_500_on_a_reply_is_retried_after_a_backoff(
    router: Router, slack_api: SlackApi, caplog: pytest.LogCaptureFixture
) -> None:
    failing(slack_api, "chat.postMessage", times=1)

    with caplog.at_level(logging.INFO):
        await slack_app(router, slack_api).async_dispatch(
            event_request(payload("app_mention.json"))
        )
        await settle()

    assert [500, 200] == [call.status for call in slack_api.called("chat.postMessage")]
    assert "AsyncServerErrorRetryHandler" in caplog.text


@pytest.mark.asyncio
async def test_a_slack_that_keeps_failing_is_logged_not_raised(
    router: Router, slack_api: SlackApi, caplog: pytest.LogCaptureFixture
) -> None:
    failing(slack_api, "chat.postMessage", times=10, status=503)

    with caplog.at_level(logging.ERROR):
        await slack_app(router, slack_api).async_dispatch(
            event_request(payload("app_mention.json"))
        )
        await settle()

    assert [503, 503, 503] == [call.status for call in slack_api.called("chat.postMessage")]
    assert "slack: posting failed: internal_error" in caplog.text


@pytest_asyncio.fixture
async def broken_response_url() -> AsyncIterator[str]:
    """A response_url that answers 500, as Slack's does in an outage."""

    async def refuse(request: web.Request) -> web.Response:
        return web.Response(status=500, text="internal error")

    app = web.Application()
    app.router.add_post("/response/{tail:.*}", refuse)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/response/1234/abcd"
    await runner.cleanup()


@pytest.mark.asyncio
async def test_a_slash_commands_response_url_failing_is_logged(
    router: Router, slack_api: SlackApi, broken_response_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    slack_api.response_url = lambda name="": broken_response_url  # type: ignore[method-assign]
    request, _ = command_request(slack_api, "who Lavrov")

    with caplog.at_level(logging.ERROR):
        ack = await slack_app(router, slack_api).async_dispatch(request)
        await settle()

    assert messages.SLACK_WORKING == json.loads(ack.body)["text"]
    assert "slack: response_url refused the post: 500" in caplog.text


@pytest.mark.asyncio
async def test_a_digest_slack_refuses_is_posted_at_the_next_fire_exactly_once(
    store: Store, slack_api: SlackApi, caplog: pytest.LogCaptureFixture
) -> None:
    added = store.add_subscription("slack", "W1", "C1", "Vietnam", "daily 08:00", "UTC", "U1")
    poster = SlackPoster(new_client("xoxb-test", base_url=slack_api.api_url))
    rules = DigestRules(max_age=timedelta(days=3), quiet_line=True)
    scheduler = DigestScheduler(store.path, {"slack": poster}, rules)
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    failing(slack_api, "chat.postMessage", times=3)

    with caplog.at_level(logging.ERROR):
        await scheduler.catch_up(tomorrow)
    refused = store.last_run(added.id)
    await scheduler.catch_up(tomorrow + timedelta(minutes=5))
    await scheduler.stop()

    assert refused is not None and refused.message_ref is None
    assert f"digest {added.id} failed" in caplog.text
    assert 1 == len(slack_api.messages["C1"])
    posted = store.last_run(added.id)
    assert posted is not None and posted.message_ref is not None


def posted_then_failing(api: SlackApi, method: str) -> None:
    """The next call to `method` does its work and then answers 500, as a Slack that
    falls over between storing a message and replying does."""
    answer, left = api.answer, [1]

    def flaky(called: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        status, result = answer(called, body)
        if called != method or not left[0]:
            return status, result
        left[0] -= 1
        return 500, {"ok": False, "error": "internal_error"}

    api.answer = flaky  # type: ignore[method-assign]


@pytest.mark.asyncio
async def test_a_digest_slack_posts_but_answers_500_for_is_not_posted_twice(
    store: Store, slack_api: SlackApi, router: Router
) -> None:
    added = store.add_subscription("slack", "W1", "C1", "Vietnam", "daily 08:00", "UTC", "U1")
    surface = SlackSurface(Settings(slack_bot_token="xoxb-test"), router)
    surface.poster.client.base_url = slack_api.api_url
    rules = DigestRules(max_age=timedelta(days=3), quiet_line=True)
    scheduler = DigestScheduler(store.path, {"slack": surface.poster}, rules)
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    posted_then_failing(slack_api, "chat.postMessage")

    await scheduler.catch_up(tomorrow)
    await scheduler.catch_up(tomorrow + timedelta(minutes=5))
    await scheduler.stop()

    assert 1 == len(slack_api.messages["C1"])
    posted = store.last_run(added.id)
    assert posted is not None and posted.message_ref is not None


# -- Discord answering 5xx or 429 --------------------------------------------------------------


@pytest_asyncio.fixture
async def bot(discord_api: DiscordAPI, router: Router) -> AsyncIterator[AttacheClient]:
    client = AttacheClient(router, GUILD)
    await client.login("test-token")
    yield client
    await client.close()


def followups(data: Any) -> str:
    return f"/webhooks/{APPLICATION_ID}/{data['token']}"


FollowUpFailure = Callable[[DiscordAPI, str], None]


@pytest.mark.parametrize(
    "outage",
    [
        pytest.param(lambda api, path: failing_discord(api, path, 1, 500), id="500"),
        pytest.param(lambda api, path: failing_discord(api, path, 1, 503), id="503"),
        pytest.param(lambda api, path: api.throttle(path), id="429"),
    ],
)
@pytest.mark.asyncio
async def test_a_discord_follow_up_refused_once_is_sent_again(
    bot: AttacheClient, discord_api: DiscordAPI, outage: FollowUpFailure
) -> None:
    data = discord_payload("who_lavrov")
    outage(discord_api, followups(data))

    bodies = await interact(bot, discord_api, data)

    assert 2 <= len(bodies)
    assert bodies[0] == bodies[1]  # the same follow-up, sent again
    assert "Sergey Lavrov" == bodies[-1]["embeds"][0]["title"]


@pytest.mark.asyncio
async def test_a_discord_follow_up_refused_tells_the_user_in_one_line(
    bot: AttacheClient, discord_api: DiscordAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # discord.py retries a 5xx five times over 25 s; a 4xx is final, so the user is told.
    data = discord_payload("who_lavrov")
    failing_discord(discord_api, followups(data), 1, 400)

    with caplog.at_level(logging.ERROR):
        bodies = await interact(bot, discord_api, data)

    print(bodies)
    assert messages.SOMETHING_WENT_WRONG == bodies[-1]["content"]
    assert "discord command who failed" in caplog.text
