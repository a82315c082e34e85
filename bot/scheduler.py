"""The digest scheduler: one APScheduler job per subscription, each digest posted exactly once.

A run is recorded (subscription, window) before its digest is posted and marked posted after.
A crash in between leaves a recorded run, which is settled before anything new is posted for
its subscription: the platform is asked whether the digest went out (Slack message metadata,
the Discord footer) and it is posted only if it did not. A window starts where the previous
one ended, so windows never overlap nor leave a gap, and slots missed while the bot was down
become one catch-up run whose digest says which span it covers.

When the platform refuses to show the channel's history (a missing scope, a channel the bot
is not in), an unfinished run cannot be checked. It is then marked `unverified` and never sent
again: posting it blindly could show the channel the same digest twice, while leaving it
unsettled would stop every later digest of the subscription. So its window is delivered at
most once, the subscription goes on, and the problem is logged and shown in `digest list`.
A failure that may pass (Slack unreachable, a 5xx, a rate limit) leaves the run to the
next fire, as before.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Concatenate, ParamSpec, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot import messages
from bot.posting import LookupRefused, Posted, Poster
from briefings.digest import Digest, build_digest
from briefings.filters import parse_filter
from briefings.schedules import DigestWindow, Schedule, parse_schedule
from store import AttacheError, Store
from store.records import DigestRunRecord, SubscriptionRecord

log = logging.getLogger(__name__)

JOB_PREFIX = "digest:"
POLL_JOB = "poll-sources"
POLL_EVERY = timedelta(minutes=1)
# A digest that fires late (the loop was busy, the machine slept) is still worth posting;
# one missed entirely is caught up from the store on the next start.
MISFIRE_GRACE = timedelta(hours=6)
_TICK = timedelta(microseconds=1)
_NOTE_TIME = "%d %b %H:%M"

P = ParamSpec("P")
T = TypeVar("T")
Clock = Callable[[], datetime]
# `poll_due(store, now)` with its fetcher bound; runs in its own worker thread.
SourcePoll = Callable[[Store, datetime], object]


@dataclass(frozen=True)
class DigestRules:
    """How digests are built: the age past which an article is not news, and whether an empty
    window still posts one quiet line."""

    max_age: timedelta
    quiet_line: bool = False


class StoreWorker:
    """One thread with its own store connection: SQLite work stays off the event loop."""

    def __init__(self, db_path: str, name: str) -> None:
        self.db_path = db_path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._store: Store | None = None

    async def call(
        self, work: Callable[Concatenate[Store, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(self._run, work, *args, **kwargs))

    def _run(self, work: Callable[..., T], *args: object, **kwargs: object) -> T:
        if self._store is None:
            self._store = Store.open(self.db_path)
        return work(self._store, *args, **kwargs)

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, self._close)
        self._executor.shutdown()

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class DigestScheduler:
    """Posts every active subscription's digests on time, and polls registered sources.

    `clock` is the only source of "now", so tests drive `run_due` and `catch_up` directly.
    """

    name = "scheduler"

    def __init__(
        self,
        db_path: str,
        posters: Mapping[str, Poster],
        rules: DigestRules,
        *,
        clock: Clock | None = None,
        poll: SourcePoll | None = None,
    ) -> None:
        self.posters = posters
        self.rules = rules
        self.clock = clock or _utc_now
        self.poll = poll
        self.store = StoreWorker(db_path, "digests")
        self._poll_store = StoreWorker(db_path, "polling")
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._scheduler: AsyncIOScheduler | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def run(self) -> None:
        """Catch up, schedule every subscription, and keep running until cancelled."""
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.stop()

    async def start(self) -> None:
        """Settle what a crash or a downtime left behind, then start the jobs."""
        # Created here: AsyncIOScheduler binds to the loop that is running when it starts.
        self._loop = asyncio.get_running_loop()
        self._scheduler = AsyncIOScheduler(timezone=UTC, event_loop=self._loop)
        self._scheduler.start()
        await self.catch_up(self.clock())
        await self.reschedule()
        if self.poll is not None:
            self._scheduler.add_job(
                self._poll_sources,
                IntervalTrigger(seconds=POLL_EVERY.total_seconds()),
                id=POLL_JOB,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
            )

    async def stop(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        await self.store.close()
        await self._poll_store.close()

    def subscriptions_changed(self) -> None:
        """The router's hook, called from a worker thread: reschedule on the scheduler's loop."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._spawn, self.reschedule)

    def jobs(self) -> dict[str, datetime]:
        """The next fire time of every digest job, by job id."""
        if self._scheduler is None:
            return {}
        found = self._scheduler.get_jobs()
        return {j.id: j.next_run_time for j in found if j.id.startswith(JOB_PREFIX)}

    async def reschedule(self) -> None:
        """One job per active subscription that has a platform to post to; no others."""
        assert self._scheduler is not None
        wanted = {
            job_id(s): s
            for s in await self.store.call(Store.active_subscriptions)
            if s.platform in self.posters
        }
        for job in self._scheduler.get_jobs():
            if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
                job.remove()
        for id, subscription in wanted.items():
            self._add_job(id, subscription)

    def _add_job(self, id: str, subscription: SubscriptionRecord) -> None:
        assert self._scheduler is not None
        try:
            trigger = parse_schedule(subscription.schedule, subscription.timezone).trigger()
        except AttacheError as error:
            log.error("digest %d: %s", subscription.id, error.message)
            return
        self._scheduler.add_job(
            self._fire,
            trigger,
            args=[subscription],
            id=id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(MISFIRE_GRACE.total_seconds()),
        )

    async def catch_up(self, now: datetime) -> None:
        """Settle every unfinished run and post one digest per subscription for missed slots."""
        for subscription in await self.store.call(Store.active_subscriptions):
            if subscription.platform in self.posters:
                await self._guarded(subscription, now)

    async def _fire(self, subscription: SubscriptionRecord) -> None:
        await self._guarded(subscription, self.clock())

    async def _guarded(self, subscription: SubscriptionRecord, now: datetime) -> None:
        # The job's boundary: one subscription's failure is logged and retried on its next
        # fire (its run stays recorded), and never stops the others.
        try:
            schedule = parse_schedule(subscription.schedule, subscription.timezone)
            await self.run_due(subscription, latest_fire(schedule, now))
        except AttacheError as error:
            log.error("digest %d: %s", subscription.id, error.message)
        except Exception:
            log.exception("digest %d failed", subscription.id)

    async def run_due(self, subscription: SubscriptionRecord, fire: datetime) -> None:
        """Settle the subscription's unfinished runs, then post its digest up to `fire`."""
        poster = self.posters[subscription.platform]
        async with self._locks[subscription.id]:
            await self._settle(subscription, poster)
            last = await self.store.call(Store.last_run, subscription.id)
            window = next_window(subscription, fire, last)
            if window is not None:
                run_id = await self.store.call(
                    Store.record_run, subscription.id, window.start, window.end
                )
                await self._post_run(subscription, poster, run_id, window)

    async def _settle(self, subscription: SubscriptionRecord, poster: Poster) -> None:
        """Finish runs a crash cut short: mark those that reached the channel whole, send
        what is missing of the rest."""
        for run in await self.store.call(Store.unposted_runs, subscription.id):
            window = run_window(run)
            key = run_key(subscription, window)
            try:
                found = await poster.find_digest(subscription.channel, key)
            except LookupRefused as refused:
                await self._leave_unverified(subscription, run, refused.reason)
                continue
            if found is not None and found.complete:
                log.info("digest %d: run %d was posted before a crash", subscription.id, run.id)
                await self.store.call(Store.mark_posted, run.id, found.ref)
            else:
                await self._post_run(subscription, poster, run.id, window, found)

    async def _leave_unverified(
        self, subscription: SubscriptionRecord, run: DigestRunRecord, reason: str
    ) -> None:
        log.warning(
            "digest %d: cannot tell whether the digest of %s – %s reached %s (%s); it is not"
            " sent again and may be missing. Later digests go on.",
            subscription.id,
            run.window_start,
            run.window_end,
            subscription.channel,
            reason,
        )
        await self.store.call(Store.mark_unverified, run.id, reason)

    async def _post_run(
        self,
        subscription: SubscriptionRecord,
        poster: Poster,
        run_id: int,
        window: DigestWindow,
        already: Posted | None = None,
    ) -> None:
        digest = await self.store.call(_digest, subscription, window, self.rules.max_age)
        message_ref = None
        if not digest.empty or self.rules.quiet_line:
            note = catch_up_note(subscription, window)
            key = run_key(subscription, window)
            if already is not None:
                log.info("digest %d: sending the parts a crash cut off", subscription.id)
            message_ref = await poster.post_digest(subscription.channel, digest, key, note, already)
        await self.store.call(Store.mark_posted, run_id, message_ref)

    async def _poll_sources(self) -> None:
        assert self.poll is not None
        try:
            await self._poll_store.call(self.poll, self.clock())
        except Exception:
            log.exception("polling sources failed")

    def _spawn(self, work: Callable[[], Awaitable[None]]) -> None:
        async def guarded() -> None:
            try:
                await work()
            except Exception:
                log.exception("rescheduling digests failed")

        task = asyncio.get_running_loop().create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


# -- windows: pure functions ------------------------------------------------------------------


def job_id(subscription: SubscriptionRecord) -> str:
    return f"{JOB_PREFIX}{subscription.id}"


def run_key(subscription: SubscriptionRecord, window: DigestWindow) -> str:
    """What identifies a run on the platform: short enough for a Discord nonce (25)."""
    return f"{subscription.id}-{int(window.start.timestamp())}"


def latest_fire(schedule: Schedule, now: datetime) -> datetime:
    """The schedule's last fire time at or before `now`."""
    return schedule.previous_fire(now + _TICK)


def next_window(
    subscription: SubscriptionRecord, fire: datetime, last: DigestRunRecord | None
) -> DigestWindow | None:
    """The window a run firing at `fire` covers, or None when nothing is left to cover.

    It starts where the last run ended; a first run starts at the schedule's previous fire,
    or at the subscription's creation when slots were missed since then.
    """
    if last is not None:
        start = _instant(last.window_end)
    else:
        created = _instant(subscription.created_at)
        if fire <= created:
            return None
        schedule = parse_schedule(subscription.schedule, subscription.timezone)
        start = min(created, schedule.previous_fire(fire))
    return DigestWindow(start, fire) if start < fire else None


def run_window(run: DigestRunRecord) -> DigestWindow:
    return DigestWindow(_instant(run.window_start), _instant(run.window_end))


def catch_up_note(subscription: SubscriptionRecord, window: DigestWindow) -> str | None:
    """A note when the window spans more than one slot (slots were missed), else None."""
    schedule = parse_schedule(subscription.schedule, subscription.timezone)
    if window.start >= schedule.previous_fire(window.end):
        return None
    zone = schedule.timezone
    return messages.DIGEST_CATCHING_UP.format(
        start=window.start.astimezone(zone).strftime(_NOTE_TIME),
        end=window.end.astimezone(zone).strftime(_NOTE_TIME),
        zone=zone.key,
    )


def _digest(
    store: Store, subscription: SubscriptionRecord, window: DigestWindow, max_age: timedelta
) -> Digest:
    filter = parse_filter(subscription.filter, store)
    return build_digest(store, filter, window.start, window.end, max_age=max_age)


def _instant(text: str) -> datetime:
    # The store writes instants as UTC ISO strings (store.binding.utc_iso).
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _utc_now() -> datetime:
    return datetime.now(UTC)
