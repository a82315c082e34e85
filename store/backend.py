"""The seam between the store's SQL and a database: a connection and the dialect it speaks.

The store writes its SQL once, in the form SQLite and PostgreSQL both accept (`?` marks, lists
bound as one parameter through IN_LIST, `ON CONFLICT DO NOTHING`, `RETURNING id`). What
differs — aggregating strings, "no limit", the full-text index, the schema — is asked of the
connection's `Dialect`. The SQLite connection is here; PostgreSQL's is store/postgres.py.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlite_utils import Database

from store import schema
from store.binding import IN_LIST
from store.fulltext import Match, fts5


class Cursor(Protocol):
    """What the store reads from an executed statement (a DB-API cursor)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Dialect(Protocol):
    """What the store's SQL cannot say once for both backends."""

    @property
    def name(self) -> str: ...

    @property
    def no_limit(self) -> int | None:
        """Bound as a LIMIT: every row."""
        ...

    @property
    def begin(self) -> str:
        """The statement opening a write transaction."""
        ...

    def group_concat(self, expression: str, separator: str = ",") -> str:
        """An aggregate joining the text of `expression` over a group with `separator`
        (one character)."""
        ...


class Connection(Protocol):
    """One connection to the store's database."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        """What the driver raises when the database fails or is busy."""
        ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @property
    def in_transaction(self) -> bool: ...

    def close(self) -> None: ...

    def migrate(self) -> int:
        """Bring the schema up to date; the schema version."""
        ...

    def schema_version(self) -> int: ...

    def search_passages(
        self, match: Match, limit: int, kinds: Sequence[str]
    ) -> list[tuple[Any, ...]]:
        """(id, article_id, seq, kind, text, rank) of passages matching, best first; a lower
        rank is a better match."""
        ...

    def document_frequency(self, terms: Sequence[str]) -> dict[str, int]:
        """How many passages hold each (folded) term."""
        ...


@dataclass(frozen=True)
class SqliteDialect:
    name: str = "sqlite"
    no_limit: int | None = -1
    # BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that
    # reads then writes fails at once with SQLITE_BUSY instead of waiting its turn.
    begin: str = "BEGIN IMMEDIATE"

    def group_concat(self, expression: str, separator: str = ",") -> str:
        if separator == ",":
            return f"group_concat({expression})"
        return f"group_concat({expression}, char({ord(separator)}))"


_SEARCH = (
    "SELECT p.id, p.article_id, p.seq, p.kind, p.text, bm25(passages_fts)"
    " FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid"
    f" WHERE passages_fts MATCH ? AND p.kind {IN_LIST}"
    " ORDER BY bm25(passages_fts) LIMIT ?"
)


class SqliteConnection:
    """A SQLite file through the standard library; sqlite-utils runs its migrations."""

    dialect: Dialect = SqliteDialect()
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.database = Database(conn)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        # A list is bound as one JSON array, which IN_LIST reads with json_each.
        bound = [json.dumps(p) if isinstance(p, list) else p for p in params]
        return self.conn.execute(sql, bound)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def close(self) -> None:
        self.conn.close()

    def migrate(self) -> int:
        return schema.migrate(self.database)

    def schema_version(self) -> int:
        return schema.schema_version(self.database)

    def search_passages(
        self, match: Match, limit: int, kinds: Sequence[str]
    ) -> list[tuple[Any, ...]]:
        return self.execute(_SEARCH, [fts5(match), list(kinds), limit]).fetchall()

    def document_frequency(self, terms: Sequence[str]) -> dict[str, int]:
        rows = self.execute(
            f"SELECT term, doc FROM passages_vocab WHERE term {IN_LIST}", [list(terms)]
        )
        return {row[0]: row[1] for row in rows}


def without_password(target: str) -> str:
    """A database path or URL fit to show: a URL's password is masked."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", target)
