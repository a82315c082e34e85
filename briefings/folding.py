"""Case and diacritic folding, so that Bùi Thanh Sơn and BUI THANH SON compare equal."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into base + combining mark.
_STROKES = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "–": "-"})
_SPACE = re.compile(r"\s+")


def fold_diacritics(text: str) -> str:
    """Strip accents and marks: `Sơn` → `Son`, `Đà Nẵng` → `Da Nang`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_STROKES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The comparison key of a name: no diacritics, case-folded, quotes and spaces normalised."""
    plain = fold_diacritics(text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", plain).strip()
