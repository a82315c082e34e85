"""Preparing one document: clean → dates → entities/acronyms → events → fingerprint (pure)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from briefings.cleaning import clean_text
from briefings.dates import find_dates, url_date
from briefings.entities import extract
from briefings.events import find_events
from briefings.ingest import dedupe
from briefings.ingest.documents import RawDocument
from briefings.model import Article, EntityRef, PartialDate, Passage
from briefings.repetition import Chrome, is_repeated
from briefings.sentences import sentence_spans

# Bump when cleaning or extraction changes, so re-ingesting refreshes stored articles.
PIPELINE_VERSION = "12"  # 12: receptions, visits to places, joint and trilateral summits,
# sittings of commissions and committees, elections and disasters as events; talks named by
# surnames; Russian summits in the nominative
# 11: undated events kept, RIA's dateline, back-referring cues; the
# principals' talks and visits by kind as events (talks.py); captions without credits; bodies
# and acronyms in every language; key phrases refitted
# 10: sentences (тыс., г.), events told and announced in four
# languages (tense by clause, agreements to meet, undated visits), key phrases from noun phrases
# 9: people linked across forms and scripts (ingest/linking.py)
# 8: Vietnamese dates and events, agencies never participants, feed days
# 7: chrome inside the story (link boxes, bylines, writers' notes)
# (6: wire datelines off the first paragraph, places and bodies in other languages, key
# phrases and summits; 5: the line classifier, names across scripts, URL dates)

_TITLE_WORDS = 14
# Longest body passage. Finding acronym definitions, roles before names and events costs
# more than linear time in a passage's length, and a file with no blank lines or no line
# breaks at all is one "paragraph" (1 MB of it took two minutes). Real paragraphs stay far
# below this, so they are never cut; an overlong one is cut between sentences.
MAX_PASSAGE_CHARS = 4000
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
        raw.channel or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def prepare_document(
    raw: RawDocument,
    content_hash: str,
    known: Names,
    chrome: Chrome = frozenset(),
    latest: date | None = None,
) -> Prepared:
    """Everything the store needs of one document that does not depend on the store;
    `chrome` holds the shapes of the lines its source repeats (briefings/repetition.py);
    a publication date after `latest` is no publication date (a typo, a wrong clock)."""
    article = prepare(raw, content_hash, known, chrome, latest)
    body = [p.text for p in article.passages if p.kind == "body"]
    return Prepared(article, dedupe.fingerprint(body))


def prepare(
    raw: RawDocument,
    content_hash: str,
    known: Names,
    chrome: Chrome = frozenset(),
    latest: date | None = None,
) -> Article:
    """Clean, date and annotate one document (pure: no store access); publication dates
    after `latest` are passed over."""
    clean = clean_text(raw.text, is_repeated(chrome))
    title = raw.title or clean.title
    filed = url_date(raw.url)
    stated = (raw.published, clean.published, filed[0] if filed else None)
    published = next((d for d in stated if d is not None and not published_after(d, latest)), None)
    passages = (
        Passage("title", title or derive_title(clean.paragraphs)),
        *(Passage("body", text) for p in clean.paragraphs for text in passage_texts(p)),
        *(Passage("caption", text) for text in clean.captions),
        *clean.dateline_passages,
    )
    extraction = extract(passages, known, clean.language)
    dates = tuple(
        (index, mention)
        for index, passage in enumerate(passages)
        if passage.kind != "dateline"
        for mention in find_dates(passage.text, published, clean.language)
    )
    reporters = [name for name in (raw.outlet, clean.outlet, raw.channel) if name]
    events = find_events(passages, dates, extraction.mentions, published, reporters, clean.language)
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
        outlet=raw.outlet or clean.outlet or raw.channel,
        author=raw.author,
        language=clean.language,
        published=published,
        published_text=raw.published_text or clean.published_text or (filed[1] if filed else None),
        encoding=raw.encoding,
        dates=dates,
        extraction=extraction,
        events=events,
        removed=clean.removed,
    )


def passage_texts(paragraph: str) -> Iterator[str]:
    """The paragraph, or an overlong one in pieces of whole sentences, each at most
    MAX_PASSAGE_CHARS (a longer sentence is cut at a space)."""
    if len(paragraph) <= MAX_PASSAGE_CHARS:
        yield paragraph
        return
    start = end = 0
    for sentence_start, sentence_end in sentence_spans(paragraph):
        if sentence_end - start > MAX_PASSAGE_CHARS and end > start:
            yield paragraph[start:end]
            start = sentence_start
        end = sentence_end
        while end - start > MAX_PASSAGE_CHARS:
            cut = _cut_at_space(paragraph, start)
            yield paragraph[start:cut].rstrip()
            start = cut
    if end > start:
        yield paragraph[start:end]


def _cut_at_space(text: str, start: int) -> int:
    space = text.rfind(" ", start + 1, start + MAX_PASSAGE_CHARS)
    cut = space if space > start else start + MAX_PASSAGE_CHARS
    while cut < len(text) and text[cut] == " ":
        cut += 1
    return cut


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


def published_after(published: PartialDate, latest: date | None) -> bool:
    """Whether a publication date falls after `latest` (a year or month: all of it does)."""
    if latest is None or published.year is None:
        return False
    month, day = published.month or 1, published.day or 1
    return (published.year, month, day) > (latest.year, latest.month, latest.day)
