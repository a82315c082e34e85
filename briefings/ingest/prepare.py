"""Preparing one document: clean → dates → entities/acronyms → events → fingerprint (pure)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefings.cleaning import clean_text
from briefings.dates import find_dates
from briefings.entities import extract
from briefings.events import find_events
from briefings.ingest import dedupe
from briefings.ingest.documents import RawDocument
from briefings.model import Article, EntityRef, PartialDate, Passage

# Bump when cleaning or extraction changes, so re-ingesting refreshes stored articles.
PIPELINE_VERSION = "3"

_TITLE_WORDS = 14
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s")
_DATELINE_PREFIX = re.compile(r"^[A-ZÀ-Ỹ][A-ZÀ-Ỹ .,'-]{2,40}\s*(?:--|—|–|-)\s*")

Names = Mapping[str, Sequence[EntityRef]]


@dataclass(frozen=True)
class Prepared:
    """A prepared article and the MinHash of its body (None when too short to compare)."""

    article: Article
    fingerprint: dedupe.Fingerprint | None


def content_hash(raw: RawDocument) -> str:
    """What decides whether a stored article is unchanged: its text, metadata and our version."""
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


def prepare_document(raw: RawDocument, content_hash: str, known: Names) -> Prepared:
    """Everything the store needs of one document that does not depend on the store."""
    article = prepare(raw, content_hash, known)
    body = [p.text for p in article.passages if p.kind == "body"]
    return Prepared(article, dedupe.fingerprint(body))


def prepare(raw: RawDocument, content_hash: str, known: Names) -> Article:
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
