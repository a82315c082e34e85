"""HTTP fetching with a size cap and a short timeout, one client per run."""

from __future__ import annotations

from dataclasses import dataclass

import courlan
import httpx

from briefings.errors import FetchError

USER_AGENT = "Attache/0.1 (diplomatic news briefing bot)"


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    data: bytes


def canonical_url(url: str) -> str:
    """The URL without fragment and tracking parameters, host lower-cased."""
    try:
        return str(courlan.normalize_url(url, strict=True))
    except (ValueError, AttributeError):
        return url


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


class Fetcher:
    """Fetches pages and feeds; every failure becomes a FetchError with a one-line reason."""

    def __init__(self, client: httpx.Client, max_bytes: int) -> None:
        self.client = client
        self.max_bytes = max_bytes

    def get(self, url: str) -> Fetched:
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} from {url}")
                data = self._read_capped(response, url)
                content_type = response.headers.get("content-type", "")
                return Fetched(str(response.url), content_type.split(";")[0].strip(), data)
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out fetching {url}") from error
        except httpx.HTTPError as error:
            raise FetchError(f"could not fetch {url}: {error}") from error

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"too large: {url} is {_megabytes(int(declared))}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"too large: {url} is over {_megabytes(self.max_bytes)}")
            chunks.append(chunk)
        return b"".join(chunks)


def new_client(timeout: float) -> httpx.Client:
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
