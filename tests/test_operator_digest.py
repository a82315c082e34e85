"""The operator's digest, end to end: an aggregator feed on 127.0.0.1 with teasers linking to
full pages, `attache sources add` and `sources poll`, `/brief digest subscribe Lavrov` and
`/brief digest preview` in a Slack channel, then the scheduled digest posted by the real
scheduler and poster to the Slack stand-in, across a restart.

Two outlets report one Lavrov phone call in near-identical words under two agencies'
datelines; both announce a visit the text does not date and the next round of a dialogue on a
given day; an earlier article tells the previous Lavrov event. The dates follow the clock:
the call is the latest Friday whose Saturday morning in Hanoi has come.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from bot.router import Router
from bot.scheduler import DigestRules, DigestScheduler, latest_fire
from bot.slack.app import new_client
from bot.slack.posting import SlackPoster
from briefings.schedules import parse_schedule
from store import Store

from .conftest import offline, slack_app
from .slack_api import SlackApi
from .test_cli import as_json, attache
from .test_polling import FeedServer, Resource, feeds  # noqa: F401 - the fixture
from .test_slack import command_request, settle

CHANNEL = "C0DESK0001"  # where the slash command payload comes from
ANALYST = "U0ANALYST1"
FEED_TITLE = "Asia Diplomacy Wire"
HANOI = timezone(timedelta(hours=7))
MOSCOW = timezone(timedelta(hours=3))

# The previous Lavrov event, a month before: stored with the first poll, before any window.
EARLIER = [
    "Russian Foreign Minister Sergey Lavrov held talks with Vietnamese Foreign Minister Bui "
    "Thanh Son in Moscow on {earlier}, reviewing trade, energy and education cooperation "
    "between the two countries.",
    "The two ministers discussed preparations for contacts at the highest level and exchanged "
    "views on the situation in the Asia-Pacific region, the Russian Foreign Ministry said.",
    "Lavrov said Russia valued its comprehensive strategic partnership with Vietnam, and Son "
    "thanked Moscow for supporting Vietnamese citizens living in Russia.",
]
# Two wire reports of one call, as an aggregator picks them up from two outlets.
CALL_VNA = [
    "MOSCOW, {dateline_short} (VNA) - Russian Foreign Minister Sergey Lavrov and Vietnamese "
    "Foreign Minister Bui Thanh Son discussed by telephone on Friday the preparations for "
    "upcoming high-level contacts and cooperation in energy, trade and education.",
    "Lavrov will pay an official visit to Vietnam at the invitation of Son, the two ministers "
    "confirmed during the conversation on Friday.",
    "The ministers agreed to hold the next round of the strategic dialogue in Hanoi on "
    "{round_day}.",
    "Son thanked Russia for its support in training Vietnamese specialists and called for "
    "faster work on joint oil and gas projects on the continental shelf.",
]
CALL_TASS = [
    "MOSCOW, {dateline_long}. /TASS/. Russian Foreign Minister Sergey Lavrov and his "
    "Vietnamese counterpart Bui Thanh Son discussed by telephone on Friday the preparations "
    "for upcoming high-level contacts and cooperation in trade and energy, the Russian Foreign "
    "Ministry said.",
    "Lavrov will pay an official visit to Vietnam at the invitation of his counterpart, the "
    "ministry said after the conversation on Friday.",
    "The sides agreed to hold the next round of the strategic dialogue in Hanoi on {round_day}.",
    "The ministers also exchanged views on the situation in the Asia-Pacific region and "
    "cooperation within the East Asia Summit and other regional forums.",
]
# A story from a past week, new on the feed only now: too old for the digest.
BACKLOG = [
    "Russian Foreign Minister Sergey Lavrov met Indonesian Foreign Minister Sugiono in "
    "Jakarta on {backlog_day} to discuss trade and energy cooperation between the two "
    "countries.",
    "The ministers agreed to expand exchanges between their foreign ministries and to prepare "
    "new agreements on education and tourism, officials said after the meeting.",
    "Sugiono said Indonesia valued its partnership with Russia and its role in the region.",
]


def last_friday(now: datetime) -> date:
    """The latest Friday whose Saturday 06:45 in Hanoi (the early item's time) has passed."""
    day = now.astimezone(HANOI).date()
    while day.weekday() != 4 or _early_item_time(day) > now:
        day -= timedelta(days=1)
    return day


def _early_item_time(friday: date) -> datetime:
    saturday = friday + timedelta(days=1)
    return datetime(saturday.year, saturday.month, saturday.day, 6, 45, tzinfo=HANOI)


def _long(day: date) -> str:
    return f"{day:%B} {day.day}"


def page(title: str, site_name: str, paragraphs: list[str]) -> bytes:
    """A news page as an outlet serves it: its name in og:site_name, the story in <article>."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title} | {site_name}</title>"
        f"<meta property='og:site_name' content='{site_name}'>"
        f"<meta property='og:title' content='{title}'></head><body>"
        f"<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© All rights reserved.</footer></body></html>"
    ).encode()


def item(
    site: FeedServer, slug: str, title: str, when: datetime, teaser: str, outlet: str | None
) -> str:
    """An RSS item: a teaser linking to the full page, and the outlet's <source> if it names it."""
    source = f"<source url='https://{slug}.example.org/rss'>{outlet}</source>" if outlet else ""
    return (
        f"<item><title>{title}</title><link>{site.url('/news/' + slug)}</link>"
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{teaser.split(' - ')[-1][:120]}…</description>{source}</item>"
    )


def rss(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{FEED_TITLE}</title><link>https://wire.example.org</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def filled(paragraphs: list[str], **days: str) -> list[str]:
    return [p.format(**days) for p in paragraphs]


def blocks_of(slack_api: SlackApi) -> list[dict[str, Any]]:
    """The Block Kit of every message posted to the channel through chat.postMessage."""
    posted = [c.body for c in slack_api.called("chat.postMessage")]
    return [b for body in posted if body.get("channel") == CHANNEL for b in _blocks(body)]


def _blocks(body: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = body.get("blocks") or []
    loaded: list[dict[str, Any]] = json.loads(blocks) if isinstance(blocks, str) else blocks
    return loaded


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        for part in [block.get("text"), *block.get("fields", []), *block.get("elements", [])]:
            if isinstance(part, dict) and "text" in part:
                found.append(str(part["text"]))
    return found


@pytest.mark.asyncio
async def test_an_operator_s_feed_gives_one_digest_telling_the_day_s_news_right(
    tmp_path: Path,
    feeds: FeedServer,  # noqa: F811
    slack_api: SlackApi,
) -> None:
    now = datetime.now(UTC)
    friday = last_friday(now)
    days = {
        "dateline_short": f"{friday:%b} {friday.day}",
        "dateline_long": _long(friday),
        "round_day": _long(friday + timedelta(days=14)),
        "earlier": _long(friday - timedelta(days=30)),
        "backlog_day": _long(friday - timedelta(days=21)),
    }
    stories = {
        "earlier": ("Lavrov, Son hold talks in Moscow", "VietnamPlus", EARLIER),
        "call-vna": ("Lavrov, Son discuss ties by phone", "VietnamPlus", CALL_VNA),
        "call-tass": ("Lavrov holds phone talks with Vietnam's Son", "TASS", CALL_TASS),
        "backlog": ("Lavrov meets Sugiono in Jakarta", "Antara News", BACKLOG),
    }
    for slug, (title, site, paragraphs) in stories.items():
        feeds.resources["/news/" + slug] = Resource(
            page(title, site, filled(paragraphs, **days)), "text/html; charset=utf-8"
        )
    saturday_early = _early_item_time(friday)
    friday_evening = datetime(friday.year, friday.month, friday.day, 19, 30, tzinfo=MOSCOW)
    month_ago = datetime.combine(friday - timedelta(days=29), datetime.min.time(), HANOI)
    weeks_ago = datetime.combine(friday - timedelta(days=20), datetime.min.time(), HANOI)

    def entry(slug: str, when: datetime, outlet: str | None) -> str:
        title, _, paragraphs = stories[slug]
        return item(feeds, slug, title, when, filled(paragraphs, **days)[0], outlet)

    feeds.resources["/wire.rss"] = Resource(
        rss([entry("earlier", month_ago, "VietnamPlus")]), etag='"v1"'
    )
    db = ("--db", str(tmp_path / "attache.db"))

    # 1. The operator adds the feed: what it holds already is stored, held back from digests.
    added = as_json(attache("sources", "add", feeds.url("/wire.rss"), *db, "--json", tmp=tmp_path))
    assert (1, True) == (len(added["first_poll"]["new"]), added["first_poll"]["held_back"])

    # 2. In the desk's Slack channel, an admin subscribes it to digests of Lavrov.
    router = Router(db[1], offline)
    app = slack_app(router, slack_api, admins=frozenset({ANALYST}))
    subscribe, _ = command_request(slack_api, "digest subscribe Lavrov")
    await app.async_dispatch(subscribe)
    await settle()
    assert "digests of Sergey Lavrov" in json.dumps(
        [c.body for c in slack_api.posts()], ensure_ascii=False
    )

    # 3. The two reports of the call, and a story from weeks ago, appear; the operator polls.
    feeds.resources["/wire.rss"] = Resource(
        rss(
            [
                entry("call-vna", saturday_early, "VietnamPlus"),
                entry("call-tass", friday_evening, None),  # the page's og:site_name names it
                entry("backlog", weeks_ago, "Antara News"),
                entry("earlier", month_ago, "VietnamPlus"),
            ]
        ),
        etag='"v2"',
    )
    polled = as_json(attache("sources", "poll", *db, "--json", tmp=tmp_path))
    assert [3] == [len(p["new"]) for p in polled["polls"]], polled

    # 4. A preview in the channel, then the scheduled digest, posted once across a restart.
    preview, _ = command_request(slack_api, "digest preview")
    await app.async_dispatch(preview)
    await settle()
    previewed = json.dumps([c.body for c in slack_api.posts()][-1], ensure_ascii=False)
    router.close()
    with Store.open(Path(db[1])) as store:
        [subscription] = store.active_subscriptions()
    schedule = parse_schedule(subscription.schedule, subscription.timezone)
    fire = latest_fire(schedule, now + timedelta(days=1))
    rules = DigestRules(max_age=timedelta(days=9))
    # The bot fires the digest, then is restarted later the same morning and catches up.
    for clock in (fire + timedelta(minutes=1), fire + timedelta(hours=2)):
        poster = SlackPoster(new_client("xoxb-test", base_url=slack_api.api_url))
        scheduler = DigestScheduler(db[1], {"slack": poster}, rules)
        await scheduler.catch_up(clock)
        await scheduler.stop()

    posted = [c for c in slack_api.called("chat.postMessage") if c.body.get("channel") == CHANNEL]
    assert 1 == len(posted), posted
    assert "Sergey Lavrov" in previewed and "by telephone" in previewed
    lines = "\n".join(texts(blocks_of(slack_api))).splitlines()
    shown = "\n".join(lines)
    coming = lines.index("*Coming up*")
    happened, ahead = lines[:coming], lines[coming:]

    # The call: one event, on the Friday the items' own day resolves, citing both outlets.
    [call] = [i for i, line in enumerate(happened) if line.startswith("*") and ": call" in line]
    assert happened[call].startswith(f"*{human(friday)}*: call with "), happened[call]
    # "…, the Russian Foreign Ministry said": the ministry tells of the call, it is not on it.
    assert "Ministry" not in happened[call]
    assert 1 == sum(": call" in line for line in lines)
    told = "\n".join(happened[call:])
    assert "[1]" in told and "[2]" in told
    # "Previously": the talks a month before, dated as their article says.
    assert f"_Previously ({human(friday - timedelta(days=30))}):_ " in told
    # Coming up: the visit once, never on the call's day; the next round on its own day.
    visits = [line for line in ahead if ": visit" in line]
    assert 1 == len(visits), ahead
    assert not visits[0].startswith(f"*{human(friday)}*"), visits
    round_day = friday + timedelta(days=14)
    assert any(line.startswith(f"*{human(round_day)}*: talks in Hanoi") for line in ahead), ahead
    # Reporters never take part, and datelines are not quoted.
    headings = [line for line in lines if line.startswith("*") and "*: " in line]
    for reporter in ("VNA", "Vietnam News Agency", "TASS", "VietnamPlus", FEED_TITLE):
        assert not any(reporter in line for line in headings), (reporter, headings)
    assert "(VNA)" not in shown and "/TASS/" not in shown
    # The outlets cited are the items' own, from <source> and og:site_name, never the feed's.
    sources = lines[lines.index("*Sources*") :]
    assert ["VietnamPlus", "TASS", "VietnamPlus"] == [
        line.split(" — ")[1].split(",")[0] for line in sources[1:4]
    ], sources
    assert FEED_TITLE not in shown
    # The story from weeks ago came in with this poll but is too old for the digest.
    assert "Sugiono" not in shown


def human(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"
