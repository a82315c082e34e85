"""How the store binds values: instants as UTC ISO strings, lists as one parameter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Match a column against a list bound as one parameter, however long the list (SQLite caps
# bound parameters per statement), so no list is cut into chunks. SQLite binds the list as a
# JSON array (store/backend.py); PostgreSQL reads this as `= ANY(?)` (store/postgres.py).
IN_LIST = "IN (SELECT value FROM json_each(?))"


def utc_iso(moment: datetime) -> str:
    """How the store writes instants: UTC, to the second, as `ingested_at` is written."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def json_list(values: Iterable[int | str]) -> list[int | str]:
    """`values` as the one parameter an IN_LIST takes (each backend binds it its way)."""
    return list(values)


def grouped(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    """(key, value) rows gathered by key, values in row order."""
    found: dict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        found[key].append(value)
    return found
