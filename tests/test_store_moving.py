"""`attache migrate --to postgresql://…`: a SQLite store copied whole, checked, and refused
twice."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefings.compose import brief_topic, brief_who
from store import Store

from .conftest import postgres_schema, seeded_database
from .test_cli import attache

WINDOW = datetime(2021, 7, 7, 8, tzinfo=UTC)


def _with_subscription_and_source(path: Path) -> None:
    with Store.open(path) as store:
        added = store.add_subscription("slack", "T1", "C1", "Lavrov", "daily 08:00", "UTC")
        run = store.record_run(added.id, WINDOW - timedelta(days=1), WINDOW)
        store.mark_posted(run, "1625644800.000100")
        store.add_source("https://example.org/feed.rss", "feed", 1800, WINDOW)


def _entities(store: Store) -> list[tuple[object, ...]]:
    # One article's roles tie in the order they are listed in: either backend may list them
    # in either order.
    return [(e.id, e.name, e.aliases, e.articles, frozenset(e.roles)) for e in store.entities()]


def test_a_sqlite_store_moves_to_postgresql_whole(tmp_path: Path) -> None:
    path, _ = seeded_database(tmp_path / "a.db")
    _with_subscription_and_source(path)

    with postgres_schema() as url:
        moved = attache("migrate", "--to", url, "--db", str(path), "--json", tmp=tmp_path)
        again = attache("migrate", "--to", url, "--db", str(path), tmp=tmp_path)
        with Store.open(path) as before, Store.open(url) as after:
            assert 0 == moved.returncode, moved.stderr
            assert 5 == json.loads(moved.stdout)["copied"]["articles"]
            assert replace(before.stats(), path="") == replace(after.stats(), path="")
            assert before.articles() == after.articles()
            assert _entities(before) == _entities(after)
            assert before.subscriptions("slack", "T1") == after.subscriptions("slack", "T1")
            assert before.last_run(1) == after.last_run(1)
            assert before.sources() == after.sources()
            for brief, asked in ((brief_who, "Lavrov"), (brief_topic, "UNCLOS")):
                assert brief(before, asked).claims == brief(after, asked).claims
            # New rows are numbered after the copied ones.
            assert 2 == after.add_subscription("slack", "T1", "C2", "ASEAN", "daily", "UTC").id

    assert 1 == again.returncode
    assert "already holds" in again.stderr


def test_a_target_that_is_not_a_url_is_a_usage_error(tmp_path: Path) -> None:
    path, _ = seeded_database(tmp_path / "a.db")

    result = attache("migrate", "--to", "banana", "--db", str(path), "--json", tmp=tmp_path)

    assert 2 == result.returncode
    assert "usage" == json.loads(result.stdout)["error"]["kind"]


def test_a_server_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    path, _ = seeded_database(tmp_path / "a.db")
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    target = "postgresql://nobody:secret@127.0.0.1:1/none"

    result = attache("migrate", "--to", target, "--db", str(path), "--json", tmp=tmp_path)

    assert 1 == result.returncode
    message = json.loads(result.stdout)["error"]["message"]
    assert message.startswith("cannot open the database at postgresql://nobody:***@127.0.0.1:1/")
    assert "\n" not in message and "\t" not in message
    assert "secret" not in result.stdout + result.stderr
    assert 1 == len(result.stderr.splitlines())
