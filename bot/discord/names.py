"""Entity names for slash-command autocomplete: loaded once per corpus version, matched by
the domain's policy (briefings.suggest), cut to what Discord accepts."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence

from briefings.suggest import Suggestible, suggest_names, suggestible_names
from store import Store

# Discord shows at most 25 choices, each name and value at most 100 characters.
MAX_CHOICES = 25
MAX_CHOICE_LENGTH = 100


def matching_names(
    names: Sequence[Suggestible], typed: str, kinds: Collection[str] = ()
) -> list[str]:
    """Up to 25 names for what the user has typed so far: prefixes first, then typos."""
    found = suggest_names(names, typed, kinds, enough=MAX_CHOICES)
    unique = dict.fromkeys(name[:MAX_CHOICE_LENGTH] for name in found)
    return list(unique)[:MAX_CHOICES]


class NameIndex:
    """The entity names, reloaded only when ingest has changed the corpus."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._names: tuple[Suggestible, ...] = ()

    def names(self, store: Store) -> tuple[Suggestible, ...]:
        version = store.corpus_version()
        with self._lock:
            if version != self._version:
                self._names = suggestible_names(store)
                self._version = version
            return self._names
