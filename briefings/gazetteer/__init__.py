"""Built-in names: countries with demonyms, places, organisations, topics, roles, acronyms.

The data lives in the TSV and text files beside this module and is read once,
on first use, into token-keyed dictionaries: matching a passage is one dictionary
lookup per token and phrase length, whatever the size of the lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from briefings import datafiles
from briefings.folding import fold, fold_diacritics
from briefings.model import EntityKind

# A token is a run of letters and digits, or one punctuation mark; spaces are not tokens,
# so "Asia-Pacific" is (asia, -, pacific) and "Vietnam’s" is (vietnam, ', s).
TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


@dataclass(frozen=True)
class Entry:
    """A known name: `country` is where a place lies, or the country itself."""

    name: str
    kind: EntityKind
    country: str | None = None
    is_country: bool = False


@dataclass(frozen=True)
class Alias:
    """One way of writing an entry; `exact` is set when case matters (`WHO`, `US`, `HANOI`)."""

    entry: Entry
    exact: str | None = None
    capitalised: bool = True
    # A one-syllable Vietnamese name (Nga, Đức, Mỹ) is also a syllable of people's names: it
    # names the place only where no capitalised word stands right before it ("Trần Đức Lương").
    alone: bool = False


@dataclass(frozen=True)
class Gazetteer:
    names: dict[tuple[str, ...], tuple[Alias, ...]]
    longest: int
    demonyms: dict[str, str]
    primary_demonym: dict[str, str]
    acronyms: dict[str, str]
    roles: dict[str, str]
    common_words: frozenset[str]
    not_entities: frozenset[str]
    countries: frozenset[str] = field(default_factory=frozenset)
    # Every leading part of every key, so that a match stops growing as soon as it can.
    prefixes: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    # Every first word: most tokens start no name, and this says so without building a key.
    first_words: frozenset[str] = field(default_factory=frozenset)
    # Roles written in other languages, folded: "ministre des affaires etrangeres" → its
    # English role and the language; and country words of those languages: "россии" → Russia.
    foreign_roles: dict[str, tuple[str, str]] = field(default_factory=dict)
    country_words: dict[str, str] = field(default_factory=dict)

    def lookup(self, key: tuple[str, ...]) -> tuple[Alias, ...]:
        return self.names.get(key, ())


def phrase_key(text: str) -> tuple[str, ...]:
    """The folded tokens of a phrase: `Hà Nội` → (ha, noi)."""
    return tuple(fold(token) for token in TOKEN.findall(text))


@cache
def load() -> Gazetteer:
    """The built-in gazetteer, read from the package data once."""
    names: dict[tuple[str, ...], list[Alias]] = {}
    demonyms: dict[str, str] = {}
    primary: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    countries = _load_countries(names, demonyms, primary, acronyms)
    roles, foreign_roles = _load_roles()
    _load_places(names, acronyms)
    _load_named(names, acronyms, "organizations.tsv", with_kind=False)
    _load_named(names, acronyms, "topics.tsv", with_kind=True)
    return Gazetteer(
        names={key: tuple(aliases) for key, aliases in names.items()},
        longest=max(len(key) for key in names),
        demonyms=demonyms,
        primary_demonym=primary,
        acronyms=acronyms,
        roles=roles,
        common_words=frozenset(datafiles.words("gazetteer/common_words.txt")),
        not_entities=frozenset(w.upper() for w in datafiles.words("gazetteer/not_entities.txt")),
        countries=frozenset(countries),
        prefixes=frozenset(key[:n] for key in names for n in range(1, len(key) + 1)),
        first_words=frozenset(key[0] for key in names if key),
        foreign_roles=foreign_roles,
        country_words={
            _lower_plain(word): country
            for word, _, country in datafiles.rows("gazetteer/country_words.tsv", 3)
        },
    )


def _lower_plain(text: str) -> str:
    """Lower case without marks, one character for one (ß stays ß), as roles are matched."""
    return fold_diacritics(text).lower()


def _load_roles() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """English roles as written → normalised; other languages' roles, folded, apart."""
    roles: dict[str, str] = {}
    foreign: dict[str, tuple[str, str]] = {}
    for written, normal, language in datafiles.rows("gazetteer/roles.tsv", 3):
        if language in ("", "en"):
            roles[written] = normal
        else:
            foreign[_lower_plain(written)] = (normal, language)
    return roles, foreign


def _load_countries(
    names: dict[tuple[str, ...], list[Alias]],
    demonyms: dict[str, str],
    primary: dict[str, str],
    acronyms: dict[str, str],
) -> list[str]:
    countries = []
    for name, others, adjectives in datafiles.rows("gazetteer/countries.tsv", 3):
        entry = Entry(name, "place", name, is_country=True)
        _add(names, acronyms, entry, [name, *_split(others)])
        for adjective in _split(adjectives):
            demonyms[fold(adjective)] = name
        primary[name] = next(iter(_split(adjectives)), name)
        countries.append(name)
    return countries


def _load_places(names: dict[tuple[str, ...], list[Alias]], acronyms: dict[str, str]) -> None:
    for name, others, country in datafiles.rows("gazetteer/places.tsv", 3):
        _add(names, acronyms, Entry(name, "place", country or None), [name, *_split(others)])


def _load_named(
    names: dict[tuple[str, ...], list[Alias]],
    acronyms: dict[str, str],
    filename: str,
    *,
    with_kind: bool,
) -> None:
    for row in datafiles.rows(f"gazetteer/{filename}", 4 if with_kind else 3):
        name, kind, others, shorts = row if with_kind else [row[0], "organization", *row[1:]]
        entry = Entry(name, kind)  # type: ignore[arg-type]
        _add(names, acronyms, entry, [name, *_split(others), *_split(shorts)])
        for short in _split(shorts):
            acronyms[short] = name


def _add(
    names: dict[tuple[str, ...], list[Alias]],
    acronyms: dict[str, str],
    entry: Entry,
    spellings: list[str],
) -> None:
    for spelling in spellings:
        # Acronyms match only as written: WHO the organisation, not "who".
        case_matters = spelling.replace(".", "").replace("-", "").isupper()
        alias = Alias(entry, spelling if case_matters else None, not spelling[0].islower())
        aliases = names.setdefault(phrase_key(spelling), [])
        if alias not in aliases:
            aliases.append(alias)
        if case_matters and len(spelling) <= 8 and entry.name != spelling:
            acronyms.setdefault(spelling, entry.name)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]
