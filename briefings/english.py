"""English words: the function words that say nothing of a topic, and word stems."""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

from briefings import datafiles

STOPWORDS = frozenset(datafiles.words("boilerplate/stopwords_en.txt"))

_ENGLISH = snowballstemmer.stemmer("english")
# A stemmer keeps the word it is stemming on itself, and commands are answered in threads.
_ENGLISH_LOCK = threading.Lock()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The English (Snowball) stem of a folded word: `leaving` → `leav`, `citizens` → `citizen`."""
    with _ENGLISH_LOCK:
        return str(_ENGLISH.stemWord(word))
