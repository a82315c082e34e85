"""The base of the local HTTP stand-ins: a server on 127.0.0.1, port 0, in a thread.

A stand-in's handler subclasses `StandIn` and answers in its `do_GET` or `do_POST`, with the
request body already read into `self.body`; `serve` starts the server, which records every
request it receives in `received`, and stops it when the `with` block ends (`serve_site` does
the same for a `Site`, what a test holds of a web site). The stand-ins' own rules (scopes,
membership, conditional requests, scripted replies) stay in their modules.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar


@dataclass(frozen=True)
class Received:
    """One request as it arrived; header names in lower case."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class LocalServer(ThreadingHTTPServer):
    """A threaded HTTP server on an OS-assigned port, recording what it receives."""

    def __init__(self, host: str, handler: type[StandIn]) -> None:
        super().__init__((host, 0), handler)
        self.received: list[Received] = []
        self.lock = threading.Lock()
        # Set when the server stops: handlers waiting on it (a slow reply) give up.
        self.stopping = threading.Event()

    @property
    def base(self) -> str:
        """The server's root URL, `http://host:port` without a trailing slash."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class StandIn(BaseHTTPRequestHandler):
    """A quiet request handler that reads and records each request before answering it."""

    server: LocalServer
    body: bytes = b""

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        with self.server.lock:
            self.server.received.append(Received(self.command, self.path, headers, self.body))
        return True

    def send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Answer with `body` whole, its type and length, and any further `headers`."""
        with suppress(ConnectionError):  # the client may hang up: a timeout, a body too big
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    """A running stand-in as a test sees it: its root URL and the requests it received."""

    base: str = ""
    received: list[Received] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


SiteT = TypeVar("SiteT", bound=Site)


@contextmanager
def serve(
    handler: type[StandIn], host: str = "127.0.0.1", poll_interval: float = 0.5
) -> Iterator[LocalServer]:
    """Serve `handler` on `host` (any loopback address) until the block ends.

    `poll_interval` is how long stopping may wait for the serving thread to notice.
    """
    server = LocalServer(host, handler)
    thread = threading.Thread(target=server.serve_forever, args=(poll_interval,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve_site(
    site: SiteT, handler: type[StandIn], host: str = "127.0.0.1", poll_interval: float = 0.5
) -> Iterator[SiteT]:
    """Serve `handler` for `site` until the block ends; `site` learns its URL and requests."""
    with serve(handler, host, poll_interval) as server:
        site.base, site.received = server.base, server.received
        yield site
