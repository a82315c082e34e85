"""What a claim's date is: the date of what it reports, else the publication date, marked so.

A date the sentence gives to something still to come ("will visit ... in November 2021",
"scheduled for", or simply later than the article's own date) is kept apart as `announced`:
it is not when the reported thing happened. A sentence that refers back to an event the
article told before ("The event was co-chaired by ...", "At the meeting, ...") takes that
event's date; only when nothing in the text dates it does the publication date stand in,
as `reported`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.briefing import DateKind
from briefings.events import in_since_clause, is_past, placed_ahead
from briefings.model import PartialDate
from store.records import EventMark

# Words naming one kind of event (briefings/events.py's kinds), to refer back to the right one.
_KIND_WORDS = {
    "talks": ("talks", "negotiations", "переговор", "hội đàm"),
    "visit": ("visit", "trip", "визит", "chuyến thăm"),
    "call": ("call", "conversation", "разговор", "điện đàm"),
    "summit": ("summit", "саммит"),
    "conference": ("conference", "конференци", "hội nghị"),
}
# A definite reference to a gathering the article has told: English, Russian, Vietnamese.
_REFERS_BACK = re.compile(
    r"\b(?:the|this|that|these)\s+(?:event|meetings?|talks|visit|trip|call|conversation"
    r"|(?:video)?conference|summit|session|forum|gathering|negotiations|dialogue)\b"
    r"|\b(?:в\s+ходе|на|во\s+время|по\s+итогам|эт(?:а|от|ой|ом|у|и|их))\s+(?:встреч[аиеу]"
    r"|переговор(?:ы|ов|ах)|визит[аеу]?|саммит[аеу]?|конференци[июя]|заседани[еяи]|беседы)\b"
    r"|\b(?:tại|trong)\s+(?:cuộc\s+(?:gặp|hội\s+đàm|điện\s+đàm|hội\s+kiến)|hội\s+nghị"
    r"|chuyến\s+thăm)\b|\b(?:cuộc\s+gặp|hội\s+nghị|chuyến\s+thăm|hội\s+đàm)\s+(?:này|trên)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dating:
    """A claim's date, what kind of date it is, and a date it announces."""

    date: PartialDate | None = None
    kind: DateKind | None = None
    announced: PartialDate | None = None


def is_ahead(
    text: str, sentence_start: int, start: int, date: PartialDate, published: PartialDate | None
) -> bool:
    """Whether the date at `text[start:]` is of something still to come when written: later
    than the article, or placed ahead by a future word ("will visit ... in November"). A date
    on or before the article's own ("was to leave later Wednesday", 6 July in a story of
    7 July) is past when the reader reads it, whatever the tense: the claim's own date."""
    if _after(date, published):
        return True
    return not is_past(date, published) and placed_ahead(text, sentence_start, start, start)


def is_background(text: str, sentence_start: int, start: int) -> bool:
    """Whether the date at `text[start:]` stands in a "since …" clause."""
    return in_since_clause(text, sentence_start, start)


def refers_back(sentence: str) -> str | None:
    """The words by which the sentence speaks of an event the article told ("the meeting",
    "the talks"), or None."""
    match = _REFERS_BACK.search(sentence)
    return match.group(0) if match else None


def event_before(
    marks: Sequence[EventMark], seq: int, start: int, words: str = ""
) -> EventMark | None:
    """The last past (not announced) event the article told before `seq`:`start`; of the
    kind `words` name ("the talks") when the article told one."""
    # Strictly before: an event found in this very sentence is dated by the date set aside.
    told = [m for m in marks if not m.announced and (m.seq, m.start) < (seq, start)]
    named = words.casefold()
    kinds = {kind for kind, nouns in _KIND_WORDS.items() if any(n in named for n in nouns)}
    same = [m for m in told if m.kind in kinds]
    return (same or told)[-1] if told else None


def dating(
    own: Sequence[PartialDate],
    ahead: Sequence[PartialDate],
    referred: PartialDate | None,
    published: PartialDate | None,
) -> Dating:
    """The claim's date: its own, the event it refers to, else the publication date."""
    announced = ahead[0] if ahead else None
    if own:
        return Dating(own[0], "event", announced)
    if referred is not None:
        return Dating(referred, "event", announced)
    if published is not None:
        return Dating(published, "reported", announced)
    return Dating(None, None, announced)


def _after(date: PartialDate, published: PartialDate | None) -> bool:
    """`date` lies after `published` at the precision both have (a year-unknown date never)."""
    if published is None or date.year is None or published.year is None:
        return False
    mine: list[int] = []
    theirs: list[int] = []
    for one, other in zip(
        (date.year, date.month, date.day),
        (published.year, published.month, published.day),
        strict=True,
    ):
        if one is None or other is None:
            break
        mine.append(one)
        theirs.append(other)
    return mine > theirs
