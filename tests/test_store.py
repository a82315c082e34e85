"""The store: schema and migrations, atomic writes, FTS agreeing with the tables."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store import Store, StoreError
from store.backend import without_password
from store.fulltext import Words
from store.records import ArticleRecord, DateRecord, MentionRecord
from store.schema import SCHEMA_VERSION

from .conftest import database_at_version


def _record(
    key: str = "file:///a.txt", body: str = "Lavrov met Son in Hanoi.", **extra: object
) -> ArticleRecord:
    fields: dict[str, object] = {
        "key": key,
        "source_kind": "text",
        "title": "A title",
        "title_derived": False,
        "content_hash": f"hash-of-{body}",
        "passages": (("title", "A title"), ("body", body)),
        "mentions": (
            MentionRecord(
                1, 0, 6, "Lavrov", "lavrov", "sergey lavrov", "Sergey Lavrov", "person", "Russia"
            ),
        ),
    }
    fields.update(extra)
    return ArticleRecord(**fields)  # type: ignore[arg-type]


def _fts_integrity(store: Store) -> None:
    # On PostgreSQL a passage's tsvector is a generated column: it cannot disagree.
    if store.db.dialect.name == "sqlite":
        store.db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")


def _search(store: Store, word: str) -> list[str]:
    hits = store.search_passages(Words((word,)), 100, kinds=("title", "body"))
    return [hit.text for hit in hits]


def test_a_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sub" / "new.db") as store:
        assert SCHEMA_VERSION == store.stats().schema_version
        assert "wal" == store.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert 10_000 == store.db.execute("PRAGMA busy_timeout").fetchone()[0]


def test_reopening_does_not_migrate_twice(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    with Store.open(tmp_path / "a.db") as store:
        assert SCHEMA_VERSION == store.stats().schema_version


def test_digest_runs_survive_the_migration_that_adds_unverified(tmp_path: Path) -> None:
    db = database_at_version(tmp_path / "v6.db", 6)
    db.execute(
        "INSERT INTO subscriptions (platform, workspace, channel, filter, schedule, timezone,"
        " created_at) VALUES ('slack', 'T1', 'C1', 'Lavrov', 'daily 08:00', 'UTC', '2024-05-01')"
    )
    db.execute(
        "INSERT INTO digest_runs (subscription_id, window_start, window_end, recorded_at)"
        " VALUES (1, '2024-05-01T08:00:00+00:00', '2024-05-02T08:00:00+00:00', '2024-05-02')"
    )
    db.conn.commit()
    db.close()

    with Store.open(tmp_path / "v6.db") as store:
        [run] = store.unposted_runs(1)
        store.mark_unverified(run.id, "missing_scope")
        unverified = store.last_unverified_run(1)

    assert ("2024-05-01T08:00:00+00:00", "recorded") == (run.window_start, run.state)
    assert unverified is not None
    assert ("unverified", "missing_scope") == (unverified.state, unverified.problem)


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()

    with pytest.raises(StoreError, match="newer than this Attaché understands"):
        Store.open(tmp_path / "a.db")


def test_a_path_that_cannot_be_a_database_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-db").write_bytes(b"this is a text file, not SQLite" * 100)

    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open(tmp_path / "not-a-db")


def test_the_diacritic_folding_index_finds_either_spelling(store: Store) -> None:
    store.save_article(_record(body="Bùi Thanh Sơn attended the meeting."))

    assert ["Bùi Thanh Sơn attended the meeting."] == _search(store, "Son")
    assert ["Bùi Thanh Sơn attended the meeting."] == _search(store, "sơn")


def test_saving_the_same_key_updates_in_place(store: Store) -> None:
    first = store.save_article(_record(body="Lavrov met Son in Hanoi."))
    second = store.save_article(_record(body="Lavrov met Son in Moscow."))

    assert first == second
    assert 1 == store.stats().articles
    assert [] == _search(store, "Hanoi")
    assert ["Lavrov met Son in Moscow."] == _search(store, "Moscow")
    _fts_integrity(store)


def test_a_failure_mid_article_leaves_nothing_half_written(store: Store) -> None:
    store.save_article(_record(key="file:///kept.txt"))
    broken = _record(
        key="file:///broken.txt",
        body="Written then rolled back.",
        dates=(
            DateRecord(
                passage=7,
                start=0,
                end=4,
                text="June",
                date="--06",
                precision="month",
                year_source="none",
            ),
        ),
    )

    with pytest.raises(IndexError):
        store.save_article(broken)

    assert 1 == store.stats().articles
    assert 2 == store.stats().passages
    assert [] == _search(store, "rolled")
    _fts_integrity(store)


def _son(surface: str) -> MentionRecord:
    return MentionRecord(
        1, 0, len(surface), surface, surface.lower(), "bui thanh son", surface, "person", "Vietnam"
    )


def test_entities_merge_by_key_and_keep_every_spelling(store: Store) -> None:
    store.save_article(
        _record(key="file:///1.txt", body="Bui Thanh Son spoke.", mentions=(_son("Bui Thanh Son"),))
    )
    store.save_article(
        _record(key="file:///2.txt", body="Bùi Thanh Sơn spoke.", mentions=(_son("Bùi Thanh Sơn"),))
    )

    (son,) = store.entities()
    assert "Bui Thanh Son" == son.name
    assert ("Bùi Thanh Sơn",) == son.aliases
    assert (1, 2) == son.articles


def test_an_entity_no_article_mentions_any_more_is_dropped(store: Store) -> None:
    store.save_article(_record())
    store.save_article(_record(body="Nobody is named here.", mentions=()))

    assert [] == store.entities()


def test_near_duplicate_candidates_are_bounded_closest_first(store: Store) -> None:
    for number in range(40):
        shared = (1, 2, 3) if number == 39 else (1,)
        store.save_article(
            _record(key=f"file:///{number}.txt", body=f"Story {number}.", bands=shared, mentions=())
        )

    found = store.similar_articles([1, 2, 3], limit=32)

    assert 32 == len(found)
    assert 40 == found[0][0], "the article sharing the most bands comes first"


def test_id_lists_longer_than_sqlites_parameter_limit_are_read_whole(store: Store) -> None:
    article_id = store.save_article(_record())
    ids = [article_id, *range(10_000, 50_000)]  # past SQLite's 32,766 bound parameters

    assert [article_id] == list(store.article_summaries(ids))
    assert [article_id] == [hit.article_id for hit in store.leads(ids)]


def test_the_store_writes_instants_from_its_clock(tmp_path: Path) -> None:
    moment = datetime(2021, 7, 7, 2, 30, tzinfo=UTC)
    with Store.open(tmp_path / "clocked.db", clock=lambda: moment) as store:
        store.save_article(_record())
        subscription = store.add_subscription("slack", "T1", "C1", "Lavrov", "daily", "UTC")

        ingested = store.db.execute("SELECT ingested_at FROM articles").fetchone()[0]

    assert "2021-07-07T02:30:00+00:00" == ingested
    assert "2021-07-07T02:30:00+00:00" == subscription.created_at


def test_a_database_url_is_shown_without_its_password() -> None:
    shown = without_password("postgresql://attache:s3cret@db.internal:5432/briefs?sslmode=require")

    assert "postgresql://attache:***@db.internal:5432/briefs?sslmode=require" == shown
    assert "/var/lib/attache/attache.db" == without_password("/var/lib/attache/attache.db")


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open the database") as raised:
        Store.open("postgresql://attache:s3cret@127.0.0.1:9/briefs?connect_timeout=2")

    assert "s3cret" not in str(raised.value)


def test_roles_from_undated_articles_come_first_on_either_backend(store: Store) -> None:
    minister = MentionRecord(
        1, 0, 6, "Lavrov", "lavrov", "sergey lavrov", "Sergey Lavrov", "person", role="Minister"
    )
    store.save_article(
        _record(
            key="file:///dated.txt",
            published="2021-07-07",
            published_precision="day",
            mentions=(minister,),
        )
    )
    store.save_article(_record(key="file:///undated.txt", body="Lavrov.", mentions=(minister,)))

    (lavrov,) = store.entities()
    assert [(2, None), (1, "2021-07-07")] == [(r.article, r.date) for r in lavrov.roles]
