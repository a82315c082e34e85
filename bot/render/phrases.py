"""How times and events are phrased on every surface (a digest's in its subscription's timezone)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import messages
from briefings.briefing import Reach
from briefings.model import PartialDate
from briefings.schedules import DigestWindow
from store.records import Stats


def file_name(path: str) -> str:
    """`vn-ru-2021.txt` for `/srv/attache/seeds/vn-ru-2021.txt`: chat shows a source's file,
    never where the server keeps it (that would tell every reader the host's layout)."""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


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


def span(date: PartialDate, until: PartialDate | None) -> str:
    """`6 July 2021`, or `6 July 2021 – 8 July 2021` for an event over several days; an
    announced event whose day its sources do not give says so."""
    if date.precision == "unknown":
        return messages.DATE_NOT_GIVEN
    return date.human() + (f" – {until.human()}" if until else "")


def reach_text(reach: Reach) -> str:
    """`23 articles, 11 events, July 2016 – July 2024`: the events part only when there are."""
    parts = [_counted(messages.REACH_ARTICLES, reach.articles)]
    if reach.events:
        parts.append(_counted(messages.REACH_EVENTS, reach.events))
    if reach.first and reach.last:
        first, last = _month(reach.first), _month(reach.last)
        parts.append(first if first == last else messages.REACH_SPAN.format(first=first, last=last))
    return ", ".join(parts)


def _counted(forms: tuple[str, str], count: int) -> str:
    return (forms[0] if count == 1 else forms[1]).format(count=count)


def _month(date: PartialDate) -> str:
    return PartialDate(date.year, date.month).human()


def happening(kind: str, place: str | None, participants: Sequence[str]) -> str:
    """`talks in Moscow with Bui Thanh Son`: what happened, where, and with whom."""
    where = f" in {place}" if place else ""
    who = f" with {', '.join(participants)}" if participants else ""
    return f"{kind.replace('-', ' ')}{where}{who}"


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
