"""The error tree. It lives at the bottom of the dependency chain so every layer can raise it.

AttacheError          a message fit to show a user as it is
 ├── StoreError       the database cannot be opened, read or written
 └── RejectedInput    (briefings.errors) an input that cannot become an article
"""

from __future__ import annotations


class AttacheError(Exception):
    """Base of every error whose message can be shown to a user as one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(AttacheError):
    """The database cannot be opened, migrated, read or written."""
