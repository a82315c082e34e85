"""Publication dates from datelines, and event dates in sentences.

Candidates are found with precompiled patterns and resolved with calendar arithmetic:
dateparser costs about 8 ms a call and fills a missing year with the current one, so
it never runs per sentence. A year is stated (`year_source="text"`), inferred from the
article's dateline (`"dateline"`) or from the date its URL files it under (`"url"`, see
`url_date`), or left unknown — never taken from today's date.

Policies, so that callers and tests agree:
- A dateline keeps the local calendar date it states; the time zone is not converted.
- All-numeric dates (`07/07/2022`) count only when unambiguous: both parts equal, or
  one of them above 12.
- Periods (`2017-2018`, `the 2020-2025 period`, `from 2017 to 2018`) are not event
  dates and are skipped.
- Month names count in running text only when capitalised (`Vietnam may ask`).
- A month and day without a year take the latest year that puts them on or before
  the dateline, so `February 29` goes back to the last leap year. In a future-tense
  sentence the next occurrence wins when it is at most `FUTURE_HORIZON` ahead; when
  it is further ahead yet nearer than the previous one, the year stays unknown.
- A weekday is the latest one on or before the dateline, the next one in a
  future-tense sentence; `last` and `next` skip the dateline's own day.
- Without a full dateline (day precision), weekdays and relative phrases (`last November`, `today`)
  are skipped, and month-day dates keep an unknown year.
- In an article not in English, month and weekday names of the other wire languages count
  too (`12 марта 2024 года`, `le 27 juillet`, `ngày 27/7`, `tháng 10 năm 2024`, `samedi`),
  from CLDR's tables (gazetteer/months.tsv, weekdays.tsv); English articles skip them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from briefings import datafiles
from briefings.datelines import MONTHS as WIRE_MONTHS
from briefings.datelines import NUMERIC_DATE, numeric_day
from briefings.model import DateMention, PartialDate, YearSource

FUTURE_HORIZON = timedelta(days=62)
_LEAP_CYCLE = 8  # years to look back for a valid February 29 (1900 and 2100 skip one)

MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.casefold(): list(calendar.month_abbr).index(name[:3]) for name in MONTH_ABBREVIATIONS
}
WEEKDAYS = {name.casefold(): number for number, name in enumerate(calendar.day_name)}


def _word_forms(names: Iterable[str]) -> str:
    """`today|Today|TODAY`: a word as running text writes it.

    Months go in capitalised, so `may` the verb never reads as May. One flat
    alternation: re scans it about ten times faster than nested groups.
    """
    forms = {form for name in names for form in (name, name.capitalize(), name.upper())}
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b"


# Patterns start on the date itself (a month name or a digit), never on an optional
# prefix or a lookbehind: re can then skip ahead fast. The words around a date
# (`on`, `last`, `in`) are read afterwards by the readers, in a short window.
_MONTH_TEXT = _word_forms([*calendar.month_name[1:], *MONTH_ABBREVIATIONS]) + r"(?:\.(?=\s*[0-9]))?"
_WEEKDAY_TEXT = _word_forms(calendar.day_name)


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH_TEXT})"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9]|[,.:][0-9])"


def _year(name: str) -> str:
    return rf"(?P<{name}>[12][0-9]{{3}})(?![0-9]|[-–][0-9])"


_SEP = r"\s*(?:[-–—]|to\b|until\b|through\b|till\b)\s*"
_NOT_A_PERIOD = r"(?!\s*(?:[-–/]|to\b|and\b)\s*[0-9])"

_MONTH_DAY = re.compile(
    rf"{_month('m1')}\s+{_day('d1')}"
    rf"(?:{_SEP}(?:{_month('m2')}\s+)?{_day('d2')})?(?:,?\s+{_year('y')})?"
)
_DAY_MONTH = re.compile(
    rf"{_day('d1')}(?:(?:\s+(?:of\s+)?{_month('m1')})?{_SEP}{_day('d2')})?"
    rf"\s+(?:of\s+)?{_month('m2')}(?:,?\s+{_year('y')})?"
)
_ISO = re.compile(
    r"(?P<y>[12][0-9]{3})(?P<sep>[-/])(?P<m>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])(?![0-9])"
)
_NUMERIC = re.compile(
    r"(?P<a>[0-9]{1,2})(?P<sep>[/.])(?P<b>[0-9]{1,2})(?P=sep)"
    r"(?P<y>[12][0-9]{3})(?![0-9]|[/.][0-9])"
)
_MONTH_YEAR = re.compile(rf"{_month('m')},?\s+(?:of\s+)?{_year('y')}")
_MONTH_ALONE = re.compile(rf"{_month('m')}(?![\s,]*(?:of\s+)?[0-9])(?!['’]s\b)")
_YEAR_ALONE = re.compile(r"(?:18|19|20)[0-9]{2}(?![0-9]|['’]?s\b)" + _NOT_A_PERIOD)
_WEEKDAY = re.compile(_WEEKDAY_TEXT)
_RELATIVE_PERIOD = re.compile(
    rf"(?P<rel>{_word_forms(['this', 'last', 'next'])})\s+(?P<unit>year|month)\b"
)
_RELATIVE_DAY = re.compile(_word_forms(["yesterday", "today", "tomorrow"]))
_EARLIER_TODAY = re.compile(r"\b(?:earlier|later)\s+in\s+the\s+day\b", re.I)

_DIGIT = re.compile("[0-9]")

# What may stand right before a date, searched in a window that ends at the date.
_CUE_REACH = 24
_NUMBER_BEFORE = re.compile(r"[\w$.,/-]\Z")
_MONTH_CUE = re.compile(
    r"(?i:\b(?:(?P<rel>last|next|this)\s+|(?:in|since|until|till|during|through)\s+"
    r"|(?:early|late|mid)[\s-]))\Z"
)
_YEAR_CUE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|before|after|during|from|through|early|late|mid|around)"
    r"[\s-]+)\Z"
)
_WEEKDAY_CUE = re.compile(r"(?i:\b(?P<rel>last|next|this|later|earlier)\s+(?:on\s+)?)\Z")
_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAY_TEXT},?\s+\Z")
_SOONER_OR_LATER = re.compile(r"(?i:\b(?:later|earlier)\s+)\Z")

# Agreeing to meet again: what is agreed lies ahead, in any of the wire languages.
AGREED_TO_MEET = (
    r"|agree[sd]?\s+to\s+(?:hold|organi[sz]e|convene|meet)"
    r"|договорил\w*\s+(?:о\s+)?(?:провести|проведении|встретиться|организовать)"
    r"|условил\w*\s+(?:о\s+)?(?:провести|проведении|встретиться)"
    r"|(?:nhất\s+trí|thống\s+nhất|thỏa\s+thuận)\s+(?:sẽ\s+)?(?:tổ\s+chức|tiến\s+hành|gặp)"
    r"|(?:sepakat|setuju|menyepakati)\s+(?:untuk\s+)?(?:menggelar|mengadakan|melaksanakan"
    r"|menyelenggarakan|bertemu)"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’»)]*\s+(?=[\"“‘«(]?[A-ZА-ЯЁ])")
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won['’]t|(?:is|are)\s+(?:set\s+|due\s+|expected\s+|slated\s+)?to"
    r"|scheduled|slated|upcoming|next|proposed|plans?\s+to|going\s+to|to\s+be\s+held"
    # the same in the wires' other languages: will (be), will take place, planned, next
    r"|будет|будут|состоит?ся|пройд[её]т|запланирован\w*|предстоящ\w*|следующ\w*"
    r"|посетит|посетят|нанес[её]т|нанесут"
    r"|sera|seront|aura\s+lieu|doit|doivent|(?:se\s+)?rendr(?:a|ont)|rencontrer(?:a|ont)"
    r"|s['’]entretiendr(?:a|ont)"
    r"|visiter(?:a|ont)|prochaine?s?|prévue?s?"
    r"|sẽ|dự\s+kiến|sắp\s+tới|akan|wird|werden|nächste[nmrs]?" + AGREED_TO_MEET + r")\b|['’]ll\b",
    # agreeing to meet looks ahead: "agreed to hold the next round", "договорились провести",
    # "nhất trí tổ chức", "sepakat (untuk) menggelar"
    re.I,
)
# The last verb before a date in its own clause gives its tense: "discussed by telephone on
# Friday the preparations for upcoming contacts" is past, though "upcoming" follows, and in
# "will visit Vietnam, the ministry said on Friday" the Friday is the saying's. Past here is
# an English past form (a lower-case `-ed` word that is no adjective or future participle, or
# a common irregular one, not after "be"), or the past markers of Vietnamese and Indonesian.
_PAST = re.compile(
    # "will be held", "to be signed": a passive after "be" is no past
    r"(?<!\bbe\s)\b(?:(?!(?:need|indeed|speed|exceed|proceed|succeed|shed|hundred|based|related|limited"
    r"|scheduled|planned|proposed|expected|slated|agreed\s+to)\b)[a-z]{2,}ed"
    r"|said|held|met|spoke|took|gave|made|told|sent|came|went|began|led|paid|was|were|had|did"
    r"|đã|vừa|telah|sudah)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:—–]")


# --- datelines: case-insensitive, since a dateline is never a sentence ---------------

_DL_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DL_LABEL = (
    r"(?:(?:date|published|posted|updated|last\s+updated|last\s+modified|first\s+published"
    r"|publication\s+date)(?:\s+on)?\s*:?\s*)?"
)
_DL_WEEKDAY = (
    r"(?:(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\b\.?"
    r"|thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật),?\s+)?"
)
_DL_DATE = (
    r"(?:(?P<iy>[12][0-9]{3})(?P<isep>[-/.])(?P<im>[01]?[0-9])(?P=isep)(?P<id>[0-3]?[0-9])"
    rf"|(?P<mm>{_DL_MONTH})\s+(?P<md>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+(?P<my>[12][0-9]{{3}})"
    rf"|(?P<dd>[0-3]?[0-9])(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<dm>{_DL_MONTH}),?\s+(?P<dy>[12][0-9]{{3}})"
    r"|(?P<na>[0-3]?[0-9])(?P<nsep>[-/.])(?P<nb>[0-3]?[0-9])(?P=nsep)(?P<ny>[12][0-9]{3}))(?![0-9])"
)
_DL_TIME = (
    r"(?:(?:T|\s*[,|@·•–—-]?\s*(?:at\s+)?)[0-2]?[0-9][:h.][0-5][0-9]"
    r"(?::[0-5][0-9](?:\.[0-9]+)?)?(?:\s*[ap]\.?\s?m\b\.?)?)?"
)
_ZONES = (
    "JST|ICT|KST|SGT|HKT|PHT|WIB|IST|MSK|CEST|CET|EEST|EET|BST|AEST|AEDT"
    "|EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT|CT"
)
_DL_ZONE = (
    r"(?:\s*\(?(?-i:(?:GMT|UTC)(?:\s*[+−-]\s*[0-9]{1,2}(?::?[0-9]{2})?)?|[+−-][0-9]{2}:?[0-9]{2}|Z"
    rf"|{_ZONES})(?!\w)\)?)?"
)
_DATELINE = re.compile(
    rf"^\s*(?P<dateline>{_DL_LABEL}{_DL_WEEKDAY}{_DL_DATE}{_DL_TIME}{_DL_ZONE})(?!\w)", re.I
)
_DATELINE_TAIL = " \t|-—–:,·•"


def split_dateline(line: str) -> tuple[PartialDate | None, str, str]:
    """Split a dateline off the start of a line: (date, the dateline text, the rest).

    `" date 2021-07-07 The meeting..."` → (2021-07-07, "date 2021-07-07", "The meeting...").
    The date is the local one the line states (`July 7, 2022 at 12:40 JST` is July 7).
    A line that does not start with a full, unambiguous date comes back as (None, "", line).
    """
    match = _DATELINE.match(line)
    published = _dateline_date(match) if match else None
    if match is None or published is None:
        return None, "", line
    return published, match["dateline"].strip(), line[match.end() :].lstrip(_DATELINE_TAIL)


# `HANOI, May 7, 2023 --`, `MOSCOW, December 5. /TASS/.`, `HANOI, May 7 (Reuters) -`: a place
# in capitals (case-sensitive: a sentence starts `Hanoi, May 7, 2023 was`), a date, then the
# dash, slash or parenthesis that ends a wire dateline. The year may be missing.
_PLACE_DATELINE = re.compile(
    r"^\s*(?P<dateline>(?-i:[A-Z][A-ZÀ-Ỹ.'’ -]{1,40}?)(?:\s*\([^()]{1,30}\))?,\s*"
    rf"{_DL_WEEKDAY}(?:{_DL_DATE}|(?P<ym>{_DL_MONTH})\s+(?P<yd>[0-3]?[0-9])(?![0-9])))\.?"
    r"(?=\s*(?:--|[—–-]\s|\(|/))",
    re.I,
)


# Sites file stories under their date: /2024/07/27/slug, /2024-07-27-slug, /20240727/slug,
# /2024/07/slug. Only whole path segments count, so a number inside a slug never does.
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)[0-9]{2})(?P<sep>[/-])(?P<m>0?[1-9]|1[0-2])"
    r"(?:(?P=sep)(?P<d>0?[1-9]|[12][0-9]|3[01]))?(?=[/_.-]|$)"
)
_URL_COMPACT_DATE = re.compile(
    r"/(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])(?=[/_.-]|$)"
)


def url_date(url: str | None) -> tuple[PartialDate, str] | None:
    """The date a story's URL path files it under, and that part of the path; a signal of
    when it was published, kept apart (`year_source="url"`) from dates the text states."""
    if not url:
        return None
    path = urlsplit(url).path
    found = _URL_DATE.search(path) or _URL_COMPACT_DATE.search(path)
    if found is None:
        return None
    day = found.group("d")
    try:
        date = PartialDate(
            int(found.group("y")), int(found.group("m")), int(day) if day else None, "url"
        )
    except ValueError:  # 2023/02/30
        return None
    return date, found.group(0)


def place_dateline(line: str) -> tuple[PartialDate | None, str]:
    """The date of a wire dateline opening a paragraph, and the dateline; (None, "") if none.

    `"HANOI, May 7, 2023 -- Vietnam and..."` → (2023-05-07, "HANOI, May 7, 2023").
    `"MOSCOW, December 5. /TASS/. ..."` → (December 5, year unknown, "MOSCOW, December 5").
    """
    match = _PLACE_DATELINE.match(line)
    if match is None:
        return None, ""
    published = _yearless_date(match) if match["ym"] else _dateline_date(match)
    return (published, match["dateline"].strip()) if published else (None, "")


def _yearless_date(match: re.Match[str]) -> PartialDate | None:
    try:
        return PartialDate(None, _month_number(match["ym"]), int(match["yd"]))
    except ValueError:
        return None


def _dateline_date(match: re.Match[str]) -> PartialDate | None:
    if match["iy"]:
        year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
    elif match["my"]:
        year, month, day = int(match["my"]), _month_number(match["mm"]), int(match["md"])
    elif match["dy"]:
        year, month, day = int(match["dy"]), _month_number(match["dm"]), int(match["dd"])
    else:
        day_month = _unambiguous_day_month(int(match["na"]), int(match["nb"]))
        if day_month is None:
            return None
        year, (day, month) = int(match["ny"]), day_month
    return None if _valid(year, month, day) is None else PartialDate(year, month, day)


def _unambiguous_day_month(first: int, second: int) -> tuple[int, int] | None:
    """(day, month) of `07/07/2022` or `28/01/2025`; None for `03/04/2022`, read either way."""
    if first == second or (first > 12 and second <= 12):
        return first, second
    if second > 12 and first <= 12:
        return second, first
    return None


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    date: PartialDate
    until: PartialDate | None = None


@dataclass(frozen=True)
class _Passage:
    """The text being searched and the dateline it is read against."""

    text: str
    anchor: date | None
    # Where the anchor's year came from: a year inferred from it says the same.
    source: YearSource = "dateline"

    def is_future(self, start: int, end: int) -> bool:
        """Whether the sentence around `text[start:end]` speaks of the future."""
        left = 0
        for boundary in _SENTENCE_END.finditer(self.text, 0, start):
            left = boundary.end()
        tense = tense_before(self.text, left, start)
        if tense is not None:
            return tense
        # A date before its verb ("On Friday, the minister will ..."): the sentence's tense.
        after = _SENTENCE_END.search(self.text, end)
        right = after.start() if after else len(self.text)
        return _FUTURE.search(self.text, left, right) is not None

    def find_before(self, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
        """The words `pattern` finds right before `start` (`last ` before `November`)."""
        return pattern.search(self.text, max(0, start - _CUE_REACH), start)

    def inside_word(self, start: int) -> bool:
        """Whether `start` continues a word or number, as in `Covid-19` or `US$2.2`."""
        return self.find_before(_NUMBER_BEFORE, start) is not None


def tense_before(text: str, left: int, start: int) -> bool | None:
    """Whether the last verb before `start` in its clause (which starts no earlier than
    `left`) is future (True) or past (False); None when the clause has none before it."""
    breaks = list(_CLAUSE_BREAK.finditer(text, left, start))
    clause = breaks[-1].end() if breaks else left
    future = max((m.start() for m in _FUTURE.finditer(text, clause, start)), default=-1)
    past = max((m.start() for m in _PAST.finditer(text, clause, start)), default=-1)
    if future == past == -1:
        return None
    return future >= past


def days_needing_a_dateline(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Where `text` names a day only a dateline can place ("on Saturday", "yesterday",
    "hôm qua"): spans that `find_dates` leaves out of an article with no day to count from."""
    patterns = [_WEEKDAY, _RELATIVE_DAY, _EARLIER_TODAY]
    if language != "en":
        patterns += [_ABROAD_WEEKDAY, _ABROAD_RELATIVE_DAY]
    return sorted(match.span() for pattern in patterns for match in pattern.finditer(text))


def find_dates(
    text: str, dateline: PartialDate | None = None, language: str = "en"
) -> list[DateMention]:
    """Event dates in a sentence or paragraph, resolved against the article's dateline;
    in an article in another `language`, with the month and weekday names of the wires'."""
    source: YearSource = "url" if dateline and dateline.year_source == "url" else "dateline"
    passage = _Passage(text, _anchor(dateline), source)
    digits = _DIGIT.search(text) is not None
    readers = _READERS if digits else _WORD_READERS  # most patterns need one
    if language != "en":
        readers = (*readers, *(_ABROAD_READERS if digits else _ABROAD_WORD_READERS))
    found = [
        item
        for pattern, read in readers
        for match in pattern.finditer(text)
        if (item := read(match, passage)) is not None
    ]
    return [
        DateMention(item.start, item.end, text[item.start : item.end], item.date, item.until)
        for item in _without_overlaps(found)
    ]


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Longest phrases first: `June 30-July 2` beats `June 30` and `July 2`."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(item.end <= other.start or other.end <= item.start for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def _anchor(dateline: PartialDate | None) -> date | None:
    """The dateline as a calendar day, when it is one (partial datelines resolve nothing)."""
    if dateline is None or dateline.year is None or dateline.day is None:
        return None
    if not 1000 <= dateline.year <= 2999 or dateline.month is None:
        return None
    return date(dateline.year, dateline.month, dateline.day)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- calendar arithmetic -------------------------------------------------------------


def _place_month_day(
    month: int, day: int, anchor: date | None, future: bool, source: YearSource
) -> PartialDate:
    year = None
    if anchor is not None:
        year = _nearest_year(anchor, future, lambda y: _valid(y, month, day))
    if year is None:
        return PartialDate(None, month, day)
    return PartialDate(year, month, day, source)


def _nearest_year(
    anchor: date, future: bool, occurrence: Callable[[int], date | None]
) -> int | None:
    """The year of the latest occurrence on or before `anchor`, or of the next one if future."""
    past = _first_occurrence(occurrence, range(anchor.year, anchor.year - _LEAP_CYCLE, -1), anchor)
    if not future:
        return past.year if past else None
    upcoming = _first_occurrence(occurrence, (anchor.year, anchor.year + 1), None, anchor)
    if upcoming and upcoming - anchor <= FUTURE_HORIZON:
        return upcoming.year
    if past and (upcoming is None or anchor - past < upcoming - anchor):
        return past.year
    return None  # a future event too far ahead to place: better unknown than wrong


def _first_occurrence(
    occurrence: Callable[[int], date | None],
    years: Iterable[int],
    latest: date | None = None,
    earliest: date | None = None,
) -> date | None:
    for year in years:
        day = occurrence(year)
        if day is None or (latest and day > latest) or (earliest and day < earliest):
            continue
        return day
    return None


def _weekday(anchor: date, weekday: int, relation: str, future: bool) -> date:
    """The weekday meant: the latest on or before the dateline, unless the text says otherwise."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - timedelta(days=back or 7)
    if relation == "next":
        return anchor + timedelta(days=ahead or 7)
    return anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back)


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


# --- readers: one per pattern, each turns a match into a date or nothing -------------

_Reader = Callable[[re.Match[str], "_Passage"], "_Found | None"]
_MonthDay = tuple[int, int]


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").casefold()]


def _read_month_day(match: re.Match[str], passage: _Passage) -> _Found | None:
    first = (_month_number(match["m1"]), int(match["d1"]))
    last_month = _month_number(match["m2"]) if match["m2"] else first[0]
    last = None if match["d2"] is None else (last_month, int(match["d2"]))
    return _day_range(match, passage, first, last)


def _read_day_month(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.inside_word(match.start()):
        return None
    last_month = _month_number(match["m2"])
    first_month = _month_number(match["m1"]) if match["m1"] else last_month
    if match["d2"] is None:
        return _day_range(match, passage, (last_month, int(match["d1"])), None)
    last = (last_month, int(match["d2"]))
    return _day_range(match, passage, (first_month, int(match["d1"])), last)


def _day_range(
    match: re.Match[str], passage: _Passage, first: _MonthDay, last: _MonthDay | None
) -> _Found | None:
    """A day or a range of days, its year stated, inferred from the dateline, or unknown."""
    if last is not None and last[0] == first[0] and last[1] <= first[1]:
        return None
    try:
        if match["y"]:
            start, end = _stated_range(int(match["y"]), first, last)
        else:
            future = passage.anchor is not None and passage.is_future(*match.span())
            start, end = _inferred_range(passage.anchor, future, first, last, passage.source)
    except ValueError:  # June 31, or February 29 of a common year
        return None
    weekday = passage.find_before(_WEEKDAY_BEFORE, match.start())  # `Wednesday, July 6, 2022`
    return _Found(weekday.start() if weekday else match.start(), match.end(), start, end)


def _stated_range(
    year: int, first: _MonthDay, last: _MonthDay | None
) -> tuple[PartialDate, PartialDate | None]:
    """The year belongs to the end: `December 30-January 2, 2022` starts in 2021."""
    if last is None:
        return PartialDate(year, *first), None
    start_year = year - 1 if last[0] < first[0] else year
    return PartialDate(start_year, *first), PartialDate(year, *last)


def _inferred_range(
    anchor: date | None,
    future: bool,
    first: _MonthDay,
    last: _MonthDay | None,
    source: YearSource,
) -> tuple[PartialDate, PartialDate | None]:
    """The dateline places the start; the end follows it, into the next year if need be."""
    start = _place_month_day(*first, anchor, future, source)
    if last is None:
        return start, None
    if start.year is None:
        return start, PartialDate(None, *last)
    end_year = start.year + 1 if last[0] < first[0] else start.year
    return start, PartialDate(end_year, *last, source)


def _read_iso(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.inside_word(match.start()):
        return None
    return _stated_day(match, int(match["y"]), int(match["m"]), int(match["d"]))


def _read_numeric(match: re.Match[str], passage: _Passage) -> _Found | None:
    """`28/01/2025`, `1/1/2025`: only when day and month cannot be swapped."""
    day_month = _unambiguous_day_month(int(match["a"]), int(match["b"]))
    if day_month is None or passage.inside_word(match.start()):
        return None
    day, month = day_month
    return _stated_day(match, int(match["y"]), month, day)


def _stated_day(match: re.Match[str], year: int, month: int, day: int) -> _Found | None:
    if _valid(year, month, day) is None:
        return None
    return _Found(match.start(), match.end(), PartialDate(year, month, day))


def _read_month_year(match: re.Match[str], passage: _Passage) -> _Found | None:
    month = _month_number(match["m"])
    return _Found(match.start(), match.end(), PartialDate(int(match["y"]), month))


def _read_year(match: re.Match[str], passage: _Passage) -> _Found | None:
    """`in 1977`, `by 2020`: a bare number is a year only after such a word."""
    if passage.find_before(_YEAR_CUE, match.start()) is None:
        return None
    return _Found(match.start(), match.end(), PartialDate(int(match[0])))


def _read_month_alone(match: re.Match[str], passage: _Passage) -> _Found | None:
    """`in October`, `last November`: a month on its own needs a word that makes it a date."""
    cue = passage.find_before(_MONTH_CUE, match.start())
    if cue is None:
        return None
    month = _month_number(match["m"])
    if cue["rel"]:
        return _relative_month(match, passage, cue.start(), cue["rel"].casefold(), month)
    return _month_near_anchor(match, passage, month)


def _month_near_anchor(match: re.Match[str], passage: _Passage, month: int) -> _Found:
    """A month named alone: in the year around the dateline's that fits its tense, if any."""
    found = PartialDate(None, month)
    if passage.anchor is not None:
        future = passage.is_future(*match.span())
        year = _nearest_year(passage.anchor, future, lambda y: date(y, month, 1))
        found = PartialDate(year, month, year_source=passage.source)
    return _Found(match.start(), match.end(), found)


def _relative_month(
    match: re.Match[str], passage: _Passage, start: int, relation: str, month: int
) -> _Found | None:
    """`last November` is the November before the dateline's month, never the same one."""
    if passage.anchor is None:
        return None
    year = passage.anchor.year
    if relation == "last" and month >= passage.anchor.month:
        year -= 1
    elif relation == "next" and month <= passage.anchor.month:
        year += 1
    return _Found(start, match.end(), PartialDate(year, month, year_source=passage.source))


def _read_weekday(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.anchor is None:
        return None  # a weekday alone is not a date
    cue = passage.find_before(_WEEKDAY_CUE, match.start())
    relation = cue["rel"].casefold() if cue else ""
    future = passage.is_future(*match.span())
    day = _weekday(passage.anchor, WEEKDAYS[match[0].casefold()], relation, future)
    return _Found(cue.start() if cue else match.start(), match.end(), _on_day(day, passage.source))


def _read_relative_period(match: re.Match[str], passage: _Passage) -> _Found | None:
    """`later this year`, `last month`: the dateline's year or month, shifted."""
    if passage.anchor is None or passage.inside_word(match.start()):
        return None
    shift = {"this": 0, "last": -1, "next": 1}[match["rel"].casefold()]
    if match["unit"] == "year":
        found = PartialDate(passage.anchor.year + shift, year_source=passage.source)
    else:
        year, month = _shift_month(passage.anchor.year, passage.anchor.month, shift)
        found = PartialDate(year, month, year_source=passage.source)
    qualifier = passage.find_before(_SOONER_OR_LATER, match.start())
    return _Found(qualifier.start() if qualifier else match.start(), match.end(), found)


def _read_relative_day(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.anchor is None or passage.inside_word(match.start()):
        return None
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[match[0].casefold()]
    day = passage.anchor + timedelta(days=shift)
    return _Found(match.start(), match.end(), _on_day(day, passage.source))


def _read_same_day(match: re.Match[str], passage: _Passage) -> _Found | None:
    """`earlier in the day`, `later that day`: the dateline's day."""
    if passage.anchor is None:
        return None
    return _Found(match.start(), match.end(), _on_day(passage.anchor, passage.source))


def _on_day(day: date, source: YearSource) -> PartialDate:
    return PartialDate(day.year, day.month, day.day, source)


_WORD_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_MONTH_ALONE, _read_month_alone),
    (_WEEKDAY, _read_weekday),
    (_RELATIVE_PERIOD, _read_relative_period),
    (_RELATIVE_DAY, _read_relative_day),
    (_EARLIER_TODAY, _read_same_day),
)
_READERS = (
    (_MONTH_DAY, _read_month_day),
    (_DAY_MONTH, _read_day_month),
    (_ISO, _read_iso),
    (_NUMERIC, _read_numeric),
    (_MONTH_YEAR, _read_month_year),
    (_YEAR_ALONE, _read_year),
    *_WORD_READERS,
)


# --- the wires' other languages ------------------------------------------------------

# CLDR's month names, but English ones (read above, capitalised only), in the nominative
# and genitive; Russian speaks of a month in the prepositional too (`в октябре`), which
# for every month is the genitive's last vowel turned to `е` (октября → октябре).
_ABROAD_MONTHS = {name: n for name, n in WIRE_MONTHS.items() if name not in MONTHS} | {
    name[:-1] + "е": n
    for name, n in WIRE_MONTHS.items()
    if name[-1] in "ая" and "а" <= name[0] <= "я"
}


_Trie = dict[str, "_Trie"]


def _trie(names: Iterable[str]) -> str:
    """One alternation of `names` with shared prefixes factored out (`ma(?:rs|i)`): re tries
    a flat list of 300 names at every position, a trie only as far as the letters fit."""
    root: _Trie = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def branch(node: _Trie) -> str:
        arms = [re.escape(char) + branch(child) for char, child in node.items() if char]
        if not arms:
            return ""
        if len(arms) == 1 and "" not in node:
            return arms[0]
        return "(?:" + "|".join(arms) + ")" + ("?" if "" in node else "")

    return branch(root)


def _initials(names: Iterable[str]) -> str:
    """`(?=[мМmM…])`: the first letters a name may start with, tried before the trie."""
    firsts = {form for name in names for form in (name[0], name[0].upper(), name[0].lower())}
    return "(?=[" + "".join(re.escape(char) for char in sorted(firsts)) + "])"


_ABROAD_MONTH = (
    f"(?P<m>{_initials(_ABROAD_MONTHS)}(?i:{_trie(_ABROAD_MONTHS)}))(?!\\w)(?:\\.(?=\\s*[0-9]))?"
)
# `2024 года` (ru), `2024 г.`, `de 2024` (fr, es), `năm 2024` (vi)
_ABROAD_YEAR = rf"(?:de\s+|năm\s+)?{_year('y')}(?:\s+(?:года|г\.))?"
_ABROAD_DAY_MONTH = re.compile(
    rf"(?P<d>[0-9]{{1,2}})(?:er|\.)?(?![0-9]|[,.:][0-9])\s+(?:de\s+)?{_ABROAD_MONTH}"
    rf"(?:,?\s+{_ABROAD_YEAR})?"
)
_ABROAD_MONTH_YEAR = re.compile(rf"{_ABROAD_MONTH},?\s+{_ABROAD_YEAR}")
_ABROAD_MONTH_ALONE = re.compile(_ABROAD_MONTH + r"(?![\s,]*(?:de\s+|năm\s+)?[0-9])")
# Vietnamese writes a day as `ngày 27/7`, `chiều 23/3` (the afternoon of), `hôm 1/3`: day
# first, made a date by the word before it. With its year (`1/3/2022`, `01.03.2022`), a
# day-first date needs no word (datelines.NUMERIC_DATE): these languages never write the
# month first.
_VIETNAMESE_DAY = re.compile(
    r"(?i:ngày|sáng|trưa|chiều|tối|đêm|hôm)\s+(?P<d>[0-3]?[0-9])/(?P<mn>[01]?[0-9])"
    r"(?:/(?P<y>[12][0-9]{3}))?(?![0-9/])"
)
# Words that make a month alone a date: in, since, until, from (ru, fr, de, vi, id).
_ABROAD_MONTH_CUE = re.compile(
    r"(?i:(?<!\w)(?:в|во|с|до|к|en|depuis|jusqu['’]en|au\s+mois\s+d[e']|im|seit|bis"
    r"|vào|trong|từ|đến|pada|bulan|sejak|hingga)\s*)\Z"
)
_ABROAD_WEEKDAYS = {
    name: int(n)
    for name, n in datafiles.rows("gazetteer/weekdays.tsv", 2)
    if name.casefold() not in WEEKDAYS
}
_ABROAD_WEEKDAY = re.compile(
    f"{_initials(_ABROAD_WEEKDAYS)}(?<!\\w){_trie(_ABROAD_WEEKDAYS)}(?!\\w)"
)


def _read_abroad_day_month(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.inside_word(match.start()):
        return None
    return _day_range(
        match, passage, (_ABROAD_MONTHS[match["m"].casefold()], int(match["d"])), None
    )


def _read_abroad_month_year(match: re.Match[str], passage: _Passage) -> _Found | None:
    month = _ABROAD_MONTHS[match["m"].casefold()]
    return _Found(match.start(), match.end(), PartialDate(int(match["y"]), month))


def _read_abroad_month_alone(match: re.Match[str], passage: _Passage) -> _Found | None:
    cue = passage.find_before(_ABROAD_MONTH_CUE, match.start())
    if cue is None:
        return None
    month = _ABROAD_MONTHS[match["m"].casefold()]
    return _month_near_anchor(match, passage, month)


def _read_vietnamese_day(match: re.Match[str], passage: _Passage) -> _Found | None:
    month, day = int(match["mn"]), int(match["d"])
    if not 1 <= month <= 12:
        return None
    return _day_range(match, passage, (month, day), None)


def _read_numeric_day(match: re.Match[str], passage: _Passage) -> _Found | None:
    found = numeric_day(match)
    return _Found(match.start(), match.end(), found) if found else None


def _read_abroad_weekday(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.anchor is None:
        return None  # a weekday alone is not a date
    future = passage.is_future(*match.span())
    day = _weekday(passage.anchor, _ABROAD_WEEKDAYS[match[0]], "", future)
    return _Found(match.start(), match.end(), _on_day(day, passage.source))


# Today, yesterday and tomorrow in the other languages; "tối nay" is tonight, "hôm qua"
# yesterday. French "hier" is left out: in German it means "here".
_ABROAD_RELATIVE_DAYS = {
    "hôm nay": 0, "sáng nay": 0, "trưa nay": 0, "chiều nay": 0, "tối nay": 0, "đêm nay": 0,
    "hôm qua": -1, "tối qua": -1, "đêm qua": -1, "ngày mai": 1,
    "сегодня": 0, "вчера": -1, "завтра": 1,
    "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1,
    "hari ini": 0, "kemarin": -1, "besok": 1,
    "heute": 0, "gestern": -1,
}  # fmt: skip
_ABROAD_RELATIVE_DAY = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(w) for w in _ABROAD_RELATIVE_DAYS) + r")(?!\w)", re.I
)


def _read_abroad_relative_day(match: re.Match[str], passage: _Passage) -> _Found | None:
    if passage.anchor is None:
        return None
    day = passage.anchor + timedelta(days=_ABROAD_RELATIVE_DAYS[match[0].casefold()])
    return _Found(match.start(), match.end(), _on_day(day, passage.source))


_ABROAD_WORD_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_ABROAD_RELATIVE_DAY, _read_abroad_relative_day),
    (_ABROAD_MONTH_ALONE, _read_abroad_month_alone),
    (_ABROAD_WEEKDAY, _read_abroad_weekday),
)
_ABROAD_READERS = (
    (_ABROAD_DAY_MONTH, _read_abroad_day_month),
    (_ABROAD_MONTH_YEAR, _read_abroad_month_year),
    (_VIETNAMESE_DAY, _read_vietnamese_day),
    (NUMERIC_DATE, _read_numeric_day),
    *_ABROAD_WORD_READERS,
)
