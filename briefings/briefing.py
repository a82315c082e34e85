"""The Briefing: what every command returns and every renderer receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefings.model import PartialDate

Command = Literal["who", "topic", "ask", "timeline"]
Mode = Literal["extractive", "llm"]
# What a claim's date is: the date of what it reports, or its article's publication date.
DateKind = Literal["event", "reported"]


@dataclass(frozen=True)
class Source:
    """A numbered source; claims cite it by `n`."""

    n: int
    article_id: int
    title: str
    outlet: str | None
    published: PartialDate | None
    url: str | None
    path: str | None
    language: str = "en"


@dataclass(frozen=True)
class Account:
    """What some sources say of an event the sources disagree on: its date and place."""

    date: PartialDate
    place: str | None
    sources: tuple[int, ...]


@dataclass(frozen=True)
class Claim:
    """One sentence of the summary and the sources that say it.

    `date_kind` says what `date` is (None: not said, as in claims made before it existed);
    `announced` is a date the sentence gives to something still to come, never the claim's
    date; `speaker` is who made the statement when the sentence says only "he said";
    `disputed` holds each account when the claim's event is dated or placed differently by
    its sources ("sources differ: 6 March [1] · 7 March [2]"), else nothing.
    """

    text: str
    sources: tuple[int, ...]
    date: PartialDate | None = None
    date_kind: DateKind | None = None
    announced: PartialDate | None = None
    speaker: str | None = None
    disputed: tuple[Account, ...] = ()


@dataclass(frozen=True)
class Role:
    """A role the articles give the subject, dated by the articles that give it.

    `first` and `last` are the earliest and latest publication dates with a known year;
    both are None when no article giving the role is dated.
    """

    title: str
    country: str | None
    first: PartialDate | None
    last: PartialDate | None
    sources: tuple[int, ...]


@dataclass(frozen=True)
class Subject:
    """The resolved entity or topic a briefing is about."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Related:
    """An entity often mentioned with the subject."""

    name: str
    kind: str
    articles: int


@dataclass(frozen=True)
class TimelineEntry:
    """A dated diplomatic event: a meeting, call, visit, summit or signing.

    `disputed` holds each account when its reports give it different dates or places; the
    entry's own date is then the most reported one, and its place is left unsaid if disputed.
    """

    date: PartialDate
    kind: str
    text: str
    sources: tuple[int, ...]
    until: PartialDate | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()
    disputed: tuple[Account, ...] = ()


@dataclass(frozen=True)
class Reach:
    """How much the briefing draws on: "23 articles, 11 events, July 2016 – July 2024".

    `first` and `last` are the earliest and latest dates with a known year among the dates
    of the events that happened and the articles' publication dates (an announced event's
    date is a plan, not coverage); None when none has a year.
    """

    articles: int
    events: int
    first: PartialDate | None = None
    last: PartialDate | None = None


@dataclass(frozen=True)
class Briefing:
    """A cited answer. `candidates` is filled instead when the query named nothing certain."""

    command: Command
    query: str
    subject: Subject | None = None
    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    mode: Mode = "extractive"
    note: str | None = None
    related: tuple[Related, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    candidates: tuple[str, ...] = ()
    # Claims left out: with `expanded` (made with `--more`), what even that leaves out;
    # otherwise how many `--more` would add.
    more: int = 0
    reach: Reach | None = None
    expanded: bool = False

    @property
    def found(self) -> bool:
        return bool(self.claims or self.timeline)
