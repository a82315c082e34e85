"""Events told by an article with no day of its own: "held talks in Suva on Saturday" cannot
be placed, but what it reports is kept with no date (never a guessed one), and a digest shows
it as "date not given" rather than dropping it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefings.dates import find_dates
from briefings.digest import build_digest
from briefings.entities import extract
from briefings.events import find_events
from briefings.filters import parse_filter
from briefings.model import PartialDate, Passage
from store import Store
from tests.conftest import run_ingest

TALKS = (
    "Fiji Prime Minister Sitiveni Rabuka and New Zealand Prime Minister Christopher Luxon "
    "held talks in Suva on Saturday, pledging to deepen cooperation on policing."
)
# An AP copy whose page kept no date: no metadata, a dateline with no day, no year anywhere.
UNDATED_PAGE = f"""Fiji and New Zealand pledge closer policing ties

SUVA, Fiji (AP) — {TALKS}

The two prime ministers also discussed climate finance for Pacific island states.

The two leaders agreed to meet again in Wellington next year.
"""


def events_in(published: PartialDate | None, *paragraphs: str) -> list[tuple[str, str]]:
    """(kind, ISO date) of each event, through the real dates and entities."""
    passages = tuple(Passage("body", text) for text in paragraphs)
    dates = [(i, d) for i, p in enumerate(passages) for d in find_dates(p.text, published)]
    mentions = extract(passages, (), "en").mentions
    return [(e.kind, e.date.iso()) for e in find_events(passages, dates, mentions, published)]


def test_a_day_the_article_cannot_place_leaves_the_event_undated() -> None:
    assert [("talks", "")] == events_in(None, TALKS)


def test_a_year_without_a_day_cannot_place_a_weekday_either() -> None:
    assert [("talks", "")] == events_in(PartialDate(2026, None, None), TALKS)


def test_an_article_with_its_own_day_still_dates_the_weekday() -> None:
    assert [("talks", "2026-12-05")] == events_in(PartialDate(2026, 12, 7), TALKS)


def test_an_undated_sentence_with_no_day_named_tells_no_event() -> None:
    """Background such as "they have met many times" names no occasion at all."""
    assert [] == events_in(
        None,
        "Sitiveni Rabuka and Christopher Luxon have held talks many times since 2023.",
        "Rabuka and Luxon met to discuss policing.",
    )


def test_a_digest_shows_the_undated_talks_with_no_date(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "ap-suva.txt"
    page.write_text(UNDATED_PAGE, encoding="utf-8")
    run_ingest(store, [str(page)])
    now = datetime.now(UTC)

    digest = build_digest(
        store,
        parse_filter("Luxon", store),
        now - timedelta(hours=1),
        now + timedelta(hours=1),
        max_age=timedelta(days=7),
    )

    [talks] = digest.events
    assert ("talks", "") == (talks.kind, talks.date.iso())
    assert TALKS == talks.claims[0].text
    assert ["announced-meeting"] == [f"announced-{e.kind}" for e in digest.coming_up]
