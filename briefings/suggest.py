"""Names to suggest while one is being typed: spellings it begins first, then the
misspellings `resolve_entity` would correct or offer (its scorer and thresholds)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefings.folding import fold
from briefings.resolve import misspelt_matches
from store import Store

# Substring ranks, best first; NO_MATCH leaves a name to the misspelling step.
SPELLING_STARTS, WORD_STARTS, INSIDE, NO_MATCH = range(4)


@dataclass(frozen=True)
class Suggestible:
    """A name to suggest, with the folded keys (name and aliases) it is found by."""

    name: str
    kind: str
    keys: tuple[str, ...]


def suggestible_names(store: Store) -> tuple[Suggestible, ...]:
    """Every entity in the store, most-cited first."""
    return tuple(
        Suggestible(e.name, e.kind, tuple(dict.fromkeys(fold(s) for s in (e.name, *e.aliases))))
        for e in store.entity_names()
    )


def suggest_names(
    names: Sequence[Suggestible], typed: str, kinds: Collection[str] = (), enough: int = 25
) -> list[str]:
    """Names for what the user has typed so far, best first; misspellings are looked for
    only when fewer than `enough` names contain it. Empty input: every name, as given."""
    wanted = [n for n in names if not kinds or n.kind in kinds]
    query = fold(typed)
    if not query:
        return [n.name for n in wanted]
    ranked = sorted(
        (rank, index)
        for index, n in enumerate(wanted)
        if (rank := _substring_rank(n, query)) < NO_MATCH
    )
    found = [wanted[index] for _, index in ranked]
    if len(found) < enough:
        found += _misspelt(wanted, query, exclude={n.name for n in found})
    return [n.name for n in found]


def _substring_rank(name: Suggestible, query: str) -> int:
    if any(key.startswith(query) for key in name.keys):
        return SPELLING_STARTS
    if any(word.startswith(query) for key in name.keys for word in key.split()):
        return WORD_STARTS
    return INSIDE if any(query in key for key in name.keys) else NO_MATCH


def _misspelt(names: Sequence[Suggestible], query: str, exclude: set[str]) -> list[Suggestible]:
    owners = [index for index, name in enumerate(names) for _ in name.keys]
    keys = [key for name in names for key in name.keys]
    hits = sorted(misspelt_matches(query, keys), key=lambda hit: -hit[1])
    order = dict.fromkeys(owners[position] for position, _ in hits)
    return [names[i] for i in order if names[i].name not in exclude]
