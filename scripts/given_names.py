"""Write briefings/gazetteer/given_names.txt: given names of many countries, from Faker.

    python scripts/given_names.py [--check]

A capitalised word that is someone's given name, followed by name-shaped words, is read as
a person in any language, with no role or verb of saying around it: "Justin Trudeau vit ses
derniers jours", "Петер Сийярто". Faker's person providers list the given names of some
eighty locales (MIT licence); they are written once here, folded, so that no worker imports
Faker. Only names in Latin or Cyrillic letters of three letters or more are kept; Chinese,
Japanese and Arabic script names are read by other means. `--check` compares instead.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.folding import fold

OUT = Path(__file__).resolve().parent.parent / "briefings" / "gazetteer" / "given_names.txt"
HEADER = (
    "# Given names (folded), one a line, from Faker's person providers of every locale;\n"
    "# written by scripts/given_names.py. Words that are also places or common words are\n"
    "# set aside at run time by the gazetteer, not here.\n"
)
_LISTS = (
    "first_names",
    "first_names_male",
    "first_names_female",
    "first_names_nonbinary",
    "first_romanized_names",
)
_NAME = re.compile(r"[A-Za-zÀ-ɏА-яЁё]{3,}")


def given_names() -> list[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in _LISTS:
            listed = getattr(provider, attribute, None)
            if isinstance(listed, (dict, list, tuple)):
                for name in listed:
                    # "Jean-Noël" and "Mary Ann": each part is a given name of its own.
                    names.update(fold(p) for p in re.split(r"[-\s]", name) if _NAME.fullmatch(p))
    return sorted(names)


def table() -> str:
    return HEADER + "".join(f"{name}\n" for name in given_names())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    text = table()
    if parser.parse_args().check:
        sys.exit(OUT.read_text(encoding="utf-8") != text)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 3} names)")


if __name__ == "__main__":
    main()
