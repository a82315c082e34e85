"""RSS and Atom feeds: each entry becomes an article; teasers are completed from the page.

Teaser pages are fetched a few at a time (`Fetcher.page_workers`) within a time budget per
feed (`Fetcher.page_budget`), so a feed of a hundred slow pages cannot hold a poll for hours.
A page not fetched in time leaves its entry waiting (PAGE_WAITING); the next poll reads the
feed again in full and fetches it. An entry whose page cannot be had but whose own text is
a whole article keeps that text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as WaitedTooLong
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser

from briefings.errors import RejectedInput
from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.fetch import Fetched, Fetcher, canonical_url
from briefings.ingest.html import fragment_text, page_document
from briefings.model import PartialDate

# An entry shorter than this, or ending like a teaser, is completed from its page; one at
# least this long is a whole article even when it ends like a teaser.
TEASER_WORDS = 80
_TEASER_ENDINGS = ("...", "…", "[…]", "[...]", "read more", "continue reading")
# Why a teaser's page was not fetched this time; polling reads such a feed again in full.
PAGE_WAITING = "waiting: the feed's time for teaser pages ran out; its next reading fetches this"
# Why a teaser's page is not fetched again: polling already stored it.
ALREADY_STORED = "already stored"


def parse_feed(data: bytes) -> Any:
    """The parsed feed, or RejectedInput when `data` is not RSS or Atom."""
    feed = feedparser.parse(data)
    if not feed.entries and (feed.bozo or not feed.version):
        problem = getattr(feed, "bozo_exception", None) or "no RSS or Atom elements"
        raise RejectedInput(f"not a valid RSS/Atom feed ({_first_line(problem)})")
    return feed


def feed_documents(
    data: bytes,
    *,
    source: str,
    fetcher: Fetcher | None,
    stored: Callable[[str], bool] | None = None,
) -> Iterator[RawDocument | Outcome]:
    """One RawDocument per entry, or a rejected Outcome for an entry that cannot be read.

    `stored(url)` tells whether a teaser's page is already stored, so it is not fetched again.
    """
    feed = parse_feed(data)
    channel = feed.feed.get("title") or None
    links = [link for e in feed.entries if (link := _teaser_link(e, fetcher))]
    with _Pages(fetcher, links, stored or (lambda url: False)) as pages:
        for number, entry in enumerate(feed.entries, start=1):
            label = entry.get("link") or f"{source} entry {number}"
            try:
                yield _entry_document(entry, source=source, channel=channel, pages=pages)
            except RejectedInput as error:
                yield Outcome(label, "rejected", title=entry.get("title"), reason=error.message)


def _teaser_link(entry: Any, fetcher: Fetcher | None) -> str | None:
    link: str | None = entry.get("link")
    return link if fetcher and link and _is_teaser(fragment_text(_entry_body(entry))) else None


class _Pages:
    """Teaser pages fetched by a few threads at once, each awaited within the feed's budget."""

    def __init__(
        self, fetcher: Fetcher | None, links: list[str], stored: Callable[[str], bool]
    ) -> None:
        workers, budget = (fetcher.page_workers, fetcher.page_budget) if fetcher else (1, 0.0)
        self.pool = ThreadPoolExecutor(workers, "teaser-page")
        self.ends = time.monotonic() + budget
        self.stored = {link for link in links if stored(link)}
        self.fetching: dict[str, Future[Fetched]] = {}
        for link in links:
            if fetcher is not None and link not in self.stored and link not in self.fetching:
                self.fetching[link] = self.pool.submit(fetcher.get, link)

    def __enter__(self) -> _Pages:
        return self

    def __exit__(self, *exc: object) -> None:
        # Pages still being fetched end by their own deadline; their answers are dropped.
        self.pool.shutdown(wait=False, cancel_futures=True)

    def page(self, link: str) -> Fetched:
        """The fetched page; FetchError, or RejectedInput(PAGE_WAITING) past the budget."""
        try:
            return self.fetching[link].result(timeout=max(0.0, self.ends - time.monotonic()))
        except WaitedTooLong:
            self.fetching[link].cancel()
            raise RejectedInput(PAGE_WAITING) from None


def _entry_document(entry: Any, *, source: str, channel: str | None, pages: _Pages) -> RawDocument:
    link = entry.get("link")
    key = canonical_url(link) if link else f"{source}#{entry.get('id') or entry.get('title')}"
    text = fragment_text(_entry_body(entry))
    published = _entry_date(entry)
    if link in pages.stored:
        raise RejectedInput(ALREADY_STORED)
    if link in pages.fetching:
        try:
            return _completed(pages.page(link), entry, key=key, source=source, channel=channel)
        except RejectedInput:
            if not _is_article(text):
                raise
            # The page is out of reach, but the entry itself carries the whole story.
    if not text:
        raise RejectedInput("feed entry has no text and no link to fetch")
    return RawDocument(
        key=key,
        source_kind="feed",
        text=text,
        source=source,
        url=canonical_url(link) if link else None,
        title=entry.get("title") or None,
        published=published,
        published_text=entry.get("published") or entry.get("updated"),
        author=entry.get("author") or None,
        outlet=_entry_outlet(entry),
        channel=channel,
    )


def _completed(
    fetched: Fetched, entry: Any, *, key: str, source: str, channel: str | None
) -> RawDocument:
    page = page_document(
        fetched.data.decode("utf-8", errors="replace"),
        key=key,
        source=source,
        url=canonical_url(fetched.url),
        path=None,
    )
    return replace(
        page,
        source_kind="feed",
        title=entry.get("title") or page.title,
        published=_entry_date(entry) or page.published,
        # The item's own <source> first, then what the page says it is (og:site_name).
        outlet=_entry_outlet(entry) or page.outlet,
        channel=channel,
    )


def _entry_outlet(entry: Any) -> str | None:
    """The outlet an item names as its source (RSS `<source>`, Atom `<source><title>`)."""
    named = entry.get("source") or {}
    title = str(named.get("title") or "").strip() if hasattr(named, "get") else ""
    return title or None


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return str(max((c.get("value", "") for c in contents), key=len))
    return str(entry.get("summary", ""))


def _entry_date(entry: Any) -> PartialDate | None:
    """The item's day as its outlet dates it: "Sat, 05 Dec 2026 06:45:00 +0700" is 5
    December, though feedparser's parsed time (UTC) says the 4th."""
    written = entry.get("published") or entry.get("updated")
    local = _local_day(written) if written else None
    if local is not None:
        return local
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return PartialDate(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def _local_day(written: str) -> PartialDate | None:
    """The day of an RFC 822 (RSS) or RFC 3339 (Atom) date in its own offset; None if neither."""
    try:
        moment = parsedate_to_datetime(written)
    except (TypeError, ValueError, IndexError):
        try:
            moment = datetime.fromisoformat(written.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return PartialDate(moment.year, moment.month, moment.day)


def _is_teaser(text: str) -> bool:
    return not _is_article(text) or text.rstrip().lower().endswith(_TEASER_ENDINGS)


def _is_article(text: str) -> bool:
    return len(text.split()) >= TEASER_WORDS


def _first_line(problem: object) -> str:
    return str(problem).splitlines()[0][:120] if str(problem) else "unreadable"
