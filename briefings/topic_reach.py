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

from briefings.search import exact, near, phrase_in, words_in
from store import Store
from store.records import EventRow, PassageHit

# Passages searched for the phrase, and again for its words near each other.
TERM_PASSAGES = 100
# Events of the same days read from the whole store, to find the other reports among them.
SAME_DAY_EVENTS = 200


def term_passages(store: Store, words: list[str], known: Sequence[PassageHit]) -> list[PassageHit]:
    """Passages holding the phrase `words`, then its words near each other, beyond `known`;
    and the lead of each story headlined with them, marked as about it from its start."""
    seen = {h.id for h in known}
    found: list[PassageHit] = []
    headlined: set[int] = set()
    for match in (exact(words), near(words)):
        if match is None:
            continue
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
    """The events told: `rows` and the events of the articles of `hits` (each sentence
    belongs to the event it states or its article last told, event_groups.assign); and the
    events of their days in other articles, among which their other reports are."""
    known = {row.id for row in rows}
    articles = {h.article_id for h in hits}
    told = [*rows, *(r for r in store.events_in(articles) if r.id not in known)]
    days = {row.date for row in told if row.precision == "day"}
    if not days:
        return told, []
    taken = {row.id for row in told}
    return told, [r for r in store.events_on(days, SAME_DAY_EVENTS) if r.id not in taken]
