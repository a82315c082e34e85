"""Sources polled for news: registered feeds and watched folders, and how each poll went."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from store.backend import Connection
from store.binding import IN_LIST, json_list, utc_iso
from store.records import SourceRecord

_SOURCE = (
    "SELECT id, location, kind, every_seconds, etag, last_modified, last_polled_at,"
    " next_poll_at, failures, last_error, added_at FROM sources"
)


class SourceQueries:
    """The store's source side, mixed into `Store`."""

    db: Connection

    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[None]: ...

    def add_source(self, location: str, kind: str, every_seconds: int, now: datetime) -> int:
        """Register a source, due at once; its id. The caller checks it is not registered."""
        with self._write():
            row = self.db.execute(
                "INSERT INTO sources (location, kind, every_seconds, next_poll_at, added_at)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                [location, kind, every_seconds, utc_iso(now), utc_iso(now)],
            ).fetchone()
        return int(row[0])

    def source(self, source_id: int) -> SourceRecord | None:
        row = self.db.execute(f"{_SOURCE} WHERE id = ?", [source_id]).fetchone()
        return _source(row) if row else None

    def source_at(self, location: str) -> SourceRecord | None:
        row = self.db.execute(f"{_SOURCE} WHERE location = ?", [location]).fetchone()
        return _source(row) if row else None

    def sources(self) -> list[SourceRecord]:
        return [_source(row) for row in self.db.execute(f"{_SOURCE} ORDER BY id")]

    def sources_due(self, now: datetime) -> list[SourceRecord]:
        """Sources whose next poll is at or before `now`, the most overdue first."""
        rows = self.db.execute(
            f"{_SOURCE} WHERE next_poll_at IS NULL OR next_poll_at <= ?"
            " ORDER BY next_poll_at NULLS FIRST, id",
            [utc_iso(now)],
        )
        return [_source(row) for row in rows]

    def remove_source(self, source_id: int) -> bool:
        """Stop polling a source; the articles it brought stay. False when there is none."""
        with self._write():
            cursor = self.db.execute("DELETE FROM sources WHERE id = ?", [source_id])
        return cursor.rowcount > 0

    def record_poll(
        self,
        source_id: int,
        polled_at: datetime,
        next_poll_at: datetime,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """A poll that worked: new validators, the failure count and error cleared."""
        with self._write():
            self.db.execute(
                "UPDATE sources SET etag = ?, last_modified = ?, last_polled_at = ?,"
                " next_poll_at = ?, failures = 0, last_error = NULL WHERE id = ?",
                [etag, last_modified, utc_iso(polled_at), utc_iso(next_poll_at), source_id],
            )

    def record_poll_failure(self, source_id: int, next_poll_at: datetime, error: str) -> None:
        """A poll that failed: one more failure, its one-line reason, and when to retry."""
        # last_polled_at stays: it is the last poll that worked, and a source that never
        # polled successfully must still have its existing entries held back when it does.
        with self._write():
            self.db.execute(
                "UPDATE sources SET failures = failures + 1, last_error = ?, next_poll_at = ?"
                " WHERE id = ?",
                [error, utc_iso(next_poll_at), source_id],
            )

    def hold_back(self, article_ids: Iterable[int]) -> None:
        """Never announce these articles in a digest: a new source's existing backlog."""
        with self._write():
            self.db.execute(
                f"UPDATE articles SET announced = 0 WHERE id {IN_LIST}",
                [json_list(sorted(set(article_ids)))],
            )

    def announced(self, article_id: int) -> bool:
        row = self.db.execute("SELECT announced FROM articles WHERE id = ?", [article_id])
        found = row.fetchone()
        return bool(found and found[0])


def _source(row: Sequence[Any]) -> SourceRecord:
    return SourceRecord(*row)
