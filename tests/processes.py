"""Real processes for the crash and concurrency tests: start, watch, SIGKILL, and the stand-ins
they post to, served from the test process."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from benchmarks.generate import generate
from store.store import is_url

from .conftest import ROOT
from .discord_api import DiscordAPI
from .slack_api import SlackApi, serve_slack_api

_RUN_MARK = re.compile(r"run (\S+) \(\d+/\d+\)$")

# Far above any step the test waits for, so a hung child fails the test instead of hanging it.
PATIENCE = 120.0


@dataclass(frozen=True)
class Corpus:
    folder: Path
    articles: int


def shared_corpus(tmp_path_factory: pytest.TempPathFactory, size: int = 2000) -> Corpus:
    """A generated corpus of `size` articles, written once per test session (about 1 s a
    thousand)."""
    folder = tmp_path_factory.getbasetemp() / f"corpus-{size}"
    if not folder.exists():
        written = generate(size, folder, seed=7)
        # The manifest lists what the benchmark queries; it is not news.
        (folder / "manifest.json").unlink()
        (folder / ".articles").write_text(str(written.articles))
    return Corpus(folder, int((folder / ".articles").read_text()))


def child_env(tmp: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ATTACHE_LOG_FILE": str(tmp / "attache.log"), **extra}


def offline_env(tmp: Path) -> dict[str, str]:
    """Feed teasers link to *.example pages, a reserved name that never resolves.

    Fetches ignore proxy variables (see briefings/ingest/network.py); they are kept so that a
    fetch that did use them would fail at a dead local port rather than reach out.
    """
    return child_env(tmp, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")


def spawn(args: list[str], env: dict[str, str], output: Path) -> subprocess.Popen[bytes]:
    """A child in its own session, so its process group can be killed whole."""
    with output.open("wb") as out:
        return subprocess.Popen(
            args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill_group(child: subprocess.Popen[bytes]) -> int:
    """SIGKILL the child and everything it started; its exit code (negative: the signal)."""
    os.killpg(child.pid, signal.SIGKILL)
    code = child.wait(timeout=PATIENCE)
    wait_until(lambda: not _group_alive(child.pid), "the killed process group to be gone")
    return code


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until(
    done: Callable[[], bool], what: str, child: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + PATIENCE
    while not done():
        if child is not None and child.poll() is not None:
            pytest.fail(f"the child exited ({child.returncode}) while waiting for {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.01)


def ingest_args(corpus: Corpus, db: Path | str) -> list[str]:
    return [sys.executable, "-m", "bot", "ingest", str(corpus.folder), "--db", str(db), "--json"]


def committed_articles(db: Path | str) -> int:
    """Articles committed so far, read from another connection as the ingest writes."""
    if is_url(str(db)):
        with closing(psycopg.connect(str(db))) as pg:
            try:
                return int(pg.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
            except psycopg.errors.UndefinedTable:  # not migrated yet
                return 0
    db = Path(db)
    if not db.exists():
        return 0
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:  # not migrated yet
            return 0


@contextmanager
def serve_discord_api() -> Iterator[DiscordAPI]:
    """The Discord stand-in on its own event loop thread, so a plain test can serve it."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    api = DiscordAPI()
    asyncio.run_coroutine_threadsafe(api.start(), loop).result(PATIENCE)
    try:
        yield api
    finally:
        asyncio.run_coroutine_threadsafe(api.close(), loop).result(PATIENCE)
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


@dataclass
class StandIns:
    slack: SlackApi
    discord: DiscordAPI

    def posts(self) -> Counter[tuple[str, str, str]]:
        """Every digest message received, as (channel, run key, content), with its count."""
        found: Counter[tuple[str, str, str]] = Counter()
        for channel, messages in list(self.slack.messages.items()):
            for message in list(messages):
                payload = message["metadata"]["event_payload"]
                found[(channel, payload["run"], message["text"])] += 1
        for channel, messages in list(self.discord.history.items()):
            for message in list(messages):
                footer = message["embeds"][-1]["footer"]["text"]
                run = _RUN_MARK.search(footer)
                assert run is not None, footer
                found[(channel, run.group(1), json.dumps(message["embeds"]))] += 1
        return found

    def received(self) -> int:
        return sum(self.posts().values())


@contextmanager
def stand_ins() -> Iterator[StandIns]:
    with serve_slack_api() as slack, serve_discord_api() as discord_api:
        yield StandIns(slack, discord_api)


def start_poster(
    db: Path | str, tmp: Path, platforms: StandIns, clock: list[datetime]
) -> subprocess.Popen[bytes]:
    """tests/digest_child.py, posting every digest due at each instant of `clock`."""
    env = child_env(
        tmp,
        ATTACHE_DB=str(db),
        ATTACHE_DIGEST_QUIET_LINE="true",
        # The seeds are years old; in these digests they are still news.
        ATTACHE_DIGEST_MAX_AGE_DAYS="36525",
        SLACK_API_URL=platforms.slack.api_url,
        DISCORD_API_BASE=platforms.discord.base,
        DIGEST_CLOCK=",".join(t.isoformat() for t in clock),
    )
    args = [sys.executable, "-m", "tests.digest_child"]
    return spawn(args, env, tmp / f"poster-{time.monotonic_ns()}.out")
