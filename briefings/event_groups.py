"""A subject's sentences grouped by the event they report, so a briefing tells each event once.

Events come from the `events` table (found at ingest by `briefings/events.py`). Reports of
one event join one group: the same date and kind with the same participants, near-duplicate
stories, or — for reports in other outlets and languages, which name the event in their own
words — the same day with a place or a participant besides the subject in common (Event
Registry links clusters across languages the same way: concepts, time and place).

A sentence belongs to the event it states, else to the event its article last reported
before it (a story about a visit goes on about that visit), else to its article's first
event; an announced event owns only its own sentence. Sentences of an article without
events stay in their story (its near-duplicate cluster), as before.

Reports also disagree: one outlet has the talks on the 6th, another on the 7th; one in
Jakarta, another in Singapore. A report joins an event as a disagreement only when nothing
else matched it and it is the same kind of encounter (a meeting is talks held face to face)
between exactly the same people besides the subject, from another story, on a day at most
`DISAGREE_DAYS` away or on the same day somewhere else — and when no article of either side
reports both days, since a story that tells both tells two events (talks resumed the next
day), not a disagreement. The group then keeps each version with its articles (`versions`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as calendar_date

from briefings.events import ANNOUNCED
from briefings.extractive import Candidate, parse_iso
from briefings.model import PartialDate
from store.records import ArticleSummary, EventRow, PassageHit

# How much of a sentence's start identifies it inside the event sentence that holds it.
_SAME_SENTENCE_CHARS = 40
# How far apart two reports may date one event: a day's slip across time zones, "Tuesday"
# read against another week's day, a report of the eve or the morning after.
DISAGREE_DAYS = 2
# Kinds of event that are one encounter told in other words; anything else must match.
_ONE_ENCOUNTER = frozenset({"meeting", "talks"})


@dataclass(frozen=True)
class Version:
    """What some reports of a disputed event say of it: its date and place, and who says it."""

    date: PartialDate
    place: str | None
    articles: tuple[int, ...]


@dataclass
class EventGroup:
    """One event and every article that reports it; `story` is its id among stories (< 0)."""

    story: int
    date: PartialDate
    kind: str
    place: str | None
    participants: set[str]
    articles: list[int] = field(default_factory=list)
    rows: list[EventRow] = field(default_factory=list)

    @property
    def announced(self) -> bool:
        return self.kind.startswith(ANNOUNCED)

    def versions(self) -> list[Version]:
        """Each date and place the reports give, when they give more than one; else []."""
        said: dict[tuple[str, str | None], Version] = {}
        for row in self.rows:
            date = parse_iso(row.date, row.year_source)
            if date is None:
                continue
            key = (date.iso(), row.place)
            known = said.get(key)
            articles = known.articles if known else ()
            if row.article_id not in articles:
                said[key] = Version(date, row.place, (*articles, row.article_id))
        dates = {d for d, _ in said}
        places = {p for _, p in said if p is not None}
        if len(dates) < 2 and len(places) < 2:
            return []
        # A report that leaves the place unsaid agrees with every place: it counts once,
        # with its date, only when no version names a place on that date.
        placed = {d for d, p in said if p is not None}
        kept = [a for (d, p), a in said.items() if p is not None or d not in placed]
        return sorted(kept, key=lambda a: (-len(a.articles), a.date.iso(), a.place or ""))


def group_events(
    rows: Sequence[EventRow],
    summaries: Mapping[int, ArticleSummary],
    subject: str,
    days: Mapping[int, set[str]] | None = None,
) -> list[EventGroup]:
    """The events in `rows`, reports of one event merged; `subject` is left out of overlaps.

    `days` holds the dates each article states (store `days_told`): a story that states both
    days of a would-be disagreement tells two events. Without it, only its events count.
    """
    cluster = {i: s.duplicate_of or i for i, s in summaries.items()}
    told: dict[int, set[str]] = {a: set(d) for a, d in (days or {}).items()}
    for row in rows:
        told.setdefault(row.article_id, set()).add(row.date)
    groups: list[EventGroup] = []
    for row in rows:
        date = parse_iso(row.date, row.year_source)
        if date is None:
            continue
        others = set(row.participants) - {subject}
        group = next((g for g in groups if _same_event(g, row, date, others, cluster)), None)
        if group is None:
            group = next(
                (g for g in groups if _disagreeing(g, row, date, others, cluster, told)), None
            )
        if group is None:
            group = EventGroup(-(len(groups) + 1), date, row.kind, row.place, others)
            groups.append(group)
        group.participants |= others
        group.rows.append(row)
        if row.article_id not in group.articles:
            group.articles.append(row.article_id)
    return groups


def _same_event(
    group: EventGroup,
    row: EventRow,
    date: PartialDate,
    others: set[str],
    cluster: Mapping[int, int],
) -> bool:
    if group.announced != row.kind.startswith(ANNOUNCED) or group.date.iso() != date.iso():
        return False
    if row.place and group.place and row.place != group.place:
        return False
    if group.kind == row.kind and group.participants == others:
        return True
    stories = {cluster.get(a, a) for a in group.articles}
    if cluster.get(row.article_id, row.article_id) in stories and group.kind == row.kind:
        return True
    # Another report of the same day's event: it must share something besides the subject,
    # and the day must be known (a month alone holds many events).
    if date.day is None or row.article_id in group.articles:
        return False
    return bool(group.participants & others) or (row.place is not None and row.place == group.place)


def _disagreeing(
    group: EventGroup,
    row: EventRow,
    date: PartialDate,
    others: set[str],
    cluster: Mapping[int, int],
    told: Mapping[int, set[str]],
) -> bool:
    """Whether `row` reports `group`'s event with another date or place (see the module)."""
    if group.announced != row.kind.startswith(ANNOUNCED) or not others:
        return False
    if group.kind != row.kind and not {group.kind, row.kind} <= _ONE_ENCOUNTER:
        return False
    if group.participants != others:
        return False
    stories = {cluster.get(a, a) for a in group.articles}
    if cluster.get(row.article_id, row.article_id) in stories:
        return False
    apart = _days_apart(group.date, date)
    if apart is None or apart > DISAGREE_DAYS:
        return False
    if apart == 0:
        return row.place is not None and group.place is not None and row.place != group.place
    group_days = {r.date for r in group.rows}
    if any(row.date in told.get(a, set()) for a in group.articles):
        return False
    return not group_days & told.get(row.article_id, set())


def _days_apart(one: PartialDate, other: PartialDate) -> int | None:
    """Days between two dates known to the day with the same known year; else None."""
    if one.year is None or one.year != other.year or one.day is None or other.day is None:
        return None
    if one.month is None or other.month is None:
        return None
    first = calendar_date(one.year, one.month, one.day)
    return abs((calendar_date(other.year, other.month, other.day) - first).days)


def assign(
    pool: Sequence[Candidate],
    groups: Sequence[EventGroup],
    hits: Sequence[PassageHit],
    published: Mapping[int, PartialDate | None],
) -> list[Candidate]:
    """`pool` with each sentence's event as its story, dated by the event when it had no date."""
    seq = {h.id: h.seq for h in hits}
    by_article: dict[int, list[tuple[int, EventRow, EventGroup]]] = {}
    for group in groups:
        for row in group.rows:
            entry = (seq.get(row.passage_id, 0), row, group)
            by_article.setdefault(row.article_id, []).append(entry)
    for entries in by_article.values():
        entries.sort(key=lambda entry: (entry[0], entry[1].id))
    assigned = []
    for candidate in pool:
        event = _event_of(candidate, by_article.get(candidate.article_id, []))
        if event is None:
            assigned.append(candidate)
            continue
        stand_in = candidate.date_kind == "reported" or (
            candidate.date_kind is None and candidate.date == published.get(candidate.article_id)
        )
        undated = candidate.date is None or stand_in
        if undated and not event.announced:
            # The event's date is what the sentence reports: no longer a stand-in.
            assigned.append(
                replace(candidate, story=event.story, date=event.date, date_kind="event")
            )
        else:
            assigned.append(replace(candidate, story=event.story))
    return assigned


def _event_of(
    candidate: Candidate, entries: Sequence[tuple[int, EventRow, EventGroup]]
) -> EventGroup | None:
    head = candidate.text[:_SAME_SENTENCE_CHARS]
    for _, row, group in entries:
        if row.passage_id == candidate.passage_id and head in row.sentence:
            return group
    told = [(s, group) for s, _, group in entries if not group.announced]
    before = [group for s, group in told if s <= candidate.seq]
    if before:
        return before[-1]
    return told[0][1] if told else None
