"""Digest subscriptions as the chat commands and the command line see them.

`digest subscribe Vietnam Russia weekly mon 08:00 Europe/Paris` is split here into a filter
and a schedule, both checked before anything is stored. Every read and change is scoped by
the asking channel's platform and workspace: another workspace's subscription id reads as
one that does not exist. Previews and `digest now` build the digest a subscription's next
run would post, without recording a run, so they never disturb the scheduler's windows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import messages
from bot.config import Settings
from bot.render.phrases import moment
from briefings.digest import Digest, build_digest
from briefings.filters import parse_filter
from briefings.schedules import DEFAULT_TIMEZONE, DigestWindow, Schedule, parse_schedule
from store import AttacheError, Store
from store.records import DigestRunRecord, SubscriptionRecord

DEFAULT_SCHEDULE = "daily 08:00"
# A bare filter's preview covers the day just gone.
PREVIEW_SPAN = timedelta(hours=24)
# How long `digest list` flags a digest that may be missing (see bot/scheduler.py).
UNVERIFIED_SHOWN = timedelta(days=7)
_SCHEDULE_WORDS = frozenset({"daily", "weekly", "cron"})
# Words outside quotes; a quoted phrase stays one token so `"daily news"` is part of a filter.
_TOKEN = re.compile(r'"[^"]*"?|[^\s"]+')
_CURLY_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"'})
_BARE_ZONES = frozenset({"utc", "gmt"})


class SubscriptionError(AttacheError):
    """A subscription that does not exist here, or a change the asker may not make."""


@dataclass(frozen=True)
class DigestSettings:
    """What digests take from the configuration: default timezone, news age, quiet line."""

    timezone: str = DEFAULT_TIMEZONE
    max_age: timedelta = timedelta(days=3)
    quiet_line: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> DigestSettings:
        return cls(
            settings.timezone,
            timedelta(days=settings.digest_max_age_days),
            settings.digest_quiet_line,
        )


@dataclass(frozen=True)
class Channel:
    """Where a command was given: the tenancy (platform, workspace) and the channel."""

    platform: str
    workspace: str
    channel: str


# The command line and the terminal console are one local channel: a subscription made in
# either is listed, previewed and stopped in the other (schema v9 moved the older `cli` and
# `console` ones here).
LOCAL = Channel("terminal", "local", "terminal")


@dataclass(frozen=True)
class Subscription:
    """A stored subscription with its schedule understood."""

    record: SubscriptionRecord
    schedule: Schedule

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def zone(self) -> ZoneInfo:
        return self.schedule.timezone

    def next_fire(self, now: datetime) -> datetime:
        """The next digest's time, in the subscription's timezone."""
        return self.schedule.next_fire(now).astimezone(self.zone)


def split_subscription(argument: str) -> tuple[str, str]:
    """`FILTER [SCHEDULE] [TIMEZONE]` as (filter, schedule); the schedule may be empty."""
    text = argument.translate(_CURLY_QUOTES).strip()
    tokens = list(_TOKEN.finditer(text))
    for token in tokens:
        if token.group().casefold() in _SCHEDULE_WORDS:
            return text[: token.start()].strip(), text[token.start() :].strip()
    if len(tokens) > 1 and _looks_like_zone(tokens[-1].group()):
        zone = tokens[-1]
        return text[: zone.start()].strip(), f"{DEFAULT_SCHEDULE} {zone.group()}"
    return text, ""


def _looks_like_zone(word: str) -> bool:
    # IANA names have a slash (Europe/Paris); a filter term almost never does.
    return "/" in word or word.casefold() in _BARE_ZONES


def subscribe(
    store: Store,
    where: Channel,
    filter_text: str,
    schedule_text: str,
    settings: DigestSettings,
    created_by: str | None = None,
) -> Subscription:
    """Subscribe a channel; the filter and the schedule are checked before anything is stored.

    An empty `schedule_text` is `daily 08:00` in the configured timezone.
    """
    parsed = parse_filter(filter_text, store)
    schedule = parse_schedule(schedule_text or DEFAULT_SCHEDULE, timezone=settings.timezone)
    record = store.add_subscription(
        where.platform,
        where.workspace,
        where.channel,
        parsed.text,
        schedule.text,
        schedule.timezone.key,
        created_by,
    )
    return Subscription(record, schedule)


def subscribed_text(store: Store, added: Subscription, now: datetime, *, posted: bool) -> str:
    """The confirmation of a new subscription, naming what its filter resolved to
    ("digests of Sergey Lavrov"); `posted` is false where no scheduler posts digests."""
    subject = parse_filter(added.record.filter, store).describe()
    text = messages.DIGEST_SUBSCRIBED.format(
        id=added.id,
        subject=subject,
        schedule=added.schedule.describe(),
        next=moment(added.next_fire(now)),
    )
    return text if posted else text + " " + messages.DIGEST_NOWHERE_TO_POST.format(id=added.id)


def subscriptions(store: Store, where: Channel) -> list[Subscription]:
    """The active subscriptions of the asker's workspace, every channel's."""
    return [_understood(r) for r in store.subscriptions(where.platform, where.workspace)]


def subscription(store: Store, where: Channel, subscription_id: int) -> Subscription:
    """One subscription of the asker's workspace, or a SubscriptionError."""
    record = store.subscription(subscription_id, where.platform, where.workspace)
    if record is None:
        raise SubscriptionError(messages.DIGEST_NO_SUCH.format(id=subscription_id))
    return _understood(record)


def only_subscription(store: Store, where: Channel) -> Subscription:
    """The channel's one subscription, for `digest preview` without an id; with none or
    several, a SubscriptionError saying what to give."""
    here = [s for s in subscriptions(store, where) if s.record.channel == where.channel]
    if len(here) == 1:
        return here[0]
    if not here:
        raise SubscriptionError(messages.DIGEST_ID_USAGE.format(action="preview"))
    raise SubscriptionError(messages.DIGEST_PICK_ONE.format(ids=", ".join(str(s.id) for s in here)))


def unsubscribe(store: Store, where: Channel, subscription_id: int) -> Subscription:
    """Remove one of the asker's workspace's subscriptions; returns what was removed."""
    removed = subscription(store, where, subscription_id)
    store.remove_subscription(subscription_id, where.platform, where.workspace)
    return removed


def parse_id(text: str) -> int:
    """A subscription id as typed (`3` or `#3`), or a SubscriptionError saying what to give."""
    word = text.strip().removeprefix("#")
    if not word.isdigit() or len(word) > 12:
        raise SubscriptionError(messages.DIGEST_BAD_ID.format(text=text.strip()[:40]))
    return int(word)


def current_window(store: Store, subscription: Subscription, now: datetime) -> DigestWindow:
    """What the subscription's next digest would cover so far, in its timezone.

    It starts where the last recorded run ended (posted or about to be, after a crash) or,
    before any run, at the schedule's previous fire time, as the first run's window will.
    """
    last = store.last_run(subscription.id)
    if last is not None:
        start = datetime.fromisoformat(last.window_end)
    else:
        start = subscription.schedule.previous_fire(now)
    zone = subscription.zone
    return DigestWindow(start.astimezone(zone), max(_so_far(now), start).astimezone(zone))


def _so_far(now: datetime) -> datetime:
    """The end of `now`'s second: the store and the router's clock keep instants to the
    second, so a preview asked for in the second a poll stored an article still covers it."""
    return now.replace(microsecond=0) + timedelta(seconds=1)


def unverified_run(
    store: Store, subscription: Subscription, now: datetime
) -> tuple[DigestRunRecord, DigestWindow] | None:
    """The subscription's latest run of the past week whose digest could not be checked,
    with its window in the subscription's timezone."""
    run = store.last_unverified_run(subscription.id)
    if run is None or datetime.fromisoformat(run.recorded_at) < now - UNVERIFIED_SHOWN:
        return None
    start, end = (
        datetime.fromisoformat(t).astimezone(subscription.zone)
        for t in (run.window_start, run.window_end)
    )
    return run, DigestWindow(start, end)


def subscription_digest(
    store: Store, subscription: Subscription, settings: DigestSettings, now: datetime
) -> Digest:
    """The digest the subscription's next run would post if it ran now; nothing is recorded."""
    window = current_window(store, subscription, now)
    parsed = parse_filter(subscription.record.filter, store)
    return build_digest(store, parsed, window.start, window.end, max_age=settings.max_age)


def filter_digest(store: Store, text: str, settings: DigestSettings, now: datetime) -> Digest:
    """The digest of a bare filter over the last 24 hours, in the default timezone."""
    parsed = parse_filter(text, store)
    end = _so_far(now).astimezone(ZoneInfo(settings.timezone))
    return build_digest(store, parsed, end - PREVIEW_SPAN, end, max_age=settings.max_age)


def _understood(record: SubscriptionRecord) -> Subscription:
    return Subscription(record, parse_schedule(record.schedule, timezone=record.timezone))
