"""Where a fetch may connect, and for how long: the outbound policy, enforced at the socket.

A URL from a feed or a page is untrusted: it can name, or redirect to, the cloud metadata
service (169.254.169.254), a router's admin page or a database on the intranet. So no
connection is opened to a loopback, private, link-local, unique-local, shared, multicast,
reserved or unspecified address unless ATTACHE_ALLOW_NETWORKS lists its network.

The check lives in the httpcore network backend, the one place every connection is opened:
the host name is resolved once, each address is checked, and the socket is connected to
that same checked address. Checking a name and then letting the library resolve it again
would let a DNS answer that changes between the two lookups (rebinding) slip through.
Redirects, teaser pages and canonical links all open their connections here too. TLS is
unaffected: httpcore starts it on the connected stream with the URL's host as SNI and for
certificate checks. Environment proxies are not used (httpx ignores them once a transport is
given): through a proxy the address connected to would be the proxy's, not the site's.

The same backend bounds every read, write and connect by the document's total deadline
(`deadline`), so a server dripping a byte every second cannot hold a fetch for longer.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import typing
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import httpcore
import httpx

from briefings.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

REFUSED = "refused: {where} is {kind} address; set ATTACHE_ALLOW_NETWORKS to allow it"
BAD_NETWORK = "ATTACHE_ALLOW_NETWORKS: {text!r} is not a network; write CIDRs like 10.0.0.0/8"

# Carrier-grade NAT space: not on the public internet, yet not `is_private` in Python.
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
# httpx's own defaults.
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)

# When the document being fetched must be complete (time.monotonic()); None: no deadline.
_deadline: ContextVar[float | None] = ContextVar("fetch_deadline", default=None)


def parse_networks(text: str) -> tuple[Network, ...]:
    """The networks in a comma-separated list of CIDRs; ValueError names a bad one."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(BAD_NETWORK.format(text=item)) from None
    return tuple(networks)


def address_kind(address: Address) -> str | None:
    """Why `address` is not on the public internet (`loopback`, `link-local`, ...), else None."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    checks: tuple[tuple[str, bool], ...] = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unique-local", address in _UNIQUE_LOCAL),
        ("shared", address in _SHARED),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("reserved", not address.is_global),
    )
    return next((kind for kind, applies in checks if applies), None)


@dataclass(frozen=True)
class OutboundPolicy:
    """Public addresses, plus the networks the operator allowed."""

    allowed: tuple[Network, ...] = ()

    def refusal(self, host: str, address: Address) -> str | None:
        """The one-line reason not to connect to `address` (named `host`), or None."""
        kind = address_kind(address)
        if kind is None or self._allows(address):
            return None
        where = str(address) if host.strip("[]") == str(address) else f"{host} ({address})"
        return REFUSED.format(where=where, kind=("an " if kind == "unspecified" else "a ") + kind)

    def _allows(self, address: Address) -> bool:
        candidates: list[Address] = [address]
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            candidates.append(address.ipv4_mapped)
        return any(a in n for a in candidates for n in self.allowed if a.version == n.version)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every connection opened, and every read and write, ends within `seconds` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def past_deadline() -> bool:
    ends = _deadline.get()
    return ends is not None and time.monotonic() >= ends


def _bounded(timeout: float | None, timed_out: type[Exception]) -> float | None:
    ends = _deadline.get()
    if ends is None:
        return timeout
    left = ends - time.monotonic()
    if left <= 0:
        # A zero socket timeout would mean non-blocking, not "already late".
        raise timed_out("the document's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the current document's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self.stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses the policy allows, resolving each name once."""

    def __init__(self, policy: OutboundPolicy) -> None:
        self.policy = policy
        self.sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        refused, failure = None, None
        for address in _resolve(host, port):
            if reason := self.policy.refusal(host, address):
                refused = refused or reason
                continue
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            try:
                # The literal address: what was checked is what is connected to.
                stream = self.sockets.connect_tcp(
                    str(address), port, bounded, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
                continue
            return _DeadlineStream(stream)
        if failure is not None:
            raise failure
        raise FetchError(refused or f"{host} has no address to connect to")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise FetchError("refused: fetching through a Unix socket is not allowed")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _resolve(host: str, port: int) -> list[Address]:
    try:
        found = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
    addresses: list[Address] = []
    for *_, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool opening sockets through GuardedBackend."""

    def __init__(self, policy: OutboundPolicy) -> None:
        super().__init__()
        # httpx takes no network backend argument (encode/httpx#3749 proposes one), so the
        # pool it built is replaced by the same pool on our backend; everything else,
        # exception mapping included, stays httpx's.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=_LIMITS.max_connections,
            max_keepalive_connections=_LIMITS.max_keepalive_connections,
            keepalive_expiry=_LIMITS.keepalive_expiry,
            network_backend=GuardedBackend(policy),
        )
