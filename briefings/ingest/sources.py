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
from briefings.ingest.files import LEADS_OUTSIDE, leads_outside, read_file, read_head, shown_path
from briefings.ingest.html import page_document

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# Bytes of a document `sniff` looks at.
_HEAD = 1024
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


@dataclass(frozen=True)
class Location:
    """One thing to load: a file (found directly or inside a folder) or a URL.

    `folder` is the resolved folder a file was found in: nothing outside it is read.
    """

    where: str
    source: str
    folder: str | None = None

    @property
    def shown(self) -> str:
        """`where` as valid text, for reports and the store."""
        return shown_path(self.where)


def locations(targets: Iterable[str]) -> Iterator[Location | Outcome]:
    """Every file under the targets (folders recursively, hidden entries skipped) and URLs.

    Whatever is not a folder is handed on, FIFOs and sockets too: reading refuses them with
    a reason, where a check here would be silent.
    """
    for target in targets:
        if is_url(target):
            yield Location(target, target)
            continue
        path = Path(target).expanduser()
        if path.is_dir():
            yield from _walk(path, str(path.resolve()))
        elif path.exists():
            yield Location(str(path), shown_path(str(path.resolve())))
        else:
            yield Outcome(shown_path(target), "rejected", reason="no such file or directory")


def _walk(top: Path, folder: str) -> Iterator[Location | Outcome]:
    source = shown_path(folder)
    # Symlinked folders are never descended (os.walk's default): no loops, and one that
    # leads outside is reported; one inside is walked as itself anyway.
    for root, dirs, files in os.walk(top):
        for name in sorted(d for d in dirs if Path(root, d).is_symlink()):
            if not name.startswith(".") and leads_outside(str(Path(root, name)), folder):
                yield Outcome(shown_path(str(Path(root, name))), "rejected", reason=LEADS_OUTSIDE)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            yield Location(str(Path(root, name)), source, folder)


def documents(
    location: Location, *, fetcher: Fetcher | None, max_bytes: int
) -> Iterator[RawDocument | Outcome]:
    """The documents at one location; failures come back as rejected Outcomes."""
    try:
        yield from _documents(location, fetcher=fetcher, max_bytes=max_bytes)
    except RejectedInput as error:
        yield Outcome(location.shown, "rejected", reason=error.message)
    except OSError as error:
        yield Outcome(location.shown, "rejected", reason=f"cannot read: {error.strerror or error}")


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
        data = read_file(location.where, location.folder, max_bytes)
        path = shown_path(str(Path(location.where).resolve()))
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


def file_kind(location: Location) -> str:
    """What `sniff` makes of a file from its name and first bytes, without reading the rest."""
    return sniff(location.where, read_head(location.where, location.folder, _HEAD))


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
