"""How a digest's times and events are phrased on every surface, in the subscription's timezone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from briefings.digest import DigestEvent
from briefings.schedules import DigestWindow
from store.records import Stats


def moment(when: datetime) -> str:
    """`Tue 6 Jul 2021, 08:00`: the day is spelled out, so no one misreads 06/07."""
    return f"{when:%a} {when.day} {when:%b %Y, %H:%M}"


def zone_name(when: datetime) -> str:
    """`Asia/Ho_Chi_Minh` for a zoneinfo time, else its abbreviation or UTC offset."""
    if isinstance(when.tzinfo, ZoneInfo):
        return when.tzinfo.key
    return when.strftime("%Z") or when.strftime("%z")


def window_text(window: DigestWindow) -> str:
    """`Tue 6 Jul 2021, 08:00 – Wed 7 Jul 2021, 08:00 (Asia/Ho_Chi_Minh)`."""
    start, end = window.start, window.end.astimezone(window.start.tzinfo)
    if start.date() == end.date():
        return f"{moment(start)} – {end:%H:%M} ({zone_name(start)})"
    return f"{moment(start)} – {moment(end)} ({zone_name(start)})"


def event_head(event: DigestEvent) -> str:
    """`6 July 2021: talks in Moscow with Bui Thanh Son, Sergey Lavrov`."""
    span = event.date.human() + (f" – {event.until.human()}" if event.until else "")
    where = f" in {event.place}" if event.place else ""
    who = f" with {', '.join(event.participants)}" if event.participants else ""
    return f"{span}: {event.kind.replace('-', ' ')}{where}{who}"


def overview_summary(stats: Stats) -> str:
    """`5 articles (0 near-duplicates), 70 entities, published 2021-07-07 to 2022-07-07.`"""
    span = f"{stats.earliest} to {stats.latest}" if stats.earliest else "no dated articles"
    return (
        f"{stats.articles} articles ({stats.near_duplicates} near-duplicates), "
        f"{stats.entities} entities, published {span}."
    )


def outlets_text(outlets: tuple[tuple[str, int], ...]) -> str:
    """`THE ASSOCIATED PRESS (1), VNS (1)`."""
    return ", ".join(f"{name} ({count})" for name, count in outlets)
