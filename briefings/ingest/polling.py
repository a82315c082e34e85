"""Sources that keep coming: registered feeds and watched folders, polled when they are due.

A poll asks a feed whether it changed since last time (ETag / Last-Modified) and a folder
whether any file's size or time changed; only then is anything ingested. A source's first
successful poll stores what it already holds without announcing it, so adding a feed with
fifty old entries does not flood the next digest. A failing source is retried later and
later (doubling, capped at a day) and keeps its last error for `attache sources`.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from briefings.errors import AttacheError, RejectedInput, StoreError
from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.feeds import ALREADY_STORED, PAGE_WAITING, feed_documents
from briefings.ingest.fetch import Fetcher, Validators, canonical_url, is_url
from briefings.ingest.pipeline import Known, ingest_document, known_names
from briefings.ingest.sources import Location, documents, locations
from store import Store
from store.records import SourceRecord

log = logging.getLogger(__name__)

MIN_EVERY = timedelta(minutes=1)
# A source polled less than yearly is not watched; and far beyond, the next poll's date
# overflows (timedelta and datetime stop at year 9999).
MAX_EVERY = timedelta(days=366)
MAX_BACKOFF = timedelta(days=1)
_EVERY = re.compile(r"^\s*(\d+)\s*(m|min|mins|minutes?|h|hours?|d|days?)\s*$", re.I)
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86_400}

BAD_EVERY = "cannot read the interval {text!r}: use minutes, hours or days, e.g. 30m, 2h, 1d"
TOO_OFTEN = "polling more often than every minute is not allowed"
TOO_RARELY = "polling less often than every 366 days is not allowed"
A_FILE = "{target} is a file: watch its folder instead, or ingest it once with `attache ingest`"
NOT_FOUND = "no such folder: {target}"
ALREADY = "already registered as source {id}"
NO_SOURCE = "no source with id {id}; `attache sources` lists them"
UNEXPECTED = "unexpected error (details in the log)"


class SourceError(AttacheError):
    """A source that cannot be added, found or removed."""


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of one source did.

    `status` is `polled` (fetched and ingested), `not-modified` (nothing changed, nothing
    read) or `failed` (with `error`). `held_back` is true on a source's first poll, whose
    articles are stored but never announced in a digest.
    """

    source_id: int
    location: str
    status: str
    next_poll_at: datetime
    new: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    rejected: tuple[Outcome, ...] = ()
    held_back: bool = False
    error: str | None = None
    kind: str = "feed"  # or "folder"


def parse_every(text: str) -> timedelta:
    """`30m`, `2h`, `1d` (also `45 minutes`, `3 hours`) as a timedelta of at least a minute."""
    found = _EVERY.match(text)
    if not found:
        raise SourceError(BAD_EVERY.format(text=text))
    seconds = int(found.group(1)) * _UNIT_SECONDS[found.group(2)[0].lower()]
    if seconds > MAX_EVERY.total_seconds():
        raise SourceError(TOO_RARELY)
    every = timedelta(seconds=seconds)
    if every < MIN_EVERY:
        raise SourceError(TOO_OFTEN)
    return every


def add_source(store: Store, target: str, every: timedelta, now: datetime) -> SourceRecord:
    """Register a feed URL or a folder to poll, due at once."""
    location, kind = _located(target.strip())
    if existing := store.source_at(location):
        raise SourceError(ALREADY.format(id=existing.id))
    added = store.source(store.add_source(location, kind, int(every.total_seconds()), now))
    assert added is not None
    return added


def _located(target: str) -> tuple[str, str]:
    if is_url(target):
        return target, "feed"
    path = Path(target).expanduser()
    if path.is_dir():
        return str(path.resolve()), "folder"
    if path.exists():
        raise SourceError(A_FILE.format(target=target))
    raise SourceError(NOT_FOUND.format(target=target))


def remove_source(store: Store, source_id: int) -> SourceRecord:
    """Stop polling a source; what it brought stays in the store."""
    found = store.source(source_id)
    if found is None or not store.remove_source(source_id):
        raise SourceError(NO_SOURCE.format(id=source_id))
    return found


def poll_due(store: Store, fetcher: Fetcher, now: datetime) -> list[PollOutcome]:
    """Poll every source due at `now`; one failing source never stops the others."""
    known = _known_names(store)
    return [poll_source(store, fetcher, source, now, known) for source in store.sources_due(now)]


def poll_now(
    store: Store, fetcher: Fetcher, now: datetime, source_id: int | None = None
) -> list[PollOutcome]:
    """Poll one source, or every source, now, due or not; an unknown id is a SourceError."""
    if source_id is None:
        sources = store.sources()
    else:
        found = store.source(source_id)
        if found is None:
            raise SourceError(NO_SOURCE.format(id=source_id))
        sources = [found]
    known = _known_names(store)
    return [poll_source(store, fetcher, source, now, known) for source in sources]


def poll_source(
    store: Store,
    fetcher: Fetcher,
    source: SourceRecord,
    now: datetime,
    known: Callable[[], Known] | None = None,
) -> PollOutcome:
    """Poll one source now, due or not; a failure is recorded and returned, never raised."""
    try:
        return _poll(store, fetcher, source, now, known or _known_names(store))
    except (RejectedInput, SourceError) as error:
        return _failed(store, source, now, error.message)
    except StoreError:
        raise  # the database failing is not the source's fault
    except Exception:
        # A parser or extractor bug on one source must not stop every poll after it.
        log.exception("polling source %s (%s) failed", source.id, source.location)
        return _failed(store, source, now, UNEXPECTED)


def _known_names(store: Store) -> Callable[[], Known]:
    # Loaded once a run, and only when some source did change.
    return functools.cache(lambda: known_names(store.known_entities()))


def _poll(
    store: Store, fetcher: Fetcher, source: SourceRecord, now: datetime, known: Callable[[], Known]
) -> PollOutcome:
    found = _changed_documents(store, fetcher, source)
    next_poll = now + timedelta(seconds=source.every_seconds)
    if found is None:
        store.record_poll(source.id, now, next_poll, source.etag, source.last_modified)
        return PollOutcome(source.id, source.location, "not-modified", next_poll, kind=source.kind)
    batch, validators = found
    outcomes = _ingest(batch, store, known)
    if any(o.reason == PAGE_WAITING for o in outcomes):
        # Asked "changed since?" next time, the feed would answer 304 and these pages would
        # wait for ever; without validators it is read again in full, and they are fetched.
        validators = Validators()
    if source.never_polled:
        store.hold_back(o.article_id for o in outcomes if o.article_id is not None)
    store.record_poll(source.id, now, next_poll, validators.etag, validators.last_modified)
    return _polled(source, next_poll, outcomes)


def _changed_documents(
    store: Store, fetcher: Fetcher, source: SourceRecord
) -> tuple[Iterable[RawDocument | Outcome], Validators] | None:
    known = Validators(source.etag, source.last_modified)
    if source.kind == "folder":
        return _folder_documents(source.location, known, fetcher.max_bytes)
    fetched = fetcher.get_if_changed(source.location, known)
    if fetched is None:
        return None
    # A retried first poll fetches every page again, so that all of them are held back.
    # Without that, a feed of teasers served without validators would have every entry's
    # page fetched again at every poll.
    stored = None if source.never_polled else functools.partial(_page_stored, store)
    batch = feed_documents(fetched.data, source=source.location, fetcher=fetcher, stored=stored)
    return batch, fetched.validators


def _page_stored(store: Store, url: str) -> bool:
    return store.find_article(canonical_url(url)) is not None


def _folder_documents(
    folder: str, known: Validators, max_bytes: int
) -> tuple[Iterable[RawDocument | Outcome], Validators] | None:
    if not Path(folder).is_dir():
        raise SourceError(NOT_FOUND.format(target=folder))
    files = [item for item in locations([folder]) if isinstance(item, Location)]
    print_ = _files_fingerprint(files)
    if print_ == known.etag:
        return None
    batch = (d for f in files for d in documents(f, fetcher=None, max_bytes=max_bytes))
    return batch, Validators(etag=print_)


def _files_fingerprint(files: Iterable[Location]) -> str:
    """A digest of every file's path, size and modification time: equal means untouched."""
    digest = hashlib.sha256()
    for found in files:
        try:
            stat = Path(found.where).stat()
        except OSError:
            continue  # removed while we looked; the next poll sees the folder as changed
        digest.update(f"{found.shown}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _ingest(
    batch: Iterable[RawDocument | Outcome], store: Store, known: Callable[[], Known]
) -> list[Outcome]:
    outcomes = []
    for item in batch:
        outcomes.append(
            item if isinstance(item, Outcome) else ingest_document(item, store, known())
        )
    return outcomes


def _polled(source: SourceRecord, next_poll: datetime, outcomes: list[Outcome]) -> PollOutcome:
    def ids(status: str) -> tuple[int, ...]:
        return tuple(o.article_id for o in outcomes if o.status == status and o.article_id)

    rejected = tuple(o for o in outcomes if o.status == "rejected" and o.reason != ALREADY_STORED)
    return PollOutcome(
        source.id,
        source.location,
        "polled",
        next_poll,
        new=ids("new"),
        updated=ids("updated"),
        rejected=rejected,
        held_back=source.never_polled,
        kind=source.kind,
    )


def _failed(store: Store, source: SourceRecord, now: datetime, error: str) -> PollOutcome:
    next_poll = now + backoff(timedelta(seconds=source.every_seconds), source.failures + 1)
    store.record_poll_failure(source.id, next_poll, error)
    log.warning("source %s (%s): %s", source.id, source.location, error)
    return PollOutcome(
        source.id, source.location, "failed", next_poll, error=error, kind=source.kind
    )


def backoff(every: timedelta, failures: int) -> timedelta:
    """How long to wait after `failures` failures in a row: doubling, capped at a day."""
    doubled: timedelta = every * 2 ** min(failures, 16)
    return min(doubled, max(every, MAX_BACKOFF))
