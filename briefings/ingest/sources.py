"""Turn what the user named (files, folders, URLs) into raw documents, one kind at a time.

To add a source type: teach `sniff` to recognise it and add a branch to `_documents`
that returns RawDocuments (see docs/architecture.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from briefings.errors import RejectedInput
from briefings.ingest.decoding import decode
from briefings.ingest.documents import Outcome, RawDocument
from briefings.ingest.feeds import feed_documents
from briefings.ingest.fetch import Fetcher, canonical_url, is_url
from briefings.ingest.html import page_document

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# Bytes of a document `sniff` looks at.
_HEAD = 1024
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


@dataclass(frozen=True)
class Location:
    """One thing to load: a file (found directly or inside a folder) or a URL."""

    where: str
    source: str


def locations(targets: Iterable[str]) -> Iterator[Location | Outcome]:
    """Every file under the targets (folders recursively, hidden entries skipped) and URLs."""
    for target in targets:
        if is_url(target):
            yield Location(target, target)
            continue
        path = Path(target).expanduser()
        if path.is_dir():
            yield from (Location(str(f), str(path.resolve())) for f in _walk(path))
        elif path.is_file():
            yield Location(str(path), str(path.resolve()))
        else:
            yield Outcome(target, "rejected", reason="no such file or directory")


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in sorted(files) if not f.startswith("."))
    return found


def documents(
    location: Location, *, fetcher: Fetcher | None, max_bytes: int
) -> Iterator[RawDocument | Outcome]:
    """The documents at one location; failures come back as rejected Outcomes."""
    try:
        yield from _documents(location, fetcher=fetcher, max_bytes=max_bytes)
    except RejectedInput as error:
        yield Outcome(location.where, "rejected", reason=error.message)
    except OSError as error:
        yield Outcome(location.where, "rejected", reason=f"cannot read: {error.strerror or error}")


@dataclass(frozen=True)
class _Loaded:
    data: bytes
    kind: str
    url: str | None
    path: str | None
    # The address fetched, when `url` is the canonical link the page declared instead.
    fetched_url: str | None = None

    @property
    def key(self) -> str:
        return self.url or f"file://{self.path}"


def _load(location: Location, fetcher: Fetcher | None, max_bytes: int) -> _Loaded:
    if not is_url(location.where):
        data = _read_file(Path(location.where), max_bytes)
        path = str(Path(location.where).resolve())
        return _Loaded(data, sniff(location.where, data), None, path)
    if fetcher is None:
        raise RejectedInput("fetching URLs is not available here; use `attache ingest`")
    fetched = fetcher.get(location.where)
    kind = sniff(fetched.url, fetched.data, fetched.content_type)
    url, own = canonical_url(fetched.url), canonical_url(fetched.final or fetched.url)
    return _Loaded(fetched.data, kind, url, None, own if own != url else None)


def _documents(
    location: Location, *, fetcher: Fetcher | None, max_bytes: int
) -> Iterator[RawDocument | Outcome]:
    loaded = _load(location, fetcher, max_bytes)
    if loaded.kind == "feed":
        yield from feed_documents(loaded.data, source=location.source, fetcher=fetcher)
        return
    text, encoding = decode(loaded.data)
    if loaded.kind == "html":
        page = page_document(
            text, key=loaded.key, source=location.source, url=loaded.url, path=loaded.path
        )
        yield replace(page, encoding=encoding, own_key=loaded.fetched_url)
        return
    yield RawDocument(
        key=loaded.key,
        source_kind="text",
        text=text,
        source=location.source,
        url=loaded.url,
        path=loaded.path,
        encoding=encoding,
        own_key=loaded.fetched_url,
    )


def _read_file(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise RejectedInput(
            f"file too large: {size / 1_000_000:.1f} MB (limit {max_bytes / 1_000_000:.0f} MB)"
        )
    return path.read_bytes()


def file_kind(path: str) -> str:
    """What `sniff` makes of a file from its name and first bytes, without reading the rest."""
    with open(path, "rb") as file:
        return sniff(path, file.read(_HEAD))


def sniff(name: str, data: bytes, content_type: str = "") -> str:
    """`feed`, `html` or `text`, from the content type, the name and the first bytes."""
    head = data[:_HEAD].lstrip().lower()
    if content_type.startswith(_FEED_TYPES) or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if b"<rss" in head or b"<feed" in head:
        return "feed"
    if content_type == "text/html" or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    suffix = Path(name.split("?")[0]).suffix.lower()
    if suffix in _FEED_SUFFIXES:
        return "feed"
    return "html" if suffix in _HTML_SUFFIXES else "text"
