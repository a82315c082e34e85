"""Sentence boundaries in a paragraph, as character spans (claims are whole sentences)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefings.dates import MONTH_ABBREVIATIONS

# A full stop after these is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "sen",
        "rep",
        "gov",
        "prof",
        "st",
        "no",
        "nos",
        "vol",
        "fig",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "jr",
        "sr",
        "rev",
        "hon",
        "amb",
        "pres",
        "messrs",
    ]
) | {month.casefold() for month in MONTH_ABBREVIATIONS}
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Ỹ])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


# A quotation of several sentences is one claim: quoted alone, its first sentence would
# lose the "…," she said that names the speaker. Longer quotations are split all the same.
MAX_QUOTATION_CHARS = 400
_CLOSING = {'"': '"', "“": "”", "«": "»"}


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace trimmed."""
    start = 0
    for match in _END.finditer(text):
        if (
            _is_abbreviation(text, match.start())
            or _goes_on(text, match.end())
            or _inside_quotation(text, match.end())
        ):
            continue
        yield from _trimmed(text, start, match.end())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def split_sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text[max(0, dot - 20) : dot])
    if not word:
        return False
    token = word.group(1)
    # Initials and dotted acronyms: "J. Smith", "U.S.", "U.N.".
    if (len(token) == 1 and token.isupper()) or "." in token:
        return True
    return token.casefold() in _ABBREVIATIONS


def _goes_on(text: str, end: int) -> bool:
    """Whether the text after a full stop goes on in lower case: an abbreviation no list
    holds («210 тыс. российских туристов», "в 2021 г. в Москве"). _END's range of capitals
    holds the small letters of Latin-1 and Cyrillic too."""
    following = text[end : end + 3].lstrip(" \t\"“‘'([")
    return following[:1].islower()


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _inside_quotation(text: str, end: int) -> bool:
    """Whether `end` falls inside a quotation that closes a little further on."""
    before = text[:end]
    for opening, closing in _CLOSING.items():
        opened = (
            before.count(opening) % 2
            if opening == closing
            else before.count(opening) - before.count(closing)
        )
        if opened > 0 and closing in text[end : end + MAX_QUOTATION_CHARS]:
            return True
    return False
