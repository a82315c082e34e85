"""Crash safety, proved by killing real processes: `attache ingest` and the digest poster.

Each process is SIGKILLed (its whole process group, so any worker it started dies with it) at
points drawn from a seeded random generator, then restarted, several times over. Kills are
timed by what the process has done — articles committed, digests received by the stand-in —
so they land mid-run. Afterwards nothing may be missing, doubled or half-written.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import signal
import sqlite3
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import messages
from briefings.ingest.documents import RawDocument
from briefings.ingest.pipeline import prepare
from briefings.ingest.sources import Location, documents
from store import Store

from .conftest import MAX_BYTES, SEEDS, run_ingest
from .processes import (
    PATIENCE,
    Corpus,
    StandIns,
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

SEED = 20250407


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return shared_corpus(tmp_path_factory)


INGEST_KILLS = 5
# Articles re-checked against a fresh, uninterrupted preparation of their file.
SAMPLED = 300
# -- ingest ------------------------------------------------------------------------------------


def kill_targets(rng: random.Random, total: int, kills: int, margin: int = 100) -> list[int]:
    """One count of work done per kill, one in each slice of the run, so kills spread across it."""
    share = (total - 2 * margin) // kills
    return [margin + i * share + rng.randrange(max(share // 2, 1)) for i in range(kills)]


@dataclass(frozen=True)
class Kill:
    """Where a kill landed: `at` units of work done (articles, digests), `in_flight` digest
    runs recorded but not yet marked posted."""

    target: int
    at: int
    exit_code: int
    in_flight: int = 0


def ingest_and_kill(corpus: Corpus, db: Path, tmp: Path, target: int, rng: random.Random) -> Kill:
    child = spawn(ingest_args(corpus, db), offline_env(tmp), tmp / "killed.out")
    wait_until(lambda: committed_articles(db) >= target, f"{target} articles", child)
    # A little further, so the kill falls anywhere within an article, not just after a commit.
    time.sleep(rng.uniform(0, 0.05))
    return Kill(target, committed_articles(db), kill_group(child))


def ingest_to_the_end(corpus: Corpus, db: Path, tmp: Path) -> dict[str, Any]:
    output = tmp / "ingest.json"
    child = spawn(ingest_args(corpus, db), offline_env(tmp), output)
    assert 0 == child.wait(timeout=PATIENCE), output.read_text()
    report: dict[str, Any] = json.loads(output.read_text())
    return report


def half_written(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """Articles missing a part every article has: title first, body, seq gapless, names, bands."""
    checks = {
        "title": "NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id"
        " AND p.seq = 0 AND p.kind = 'title')",
        "body": "NOT EXISTS (SELECT 1 FROM passages p WHERE p.article_id = a.id"
        " AND p.kind = 'body')",
        "seq": "(SELECT max(seq) + 1 - count(*) FROM passages p WHERE p.article_id = a.id) != 0",
        "mentions": "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)",
        "bands": "NOT EXISTS (SELECT 1 FROM article_bands b WHERE b.article_id = a.id)",
    }
    found = []
    for part, missing in checks.items():
        rows = conn.execute(f"SELECT id FROM articles a WHERE {missing}")
        found += [(int(row[0]), part) for row in rows]
    return found


def stored_article(conn: sqlite3.Connection, key: str) -> tuple[list[tuple[str, str]], int]:
    row = conn.execute("SELECT id FROM articles WHERE key = ?", [key]).fetchone()
    assert row is not None, f"{key} is missing"
    passages = conn.execute(
        "SELECT kind, text FROM passages WHERE article_id = ? ORDER BY seq", [row[0]]
    ).fetchall()
    dates = conn.execute("SELECT count(*) FROM dates WHERE article_id = ?", [row[0]]).fetchone()
    return [(kind, text) for kind, text in passages], int(dates[0])


def prepared_afresh(path: Path) -> tuple[str, list[tuple[str, str]], int]:
    """A page's key, passages and date count, prepared in this process from its file."""
    location = Location(str(path), str(path.parent.resolve()))
    [raw] = documents(location, fetcher=None, max_bytes=MAX_BYTES)
    assert isinstance(raw, RawDocument)
    article = prepare(raw, "", {})
    passages: list[tuple[str, str]] = [(p.kind, p.text) for p in article.passages]
    return raw.key, passages, len(article.dates)


@pytest.mark.slow
def test_an_ingest_killed_mid_run_five_times_leaves_every_article_once_and_whole(
    corpus: Corpus, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "attache.db"

    kills = [
        ingest_and_kill(corpus, db, tmp_path, target, rng)
        for target in kill_targets(rng, corpus.articles, INGEST_KILLS)
    ]
    finished = ingest_to_the_end(corpus, db, tmp_path)
    again = ingest_to_the_end(corpus, db, tmp_path)

    # Every kill hit a live ingest part-way through the corpus.
    assert [-signal.SIGKILL] * INGEST_KILLS == [k.exit_code for k in kills]
    assert all(k.target <= k.at < corpus.articles for k in kills), kills
    stored = [o for o in again["outcomes"] if o["status"] != "rejected"]
    rejected = [o for o in again["outcomes"] if o["status"] == "rejected"]
    print(f"ingest: {corpus.articles} articles, kills {kills}, {len(stored)} stored")
    assert {"unchanged"} == {o["status"] for o in stored}
    assert corpus.articles == len(stored) + len(rejected) == len(finished["outcomes"])
    # Only feed teasers whose page cannot be fetched offline are turned away.
    assert all(o["reason"].startswith("could not fetch") for o in rejected), rejected
    with closing(sqlite3.connect(db)) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
        assert sorted(o["article_id"] for o in stored) == ids
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES('integrity-check')")
        # Rank 1 also compares the index with the passages table it is built from.
        conn.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1)")
        passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM passages_fts_docsize").fetchone()[0]
        assert passages == indexed
        assert [] == half_written(conn)
        pages = sorted(p for p in corpus.folder.iterdir() if p.suffix in {".txt", ".html"})
        for path in random.Random(SEED).sample(pages, SAMPLED):
            key, expected_passages, expected_dates = prepared_afresh(path)
            assert (expected_passages, expected_dates) == stored_article(conn, key)


# -- digests -----------------------------------------------------------------------------------

DIGEST_KILLS = 5
CREATED = datetime(2025, 6, 2, 0, 0, tzinfo=UTC)
# Hours between the instants the poster wakes at: the gaps of several hours are downtime, so
# their digests are catch-up runs covering every slot missed.
WAKE_GAPS = (1, 1, 1, 3, 1, 2, 1, 1, 4, 1, 1, 5, 1, 2)
SUBSCRIPTIONS = (
    ("slack", "C0CRASH0001", "Vietnam", 'cron "0 * * * *"', "UTC"),
    ("slack", "C0CRASH0002", "Russia", 'cron "30 * * * *"', "Europe/Paris"),
    ("slack", "C0CRASH0003", "ASEAN", "daily 08:00", "Europe/Paris"),
    ("discord", "1300000000000000101", "Vietnam", 'cron "0 * * * *"', "Asia/Ho_Chi_Minh"),
    ("discord", "1300000000000000102", "China", 'cron "0 */2 * * *"', "UTC"),
)
CATCHING_UP = messages.DIGEST_CATCHING_UP.split(":")[0]


def wake_times() -> list[datetime]:
    hours = itertools.accumulate(WAKE_GAPS)
    return [CREATED + timedelta(hours=h, minutes=5) for h in hours]


def digest_db(path: Path) -> Path:
    """The seeds, ingested across the woken-up hours, and every subscription."""
    with Store.open(path) as store:
        run_ingest(store, [str(SEEDS)])
        with store.db.conn:
            for article_id in range(1, 6):
                ingested = CREATED + timedelta(hours=4 * article_id + 1)
                store.db.execute(
                    "UPDATE articles SET ingested_at = ? WHERE id = ?",
                    [ingested.isoformat(timespec="seconds"), article_id],
                )
        for platform, channel, filter, schedule, zone in SUBSCRIPTIONS:
            added = store.add_subscription(platform, "W1", channel, filter, schedule, zone, "U1")
            with store.db.conn:
                store.db.execute(
                    "UPDATE subscriptions SET created_at = ? WHERE id = ?",
                    [CREATED.isoformat(timespec="seconds"), added.id],
                )
    return path


def post_to_the_end(db: Path, tmp: Path, platforms: StandIns) -> None:
    child = start_poster(db, tmp, platforms, wake_times())
    assert 0 == child.wait(timeout=PATIENCE)


def post_and_kill(
    db: Path, tmp: Path, platforms: StandIns, target: int, rng: random.Random
) -> Kill:
    child = start_poster(db, tmp, platforms, wake_times())
    wait_until(lambda: platforms.received() >= target, f"{target} digests", child)
    # A little further, so some kills fall between a post and the record of it.
    time.sleep(rng.uniform(0, 0.03))
    exit_code = kill_group(child)
    return Kill(target, platforms.received(), exit_code, run_states(db)["recorded"])


def run_states(db: Path) -> Counter[str]:
    with closing(sqlite3.connect(db)) as conn:
        return Counter(state for (state,) in conn.execute("SELECT state FROM digest_runs"))


@pytest.mark.slow
def test_a_digest_poster_killed_mid_run_five_times_posts_each_window_exactly_once(
    tmp_path: Path,
) -> None:
    rng = random.Random(SEED)
    fresh = digest_db(tmp_path / "fresh.db")
    killed_db = tmp_path / "killed.db"
    shutil.copy(fresh, killed_db)
    with stand_ins() as reference:
        post_to_the_end(fresh, tmp_path, reference)
        expected = reference.posts()
    total = sum(expected.values())

    with stand_ins() as platforms:
        targets = kill_targets(rng, total, DIGEST_KILLS, margin=2)
        kills = [post_and_kill(killed_db, tmp_path, platforms, t, rng) for t in targets]
        post_to_the_end(killed_db, tmp_path, platforms)
        posted = platforms.posts()

    assert [-signal.SIGKILL] * DIGEST_KILLS == [k.exit_code for k in kills]
    assert all(k.target <= k.at < total for k in kills), kills
    # Several windows per subscription, some of them catch-ups, on both platforms.
    assert len(SUBSCRIPTIONS) == len({channel for channel, _, _ in expected})
    assert any(CATCHING_UP in text for _, _, text in expected)
    lost, duplicated = expected - posted, posted - expected
    print(f"digests: {total} expected, kills {kills}, lost {lost}, duplicated {duplicated}")
    assert (Counter(), Counter()) == (lost, duplicated)
    assert Counter({"posted": total}) == run_states(killed_db)
