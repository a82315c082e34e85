"""Write briefings/gazetteer/months.tsv and weekdays.tsv: month and weekday names of the
wires' languages, from CLDR.

    python scripts/month_names.py [--check]

Wire datelines (`ХАНОЙ, 27 июля`, `HANOÏ, 27 juillet`) are read with these names. They come
from babel's CLDR data (wide and abbreviated, format and stand-alone: Russian's genitive
`июля` and nominative `июль`), written once here so that reading a dateline loads no locale
data at run time (that costs 0.05 s in every ingest worker). `--check` compares instead.

Weekday names (`вторник`, `samedi`, `Thứ Ba`) date what a story tells against its dateline
(briefings/dates.py). They keep CLDR's case, since they are matched as written, and come
from fewer languages: Romanian `luni` is also "months", Tagalog `Linggo` and Turkish
`Pazar` are also "week" and "market", so those are left out. Russian and Ukrainian say
"on Wednesday" in the accusative (`в среду`), which for these names is the feminine ending
changed (а → у, я → ю); the table holds both forms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.dates import get_day_names, get_month_names

OUT = Path(__file__).resolve().parent.parent / "briefings" / "gazetteer" / "months.tsv"
WEEKDAYS_OUT = OUT.with_name("weekdays.tsv")
# Languages whose agencies' wires reach us most; CLDR has the rest should they be needed.
LOCALES = (
    "en", "fr", "de", "es", "pt", "it", "nl", "ru", "uk", "pl", "cs", "tr",
    "vi", "id", "ms", "tl", "ro",
)  # fmt: skip
WEEKDAY_LOCALES = ("en", "fr", "de", "es", "pt", "it", "nl", "ru", "uk", "pl", "vi", "id")
WEEKDAYS_HEADER = (
    "# Weekday names as written (Monday is 0) and numbers; written by scripts/month_names.py\n"
)
_ACCUSATIVE = {"а": "у", "я": "ю"}  # Russian, Ukrainian feminine: среда → (в) среду
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


def weekday_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in WEEKDAY_LOCALES:
        for context in ("format", "stand-alone"):
            for number, name in get_day_names("wide", context=context, locale=locale).items():
                for form in (str(name), str(name)[0].upper() + str(name)[1:]):
                    names.setdefault(form, int(number))
                    if locale in ("ru", "uk") and form[-1] in _ACCUSATIVE:
                        names.setdefault(form[:-1] + _ACCUSATIVE[form[-1]], int(number))
    return names


def table() -> str:
    return HEADER + "".join(f"{name}\t{number}\n" for name, number in month_names().items())


def weekday_table() -> str:
    rows = (f"{name}\t{number}\n" for name, number in weekday_names().items())
    return WEEKDAYS_HEADER + "".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    tables = ((OUT, table()), (WEEKDAYS_OUT, weekday_table()))
    if parser.parse_args().check:
        sys.exit(any(out.read_text(encoding="utf-8") != text for out, text in tables))
    for out, text in tables:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({text.count(chr(10)) - 1} names)")


if __name__ == "__main__":
    main()
