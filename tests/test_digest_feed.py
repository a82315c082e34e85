"""End to end: the seeds, a feed on a local server gaining two reports of one meeting,
polling, and the next digest showing one event, both sources and a link to the past."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

from briefings.digest import build_digest
from briefings.filters import parse_filter
from briefings.ingest.fetch import Fetcher
from briefings.ingest.polling import add_source, poll_due
from store import Store

from .test_digest import last_week  # noqa: F401 - the fixture
from .test_polling import FeedServer, Resource, feeds  # noqa: F401 - the fixture

BACKLOG = (
    "Cambodian and Thai trade officials met in Phnom Penh on {day} to discuss border crossings, "
    "customs procedures and the reopening of markets along the frontier. The officials agreed "
    "to meet again in Bangkok later in the year and to study a joint inspection system, which "
    "traders on both sides have requested for years. Exporters welcomed the talks but said "
    "more crossing points were needed to cut the long queues of lorries at the border. Farmers' "
    "groups asked for faster checks on fruit and rice, which spoil while trucks wait in line."
)
REPORTS = {
    "kyodo": (
        "Vietnamese Foreign Minister Bui Thanh Son met Russian Foreign Minister Sergey Lavrov in "
        "Moscow on {day} to discuss energy cooperation and the supply of fertiliser. The two "
        "ministers agreed to prepare a visit by Vietnam's President to Russia and to expand "
        "trade, which both sides said had recovered after the pandemic. Lavrov said Russia "
        "valued its comprehensive strategic partnership with Vietnam, and Son thanked Moscow "
        "for supporting Vietnamese citizens living in the country. Officials from both foreign "
        "ministries will meet again before the end of the year to review progress on the plans."
    ),
    "vna": (
        "Foreign Minister Bui Thanh Son held talks with his Russian counterpart Sergey Lavrov in "
        "Moscow on {day}, focusing on energy, education and the preparations for a visit by "
        "Vietnam's President. Son called for faster work on oil and gas projects, while Lavrov "
        "praised Vietnam's growing role in ASEAN and in the Asia-Pacific, the ministry said in "
        "a statement released after the talks in the Russian capital. Diplomats from both "
        "countries said further consultations would follow in Hanoi before the end of the year."
    ),
}


def _feed(items: list[tuple[str, str, datetime]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://wire.example.org/{slug}</link>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>{text}</description></item>"
        for slug, (title, text, when) in zip(
            [f"story-{i}" for i in range(len(items))], items, strict=True
        )
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"{entries}</channel></rss>"
    ).encode()


def _on(day: date) -> str:
    return day.strftime("%B ") + str(day.day)


def test_a_polled_feed_gaining_two_reports_gives_one_event_with_both_and_a_previously(
    last_week: Store,  # noqa: F811
    feeds: FeedServer,  # noqa: F811
    fetcher: Fetcher,
) -> None:
    now = datetime.now(UTC)
    old = now - timedelta(days=40)
    backlog = ("An old story", BACKLOG.format(day=_on(old.date())), old)
    feeds.resources["/wire.rss"] = Resource(_feed([backlog]), etag='"v1"')
    add_source(last_week, feeds.url("/wire.rss"), timedelta(minutes=30), now)
    first = poll_due(last_week, fetcher, now)
    today = now.date()
    fresh = [
        backlog,
        ("Son meets Lavrov in Moscow", REPORTS["kyodo"].format(day=_on(today)), now),
        ("Vietnam, Russia talk energy", REPORTS["vna"].format(day=_on(today)), now),
    ]
    feeds.resources["/wire.rss"] = Resource(_feed(fresh), etag='"v2"')

    second = poll_due(last_week, fetcher, now + timedelta(minutes=31))

    assert [1, 2] == [len(first[0].new), len(second[0].new)], (first, second)
    digest = build_digest(
        last_week,
        parse_filter("Lavrov", last_week),
        now - timedelta(hours=12),
        now + timedelta(hours=1),
        max_age=timedelta(days=3),
    )
    (event,) = digest.events
    titles = {s.title for s in digest.sources if s.n in event.sources}
    assert {"Son meets Lavrov in Moscow", "Vietnam, Russia talk energy"} == titles
    assert {"Bui Thanh Son", "Sergey Lavrov"} <= set(event.participants)
    assert event.previously is not None
    earlier = {s.path for s in digest.sources if s.n in event.previously.sources}
    assert earlier and all(path and "/seeds/" in path for path in earlier), earlier
    assert "An old story" not in {s.title for s in digest.sources}
