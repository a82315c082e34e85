"""Write briefings/gazetteer/months.tsv: month names of the wires' languages, from CLDR.

    python scripts/month_names.py [--check]

Wire datelines (`ХАНОЙ, 27 июля`, `HANOÏ, 27 juillet`) are read with these names. They come
from babel's CLDR data (wide and abbreviated, format and stand-alone: Russian's genitive
`июля` and nominative `июль`), written once here so that reading a dateline loads no locale
data at run time (that costs 0.05 s in every ingest worker). `--check` compares instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.dates import get_month_names

OUT = Path(__file__).resolve().parent.parent / "briefings" / "gazetteer" / "months.tsv"
# Languages whose agencies' wires reach us most; CLDR has the rest should they be needed.
LOCALES = (
    "en", "fr", "de", "es", "pt", "it", "nl", "ru", "uk", "pl", "cs", "tr",
    "vi", "id", "ms", "tl", "ro",
)  # fmt: skip
HEADER = "# Month names (folded, no closing dot) and numbers; written by scripts/month_names.py\n"


def month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                found = get_month_names(width, context=context, locale=locale)
                for number, name in found.items():
                    names.setdefault(str(name).casefold().rstrip("."), int(number))
    return names


def table() -> str:
    return HEADER + "".join(f"{name}\t{number}\n" for name, number in month_names().items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    text = table()
    if parser.parse_args().check:
        sys.exit(OUT.read_text(encoding="utf-8") != text)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} names)")


if __name__ == "__main__":
    main()
