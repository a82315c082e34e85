"""Agencies and outlets that sign what they publish: in a wire dateline, a photo credit, or
the tag an outlet puts before its story's first words.

`ASTANA. KAZINFORM –`, `HÀ NỘI, 16/10 (TTXVN) -`, `Москва. 3 июля. INTERFAX.RU -`, `VOV.VN -
Chiều 6/3, …`, `TEMPO.CO, Jakarta - …`, `… Photo: IRNA`, `(Ảnh: TTXVN)`, `[Alessandro Crinari -
Keystone-ATS]`, `Photo: Tanjug/Dimitrije Goll`. Readers count the signing agency among the
bodies a story names; few of them are in any table, so they are found by where they stand and
by their shape: one word (hyphens and a web domain allowed) with two capitals or a domain,
or, in a credit, any one capitalised word beside a photographer's full name. Photographers
and press offices ("Фото: пресс-служба правительства …") are not outlets and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

# A web domain an outlet names itself by: "VOV.VN", "TEMPO.CO", "KOMPAS.com", "INTERFAX.RU".
# Digits are allowed before the dot ("24.kg", "Liputan6.com"), never after it: "2.5" is no domain.
_DOMAIN = r"(?<![\w.])[^\W_]{2,}\.(?:[a-zA-Z]{2,3})(?![\w.])"
_WORD = r"[^\W\d_][\w]*(?:-[^\W\d_][\w]*)*"
_OUTLET_WORD = re.compile(rf"(?<![\w.@/-])(?:{_DOMAIN}|{_WORD})(?![\w-])")
# A story opening with its outlet's tag, sometimes with the place it was filed from.
# An all-caps word alone there is more often the place ("HANOI -"): only a domain stands alone.
_OPENING_TAG = re.compile(
    rf"(?:(?P<domain>{_DOMAIN})|(?P<caps>[^\W\d_a-z]{{3,}})(?=,))"
    r"(?:,[ \t]+[^\W\d_][\w]*(?:[ \t][^\W\d_][\w]*)?)?[ \t]+[-–—][ \t]+(?=[^\W\d_])"
)
# A place in capitals and perhaps a date a story was filed from, before the outlet's name.
_FILED_FROM = re.compile(
    r"(?P<place>[^\W\d_]{3,}(?:[ \t-][^\W\d_]+){0,3}),[ \t]+(?:(?P<date>[^,.\n]{3,20}),[ \t]+)?"
)
_NAMED_AFTER_PLACE = re.compile(
    rf"(?P<outlet>{_DOMAIN}|{_WORD})(?:\.[ \t]+|[ \t]+[-–—][ \t]+)(?=[^\W\d_])"
)
# A credit closing a caption: "Photo: IRNA", "(Photo APS)", "- Ảnh: TTXVN", "[Name - Agency]".
_CREDIT = re.compile(
    r"(?:(?<=[\s(\[|.-])|^)(?:Photos?|Foto|Фото|Ảnh|Crédit(?:[ \t]+photo)?|Credits?|Image)"
    r"[ \t]*:?[ \t]*(?P<credit>[^()\[\]\n:]{2,60}?)[ \t]*[)\]]?\.?[ \t]*$"
    r"|\[(?P<bracketed>[^\[\]\n]{2,60})\][ \t]*$"
)
_CREDIT_PARTS = re.compile(r"[ \t]*(?:/|[ \t][-–—][ \t]|,|;|&)[ \t]*")
# A government's own office credited for its photos, which readers do not count as a news
# outlet: the words for presidency, government and foreign ministry in the press's languages,
# and the acronyms every outlet of a country credits them by (BNG: Bộ Ngoại giao, VGP: the
# Vietnamese government portal, PR: Presidência da República, MFA/MoFA).
_GOVERNMENT_OFFICES = frozenset(
    "presidency presidencia presidência présidence kremlin government gouvernement gobierno"
    " governo pemerintah mfa mofa bng vgp pr".split()
)
# What ends a dateline's place: its agency and date come after.
_PLACE_END = re.compile(r"[,.(/]")
# A story's first words signing it in brackets: "(Chinhphu.vn) - Chiều 27/12", "…(PLO)- Ngày
# 9/9", or the wire form "Hanoi, Dec 3 (IANS) Sri Lanka's …" with a place and a date first.
_BRACKETED_TAG = re.compile(
    r"\((?P<tag>[^()\s]{2,20})\)[ \t]*[-–—][ \t]*(?=[^\W\d_])"
    r"|^[^\W\d_][^(),.\n]{1,30},[ \t]+[^()\n]{3,20}?[ \t]*\((?P<wire>[^()\s]{2,20})\)[ \t]+"
)
# A caption closing on an agency's acronym alone: "… on August 27. AKP", "… told IANS. (IANS)".
_CLOSING_AGENCY = re.compile(
    r"(?:\((?P<paren>[^()\s]{2,20})\)|(?<=[.!?][ \t])(?P<bare>[^\W\d_][\w.-]{1,19}))[ \t]*\.?$"
)
# File names are shaped like domains: "egmont.jpg" names a picture, not an outlet.
_FILE_EXTENSIONS = frozenset(
    "jpg jpeg png gif svg webp pdf doc xls ppt txt htm php asp mp3 mp4".split()
)
# A web domain in running text, not part of an address: "Об этом 24.kg сообщили".
_DOMAIN_IN_TEXT = re.compile(rf"(?<![/@:])(?P<domain>{_DOMAIN})(?![/@])")
# An agency in brackets or slashes: "(TTXVN)", "(Prensa Latina)", "/TASS/".
_BRACKETED_AGENCY = re.compile(r"\((?P<paren>[^()\d]{2,30})\)|/(?P<slash>[^/\d]{2,30})/")


def dateline_outlets(text: str, not_outlets: Container[str]) -> Iterator[tuple[int, int]]:
    """Spans of the agency in a wire dateline passage: outlet-shaped words after its place."""
    place = _PLACE_END.search(text)
    if place is None:
        return
    bracketed = _BRACKETED_AGENCY.search(text, place.start())
    if bracketed is not None:
        yield bracketed.span("paren" if bracketed["paren"] else "slash")
        return
    for match in _OUTLET_WORD.finditer(text, place.start()):
        if _outlet_shaped(match.group()) and match.group().casefold() not in not_outlets:
            yield match.span()


def opening_outlet(text: str) -> tuple[int, int] | None:
    """The outlet's tag opening a story's paragraph: "VOV.VN - Chiều 6/3", "TEMPO.CO, Jakarta -",
    or after the place in capitals and the date it was filed: "KUALA LUMPUR, KOMPAS.com -",
    "ВЛАДИВОСТОК, 5 декабря, PrimaMedia. …"."""
    filed = _FILED_FROM.match(text)
    if filed is not None and filed["place"].isupper():
        named = _NAMED_AFTER_PLACE.match(text, filed.end())
        if named is not None and _outlet_shaped(named["outlet"]):
            return named.span("outlet")
    match = _OPENING_TAG.match(text, filed.end() if filed and filed["place"].isupper() else 0)
    if match is None:
        return None
    return match.span("domain" if match["domain"] else "caps")


def bracketed_tag(text: str) -> tuple[int, int] | None:
    """The outlet signing a paragraph in brackets: "(Chinhphu.vn) - Chiều 27/12, …",
    "Hanoi, Dec 3 (IANS) Sri Lanka's …"; only outlet-shaped words, never a place's name."""
    for match in _BRACKETED_TAG.finditer(text):
        group = "tag" if match["tag"] else "wire"
        if _outlet_shaped(match[group]):
            return match.span(group)
    return None


def domain_outlets(text: str) -> Iterator[tuple[int, int]]:
    """Outlets named by their web domain in running text: "Об этом 24.kg сообщили"."""
    for match in _DOMAIN_IN_TEXT.finditer(text):
        extension = match["domain"].rsplit(".", 1)[1].casefold()
        if not text[: match.start()].endswith("www.") and extension not in _FILE_EXTENSIONS:
            yield match.span("domain")


def credited_outlets(text: str, not_outlets: Container[str]) -> Iterator[tuple[int, int]]:
    """Spans of the outlets a caption's closing credit names."""
    match = _CREDIT.search(text)
    if match is None:
        yield from _closing_agency(text, not_outlets)
        return
    group = "credit" if match["credit"] is not None else "bracketed"
    parts = list(_parts(text, *match.span(group)))
    for start, end in parts:
        word = text[start:end]
        if not re.fullmatch(rf"{_DOMAIN}|{_WORD}", word) or len(word) < 2:
            continue
        if word.casefold() in not_outlets or word.casefold() in _GOVERNMENT_OFFICES:
            continue
        # One capitalised word, alone or beside a full name ("Tanjug/Dimitrije Goll"), is the
        # agency; a photographer's name has two words or more.
        if _outlet_shaped(word) or word[0].isupper():
            yield start, end


def _closing_agency(text: str, not_outlets: Container[str]) -> Iterator[tuple[int, int]]:
    """An agency's acronym closing a caption that has no "Photo:" credit."""
    match = _CLOSING_AGENCY.search(text)
    if match is None:
        return
    group = "paren" if match["paren"] else "bare"
    word = match[group]
    folded = word.casefold()
    if word.isupper() and _outlet_shaped(word) and folded not in _GOVERNMENT_OFFICES:
        yield from [match.span(group)] if folded not in not_outlets else []


def credit_start(text: str) -> int | None:
    """Where a caption's closing credit starts, if it has one: what follows is no text."""
    match = _CREDIT.search(text)
    return match.start() if match else None


def _parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The credit's parts between slashes, dashes and commas, without their spaces."""
    for separator in [*_CREDIT_PARTS.finditer(text, start, end), None]:
        part_end = separator.start() if separator else end
        part = text[start:part_end]
        if part.strip():
            yield start + len(part) - len(part.lstrip()), start + len(part.rstrip())
        start = separator.end() if separator else end


def _outlet_shaped(word: str) -> bool:
    """Two capitals ("IRNA", "UzA", "PrimaMedia", "Keystone-ATS") or a web domain."""
    if re.fullmatch(_DOMAIN, word):
        return True
    return sum(c.isupper() for c in word) >= 2 and len(word) >= 3 and not word.isdigit()
