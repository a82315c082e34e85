"""The store: articles, passages with full text, dates, entities, aliases and mentions."""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from store.backend import Connection, SqliteConnection, without_password
from store.binding import IN_LIST, grouped, json_list, utc_iso
from store.digest_runs import DigestQueries
from store.errors import StoreError
from store.line_stats import LineStatsQueries
from store.queries import DATE_TEXT, SUMMARY_COLUMNS, Queries, article_summary
from store.records import (
    AliasRecord,
    ArticleRecord,
    ArticleSummary,
    DateRecord,
    EntitySummary,
    EventRecord,
    KnownEntity,
    MentionRecord,
    PersonSeen,
    RoleRecord,
    Stats,
    StoredArticle,
    StoredEntityRef,
)
from store.watched import SourceQueries

BUSY_TIMEOUT_MS = 10_000
CACHE_KB = 64_000
# Near-duplicate candidates compared per new article (see similar_articles).
SIMILAR_CANDIDATES = 32
# Articles one MinHash band offers as candidates, the latest first (see similar_articles).
BAND_CANDIDATES = 100
log = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store(Queries, DigestQueries, SourceQueries, LineStatsQueries):
    """A thin layer over one database (a SQLite file, or PostgreSQL); every article is
    written whole or not at all."""

    def __init__(self, db: Connection, path: str, clock: Callable[[], datetime] = _utc_now) -> None:
        self.db = db
        self.path = path
        self.clock = clock

    @classmethod
    def open(cls, target: str | Path, clock: Callable[[], datetime] = _utc_now) -> Store:
        """Open (creating and migrating as needed) the database at `target`: a SQLite file's
        path, or a `postgresql://` URL; `clock` gives the instants written (ingested_at, ...)."""
        if is_url(target):
            return cls(_postgres(str(target)), str(target), clock)
        where = Path(target).expanduser()
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(where, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            _configure(conn)
            db = SqliteConnection(conn)
            db.migrate()
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the database at {where}: {error}") from error
        return cls(db, str(where), clock)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _now(self) -> str:
        return utc_iso(self.clock())

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several writes in one transaction: a crash or an error keeps all of them or none.

        One commit per article costs more than the article's rows (each commit flushes a new
        FTS5 segment and syncs the WAL), so ingest commits whole articles in batches.
        """
        with self._write():
            yield

    @contextmanager
    def _write(self) -> Iterator[None]:
        if self.db.in_transaction:
            # Inside a batch: a savepoint keeps this write whole if it fails half-way.
            with self._savepoint():
                yield
            return
        self.db.execute(self.db.dialect.begin)
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self.db.execute("SAVEPOINT write")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK TO write")
            self.db.execute("RELEASE write")
            raise
        self.db.execute("RELEASE write")

    # -- ingest side ---------------------------------------------------------------

    def find_article(self, key: str) -> tuple[int, str] | None:
        """The id and content hash of the article stored under `key`."""
        row = self.db.execute(
            "SELECT id, content_hash FROM articles WHERE key = ?", [key]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def find_article_by_content(self, content_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [content_hash]
        ).fetchone()
        return int(row[0]) if row else None

    def content_hashes(self) -> frozenset[str]:
        """The content hash of every stored article."""
        return frozenset(row[0] for row in self.db.execute("SELECT content_hash FROM articles"))

    def similar_articles(
        self, bands: Sequence[int], limit: int = SIMILAR_CANDIDATES
    ) -> list[tuple[int, bytes, int | None]]:
        """Articles sharing MinHash bands with the given ones: (id, signature, duplicate_of).

        At most `limit`, those sharing the most bands first: a story retold a thousand times
        must not cost a thousand comparisons, and more shared bands mean a closer copy. Each
        band offers only its latest BAND_CANDIDATES articles, so a band common to a growing
        share of the corpus (boilerplate, a story retold daily) costs the same at 100k
        articles as at 1k; a true copy shares many bands, rarer ones among them.
        """
        if not bands:
            return []
        latest = " UNION ALL ".join(
            [
                "SELECT * FROM (SELECT article_id FROM article_bands WHERE band = ?"
                " ORDER BY article_id DESC LIMIT ?) AS b"
            ]
            * len(bands)
        )
        rows = self.db.execute(
            "SELECT a.id, a.signature, a.duplicate_of FROM articles a JOIN"
            f" (SELECT article_id, count(*) AS shared FROM ({latest}) AS banded"
            " GROUP BY article_id ORDER BY shared DESC, article_id LIMIT ?) c"
            " ON c.article_id = a.id ORDER BY c.shared DESC, a.id",
            [*(value for band in bands for value in (band, BAND_CANDIDATES)), limit],
        ).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]

    def save_article(self, record: ArticleRecord) -> int:
        """Insert the article, or replace the one stored under the same key, atomically."""
        with self._write():
            existing = self.find_article(record.key)
            touched: set[int] = set()
            if existing:
                article_id = existing[0]
                touched = self._entities_of(article_id)
                self._clear_article(article_id)
                self._update_article_row(article_id, record)
            else:
                article_id = self._insert_article_row(record)
            passage_ids = self._insert_passages(article_id, record.passages)
            self._insert_bands(article_id, record.bands)
            self._insert_dates(article_id, passage_ids, record)
            mentioned, renamed = self._insert_mentions(article_id, passage_ids, record.mentions)
            defined, merged = self._insert_aliases(record.aliases)
            self._insert_events(article_id, passage_ids, record.events)
            self._refresh_entities(
                touched | mentioned | defined | merged, renamed=touched | renamed | merged
            )
            self._bump_corpus_version()
        return article_id

    def person_seen(self, key: str) -> PersonSeen:
        """Which articles name the person under `key`, how, and in what roles."""
        rows = self.db.execute(
            "SELECT m.article_id, s.text, r.text FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id JOIN labels s ON s.id = m.surface_id"
            " LEFT JOIN labels r ON r.id = m.role_id WHERE e.key = ?",
            [key],
        ).fetchall()
        return PersonSeen(
            written=frozenset((int(row[0]), str(row[1])) for row in rows),
            roles=frozenset(str(row[2]) for row in rows if row[2]),
        )

    def known_entities(self) -> dict[str, list[KnownEntity]]:
        """Every alias key with the entities it names, for linking references across articles."""
        known: dict[str, list[KnownEntity]] = defaultdict(list)
        rows = self.db.execute(
            "SELECT a.alias_key, e.key, e.name, e.kind, e.country"
            " FROM aliases a JOIN entities e ON e.id = a.entity_id"
        )
        for alias_key, key, name, kind, country in rows:
            entity = KnownEntity(key, name, kind, country)
            if entity not in known[alias_key]:
                known[alias_key].append(entity)
        return dict(known)

    def _insert_article_row(self, record: ArticleRecord) -> int:
        now = self._now()
        row = {**_article_columns(record), "key": record.key, "ingested_at": now, "updated_at": now}
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" * len(row))
        cursor = self.db.execute(
            f"INSERT INTO articles ({columns}) VALUES ({marks}) RETURNING id", list(row.values())
        )
        return int(cursor.fetchone()[0])

    def _update_article_row(self, article_id: int, record: ArticleRecord) -> None:
        row = {**_article_columns(record), "updated_at": self._now()}
        assignments = ", ".join(f'"{c}" = ?' for c in row)
        self.db.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", [*row.values(), article_id]
        )

    def _clear_article(self, article_id: int) -> None:
        # Mentions and dates are indexed by passage, not by article.
        for table in ("mentions", "dates"):
            self.db.execute(
                f"DELETE FROM {table} WHERE passage_id IN"
                " (SELECT id FROM passages WHERE article_id = ?)",
                [article_id],
            )
        for table in ("events", "article_bands", "passages"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def _insert_passages(self, article_id: int, passages: Sequence[tuple[str, str]]) -> list[int]:
        self.db.executemany(
            "INSERT INTO passages (article_id, seq, kind, text) VALUES (?, ?, ?, ?)",
            [(article_id, seq, kind, text) for seq, (kind, text) in enumerate(passages)],
        )
        rows = self.db.execute(
            "SELECT id FROM passages WHERE article_id = ? ORDER BY seq", [article_id]
        )
        return [int(row[0]) for row in rows]

    def _insert_bands(self, article_id: int, bands: Iterable[int]) -> None:
        self.db.executemany(
            "INSERT INTO article_bands (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(band, article_id) for band in bands],
        )

    def _insert_dates(
        self, article_id: int, passage_ids: Sequence[int], record: ArticleRecord
    ) -> None:
        # A date's text is read back as its passage's slice; it is stored only when it is not.
        texts = [text for _, text in record.passages]
        self.db.executemany(
            'INSERT INTO dates (article_id, passage_id, start, "end", text, date, precision,'
            " year_source, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, passage_ids[d.passage], *_date_values(d, texts[d.passage]))
                for d in record.dates
            ],
        )

    def _insert_mentions(
        self, article_id: int, passage_ids: Sequence[int], mentions: Sequence[MentionRecord]
    ) -> tuple[set[int], set[int]]:
        """The entities mentioned, and those of them mentioned under another name than theirs.

        Only the latter can be renamed by this article: more mentions under an entity's name,
        the commonest, keep it the commonest.
        """
        stored = self._upsert_entities(mentions)
        entity_ids = {key: entity_id for key, (entity_id, _) in stored.items()}
        labels = self._label_ids(
            text
            for m in mentions
            for text in (m.surface, m.name, m.role, m.country)
            if text is not None
        )
        self.db.executemany(
            'INSERT INTO mentions (entity_id, article_id, passage_id, start, "end", surface_id,'
            " name_id, role_id, country_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    entity_ids[m.entity_key],
                    article_id,
                    passage_ids[m.passage],
                    *_mention_values(m, labels),
                )
                for m in mentions
            ],
        )
        self.db.executemany(
            "INSERT INTO aliases (entity_id, alias, alias_key) VALUES (?, ?, ?)"
            " ON CONFLICT(entity_id, alias) DO NOTHING",
            [
                (entity_ids[m.entity_key], m.surface, m.surface_key)
                for m in mentions
                if m.names_entity
            ],
        )
        renamed = {entity_ids[m.entity_key] for m in mentions if m.name != stored[m.entity_key][1]}
        return set(entity_ids.values()), renamed

    def _label_ids(self, texts: Iterable[str]) -> dict[str, int]:
        """The id of each text in `labels`, adding the new ones."""
        wanted = sorted(set(texts))
        self.db.executemany(
            "INSERT INTO labels (text) VALUES (?) ON CONFLICT (text) DO NOTHING",
            [(text,) for text in wanted],
        )
        rows = self.db.execute(
            f"SELECT text, id FROM labels WHERE text {IN_LIST}", [json_list(wanted)]
        )
        return {str(text): int(label_id) for text, label_id in rows}

    def _insert_events(
        self, article_id: int, passage_ids: Sequence[int], events: Iterable[EventRecord]
    ) -> None:
        for event in events:
            event_id = self.db.execute(
                'INSERT INTO events (article_id, passage_id, start, "end", kind, date, precision,'
                " year_source, until, place_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " (SELECT id FROM entities WHERE key = ?)) RETURNING id",
                [article_id, passage_ids[event.passage], *_event_values(event)],
            ).fetchone()[0]
            self.db.executemany(
                "INSERT INTO event_participants (event_id, entity_id)"
                " SELECT ?, id FROM entities WHERE key = ? ON CONFLICT DO NOTHING",
                [(event_id, key) for key in event.participant_keys],
            )

    def _upsert_entities(self, mentions: Sequence[MentionRecord]) -> dict[str, tuple[int, str]]:
        """The id and name of every entity mentioned, creating the new ones."""
        self.db.executemany(
            "INSERT INTO entities (key, name, kind, country, description) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET"
            " country = COALESCE(entities.country, excluded.country),"
            " description = COALESCE(entities.description, excluded.description)",
            _entity_rows(mentions),
        )
        rows = self.db.execute(
            f"SELECT key, id, name FROM entities WHERE key {IN_LIST}",
            [json_list(sorted({m.entity_key for m in mentions}))],
        )
        return {str(key): (int(entity_id), str(name)) for key, entity_id, name in rows}

    def _insert_aliases(self, aliases: Iterable[AliasRecord]) -> tuple[set[int], set[int]]:
        """Record defined names (acronyms); an entity known only by the acronym is merged in.

        Returns the entities given a name, and those that took in another's mentions.
        """
        touched, merged = set(), set()
        for alias in aliases:
            row = self.db.execute("SELECT id FROM entities WHERE key = ?", [alias.entity_key])
            found = row.fetchone()
            if not found:
                continue
            entity_id = int(found[0])
            self.db.execute(
                "INSERT INTO aliases (entity_id, alias, alias_key, defined) VALUES (?, ?, ?, 1)"
                " ON CONFLICT(entity_id, alias) DO UPDATE SET defined = 1",
                [entity_id, alias.alias, alias.alias_key],
            )
            touched.add(entity_id)
            merged |= self._merge_into(entity_id, alias.alias_key)
        return touched, merged

    def merge_people(self, links: Sequence[tuple[str, str]]) -> list[list[str]]:
        """Merge each person into another, `(key, into_key)`: its mentions (named as the
        survivor is, so its key stays its name's), aliases and events move.

        Returns, for each link, the merged person's aliases (none if either was missing).
        """
        surfaces: list[list[str]] = []
        touched: set[int] = set()
        with self._write():
            for key, into_key in links:
                found = self.db.execute("SELECT id FROM entities WHERE key = ?", [into_key])
                into = found.fetchone()
                aliases = [
                    str(row[0])
                    for row in self.db.execute(
                        "SELECT a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id"
                        " WHERE e.key = ?",
                        [key],
                    )
                ]
                merged = self._merge_into(int(into[0]), key) if into else set()
                surfaces.append(aliases if merged else [])
                touched |= merged
            if touched:
                self._refresh_entities(touched, renamed=touched)
                self._bump_corpus_version()
        return surfaces

    def _merge_into(self, entity_id: int, other_key: str) -> set[int]:
        other = self.db.execute(
            "SELECT id FROM entities WHERE key = ? AND id != ?", [other_key, entity_id]
        ).fetchone()
        if not other:
            return set()
        self.db.execute(
            "INSERT INTO labels (text) SELECT name FROM entities WHERE id = ?"
            " ON CONFLICT (text) DO NOTHING",
            [entity_id],
        )
        self.db.execute(
            "UPDATE mentions SET entity_id = ?, name_id = (SELECT l.id FROM labels l"
            " JOIN entities e ON e.name = l.text WHERE e.id = ?) WHERE entity_id = ?",
            [entity_id, entity_id, other[0]],
        )
        # Events keep their participants and places (the rows left behind go with the entity).
        self.db.execute(
            "UPDATE event_participants SET entity_id = ? WHERE entity_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM event_participants q"
            " WHERE q.event_id = event_participants.event_id AND q.entity_id = ?)",
            [entity_id, other[0], entity_id],
        )
        self.db.execute("UPDATE events SET place_id = ? WHERE place_id = ?", [entity_id, other[0]])
        self.db.execute(
            "INSERT INTO aliases (entity_id, alias, alias_key, defined)"
            " SELECT ?, alias, alias_key, defined FROM aliases WHERE entity_id = ?"
            " ON CONFLICT DO NOTHING",
            [entity_id, other[0]],
        )
        self.db.execute("DELETE FROM entities WHERE id = ?", [other[0]])
        return {entity_id}

    def _entities_of(self, article_id: int) -> set[int]:
        rows = self.db.execute(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", [article_id]
        )
        return {int(row[0]) for row in rows}

    def _refresh_entities(self, entity_ids: Iterable[int], *, renamed: Iterable[int]) -> None:
        """Drop aliases and entities no article mentions any more; rename to the commonest form.

        Renaming counts all of an entity's mentions, so it is limited to the `renamed` ones.
        """
        # One statement per step for all the entities: each row's outcome depends only on
        # its own entity's mentions, so the order they are refreshed in cannot matter.
        touched = [json_list(sorted(entity_ids))]
        self.db.execute(
            f"DELETE FROM aliases WHERE entity_id {IN_LIST} AND defined = 0"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = aliases.entity_id"
            " AND surface_id = (SELECT id FROM labels WHERE text = aliases.alias))",
            touched,
        )
        self.db.execute(
            f"DELETE FROM entities WHERE id {IN_LIST}"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = entities.id)",
            touched,
        )
        self._rename_to_commonest([json_list(sorted(renamed))])

    def _rename_to_commonest(self, touched: list[Any]) -> None:
        # The display name is the full form used most often, so "Bui Thanh Son" (three
        # articles) wins over "Bùi Thanh Sơn" (one); the key, folded, is the same.
        self.db.execute(
            "UPDATE entities SET name = COALESCE((SELECT l.text FROM mentions m"
            " JOIN labels l ON l.id = m.name_id WHERE m.entity_id = entities.id"
            " GROUP BY m.name_id, l.text"
            " ORDER BY count(DISTINCT m.article_id) DESC, count(*) DESC, l.text LIMIT 1), name)"
            f" WHERE id {IN_LIST}",
            touched,
        )

    def _bump_corpus_version(self) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES ('corpus_version', '1')"
            " ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
        )

    # -- answer cache ----------------------------------------------------------------

    def cached_answer(self, key: str) -> str | None:
        """A cached answer for `key` made on the current corpus, if any."""
        row = self.db.execute(
            "SELECT answer FROM answer_cache WHERE key = ? AND corpus_version = ?",
            [key, self.corpus_version()],
        ).fetchone()
        return str(row[0]) if row else None

    def save_answer(self, key: str, model: str, answer: str) -> None:
        """Cache an answer; the cache is best effort, so a busy database only skips it."""
        try:
            self._save_answer(key, model, answer)
        except self.db.errors:
            log.warning("answer not cached: the database is busy", exc_info=True)

    def _save_answer(self, key: str, model: str, answer: str) -> None:
        with self._write():
            self.db.execute(
                "INSERT INTO answer_cache (key, model, corpus_version, answer, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
                " model = excluded.model, corpus_version = excluded.corpus_version,"
                " answer = excluded.answer, created_at = excluded.created_at",
                [key, model, self.corpus_version(), answer, self._now()],
            )

    # -- read side -----------------------------------------------------------------

    def articles(self) -> list[ArticleSummary]:
        rows = self.db.execute(f"SELECT {SUMMARY_COLUMNS} FROM articles ORDER BY id")
        return [article_summary(row) for row in rows]

    def article(self, article_id: int) -> StoredArticle | None:
        row = self.db.execute(
            f"SELECT {SUMMARY_COLUMNS}, author, title_derived FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        passages = self.db.execute(
            "SELECT kind, text FROM passages WHERE article_id = ? ORDER BY seq", [article_id]
        ).fetchall()
        return StoredArticle(
            summary=article_summary(row),
            author=row[11],
            title_derived=bool(row[12]),
            paragraphs=tuple(text for kind, text in passages if kind == "body"),
            captions=tuple(text for kind, text in passages if kind == "caption"),
            entities=self._article_entities(article_id),
            dates=self._article_dates(article_id),
            near_duplicates=self._near_duplicates(article_id, row[9]),
        )

    def _article_entities(self, article_id: int) -> tuple[StoredEntityRef, ...]:
        rows = self.db.execute(
            f"SELECT e.name, e.kind, {self.db.dialect.group_concat('DISTINCT s.text')}"
            " FROM passages p"
            " JOIN mentions m ON m.passage_id = p.id JOIN entities e ON e.id = m.entity_id"
            " JOIN labels s ON s.id = m.surface_id WHERE p.article_id = ?"
            " GROUP BY e.id ORDER BY min(m.passage_id), min(m.start)",
            [article_id],
        )
        return tuple(StoredEntityRef(n, k, tuple(sorted(s.split(",")))) for n, k, s in rows)

    def _article_dates(self, article_id: int) -> tuple[DateRecord, ...]:
        rows = self.db.execute(
            f'SELECT p.seq, d.start, d."end", {DATE_TEXT}, d.date, d.precision,'
            " d.year_source, d.until FROM passages p JOIN dates d ON d.passage_id = p.id"
            " WHERE p.article_id = ?"
            " ORDER BY p.seq, d.start",
            [article_id],
        )
        return tuple(DateRecord(*row) for row in rows)

    def _near_duplicates(self, article_id: int, duplicate_of: int | None) -> tuple[int, ...]:
        root = duplicate_of or article_id
        rows = self.db.execute(
            "SELECT id FROM articles WHERE (id = ? OR duplicate_of = ?) AND id != ? ORDER BY id",
            [root, root, article_id],
        )
        return tuple(int(row[0]) for row in rows)

    def entities(self, kind: str | None = None) -> list[EntitySummary]:
        where, args = ("WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self.db.execute(
            f"SELECT id, name, kind, country, description FROM entities {where} ORDER BY name",
            args,
        ).fetchall()
        aliases = self._grouped("SELECT entity_id, alias FROM aliases ORDER BY alias")
        articles = self._grouped(
            "SELECT DISTINCT entity_id, article_id FROM mentions ORDER BY article_id"
        )
        roles = self._roles()
        return [
            EntitySummary(
                id=row[0],
                name=row[1],
                kind=row[2],
                country=row[3],
                description=row[4],
                aliases=tuple(a for a in aliases.get(row[0], ()) if a != row[1]),
                roles=tuple(roles.get(row[0], ())),
                articles=tuple(articles.get(row[0], ())),
            )
            for row in rows
        ]

    def _grouped(self, sql: str) -> dict[int, list[Any]]:
        return grouped(self.db.execute(sql))

    def _roles(self) -> dict[int, list[RoleRecord]]:
        rows = self.db.execute(
            "SELECT DISTINCT m.entity_id, r.text, c.text, a.id, a.published,"
            " a.published_precision FROM mentions m JOIN articles a ON a.id = m.article_id"
            " JOIN labels r ON r.id = m.role_id LEFT JOIN labels c ON c.id = m.country_id"
            # NULLS FIRST is SQLite's order; PostgreSQL's would be NULLS LAST.
            " ORDER BY a.published NULLS FIRST, a.id"
        )
        return grouped((row[0], RoleRecord(*row[1:])) for row in rows)

    def stats(self) -> Stats:
        one = self._scalar
        kinds = dict(
            self.db.execute("SELECT kind, count(*) FROM entities GROUP BY kind").fetchall()
        )
        return Stats(
            articles=one("SELECT count(*) FROM articles"),
            near_duplicates=one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            passages=one("SELECT count(*) FROM passages"),
            entities=one("SELECT count(*) FROM entities"),
            entities_by_kind=kinds,
            sources=one("SELECT count(DISTINCT source) FROM articles"),
            outlets=one("SELECT count(DISTINCT outlet) FROM articles"),
            earliest=self._date_bound("min"),
            latest=self._date_bound("max"),
            undated=one("SELECT count(*) FROM articles WHERE published IS NULL"),
            schema_version=self.db.schema_version(),
            corpus_version=self.corpus_version(),
            path=without_password(self.path),
        )

    def meta(self, key: str) -> str | None:
        """A value the bot keeps about itself (the last command sync, ...), or None."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Keep `value` under `key`; None forgets it."""
        with self._write():
            if value is None:
                self.db.execute("DELETE FROM meta WHERE key = ?", [key])
                return
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def _scalar(self, sql: str) -> int:
        return int(self.db.execute(sql).fetchone()[0])

    def _date_bound(self, which: str) -> str | None:
        # Dates without a year ("--06-08") sort before every real date; leave them out.
        row = self.db.execute(
            f"SELECT {which}(published) FROM articles WHERE published NOT LIKE '--%'"
        ).fetchone()
        return row[0] if row else None


def is_url(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def _postgres(url: str) -> Connection:
    try:  # psycopg is installed only for PostgreSQL (the `postgresql` extra)
        from store.postgres import connect
    except ImportError as error:
        raise StoreError(
            f"a PostgreSQL database needs psycopg: pip install 'attache[postgresql]' ({error})"
        ) from error
    return connect(url)


def _configure(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = wal")
    db.execute("PRAGMA foreign_keys = ON")
    # NORMAL is safe in WAL mode: a crash loses no committed transaction's integrity.
    db.execute("PRAGMA synchronous = NORMAL")
    # Each article touches pages all over the band, mention and FTS5 indexes; SQLite's
    # 2 MB default cache makes a batch of articles spill and re-read them (the pages are
    # allocated as used, so a small store never takes this much).
    db.execute(f"PRAGMA cache_size = -{CACHE_KB}")


def _article_columns(record: ArticleRecord) -> dict[str, Any]:
    return {
        "source_kind": record.source_kind,
        "source": record.source,
        "url": record.url,
        "path": record.path,
        "title": record.title,
        "title_derived": int(record.title_derived),
        "outlet": record.outlet,
        "author": record.author,
        "language": record.language,
        "published": record.published,
        "published_precision": record.published_precision,
        "published_year_source": record.published_year_source,
        "published_text": record.published_text,
        "content_hash": record.content_hash,
        "encoding": record.encoding,
        "duplicate_of": record.duplicate_of,
        "similarity": record.similarity,
        "signature": record.signature,
    }


def _date_values(date: DateRecord, passage: str) -> tuple[Any, ...]:
    return (
        date.start,
        date.end,
        None if passage[date.start : date.end] == date.text else date.text,
        date.date,
        date.precision,
        date.year_source,
        date.until,
    )


def _event_values(event: EventRecord) -> tuple[Any, ...]:
    return (
        event.start,
        event.end,
        event.kind,
        event.date,
        event.precision,
        event.year_source,
        event.until,
        event.place_key,
    )


def _entity_rows(mentions: Iterable[MentionRecord]) -> list[tuple[Any, ...]]:
    """Per entity, in order of first mention, what a mention-by-mention upsert would keep:
    the first mention's name and kind, and the first country and description given."""
    rows: dict[str, list[Any]] = {}
    for m in mentions:
        row = rows.setdefault(m.entity_key, [m.entity_key, m.name, m.kind, None, None])
        row[3] = m.country if row[3] is None else row[3]
        row[4] = m.description if row[4] is None else row[4]
    return [tuple(row) for row in rows.values()]


def _mention_values(mention: MentionRecord, labels: dict[str, int]) -> tuple[Any, ...]:
    return (
        mention.start,
        mention.end,
        labels[mention.surface],
        labels[mention.name],
        None if mention.role is None else labels[mention.role],
        None if mention.country is None else labels[mention.country],
    )
