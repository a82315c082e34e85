"""The ingest pipeline: load → prepare (clean, dates, entities, events) → near-duplicates → store.

Files are read and their documents prepared in worker processes when there are enough of
them (see parallel.py); URLs, and feed files that may link to pages to fetch, are read here.
Either way this process stores them in order, a batch of whole articles per transaction.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from types import TracebackType

from briefings import repetition
from briefings.errors import RejectedInput
from briefings.folding import fold
from briefings.ingest import dedupe, linking
from briefings.ingest.capacity import default_workers
from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.fetch import Fetcher, is_url
from briefings.ingest.parallel import Ahead, Failed, Known, Opened, Read, Workers
from briefings.ingest.prepare import (
    Prepared,
    content_hash,
    derive_title,
    prepare,
    prepare_document,
    published_after,
)
from briefings.ingest.sources import Location, documents, file_kind, locations
from briefings.model import (
    Article,
    DateMention,
    EntityRef,
    Event,
    Extraction,
    Mention,
)
from briefings.transliteration import fuzzy_alias, name_key
from store import Store
from store.records import (
    AliasRecord,
    ArticleRecord,
    DateRecord,
    EventRecord,
    KnownEntity,
    MentionRecord,
)

__all__ = ["IngestReport", "Known", "derive_title", "ingest", "ingest_document", "prepare"]

# Articles committed together: one commit per article costs more than its rows.
BATCH = 50
# Documents to prepare before worker processes pay for their start-up (about a second each).
POOL_THRESHOLD = 200
AHEAD_PER_WORKER = 4
# A publication date this far ahead of the clock is a clock's or a time zone's slip; further
# ahead ("1 June 2031" in a feed), it is no publication date.
FUTURE_SKEW = timedelta(days=1)
FUTURE_NOTE = "publication date {date} is in the future: not used"
log = logging.getLogger(__name__)

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
    workers: int | None = None,
) -> IngestReport:
    """Ingest every file, folder, page and feed named; one bad input never stops the rest.

    With `workers` above 1 (by default, `default_workers()`), that many processes read and
    prepare documents once there are POOL_THRESHOLD of them; otherwise this process does.
    What is stored is the same.
    """
    report = IngestReport()
    found = list(locations(targets))
    if on_location:
        on_location(len(found))
    loading = _Loading(fetcher, max_bytes)
    known = known_names(store.known_entities())
    with _Run(store, known, workers or default_workers(), loading) as run:
        if len(found) >= POOL_THRESHOLD:
            run.start_workers()
        for outcome in run.outcomes(found):
            report.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return report


def ingest_document(raw: RawDocument, store: Store, known: Known) -> Outcome:
    """Store one document: new, updated in place, unchanged, or rejected with a reason."""
    return _Writer(store, known).write(raw, content_hash(raw))


@dataclass(frozen=True)
class _Loading:
    fetcher: Fetcher | None
    max_bytes: int

    def documents(self, location: Location) -> Iterator[RawDocument | Outcome]:
        return documents(location, fetcher=self.fetcher, max_bytes=self.max_bytes)

    def needs_fetcher(self, location: Location) -> bool:
        """Whether loading may fetch: a URL, or a feed whose teaser entries link to pages."""
        if is_url(location.where):
            return True
        if self.fetcher is None:
            return False
        try:
            return file_kind(location) == "feed"
        except (OSError, RejectedInput):
            return False  # a worker reports it as a serial ingest would


@dataclass(frozen=True)
class _Waiting:
    """An input not yet stored; `ahead` when a worker is reading or preparing it."""

    item: RawDocument | Location | Outcome
    content_hash: str = ""
    ahead: bool = False


class _Writer:
    """Stores documents in order, learning their names for the documents after them."""

    def __init__(self, store: Store, known: Known, workers: Workers | None = None) -> None:
        self.store = store
        self.known = known
        self.workers = workers
        self.taken_ahead = 0
        self.prepared_again = 0
        self.chrome: dict[str, repetition.Chrome] = {}

    def write(
        self, raw: RawDocument, content_hash: str, ahead: Ahead | Failed | None = None
    ) -> Outcome:
        location = raw.url or raw.path or raw.key
        stored = self.store.find_article(raw.key)
        if stored and stored[1] == content_hash:
            return Outcome(location, "unchanged", stored[0])
        if not stored and (same := self.store.find_article_by_content(content_hash)):
            return Outcome(location, "unchanged", same, note=f"same text as article {same}")
        source = repetition.source_of(raw.url, raw.source)
        prepared = self._prepared(raw, content_hash, ahead, self.chrome_of(source))
        if isinstance(prepared, Failed):
            log.error("%s %s\n%s", location, prepared.reason, prepared.detail)
            return Outcome(location, "rejected", reason=prepared.reason)
        prepared, ahead_note = self._dated_by_now(raw, content_hash, prepared, source)
        if isinstance(prepared, Failed):
            return Outcome(location, "rejected", reason=prepared.reason)
        article = prepared.article
        if not any(p.kind == "body" for p in article.passages):
            return Outcome(location, "rejected", reason="no article text left after cleaning")
        if stored and raw.own_key and not self._same_story(prepared.fingerprint, stored[0]):
            # The page named a stored article's URL as canonical but tells another story.
            article = replace(article, key=raw.own_key, url=raw.own_key)
            location, stored = raw.own_key, self.store.find_article(raw.own_key)
            if stored and stored[1] == content_hash:
                return Outcome(location, "unchanged", stored[0])
        record, note = _record(article, prepared.fingerprint, self.store, stored)
        article_id = self.store.save_article(record)
        self._count_lines(source, article_id, record, new=stored is None)
        learned = remember(self.known, article.extraction)
        learned |= self._link_people(article.extraction)
        if self.workers:
            self.workers.broadcast_names(learned)
        status = "updated" if stored else "new"
        note = "; ".join(n for n in (note, ahead_note) if n) or None
        return Outcome(location, status, article_id, article.title, note=note)

    def _link_people(self, extraction: Extraction) -> set[str]:
        """Merge the article's people, now stored, with known ones they complete or are
        completed by (linking.py); returns the known names that changed."""
        people = [m.entity for m in extraction.mentions if m.entity.kind == "person"]
        found = linking.links(self.known, people, lambda p: self.store.person_seen(entity_key(p)))
        if not found:
            return set()
        pairs = [(entity_key(link.person), entity_key(link.into)) for link in found]
        changed: set[str] = set()
        for link, surfaces in zip(found, self.store.merge_people(pairs), strict=True):
            if surfaces:
                changed |= linking.relink(self.known, link, surfaces)
        return changed

    def _dated_by_now(
        self, raw: RawDocument, content_hash: str, prepared: Prepared, source: str
    ) -> tuple[Prepared | Failed, str | None]:
        """`prepared`, or prepared again without a publication date in the future (beyond
        `FUTURE_SKEW`): a feed's 2031 would lead every digest and date its events."""
        latest = (self.store.clock() + FUTURE_SKEW).date()
        published = prepared.article.published
        if published is None or not published_after(published, latest):
            return prepared, None
        note = FUTURE_NOTE.format(date=published.iso())
        try:
            again = prepare_document(raw, content_hash, self.known, self.chrome_of(source), latest)
        except Exception as error:  # one bad document must not stop the run
            log.exception("preparing %s failed", raw.key)
            return Failed(f"could not be prepared: {type(error).__name__}"), None
        return again, note

    def _same_story(self, print_: dedupe.Fingerprint | None, article_id: int) -> bool:
        """Whether a prepared body is a near-duplicate of the stored article `article_id`."""
        if print_ is None:
            return False
        return any(
            found == article_id
            and dedupe.similarity(print_.signature, signature) >= dedupe.THRESHOLD
            for found, signature, _ in self.store.similar_articles(print_.bands)
        )

    def chrome_of(self, source: str) -> repetition.Chrome:
        """The line shapes known to be chrome in `source`'s articles."""
        if source not in self.chrome:
            self.chrome[source] = self.store.chrome_shapes(source)
        return self.chrome[source]

    def _count_lines(self, source: str, article_id: int, record: ArticleRecord, new: bool) -> None:
        """Add the article's short lines to its source's statistics; when some are chrome
        now, clean them out of the stored articles holding them, this one included."""
        story = record.duplicate_of or article_id
        chrome = self.store.record_lines(
            source,
            article_id,
            story,
            repetition.counted_shapes(record.passages),
            repetition.RULE,
            new_story=new and record.duplicate_of is None,
        )
        if not chrome:
            return
        self.chrome[source] = self.store.chrome_shapes(source)
        limit = repetition.RECLEAN_LIMIT
        held = {article_id, *self.store.articles_with_shapes(source, chrome, limit)}
        dropped = repetition.chrome_passages(self.store.article_passages(held), chrome)
        if dropped:
            self.store.drop_passages(dropped)
            log.info("%s: %d lines repeated across its stories cleaned out", source, len(dropped))
        self.store.forget_shapes(source, chrome)

    def _prepared(
        self,
        raw: RawDocument,
        content_hash: str,
        ahead: Ahead | Failed | None,
        chrome: repetition.Chrome,
    ) -> Prepared | Failed:
        if isinstance(ahead, Failed):
            return ahead
        self.taken_ahead += ahead is not None
        if (
            ahead is not None
            and self.workers
            and self.workers.is_current(ahead)
            and _same_chrome(ahead, raw, chrome)
        ):
            return ahead.prepared
        if ahead is not None:
            self.prepared_again += 1
        try:
            return prepare_document(raw, content_hash, self.known, chrome)
        except Exception as error:  # one bad document must not stop the run
            log.exception("preparing %s failed", raw.key)
            return Failed(f"could not be prepared: {type(error).__name__}")


class _Run:
    """One ingest: documents dispatched to workers ahead of the writer, stored in batches."""

    def __init__(self, store: Store, known: Known, workers: int, loading: _Loading) -> None:
        self.store = store
        self.writer = _Writer(store, known)
        self.wanted = workers
        self.loading = loading
        self.to_prepare = 0
        self.loaded: deque[RawDocument | Location | Outcome] = deque()
        self.dispatched: deque[_Waiting] = deque()

    def __enter__(self) -> _Run:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.writer.workers:
            self.writer.workers.close()
            log.info(
                "%d of %d documents prepared again: names they use were learned, or chrome"
                " lines they hold found, meanwhile",
                self.writer.prepared_again,
                self.writer.taken_ahead,
            )

    def start_workers(self) -> None:
        if self.wanted > 1 and self.writer.workers is None:
            self.writer.workers = Workers(
                self.wanted,
                self.writer.known,
                max_bytes=self.loading.max_bytes,
                stored=self.store.content_hashes(),
            )

    def outcomes(self, found: Iterable[Location | Outcome]) -> Iterator[Outcome]:
        """Each input's outcome in order, reported once the batch holding it is committed."""
        pending = self._inputs(found)
        while self._load(pending):
            yield from self._write_batch()

    def _inputs(
        self, found: Iterable[Location | Outcome]
    ) -> Iterator[RawDocument | Location | Outcome]:
        # Lazily: whether a file goes to a worker whole depends on the pool running by then.
        for item in found:
            if isinstance(item, Outcome) or self._opens_in_worker(item):
                yield item
            else:
                yield from self.loading.documents(item)

    def _opens_in_worker(self, location: Location) -> bool:
        workers = self.writer.workers
        running = workers is not None and not workers.broken
        return running and not self.loading.needs_fetcher(location)

    def _load(self, pending: Iterator[RawDocument | Location | Outcome]) -> bool:
        # Outside any transaction: reading files and fetching pages must not hold the lock.
        while len(self.loaded) + len(self.dispatched) < BATCH + self._ahead:
            item = next(pending, None)
            if item is None:
                break
            self.loaded.append(item)
            self._dispatch_ahead()
        return bool(self.loaded or self.dispatched)

    @property
    def _ahead(self) -> int:
        # Few documents ahead of the writer: the further ahead a worker prepares, the more
        # often a name learned meanwhile makes the writer prepare the document again.
        workers = self.writer.workers
        return AHEAD_PER_WORKER * workers.count if workers and not workers.broken else 0

    def _dispatch_ahead(self) -> None:
        while self.loaded and len(self.dispatched) <= self._ahead:
            self.dispatched.append(self._dispatch(self.loaded.popleft()))

    def _write_batch(self) -> list[Outcome]:
        written: list[Outcome] = []
        with self.store.batch():
            while len(written) < BATCH and (self.loaded or self.dispatched):
                self._dispatch_ahead()
                written.extend(self._write(self.dispatched.popleft()))
        return written

    def _dispatch(self, item: RawDocument | Location | Outcome) -> _Waiting:
        if isinstance(item, Outcome):
            return _Waiting(item)
        workers = self.writer.workers
        if isinstance(item, Location):
            # Read here, when written, if the workers stopped since it was loaded.
            if workers is None or workers.broken:
                return _Waiting(item)
            workers.submit_file(item, self._chrome_for(item.source))
            return _Waiting(item, ahead=True)
        hashed = content_hash(item)
        # Worth a worker only if the store does not already hold it; the writer re-checks.
        if _already_stored(item, hashed, self.store):
            return _Waiting(item, hashed)
        self.to_prepare += 1
        if self.to_prepare > POOL_THRESHOLD:
            self.start_workers()
        if self.writer.workers is None or self.writer.workers.broken:
            return _Waiting(item, hashed)
        source = repetition.source_of(item.url, item.source)
        self.writer.workers.submit(item, hashed, self._chrome_for(source))
        return _Waiting(item, hashed, ahead=True)

    def _chrome_for(self, source: str) -> dict[str, repetition.Chrome]:
        # What the writer knows of chrome, for a worker: a file may hold entries of other
        # sources (a feed's, by host), so every source seen with chrome goes, not only this.
        self.writer.chrome_of(source)
        return {seen: shapes for seen, shapes in self.writer.chrome.items() if shapes}

    def _write(self, waiting: _Waiting) -> list[Outcome]:
        item, workers = waiting.item, self.writer.workers
        if isinstance(item, Outcome):
            return [item]
        result = workers.next_result() if waiting.ahead and workers else None
        if isinstance(item, RawDocument):
            assert not isinstance(result, Opened)
            return [self.writer.write(item, waiting.content_hash, result)]
        if isinstance(result, Failed):
            log.error("%s %s\n%s", item.where, result.reason, result.detail)
            return [Outcome(item.shown, "rejected", reason=result.reason)]
        # The workers stopped at start: this file is read here after all.
        found = result.documents if isinstance(result, Opened) else self.loading.documents(item)
        return [self._write_found(document) for document in found]

    def _write_found(self, found: Read | RawDocument | Outcome) -> Outcome:
        if isinstance(found, Outcome):
            return found
        if isinstance(found, Read):
            return self.writer.write(found.raw, found.content_hash, found.ahead)
        return self.writer.write(found, content_hash(found))


def _same_chrome(ahead: Ahead, raw: RawDocument, chrome: repetition.Chrome) -> bool:
    """Whether a worker cleaned the document as the writer would now: with the source's
    chrome shapes, or with fewer when its text holds no line of the ones it lacked."""
    if not ahead.chrome <= chrome:
        return False
    return not repetition.holds_chrome(raw.text, chrome - ahead.chrome)


def _already_stored(raw: RawDocument, content_hash: str, store: Store) -> bool:
    stored = store.find_article(raw.key)
    if stored:
        return stored[1] == content_hash
    return store.find_article_by_content(content_hash) is not None


def known_names(entities: Mapping[str, Sequence[KnownEntity]]) -> Known:
    known: Known = {
        alias: [EntityRef(e.name, e.kind, e.country) for e in found]  # type: ignore[arg-type]
        for alias, found in entities.items()
    }
    filed: set[EntityRef] = set()
    for alias, found in list(known.items()):
        for entity in found:
            if entity.kind == "person":
                _learn(known, fuzzy_alias(alias), entity)
                if entity not in filed:
                    linking.file_person(known, entity)
                    filed.add(entity)
    return known


def remember(known: Known, extraction: Extraction) -> set[str]:
    """Add an article's names to the run's table, so later articles can link to them.

    Returns the names whose entries changed.
    """
    learned: set[str] = set()
    for mention in extraction.mentions:
        if _learn(known, fold(mention.surface), mention.entity):
            learned.add(fold(mention.surface))
        # People also under a spelling-blind key: a later "Sergueï Lavrov" finds Sergey Lavrov.
        fuzzy = fuzzy_alias(mention.surface)
        if mention.entity.kind == "person" and _learn(known, fuzzy, mention.entity):
            learned.add(fuzzy)
        if mention.entity.kind == "person":
            linking.file_person(known, mention.entity)
    for acronym in extraction.acronyms:
        if _learn(known, fold(acronym.short), EntityRef(acronym.long, "topic")):
            learned.add(fold(acronym.short))
    return learned


def _learn(known: Known, key: str, entity: EntityRef) -> bool:
    refs = known.setdefault(key, [])
    if any(fold(r.name) == fold(entity.name) for r in refs):
        return False
    refs.append(entity)
    return True


def _record(
    article: Article,
    print_: dedupe.Fingerprint | None,
    store: Store,
    stored: tuple[int, str] | None,
) -> tuple[ArticleRecord, str | None]:
    duplicate_of, score = _near_duplicate(print_, store, stored)
    keys = {m.entity.name: entity_key(m.entity) for m in article.extraction.mentions}
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
        events=tuple(_event_record(e, keys) for e in article.events),
    )
    return record, note


def _near_duplicate(
    print_: dedupe.Fingerprint | None, store: Store, own: tuple[int, str] | None
) -> tuple[int | None, float]:
    if print_ is None:
        return None, 0.0
    best: tuple[int | None, float] = (None, 0.0)
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
        entity_key=entity_key(entity),
        name=entity.name,
        kind=entity.kind,
        country=entity.country,
        description=entity.description,
        role=mention.role,
        names_entity=entity.kind != "event" or _names_an_event(mention.surface),
    )


def _names_an_event(surface: str) -> bool:
    """Whether an event's surface is a name ("APEC summit", "Lavrov–Son talks") rather than a
    common noun referring back to it ("talks", "the meeting", "hội đàm", "переговоры")."""
    return any(c.isupper() or c.isdigit() for c in surface)


def entity_key(entity: EntityRef) -> str:
    """The store's key of an entity: its folded name, and for a person the spelling-blind
    key, so that Sergueï Lavrov and Sergey Lavrov are one row whichever came first (the
    row then shows the form most articles use)."""
    return name_key(entity.name) if entity.kind == "person" else fold(entity.name)


def _event_record(event: Event, keys: Mapping[str, str]) -> EventRecord:
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
        participant_keys=tuple(keys.get(name, fold(name)) for name in event.participants),
    )


def _alias_record(short: str, long: str) -> AliasRecord:
    return AliasRecord(entity_key=fold(long), alias=short, alias_key=fold(short))
