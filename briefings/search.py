"""Safe full-text queries: user text becomes quoted FTS5 tokens, never FTS5 syntax."""

from __future__ import annotations

import re

from briefings.english import STOPWORDS, stem
from briefings.folding import fold

# Longer queries are cut: past this many terms a question adds noise, not recall.
MAX_TERMS = 24
MAX_QUERY_CHARS = 2000
_TOKEN = re.compile(r"\w+", re.UNICODE)
# Words a question is asked with, not about: "tell me the latest news on Lavrov".
_ASKING_WORDS = frozenset("tell said say says know anything latest news brief briefing".split())
# "may" stays searchable: in a question it is as likely the month.
UNSEARCHED = (STOPWORDS - {"may"}) | _ASKING_WORDS


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Folded word tokens of `text`, in order, unique, `UNSEARCHED` words dropped unless asked."""
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(fold(text[:MAX_QUERY_CHARS])):
        if token.isdigit() and len(token) < 3:
            continue
        if keep_stopwords or token not in UNSEARCHED:
            seen.setdefault(token, None)
    return list(seen)[:MAX_TERMS]


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


def both(first: list[str], second: list[str]) -> str | None:
    """An FTS5 expression matching passages with any of `first` and any of `second`."""
    left, right = any_of(first), any_of(second)
    if left is None or right is None:
        return left or right
    return f"({left}) AND ({right})"


def phrase(text: str) -> str | None:
    """An FTS5 phrase query for `text`'s words in order (None when it has no words)."""
    words = terms(text, keep_stopwords=True)
    return quote(" ".join(words)) if words else None
