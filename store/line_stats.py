"""Per-source line statistics: where each short line shape was seen, and which are chrome.

The shapes and the thresholds are the domain's (briefings/repetition.py); this module only
counts. A shape is counted once per story (an article and its near-duplicates share one), and
a source's `stories` numbers its stories in the order they arrived, so a shape's share is the
stories it was seen in over the stories since it was first seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.backend import Connection
from store.binding import IN_LIST, json_list

# Forgetting old sightings costs one indexed DELETE; doing it every this many stories is enough.
_PRUNE_EVERY = 50


@dataclass(frozen=True)
class ChromeRule:
    """When a shape is chrome: seen in `min_stories` stories and in `min_share` of the
    source's stories since first seen, or in `many_stories` whatever the share. Sightings
    older than the source's last `window` stories are forgotten."""

    min_stories: int
    min_share: float
    many_stories: int
    window: int

    def is_chrome(self, stories: int, since: int) -> bool:
        """Whether a shape seen in `stories` of the `since` stories since its first is."""
        shared = stories >= self.min_stories and stories >= self.min_share * since
        return shared or stories >= self.many_stories


class LineStatsQueries:
    """The store's line statistics, mixed into `Store`."""

    db: Connection

    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[None]: ...
        def _now(self) -> str: ...
        def _refresh_entities(
            self, entity_ids: Iterable[int], *, renamed: Iterable[int]
        ) -> None: ...
        def _bump_corpus_version(self) -> None: ...

    def chrome_shapes(self, source: str) -> frozenset[int]:
        """The line shapes found to be chrome in articles from `source`."""
        rows = self.db.execute(
            "SELECT c.shape FROM chrome_shapes c JOIN line_sources s ON s.id = c.source_id"
            " WHERE s.source = ?",
            [source],
        )
        return frozenset(int(row[0]) for row in rows)

    def record_lines(
        self,
        source: str,
        article_id: int,
        story: int,
        shapes: Sequence[int],
        rule: ChromeRule,
        *,
        new_story: bool,
    ) -> frozenset[int]:
        """Record that an article of `source` (of story `story`, a new one or not) holds these
        line shapes; return those of them that are chrome now, by this article or before it."""
        with self._write():
            source_id, seq = self._count_story(source, new_story)
            if not new_story:  # an article stored again: its old text's sightings go
                self.db.execute("DELETE FROM line_shapes WHERE article_id = ?", [article_id])
            known = self._chrome_among(source_id, shapes)
            self.db.executemany(
                "INSERT INTO line_shapes (source_id, shape, article_id, story, seq)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(source_id, s, article_id, story, seq) for s in shapes if s not in known],
            )
            found = self._newly_chrome(source_id, shapes, seq, rule)
            if found:
                self.db.executemany(
                    "INSERT INTO chrome_shapes (source_id, shape, stories, found_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [(source_id, shape, stories, self._now()) for shape, stories in found],
                )
            if new_story and seq % _PRUNE_EVERY == 0:
                self.db.execute(
                    "DELETE FROM line_shapes WHERE source_id = ? AND seq <= ?",
                    [source_id, seq - rule.window],
                )
        return known | {shape for shape, _ in found}

    def articles_with_shapes(self, source: str, shapes: Iterable[int], limit: int) -> list[int]:
        """Stored articles of `source` seen holding any of these shapes, at most `limit`."""
        rows = self.db.execute(
            "SELECT DISTINCT l.article_id FROM line_shapes l"
            " JOIN line_sources s ON s.id = l.source_id"
            f" WHERE s.source = ? AND l.shape {IN_LIST} ORDER BY l.article_id LIMIT ?",
            [source, json_list(sorted(shapes)), limit],
        )
        return [int(row[0]) for row in rows]

    def forget_shapes(self, source: str, shapes: Iterable[int]) -> None:
        """Drop the sightings of shapes now chrome: their articles are cleaned of them."""
        with self._write():
            self.db.execute(
                "DELETE FROM line_shapes WHERE source_id ="
                f" (SELECT id FROM line_sources WHERE source = ?) AND shape {IN_LIST}",
                [source, json_list(sorted(shapes))],
            )

    def article_passages(self, article_ids: Iterable[int]) -> list[tuple[int, str, str]]:
        """(passage id, kind, text) of every passage of these articles."""
        rows = self.db.execute(
            f"SELECT id, kind, text FROM passages WHERE article_id {IN_LIST}"
            " ORDER BY article_id, seq",
            [json_list(sorted(set(article_ids)))],
        )
        return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]

    def drop_passages(self, passage_ids: Iterable[int]) -> None:
        """Remove passages and what was found in them (mentions, dates, events, search
        entries); entities no passage mentions any more go too."""
        listed = json_list(sorted(set(passage_ids)))
        with self._write():
            touched = {
                int(row[0])
                for row in self.db.execute(
                    f"SELECT DISTINCT entity_id FROM mentions WHERE passage_id {IN_LIST}", [listed]
                )
            }
            self.db.execute(f"DELETE FROM passages WHERE id {IN_LIST}", [listed])
            self._refresh_entities(touched, renamed=touched)
            self._bump_corpus_version()

    def _count_story(self, source: str, new_story: bool) -> tuple[int, int]:
        self.db.execute(
            "INSERT INTO line_sources (source) VALUES (?) ON CONFLICT(source) DO NOTHING",
            [source],
        )
        row = self.db.execute(
            "UPDATE line_sources SET stories = stories + ? WHERE source = ? RETURNING id, stories",
            [int(new_story), source],
        ).fetchone()
        return int(row[0]), int(row[1])

    def _chrome_among(self, source_id: int, shapes: Sequence[int]) -> frozenset[int]:
        rows = self.db.execute(
            f"SELECT shape FROM chrome_shapes WHERE source_id = ? AND shape {IN_LIST}",
            [source_id, json_list(shapes)],
        )
        return frozenset(int(row[0]) for row in rows)

    def _newly_chrome(
        self,
        source_id: int,
        shapes: Sequence[int],
        seq: int,
        rule: ChromeRule,
    ) -> list[tuple[int, int]]:
        rows = self.db.execute(
            "SELECT shape, count(DISTINCT story), min(seq) FROM line_shapes"
            f" WHERE source_id = ? AND shape {IN_LIST} GROUP BY shape",
            [source_id, json_list(shapes)],
        )
        return [
            (int(shape), int(stories))
            for shape, stories, first in rows
            if rule.is_chrome(int(stories), seq - int(first) + 1)
        ]
