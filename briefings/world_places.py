"""Towns and cities no hand-kept list holds, read where the text places something in them.

`gazetteer/world_places.tsv` (GeoNames' cities of 15,000 people or more, written by
scripts/world_places.py) names some 29,000 places; many are also words or surnames
("Union", "Surin"), so one is taken only where the sentence's shape says it is a place:
after a preposition of place of the article's language ("in Gyeongju", "à Lugano", "di
Manado", "the port of Sohar"), or joined by "and", a comma or a hyphen to a place
("Poti and Batumi", "the Muse-Mandalay railway"), and never inside a longer capitalised
name ("Surin Pitsuwan").
"""

from __future__ import annotations

from functools import cache

from briefings import datafiles
from briefings.gazetteer import phrase_key

# Words before a place, per language; None is an article whose language is not known.
PLACE_WORDS = {
    "en": frozenset("in near from to at via outside of across".split()),
    "fr": frozenset("à a de d en vers près".split()),
    "id": frozenset("di ke dari".split()),
}
# Words that join a place to the next in a list: "Poti and Batumi", "Muse-Mandalay".
JOINERS = frozenset({"and", "et", "dan", ",", "-", "–"})


@cache
def _places() -> dict[tuple[str, ...], tuple[str, str | None]]:
    return {
        phrase_key(name): (name, country or None)
        for name, country in datafiles.rows("gazetteer/world_places.tsv", 2)
    }


@cache
def _prefixes() -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in _places() for n in range(1, len(key)))


@cache
def first_words() -> frozenset[str]:
    """Every listed place's first folded token: most words start none, and this says so."""
    return frozenset(key[0] for key in _places())


def world_place(keys: list[str], i: int) -> tuple[int, str, str | None] | None:
    """The longest listed place starting at token `i` of `keys` (folded tokens): its number
    of tokens, name and country."""
    places, prefixes = _places(), _prefixes()
    found = None
    for size in range(1, 4):
        key = tuple(keys[i : i + size])
        if len(key) < size:
            break
        if key in places:
            found = (size, *places[key])
        if key not in prefixes:
            break
    return found
