"""Errors raised by the domain; each message is one line a user can act on."""

from __future__ import annotations

from store.errors import AttacheError, StoreError

__all__ = ["AttacheError", "FetchError", "RejectedInput", "StoreError"]


class RejectedInput(AttacheError):
    """An input that cannot become an article; the batch goes on without it."""


class FetchError(RejectedInput):
    """A URL could not be fetched (network, HTTP status, size or type)."""
