"""The ingest pipeline: load → clean → dates → entities/acronyms → near-duplicates → store."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from briefings.cleaning import clean_text
from briefings.dates import find_dates
from briefings.entities import extract
from briefings.events import find_events
from briefings.folding import fold
from briefings.ingest import dedupe
from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.fetch import Fetcher
from briefings.ingest.sources import Location, documents, locations
from briefings.model import (
    Article,
    DateMention,
    EntityRef,
    Event,
    Extraction,
    Mention,
    PartialDate,
    Passage,
)
from store import Store
from store.records import (
    AliasRecord,
    ArticleRecord,
    DateRecord,
    EventRecord,
    KnownEntity,
    MentionRecord,
)

# Bump when cleaning or extraction changes, so re-ingesting refreshes stored articles.
PIPELINE_VERSION = "2"
_TITLE_WORDS = 14
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s")
_DATELINE_PREFIX = re.compile(r"^[A-ZÀ-Ỹ][A-ZÀ-Ỹ .,'-]{2,40}\s*(?:--|—|–|-)\s*")

Known = dict[str, list[EntityRef]]
Progress = Callable[[Outcome], None]


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(o.status for o in self.outcomes)
        return {status: counted[status] for status in ("new", "updated", "unchanged", "rejected")}

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def ingest(
    targets: Iterable[str],
    store: Store,
    *,
    fetcher: Fetcher | None,
    max_bytes: int,
    on_location: Callable[[int], None] | None = None,
    on_outcome: Progress | None = None,
) -> IngestReport:
    """Ingest every file, folder, page and feed named; one bad input never stops the rest."""
    report = IngestReport()
    found = list(locations(targets))
    if on_location:
        on_location(len(found))
    known = known_names(store.known_entities())
    for item in found:
        for outcome in _location_outcomes(item, store, known, fetcher, max_bytes):
            report.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return report


def _location_outcomes(
    item: Location | Outcome, store: Store, known: Known, fetcher: Fetcher | None, max_bytes: int
) -> Iterable[Outcome]:
    if isinstance(item, Outcome):
        yield item
        return
    for document in documents(item, fetcher=fetcher, max_bytes=max_bytes):
        yield document if isinstance(document, Outcome) else ingest_document(document, store, known)


def ingest_document(raw: RawDocument, store: Store, known: Known) -> Outcome:
    """Store one document: new, updated in place, unchanged, or rejected with a reason."""
    location = raw.url or raw.path or raw.key
    content_hash = _content_hash(raw)
    stored = store.find_article(raw.key)
    if stored and stored[1] == content_hash:
        return Outcome(location, "unchanged", stored[0])
    if not stored and (same := store.find_article_by_content(content_hash)):
        return Outcome(location, "unchanged", same, note=f"same text as article {same}")
    article = prepare(raw, content_hash, known)
    if not any(p.kind == "body" for p in article.passages):
        return Outcome(location, "rejected", reason="no article text left after cleaning")
    record, note = _record(article, store)
    article_id = store.save_article(record)
    remember(known, article.extraction)
    status = "updated" if stored else "new"
    return Outcome(location, status, article_id, article.title, note=note)


def prepare(
    raw: RawDocument, content_hash: str, known: Mapping[str, Sequence[EntityRef]]
) -> Article:
    """Clean, date and annotate one document (pure: no store access)."""
    clean = clean_text(raw.text)
    title = raw.title or clean.title
    published = raw.published or clean.published
    passages = (
        Passage("title", title or derive_title(clean.paragraphs)),
        *(Passage("body", text) for text in clean.paragraphs),
        *(Passage("caption", text) for text in clean.captions),
    )
    extraction = extract(passages, known)
    dates = tuple(
        (index, mention)
        for index, passage in enumerate(passages)
        for mention in find_dates(passage.text, published)
    )
    events = find_events(passages, dates, extraction.mentions)
    return Article(
        key=raw.key,
        source_kind=raw.source_kind,
        title=passages[0].text,
        title_derived=title is None,
        passages=passages,
        content_hash=content_hash,
        url=raw.url,
        path=raw.path,
        source=raw.source,
        outlet=raw.outlet or clean.outlet,
        author=raw.author,
        language=clean.language,
        published=published,
        published_text=raw.published_text or clean.published_text,
        encoding=raw.encoding,
        dates=dates,
        extraction=extraction,
        events=events,
        removed=clean.removed,
    )


def derive_title(paragraphs: Sequence[str]) -> str:
    """A headline for an article that has none: its lead's first sentence, shortened."""
    if not paragraphs:
        return "(untitled)"
    lead = _DATELINE_PREFIX.sub("", paragraphs[0])
    sentence = _SENTENCE_END.split(lead, maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) <= _TITLE_WORDS:
        return sentence.rstrip(".")
    return " ".join(words[:_TITLE_WORDS]).rstrip(",;:") + "…"


def known_names(entities: Mapping[str, Sequence[KnownEntity]]) -> Known:
    return {
        alias: [EntityRef(e.name, e.kind, e.country) for e in found]  # type: ignore[arg-type]
        for alias, found in entities.items()
    }


def remember(known: Known, extraction: Extraction) -> None:
    """Add an article's names to the run's table, so later articles can link to them."""
    for mention in extraction.mentions:
        refs = known.setdefault(fold(mention.surface), [])
        if not any(fold(r.name) == fold(mention.entity.name) for r in refs):
            refs.append(mention.entity)
    for acronym in extraction.acronyms:
        entity = EntityRef(acronym.long, "topic")
        refs = known.setdefault(fold(acronym.short), [])
        if not any(fold(r.name) == fold(acronym.long) for r in refs):
            refs.append(entity)


def _record(article: Article, store: Store) -> tuple[ArticleRecord, str | None]:
    body = [p.text for p in article.passages if p.kind == "body"]
    print_ = dedupe.fingerprint(body)
    duplicate_of, score = _near_duplicate(print_, store, article.key)
    note = (
        f"near-duplicate of article {duplicate_of} ({score:.0%} similar)" if duplicate_of else None
    )
    published = article.published
    record = ArticleRecord(
        key=article.key,
        source_kind=article.source_kind,
        title=article.title,
        title_derived=article.title_derived,
        content_hash=article.content_hash,
        passages=tuple((p.kind, p.text) for p in article.passages),
        url=article.url,
        path=article.path,
        source=article.source,
        outlet=article.outlet,
        author=article.author,
        language=article.language,
        published=published.iso() if published else None,
        published_precision=published.precision if published else None,
        published_year_source=published.year_source if published else None,
        published_text=article.published_text,
        encoding=article.encoding,
        duplicate_of=duplicate_of,
        similarity=score if duplicate_of else None,
        signature=print_.signature if print_ else b"",
        bands=print_.bands if print_ else (),
        dates=tuple(_date_record(i, d) for i, d in article.dates),
        mentions=tuple(_mention_record(m) for m in article.extraction.mentions),
        aliases=tuple(_alias_record(a.short, a.long) for a in article.extraction.acronyms),
        events=tuple(_event_record(e) for e in article.events),
    )
    return record, note


def _near_duplicate(
    print_: dedupe.Fingerprint | None, store: Store, key: str
) -> tuple[int | None, float]:
    if print_ is None:
        return None, 0.0
    best: tuple[int | None, float] = (None, 0.0)
    own = store.find_article(key)
    for article_id, signature, duplicate_of in store.similar_articles(print_.bands):
        if own and article_id == own[0]:
            continue
        score = dedupe.similarity(print_.signature, signature)
        if score >= dedupe.THRESHOLD and score > best[1]:
            best = (duplicate_of or article_id, score)
    return best


def _date_record(passage: int, mention: DateMention) -> DateRecord:
    date = mention.date
    return DateRecord(
        passage=passage,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        date=date.iso(),
        precision=date.precision,
        year_source=date.year_source,
        until=mention.until.iso() if mention.until else None,
    )


def _mention_record(mention: Mention) -> MentionRecord:
    entity = mention.entity
    return MentionRecord(
        passage=mention.passage,
        start=mention.start,
        end=mention.end,
        surface=mention.surface,
        surface_key=fold(mention.surface),
        entity_key=fold(entity.name),
        name=entity.name,
        kind=entity.kind,
        country=entity.country,
        description=entity.description,
        role=mention.role,
    )


def _event_record(event: Event) -> EventRecord:
    return EventRecord(
        passage=event.passage,
        start=event.start,
        end=event.end,
        kind=event.kind,
        date=event.date.iso(),
        precision=event.date.precision,
        year_source=event.date.year_source,
        until=event.until.iso() if event.until else None,
        place_key=fold(event.place) if event.place else None,
        participant_keys=tuple(fold(name) for name in event.participants),
    )


def _alias_record(short: str, long: str) -> AliasRecord:
    return AliasRecord(entity_key=fold(long), alias=short, alias_key=fold(short))


def _content_hash(raw: RawDocument) -> str:
    published = raw.published.iso() if isinstance(raw.published, PartialDate) else ""
    parts = (
        PIPELINE_VERSION,
        raw.text,
        raw.title or "",
        published,
        raw.author or "",
        raw.outlet or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
