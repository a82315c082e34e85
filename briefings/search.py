"""Safe full-text queries: user text becomes quoted FTS5 tokens, never FTS5 syntax."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import snowballstemmer

from briefings.folding import fold

# Longer queries are cut: past this many terms a question adds noise, not recall.
MAX_TERMS = 24
MAX_QUERY_CHARS = 2000
_TOKEN = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or other
    our ours out over own same she should so some such than that the their theirs them then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours tell said say says know anything
    latest news brief briefing""".split()
)


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Folded word tokens of `text`, in order, unique, stopwords dropped unless asked."""
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(fold(text[:MAX_QUERY_CHARS])):
        if token.isdigit() and len(token) < 3:
            continue
        if keep_stopwords or token not in STOPWORDS:
            seen.setdefault(token, None)
    return list(seen)[:MAX_TERMS]


_ENGLISH = snowballstemmer.stemmer("english")
# A stemmer keeps the word it is stemming on itself, and commands are answered in threads.
_ENGLISH_LOCK = threading.Lock()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The English stem of a folded word: `leaving` → `leav`, `citizens` → `citizen`."""
    with _ENGLISH_LOCK:
        return str(_ENGLISH.stemWord(word))


def quote(token: str) -> str:
    """One FTS5 string token; `"` is doubled, so nothing inside is syntax."""
    return '"' + token.replace('"', '""') + '"'


def any_of(words: list[str]) -> str | None:
    """An FTS5 expression matching passages with any form of `words` (None when none).

    Each word is searched by its stem as a prefix, so `leaving` also finds `leave`.
    """
    if not words:
        return None
    stems = dict.fromkeys(stem(w) if len(stem(w)) >= 3 else w for w in words)
    return " OR ".join(quote(s) + ("*" if len(s) >= 3 else "") for s in stems)


def phrase(text: str) -> str | None:
    """An FTS5 phrase query for `text`'s words in order (None when it has no words)."""
    words = terms(text, keep_stopwords=True)
    return quote(" ".join(words)) if words else None
