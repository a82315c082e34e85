"""Subscriptions, digest runs, and the reads a digest is built from.

Every subscription read or change is scoped by platform and workspace: a subscription id
from another workspace or guild behaves exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from store.backend import Connection
from store.binding import IN_LIST, grouped, json_list, utc_iso
from store.records import DigestRunRecord, EventFact, SubscriptionRecord, WindowArticle

_SUBSCRIPTION = (
    "SELECT id, platform, workspace, channel, filter, schedule, timezone, created_by,"
    " created_at, active FROM subscriptions"
)
_RUN = (
    "SELECT id, subscription_id, window_start, window_end, state, message_ref, recorded_at,"
    " posted_at, problem FROM digest_runs"
)
_EVENT = (
    'SELECT ev.id, ev.article_id, substr(p.text, ev.start + 1, ev."end" - ev.start), ev.kind,'
    " ev.date, ev.year_source, ev.until, pl.name FROM events ev"
    " JOIN passages p ON p.id = ev.passage_id LEFT JOIN entities pl ON pl.id = ev.place_id"
)
# Enough earlier events to pick the most recent related one from, at any corpus size.
EARLIER_LIMIT = 200


class DigestQueries:
    """The store's digest side, mixed into `Store`."""

    db: Connection

    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[None]: ...

        def _now(self) -> str: ...

    # -- subscriptions -------------------------------------------------------------

    def add_subscription(
        self,
        platform: str,
        workspace: str,
        channel: str,
        filter: str,
        schedule: str,
        timezone: str,
        created_by: str | None = None,
    ) -> SubscriptionRecord:
        with self._write():
            row = self.db.execute(
                "INSERT INTO subscriptions (platform, workspace, channel, filter, schedule,"
                " timezone, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [platform, workspace, channel, filter, schedule, timezone, created_by, self._now()],
            ).fetchone()
        found = self._subscription_by_id(int(row[0]))
        assert found is not None
        return found

    def subscriptions(
        self, platform: str, workspace: str, channel: str | None = None
    ) -> list[SubscriptionRecord]:
        """The active subscriptions of a workspace, or of one of its channels."""
        where = "platform = ? AND workspace = ? AND active = 1"
        args = [platform, workspace]
        if channel is not None:
            where, args = where + " AND channel = ?", [*args, channel]
        rows = self.db.execute(f"{_SUBSCRIPTION} WHERE {where} ORDER BY id", args)
        return [_subscription(row) for row in rows]

    def subscription(
        self, subscription_id: int, platform: str, workspace: str
    ) -> SubscriptionRecord | None:
        """An active subscription of this workspace; None for any other workspace's id."""
        row = self.db.execute(
            f"{_SUBSCRIPTION} WHERE id = ? AND platform = ? AND workspace = ? AND active = 1",
            [subscription_id, platform, workspace],
        ).fetchone()
        return _subscription(row) if row else None

    def active_subscriptions(self) -> list[SubscriptionRecord]:
        """Every active subscription of every workspace: for the scheduler only."""
        rows = self.db.execute(f"{_SUBSCRIPTION} WHERE active = 1 ORDER BY id")
        return [_subscription(row) for row in rows]

    def remove_subscription(self, subscription_id: int, platform: str, workspace: str) -> bool:
        """Deactivate a subscription of this workspace; False when it has none by that id."""
        # Deactivated, not deleted: its digest runs stay as the record of what was posted.
        with self._write():
            cursor = self.db.execute(
                "UPDATE subscriptions SET active = 0"
                " WHERE id = ? AND platform = ? AND workspace = ? AND active = 1",
                [subscription_id, platform, workspace],
            )
        return cursor.rowcount > 0

    def _subscription_by_id(self, subscription_id: int) -> SubscriptionRecord | None:
        row = self.db.execute(f"{_SUBSCRIPTION} WHERE id = ?", [subscription_id]).fetchone()
        return _subscription(row) if row else None

    # -- digest runs ---------------------------------------------------------------

    def record_run(self, subscription_id: int, start: datetime, end: datetime) -> int:
        """Record a window's digest before it is posted; recording it again is a no-op."""
        with self._write():
            self.db.execute(
                "INSERT INTO digest_runs (subscription_id, window_start, window_end, recorded_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(subscription_id, window_start) DO NOTHING",
                [subscription_id, utc_iso(start), utc_iso(end), self._now()],
            )
        row = self.db.execute(
            "SELECT id FROM digest_runs WHERE subscription_id = ? AND window_start = ?",
            [subscription_id, utc_iso(start)],
        ).fetchone()
        return int(row[0])

    def mark_posted(self, run_id: int, message_ref: str | None) -> None:
        with self._write():
            self.db.execute(
                "UPDATE digest_runs SET state = 'posted', message_ref = ?, posted_at = ?"
                " WHERE id = ?",
                [message_ref, self._now(), run_id],
            )

    def mark_unverified(self, run_id: int, problem: str) -> None:
        """Settle a run whose digest may or may not be in the channel: it is not sent again."""
        with self._write():
            self.db.execute(
                "UPDATE digest_runs SET state = 'unverified', problem = ? WHERE id = ?",
                [problem, run_id],
            )

    def last_unverified_run(self, subscription_id: int) -> DigestRunRecord | None:
        """The latest run that could not be checked, if any."""
        row = self.db.execute(
            f"{_RUN} WHERE subscription_id = ? AND state = 'unverified'"
            " ORDER BY window_start DESC LIMIT 1",
            [subscription_id],
        ).fetchone()
        return _run(row) if row else None

    def last_run(self, subscription_id: int) -> DigestRunRecord | None:
        """The run with the latest window, posted or not."""
        row = self.db.execute(
            f"{_RUN} WHERE subscription_id = ? ORDER BY window_start DESC LIMIT 1",
            [subscription_id],
        ).fetchone()
        return _run(row) if row else None

    def unposted_runs(self, subscription_id: int) -> list[DigestRunRecord]:
        """Runs recorded but not marked posted, oldest first: a crash may have cut them short."""
        rows = self.db.execute(
            f"{_RUN} WHERE subscription_id = ? AND state = 'recorded' ORDER BY window_start",
            [subscription_id],
        )
        return [_run(row) for row in rows]

    # -- what a digest is made of -------------------------------------------------------

    def articles_ingested(
        self, start: datetime, end: datetime, published_since: str, latest: int | None = None
    ) -> list[WindowArticle]:
        """Articles ingested in [start, end) and published on or after `published_since`.

        `published_since` is an ISO date; an article dated to the month or year only counts
        when that month or year reaches it, and one whose year is unknown by ingestion alone.
        With `latest`, only that many of them, the last ingested; in id order either way.
        """
        rows = self.db.execute(
            "SELECT id, ingested_at, published, duplicate_of FROM articles"
            " WHERE ingested_at >= ? AND ingested_at < ? AND announced = 1 AND (published IS NULL"
            " OR published LIKE '--%' OR published >= substr(?, 1, length(published)))"
            " ORDER BY id DESC LIMIT ?",
            [
                utc_iso(start),
                utc_iso(end),
                published_since,
                self.db.dialect.no_limit if latest is None else latest,
            ],
        ).fetchall()[::-1]
        ids = [row[0] for row in rows]
        entities, texts = self._entity_ids(ids), self._texts(ids)
        return [
            WindowArticle(id, ingested, published, duplicate_of, entities[id], texts[id])
            for id, ingested, published, duplicate_of in rows
        ]

    def events_of(self, article_ids: Iterable[int]) -> list[EventFact]:
        rows = self.db.execute(
            f"{_EVENT} WHERE ev.article_id {IN_LIST} ORDER BY ev.article_id, ev.id",
            [json_list(sorted(set(article_ids)))],
        ).fetchall()
        return self._facts(rows)

    def events_sharing(
        self, entity_ids: Iterable[int], before: str, exclude_articles: Iterable[int]
    ) -> list[EventFact]:
        """Past events (not announced ones) with one of `entity_ids` taking part, dated (with a
        known year) before `before`, latest first, outside `exclude_articles`."""
        wanted, excluded = sorted(set(entity_ids)), sorted(set(exclude_articles))
        if not wanted:
            return []
        # The latest events are chosen before their sentences are cut from the passages:
        # an actor's events across the whole store are many, the ones kept at most a few.
        rows = self.db.execute(
            f"{_EVENT} WHERE ev.id IN (SELECT id FROM events WHERE id IN"
            f" (SELECT event_id FROM event_participants WHERE entity_id {IN_LIST})"
            f" AND article_id NOT {IN_LIST}"
            " AND kind NOT LIKE 'announced-%' AND date < ? AND date NOT LIKE '--%'"
            " ORDER BY date DESC, id DESC LIMIT ?) ORDER BY ev.date DESC, ev.id DESC",
            [json_list(wanted), json_list(excluded), before, EARLIER_LIMIT],
        ).fetchall()
        return self._facts(rows)

    def _facts(self, rows: Sequence[Sequence[Any]]) -> list[EventFact]:
        participants = self._participants([row[0] for row in rows])
        return [_event_fact(row, participants.get(row[0], [])) for row in rows]

    def _participants(self, event_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
        rows = self.db.execute(
            "SELECT ep.event_id, e.id, e.name FROM event_participants ep"
            f" JOIN entities e ON e.id = ep.entity_id WHERE ep.event_id {IN_LIST}"
            " ORDER BY e.kind, e.name",
            [json_list(event_ids)],
        )
        return grouped((event_id, (entity_id, name)) for event_id, entity_id, name in rows)

    def _entity_ids(self, article_ids: Sequence[int]) -> dict[int, frozenset[int]]:
        rows = self.db.execute(
            "SELECT DISTINCT p.article_id, m.entity_id FROM passages p"
            f" JOIN mentions m ON m.passage_id = p.id WHERE p.article_id {IN_LIST}",
            [json_list(article_ids)],
        )
        found = grouped(rows)
        return {i: frozenset(found.get(i, ())) for i in article_ids}

    def _texts(self, article_ids: Sequence[int]) -> dict[int, str]:
        """Title and body of each article; captions are left out, as they are from claims."""
        rows = self.db.execute(
            "SELECT article_id, text FROM passages WHERE kind IN ('title', 'body')"
            f" AND article_id {IN_LIST} ORDER BY article_id, seq",
            [json_list(article_ids)],
        )
        found = grouped(rows)
        return {i: "\n".join(found.get(i, ())) for i in article_ids}


def _subscription(row: Sequence[Any]) -> SubscriptionRecord:
    return SubscriptionRecord(
        id=row[0],
        platform=row[1],
        workspace=row[2],
        channel=row[3],
        filter=row[4],
        schedule=row[5],
        timezone=row[6],
        created_by=row[7],
        created_at=row[8],
        active=bool(row[9]),
    )


def _run(row: Sequence[Any]) -> DigestRunRecord:
    return DigestRunRecord(*row)


def _event_fact(row: Sequence[Any], participants: Sequence[tuple[int, str]]) -> EventFact:
    return EventFact(
        id=row[0],
        article_id=row[1],
        sentence=row[2],
        kind=row[3],
        date=row[4],
        year_source=row[5],
        until=row[6],
        place=row[7],
        participant_ids=tuple(entity_id for entity_id, _ in participants),
        participants=tuple(name for _, name in participants),
    )
