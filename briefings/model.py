"""Plain data passed between the pipeline stages, the store and the renderers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Literal

# A "dateline" passage holds the wire dateline taken off the story (`MOSCOW, Dec 2 (VNA) —`):
# its place and agency are entities of the article, but it is never quoted, dated or read
# for events, so an agency that filed the story is no participant in it.
PassageKind = Literal["title", "body", "caption", "dateline"]
EntityKind = Literal["person", "organization", "place", "topic", "event"]
YearSource = Literal["text", "dateline", "url", "none"]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known only as precisely as the text allows.

    `year_source` says where the year came from: stated in the text, inferred
    from the article's dateline, read from the date a site files the story under in its
    URL (`/2024/07/27/`), or unknown (never guessed from today's date).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_source: YearSource = "text"

    def __post_init__(self) -> None:
        if self.year is None and self.year_source != "none":
            object.__setattr__(self, "year_source", "none")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and self.month is not None:
            limit = calendar.monthrange(self.year or 2000, self.month)[1]
            if not 1 <= self.day <= limit:
                raise ValueError(f"day out of range: {self.day}")

    @property
    def precision(self) -> str:
        """`day`, `month` or `year` when the year is known, else `month-day` or `month`."""
        if self.year is None:
            if self.month is None:
                return "unknown"
            return "month-day" if self.day is not None else "month"
        if self.month is None:
            return "year"
        return "day" if self.day is not None else "month"

    def iso(self) -> str:
        """ISO 8601, reduced: `2021-07-07`, `2021-07`, `2021`, or `--07-07` with no year."""
        parts = [] if self.year is None else [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        text = "-".join(parts)
        return f"--{text}" if self.year is None and text else text

    def human(self) -> str:
        """`8 June 2021`, `June 2021`, `8 June, year unknown`."""
        month = calendar.month_name[self.month] if self.month else ""
        day = f"{self.day} " if self.day else ""
        if self.year is None:
            return f"{day}{month}, year unknown".strip() if month else "date unknown"
        return f"{day}{month} {self.year}".strip()

    def as_dict(self) -> dict[str, str | None]:
        return {"date": self.iso(), "precision": self.precision, "year_source": self.year_source}


@dataclass(frozen=True)
class DateMention:
    """A date found in a passage: `text[start:end]` is the phrase, `until` ends a range."""

    start: int
    end: int
    text: str
    date: PartialDate
    until: PartialDate | None = None


@dataclass(frozen=True)
class Passage:
    kind: PassageKind
    text: str


@dataclass(frozen=True)
class Removed:
    """A line the cleaner dropped, with why (kept for evaluation and `--explain`)."""

    text: str
    reason: str


@dataclass(frozen=True)
class WireDateline:
    """The wire dateline a story opened with (`MOSCOW, Dec 2 (VNA) —`), taken off its first
    paragraph: the text as printed, the place, the date and the agency that filed it."""

    text: str
    place: str
    date: PartialDate | None = None
    agency: str | None = None


@dataclass(frozen=True)
class CleanText:
    """The result of cleaning one article's text."""

    title: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    outlet: str | None = None
    published: PartialDate | None = None
    published_text: str | None = None
    language: str = "en"
    removed: tuple[Removed, ...] = ()
    dateline: WireDateline | None = None

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Title, body paragraphs, captions, then the dateline: the order mention indices
        refer to."""
        head = (Passage("title", self.title),) if self.title else ()
        body = tuple(Passage("body", p) for p in self.paragraphs)
        captions = tuple(Passage("caption", c) for c in self.captions)
        return head + body + captions + self.dateline_passages

    @property
    def dateline_passages(self) -> tuple[Passage, ...]:
        return (Passage("dateline", self.dateline.text),) if self.dateline else ()


@dataclass(frozen=True)
class EntityRef:
    """Who or what a mention refers to; `name` is the canonical, fullest form."""

    name: str
    kind: EntityKind
    country: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Mention:
    """`passages[passage].text[start:end]` names `entity`; `role` when the text gives one."""

    passage: int
    start: int
    end: int
    surface: str
    entity: EntityRef
    role: str | None = None


@dataclass(frozen=True)
class Acronym:
    """A short form and the long form it stands for, as defined in text or known."""

    short: str
    long: str


@dataclass(frozen=True)
class Extraction:
    mentions: tuple[Mention, ...] = ()
    acronyms: tuple[Acronym, ...] = ()


@dataclass(frozen=True)
class Event:
    """A dated diplomatic event one sentence reports (a meeting, call, visit, summit, signing).

    `passages[passage].text[start:end]` is the sentence; `place` and `participants` are
    canonical entity names of mentions in the same article.
    """

    passage: int
    start: int
    end: int
    kind: str
    date: PartialDate
    until: PartialDate | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """A cleaned, dated article ready to be stored."""

    key: str
    source_kind: str
    title: str
    title_derived: bool
    passages: tuple[Passage, ...]
    content_hash: str
    url: str | None = None
    path: str | None = None
    source: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str = "en"
    published: PartialDate | None = None
    published_text: str | None = None
    encoding: str = "utf-8"
    dates: tuple[tuple[int, DateMention], ...] = ()
    extraction: Extraction = field(default_factory=Extraction)
    events: tuple[Event, ...] = ()
    removed: tuple[Removed, ...] = ()
