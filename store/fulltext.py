"""Full-text queries as plain data, written out by each backend in its own syntax.

briefings/ says what it wants found (words, prefixes, phrases, words near each other, any
or all of them); the store writes that as an FTS5 expression (SQLite) or a tsquery
(PostgreSQL). User text only ever becomes a quoted token inside either syntax, bound as one
parameter: `e-mail`, `foo:bar`, `O'Brien`, `"abc`, `AND`, `*foo` are words, never operators.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """Words in this order, next to each other (one word is a plain term); with `prefix`,
    the last word also matches the longer words it starts."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Near:
    """All the words within `distance` tokens of each other, in any order."""

    words: tuple[str, ...]
    distance: int


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Match, ...]


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Match, ...]


Match = Words | Near | AnyOf | AllOf


def fts5(match: Match) -> str:
    """`match` as an FTS5 expression: every token quoted, `"` doubled."""
    if isinstance(match, Words):
        return _fts5_quote(" ".join(match.words)) + ("*" if match.prefix else "")
    if isinstance(match, Near):
        return f"NEAR({' '.join(_fts5_quote(w) for w in match.words)}, {match.distance})"
    if isinstance(match, AnyOf):
        return " OR ".join(fts5(part) for part in match.parts)
    return " AND ".join(_fts5_group(part) for part in match.parts)


def _fts5_group(part: Match) -> str:
    # FTS5's AND binds tighter than OR: an OR inside an AND needs its brackets.
    return f"({fts5(part)})" if isinstance(part, AnyOf | AllOf) else fts5(part)


def _fts5_quote(token: str) -> str:
    return '"' + _no_nul(token).replace('"', '""') + '"'


def _no_nul(text: str) -> str:
    # A NUL ends FTS5's query string early; PostgreSQL refuses it in any text.
    return text.replace("\x00", " ")


def tsquery(match: Match) -> tuple[str, list[str]] | None:
    """`match` as a tsquery template for PostgreSQL's `format`, and its words in order: each
    `%s` is one word, folded and quoted in SQL as the index folds passages (store/postgres.py).
    None when no word is left to search (one that is all punctuation indexes as nothing).

    tsquery has no NEAR: words near each other become all the words, anywhere in the
    passage, so a PostgreSQL store may find a few more passages for such a query.
    """
    words: list[str] = []
    template = _template(match, words)
    return (template, words) if template is not None else None


def _template(match: Match, words: list[str]) -> str | None:
    if isinstance(match, Words | Near):
        found = [w for w in _lexemes(match.words) if any(c.isalnum() for c in w)]
        if not found:
            return None
        words += found
        if isinstance(match, Near):
            return "(" + " & ".join("%s" for _ in found) + ")"
        return "(" + " <-> ".join("%s" for _ in found) + (":*" if match.prefix else "") + ")"
    inner: list[str] = []  # kept only if this part is searched at all
    parts = [_template(part, inner) for part in match.parts]
    if isinstance(match, AllOf) and None in parts:
        return None
    kept = [part for part in parts if part is not None]
    if not kept:
        return None
    words += inner
    joiner = " | " if isinstance(match, AnyOf) else " & "
    return "(" + joiner.join(kept) + ")"


def _lexemes(words: tuple[str, ...]) -> list[str]:
    # A phrase may come as one string ("g 20"): each of its words is a lexeme of its own.
    return [w for word in words for w in _no_nul(word).split()]
