"""Shared fixtures: a fresh store (on a temp file, or on PostgreSQL), the seeds, a router, and
local web servers."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypedDict, TypeVar

import discord
import psycopg
import pytest
import pytest_asyncio
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier
from sqlite_utils import Database

from bot.router import Router
from bot.slack import build_app
from bot.slack import new_client as slack_client
from briefings.compose import Limits
from briefings.ingest.fetch import Fetcher, new_client
from briefings.ingest.network import parse_networks
from briefings.ingest.pipeline import IngestReport, ingest
from store import Store
from store.schema import MIGRATIONS

from .discord_api import DiscordAPI
from .local_server import Site, StandIn, serve_site
from .slack_api import SlackApi, serve_slack_api

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MAX_BYTES = 10_000_000
# Fetching from 127.0.0.1 is refused by default; tests serve their pages there, so they allow
# loopback explicitly. Child processes get the same through ATTACHE_ALLOW_NETWORKS.
LOOPBACK = "127.0.0.0/8"
# The signing secret the Slack apps under test verify requests with.
SECRET = "test-secret"


# The store, briefing, digest and concurrency tests run on both backends; the rest on SQLite.
BOTH_BACKENDS = ("test_store", "test_digest", "test_briefing", "test_concurrency")
# The PostgreSQL server the tests may use (scripts/test-postgres starts one and prints this).
POSTGRES_URL = os.environ.get("ATTACHE_TEST_POSTGRES", "")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rpartition(".")[2]
    if "database" in metafunc.fixturenames and module.startswith(BOTH_BACKENDS):
        metafunc.parametrize("database", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the test's store lives: a new SQLite file, or a new schema on the PostgreSQL
    test server (dropped after the test)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield str(tmp_path / "attache.db")
        return
    with postgres_schema() as url:
        yield url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema (and `public`, where the
    extensions live); the schema is dropped afterwards."""
    admin = _postgres_admin()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema},public"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


_ADMIN: list[psycopg.Connection[tuple[object, ...]]] = []


def _postgres_admin() -> psycopg.Connection[tuple[object, ...]]:
    """One connection to the test server for the whole session; without a server the test
    skips, except in CI (CI=true), where a test that cannot run fails."""
    if _ADMIN and not _ADMIN[0].closed:
        return _ADMIN[0]
    problem = "ATTACHE_TEST_POSTGRES is not set (scripts/test-postgres start prints it)"
    if POSTGRES_URL:
        try:
            _ADMIN[:] = [psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5)]
            return _ADMIN[0]
        except psycopg.Error as error:
            problem = f"no PostgreSQL server at ATTACHE_TEST_POSTGRES: {error}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {problem}")
    pytest.skip(f"PostgreSQL tests need a server: {problem}")


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store.open(database) as opened:
        yield opened


@pytest.fixture
def seeded(store: Store) -> Store:
    report = run_ingest(store, [str(SEEDS)])
    assert {"new": 5, "updated": 0, "unchanged": 0, "rejected": 0} == report.counts
    return store


# A SQLite file's path, or a PostgreSQL URL.
Target = TypeVar("Target", str, Path)


def run_ingest(store: Store, targets: list[str], fetcher: Fetcher | None = None) -> IngestReport:
    return ingest(targets, store, fetcher=fetcher, max_bytes=MAX_BYTES)


def seeded_database(
    path: Target, *folders: Path, ingested: str | None = None
) -> tuple[Target, IngestReport]:
    """A new database at `path` holding the seeds and any `folders`, and the ingest's report.

    With `ingested`, every article is stamped as ingested then, so digests have a fixed window.
    """
    with Store.open(path) as store:
        report = run_ingest(store, [str(SEEDS), *map(str, folders)])
        if ingested is not None:
            store.db.execute("UPDATE articles SET ingested_at = ?", [ingested])
            store.db.conn.commit()
    return path, report


# -- the router ---------------------------------------------------------------------------------


def offline(store: Store, limits: Limits) -> None:
    """A router's writer without a model: briefings quote their sources."""
    return None


class RouterOptions(TypedDict, total=False):
    clock: Callable[[], datetime]
    on_subscriptions_changed: Callable[[], None]


@pytest.fixture
def router_database(seeded: Store) -> str:
    """The database the `router` answers from: by default the `seeded` store's.

    A test file that needs another (shared by the module, or with more in it) overrides this.
    """
    return seeded.path


@pytest.fixture
def router_options() -> RouterOptions:
    """The `router`'s clock and subscriptions hook; a test file overrides this to set them."""
    return {}


@pytest.fixture
def router(router_database: str | Path, router_options: RouterOptions) -> Iterator[Router]:
    """The shared command router, without a model, closed after the test."""
    opened = Router(str(router_database), offline, **router_options)
    yield opened
    opened.close()


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class WebServer(Site):
    """A web server on 127.0.0.1 serving `pages` by path; records the paths requested."""

    pages: dict[str, Page] = field(default_factory=dict)

    @property
    def requests(self) -> list[str]:
        """The paths requested, in order, query included."""
        return [request.path for request in self.received]

    def serve(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path.split("?")[0]] = Page(data, content_type, status, headers or {})
        return self.url(path)

    def redirect(self, path: str, to: str) -> str:
        return self.serve(path, b"", "text/plain", 302, {"Location": to})


@pytest.fixture
def web() -> Iterator[WebServer]:
    with serve_web("127.0.0.1") as served:
        yield served


@contextmanager
def serve_web(host: str) -> Iterator[WebServer]:
    """A WebServer on `host` (any loopback address) until the block ends."""
    state = WebServer()

    class Handler(StandIn):
        def do_GET(self) -> None:
            bare = self.path.split("?")[0]  # like real sites, ignore tracking parameters
            missing = Page(b"not found", "text/plain", 404)
            page = state.pages.get(self.path) or state.pages.get(bare, missing)
            self.send(page.status, page.body, page.content_type, page.headers.items())

    with serve_site(state, Handler, host):
        yield state


@contextmanager
def fetching(allow: str = LOOPBACK, timeout: float = 5) -> Iterator[Fetcher]:
    """A fetcher allowed to reach the networks in `allow`, as ATTACHE_ALLOW_NETWORKS says."""
    with new_client(timeout, allow=parse_networks(allow)) as client:
        yield Fetcher(client, MAX_BYTES)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with fetching() as opened:
        yield opened


@pytest.fixture
def app(router: Router, slack_api: SlackApi) -> AsyncApp:
    """Attaché's Bolt app over the `router`, its Web API the `slack_api` stand-in."""
    return slack_app(router, slack_api)


@pytest.fixture
def slack_api() -> Iterator[SlackApi]:
    """The local stand-in for Slack's Web API and response URLs."""
    with serve_slack_api() as api:
        yield api


@pytest_asyncio.fixture
async def discord_api() -> AsyncIterator[DiscordAPI]:
    """The local stand-in for Discord's HTTP API, with discord.py pointed at it."""
    server = DiscordAPI()
    await server.start()
    real_base = discord.http.Route.BASE
    discord.http.Route.BASE = server.base
    yield server
    discord.http.Route.BASE = real_base
    await server.close()


# -- Slack requests, signed as Slack signs them ------------------------------------------------


class _Signer(SignatureVerifier):
    """slack_sdk's own request signer, for any secret a forger may try.

    SignatureVerifier refuses an empty secret when it is made, rightly for verifying; a
    forged request may still be signed with one, so this sets the secret without that check.
    """

    def __init__(self, secret: str) -> None:
        self._signing_secret = secret


def signed(body: str, *, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """The headers Slack sends with `body`: its timestamp (now unless given) and signature."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = _Signer(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None
    return {"x-slack-request-timestamp": stamp, "x-slack-signature": signature}


def slack_app(router: Router, api: SlackApi, admins: frozenset[str] = frozenset()) -> AsyncApp:
    """The Bolt app Attaché builds, verifying with SECRET, its Web API the local stand-in."""
    client = slack_client("xoxb-test", base_url=api.api_url)
    return build_app(router, client, signing_secret=SECRET, command="/brief", admins=admins)


def database_at_version(path: Path, version: int) -> Database:
    """A database built by the first `version` migrations only, as an older Attaché left it."""
    db = Database(path)
    for number, step in enumerate(MIGRATIONS[:version], start=1):
        with db.atomic():
            step(db)
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [str(number)],
            )
    return db
