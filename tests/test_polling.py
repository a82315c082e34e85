"""Sources that keep coming: feeds and folders polled through a local HTTP server and temp dirs."""

from __future__ import annotations

import contextlib
import io
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from bot.config import Settings
from bot.console import execute
from bot.router import Context, Router, parse
from bot.wiring import build_poll_now
from briefings.ingest.feeds import PAGE_WAITING
from briefings.ingest.fetch import Fetcher, canonical_url, declared_canonical, new_client
from briefings.ingest.network import parse_networks
from briefings.ingest.polling import (
    PollOutcome,
    SourceError,
    add_source,
    backoff,
    parse_every,
    poll_due,
    remove_source,
)
from store import Store
from store.records import SourceRecord

from .conftest import LOOPBACK, MAX_BYTES, fetching, run_ingest
from .local_server import Site, StandIn, serve_site
from .test_cli import as_json, attache

NOW = datetime(2021, 7, 9, 8, 0, tzinfo=UTC)
EVERY = timedelta(minutes=30)
MEETING = (
    "Deputy Foreign Minister Nguyen Minh Vu met Russian Ambassador Gennady Bezdetko in Hanoi on"
    " {day} July 2021 to prepare the next round of political consultations between Vietnam and"
    " Russia. Both sides reviewed cooperation in energy, trade, education and the supply of"
    " vaccines, and agreed to step up exchanges between their foreign ministries before the end"
    " of the year. {extra} The two diplomats also discussed the situation in the East Sea and"
    " the importance of settling disputes by peaceful means in line with international law,"
    " including the 1982 United Nations Convention on the Law of the Sea."
)


@dataclass
class Resource:
    body: bytes
    content_type: str = "application/rss+xml"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


@dataclass
class FeedServer(Site):
    """A local server that honours If-None-Match and If-Modified-Since like a real site."""

    resources: dict[str, Resource] = field(default_factory=dict)
    # Requests being answered at once, and the most there ever were.
    busy: int = 0
    most_busy: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        with self.lock:
            self.busy += 1
            self.most_busy = max(self.most_busy, self.busy)
        try:
            yield
        finally:
            with self.lock:
                self.busy -= 1

    @property
    def asked(self) -> list[tuple[str, dict[str, str]]]:
        """Each request's path and headers (names in lower case), in order."""
        return [(request.path, request.headers) for request in self.received]

    def answer(self, path: str, headers: dict[str, str]) -> tuple[Resource, bool]:
        found = self.resources.get(path.split("?")[0], Resource(b"not found", "text/plain", 404))
        unchanged = (found.etag is not None and headers.get("if-none-match") == found.etag) or (
            found.last_modified is not None
            and headers.get("if-modified-since") == found.last_modified
        )
        return found, unchanged


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    state = FeedServer()

    class Handler(StandIn):
        def do_GET(self) -> None:
            found, unchanged = state.answer(
                self.path, {k.lower(): v for k, v in self.headers.items()}
            )
            with state.answering():
                time.sleep(found.delay)
            validators = [
                (name, value)
                for name, value in (("ETag", found.etag), ("Last-Modified", found.last_modified))
                if value
            ]
            if unchanged:
                self.send_response(304)
                for name, value in validators:
                    self.send_header(name, value)
                self.end_headers()
                return
            # The fetcher may hang up on a timeout or an oversized body, as it should.
            self.send(found.status, found.body, found.content_type, validators)

    with serve_site(state, Handler):
        yield state


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with fetching(timeout=0.5) as opened:
        yield opened


def rss(*days: int, base: str = "https://news.example.org") -> bytes:
    items = "".join(
        f"<item><title>Vietnam and Russia prepare consultations ({day} July)</title>"
        f"<link>{base}/vietnam-russia-{day}?utm_source=rss</link>"
        f"<pubDate>{day:02d} Jul 2021 09:00:00 +0000</pubDate>"
        f"<description>{MEETING.format(day=day, extra=f'Report number {day}.')}</description>"
        "</item>"
        for day in days
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        f"{items}</channel></rss>"
    ).encode()


def announced_in_window(store: Store) -> set[int]:
    hour = timedelta(hours=1)
    found = store.articles_ingested(
        datetime.now(UTC) - hour, datetime.now(UTC) + hour, "2021-07-01"
    )
    return {article.id for article in found}


def watch(store: Store, feeds: FeedServer, feed: Resource) -> SourceRecord:
    """Serve `feed` at /feed.xml and watch it every half hour from NOW, due at once."""
    feeds.resources["/feed.xml"] = feed
    return add_source(store, feeds.url("/feed.xml"), EVERY, NOW)


def only(outcomes: list[PollOutcome]) -> PollOutcome:
    assert 1 == len(outcomes)
    return outcomes[0]


# -- feeds ------------------------------------------------------------------------------------


def test_first_poll_stores_existing_entries_without_announcing_them(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    watch(store, feeds, Resource(rss(5, 6), etag='"v1"'))

    outcome = only(poll_due(store, fetcher, NOW))

    assert ("polled", True, 2) == (outcome.status, outcome.held_back, len(outcome.new))
    assert set() == announced_in_window(store)
    assert [False, False] == [store.announced(i) for i in outcome.new]


def test_a_feed_gaining_two_entries_announces_just_those(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    watch(store, feeds, Resource(rss(5, 6), etag='"v1"'))
    first = only(poll_due(store, fetcher, NOW))
    feeds.resources["/feed.xml"] = Resource(rss(5, 6, 7, 8), etag='"v2"')

    second = only(poll_due(store, fetcher, NOW + EVERY))

    assert ("polled", False) == (second.status, second.held_back)
    assert 2 == len(second.new)
    assert set() == set(second.new) & set(first.new)
    assert set(second.new) == announced_in_window(store)


def test_an_unchanged_feed_answers_304_and_nothing_is_read(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    source = watch(store, feeds, Resource(rss(5), etag='"v1"'))
    poll_due(store, fetcher, NOW)

    outcome = only(poll_due(store, fetcher, NOW + EVERY))

    assert "not-modified" == outcome.status
    assert '"v1"' == feeds.asked[-1][1].get("if-none-match")
    assert NOW + 2 * EVERY == outcome.next_poll_at
    polled = store.source(source.id)
    assert polled is not None
    assert ('"v1"', NOW + 2 * EVERY) == (
        polled.etag,
        datetime.fromisoformat(polled.next_poll_at or ""),
    )


def test_last_modified_is_sent_back_when_there_is_no_etag(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    stamp = "Fri, 09 Jul 2021 07:00:00 GMT"
    watch(store, feeds, Resource(rss(5), last_modified=stamp))
    poll_due(store, fetcher, NOW)

    outcome = only(poll_due(store, fetcher, NOW + EVERY))

    assert "not-modified" == outcome.status
    assert stamp == feeds.asked[-1][1].get("if-modified-since")


def test_a_source_is_not_polled_before_it_is_due(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    watch(store, feeds, Resource(rss(5)))
    poll_due(store, fetcher, NOW)
    asked = len(feeds.asked)

    assert [] == poll_due(store, fetcher, NOW + EVERY - timedelta(seconds=1))
    assert asked == len(feeds.asked)


def test_server_errors_back_off_and_are_shown_until_the_feed_recovers(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    source = watch(store, feeds, Resource(b"oops", "text/plain", status=500))

    first = only(poll_due(store, fetcher, NOW))
    assert [] == poll_due(store, fetcher, NOW + EVERY)
    second = only(poll_due(store, fetcher, first.next_poll_at))
    failing = store.source(source.id)
    feeds.resources["/feed.xml"] = Resource(rss(5))
    recovered = only(poll_due(store, fetcher, second.next_poll_at))
    healthy = store.source(source.id)

    assert NOW + 2 * EVERY == first.next_poll_at
    assert first.next_poll_at + 4 * EVERY == second.next_poll_at
    assert failing is not None and healthy is not None
    assert (2, f"HTTP 500 from {feeds.url('/feed.xml')}") == (failing.failures, failing.last_error)
    assert ("polled", 0, None) == (recovered.status, healthy.failures, healthy.last_error)


def test_a_timeout_is_a_failure_of_that_source_only(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    feeds.resources["/slow.xml"] = Resource(rss(5), delay=2.0)
    feeds.resources["/feed.xml"] = Resource(rss(6))
    add_source(store, feeds.url("/slow.xml"), EVERY, NOW)
    add_source(store, feeds.url("/feed.xml"), EVERY, NOW)

    slow, fine = poll_due(store, fetcher, NOW)

    assert ("failed", f"timed out fetching {feeds.url('/slow.xml')}") == (slow.status, slow.error)
    assert ("polled", 1) == (fine.status, len(fine.new))


def test_a_20_mb_body_is_rejected(store: Store, fetcher: Fetcher, feeds: FeedServer) -> None:
    feeds.resources["/huge.xml"] = Resource(b"<rss>" + b" " * 20_000_000)
    add_source(store, feeds.url("/huge.xml"), EVERY, NOW)

    outcome = only(poll_due(store, fetcher, NOW))

    assert "failed" == outcome.status
    assert f"too large: {feeds.url('/huge.xml')} is 20.0 MB" == outcome.error
    assert 0 == store.stats().articles


def test_a_page_that_is_not_a_feed_is_a_source_error(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    feeds.resources["/page"] = Resource(b"just some words, no feed at all", "text/plain")
    add_source(store, feeds.url("/page"), EVERY, NOW)

    outcome = only(poll_due(store, fetcher, NOW))

    assert "failed" == outcome.status
    assert (outcome.error or "").startswith("not a valid RSS/Atom feed")


# -- teaser pages -------------------------------------------------------------------------------


def teasers(*days: int, base: str) -> bytes:
    items = "".join(
        f"<item><title>Consultations ({day} July)</title><link>{base}/story-{day}</link>"
        f"<description>Vietnam and Russia prepare consultations…</description></item>"
        for day in days
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        f"{items}</channel></rss>"
    ).encode()


def test_slow_teaser_pages_cannot_stall_a_poll_and_wait_for_the_next(
    store: Store, feeds: FeedServer
) -> None:
    days = range(1, 13)
    feeds.resources["/feed.xml"] = Resource(teasers(*days, base=feeds.base), etag='"v1"')
    for day in days:
        story = page(
            f"Consultations {day}",
            feeds.url(f"/story-{day}"),
            MEETING.format(day=day, extra=f"Report {day}."),
        )
        feeds.resources[f"/story-{day}"] = Resource(story.encode(), "text/html", delay=1.0)
    add_source(store, feeds.url("/feed.xml"), EVERY, NOW)

    with new_client(10, allow=parse_networks(LOOPBACK)) as client:
        fetcher = Fetcher(client, MAX_BYTES, page_workers=2, page_budget=2)
        started = time.monotonic()
        first = only(poll_due(store, fetcher, NOW))
        took, most_at_once = time.monotonic() - started, feeds.most_busy
        for day in days:
            feeds.resources[f"/story-{day}"] = replace(feeds.resources[f"/story-{day}"], delay=0)
        second = only(poll_due(store, fetcher, first.next_poll_at))

    waiting = [o for o in first.rejected if o.reason == PAGE_WAITING]
    # Twelve pages of a second each, two at a time, would take six; the budget is two.
    assert took < 2 + 4
    assert 2 == most_at_once
    assert len(waiting) > 0
    assert len(days) == len(first.new) + len(waiting)
    assert ("polled", (), len(waiting)) == (second.status, second.rejected, len(second.new))
    assert len(days) == store.stats().articles
    assert None is feeds.asked[-len(waiting) - 1][1].get("if-none-match")


# -- folders ----------------------------------------------------------------------------------


def test_a_watched_folder_announces_files_added_after_the_first_poll(
    store: Store, fetcher: Fetcher, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "old.txt").write_text(MEETING.format(day=5, extra="An old report."))
    add_source(store, str(folder), EVERY, NOW)
    first = only(poll_due(store, fetcher, NOW))
    untouched = only(poll_due(store, fetcher, NOW + EVERY))
    (folder / "new.txt").write_text(MEETING.format(day=8, extra="A new report, with news."))

    added = only(poll_due(store, fetcher, NOW + 2 * EVERY))

    assert ("polled", True, 1) == (first.status, first.held_back, len(first.new))
    assert "not-modified" == untouched.status
    assert ("polled", False, 1) == (added.status, added.held_back, len(added.new))
    assert [False, True] == [store.announced(first.new[0]), store.announced(added.new[0])]


def test_a_folder_that_disappears_is_a_source_error(
    store: Store, fetcher: Fetcher, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    add_source(store, str(folder), EVERY, NOW)
    folder.rmdir()

    outcome = only(poll_due(store, fetcher, NOW))

    assert ("failed", f"no such folder: {folder}") == (outcome.status, outcome.error)


# -- one article under two URLs ------------------------------------------------------------------


def page(title: str, canonical: str, paragraph: str) -> str:
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}">'
        f"</head><body><article><h1>{title}</h1><p>{paragraph}</p><p>{paragraph}</p>"
        "</article></body></html>"
    )


def test_amp_and_canonical_pages_are_one_article(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    story = MEETING.format(day=7, extra="")
    canonical = feeds.url("/news/vietnam-russia")
    amp_body = page("Vietnam and Russia (AMP)", canonical, story)
    feeds.resources["/news/vietnam-russia"] = Resource(
        page("Vietnam and Russia", canonical, story).encode(), "text/html"
    )
    feeds.resources["/amp/story-1234"] = Resource(amp_body.encode(), "text/html")

    from_amp = run_ingest(store, [feeds.url("/amp/story-1234?utm_source=twitter")], fetcher)
    from_canonical = run_ingest(store, [canonical], fetcher)

    assert "new" == from_amp.outcomes[0].status
    assert from_amp.outcomes[0].article_id == from_canonical.outcomes[0].article_id
    assert 1 == store.stats().articles


@pytest.mark.parametrize(
    ("expected", "url"),
    [
        ("https://example.com/news/story", "https://Example.com/news/story/amp?utm_source=x#top"),
        ("https://example.com/news/story", "https://example.com/amp/news/story"),
        ("https://example.com/news/story.html", "https://example.com/news/story.amp.html"),
        ("https://example.com/a?id=3", "https://example.com/a?outputType=amp&id=3"),
        (
            "https://example.com/news/story",
            "https://example-com.cdn.ampproject.org/c/s/example.com/news/story",
        ),
        ("https://example.com/news/story", "https://www.google.com/amp/s/example.com/news/story"),
        ("https://example.com/ampere/amplify", "https://example.com/ampere/amplify"),
    ],
)
def test_canonical_url_drops_amp_markers_and_tracking(expected: str, url: str) -> None:
    assert expected == canonical_url(url)


def test_a_declared_canonical_on_another_site_is_ignored() -> None:
    page_ = b'<html><head><link rel="canonical" href="https://elsewhere.example/x"></head></html>'
    own = b"<html><head><link href='https://news.example.org/x' rel=canonical></head></html>"

    assert None is declared_canonical("https://news.example.org/amp/x", page_)
    assert "https://news.example.org/x" == declared_canonical("https://amp.news.example.org/x", own)


# -- registering sources ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "text"),
    [(timedelta(minutes=30), "30m"), (timedelta(hours=2), "2h"), (timedelta(days=1), "1 day")],
)
def test_parse_every(expected: timedelta, text: str) -> None:
    assert expected == parse_every(text)


@pytest.mark.parametrize(
    "text", ["0m", "soon", "30", "1w", "367d", "99999999999999999999d", "9999999999999h"]
)
def test_parse_every_rejects_what_it_cannot_read(text: str) -> None:
    with pytest.raises(SourceError):
        parse_every(text)


def test_adding_a_file_a_missing_folder_or_a_known_source_is_refused(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "one.txt").write_text("text")
    add_source(store, "https://news.example.org/feed.xml", EVERY, NOW)

    with pytest.raises(SourceError, match="is a file"):
        add_source(store, str(tmp_path / "one.txt"), EVERY, NOW)
    with pytest.raises(SourceError, match="no such folder"):
        add_source(store, str(tmp_path / "missing"), EVERY, NOW)
    with pytest.raises(SourceError, match="already registered as source 1"):
        add_source(store, "https://news.example.org/feed.xml", EVERY, NOW)


def test_removing_a_source_keeps_its_articles(
    store: Store, fetcher: Fetcher, feeds: FeedServer
) -> None:
    source = watch(store, feeds, Resource(rss(5)))
    poll_due(store, fetcher, NOW)

    remove_source(store, source.id)

    assert ([], 1) == (store.sources(), store.stats().articles)
    with pytest.raises(SourceError, match="no source with id"):
        remove_source(store, source.id)


def test_backoff_doubles_and_stops_at_a_day() -> None:
    assert [EVERY * 2, EVERY * 4, timedelta(days=1)] == [backoff(EVERY, n) for n in (1, 2, 9)]


# -- the command line ---------------------------------------------------------------------------


def test_the_cli_adds_polls_lists_and_removes_a_source(tmp_path: Path, feeds: FeedServer) -> None:
    feeds.resources["/feed.xml"] = Resource(rss(5, 6), etag='"v1"')
    db = str(tmp_path / "cli.db")

    added = as_json(
        attache(
            "sources",
            "add",
            feeds.url("/feed.xml"),
            "--every",
            "2h",
            "--db",
            db,
            "--json",
            tmp=tmp_path,
        )
    )
    listed = as_json(attache("sources", "--db", db, "--json", tmp=tmp_path))
    removed = attache("sources", "remove", "1", "--db", db, tmp=tmp_path)
    again = attache("sources", "remove", "1", "--db", db, tmp=tmp_path)

    assert (7200, 2, True) == (
        added["source"]["every_seconds"],
        len(added["first_poll"]["new"]),
        added["first_poll"]["held_back"],
    )
    assert [(1, "feed", 0, None)] == [
        (s["id"], s["kind"], s["failures"], s["last_error"]) for s in listed["sources"]
    ]
    assert f"Source 1 removed: {feeds.url('/feed.xml')}. Its articles stay.\n" == removed.stdout
    assert (1, "error: no source with id 1; `attache sources` lists them\n") == (
        again.returncode,
        again.stderr,
    )


def test_the_cli_keeps_a_source_whose_first_poll_failed_and_shows_why(
    tmp_path: Path, feeds: FeedServer
) -> None:
    feeds.resources["/feed.xml"] = Resource(b"down", "text/plain", status=503)
    db = str(tmp_path / "cli.db")

    added = attache("sources", "add", feeds.url("/feed.xml"), "--db", db, tmp=tmp_path)
    listed = as_json(attache("sources", "--db", db, "--json", tmp=tmp_path))

    assert 0 == added.returncode
    assert f"First poll failed: HTTP 503 from {feeds.url('/feed.xml')}" in added.stdout
    assert [(1, f"HTTP 503 from {feeds.url('/feed.xml')}")] == [
        (s["failures"], s["last_error"]) for s in listed["sources"]
    ]


def test_sources_poll_polls_now_and_says_what_each_poll_did(
    tmp_path: Path, feeds: FeedServer
) -> None:
    feeds.resources["/feed.xml"] = Resource(rss(5), etag='"v1"')
    feeds.resources["/down.xml"] = Resource(b"down", "text/plain", status=503)
    db = str(tmp_path / "cli.db")
    attache("sources", "add", feeds.url("/feed.xml"), "--db", db, tmp=tmp_path)
    attache("sources", "add", feeds.url("/down.xml"), "--db", db, tmp=tmp_path)
    feeds.resources["/feed.xml"] = Resource(rss(5, 6), etag='"v2"')

    one = attache("sources", "poll", "1", "--db", db, tmp=tmp_path)
    every = as_json(attache("sources", "poll", "--db", db, "--json", tmp=tmp_path))

    assert 0 == one.returncode
    assert one.stdout.startswith(f"Source 1 ({feeds.url('/feed.xml')}): 1 new article; next poll")
    assert [
        (1, "not-modified", None),
        (2, "failed", f"HTTP 503 from {feeds.url('/down.xml')}"),
    ] == [(p["source_id"], p["status"], p["error"]) for p in every["polls"]]
    assert [False, False] == [p["held_back"] for p in every["polls"]]


def test_sources_poll_of_an_unknown_id_is_one_line_and_fails(
    tmp_path: Path, feeds: FeedServer
) -> None:
    feeds.resources["/feed.xml"] = Resource(rss(5))
    db = str(tmp_path / "cli.db")
    attache("sources", "add", feeds.url("/feed.xml"), "--db", db, tmp=tmp_path)

    unknown = attache("sources", "poll", "7", "--db", db, tmp=tmp_path)
    as_data = attache("sources", "poll", "7", "--db", db, "--json", tmp=tmp_path)

    assert (1, "", "error: no source with id 7; `attache sources` lists them\n") == (
        unknown.returncode,
        unknown.stdout,
        unknown.stderr,
    )
    assert "no source with id 7" in json.loads(as_data.stdout)["error"]["message"]


def test_sources_at_80_columns_keeps_every_source_s_id_kind_and_location(
    tmp_path: Path, feeds: FeedServer
) -> None:
    # A long error, as a 404 page's address with its query string gives one.
    down = "/world/asia-pacific/diplomacy/feeds/latest-news-and-analysis.xml"
    feeds.resources[down] = Resource(b"down", "text/plain", status=503)
    feeds.resources["/feed.xml"] = Resource(rss(5))
    db = str(tmp_path / "cli.db")
    attache("sources", "add", feeds.url(down), "--db", db, tmp=tmp_path)
    attache("sources", "add", feeds.url("/feed.xml"), "--db", db, tmp=tmp_path)

    listed = attache("sources", "--db", db, tmp=tmp_path, env={"COLUMNS": "80"})

    lines = listed.stdout.splitlines()
    assert ["id", "kind", "location"] == lines[0].split()[:3]
    assert [("1", "feed"), ("2", "feed")] == [
        tuple(line.split()[:2]) for line in lines if line[:1].isdigit()
    ]
    assert all(len(line) <= 80 for line in lines)
    # The error wraps under its source's location, whole.
    assert "failing once: HTTP 503 from" in listed.stdout
    assert "latest-news-and-analysis.xml" in "".join(line.strip() for line in lines)


def test_the_console_polls_sources_and_says_failing_once_or_n_times(
    tmp_path: Path, feeds: FeedServer
) -> None:
    feeds.resources["/feed.xml"] = Resource(rss(5))
    feeds.resources["/down.xml"] = Resource(b"down", "text/plain", status=503)
    db = tmp_path / "console.db"
    with Store.open(db) as store:
        for path in ("/feed.xml", "/down.xml"):
            add_source(store, feeds.url(path), EVERY, NOW)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, allow_networks=LOOPBACK, timezone="UTC"
    )
    router = Router(str(db), lambda store, limits: None, poll=build_poll_now(settings))

    polled = shown(execute(router, "sources poll"))
    once = shown(execute(router, "/sources"))
    execute(router, "sources poll #2")
    twice = shown(execute(router, "sources"))
    unknown = shown(execute(router, "sources poll 9"))
    router.close()

    assert f"Source 1 ({feeds.url('/feed.xml')}): 1 new article stored, held back" in polled
    assert f"Source 2 ({feeds.url('/down.xml')}) failed: HTTP 503 from" in polled
    assert f"{feeds.url('/down.xml')}: every 30 min, failing once (HTTP 503" in once
    assert "failing 2 times (HTTP 503" in twice
    assert "no source with id 9; `attache sources` lists them" in unknown


def shown(renderable: RenderableType | None) -> str:
    """What the console prints, at a width no line of these tests needs to wrap at."""
    out = io.StringIO()
    Console(file=out, width=300, color_system=None).print(renderable)
    return out.getvalue()


def test_chat_names_a_watched_folder_by_its_id_and_the_console_by_its_path(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "srv" / "attache" / "inbox"
    folder.mkdir(parents=True)
    (folder / "report.txt").write_text(MEETING.format(day=5, extra="A report."))
    db = tmp_path / "chat.db"
    with Store.open(db) as store:
        add_source(store, str(folder), EVERY, NOW)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, allow_networks=LOOPBACK, timezone="UTC"
    )
    router = Router(str(db), lambda store, limits: None, poll=build_poll_now(settings))
    slack = Context(platform="slack", workspace="T1", channel="C1", is_admin=True)

    polled = router.handle(parse("sources poll", context=slack)).text or ""
    folder.joinpath("report.txt").unlink()
    folder.rmdir()  # the next poll fails, and its error names the folder
    failed = router.handle(parse("sources poll", context=slack)).text or ""
    overview = router.handle(parse("sources", context=slack)).overview
    console = shown(execute(router, "sources"))
    router.close()

    assert polled.startswith("Source 1 (folder #1): 1 new article stored, held back"), polled
    assert "folder #1" in failed
    assert overview is not None
    assert ["folder #1: every 30 min, failing once (no such folder: folder #1)"] == list(
        overview.watched
    )
    assert all(str(tmp_path) not in text for text in (polled, failed, *overview.watched))
    assert f"{folder}: every 30 min, failing once" in console
