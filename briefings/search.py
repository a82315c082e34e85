"""What a question searches for: its words, phrases and spellings, as `store.fulltext` queries.

The store writes them in its backend's syntax, quoting every token (store/fulltext.py).
"""

from __future__ import annotations

import re

from briefings.english import STOPWORDS, stem
from briefings.folding import fold
from store.fulltext import AllOf, AnyOf, Match, Near, Words

# Longer queries are cut: past this many terms a question adds noise, not recall.
MAX_TERMS = 24
MAX_QUERY_CHARS = 2000
_TOKEN = re.compile(r"\w+", re.UNICODE)
# "G20" is also written "G-20" and "G 20", which the index holds as two tokens.
_LETTERS_OR_DIGITS = re.compile(r"\d+|[^\W\d_]+")
# At most this many spellings of a phrase are searched (each mixed word doubles them).
MAX_SPELLINGS = 4
# "All words near each other": within this many tokens, as FTS5's NEAR counts them.
NEAR_TOKENS = 10
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


def tokens(text: str) -> set[str]:
    """Every folded word token of `text`: a sentence or a story matched against a
    question, uncut (`terms` cuts a query at MAX_TERMS)."""
    return set(_TOKEN.findall(fold(text)))


def any_of(words: list[str]) -> Match | None:
    """A query matching passages with any form of `words` (None when none).

    Each word is searched by its stem as a prefix, so `leaving` also finds `leave`.
    """
    if not words:
        return None
    stems = dict.fromkeys(stem(w) if len(stem(w)) >= 3 else w for w in words)
    return AnyOf(tuple(Words((s,), prefix=len(s) >= 3) for s in stems))


def both(first: list[str], second: list[str]) -> Match | None:
    """A query matching passages with any of `first` and any of `second`."""
    left, right = any_of(first), any_of(second)
    if left is None or right is None:
        return left or right
    return AllOf((left, right))


def phrase(text: str) -> Match | None:
    """A phrase query for `text`'s words in order (None when it has no words)."""
    words = terms(text, keep_stopwords=True)
    return Words(tuple(words)) if words else None


def phrase_words(text: str) -> list[str]:
    """Folded word tokens of a topic, in order, short numbers and stopwords kept ("G 20")."""
    return _TOKEN.findall(fold(text[:MAX_QUERY_CHARS]))[:MAX_TERMS]


def spellings(word: str) -> list[str]:
    """A word as the index may hold it: `g20`, and `g 20` for "G-20" or "G 20"."""
    parts = _LETTERS_OR_DIGITS.findall(word)
    return [word, " ".join(parts)] if len(parts) > 1 else [word]


def _combinations(words: list[str]) -> list[list[str]]:
    """The phrase once per combination of its words' spellings, the plain one first."""
    found: list[list[str]] = [[]]
    for word in words:
        found = [[*head, alt] for head in found for alt in spellings(word)][:MAX_SPELLINGS]
    return found if words else []


def exact(words: list[str]) -> Match | None:
    """A query for the phrase in any of its spellings (None when it has no words)."""
    combos = _combinations(words)
    return AnyOf(tuple(Words((" ".join(c),)) for c in combos)) if combos else None


def near(words: list[str]) -> Match | None:
    """A query for the topic's words within `NEAR_TOKENS` of each other, any order."""
    searched = _searched(words)
    if len(searched) < 2:
        return None
    return AnyOf(tuple(Near(tuple(combo), NEAR_TOKENS) for combo in _combinations(searched)))


def every(words: list[str]) -> Match | None:
    """A query for passages holding each of the topic's words, in any spelling."""
    searched = _searched(words)
    if not searched:
        return None
    return AllOf(tuple(AnyOf(tuple(Words((s,)) for s in spellings(w))) for w in searched))


def _searched(words: list[str]) -> list[str]:
    # Out of a phrase, "of" and "the" find everything; a phrase of stopwords keeps them.
    kept = [w for w in dict.fromkeys(words) if w not in UNSEARCHED]
    return kept or list(dict.fromkeys(words))


def phrase_in(text: str, words: list[str]) -> bool:
    """Whether `text` holds the phrase `words` in one of its spellings, as whole words."""
    held = f" {' '.join(_TOKEN.findall(fold(text)))} "
    return any(f" {' '.join(combo)} " in held for combo in _combinations(words))


def words_in(text: str, words: list[str]) -> int:
    """How many of the topic's searched words `text` holds, each in any of its spellings."""
    held = f" {' '.join(_TOKEN.findall(fold(text)))} "
    return sum(any(f" {s} " in held for s in spellings(w)) for w in _searched(words))
