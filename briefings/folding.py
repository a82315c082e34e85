"""Case and diacritic folding, so that Bùi Thanh Sơn and BUI THANH SON compare equal."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into base + combining mark.
_STROKES = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "–": "-"})
_SPACE = re.compile(r"\s+")
# Ingest folds the same few thousand names hundreds of thousands of times.
_FOLD_CACHE_SIZE = 1 << 16


class _PlainLetters(dict[int, str]):
    """Each character's plain form, worked out the first time `str.translate` asks for it.

    Folding one character at a time is exact: NFKD decomposes characters independently,
    and its only cross-character step, reordering combining marks, touches nothing kept.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_STROKES))
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = plain
        return plain


_PLAIN = _PlainLetters()


def fold_diacritics(text: str) -> str:
    """Strip accents and marks: `Sơn` → `Son`, `Đà Nẵng` → `Da Nang`."""
    if text.isascii():
        return text
    return text.translate(_PLAIN)


@lru_cache(maxsize=_FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """The comparison key of a name: no diacritics, case-folded, quotes and spaces normalised."""
    return fold_text(text)


def fold_text(text: str) -> str:
    """`fold` without its cache, for text seen once (a whole body), which would crowd names out."""
    plain = fold_diacritics(text).translate(_QUOTES).casefold()
    return squeeze_spaces(plain)


def squeeze_spaces(text: str) -> str:
    """Each run of white space as one space, and none at either end."""
    # Most text has single spaces between its words and no other white space, which `sub`
    # would still rewrite one by one; every other white space character is unprintable.
    if "  " not in text and text.isprintable():
        return text.strip()
    return _SPACE.sub(" ", text).strip()
