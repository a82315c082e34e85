"""The gazetteer as another language writes it: "Вьетнама", "Liên Hợp Quốc", "Moscou" and
"Laut China Selatan" are aliases of the English entries Vietnam, United Nations, Moscow and
South China Sea, so that `who Vietnam` finds a Russian article.

Country and region names, and the cities the time-zone database is named after, come from
the Unicode CLDR through Babel, in every language it covers; `translations.tsv` adds what
CLDR lacks (press short forms such as США or Mỹ, seas, cities that name no time zone,
international organisations). Russian names are also filed under each case form, generated
once with pymorphy3 (Вьетнам → Вьетнама, Вьетнаму, Вьетнаме …), so matching stays one
dictionary lookup a token. Foreign ministries are named after their country
("МИД России", "Bộ Ngoại giao Nga") under the English form "Russian Foreign Ministry".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError

from briefings import datafiles
from briefings.folding import fold
from briefings.gazetteer import Alias, Entry, Gazetteer, _add, _split, load, phrase_key

ENGLISH = "en"
# Cases a Russian name is written in besides the nominative.
_RUSSIAN_CASES = ("gent", "datv", "accs", "ablt", "loct")
# CLDR names that are mostly other words of their language: Russian "Того" is the pronoun
# "of that" (Togo), Vietnamese "Ý" (Italy) starts "Ý kiến" (opinion), French "Dominique"
# (Dominica) is far more often a given name, Indonesian "Lima" (Lima) is "five".
_ORDINARY_WORDS = {"ru": {"того"}, "vi": {"y"}, "fr": {"dominique"}, "id": {"lima"}}
# The foreign ministry as each language names it, before (or, French, around) the country.
_FOREIGN_MINISTRY = {
    "ru": ("МИД {}", "Министерство иностранных дел {}"),
    "vi": ("Bộ Ngoại giao {}",),
    "fr": ("ministère des Affaires étrangères {}", "ministère {} des Affaires étrangères"),
    "id": ("Kementerian Luar Negeri {}", "Kemlu {}"),
}
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
# Languages whose press writes places and bodies as another's does: the language detector
# tells Malay from Indonesian by a few words, but both write "Laut China Selatan".
_SAME_NAMES_AS = {"ms": "id"}


@cache
def for_language(language: str | None) -> Gazetteer:
    """The built-in gazetteer with the names `language` writes differently; English as is."""
    base = load()
    if not language or language == ENGLISH or not _has_locale(language):
        return base
    names = {key: list(aliases) for key, aliases in base.names.items()}
    acronyms = dict(base.acronyms)
    for entry, spellings in _foreign_spellings(base, language):
        _add(names, acronyms, entry, spellings)
    if language == "vi":
        _syllables_alone(names, base)
    for word in _ORDINARY_WORDS.get(names_language(language), ()):
        names.pop((word,), None)
    return Gazetteer(
        names={key: tuple(aliases) for key, aliases in names.items()},
        longest=max(len(key) for key in names),
        demonyms=base.demonyms,
        primary_demonym=base.primary_demonym,
        acronyms=acronyms,
        roles=base.roles,
        common_words=base.common_words,
        not_entities=base.not_entities,
        countries=base.countries,
        prefixes=frozenset(key[:n] for key in names for n in range(1, len(key) + 1)),
        first_words=frozenset(key[0] for key in names if key),
        foreign_roles=base.foreign_roles,
        country_words=base.country_words,
    )


def _syllables_alone(names: dict[tuple[str, ...], list[Alias]], base: Gazetteer) -> None:
    """Vietnamese one-syllable names the English gazetteer lacks count only standing alone."""
    for key, aliases in names.items():
        if len(key) == 1 and key not in base.names:
            aliases[:] = [replace(a, alone=a.exact is None) for a in aliases]


def names_language(language: str) -> str:
    """The language whose names `language` shares: Indonesian for Malay."""
    return _SAME_NAMES_AS.get(language, language)


def after_capitalised_word(text: str, start: int) -> bool:
    """A capitalised word ends right before `start`, across spaces only: "Trần Đức"."""
    before = text[:start].rstrip(" \t")
    word = re.search(r"[^\W\d_]+$", before)
    return len(before) < start and word is not None and word[0][0].isupper()


def _has_locale(language: str) -> bool:
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _foreign_spellings(base: Gazetteer, language: str) -> Iterator[tuple[Entry, list[str]]]:
    """Each English entry with the spellings `language` gives it, inflected where it inflects."""
    found: dict[Entry, list[str]] = {}
    for entry, spelling in _names_in(base, language):
        if fold(spelling) not in _ORDINARY_WORDS.get(names_language(language), ()):
            found.setdefault(entry, []).append(spelling)
    if language == "ru":
        found = {entry: _with_case_forms(spellings) for entry, spellings in found.items()}
    if language == "fr":
        _add_french_acronyms(base, found)
    yield from found.items()
    yield from _foreign_ministries(base, language, found)


def _names_in(base: Gazetteer, language: str) -> Iterator[tuple[Entry, str]]:
    locale, english = Locale.parse(language), Locale.parse(ENGLISH)
    for code, name in locale.territories.items():
        entry = _entry(base, english.territories.get(code, ""))
        if entry is not None:
            yield from ((entry, spelling) for spelling in _variants(name))
    for zone, names in locale.time_zones.items():
        city = names.get("city")
        entry = _entry(base, _english_city(english, zone))
        if city and entry is not None and not entry.is_country:
            yield entry, city
    for name, row_language, others in datafiles.rows("gazetteer/translations.tsv", 3):
        entry = _entry(base, name)
        if row_language == names_language(language) and entry is not None:
            yield from ((entry, spelling) for spelling in _split(others))


def _add_french_acronyms(base: Gazetteer, found: dict[Entry, list[str]]) -> None:
    """French writes an acronym it pronounces as a word with one capital: Otan, Brics, Asean."""
    for aliases in base.names.values():
        for alias in aliases:
            if alias.exact and len(alias.exact) >= 4 and alias.exact.isalpha():
                found.setdefault(alias.entry, []).append(alias.exact.capitalize())
    for spellings in found.values():
        spellings += [s.capitalize() for s in spellings if len(s) >= 4 and s.isupper()]


def _variants(name: str) -> list[str]:
    """ "Myanmar (Birmanie)" is both Myanmar and Birmanie."""
    bracketed = _PARENTHESIS.search(name)
    if bracketed is None:
        return [name]
    return [_PARENTHESIS.sub("", name), bracketed[1]]


def _english_city(english: Locale, zone: str) -> str:
    localised = english.time_zones.get(zone, {}).get("city")
    return str(localised or zone.rsplit("/", 1)[-1].replace("_", " "))


def _entry(base: Gazetteer, english_name: str) -> Entry | None:
    """The gazetteer's entry under an English name; a place or organisation, never a topic."""
    for name in _variants(english_name)[:1] if english_name else []:
        for alias in base.lookup(phrase_key(name)):
            usual = alias.exact is None or alias.entry.name == name  # "BRICS", not "US"
            if alias.entry.kind in ("place", "organization") and usual:
                return alias.entry
    return None


# --- Russian case forms ----------------------------------------------------------------------


@cache
def _analyzer() -> Any:
    import pymorphy3  # as in foreign_names: loaded only once a Russian article comes

    return pymorphy3.MorphAnalyzer()


def _with_case_forms(spellings: Iterable[str]) -> list[str]:
    forms = list(dict.fromkeys(spellings))
    for spelling in list(forms):
        for case in _RUSSIAN_CASES:
            inflected = _inflected(spelling, case)
            if inflected and inflected not in forms:
                forms.append(inflected)
    return forms


def _inflected(spelling: str, case: str) -> str | None:
    """The name in `case`: its leading nominative words agree ("Южно-Китайском море"), the
    rest is a complement that keeps its case ("Организации Объединенных Наций")."""
    words = spelling.split()
    out: list[str] = []
    for number, word in enumerate(words):
        reading = _nominative_reading(word) if len(out) == number else None
        form = reading.inflect({case}) if reading is not None else None
        out.append(_written_like(word, str(form.word)) if form is not None else word)
    changed = " ".join(out)
    return changed if changed != spelling else None


def _nominative_reading(word: str) -> Any:
    """The reading of a name's word in the nominative; a place's (Geox) first."""
    if not re.search("[а-яё]", word) or word.isupper():
        return None
    readings = [p for p in _analyzer().parse(word) if "nomn" in p.tag]
    readings.sort(key=lambda p: ("Geox" not in p.tag, -p.score))
    return readings[0] if readings else None


def _written_like(original: str, form: str) -> str:
    """The inflected form with the original's capitals: "юго-восточной" → "Юго-Восточной"."""
    parts = form.split("-")
    capitals = [p[:1].isupper() for p in original.split("-")]
    return "-".join(
        p.capitalize() if i < len(capitals) and capitals[i] else p for i, p in enumerate(parts)
    )


# --- foreign ministries ----------------------------------------------------------------------


def _foreign_ministries(
    base: Gazetteer, language: str, found: dict[Entry, list[str]]
) -> Iterator[tuple[Entry, list[str]]]:
    """ "МИД России", "Bộ Ngoại giao Nga": the country's ministry, named as English names it."""
    patterns = _FOREIGN_MINISTRY.get(names_language(language), ())
    if not patterns:
        return
    for entry, spellings in found.items():
        demonym = base.primary_demonym.get(entry.name)
        if not entry.is_country or not demonym:
            continue
        ministry = Entry(f"{demonym} {_MINISTRY}", "organization")
        words = _country_complements(base, language, entry.name, spellings)
        yield ministry, [pattern.format(word) for pattern in patterns for word in words]


_MINISTRY = "Foreign Ministry"


def _country_complements(
    base: Gazetteer, language: str, country: str, spellings: list[str]
) -> list[str]:
    """How the country follows "ministry": the genitive in Russian ("России", and "США"), the
    name itself in Vietnamese and Indonesian, an adjective or "de la Russie" in French."""
    words = [w for w, c in _country_words(language) if c == country]
    if language == "ru":
        words = [s for s in [*words, *spellings] if s.isupper() or _is_genitive(s)]
    elif language != "fr":
        words += spellings
    return list(dict.fromkeys(words))


def _is_genitive(spelling: str) -> bool:
    first = spelling.split()[0]
    return any("gent" in p.tag and "Geox" in p.tag for p in _analyzer().parse(first)[:2])


def _country_words(language: str) -> list[tuple[str, str]]:
    rows = datafiles.rows("gazetteer/country_words.tsv", 3)
    language = names_language(language)
    return [(word, country) for word, row_language, country in rows if row_language == language]


def names_for(language: str, english_name: str) -> list[str]:
    """Every spelling `language` gives the entry `english_name` (for tests and the docs)."""
    gazetteer = for_language(language)
    return [
        " ".join(key)
        for key, aliases in gazetteer.names.items()
        if any(a.entry.name == english_name for a in aliases)
    ]
