"""RSS and Atom feeds: each entry becomes an article; teasers are completed from the page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import feedparser

from briefings.errors import RejectedInput
from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.fetch import Fetcher, canonical_url
from briefings.ingest.html import fragment_text, page_document
from briefings.model import PartialDate

# An entry shorter than this, or ending like a teaser, is completed from its page.
TEASER_WORDS = 80
_TEASER_ENDINGS = ("...", "…", "[…]", "[...]", "read more", "continue reading")


def parse_feed(data: bytes) -> Any:
    """The parsed feed, or RejectedInput when `data` is not RSS or Atom."""
    feed = feedparser.parse(data)
    if not feed.entries and (feed.bozo or not feed.version):
        problem = getattr(feed, "bozo_exception", None) or "no RSS or Atom elements"
        raise RejectedInput(f"not a valid RSS/Atom feed ({_first_line(problem)})")
    return feed


def feed_documents(
    data: bytes, *, source: str, fetcher: Fetcher | None
) -> Iterator[RawDocument | Outcome]:
    """One RawDocument per entry, or a rejected Outcome for an entry that cannot be read."""
    feed = parse_feed(data)
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        label = entry.get("link") or f"{source} entry {number}"
        try:
            yield _entry_document(entry, source=source, outlet=outlet, fetcher=fetcher)
        except RejectedInput as error:
            yield Outcome(label, "rejected", title=entry.get("title"), reason=error.message)


def _entry_document(
    entry: Any, *, source: str, outlet: str | None, fetcher: Fetcher | None
) -> RawDocument:
    link = entry.get("link")
    key = canonical_url(link) if link else f"{source}#{entry.get('id') or entry.get('title')}"
    text = fragment_text(_entry_body(entry))
    published = _entry_date(entry)
    if _is_teaser(text) and link and fetcher is not None:
        fetched = fetcher.get(link)
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
            published=published or page.published,
            outlet=outlet or page.outlet,
        )
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
        outlet=outlet,
    )


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return str(max((c.get("value", "") for c in contents), key=len))
    return str(entry.get("summary", ""))


def _entry_date(entry: Any) -> PartialDate | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return PartialDate(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def _is_teaser(text: str) -> bool:
    return len(text.split()) < TEASER_WORDS or text.rstrip().lower().endswith(_TEASER_ENDINGS)


def _first_line(problem: object) -> str:
    return str(problem).splitlines()[0][:120] if str(problem) else "unreadable"
