"""Record ids as users type them: whole numbers that an SQLite integer can hold."""

from __future__ import annotations

# SQLite integers are signed 64-bit: binding a larger Python int raises OverflowError, so
# no article, subscription or source can have such an id and the lookup is never made.
MAX_ID = 2**63 - 1


def is_record_id(text: str) -> bool:
    """Whether `text` is a whole number (ASCII digits) no larger than any stored id."""
    word = text.strip()
    return word.isascii() and word.isdigit() and int(word) <= MAX_ID
