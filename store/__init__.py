"""SQLite storage for Attaché: knows SQL, nothing about the domain or chat."""

from store.errors import AttacheError, StoreError
from store.store import Store

__all__ = ["AttacheError", "Store", "StoreError"]
