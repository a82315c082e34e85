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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from briefings.events import ANNOUNCED
from briefings.extractive import Candidate, parse_iso
from briefings.model import PartialDate
from store.records import ArticleSummary, EventRow, PassageHit

# How much of a sentence's start identifies it inside the event sentence that holds it.
_SAME_SENTENCE_CHARS = 40


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


def group_events(
    rows: Sequence[EventRow], summaries: Mapping[int, ArticleSummary], subject: str
) -> list[EventGroup]:
    """The events in `rows`, reports of one event merged; `subject` is left out of overlaps."""
    cluster = {i: s.duplicate_of or i for i, s in summaries.items()}
    groups: list[EventGroup] = []
    for row in rows:
        date = parse_iso(row.date, row.year_source)
        if date is None:
            continue
        others = set(row.participants) - {subject}
        group = next((g for g in groups if _same_event(g, row, date, others, cluster)), None)
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
