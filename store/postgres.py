"""The store on PostgreSQL (psycopg 3): the connection, its dialect and its full-text search.

The store's SQL is written for both backends (store/backend.py); this connection reads it as
PostgreSQL: `?` marks become `%s`, a list matched with IN_LIST becomes `= ANY(?)`. Passages
are searched through a stored tsvector of their text, folded with `unaccent` as SQLite's
tokenizer folds diacritics, under a GIN index.

Writes take one transaction-scoped advisory lock, so they run one at a time across every
worker sharing the database, as SQLite's BEGIN IMMEDIATE makes them on one machine: the
read-then-write steps (an article stored once per key, a digest run recorded once per
window) keep the meaning they have on SQLite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq

from store import postgres_schema
from store.backend import without_password
from store.binding import IN_LIST
from store.errors import StoreError
from store.fulltext import Match, tsquery
from store.postgres_schema import WRITE_LOCK

CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class PostgresDialect:
    name: str = "postgresql"
    # LIMIT NULL is no limit.
    no_limit: int | None = None
    begin: str = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"

    def group_concat(self, expression: str, separator: str = ",") -> str:
        return f"string_agg({expression}, chr({ord(separator)}))"


# A query's words are folded and quoted in SQL, as the index folds passages
# (attache_lexeme), then set into the template fulltext.tsquery wrote.
_QUERY = (
    "to_tsquery('simple', format(?, VARIADIC ARRAY(SELECT attache_lexeme(w)"
    " FROM unnest(?::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n)))"
)
_SEARCH = (
    "SELECT p.id, p.article_id, p.seq, p.kind, p.text, -ts_rank(p.search, q)"
    f" FROM passages p, {_QUERY} q"
    f" WHERE p.search @@ q AND p.kind {IN_LIST} ORDER BY 6, p.id LIMIT ?"
)
_FREQUENCY = (
    "SELECT t.term, (SELECT count(*) FROM passages p"
    " WHERE p.search @@ to_tsquery('simple', attache_lexeme(t.term)))"
    " FROM unnest(?::text[]) AS t(term)"
)
_NOT_IN_LIST = f"NOT {IN_LIST}"
_MARK = re.compile(r"\?")


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The store's SQL as psycopg takes it on PostgreSQL."""
    sql = sql.replace(_NOT_IN_LIST, "<> ALL(?)").replace(IN_LIST, "= ANY(?)")
    return _MARK.sub("%s", sql.replace("%", "%%"))


class PostgresConnection:
    """One psycopg connection in autocommit mode; the store opens its transactions itself."""

    dialect = PostgresDialect()
    errors: tuple[type[Exception], ...] = (psycopg.Error,)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(translate(sql), params or None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(translate(sql), rows)

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != pq.TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()

    def migrate(self) -> int:
        return postgres_schema.migrate(self)

    def schema_version(self) -> int:
        return postgres_schema.schema_version(self)

    def search_passages(
        self, match: Match, limit: int, kinds: Sequence[str]
    ) -> list[tuple[Any, ...]]:
        query = tsquery(match)
        if query is None:
            return []
        template, words = query
        return self.execute(_SEARCH, [template, words, list(kinds), limit]).fetchall()

    def document_frequency(self, terms: Sequence[str]) -> dict[str, int]:
        searched = [t for t in terms if any(c.isalnum() for c in t)]
        rows = self.execute(_FREQUENCY, [searched])
        return {str(term): int(count) for term, count in rows if count}


def connect(url: str) -> PostgresConnection:
    """Connect to the database at `url` and bring its schema up to date."""
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as error:
        raise StoreError(
            f"cannot open the database at {without_password(url)}: {_one_line(error)}"
        ) from error
    opened = PostgresConnection(conn)
    try:
        opened.migrate()
    except psycopg.Error as error:
        conn.close()
        raise StoreError(
            f"cannot prepare the database at {without_password(url)}: {_one_line(error)}"
        ) from error
    return opened


def _one_line(error: Exception) -> str:
    # libpq's messages run over several lines ("Connection refused\n\tIs the server running…").
    return " ".join(str(error).split())
