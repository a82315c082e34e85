"""Moving a SQLite store to PostgreSQL (`attache migrate --to postgresql://…`).

Every table is copied row by row with its ids, in one PostgreSQL transaction under the write
lock, then each table's rows are counted on both sides: the copy is kept only when they agree.
"""

from __future__ import annotations

from collections.abc import Iterator

from store.backend import Connection
from store.errors import StoreError
from store.store import Store

# Parents before children, so every foreign key finds its row.
TABLES = (
    "articles",
    "passages",
    "article_bands",
    "entities",
    "labels",
    "dates",
    "aliases",
    "mentions",
    "events",
    "event_participants",
    "answer_cache",
    "subscriptions",
    "digest_runs",
    "sources",
    "line_sources",
    "line_shapes",
    "chrome_shapes",
)
# Tables whose `id` PostgreSQL numbers itself; after the copy, its numbering goes on from the
# largest id copied.
NUMBERED = frozenset(
    "articles passages entities labels dates mentions events subscriptions digest_runs"
    " sources line_sources".split()
)
CHUNK = 2000


def copy_store(source: Store, target: Store) -> dict[str, int]:
    """Copy every row of `source` (SQLite) into `target` (an empty PostgreSQL store); the
    rows of each table, counted on both sides."""
    if target.db.dialect.name != "postgresql" or source.db.dialect.name != "sqlite":
        raise StoreError("attache migrate copies a SQLite database into PostgreSQL")
    if target.stats().articles or target.active_subscriptions() or target.sources():
        raise StoreError("the PostgreSQL database already holds articles or subscriptions")
    with target.batch():
        for table in TABLES:
            _copy_table(source.db, target.db, table)
        _copy_meta(source.db, target.db)
        counts = {table: _count(source.db, table) for table in TABLES}
        copied = {table: _count(target.db, table) for table in TABLES}
        if counts != copied:
            raise StoreError(f"the copy does not match: {counts} rows read, {copied} written")
    return counts


def _copy_table(source: Connection, target: Connection, table: str) -> None:
    # By name: SQLite's migrations left some columns in another order than PostgreSQL's.
    columns = [str(row[1]) for row in source.execute(f"PRAGMA table_info({table})")]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    # A near-duplicate may name an article copied after it: that link is set afterwards.
    select = names.replace('"duplicate_of"', "NULL") if table == "articles" else names
    insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    for rows in _chunks(source, f"SELECT {select} FROM {table}"):
        target.executemany(insert, rows)
    if table == "articles":
        links = source.execute(
            "SELECT duplicate_of, id FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchall()
        target.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?", links)
    if table in NUMBERED:
        target.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def _copy_meta(source: Connection, target: Connection) -> None:
    # The schema version is the target's own; the rest (corpus version, ...) carries over.
    rows = source.execute("SELECT key, value FROM meta WHERE key != 'schema_version'")
    target.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        rows.fetchall(),
    )


def _chunks(db: Connection, sql: str) -> Iterator[list[tuple[object, ...]]]:
    cursor = db.execute(sql)
    while rows := cursor.fetchmany(CHUNK):
        yield rows


def _count(db: Connection, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
