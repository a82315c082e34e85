"""Reads that briefings are built from: names, passages, searches, events, companions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from store.backend import Connection
from store.binding import IN_LIST, grouped, json_list
from store.fulltext import Match
from store.records import (
    ArticleSummary,
    Companion,
    DateRecord,
    EntityRow,
    EventMark,
    EventRow,
    NamedEntity,
    NamedPerson,
    PassageHit,
    PassageMention,
    Published,
)

SUMMARY_COLUMNS = (
    "id, title, published, published_precision, published_year_source, published_text,"
    " url, path, outlet, duplicate_of, language"
)
# char(31) joins a group's aliases: no name has a control character (cleaning drops them).
_UNIT_SEPARATOR = "\x1f"
# Counts stop at COUNT_CAP: they only rank namesakes, and counting every mention of a
# common name would cost more at each corpus size.
COUNT_CAP = 1000
_ENTITY_ROW = (
    "SELECT e.id, e.key, e.name, e.kind, e.country, e.description,"
    " (SELECT count(*) FROM"
    f" (SELECT 1 FROM mentions m WHERE m.entity_id = e.id LIMIT {COUNT_CAP}) AS capped),"
    " (SELECT count(*) FROM"
    f" (SELECT DISTINCT article_id FROM mentions m WHERE m.entity_id = e.id LIMIT {COUNT_CAP})"
    " AS capped)"
    " FROM entities e"
)
# The `recent` articles naming an entity, newest ingested first (all of them when bound the
# dialect's `no_limit`). Walking the (entity_id, article_id) index backwards stops after
# `recent` rows.
_RECENT_ARTICLES = (
    "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?"
)


# A mention's span in its passage, as `_spans` reads it back.
_SPAN = "m.start || ':' || m.\"end\""
# A date's text: its passage's slice, unless stored because it differs (Store._insert_dates).
DATE_TEXT = 'coalesce(d.text, substr(p.text, d.start + 1, d."end" - d.start))'
_EVENT_ROWS = (
    'SELECT ev.id, ev.article_id, ev.passage_id, substr(p.text, ev.start + 1, ev."end" -'
    " ev.start), ev.kind, ev.date, ev.precision, ev.year_source, ev.until, pl.name"
    " FROM events ev JOIN passages p ON p.id = ev.passage_id"
    " LEFT JOIN entities pl ON pl.id = ev.place_id"
)


class Queries:
    """The read side used by briefings; every value is bound, never spliced into SQL."""

    db: Connection
    # Reads that scan a whole table, kept with the corpus version they were made on.
    _aliases: tuple[int, list[tuple[str, int]]] | None = None
    _passages: tuple[int, int] | None = None
    _languages: tuple[int, frozenset[str]] | None = None

    def entities_named(self, alias_key: str) -> list[EntityRow]:
        """Entities having `alias_key` (folded) as their key or one of their aliases."""
        rows = self.db.execute(
            f"{_ENTITY_ROW} WHERE e.key = ? OR e.id IN"
            " (SELECT entity_id FROM aliases WHERE alias_key = ?)",
            [alias_key, alias_key],
        )
        return sorted((EntityRow(*row) for row in rows), key=lambda e: -e.mentions)

    def entity_row(self, entity_id: int) -> EntityRow | None:
        row = self.db.execute(f"{_ENTITY_ROW} WHERE e.id = ?", [entity_id]).fetchone()
        return EntityRow(*row) if row else None

    def entity_rows(self, entity_ids: Iterable[int], kind: str) -> list[EntityRow]:
        """The entities of `kind` among `entity_ids`, in one query."""
        rows = self.db.execute(
            f"{_ENTITY_ROW} WHERE e.id {IN_LIST} AND e.kind = ?",
            [json_list(sorted(entity_ids)), kind],
        )
        return [EntityRow(*row) for row in rows]

    def alias_index(self) -> list[tuple[str, int]]:
        """Every (folded alias, entity id), for fuzzy matching of misspelt names.

        Read once per corpus version: every misspelt query would otherwise read every alias.
        """
        version = self.corpus_version()
        if self._aliases is None or self._aliases[0] != version:
            rows = self.db.execute(
                "SELECT alias_key, entity_id FROM aliases UNION SELECT key, id FROM entities"
            )
            self._aliases = (version, [(row[0], row[1]) for row in rows])
        return self._aliases[1]

    def entity_names(self) -> list[NamedEntity]:
        """Every entity with its aliases, the most-cited first, then by name."""
        rows = self.db.execute(
            f"SELECT e.name, e.kind, {self.db.dialect.group_concat('a.alias', _UNIT_SEPARATOR)},"
            " (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) AS n"
            " FROM entities e LEFT JOIN aliases a ON a.entity_id = e.id"
            " GROUP BY e.id ORDER BY n DESC, e.name"
        )
        return [
            NamedEntity(name, kind, tuple(aliases.split(_UNIT_SEPARATOR)) if aliases else (), n)
            for name, kind, aliases, n in rows
        ]

    def alias_keys(self, entity_ids: Iterable[int]) -> dict[int, list[str]]:
        """The folded aliases of each of `entity_ids`: every way the corpus writes them."""
        rows = self.db.execute(
            f"SELECT entity_id, alias_key FROM aliases WHERE entity_id {IN_LIST}",
            [json_list(sorted(set(entity_ids)))],
        )
        return grouped(rows)

    def aliases_of(self, entity_id: int) -> list[str]:
        rows = self.db.execute(
            "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY defined DESC, alias",
            [entity_id],
        )
        return [row[0] for row in rows]

    def roles_of(
        self, entity_id: int, recent: int | None = None
    ) -> list[tuple[str, str | None, int]]:
        """(role as written, country, article id) for each article giving the entity a role.

        With `recent`, only among the `recent` latest articles naming the entity.
        """
        rows = self.db.execute(
            "SELECT DISTINCT r.text, c.text, m.article_id FROM mentions m"
            " JOIN labels r ON r.id = m.role_id LEFT JOIN labels c ON c.id = m.country_id"
            f" WHERE m.entity_id = ? AND m.article_id IN ({_RECENT_ARTICLES})"
            " ORDER BY m.article_id",
            [entity_id, entity_id, self._limit(recent)],
        )
        return [(row[0], row[1], row[2]) for row in rows]

    def passages_mentioning(
        self, entity_id: int, kinds: Sequence[str] = ("body",), recent: int | None = None
    ) -> list[PassageHit]:
        """Passages naming the entity; with `recent`, only in its `recent` latest articles."""
        rows = self.db.execute(
            "SELECT p.id, p.article_id, p.seq, p.kind, p.text,"
            f" {self.db.dialect.group_concat(_SPAN)} FROM mentions m"
            " JOIN passages p ON p.id = m.passage_id WHERE m.entity_id = ?"
            f" AND m.article_id IN ({_RECENT_ARTICLES}) AND p.kind {IN_LIST}"
            " GROUP BY p.id ORDER BY p.article_id, p.seq",
            [entity_id, entity_id, self._limit(recent), json_list(kinds)],
        )
        return [_passage_hit(row, spans=_spans(row[5])) for row in rows]

    def leads(self, article_ids: Iterable[int]) -> list[PassageHit]:
        """The first body paragraph of each article."""
        rows = self.db.execute(
            "SELECT p.id, p.article_id, p.seq, p.kind, p.text FROM passages p"
            f" WHERE p.article_id {IN_LIST} AND p.kind = 'body'"
            " AND p.seq = (SELECT min(seq) FROM passages q"
            " WHERE q.article_id = p.article_id AND q.kind = 'body')",
            [json_list(sorted(set(article_ids)))],
        )
        return [_passage_hit(row) for row in rows]

    def outlet_counts(self, limit: int = 10) -> list[tuple[str, int]]:
        """The outlets with the most articles."""
        rows = self.db.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ?",
            [limit],
        )
        return [(row[0], row[1]) for row in rows]

    def search_passages(
        self, match: Match | None, limit: int, kinds: Sequence[str] = ("body",)
    ) -> list[PassageHit]:
        """Passages matching a full-text query, the best matches first (the backend writes
        the query in its own syntax, every token quoted: store/fulltext.py); none for None."""
        if match is None:
            return []
        rows = self.db.search_passages(match, limit, kinds)
        return [_passage_hit(row, rank=row[5]) for row in rows]

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages contain each (already folded) term."""
        wanted = sorted(set(terms))
        if not wanted:
            return {}
        return self.db.document_frequency(wanted)

    def passage_total(self) -> int:
        """How many passages there are; counted once per corpus version, as counting scans."""
        version = self.corpus_version()
        if self._passages is None or self._passages[0] != version:
            total = int(self.db.execute("SELECT count(*) FROM passages").fetchone()[0])
            self._passages = (version, total)
        return self._passages[1]

    def languages(self) -> frozenset[str]:
        """The languages of the stored articles; read once per corpus version (it scans)."""
        version = self.corpus_version()
        if self._languages is None or self._languages[0] != version:
            rows = self.db.execute("SELECT DISTINCT coalesce(language, 'en') FROM articles")
            self._languages = (version, frozenset(str(row[0]) for row in rows))
        return self._languages[1]

    def corpus_version(self) -> int:
        """A number every saved article bumps (Store.save_article); 0 for an empty store."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'corpus_version'").fetchone()
        return int(row[0]) if row else 0

    def entities_keyed(
        self, keys: Iterable[str], kinds: Sequence[str] | None = None
    ) -> dict[str, list[int]]:
        """The entities each folded key names, as their key or one of their aliases; only
        entities of `kinds`, when given."""
        wanted = json_list(sorted(set(keys)))
        if kinds is None:
            rows = self.db.execute(
                "SELECT alias_key, entity_id FROM aliases WHERE alias_key"
                f" {IN_LIST} UNION SELECT key, id FROM entities WHERE key {IN_LIST}",
                [wanted, wanted],
            )
            return grouped(rows)
        rows = self.db.execute(
            "SELECT alias_key, entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id"
            f" WHERE alias_key {IN_LIST} AND e.kind {IN_LIST}"
            f" UNION SELECT key, id FROM entities WHERE key {IN_LIST} AND kind {IN_LIST}",
            [wanted, json_list(kinds), wanted, json_list(kinds)],
        )
        return grouped(rows)

    def mentions_in(
        self, passage_ids: Iterable[int], entity_ids: Iterable[int] | None = None
    ) -> list[PassageMention]:
        """The entities named in the passages (only `entity_ids`, when given), in text order."""
        # `+m.entity_id`: the planner would otherwise read every mention of the asked-about
        # entities in the whole corpus (mentions_entity) rather than those of a few hundred
        # passages (mentions_passage): at 100k articles 3-148 ms against 1-4 ms.
        only = "" if entity_ids is None else f" AND +m.entity_id {IN_LIST}"
        wanted = [] if entity_ids is None else [json_list(sorted(set(entity_ids)))]
        rows = self.db.execute(
            "SELECT m.passage_id, m.article_id, m.entity_id, e.kind, s.text FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id JOIN labels s ON s.id = m.surface_id"
            f" WHERE m.passage_id {IN_LIST}{only}"
            " ORDER BY m.passage_id, m.start",
            [json_list(sorted(set(passage_ids))), *wanted],
        )
        return [PassageMention(*row) for row in rows]

    def articles_naming(
        self, entity_ids: Iterable[int], article_ids: Iterable[int]
    ) -> dict[int, set[int]]:
        """For each of `article_ids`, which of `entity_ids` it names anywhere."""
        rows = self.db.execute(
            "SELECT DISTINCT article_id, entity_id FROM mentions"
            f" WHERE entity_id {IN_LIST} AND article_id {IN_LIST}",
            [json_list(sorted(set(entity_ids))), json_list(sorted(set(article_ids)))],
        )
        named: dict[int, set[int]] = {}
        for article, entity in rows:
            named.setdefault(article, set()).add(entity)
        return named

    def days_told(self, article_ids: Iterable[int]) -> dict[int, set[str]]:
        """For each of `article_ids`, the ISO dates known to the day that its text states."""
        rows = self.db.execute(
            "SELECT DISTINCT p.article_id, d.date FROM passages p"
            " JOIN dates d ON d.passage_id = p.id WHERE d.precision = 'day'"
            f" AND p.article_id {IN_LIST}",
            [json_list(sorted(set(article_ids)))],
        )
        told: dict[int, set[str]] = {}
        for article, date in rows:
            told.setdefault(article, set()).add(date)
        return told

    def dates_in(self, passage_ids: Iterable[int]) -> dict[int, list[DateRecord]]:
        rows = self.db.execute(
            f'SELECT d.passage_id, 0, d.start, d."end", {DATE_TEXT}, d.date, d.precision,'
            " d.year_source, d.until FROM dates d JOIN passages p ON p.id = d.passage_id"
            f" WHERE d.passage_id {IN_LIST} ORDER BY d.start",
            [json_list(sorted(set(passage_ids)))],
        )
        return grouped((row[0], DateRecord(*row[1:])) for row in rows)

    def article_summaries(self, article_ids: Iterable[int]) -> dict[int, ArticleSummary]:
        rows = self.db.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE id {IN_LIST}",
            [json_list(sorted(set(article_ids)))],
        )
        return {row[0]: article_summary(row) for row in rows}

    def companions(
        self,
        entity_id: int,
        kinds: Sequence[str] = ("person", "organization"),
        limit: int = 5,
        recent: int | None = None,
    ) -> list[Companion]:
        """Entities of `kinds` mentioned in the most articles that also mention `entity_id`.

        With `recent`, counted over the `recent` latest articles naming the entity.
        """
        # Body text only: a photo credit ("Photo: VNA") is not a companion. Mentions are
        # reached through the articles' passages: they have no index by article.
        rows = self.db.execute(
            "SELECT e.name, e.kind, count(DISTINCT p.article_id) AS shared FROM passages p"
            " JOIN mentions m ON m.passage_id = p.id JOIN entities e ON e.id = m.entity_id"
            f" WHERE p.article_id IN ({_RECENT_ARTICLES}) AND p.kind = 'body'"
            f" AND m.entity_id != ? AND e.kind {IN_LIST}"
            " GROUP BY e.id ORDER BY shared DESC, count(*) DESC, e.name LIMIT ?",
            [entity_id, self._limit(recent), entity_id, json_list(kinds), limit],
        )
        return [Companion(*row) for row in rows]

    def events_involving(self, entity_id: int, recent: int | None = None) -> list[EventRow]:
        """Events where the entity takes part, is the place, or is named in the sentence.

        With `recent`, only events told in the `recent` latest articles naming the entity.
        """
        rows = self.db.execute(
            f"{_EVENT_ROWS} WHERE ev.article_id IN ({_RECENT_ARTICLES}) AND (ev.place_id = ?"
            " OR ev.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)"
            " OR EXISTS (SELECT 1 FROM mentions m WHERE m.passage_id = ev.passage_id"
            ' AND m.entity_id = ? AND m.start >= ev.start AND m."end" <= ev."end"))'
            " ORDER BY ev.date, ev.article_id",
            [entity_id, self._limit(recent), entity_id, entity_id, entity_id],
        ).fetchall()
        return self._event_rows(rows)

    def events_in(self, article_ids: Iterable[int]) -> list[EventRow]:
        """Every event the articles tell, in date order."""
        rows = self.db.execute(
            f"{_EVENT_ROWS} WHERE ev.article_id {IN_LIST} ORDER BY ev.date, ev.article_id",
            [json_list(sorted(set(article_ids)))],
        ).fetchall()
        return self._event_rows(rows)

    def events_on(self, days: Iterable[str], limit: int) -> list[EventRow]:
        """Events that happened on one of `days` (ISO dates), in any article: at most
        `limit`, the latest articles' first."""
        rows = self.db.execute(
            f"{_EVENT_ROWS} WHERE ev.id IN (SELECT id FROM events WHERE date {IN_LIST}"
            " AND kind NOT LIKE 'announced-%' ORDER BY article_id DESC LIMIT ?)"
            " ORDER BY ev.date, ev.article_id",
            [json_list(sorted(set(days))), limit],
        ).fetchall()
        return self._event_rows(rows)

    def _limit(self, recent: int | None) -> int | None:
        return self.db.dialect.no_limit if recent is None else recent

    def _event_rows(self, rows: Sequence[Sequence[Any]]) -> list[EventRow]:
        names = self._participant_names([row[0] for row in rows])
        return [_event_row(row, tuple(names.get(row[0], ()))) for row in rows]

    def event_marks(self, article_ids: Iterable[int]) -> dict[int, list[EventMark]]:
        """Each article's events in the order the text tells them."""
        rows = self.db.execute(
            "SELECT ev.article_id, p.seq, ev.start, ev.date, ev.year_source,"
            " ev.kind LIKE 'announced-%', ev.kind"
            " FROM events ev JOIN passages p ON p.id = ev.passage_id"
            f" WHERE ev.article_id {IN_LIST} ORDER BY ev.article_id, p.seq, ev.start",
            [json_list(sorted(set(article_ids)))],
        )
        return grouped((row[0], _event_mark(row)) for row in rows)

    def body_passages(self, article_ids: Iterable[int]) -> list[PassageHit]:
        """Every body passage of these articles, in article and reading order."""
        rows = self.db.execute(
            "SELECT id, article_id, seq, kind, text FROM passages"
            f" WHERE article_id {IN_LIST} AND kind = 'body' ORDER BY article_id, seq",
            [json_list(sorted(set(article_ids)))],
        )
        return [_passage_hit(row) for row in rows]

    def people_named(self, passage_ids: Iterable[int]) -> dict[int, list[NamedPerson]]:
        """The people each passage names, in text order."""
        rows = self.db.execute(
            'SELECT m.passage_id, m.start, m."end", e.name FROM mentions m'
            " JOIN entities e ON e.id = m.entity_id"
            f" WHERE m.passage_id {IN_LIST} AND e.kind = 'person' ORDER BY m.passage_id, m.start",
            [json_list(sorted(set(passage_ids)))],
        )
        return grouped((row[0], NamedPerson(*row)) for row in rows)

    def _participant_names(self, event_ids: Sequence[int]) -> dict[int, list[str]]:
        rows = self.db.execute(
            "SELECT ep.event_id, e.name FROM event_participants ep"
            " JOIN entities e ON e.id = ep.entity_id"
            f" WHERE ep.event_id {IN_LIST} ORDER BY e.kind, e.name",
            [json_list(event_ids)],
        )
        return grouped(rows)


def _passage_hit(
    row: Sequence[Any], spans: tuple[tuple[int, int], ...] = (), rank: float = 0.0
) -> PassageHit:
    return PassageHit(row[0], row[1], row[2], row[3], row[4], spans=spans, rank=rank)


def _event_row(row: Sequence[Any], participants: tuple[str, ...]) -> EventRow:
    return EventRow(
        id=row[0],
        article_id=row[1],
        passage_id=row[2],
        sentence=row[3],
        kind=row[4],
        date=row[5],
        precision=row[6],
        year_source=row[7],
        until=row[8],
        place=row[9],
        participants=participants,
    )


def _event_mark(row: Sequence[Any]) -> EventMark:
    return EventMark(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6])


def _spans(packed: str | None) -> tuple[tuple[int, int], ...]:
    if not packed:
        return ()
    pairs = (part.split(":") for part in packed.split(","))
    return tuple(sorted((int(start), int(end)) for start, end in pairs))


def article_summary(row: Sequence[Any]) -> ArticleSummary:
    """An `ArticleSummary` from the first columns of a row selected as SUMMARY_COLUMNS."""
    return ArticleSummary(
        id=row[0],
        title=row[1],
        published=Published(row[2], row[3], row[4], row[5]),
        url=row[6],
        path=row[7],
        outlet=row[8],
        duplicate_of=row[9],
        language=row[10] or "en",
    )
