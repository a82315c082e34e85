"""Publication dates from datelines, and event dates in sentences."""

from __future__ import annotations

import re

from briefings.model import PartialDate

MONTHS = {
    name.casefold(): number
    for number, names in enumerate(
        [
            (),
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:[A-Z]{2,5}|GMT[+-]\d{1,2})\)?)?)?"
_LABEL = r"(?:(?:date|published|posted|updated|last updated)\s*:?\s*)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"

_DATELINES = [
    re.compile(rf"^\s*{_LABEL}(?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?\S*)?", re.I),
    re.compile(rf"^\s*{_LABEL}{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    re.compile(rf"^\s*{_LABEL}{_WEEKDAY}(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}", re.I),
]


def split_dateline(line: str) -> tuple[PartialDate | None, str, str]:
    """Split a dateline off the start of a line: (date, the dateline text, the rest).

    `" date 2021-07-07 The meeting..."` → (2021-07-07, "date 2021-07-07", "The meeting...").
    A line that does not start with a full date comes back as (None, "", line).
    """
    for pattern in _DATELINES:
        match = pattern.match(line)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].casefold()]
        try:
            date = PartialDate(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
        rest = line[match.end() :].lstrip(" \t|-—–:")
        return date, match.group(0).strip(), rest
    return None, "", line
