"""Names to entities: any alias, any case, with or without diacritics, with a small typo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from briefings.folding import fold
from store import Store
from store.records import EntityRow

# A misspelling is corrected when the best match scores this well and clearly beats the rest.
CORRECT_SCORE = 80.0
SUGGEST_SCORE = 60.0
CLEAR_MARGIN = 8.0
MAX_NAME_CHARS = 200
# A single word shorter than this ("Le", "Wu") is too common a part of names to pick one.
MIN_NAME_PART = 4


@dataclass(frozen=True)
class Resolution:
    """The entity a name refers to, or the candidates when it is ambiguous or unknown."""

    entity: EntityRow | None
    candidates: tuple[EntityRow, ...] = ()
    corrected: bool = False
    ambiguous: bool = False


def resolve_entity(store: Store, name: str, prefer: Sequence[str] = ()) -> Resolution:
    """Find the entity `name` refers to; `prefer` kinds win over others when both match."""
    key = fold(name.strip().strip("\"'“”‘’"))[:MAX_NAME_CHARS]
    if not key:
        return Resolution(None)
    exact = _preferred(store.entities_named(key), prefer)
    if len(exact) == 1:
        return Resolution(exact[0])
    if exact:
        return _dominant(exact) or Resolution(None, tuple(exact[:5]), ambiguous=True)
    return _by_one_name(store, key) or _fuzzy(store, key, prefer)


def _by_one_name(store: Store, key: str) -> Resolution | None:
    """`Manalo` for Enrique Manalo when the articles never write him by his surname alone:
    a single word that ends or opens the name of exactly one person; of several, a choice."""
    if " " in key or len(key) < MIN_NAME_PART:
        return None
    ids = {e for alias, e in store.alias_index() if key in _name_ends(alias)}
    people = store.entity_rows(ids, "person") if ids else []
    if len(people) > 1:  # "Pham": the user chooses among the people it may mean
        ranked = sorted(people, key=lambda row: -row.articles)
        return Resolution(None, tuple(ranked[:5]), ambiguous=True)
    return Resolution(people[0], corrected=True) if people else None


def _name_ends(alias: str) -> tuple[str, ...]:
    words = alias.split()
    return (words[0], words[-1]) if len(words) > 1 else ()


def _preferred(found: list[EntityRow], prefer: Sequence[str]) -> list[EntityRow]:
    preferred = [e for e in found if e.kind in prefer]
    return preferred or found


def _dominant(found: list[EntityRow]) -> Resolution | None:
    # "Son" may name a person in most articles and something else once: the common
    # reading wins only when it is far more common; otherwise the user chooses.
    first, second = found[0], found[1]
    if first.articles >= 3 * max(second.articles, 1):
        return Resolution(first)
    return None


def _fuzzy(store: Store, key: str, prefer: Sequence[str]) -> Resolution:
    index = store.alias_index()
    best: dict[int, float] = {}
    for position, score in misspelt_matches(key, [alias for alias, _ in index], limit=20):
        entity_id = index[position][1]
        best[entity_id] = max(best.get(entity_id, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    rows = [row for entity_id, _ in ranked if (row := store.entity_row(entity_id))]
    rows = _preferred(rows, prefer)
    if not rows:
        return Resolution(None)
    top = best[rows[0].id]
    runner_up = best[rows[1].id] if len(rows) > 1 else 0.0
    if top >= CORRECT_SCORE and top - runner_up >= CLEAR_MARGIN:
        return Resolution(rows[0], corrected=True)
    return Resolution(None, tuple(rows[:5]))


def misspelt_matches(
    key: str, aliases: Sequence[str], limit: int | None = None
) -> list[tuple[int, float]]:
    """(position, score) of the folded `aliases` that `key` may be a misspelling of, scoring
    SUGGEST_SCORE or more; in WRatio's order, which `limit` cuts (None keeps all)."""
    candidates = process.extract(
        key, aliases, scorer=fuzz.WRatio, score_cutoff=SUGGEST_SCORE, limit=limit
    )
    scored = [(position, _score(key, alias, wratio)) for alias, wratio, position in candidates]
    return [(position, score) for position, score in scored if score >= SUGGEST_SCORE]


def _score(query: str, alias: str, wratio: float) -> float:
    # WRatio rewards partial matches ("lav" in "lavrov"); plain ratio keeps typos honest.
    return min(wratio, fuzz.ratio(query, alias) + 10)
