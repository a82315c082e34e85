"""Plain records going in and out of the store. The store knows nothing of the domain."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateRecord:
    """A dated phrase in a passage; dates are ISO 8601 reduced (`2021-07`, `--06-08`)."""

    passage: int
    start: int
    end: int
    text: str
    date: str
    precision: str
    year_source: str
    until: str | None = None


@dataclass(frozen=True)
class MentionRecord:
    passage: int
    start: int
    end: int
    surface: str
    surface_key: str
    entity_key: str
    name: str
    kind: str
    country: str | None = None
    description: str | None = None
    role: str | None = None
    # False when the surface refers to the entity without naming it ("the meeting"): a user
    # typing that word means the word, not this one entity.
    names_entity: bool = True


@dataclass(frozen=True)
class EventRecord:
    """A dated event reported by one sentence; entities named by their keys."""

    passage: int
    start: int
    end: int
    kind: str
    date: str
    precision: str
    year_source: str
    until: str | None = None
    place_key: str | None = None
    participant_keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class AliasRecord:
    """An extra name for an entity that is not a mention (an acronym's long form, say)."""

    entity_key: str
    alias: str
    alias_key: str


@dataclass(frozen=True)
class ArticleRecord:
    """Everything written for one article, in one transaction."""

    key: str
    source_kind: str
    title: str
    title_derived: bool
    content_hash: str
    passages: tuple[tuple[str, str], ...]
    url: str | None = None
    path: str | None = None
    source: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str = "en"
    published: str | None = None
    published_precision: str | None = None
    published_year_source: str | None = None
    published_text: str | None = None
    encoding: str = "utf-8"
    duplicate_of: int | None = None
    similarity: float | None = None
    signature: bytes = b""
    bands: tuple[int, ...] = ()
    dates: tuple[DateRecord, ...] = ()
    mentions: tuple[MentionRecord, ...] = ()
    aliases: tuple[AliasRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()


@dataclass(frozen=True)
class KnownEntity:
    key: str
    name: str
    kind: str
    country: str | None


@dataclass(frozen=True)
class PersonSeen:
    """What the articles say of one person: each (article, name as written), and the roles."""

    written: frozenset[tuple[int, str]]
    roles: frozenset[str]


@dataclass(frozen=True)
class Published:
    date: str | None
    precision: str | None
    year_source: str | None
    text: str | None

    def as_dict(self) -> dict[str, str | None] | None:
        if self.date is None:
            return None
        return {"date": self.date, "precision": self.precision, "year_source": self.year_source}


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    title: str
    published: Published
    url: str | None
    path: str | None
    outlet: str | None
    duplicate_of: int | None
    language: str = "en"


@dataclass(frozen=True)
class EntityRow:
    """An entity with how often it is mentioned, for resolving names."""

    id: int
    key: str
    name: str
    kind: str
    country: str | None
    description: str | None
    mentions: int
    articles: int


@dataclass(frozen=True)
class NamedEntity:
    """An entity's display name, kind and every alias, with how many articles cite it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    articles: int


@dataclass(frozen=True)
class PassageHit:
    """A passage found by mention or search; `spans` are the matching mentions' offsets."""

    id: int
    article_id: int
    seq: int
    kind: str
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    rank: float = 0.0


@dataclass(frozen=True)
class PassageMention:
    """An entity named in a passage: which, of what kind, and as written there."""

    passage_id: int
    article_id: int
    entity_id: int
    kind: str
    surface: str


@dataclass(frozen=True)
class EventRow:
    id: int
    article_id: int
    passage_id: int
    sentence: str
    kind: str
    date: str
    precision: str
    year_source: str
    until: str | None
    place: str | None
    participants: tuple[str, ...]


@dataclass(frozen=True)
class Companion:
    """An entity mentioned in the same articles as another, and in how many."""

    name: str
    kind: str
    articles: int


@dataclass(frozen=True)
class StoredEntityRef:
    name: str
    kind: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True)
class StoredArticle:
    summary: ArticleSummary
    author: str | None
    title_derived: bool
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    entities: tuple[StoredEntityRef, ...]
    dates: tuple[DateRecord, ...]
    near_duplicates: tuple[int, ...]


@dataclass(frozen=True)
class RoleRecord:
    role: str
    country: str | None
    article: int
    date: str | None
    precision: str | None


@dataclass(frozen=True)
class EntitySummary:
    id: int
    name: str
    kind: str
    country: str | None
    description: str | None
    aliases: tuple[str, ...]
    roles: tuple[RoleRecord, ...]
    articles: tuple[int, ...]


@dataclass(frozen=True)
class Stats:
    articles: int
    near_duplicates: int
    passages: int
    entities: int
    entities_by_kind: dict[str, int]
    sources: int
    outlets: int
    earliest: str | None
    latest: str | None
    undated: int
    schema_version: int
    corpus_version: int
    path: str = ""
    extra: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SubscriptionRecord:
    """A channel's digest subscription; filter and schedule are kept as the user wrote them."""

    id: int
    platform: str
    workspace: str
    channel: str
    filter: str
    schedule: str
    timezone: str
    created_by: str | None
    created_at: str
    active: bool = True


@dataclass(frozen=True)
class DigestRunRecord:
    """One digest of one window: `recorded` before it is posted, `posted` after, or
    `unverified` when the platform would not say whether a crashed run's digest went out."""

    id: int
    subscription_id: int
    window_start: str
    window_end: str
    state: str
    message_ref: str | None
    recorded_at: str
    posted_at: str | None
    # Why an `unverified` run could not be checked: the platform's error code.
    problem: str | None = None


@dataclass(frozen=True)
class WindowArticle:
    """An article a digest window counts: its mentioned entities and its folded text."""

    id: int
    ingested_at: str
    published: str | None
    duplicate_of: int | None
    entity_ids: frozenset[int]
    text: str


@dataclass(frozen=True)
class EventFact:
    """An event with its participants' ids as well as names, for grouping and 'previously'."""

    id: int
    article_id: int
    sentence: str
    kind: str
    date: str
    year_source: str
    until: str | None
    place: str | None
    participant_ids: tuple[int, ...]
    participants: tuple[str, ...]


@dataclass(frozen=True)
class SourceRecord:
    """A feed (`location` is its URL) or a folder (its absolute path), polled every so often.

    `etag` and `last_modified` are the validators of the last successful poll; for a folder,
    `etag` is a fingerprint of its files. Instants are UTC ISO strings.
    """

    id: int
    location: str
    kind: str
    every_seconds: int
    etag: str | None
    last_modified: str | None
    last_polled_at: str | None
    next_poll_at: str | None
    failures: int
    last_error: str | None
    added_at: str

    @property
    def never_polled(self) -> bool:
        return self.last_polled_at is None


@dataclass(frozen=True)
class EventMark:
    """Where an event is told in its article (passage `seq`, offset `start`) and its date."""

    article_id: int
    seq: int
    start: int
    date: str
    year_source: str
    announced: bool
    kind: str = ""


@dataclass(frozen=True)
class NamedPerson:
    """A person named in a passage at `start`:`end`, by canonical name."""

    passage_id: int
    start: int
    end: int
    name: str
