"""What a topic briefing draws on beyond its entity's mentions: the words as written, and
every report of the events told in them.

A topic entity is mentioned where extraction found it, but a reader asking about
"evacuation" or "G20 Bali" wants every passage that says so: the phrase as typed, then its
words near each other. And an event told in those passages is also reported by outlets in
other languages, which never write the English words: reports of the same day's event
that share a participant or the place join it (briefings/event_groups.py), so the claim
cites them too — as Event Registry links clusters across languages by time, place and
the people in them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from briefings.events import ANNOUNCED
from briefings.search import exact, near, phrase_in, words_in
from store import Store
from store.records import EventRow, PassageHit

# Passages searched for the phrase, and again for its words near each other.
TERM_PASSAGES = 100
# Beyond this many passages holding the phrase, its words apart add cost, not reports.
ENOUGH_PHRASED = 30
# Events of the same days read from the whole store, to find the other reports among them;
# grouping compares them pairwise, so a common day must not bring thousands.
SAME_DAY_EVENTS = 60


def term_passages(store: Store, words: list[str], known: Sequence[PassageHit]) -> list[PassageHit]:
    """Passages holding the phrase `words`, then its words near each other, beyond `known`;
    and the lead of each story headlined with them, marked as about it from its start."""
    seen = {h.id for h in known}
    found: list[PassageHit] = []
    headlined: set[int] = set()
    for match in (exact(words), near(words)):
        if match is None or len(found) >= ENOUGH_PHRASED:
            continue  # words near each other are searched when the phrase is rare
        for hit in store.search_passages(match, TERM_PASSAGES, kinds=("body", "title")):
            if hit.kind == "title":
                headlined.add(hit.article_id)
            elif hit.id not in seen:
                seen.add(hit.id)
                found.append(hit)
    # As for an entity named in a headline (compose._about): the lead's first sentence.
    leads = [replace(lead, spans=((0, 0),)) for lead in store.leads(headlined)]
    return found + [lead for lead in leads if lead.id not in seen]


def holds_term(words: list[str]) -> Callable[[str], int]:
    """A sentence's weight for the term: 2 for the phrase, 1 for all its words, else 0."""
    wanted = len(set(words))

    def weight(text: str) -> int:
        if phrase_in(text, words):
            return 2
        return 1 if words_in(text, words) >= wanted else 0

    return weight


def term_events(
    store: Store, rows: Sequence[EventRow], hits: Sequence[PassageHit]
) -> tuple[list[EventRow], list[EventRow]]:
    """The events told: `rows` and the events stated in the passages of `hits` (each
    sentence belongs to the event it states or its article told last before it,
    event_groups.assign) or its article's lead tells; and the events of their days in other
    articles, among which their other reports are. An event the article tells elsewhere
    (last year's summit, in the background paragraph) is not the topic's: it would date the
    topic's sentences wrongly."""
    known = {row.id for row in rows}
    passages = {h.id for h in hits}
    in_articles = store.events_in({h.article_id for h in hits})
    leading = _leading_events(in_articles)
    told = [
        *rows,
        *(
            r
            for r in in_articles
            if r.id not in known and (r.passage_id in passages or r.id in leading)
        ),
    ]
    days = {row.date for row in told if row.precision == "day"}
    if not days:
        return told, []
    taken = {row.id for row in told}
    return told, [r for r in store.events_on(days, SAME_DAY_EVENTS) if r.id not in taken]


def _leading_events(rows: Sequence[EventRow]) -> set[int]:
    """Each article's first event that happened, known to the day: what its story reports."""
    first: dict[int, EventRow] = {}
    for row in sorted(rows, key=lambda r: (r.passage_id, r.id)):
        if row.precision == "day" and not row.kind.startswith(ANNOUNCED):
            first.setdefault(row.article_id, row)
    return {row.id for row in first.values()}
