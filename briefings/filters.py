"""Digest filters: which articles a subscription wants, written as a user types them.

`Vietnam Russia` wants both; `UNCLOS OR "Code of Conduct"` wants either; quotes make a phrase.
Each word or run of words that names a known entity stands for that entity (any of its
aliases); anything else is a free term looked for in the article's text. A subscription
stores the text, not the parse, so a filter learns the entities ingested after it was made.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefings.folding import fold
from briefings.resolve import resolve_entity
from store import Store
from store.errors import AttacheError

MAX_FILTER_CHARS = 200
MAX_TERMS = 12
# The longest run of unquoted words tried as one entity name ("Bui Thanh Son").
MAX_NAME_WORDS = 4
_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"\w")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_OR = "or"
_AND = "and"

EMPTY = 'Give a filter: names or words, e.g. Lavrov, or UNCLOS OR "Code of Conduct".'
TOO_LONG = f"That filter is too long; keep it under {MAX_FILTER_CHARS} characters."
TOO_MANY = f"That filter has too many terms; use at most {MAX_TERMS}."
UNBALANCED = "A quote in the filter is not closed; put each phrase between two quotes."
EMPTY_PHRASE = 'The filter has an empty phrase (""); remove it or put words inside.'
DANGLING_OR = 'OR needs a term on each side, e.g. UNCLOS OR "Code of Conduct".'


class FilterError(AttacheError):
    """A filter that cannot be understood; the message says how to write it."""


@dataclass(frozen=True)
class Term:
    """A word or phrase of a filter, standing for an entity when it names one."""

    text: str
    entity_id: int | None = None
    entity_name: str | None = None

    def matches(self, entity_ids: Collection[int], folded_text: str) -> bool:
        if self.entity_id is not None and self.entity_id in entity_ids:
            return True
        return _contains(folded_text, fold(self.text))

    def describe(self) -> str:
        return self.entity_name or f"“{self.text}”"


@dataclass(frozen=True)
class Filter:
    """Groups of terms: an article matches when every term of some group matches."""

    text: str
    groups: tuple[tuple[Term, ...], ...]

    def matches(self, entity_ids: Collection[int], folded_text: str) -> bool:
        """Whether an article mentioning `entity_ids`, with `fold`ed text, is wanted."""
        return any(
            all(term.matches(entity_ids, folded_text) for term in group) for group in self.groups
        )

    def describe(self) -> str:
        return " or ".join(" and ".join(t.describe() for t in group) for group in self.groups)


def parse_filter(text: str, store: Store | None = None) -> Filter:
    """Parse a filter; with a store, words naming a known entity stand for that entity."""
    source = " ".join(text.translate(_QUOTES).split())
    if len(source) > MAX_FILTER_CHARS:
        raise FilterError(TOO_LONG)
    if not source:
        raise FilterError(EMPTY)
    if source.count('"') % 2:
        raise FilterError(UNBALANCED)
    groups = tuple(_group(words, store) for words in _split_or(_TOKEN.findall(source)))
    if sum(len(g) for g in groups) > MAX_TERMS:
        raise FilterError(TOO_MANY)
    return Filter(source, groups)


def _split_or(tokens: Sequence[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for token in tokens:
        if token.casefold() == _OR:
            groups.append([])
        elif token.casefold() != _AND:
            groups[-1].append(token)
    if any(not group for group in groups):
        raise FilterError(DANGLING_OR if len(groups) > 1 else EMPTY)
    return groups


def _group(tokens: Sequence[str], store: Store | None) -> tuple[Term, ...]:
    terms: list[Term] = []
    words: list[str] = []
    for token in tokens:
        if token.startswith('"'):
            terms.extend(_words_to_terms(words, store))
            words = []
            terms.append(_phrase(token[1:-1], store))
        else:
            words.append(token)
    terms.extend(_words_to_terms(words, store))
    return tuple(terms)


def _phrase(text: str, store: Store | None) -> Term:
    phrase = text.strip()
    if not phrase:
        raise FilterError(EMPTY_PHRASE)
    return _entity_term(phrase, store) or Term(phrase)


def _words_to_terms(words: Sequence[str], store: Store | None) -> list[Term]:
    """The longest runs of words that name an entity become that entity; the rest stay words."""
    terms: list[Term] = []
    start = 0
    while start < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
            found = _entity_term(" ".join(words[start : start + size]), store)
            if found is not None or size == 1:
                terms.append(found or Term(words[start]))
                start += size
                break
    return terms


def _entity_term(name: str, store: Store | None) -> Term | None:
    if store is None or not _WORD.search(name):
        return None
    resolution = resolve_entity(store, name)
    # Only a sure match stands for an entity: a corrected typo or an ambiguous name would
    # silently change what the channel receives, so it stays a free term.
    if resolution.entity is None or resolution.corrected:
        return None
    return Term(name, resolution.entity.id, resolution.entity.name)


def _contains(folded_text: str, needle: str) -> bool:
    # Whole words only: "Son" must not match "season", "ASEAN" not "ASEANAPOL".
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded_text) is not None
