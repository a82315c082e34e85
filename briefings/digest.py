"""The digest: the diplomatic events reported in a window's articles, for one channel's filter.

An article counts for a window when it was ingested in it and published no longer than
`max_age` before the window's end (without a publication year, its ingestion alone counts),
so a newly added source's backlog never floods a channel. The same meeting reported by
several outlets is one event citing them all; each event is summarised by the sentences
that report it, and linked to the most recent earlier event of the same actors in the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from briefings.briefing import Claim, Source, TimelineEntry
from briefings.compose import Limits, SourceBook
from briefings.events import ANNOUNCED, UNDATED, is_past
from briefings.extractive import SAME_SENTENCE, parse_iso
from briefings.filters import Filter
from briefings.folding import fold, fold_text
from briefings.model import PartialDate
from briefings.schedules import DigestWindow
from store import Store
from store.records import EventFact

# Two reports are of one event when they share this many participants (fewer if either has fewer).
SHARED_PARTICIPANTS = 2
CLAIMS_PER_EVENT = 2
DIGEST_LIMITS = Limits()
# A window is digested from at most its latest this many articles: testing a filter reads
# and folds every article's text, so a window holding a whole backlog would otherwise cost
# as much as the corpus. A day's news, even from many feeds, is far below it.
WINDOW_ARTICLES = 5000


@dataclass(frozen=True)
class Previously:
    """The most recent earlier event of the same actors, from anywhere in the store."""

    date: PartialDate
    kind: str
    text: str
    sources: tuple[int, ...]


@dataclass(frozen=True)
class DigestEvent:
    """One event however many outlets reported it: dated, placed, summarised and cited."""

    date: PartialDate
    kind: str
    place: str | None
    participants: tuple[str, ...]
    claims: tuple[Claim, ...]
    sources: tuple[int, ...]
    until: PartialDate | None = None
    previously: Previously | None = None


@dataclass(frozen=True)
class Digest:
    """What a channel receives for one window; `sources` are numbered as in a Briefing."""

    window: DigestWindow
    subject: str
    events: tuple[DigestEvent, ...] = ()
    coming_up: tuple[TimelineEntry, ...] = ()
    sources: tuple[Source, ...] = ()
    more: int = 0

    @property
    def empty(self) -> bool:
        return not (self.events or self.coming_up)


@dataclass
class _Group:
    """Reports of one event, the first one standing for it."""

    facts: list[EventFact]
    date: PartialDate
    participant_ids: set[int] = field(default_factory=set)
    roots: set[int] = field(default_factory=set)

    @property
    def articles(self) -> list[int]:
        return list(dict.fromkeys(f.article_id for f in self.facts))

    @property
    def first(self) -> EventFact:
        return self.facts[0]


def build_digest(
    store: Store,
    filter: Filter,
    start: datetime,
    end: datetime,
    *,
    max_age: timedelta,
    limits: Limits = DIGEST_LIMITS,
) -> Digest:
    """The digest of the articles matching `filter` ingested in [start, end)."""
    since = (end - max_age).date().isoformat()
    ingested = store.articles_ingested(start, end, since, latest=WINDOW_ARTICLES)
    articles = [a for a in ingested if filter.matches(a.entity_ids, fold_text(a.text))]
    facts = _relevant(store.events_of(a.id for a in articles), filter, since)
    roots = {a.id: a.duplicate_of or a.id for a in articles}
    groups = _ranked(_grouped([f for f in facts if not _announced(f)], roots))
    shown = groups[: limits.events]
    coming = _coming_up([f for f in facts if _announced(f)], roots, end.date())
    earlier = {id(g): _previously(store, g, roots) for g in shown}
    cited = {f.article_id for g in shown for f in g.facts}
    cited |= {a for _, reports, _ in coming for a in reports}
    cited |= {p.article_id for p in earlier.values() if p is not None}
    book = SourceBook(store.article_summaries(cited))
    events = tuple(_event(g, earlier[id(g)], book) for g in shown)
    upcoming = tuple(_entry(fact, articles, book) for fact, articles, _ in coming)
    window = DigestWindow(start, end)
    return Digest(
        window, filter.describe(), events, upcoming, book.sources(), len(groups) - len(shown)
    )


# -- which events ------------------------------------------------------------------------


def _relevant(facts: Sequence[EventFact], filter: Filter, since: str) -> list[EventFact]:
    """Recent events the filter matches; all of an article's, when it matches none by itself.

    An article about Lavrov may report his talks without naming him in the event's sentence
    ("the two ministers met ..."), so the article's match vouches for its events then.
    """
    recent = [f for f in facts if _recent(f, since)]
    by_article: dict[int, list[EventFact]] = {}
    for fact in recent:
        by_article.setdefault(fact.article_id, []).append(fact)
    kept: list[EventFact] = []
    for own in by_article.values():
        matching = [f for f in own if filter.matches(set(f.participant_ids), _folded(f))]
        kept.extend(matching or own)
    return kept


def _recent(fact: EventFact, since: str) -> bool:
    # An announced event is ahead, not behind; a past one older than the window's age limit is
    # background ("the summit held last November"), not news.
    if _announced(fact) or fact.date.startswith("--"):
        return True
    return fact.date >= since[: len(fact.date)]


def _announced(fact: EventFact) -> bool:
    return fact.kind.startswith(ANNOUNCED)


def _folded(fact: EventFact) -> str:
    return fold(" ".join((fact.sentence, fact.place or "", *fact.participants)))


# -- grouping reports into events ----------------------------------------------------------


def _grouped(facts: Iterable[EventFact], roots: Mapping[int, int]) -> list[_Group]:
    groups: list[_Group] = []
    # Reports of one event share its date: compare each fact with that day's groups only.
    on_date: dict[PartialDate, list[_Group]] = {}
    for fact in facts:
        # A report from an article with no day of its own may not date what it tells ("held
        # talks on Saturday"): the event is still news of the window, shown with no date.
        date = parse_iso(fact.date, fact.year_source) or UNDATED
        same_day = on_date.setdefault(date, [])
        group = next((g for g in same_day if _same_event(g, fact, date, roots)), None)
        if group is None:
            group = _Group([], date)
            groups.append(group)
            same_day.append(group)
        group.facts.append(fact)
        group.participant_ids.update(fact.participant_ids)
        group.roots.add(roots.get(fact.article_id, fact.article_id))
    return groups


def _same_event(
    group: _Group, fact: EventFact, date: PartialDate, roots: Mapping[int, int]
) -> bool:
    if group.date != date:
        return False
    if date == UNDATED and fact.kind != group.first.kind:
        return False  # with no day to tell them apart, a visit and its talks stay two events
    if roots.get(fact.article_id, fact.article_id) in group.roots:
        return True
    shared = len(group.participant_ids & set(fact.participant_ids))
    needed = min(SHARED_PARTICIPANTS, len(group.participant_ids), len(fact.participant_ids))
    return needed > 0 and shared >= needed


def _ranked(groups: list[_Group]) -> list[_Group]:
    """Most reported first, then the most participants, then in date order."""
    return sorted(
        groups,
        key=lambda g: (-len(g.articles), -len(g.participant_ids), *_date_key(g.date)),
    )


def _date_key(date: PartialDate) -> tuple[int, str]:
    return (0 if date.year is not None else 1 if date.month is not None else 2, date.iso())


# -- summarising an event --------------------------------------------------------------------


def _event(group: _Group, previously: EventFact | None, book: SourceBook) -> DigestEvent:
    names = tuple(dict.fromkeys(n for f in group.facts for n in f.participants))
    return DigestEvent(
        date=group.date,
        kind=group.first.kind,
        place=next((f.place for f in group.facts if f.place), None),
        participants=names,
        claims=_claims(group, book),
        sources=book.numbers(group.articles),
        until=parse_iso(group.first.until),
        previously=_previous(previously, book) if previously else None,
    )


def _claims(group: _Group, book: SourceBook) -> tuple[Claim, ...]:
    """The reporting sentences, the first report's first; a sentence several outlets share is
    one claim citing them all."""
    claims: list[tuple[str, list[int]]] = []
    for fact in group.facts:
        same = next((c for c in claims if _same_sentence(c[0], fact.sentence)), None)
        if same is not None:
            same[1].append(fact.article_id)
        elif len(claims) < CLAIMS_PER_EVENT:
            claims.append((fact.sentence, [fact.article_id]))
    # Each sentence reports the event: the event's date is the date of what it says.
    return tuple(
        Claim(text, book.numbers(articles), group.date, "event") for text, articles in claims
    )


def _same_sentence(one: str, other: str) -> bool:
    return fuzz.ratio(fold(one), fold(other)) >= SAME_SENTENCE


def _previously(store: Store, group: _Group, roots: Mapping[int, int]) -> EventFact | None:
    """The most recent earlier event sharing the most actors with this one (two is plenty)."""
    if group.date.year is None:
        return None  # with no year, "before" means nothing: say nothing rather than guess
    wanted = group.participant_ids
    earlier = store.events_sharing(wanted, group.date.iso(), exclude_articles=roots)
    if not earlier:
        return None
    enough = min(SHARED_PARTICIPANTS, len(wanted))

    def closeness(fact: EventFact) -> tuple[int, str]:
        shared = min(enough, len(wanted & set(fact.participant_ids)))
        return (shared, fact.date)

    return max(earlier, key=closeness)


def _previous(fact: EventFact, book: SourceBook) -> Previously | None:
    date = parse_iso(fact.date, fact.year_source)
    if date is None:
        return None
    return Previously(date, fact.kind, fact.sentence, book.numbers([fact.article_id]))


# -- coming up ---------------------------------------------------------------------------


def _coming_up(
    facts: Sequence[EventFact], roots: Mapping[int, int], today: calendar_date
) -> list[tuple[EventFact, list[int], PartialDate]]:
    """Announced events still ahead of `today`, soonest first and those whose day is not given
    last; one entry for each event however many outlets announce it: the same date and kind,
    told by one story (its near-duplicates) or with someone taking part in common."""
    merged: list[tuple[EventFact, list[int], PartialDate]] = []
    for fact in facts:
        date = parse_iso(fact.date, fact.year_source) or UNDATED
        if _before(date, today):
            continue
        same = next((m for m in merged if _announces_same(m[0], fact, roots)), None)
        if same is None:
            merged.append((fact, [fact.article_id], date))
        elif fact.article_id not in same[1]:
            same[1].append(fact.article_id)
    return sorted(merged, key=lambda entry: _date_key(entry[2]))


def _announces_same(one: EventFact, other: EventFact, roots: Mapping[int, int]) -> bool:
    if (one.date, one.kind) != (other.date, other.kind):
        return False
    story = roots.get(one.article_id, one.article_id) == roots.get(
        other.article_id, other.article_id
    )
    return story or bool(set(one.participant_ids) & set(other.participant_ids))


def _before(date: PartialDate, today: calendar_date) -> bool:
    """Whether all of `date` (a day, a month or a year) is past by `today`: an event of
    today is still coming up."""
    now = PartialDate(today.year, today.month, today.day)
    return is_past(date, now) and date.iso() != now.iso()


def _entry(fact: EventFact, articles: Sequence[int], book: SourceBook) -> TimelineEntry:
    return TimelineEntry(
        date=parse_iso(fact.date, fact.year_source) or UNDATED,
        kind=fact.kind.removeprefix(ANNOUNCED),
        text=fact.sentence,
        sources=book.numbers(articles),
        until=parse_iso(fact.until),
        place=fact.place,
        participants=fact.participants,
    )
