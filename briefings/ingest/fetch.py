"""HTTP fetching with a size cap, a total deadline per document, conditional requests and the
outbound policy of network.py, one client per run."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan
import httpx

from briefings.errors import FetchError
from briefings.ingest.network import (
    GuardedTransport,
    Network,
    OutboundPolicy,
    deadline,
    past_deadline,
)

USER_AGENT = "Attache/0.1 (diplomatic news briefing bot)"
# The declared canonical link sits in the head; never scan a whole 10 MB page for it.
_HEAD_BYTES = 65_536
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_REL_CANONICAL = re.compile(rb"""\brel\s*=\s*["']?canonical\b""", re.I)
_HREF = re.compile(rb"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# AMP copies of a page: /amp/ segments, a trailing /amp, story.amp.html, and Google's caches.
_AMP_SEGMENT = re.compile(r"/amp(?=/|$)", re.I)
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$|$)", re.I)
_AMP_CACHE = re.compile(
    r"^https?://(?:[^/]+\.cdn\.ampproject\.org/[cv]/|(?:www\.)?google\.[a-z.]+/amp/)(s/)?(.+)$",
    re.I,
)
_SAME_SITE_PREFIXES = ("www.", "amp.", "m.")
PAGE_WORKERS = 4
PAGE_BUDGET = 120.0


@dataclass(frozen=True)
class Validators:
    """What a server said about a response, to ask next time whether it changed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True)
class Fetched:
    """A fetched document. `url` is the address it answers to: the page's declared canonical
    link when it names one on the same site, else `final`, the URL after redirects."""

    url: str
    content_type: str
    data: bytes
    validators: Validators = Validators()
    final: str = ""


def canonical_url(url: str) -> str:
    """The URL without fragment, tracking parameters and AMP markers, host lower-cased."""
    try:
        normal = str(courlan.normalize_url(_from_amp_cache(url), strict=True))
    except (ValueError, AttributeError):
        return url
    parts = urlsplit(normal)
    path = _AMP_SUFFIX.sub("", _AMP_SEGMENT.sub("", parts.path)) or "/"
    return urlunsplit(parts._replace(path=path))


def _from_amp_cache(url: str) -> str:
    cached = _AMP_CACHE.match(url)
    if not cached:
        return url
    scheme = "https://" if cached.group(1) else "http://"
    return scheme + cached.group(2)


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


class Fetcher:
    """Fetches pages and feeds; every failure becomes a FetchError with a one-line reason.

    The client's timeout is also each document's total deadline, redirects included: httpx
    applies it to each read, which a server sending a byte at a time never exceeds.
    """

    def __init__(
        self,
        client: httpx.Client,
        max_bytes: int,
        *,
        page_workers: int = PAGE_WORKERS,
        page_budget: float = PAGE_BUDGET,
    ) -> None:
        self.client = client
        self.max_bytes = max_bytes
        self.timeout = client.timeout.read or 15.0
        # Teaser pages of one feed: how many are fetched at once, and for how many seconds.
        self.page_workers = page_workers
        self.page_budget = page_budget

    def get(self, url: str) -> Fetched:
        fetched = self.get_if_changed(url, Validators())
        assert fetched is not None  # no validators sent, so no 304
        return fetched

    def get_if_changed(self, url: str, known: Validators) -> Fetched | None:
        """The document, or None when the server answers 304: unchanged since `known`."""
        try:
            with (
                deadline(self.timeout),
                self.client.stream("GET", url, headers=known.headers()) as response,
            ):
                return self._fetched(response, url)
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out fetching {url}") from error
        except httpx.HTTPError as error:
            raise FetchError(f"could not fetch {url}: {error}") from error

    def _fetched(self, response: httpx.Response, url: str) -> Fetched | None:
        if response.status_code == 304:
            return None
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} from {url}")
        data = self._read_capped(response, url)
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        final = str(response.url)
        validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        answers_to = declared_canonical(final, data) or final
        return Fetched(answers_to, content_type, data, validators, final)

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"too large: {url} is {_megabytes(int(declared))}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            if past_deadline():
                raise FetchError(f"timed out fetching {url}")
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"too large: {url} is over {_megabytes(self.max_bytes)}")
            chunks.append(chunk)
        return b"".join(chunks)


def declared_canonical(url: str, page: bytes) -> str | None:
    """The `<link rel="canonical">` of an HTML page, when it points to the same site."""
    for tag in _LINK_TAG.findall(page[:_HEAD_BYTES]):
        href = _HREF.search(tag)
        if _REL_CANONICAL.search(tag) and href:
            value = next(g for g in href.groups() if g is not None)
            target = urljoin(url, value.decode("utf-8", errors="replace").strip())
            return target if is_url(target) and same_site(url, target) else None
    return None


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on one site, ignoring a `www.`, `amp.` or `m.` host prefix."""
    return _site(a) == _site(b) != ""


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in _SAME_SITE_PREFIXES:
        host = host.removeprefix(prefix)
    return host


def new_client(timeout: float, allow: tuple[Network, ...] = ()) -> httpx.Client:
    """A client that connects only to public addresses and the `allow`ed networks."""
    return httpx.Client(
        transport=GuardedTransport(OutboundPolicy(allow)),
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
