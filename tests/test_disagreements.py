"""Reports of one event that disagree on its date or place: both shown, each cited."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from bot import messages
from bot.console import execute
from bot.discord.embeds import reply_embeds
from bot.render.data import briefing_data
from bot.router import Router
from bot.slack.blocks import reply_payloads
from briefings.briefing import Briefing
from briefings.compose import brief_who, build_timeline
from store import Store

from .conftest import offline, run_ingest

# Two outlets' reports of one meeting, a day apart; a third gives another city.
WIRE = (
    "Ministers meet on border trade\n\nKUALA LUMPUR, March 8 (Wire) - Malaysian Foreign "
    "Minister Anwar Salleh met Thai Foreign Minister Somchai Rattana in Jakarta on March 6, "
    "2023 to discuss border trade and the flood season on both sides of the frontier.\n\n"
    "Anwar Salleh said both countries would reopen two crossings before the end of the year, "
    "and that customs officers would share one checkpoint at each of them.\n"
)
DAILY = (
    "Border crossings to reopen\n\nThai Foreign Minister Somchai Rattana held talks with "
    "Malaysian Foreign Minister Anwar Salleh in Jakarta on March 7, 2023, the ministry said "
    "on Thursday.\n\nSomchai Rattana thanked Malaysia for its help with the flood relief in "
    "Narathiwat province.\n"
)
POST = (
    "Thai and Malaysian ministers agree on crossings\n\nMalaysian Foreign Minister Anwar "
    "Salleh and Thai Foreign Minister Somchai Rattana met in Singapore on March 6, 2023, and "
    "agreed to reopen two border crossings.\n\nThe two ministers also discussed fisheries.\n"
)
# One story telling talks on two days: two events, whatever another outlet says.
TWO_DAYS = (
    "Thai and Malaysian ministers resume talks\n\nJAKARTA, March 7 (Gazette) - Malaysian "
    "Foreign Minister Anwar Salleh met Thai Foreign Minister Somchai Rattana in Jakarta on "
    "March 6, 2023 to discuss border trade and the reopening of two crossings that were closed "
    "during the pandemic.\n\nAnwar Salleh and Somchai Rattana met again in Jakarta on March 7, "
    "2023 and signed a fisheries accord, officials from both governments said after the "
    "meeting.\n\nThe accord covers fishing rights in the Gulf of Thailand and the return of "
    "boats seized by either side over the past three years.\n"
)


def _ingest(store: Store, folder: Path, **texts: str) -> None:
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    run_ingest(store, [str(folder)])


def _numbers(briefing: Briefing, *titles: str) -> list[int]:
    return [next(s.n for s in briefing.sources if s.title == title) for title in titles]


def test_a_day_apart_the_timeline_shows_one_event_and_both_dates_cited(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, wire=WIRE, daily=DAILY)

    timeline = build_timeline(store, "Somchai Rattana")

    assert 1 == len(timeline.timeline)
    entry = timeline.timeline[0]
    wire, daily = _numbers(timeline, "Ministers meet on border trade", "Border crossings to reopen")
    assert {wire, daily} == set(entry.sources)
    said = {a.date.iso(): a.sources for a in entry.disputed}
    assert {"2023-03-06": (wire,), "2023-03-07": (daily,)} == said
    assert "Jakarta" == entry.place  # the place is not in dispute


def test_the_who_briefing_tells_the_event_once_marked_as_disputed(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, wire=WIRE, daily=DAILY)

    briefing = brief_who(store, "Somchai Rattana")

    disputed = [c for c in briefing.claims if c.disputed]
    assert 1 == len(disputed)
    assert ["2023-03-06", "2023-03-07"] == sorted(a.date.iso() for a in disputed[0].disputed)
    assert briefing.reach is not None and 1 == briefing.reach.events


def test_weekdays_read_against_each_datelines_disagree_too(store: Store, tmp_path: Path) -> None:
    tuesday = (
        "Ministers meet on border trade\n\nKUALA LUMPUR, March 8, 2023 (Wire) - Malaysian "
        "Foreign Minister Anwar Salleh held talks with Thai Foreign Minister Somchai Rattana in "
        "Jakarta on Tuesday to discuss border trade and the flood season on both sides of the "
        "frontier.\n\nAnwar Salleh said both countries would reopen two crossings before the "
        "end of the year, and that customs officers would share one checkpoint at each.\n"
    )
    monday = (
        "Border crossings to reopen\n\nBANGKOK, March 9, 2023 - Thai Foreign Minister Somchai "
        "Rattana met Malaysian Foreign Minister Anwar Salleh in Jakarta on Monday, the ministry "
        "said, and the two agreed to reopen two crossings closed during the pandemic.\n\n"
        "Somchai Rattana thanked Malaysia for its help with the flood relief in Narathiwat "
        "province earlier this year.\n"
    )
    _ingest(store, tmp_path, tuesday=tuesday, monday=monday)

    timeline = build_timeline(store, "Somchai Rattana")

    assert 1 == len(timeline.timeline)
    said = sorted(a.date.iso() for a in timeline.timeline[0].disputed)
    assert ["2023-03-06", "2023-03-07"] == said


def test_the_same_day_in_two_cities_is_one_event_whose_place_is_disputed(
    store: Store, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, wire=WIRE, post=POST)

    entry = build_timeline(store, "Anwar Salleh").timeline[0]

    assert {"Jakarta", "Singapore"} == {a.place for a in entry.disputed}
    assert entry.place is None  # which city is what the sources differ on


def test_a_story_that_tells_both_days_keeps_two_events(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, daily=DAILY, two_days=TWO_DAYS)

    timeline = build_timeline(store, "Somchai Rattana")

    assert not any(entry.disputed for entry in timeline.timeline)
    assert ["2023-03-06", "2023-03-07"] == sorted({e.date.iso() for e in timeline.timeline})


def test_other_people_or_a_week_later_are_other_events(store: Store, tmp_path: Path) -> None:
    other_minister = DAILY.replace(
        "Malaysian Foreign Minister Anwar Salleh", "Vietnamese Foreign Minister Bui Thanh Son"
    ).replace("Malaysia", "Vietnam")
    a_week_later = POST.replace("in Singapore on March 6", "in Jakarta on March 13")
    _ingest(store, tmp_path, wire=WIRE, daily=other_minister, post=a_week_later)

    timeline = build_timeline(store, "Somchai Rattana")

    assert not any(entry.disputed for entry in timeline.timeline)
    assert 3 == len(timeline.timeline)


def test_reports_that_agree_are_not_marked(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, wire=WIRE, daily=DAILY.replace("March 7", "March 6"))

    timeline = build_timeline(store, "Somchai Rattana")

    assert not any(entry.disputed for entry in timeline.timeline)
    assert not any(claim.disputed for claim in brief_who(store, "Anwar Salleh").claims)


@pytest.fixture
def router_database(tmp_path: Path) -> Path:
    with Store.open(tmp_path / "attache.db") as store:
        folder = tmp_path / "corpus"
        folder.mkdir()
        _ingest(store, folder, wire=WIRE, daily=DAILY)
    return tmp_path / "attache.db"


@pytest.fixture
def disputed_router(router_database: Path) -> Iterator[Router]:
    opened = Router(str(router_database), offline)
    yield opened
    opened.close()


def test_every_surface_says_sources_differ_with_both_citations(
    disputed_router: Router,
) -> None:
    for command in ["timeline Somchai Rattana", "who Somchai Rattana"]:
        shown = io.StringIO()
        Console(file=shown, width=400, color_system=None).print(execute(disputed_router, command))
        console = shown.getvalue()
        reply = disputed_router.handle_text(command)
        assert reply.briefing is not None
        wire, daily = _numbers(
            reply.briefing, "Ministers meet on border trade", "Border crossings to reopen"
        )
        expected = f"{messages.SOURCES_DIFFER} 6 March 2023 [{wire}] · 7 March 2023 [{daily}]"
        assert expected in console, console

        slack = json.dumps(reply_payloads(reply), ensure_ascii=False)
        assert messages.SOURCES_DIFFER in slack and "6 March 2023" in slack
        assert "7 March 2023" in slack
        discord = json.dumps([[e.to_dict() for e in m] for m in reply_embeds(reply)])
        assert messages.SOURCES_DIFFER in discord and "7 March 2023" in discord

        data = briefing_data(reply.briefing)
        told = data["timeline"] or data["claims"]
        disputed = [d for item in told for d in item["disputed"]]
        assert [[wire], [daily]] == [d["sources"] for d in disputed]
