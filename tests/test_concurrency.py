"""Commands answered while another process ingests and a third posts digests, on one database.

SQLite allows one writer at a time; readers and the other writers must wait their turn
(WAL, busy timeout, BEGIN IMMEDIATE) instead of reaching a user as "database is locked".
On PostgreSQL the writers take turns by an advisory lock (store/postgres.py).
"""

from __future__ import annotations

import logging
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
import snowballstemmer

from bot.router import Context, Reply, Router, parse
from briefings import english
from store import Store

from .conftest import SEEDS, offline, run_ingest
from .processes import (
    PATIENCE,
    Corpus,
    committed_articles,
    ingest_args,
    kill_group,
    offline_env,
    shared_corpus,
    spawn,
    stand_ins,
    start_poster,
    wait_until,
)

COMMANDS = 200
THREADS = 8
# Users arrive in bursts, so commands race each other, over a few seconds, so the ingest
# commits all the while.
BURST = 20
BURST_EVERY = 0.3
CREATED = datetime(2025, 6, 2, 0, 0, tzinfo=UTC)
SLACK = Context("slack", "W1", "C0BUSY0001", "U1", is_admin=True)
ASKED = (
    "who Lavrov",
    "who Bui Thanh Son",
    "topic UNCLOS",
    "topic East Sea",
    "timeline Lavrov",
    "ask What did Vietnam ask Russia?",
    "who Nobody Atall",
    "topic e-mail foo:bar",
    "sources",
    "digest list",
    "digest preview Vietnam",
)

SEED_WORDS = sorted({w for p in SEEDS.iterdir() for w in re.findall(r"[a-z]{4,}", p.read_text())})


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    # Far more than the ingest can store while the commands are answered, however fast the
    # machine: the ingest is killed once they are, so the spare articles cost no run time.
    return shared_corpus(tmp_path_factory, size=8000)


def seeded_with_subscriptions(path: str) -> str:
    with Store.open(path) as store:
        run_ingest(store, [str(SEEDS)])
        for channel, platform in (("C0BUSY0001", "slack"), ("1300000000000000201", "discord")):
            added = store.add_subscription(
                platform, "W1", channel, "Vietnam", 'cron "0 * * * *"', "UTC", "U1"
            )
            store.db.execute(
                "UPDATE subscriptions SET created_at = ? WHERE id = ?",
                [CREATED.isoformat(timespec="seconds"), added.id],
            )
    return path


def command(rng: random.Random) -> str:
    """A known command, or a free question in words of the seeds (new words to stem)."""
    if rng.random() < 0.5:
        return rng.choice(ASKED)
    return "ask what about " + " ".join(rng.sample(SEED_WORDS, 6)) + "?"


def answer(router: Router, text: str, arrival: float) -> Reply:
    time.sleep(max(0.0, arrival - time.monotonic()))
    return router.handle(parse(text, context=SLACK))


def is_normal(reply: Reply) -> bool:
    """A briefing (found or not), a digest, an overview, or a line that is not an error."""
    answered = reply.briefing or reply.digest or reply.overview
    return answered is not None or (reply.text is not None and not reply.failed)


@pytest.mark.slow
def test_commands_get_normal_answers_while_an_ingest_and_a_digest_poster_write(
    corpus: Corpus, database: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = seeded_with_subscriptions(database)
    rng = random.Random(7)
    asked = [command(rng) for _ in range(COMMANDS)]
    router = Router(str(db), offline)
    clock = [CREATED + timedelta(hours=h, minutes=5) for h in range(1, 31)]
    with stand_ins() as platforms, ThreadPoolExecutor(THREADS) as pool:
        ingest = spawn(ingest_args(corpus, db), offline_env(tmp_path), tmp_path / "ingest.out")
        poster = start_poster(db, tmp_path, platforms, clock)
        wait_until(lambda: committed_articles(db) > 10, "the ingest to write", ingest)
        wait_until(lambda: platforms.received() > 0, "the first digest", poster)
        before = committed_articles(db)
        with caplog.at_level(logging.WARNING):
            start = time.monotonic()
            arrivals = [start + (i // BURST) * BURST_EVERY for i in range(COMMANDS)]
            replies = list(pool.map(partial(answer, router), asked, arrivals))
        after = committed_articles(db)
        still_ingesting = ingest.poll() is None
        assert 0 == poster.wait(timeout=PATIENCE), (tmp_path / "attache.log").read_text()
        kill_group(ingest)
        router.close()

    # The writers were at work the whole time the commands were answered.
    assert still_ingesting and before < after
    assert 2 * len(clock) == platforms.received()
    failures = [(text, r.text) for text, r in zip(asked, replies, strict=True) if not is_normal(r)]
    assert [] == failures, caplog.text
    assert "" == caplog.text
    assert "locked" not in (tmp_path / "ingest.out").read_text()


def test_words_stemmed_by_many_threads_at_once_get_their_own_stems() -> None:
    # The router answers in worker threads, and a snowball stemmer keeps the word it is
    # stemming on itself: shared unguarded, threads stem each other's words.
    rng = random.Random(1)
    endings = ("ational", "ization", "fulness", "iveness", "ically", "ings", "ed")
    words = [
        "".join(rng.choices("abcdefghilmnoprstu", k=rng.randint(6, 14))) + rng.choice(endings)
        for _ in range(20_000)
    ]
    alone = snowballstemmer.stemmer("english")
    english.stem.cache_clear()

    with ThreadPoolExecutor(THREADS) as pool:
        stems = list(pool.map(english.stem, words, chunksize=50))

    assert [alone.stemWord(w) for w in words] == stems
