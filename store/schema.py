"""The schema and its forward migrations; `migrate` brings any older file up to date."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from store.errors import StoreError

FTS_TOKENIZER = "unicode61 remove_diacritics 2"


def _execute_all(db: Database, script: str) -> None:
    # Not executescript(): it commits first, and a migration must be one transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: Database) -> None:
    _execute_all(
        db,
        """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            source_kind TEXT NOT NULL,
            source TEXT,
            url TEXT,
            path TEXT,
            title TEXT NOT NULL,
            title_derived INTEGER NOT NULL DEFAULT 0,
            outlet TEXT,
            author TEXT,
            language TEXT,
            published TEXT,
            published_precision TEXT,
            published_year_source TEXT,
            published_text TEXT,
            content_hash TEXT NOT NULL,
            encoding TEXT,
            duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            similarity REAL,
            signature BLOB,
            ingested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX passages_article ON passages(article_id, seq);
        CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX article_bands_band ON article_bands(band);
        CREATE INDEX article_bands_article ON article_bands(article_id);
        CREATE TABLE dates (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            date TEXT NOT NULL,
            precision TEXT NOT NULL,
            year_source TEXT NOT NULL,
            until TEXT
        );
        CREATE INDEX dates_article ON dates(article_id);
        CREATE INDEX dates_date ON dates(date);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country TEXT,
            description TEXT
        );
        CREATE TABLE aliases (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            defined INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, alias)
        );
        CREATE INDEX aliases_key ON aliases(alias_key);
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            surface TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT,
            country TEXT
        );
        CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_passage ON mentions(passage_id);
        """,
    )
    db.table("passages").enable_fts(["text"], tokenize=FTS_TOKENIZER, create_triggers=True)


def _v2(db: Database) -> None:
    """Events (for timelines and digests) and the cache of LLM answers."""
    _execute_all(
        db,
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            date TEXT NOT NULL,
            precision TEXT NOT NULL,
            year_source TEXT NOT NULL,
            until TEXT,
            place_id INTEGER REFERENCES entities(id) ON DELETE SET NULL
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_participants (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, entity_id)
        );
        CREATE INDEX event_participants_entity ON event_participants(entity_id);
        CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages_fts, 'row');
        CREATE TABLE answer_cache (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            corpus_version INTEGER NOT NULL,
            answer TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
    )


def _v3(db: Database) -> None:
    """Digest subscriptions, the record of each digest run, and the sources polled for news."""
    _execute_all(
        db,
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            workspace TEXT NOT NULL,
            channel TEXT NOT NULL,
            filter TEXT NOT NULL,
            schedule TEXT NOT NULL,
            timezone TEXT NOT NULL,
            created_by TEXT,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX subscriptions_channel ON subscriptions(platform, workspace, channel);
        CREATE TABLE digest_runs (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'recorded' CHECK (state IN ('recorded', 'posted')),
            message_ref TEXT,
            recorded_at TEXT NOT NULL,
            posted_at TEXT,
            UNIQUE (subscription_id, window_start)
        );
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            location TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('feed', 'folder')),
            every_seconds INTEGER NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_polled_at TEXT,
            next_poll_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_ingested_at ON articles(ingested_at)
        """,
    )


def _v4(db: Database) -> None:
    """Articles a newly added source already held are stored but never announced in a digest."""
    _execute_all(
        db,
        """
        ALTER TABLE articles ADD COLUMN announced INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX sources_next_poll ON sources(next_poll_at)
        """,
    )


def _v5(db: Database) -> None:
    """An index for naming an entity by its commonest form without reading every mention."""
    db.execute("CREATE INDEX IF NOT EXISTS mentions_entity_name ON mentions(entity_id, name)")


def _v6(db: Database) -> None:
    """Indexes that keep ingest flat as the corpus grows.

    Aliases are cleaned up by (entity, surface) and entities renamed by counting articles per
    name, both once per article; deleting a passage or an entity looks its children up by the
    column the foreign key names, which without an index reads the whole child table.
    """
    _execute_all(
        db,
        """
        CREATE INDEX IF NOT EXISTS mentions_entity_surface ON mentions(entity_id, surface);
        DROP INDEX IF EXISTS mentions_entity_name;
        CREATE INDEX IF NOT EXISTS mentions_entity_name_article
            ON mentions(entity_id, name, article_id);
        CREATE INDEX IF NOT EXISTS dates_passage ON dates(passage_id);
        CREATE INDEX IF NOT EXISTS events_passage ON events(passage_id);
        CREATE INDEX IF NOT EXISTS events_place ON events(place_id)
        """,
    )


def _v7(db: Database) -> None:
    """A digest run can be `unverified`: after a crash, the platform refused to say whether
    its digest went out, so it is neither posted again nor left to block the runs after it;
    `problem` keeps the platform's reason. SQLite cannot change a CHECK: the table is rebuilt."""
    _execute_all(
        db,
        """
        CREATE TABLE digest_runs_v7 (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'recorded'
                CHECK (state IN ('recorded', 'posted', 'unverified')),
            message_ref TEXT,
            recorded_at TEXT NOT NULL,
            posted_at TEXT,
            problem TEXT,
            UNIQUE (subscription_id, window_start)
        );
        INSERT INTO digest_runs_v7 (id, subscription_id, window_start, window_end, state,
            message_ref, recorded_at, posted_at)
            SELECT id, subscription_id, window_start, window_end, state, message_ref,
                recorded_at, posted_at FROM digest_runs;
        DROP TABLE digest_runs;
        ALTER TABLE digest_runs_v7 RENAME TO digest_runs
        """,
    )


def _v8(db: Database) -> None:
    """Per-source line statistics (briefings/repetition.py): each source's count of stories,
    where each short line shape was seen (article, its story, the source's story count then),
    and the shapes found to be the source's chrome. Sightings are forgotten past a window, so
    the table stays bounded; an existing store starts with none and learns as it ingests."""
    _execute_all(
        db,
        """
        CREATE TABLE line_sources (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            stories INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE line_shapes (
            source_id INTEGER NOT NULL REFERENCES line_sources(id) ON DELETE CASCADE,
            shape INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            story INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (source_id, shape, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX line_shapes_seq ON line_shapes(source_id, seq);
        CREATE INDEX line_shapes_article ON line_shapes(article_id);
        CREATE TABLE chrome_shapes (
            source_id INTEGER NOT NULL REFERENCES line_sources(id) ON DELETE CASCADE,
            shape INTEGER NOT NULL,
            stories INTEGER NOT NULL,
            found_at TEXT NOT NULL,
            PRIMARY KEY (source_id, shape)
        ) WITHOUT ROWID
        """,
    )


def _v9(db: Database) -> None:
    """The command line (`cli`) and the terminal console (`console`) became one local
    channel, `terminal`: their subscriptions move there, so each sees the other's."""
    db.execute(
        "UPDATE subscriptions SET platform = 'terminal', workspace = 'local',"
        " channel = 'terminal' WHERE platform IN ('cli', 'console')"
    )


def _v10(db: Database) -> None:
    """A smaller file (issue 16). The short texts every mention repeated (its surface form,
    the entity's full name, role and country) are written once, in `labels`, and mentions
    hold their ids, as their indexes do; one index by (entity, article, name) serves both
    the latest articles naming an entity and the count of its names. Mentions and dates
    are reached from an article through its passages, so they need no index by article
    (and no query reads dates by date). A date's text is its passage's slice from start to
    end, kept only when it is not. Bands are 32-bit keys clustered by band; signatures keep
    16 bits of each MinHash value. The space freed is reused, or given back by VACUUM."""
    _execute_all(
        db,
        """
        CREATE TABLE labels (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
        INSERT INTO labels (text) SELECT surface FROM mentions UNION SELECT name FROM mentions
            UNION SELECT role FROM mentions WHERE role IS NOT NULL
            UNION SELECT country FROM mentions WHERE country IS NOT NULL;
        CREATE TABLE mentions_v10 (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            surface_id INTEGER NOT NULL REFERENCES labels(id),
            name_id INTEGER NOT NULL REFERENCES labels(id),
            role_id INTEGER REFERENCES labels(id),
            country_id INTEGER REFERENCES labels(id)
        );
        INSERT INTO mentions_v10 SELECT m.id, m.entity_id, m.article_id, m.passage_id, m.start,
            m."end", s.id, n.id, r.id, c.id FROM mentions m
            JOIN labels s ON s.text = m.surface JOIN labels n ON n.text = m.name
            LEFT JOIN labels r ON r.text = m.role LEFT JOIN labels c ON c.text = m.country;
        DROP TABLE mentions;
        ALTER TABLE mentions_v10 RENAME TO mentions;
        CREATE INDEX mentions_entity ON mentions(entity_id, article_id, name_id);
        CREATE INDEX mentions_passage ON mentions(passage_id);
        CREATE INDEX mentions_entity_surface ON mentions(entity_id, surface_id);
        CREATE TABLE article_bands_v10 (
            band INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO article_bands_v10 (band, article_id)
            SELECT band >> 32, article_id FROM article_bands;
        DROP TABLE article_bands;
        ALTER TABLE article_bands_v10 RENAME TO article_bands;
        CREATE INDEX article_bands_article ON article_bands(article_id);
        ALTER TABLE dates DROP COLUMN text;
        ALTER TABLE dates ADD COLUMN text TEXT;
        DROP INDEX IF EXISTS dates_article;
        DROP INDEX IF EXISTS dates_date;
        """,
    )
    _narrow_signatures(db)


def _narrow_signatures(db: Database) -> None:
    # The old signature is 128 native (little-endian) uint64 values; a value's low 16 bits
    # are the first two bytes of its eight, the part briefings/ingest/dedupe.py now keeps.
    rows = db.execute("SELECT id, signature FROM articles WHERE length(signature) > 256")
    narrowed = [
        (b"".join(wide[i : i + 2] for i in range(0, len(wide), 8)), article_id)
        for article_id, wide in rows.fetchall()
    ]
    db.conn.executemany("UPDATE articles SET signature = ? WHERE id = ?", narrowed)


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _v7,
    _v8,
    _v9,
    _v10,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database) -> int:
    """Apply every migration newer than the file's version, each in its own transaction."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the database is at schema version {current}, newer than this Attaché"
            f" understands ({SCHEMA_VERSION}); upgrade Attaché"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[version - 1](db)
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [str(version)],
            )
    return SCHEMA_VERSION
