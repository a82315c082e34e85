"""Wire datelines opening a story, in the languages news agencies file in.

`HANOI, May 7 (Reuters) -`, `MOSCOW, December 5. /TASS/.`, `ХАНОЙ, 27 июля. /Интерфакс/ -`,
`HANOÏ, 27 juillet (RFI) -`, `HÀ NỘI, 12/3 (TTXVN) -`, `JAKARTA (ANTARA) -`: a place in
capitals (any script), then a date, an agency or both, then the dash or slash that ends
the dateline. The story's first sentence follows; the dateline is metadata, not a
sentence to quote, and the agency filed the story rather than took part in it.

Month names come from CLDR (babel's data, written to `gazetteer/months.tsv` by
scripts/month_names.py), in the nominative and (Russian, Ukrainian, Polish) genitive forms a
dateline uses, so no language needs a hand-written table.
"""

from __future__ import annotations

import re

from briefings import datafiles
from briefings.model import PartialDate, WireDateline

# CLDR month names of the wires' languages (written by scripts/month_names.py from babel)
MONTHS = {name: int(number) for name, number in datafiles.rows("gazetteer/months.tsv", 2)}
_MONTH = "(?:" + "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"[0-3]?[0-9](?:st|nd|rd|th|er)?"
# Russian writes the word for "year" after it: "12 марта 2024 года", "12 марта 2024 г."
_YEAR = r"[12][0-9]{3}(?:\s+(?:года|г\.))?"
_DATE = (
    rf"(?P<md_month>{_MONTH})\.?\s+(?P<md_day>{_DAY})(?:,?\s+(?P<md_year>{_YEAR}))?"
    rf"|(?P<dm_day>{_DAY})\.?\s+(?:de\s+)?(?P<dm_month>{_MONTH})\.?(?:,?\s+(?:de\s+)?(?P<dm_year>{_YEAR}))?"
    rf"|(?P<n_day>[0-3]?[0-9])/(?P<n_month>[01]?[0-9])(?:/(?P<n_year>{_YEAR}))?"
)
_WORD = r"[^\W\d_](?:[^\W\d_.'’]|-(?!-))*\.?"  # "HANOI--Russian": "--" ends a place
_CAPITAL = r"(?-i:[^\W\d_a-zà-ỹа-я])(?:[^\W\d_.'’]|-(?!-))*"  # a word with a capital first
# French puts the article before the day: "PARIS, le 12 mars 2024 -".
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:le\s+)?"
_DATELINE = re.compile(
    rf"^(?P<place>{_WORD}(?:[ -]{_WORD}){{0,3}})"
    # "NUSA DUA, Indonesia, Nov 15 (Reuters) -", "Nusa Dua, Bali (ANTARA) -": the region or
    # country after the city; capitalised, and only where a date or an agency follows.
    rf"(?:\s*,\s*(?P<region>{_CAPITAL}(?:[ -]{_CAPITAL}){{0,2}})"
    rf"(?=\s*,\s*{_WEEKDAY}\w|\s*[(/]))?"
    rf"(?:\s*,\s*{_WEEKDAY}(?P<date>{_DATE}))?(?![\w/])\.?"
    r"(?:\s*(?:\((?P<paren>[^()\d]{2,30})\)|/(?P<slash>[^/\d]{2,30})/))?\.?"
    # Vietnamese wires put the day after the agency: "Hà Nội (TTXVN) 3/12 –".
    r"(?:(?<=\))\s+(?P<a_day>[0-3]?[0-9])/(?P<a_month>[01]?[0-9])(?:/(?P<a_year>[12][0-9]{3}))?)?"
    r"(?P<end>\s*(?:--|[—–-]|:)\s+|\s*--(?=[^\W\d_])|\s+(?=[^\W\d_]))",
    re.I,
)
_MAX_PLACE_WORDS = 4
# RIA's and Sputnik's own form names the agency after the dash: "МОСКВА, 5 дек — РИА
# Новости. Министр …". Only a wire agency's name counts, so a story opening with a short
# sentence after a dateline keeps it.
_AGENCIES = sorted(datafiles.lines("boilerplate/outlets.txt"), key=len, reverse=True)
_AGENCY_AFTER_DASH = re.compile(
    r"(?P<agency>" + "|".join(re.escape(name) for name in _AGENCIES) + r")\.\s+", re.I
)


def read_wire_dateline(paragraph: str) -> tuple[WireDateline | None, str]:
    """The wire dateline opening `paragraph` and the rest of it; (None, paragraph) if none.

    `"HANOÏ, 27 juillet (RFI) - Le ministre..."` → (HANOÏ, July 27, RFI), `"Le ministre..."`.
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return None, paragraph
    agency = match["paren"] or match["slash"]
    found = _date(match) if match["date"] or match["a_day"] else None
    if not _is_dateline(match, found, agency):
        return None, paragraph
    rest = paragraph[match.end() :]
    if agency is None and match["end"].strip():
        agency, rest = _agency_after_dash(rest)
    if not rest or not (rest[0].isupper() or rest[0] in "\"“«'‘("):
        return None, paragraph  # a dateline opens a sentence
    text = paragraph[: len(paragraph) - len(rest)].strip()
    place = match["place"].strip()
    return WireDateline(text, place, found, agency.strip() if agency else None), rest


_LEADING_DATE = re.compile(rf"(?:{_DATE})(?![\w/])", re.I)


def leading_date(text: str) -> tuple[PartialDate | None, str]:
    """A date with its month's name in any wire language opening `text`, and the rest:
    `"4 décembre 2026 à 10h12"` → (2026-12-04, `" à 10h12"`); (None, text) if it opens with
    none. Numeric dates are not read here: 12/05 is May in Hanoi and December in Washington."""
    match = _LEADING_DATE.match(text)
    if match is None or match["n_month"]:
        return None, text
    found = _date(match)
    return (found, text[match.end() :]) if found else (None, text)


# A numeric date is day-first in every language the wires write but English: a weekday
# named in one of them says which ("Thứ ba, 1/3/2022", "Selasa, 01/03/2022").
_ENGLISH_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs"
    " fri sat sun".split()
)
_DAY_FIRST_WEEKDAYS = sorted(
    (
        n
        for n, _ in datafiles.rows("gazetteer/weekdays.tsv", 2)
        if n.casefold() not in _ENGLISH_WEEKDAYS
    ),
    key=len,
    reverse=True,
)
_DAY_FIRST_WEEKDAY = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(n) for n in _DAY_FIRST_WEEKDAYS) + r")(?!\w)", re.I
)
# A day-first numeric date with its year: 1/3/2022, 01.03.2022 (dates.py reads it too).
NUMERIC_DATE = re.compile(
    r"(?<![0-9/.])(?P<d>[0-3]?[0-9])(?P<sep>[/.])(?P<m>[01]?[0-9])(?P=sep)(?P<y>[12][0-9]{3})"
    r"(?![0-9]|[/.][0-9])"
)


def numeric_day(match: re.Match[str]) -> PartialDate | None:
    """The day a `NUMERIC_DATE` match gives, or None for one no calendar has (31/6/2022)."""
    try:
        return PartialDate(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def day_first_date(text: str) -> tuple[PartialDate | None, str]:
    """A numeric date with its year that can only be day-first, and `text` without it and
    its weekday: one beside a weekday of a day-first language, or with a day past 12
    ("23/03/2016"); (None, text) otherwise."""
    match = NUMERIC_DATE.search(text)
    if match is None:
        return None, text
    weekday = _DAY_FIRST_WEEKDAY.search(text)
    found = numeric_day(match)
    if found is None or (weekday is None and int(match["d"]) <= 12):
        return None, text
    rest = text[: match.start()] + " " + text[match.end() :]
    return found, _DAY_FIRST_WEEKDAY.sub(" ", rest)


def _agency_after_dash(rest: str) -> tuple[str | None, str]:
    """The agency a dateline names after its dash, and the story after it."""
    named = _AGENCY_AFTER_DASH.match(rest)
    return (named["agency"], rest[named.end() :]) if named else (None, rest)


def _is_dateline(match: re.Match[str], found: PartialDate | None, agency: str | None) -> bool:
    """A place in capitals (or any place before an agency), with a date, an agency or a
    dash; a sentence's opening words (`Moscow said`) have none of these."""
    place = match["place"]
    if len(place.split()) > _MAX_PLACE_WORDS or (
        (match["date"] or match["a_day"]) and found is None
    ):
        return False
    capitals = place.isupper() and sum(char.isalpha() for char in place) >= 3
    dashed = match["end"].strip() != ""
    if agency is not None:
        return (capitals or place.istitle()) and (dashed or match["slash"] is not None)
    if found is not None:
        return capitals and (dashed or match["end"].strip() == "")
    return capitals and dashed and match["end"].strip() != ":"


def _date(match: re.Match[str]) -> PartialDate | None:
    if match["md_month"]:
        month, day, year = MONTHS[match["md_month"].casefold()], match["md_day"], match["md_year"]
    elif match["dm_month"]:
        month, day, year = MONTHS[match["dm_month"].casefold()], match["dm_day"], match["dm_year"]
    elif match["n_day"]:
        month, day, year = int(match["n_month"]), match["n_day"], match["n_year"]
    else:
        month, day, year = int(match["a_month"]), match["a_day"], match["a_year"]
    try:
        year_number = int(year[:4]) if year else None
        return PartialDate(year_number, month, int(re.sub(r"\D", "", day)))
    except ValueError:  # 31 June, 12/31
        return None
