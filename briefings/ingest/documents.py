"""What a loader hands to the pipeline: one decoded document and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.model import PartialDate


@dataclass(frozen=True)
class RawDocument:
    """The text of one article before cleaning, with the metadata its container gave.

    `key` identifies the article across runs: a canonical URL, a feed entry id, or a
    file's location. `extracted` is true when the text already comes out of an HTML
    extractor (titles and dates then come from metadata rather than from the text).
    `own_key` is set when `key` is the canonical link a page declared rather than the address
    it came from: the page is filed under `own_key` instead when the article stored at `key`
    tells another story, so no page can overwrite an article by naming its URL.
    """

    key: str
    source_kind: str
    text: str
    source: str
    url: str | None = None
    path: str | None = None
    title: str | None = None
    published: PartialDate | None = None
    published_text: str | None = None
    author: str | None = None
    outlet: str | None = None
    # The feed's title: the outlet only when neither the item, its page nor a dateline
    # names one (an aggregator's feed carries many outlets' stories).
    channel: str | None = None
    encoding: str = "utf-8"
    extracted: bool = False
    own_key: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: `new`, `updated`, `unchanged` or `rejected`."""

    location: str
    status: str
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None
    note: str | None = None
