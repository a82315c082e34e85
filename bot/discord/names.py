"""Entity names for slash-command autocomplete: loaded once per corpus version, matched purely."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from briefings.folding import fold
from store import Store

# Discord shows at most 25 choices, each name and value at most 100 characters.
MAX_CHOICES = 25
MAX_CHOICE_LENGTH = 100
FUZZY_CUTOFF = 80
_SEPARATOR = "\x1f"
# The most-cited entities first, so an empty box suggests the names people ask about.
_NAMES_SQL = """
    SELECT e.name, e.kind, group_concat(a.alias, char(31)),
           (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) AS n
    FROM entities e LEFT JOIN aliases a ON a.entity_id = e.id
    GROUP BY e.id
    ORDER BY n DESC, e.name
"""


@dataclass(frozen=True)
class EntityName:
    """A name to suggest, with the folded keys (name and aliases) it is found by."""

    name: str
    kind: str
    keys: tuple[str, ...]


def entity_names(store: Store) -> tuple[EntityName, ...]:
    """Every entity in the store, most-cited first."""
    rows = store.db.execute(_NAMES_SQL).fetchall()
    return tuple(_entity_name(name, kind, aliases) for name, kind, aliases, _ in rows)


def _entity_name(name: str, kind: str, aliases: str | None) -> EntityName:
    spellings = [name, *(aliases.split(_SEPARATOR) if aliases else ())]
    return EntityName(name, kind, tuple(dict.fromkeys(fold(s) for s in spellings)))


def matching_names(
    names: Sequence[EntityName], typed: str, kinds: Collection[str] = ()
) -> list[str]:
    """Up to 25 names for what the user has typed so far: prefixes first, then typos."""
    wanted = [n for n in names if not kinds or n.kind in kinds]
    query = fold(typed)
    if not query:
        return _choices(wanted)
    ranked = sorted(
        (rank, index) for index, n in enumerate(wanted) if (rank := _rank(n, query)) < 3
    )
    found = [wanted[index] for _, index in ranked]
    if len(found) < MAX_CHOICES:
        found += _fuzzy(wanted, query, exclude={n.name for n in found})
    return _choices(found)


def _rank(name: EntityName, query: str) -> int:
    """0: a spelling starts with it; 1: a word does; 2: it appears inside; 3: no match."""
    if any(key.startswith(query) for key in name.keys):
        return 0
    if any(word.startswith(query) for key in name.keys for word in key.split()):
        return 1
    return 2 if any(query in key for key in name.keys) else 3


def _fuzzy(names: Sequence[EntityName], query: str, exclude: set[str]) -> list[EntityName]:
    keys = {(index, key): key for index, n in enumerate(names) for key in n.keys}
    hits = process.extract(
        query, keys, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=None
    )
    order = dict.fromkeys(index for _, _, (index, _) in hits)
    return [names[i] for i in order if names[i].name not in exclude]


def _choices(names: Sequence[EntityName]) -> list[str]:
    unique = dict.fromkeys(n.name[:MAX_CHOICE_LENGTH] for n in names)
    return list(unique)[:MAX_CHOICES]


class NameIndex:
    """The entity names, reloaded only when ingest has changed the corpus."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._names: tuple[EntityName, ...] = ()

    def names(self, store: Store) -> tuple[EntityName, ...]:
        version = store.corpus_version()
        with self._lock:
            if version != self._version:
                self._names = entity_names(store)
                self._version = version
            return self._names
