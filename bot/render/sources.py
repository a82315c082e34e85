"""Polled feeds and folders in the terminal: the `sources` table, and what a poll did."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from bot import messages
from bot.render.data import fields_of
from briefings.ingest.polling import PollOutcome
from store.records import SourceRecord


def source_json(source: SourceRecord) -> dict[str, Any]:
    polled = ("last_polled_at", "next_poll_at", "failures", "last_error")
    return fields_of(source, "id", "kind", "location", "every_seconds", *polled)


def poll_json(outcome: PollOutcome) -> dict[str, Any]:
    return {
        "source_id": outcome.source_id,
        "location": outcome.location,
        "status": outcome.status,
        "new": list(outcome.new),
        "updated": list(outcome.updated),
        "rejected": [{"location": o.location, "reason": o.reason} for o in outcome.rejected],
        "held_back": outcome.held_back,
        "error": outcome.error,
        "next_poll_at": outcome.next_poll_at.isoformat(timespec="seconds"),
    }


def failing_text(failures: int) -> str:
    """`failing once`, `failing 3 times`."""
    if failures == 1:
        return messages.FAILING_ONCE
    return messages.FAILING_TIMES.format(count=failures)


def sources_view(found: list[SourceRecord], zone: ZoneInfo) -> RenderableType:
    """One row a source; a failing source's error goes under its location, so a long error
    wraps there instead of squeezing the id, kind and location out of an 80-column terminal."""
    if not found:
        return Text(messages.SOURCES_NONE)
    caption = messages.SOURCES_ZONE.format(zone=zone.key)
    table = Table(box=None, pad_edge=False, caption=caption, caption_justify="left")
    for column in messages.SOURCES_COLUMNS:
        wraps = column == "location"
        table.add_column(column, overflow="fold", no_wrap=not wraps, ratio=1 if wraps else None)
    for source in found:
        table.add_row(
            str(source.id),
            source.kind,
            _where(source),
            every_text(source.every_seconds),
            local_time(source.last_polled_at, zone),
            local_time(source.next_poll_at, zone),
        )
    return table


def _where(source: SourceRecord) -> Text:
    where = Text(source.location)
    if source.failures:
        error = source.last_error or messages.SOURCES_NO_ERROR
        where.append("\n" + messages.SOURCES_FAILING.format(failing=failing_text(source.failures)))
        where.append(error, style="red")
    return where


def added_view(source: SourceRecord, outcome: PollOutcome, zone: ZoneInfo) -> RenderableType:
    every = every_text(source.every_seconds)
    added = messages.SOURCES_ADDED.format(**source_json(source), every=every)
    return Text("\n".join([added, *poll_lines(outcome, zone, first=True)]))


def polls_view(outcomes: list[PollOutcome], zone: ZoneInfo) -> RenderableType:
    if not outcomes:
        return Text(messages.SOURCES_NONE)
    return Text("\n".join(line for o in outcomes for line in poll_lines(o, zone)))


def poll_lines(outcome: PollOutcome, zone: ZoneInfo, *, first: bool = False) -> list[str]:
    """What one poll did: stored, unchanged or failed, what could not be read, the next poll."""
    head = (
        messages.POLL_FIRST
        if first
        else messages.POLL_SOURCE.format(id=outcome.source_id, location=outcome.location)
    )
    when = zoned_time(outcome.next_poll_at.isoformat(), zone)
    if outcome.error:
        lines = [messages.POLL_FAILED.format(head=head, error=outcome.error, next=when)]
    elif outcome.status == "not-modified":
        lines = [messages.POLL_UNCHANGED.format(head=head, next=when)]
    else:
        lines = [_stored_line(outcome, head, when)]
    if outcome.rejected:
        reasons = "; ".join(sorted({o.reason or "" for o in outcome.rejected}))
        entries = _counted(len(outcome.rejected), messages.ENTRIES)
        lines.append(messages.POLL_REJECTED.format(entries=entries, reasons=reasons))
    return lines


def _stored_line(outcome: PollOutcome, head: str, when: str) -> str:
    stored = _counted(len(outcome.new), messages.NEW_ARTICLES)
    if outcome.updated:
        stored += messages.POLL_AND_UPDATED.format(count=len(outcome.updated))
    line = messages.POLL_HELD_BACK if outcome.held_back else messages.POLL_STORED
    return line.format(head=head, stored=stored, next=when)


def _counted(count: int, forms: tuple[str, str]) -> str:
    return (forms[0] if count == 1 else forms[1]).format(count=count)


def every_text(seconds: int) -> str:
    for unit, size in (("d", 86_400), ("h", 3600)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds // 60}m"


def local_time(instant: str | None, zone: ZoneInfo) -> str:
    if instant is None:
        return messages.SOURCES_NEVER
    return datetime.fromisoformat(instant).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def zoned_time(instant: str, zone: ZoneInfo) -> str:
    """`2026-12-05 22:15 (Asia/Ho_Chi_Minh)`: the reader may not share the workspace's zone."""
    return f"{local_time(instant, zone)} ({zone.key})"
