"""The digest scheduler, driven by a controlled clock against the local Slack and Discord stand-ins.

The clock is the `now` handed to `catch_up` (what a job does when it fires, and what the bot
does on start), so days pass in milliseconds. A crash is a BaseException raised inside the
poster: nothing in the scheduler catches it, as nothing survives a killed process.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import discord
import pytest
import pytest_asyncio

from bot import messages
from bot.config import Settings
from bot.discord.embeds import digest_embeds
from bot.discord.posting import DiscordPoster, nonce, stamp_run
from bot.posting import Posted, Poster
from bot.router import Context, Router
from bot.scheduler import DigestRules, DigestScheduler, job_id, next_window, run_key
from bot.slack.app import new_client
from bot.slack.blocks import digest_payloads as slack_payloads
from bot.slack.posting import SlackPoster
from bot.wiring import build_router, build_scheduler, build_surfaces
from briefings.digest import Digest
from briefings.schedules import DigestWindow
from store import Store
from store.records import SubscriptionRecord

from .conftest import offline
from .discord_api import DiscordAPI
from .slack_api import SlackApi
from .test_digest_render import _digest as rendered_digest

CHANNEL = "1300000000000000042"
QUIET = DigestRules(max_age=timedelta(days=3), quiet_line=True)
PARIS = ZoneInfo("Europe/Paris")
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# A daily 08:00 subscription made in Hanoi at noon on 1 May: its first window, 1 May 08:00 to
# 2 May 08:00, is due by the morning after.
MORNING_AFTER = datetime(2024, 5, 2, 9, 0, tzinfo=HANOI)
FIRST_WINDOW = DigestWindow(
    datetime(2024, 5, 1, 8, tzinfo=HANOI), datetime(2024, 5, 2, 8, tzinfo=HANOI)
)


class Crash(BaseException):
    """The process dying: not an Exception, so no handler in the scheduler stops it."""


@dataclass
class Platform:
    name: str
    poster: Poster
    posted: Callable[[], list[dict[str, Any]]]


@pytest_asyncio.fixture
async def discord_client(discord_api: DiscordAPI) -> AsyncIterator[discord.Client]:
    client = discord.Client(intents=discord.Intents.default())
    await client.login("test-token")
    yield client
    await client.close()


def slack_platform(api: SlackApi) -> Platform:
    poster = SlackPoster(new_client("xoxb-test", base_url=api.api_url))
    return Platform("slack", poster, lambda: api.messages.get(CHANNEL, []))


def discord_platform(api: DiscordAPI, client: discord.Client) -> Platform:
    return Platform("discord", DiscordPoster(client), lambda: api.messages_in(CHANNEL))


@pytest_asyncio.fixture(params=["slack", "discord"])
async def platform(
    request: pytest.FixtureRequest,
    slack_api: SlackApi,
    discord_api: DiscordAPI,
    discord_client: discord.Client,
) -> Platform:
    if request.param == "slack":
        return slack_platform(slack_api)
    return discord_platform(discord_api, discord_client)


def subscribe(
    store: Store, platform: str, schedule: str, zone: str, created: datetime
) -> SubscriptionRecord:
    added = store.add_subscription(platform, "W1", CHANNEL, "Vietnam", schedule, zone, "U1")
    # The store stamps creation with the real clock; the test's clock is elsewhere.
    with store.db.conn:
        store.db.execute(
            "UPDATE subscriptions SET created_at = ? WHERE id = ?",
            [created.astimezone(UTC).isoformat(timespec="seconds"), added.id],
        )
    found = store.subscription(added.id, platform, "W1")
    assert found is not None
    return found


def daily_in_hanoi(store: Store, platform: str) -> SubscriptionRecord:
    created = datetime(2024, 5, 1, 12, 0, tzinfo=HANOI)
    return subscribe(store, platform, "daily 08:00", "Asia/Ho_Chi_Minh", created)


def scheduler_for(store: Store, *posters: Poster, rules: DigestRules = QUIET) -> DigestScheduler:
    return DigestScheduler(store.path, {p.platform: p for p in posters}, rules)


def long_digest() -> Digest:
    """A digest too long for one message on either platform."""
    return rendered_digest(events=60, text="A long sentence about the talks. " * 40)


def windows(store: Store, subscription_id: int) -> list[tuple[datetime, datetime, str]]:
    rows = store.db.execute(
        "SELECT window_start, window_end, state FROM digest_runs"
        " WHERE subscription_id = ? ORDER BY window_start",
        [subscription_id],
    )
    return [(datetime.fromisoformat(s), datetime.fromisoformat(e), st) for s, e, st in rows]


async def hourly(scheduler: DigestScheduler, start: datetime, hours: int) -> None:
    for hour in range(hours):
        await scheduler.catch_up(start + timedelta(hours=hour))


class CrashBeforePosting:
    """A poster whose process dies once the run is recorded, before anything is sent."""

    def __init__(self, poster: Poster) -> None:
        self.platform = poster.platform
        self.poster = poster

    async def post_digest(
        self, channel: str, digest: Digest, key: str, note: str | None, already: Posted | None
    ) -> str:
        raise Crash

    async def find_digest(self, channel: str, key: str) -> Posted | None:
        return await self.poster.find_digest(channel, key)


class CrashAfterPosting(CrashBeforePosting):
    """A poster whose process dies after the digest went out, before it is marked posted."""

    async def post_digest(
        self, channel: str, digest: Digest, key: str, note: str | None, already: Posted | None
    ) -> str:
        await self.poster.post_digest(channel, digest, key, note, already)
        raise Crash


# -- the clock ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_daily_digest_posts_once_a_day_at_0800_local_across_the_dst_change(
    store: Store, slack_api: SlackApi
) -> None:
    # Paris moves its clocks forward at 02:00 on Sunday 30 March 2025.
    created = datetime(2025, 3, 27, 12, 0, tzinfo=PARIS)
    subscription = subscribe(store, "slack", "daily 08:00", "Europe/Paris", created)
    scheduler = scheduler_for(store, slack_platform(slack_api).poster)

    await hourly(scheduler, datetime(2025, 3, 28, 0, 0, tzinfo=PARIS), hours=4 * 24)
    await scheduler.stop()

    runs = windows(store, subscription.id)
    ends = [end.astimezone(PARIS) for _, end, _ in runs]
    assert [datetime(2025, 3, day, 8, 0, tzinfo=PARIS) for day in (28, 29, 30, 31)] == ends
    assert [24, 24, 23, 24] == [(e - s) / timedelta(hours=1) for s, e, _ in runs]
    assert all(later[0] == earlier[1] for earlier, later in pairwise(runs))
    assert {"posted"} == {state for _, _, state in runs}
    assert 4 == len(slack_api.messages[CHANNEL])


@pytest.mark.asyncio
async def test_a_restart_after_missed_slots_posts_one_catch_up_digest_with_its_window(
    store: Store, slack_api: SlackApi
) -> None:
    subscription = daily_in_hanoi(store, "slack")
    poster = slack_platform(slack_api).poster
    first = scheduler_for(store, poster)
    await first.catch_up(MORNING_AFTER)
    await first.stop()

    # Down from 2 May 09:00 to 5 May 10:00: three slots missed.
    restarted = scheduler_for(store, poster)
    await restarted.catch_up(datetime(2024, 5, 5, 10, 0, tzinfo=HANOI))
    await restarted.catch_up(datetime(2024, 5, 5, 11, 0, tzinfo=HANOI))
    await restarted.stop()

    posts = [call.body for call in slack_api.called("chat.postMessage")]
    assert 2 == len(slack_api.messages[CHANNEL])
    assert "Catching up: 02 May 08:00 – 05 May 08:00 (Asia/Ho_Chi_Minh)." in json.dumps(
        posts[1], ensure_ascii=False
    )
    assert "Catching up" not in json.dumps(posts[0])
    runs = windows(store, subscription.id)
    assert [datetime(2024, 5, 2, 8, tzinfo=HANOI), datetime(2024, 5, 5, 8, tzinfo=HANOI)] == [
        end for _, end, _ in runs
    ]
    assert runs[1][0] == runs[0][1]


@pytest.mark.asyncio
async def test_an_empty_window_posts_nothing_without_the_quiet_line(
    store: Store, slack_api: SlackApi
) -> None:
    subscription = daily_in_hanoi(store, "slack")
    rules = DigestRules(max_age=timedelta(days=3), quiet_line=False)
    scheduler = scheduler_for(store, slack_platform(slack_api).poster, rules=rules)

    await scheduler.catch_up(MORNING_AFTER)
    await scheduler.stop()

    assert [] == slack_api.messages.get(CHANNEL, [])
    assert ["posted"] == [state for _, _, state in windows(store, subscription.id)]


@pytest.mark.asyncio
async def test_a_digest_of_new_articles_is_posted_with_them(
    seeded: Store, slack_api: SlackApi
) -> None:
    now = datetime.now(UTC)
    created = (now - timedelta(days=1)).replace(microsecond=0)
    subscription = subscribe(seeded, "slack", 'cron "0 * * * *"', "UTC", created)
    rules = DigestRules(max_age=timedelta(days=20 * 365))
    scheduler = scheduler_for(seeded, slack_platform(slack_api).poster, rules=rules)

    # The seeds were ingested moments ago; the first run covers everything since creation.
    fire = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    await scheduler.run_due(subscription, fire)
    await scheduler.stop()

    posted = json.dumps(slack_api.messages[CHANNEL], ensure_ascii=False)
    assert "Vietnam" in posted
    assert [(created, fire, "posted")] == windows(seeded, subscription.id)


def test_the_first_window_starts_at_the_previous_fire_or_at_creation_when_slots_were_missed() -> (
    None
):
    def record(created: datetime) -> SubscriptionRecord:
        stamp = created.isoformat()
        return SubscriptionRecord(1, "slack", "W1", "C1", "x", "daily 08:00", "UTC", None, stamp)

    fire = datetime(2024, 5, 10, 8, tzinfo=UTC)
    fresh = record(datetime(2024, 5, 9, 20, tzinfo=UTC))
    assert DigestWindow(datetime(2024, 5, 9, 8, tzinfo=UTC), fire) == next_window(fresh, fire, None)
    missed = record(datetime(2024, 5, 7, 20, tzinfo=UTC))
    expected = DigestWindow(datetime(2024, 5, 7, 20, tzinfo=UTC), fire)
    assert expected == next_window(missed, fire, None)
    assert None is next_window(record(datetime(2024, 5, 10, 9, tzinfo=UTC)), fire, None)


# -- exactly once ------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("crash", [CrashBeforePosting, CrashAfterPosting])
async def test_a_crash_between_recording_and_marking_ends_with_exactly_one_message(
    store: Store, platform: Platform, crash: type[CrashBeforePosting]
) -> None:
    subscription = daily_in_hanoi(store, platform.name)
    now = MORNING_AFTER
    dying = scheduler_for(store, crash(platform.poster))
    with pytest.raises(Crash):
        await dying.catch_up(now)
    await dying.stop()
    assert ["recorded"] == [state for _, _, state in windows(store, subscription.id)]

    restarted = scheduler_for(store, platform.poster)
    await restarted.catch_up(now)
    await restarted.catch_up(now + timedelta(hours=1))
    await restarted.stop()

    assert 1 == len(platform.posted())
    assert ["posted"] == [state for _, _, state in windows(store, subscription.id)]
    ref = store.last_run(subscription.id)
    assert ref is not None and ref.message_ref is not None


class CrashAfterParts:
    """The platform's send, dying after `parts` messages of a digest went out."""

    def __init__(self, send: Callable[..., Any], parts: int) -> None:
        self.send, self.left = send, parts

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.left:
            raise Crash
        self.left -= 1
        return await self.send(*args, **kwargs)


def parts_posted(platform: Platform) -> list[int]:
    """The part number of each digest message in the channel, in order."""
    if platform.name == "slack":
        return [m["metadata"]["event_payload"]["part"] for m in platform.posted()]
    footers = [m["embeds"][-1]["footer"]["text"] for m in platform.posted()]
    return [int(footer.rsplit("(", 1)[1].split("/")[0]) for footer in footers]


@pytest.mark.asyncio
async def test_a_crash_between_the_parts_of_a_long_digest_sends_only_the_missing_parts(
    store: Store, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    long = long_digest()
    monkeypatch.setattr("bot.scheduler._digest", lambda *_: long)
    parts = len(slack_payloads(long, None) if platform.name == "slack" else digest_embeds(long))
    subscription = daily_in_hanoi(store, platform.name)
    now = MORNING_AFTER
    if platform.name == "slack":
        client = platform.poster.client  # type: ignore[attr-defined]
        monkeypatch.setattr(client, "chat_postMessage", CrashAfterParts(client.chat_postMessage, 2))
    else:
        crashing = CrashAfterParts(discord.PartialMessageable.send, 2)
        # A plain function, so that Python binds the channel as it does for the real method.
        monkeypatch.setattr(discord.PartialMessageable, "send", lambda *a, **k: crashing(*a, **k))
    with pytest.raises(Crash):
        await scheduler_for(store, platform.poster).catch_up(now)
    monkeypatch.undo()
    monkeypatch.setattr("bot.scheduler._digest", lambda *_: long)

    restarted = scheduler_for(store, platform.poster)
    await restarted.catch_up(now)
    await restarted.stop()

    assert parts > 2
    assert list(range(1, parts + 1)) == sorted(parts_posted(platform))
    assert ["posted"] == [state for _, _, state in windows(store, subscription.id)]


@pytest.mark.asyncio
async def test_a_slack_429_delays_the_digest_then_delivers_it(
    store: Store, slack_api: SlackApi
) -> None:
    subscription = daily_in_hanoi(store, "slack")
    scheduler = scheduler_for(store, slack_platform(slack_api).poster)
    slack_api.throttle("chat.postMessage")

    started = time.monotonic()
    await scheduler.catch_up(MORNING_AFTER)
    await scheduler.stop()

    assert [429, 200] == [c.status for c in slack_api.called("chat.postMessage")]
    assert time.monotonic() - started >= 1.0  # the stand-in's Retry-After
    assert 1 == len(slack_api.messages[CHANNEL])
    assert ["posted"] == [state for _, _, state in windows(store, subscription.id)]


@pytest.mark.asyncio
async def test_a_discord_429_delays_the_digest_then_delivers_it(
    store: Store, discord_api: DiscordAPI, discord_client: discord.Client
) -> None:
    subscription = daily_in_hanoi(store, "discord")
    scheduler = scheduler_for(store, DiscordPoster(discord_client))
    discord_api.throttle(f"/channels/{CHANNEL}/messages")

    started = time.monotonic()
    await scheduler.catch_up(MORNING_AFTER)
    await scheduler.stop()

    sends = discord_api.to("POST", f"/channels/{CHANNEL}/messages")
    assert 2 == len(sends)
    assert time.monotonic() - started >= discord_api.retry_after
    assert 1 == len(discord_api.messages_in(CHANNEL))
    assert ["posted"] == [state for _, _, state in windows(store, subscription.id)]


@pytest.mark.asyncio
async def test_discord_sends_each_message_with_an_enforced_nonce_and_the_run_in_the_footer(
    store: Store, discord_api: DiscordAPI, discord_client: discord.Client
) -> None:
    subscription = daily_in_hanoi(store, "discord")
    scheduler = scheduler_for(store, DiscordPoster(discord_client))

    await scheduler.catch_up(MORNING_AFTER)
    await scheduler.stop()

    body = discord_api.to("POST", f"/channels/{CHANNEL}/messages")[0].body
    window = FIRST_WINDOW
    key = run_key(subscription, window)
    assert (nonce(key, 1), True) == (body["nonce"], body["enforce_nonce"])
    assert body["embeds"][-1]["footer"]["text"].endswith(f"run {key} (1/1)")


@pytest.mark.asyncio
async def test_slack_posts_carry_the_run_in_message_metadata(
    store: Store, slack_api: SlackApi
) -> None:
    subscription = daily_in_hanoi(store, "slack")
    scheduler = scheduler_for(store, slack_platform(slack_api).poster)

    await scheduler.catch_up(MORNING_AFTER)
    await scheduler.stop()

    window = FIRST_WINDOW
    metadata = slack_api.messages[CHANNEL][0]["metadata"]
    assert "attache_digest" == metadata["event_type"]
    assert run_key(subscription, window) == metadata["event_payload"]["run"]


def test_nonces_fit_discord_and_differ_by_part_and_the_footer_keeps_its_text() -> None:
    assert all(len(nonce(f"{n}-1714521600", part)) <= 25 for n in (1, 99999) for part in (1, 9))
    assert nonce("7-1714521600", 1) != nonce("7-1714521600", 2)
    embed = discord.Embed(title="t").set_footer(text="3 sources")
    assert "3 sources · run 7-1 (2/3)" == stamp_run([embed], "7-1", 2, 3)[0].footer.text
    assert "3 sources" == embed.footer.text


# -- jobs --------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_jobs_are_rebuilt_from_the_store_when_the_router_says_subscriptions_changed(
    store: Store, slack_api: SlackApi
) -> None:
    now = datetime.now(UTC)
    first = subscribe(store, "slack", "daily 08:00", "Europe/Paris", now)
    scheduler = scheduler_for(store, slack_platform(slack_api).poster)
    await scheduler.start()
    try:
        next_fire = scheduler.jobs()[job_id(first)].astimezone(PARIS)
        assert (8, 0) == (next_fire.hour, next_fire.minute)

        second = subscribe(store, "slack", "weekly mon 09:30", "Asia/Ho_Chi_Minh", now)
        store.remove_subscription(first.id, "slack", "W1")
        # The router calls the hook from one of its worker threads.
        threading.Thread(target=scheduler.subscriptions_changed).start()
        await _until(lambda: job_id(first) not in scheduler.jobs())
        assert [job_id(second)] == list(scheduler.jobs())
    finally:
        await scheduler.stop()


async def _until(done: Callable[[], bool], timeout: float = 5) -> None:
    async with asyncio.timeout(timeout):
        while not done():
            await asyncio.sleep(0.01)


# -- wiring ------------------------------------------------------------------------------------


def test_attache_run_gives_the_scheduler_a_poster_per_platform_and_the_router_hook(
    store: Store,
) -> None:
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-test",  # type: ignore[call-arg]  # set by alias, as from .env
        DISCORD_TOKEN="discord-test",
        _env_file=None,
    )
    router = build_router(settings, store.path)
    scheduler = build_scheduler(settings, store.path, router, build_surfaces(settings, router))

    assert ["discord", "slack"] == sorted(scheduler.posters)
    assert scheduler.subscriptions_changed == router.on_subscriptions_changed
    router.close()


# -- a channel whose history the bot may not read -------------------------------------------


def refuse_history(api: SlackApi, refusal: str) -> None:
    """A workspace where conversations.history is refused but posting still works."""
    if refusal == "missing_scope":  # installed from a manifest without channels:history
        api.scopes = api.scopes - {"channels:history"}
    else:  # a public channel reached through chat:write.public, never joined
        api.add_channel(CHANNEL, member=False)


@pytest.mark.asyncio
@pytest.mark.parametrize("refusal", ["missing_scope", "not_in_channel", "missing_access"])
async def test_a_run_that_cannot_be_checked_never_stops_the_digests_after_it(
    store: Store,
    slack_api: SlackApi,
    discord_api: DiscordAPI,
    discord_client: discord.Client,
    refusal: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if refusal == "missing_access":  # Discord: no Read Message History in the channel
        discord_api.unreadable.add(CHANNEL)
        platform = discord_platform(discord_api, discord_client)
    else:
        refuse_history(slack_api, refusal)
        platform = slack_platform(slack_api)
    subscription = daily_in_hanoi(store, platform.name)
    day_two = MORNING_AFTER
    poster = platform.poster
    with pytest.raises(Crash):
        await scheduler_for(store, CrashBeforePosting(poster)).catch_up(day_two)

    restarted = scheduler_for(store, poster)
    for day in range(1, 4):
        await restarted.catch_up(day_two + timedelta(days=day))
    await restarted.stop()

    # The crashed run is not sent blindly (it may be there), and every later day is posted.
    assert 3 == len(platform.posted())
    states = [state for _, _, state in windows(store, subscription.id)]
    assert ["unverified", "posted", "posted", "posted"] == states
    assert "cannot tell whether the digest" in caplog.text
    assert refusal in caplog.text


@pytest.mark.asyncio
async def test_digest_list_warns_of_a_digest_that_may_be_missing(
    store: Store, slack_api: SlackApi
) -> None:
    refuse_history(slack_api, "missing_scope")
    subscription = daily_in_hanoi(store, "slack")
    day_two = MORNING_AFTER
    poster = slack_platform(slack_api).poster
    with pytest.raises(Crash):
        await scheduler_for(store, CrashBeforePosting(poster)).catch_up(day_two)
    restarted = scheduler_for(store, poster)
    await restarted.catch_up(day_two + timedelta(days=1))
    await restarted.stop()

    router = Router(str(store.path), offline)
    where = Context(platform="slack", workspace="W1", channel=CHANNEL, user="U1")
    listed = router.handle_text("digest list", where).text or ""
    router.close()

    [line, warning] = listed.splitlines()[1:]
    assert line.startswith(f"• {subscription.id}: Vietnam")
    expected = messages.DIGEST_LIST_UNVERIFIED.format(
        window="Wed 1 May 2024, 08:00 – Thu 2 May 2024, 08:00 (Asia/Ho_Chi_Minh)",
        reason="missing_scope",
        fix=messages.DIGEST_LOOKUP_FIXES["missing_scope"],
    )
    assert expected == warning
