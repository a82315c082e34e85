"""Summits and meetings of an organisation: "APEC summit", "PIF leaders' meeting".

In English a gathering is named by the organisation the other finders found, then its head
("Asia-Pacific Economic Cooperation (APEC) summit", "summit of the Collective Security Treaty
Organization"); it is named after the organisation's acronym when the article gives one, so
both of those are the one "CSTO summit", and it keeps the organisation's name as its link
(`Gathering.organisation`; `entities` stores it as the event's description and keeps the
organisation's own mention inside the event's, so a query for the organisation finds it).
In other languages, where names of organisations are not all known, the head comes first
and an acronym closes the name: "Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 57",
"Pertemuan Menteri Luar Negeri ASEAN ke-57", "réunions ministérielles de l'Asean",
"саммит БРИКС", "совещание Россия — АСЕАН".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# After the organisation: "(APEC) summit", "foreign ministers' meeting", "leaders’ summit".
_AFTER = re.compile(
    r"(?:[ \t]+\(([A-Z][A-Za-z0-9+-]{1,9})\))?[ \t]+"
    r"((?:(?:[Ff]oreign|[Dd]efen[cs]e|[Ee]conomic|[Tt]rade|[Ff]inance)[ \t]+[Mm]inisters['’][ \t]+"
    r"|[Ll]eaders['’][ \t]+|[Mm]inisterial[ \t]+)?(?:[Ss]ummit|[Mm]eeting))(?![\w-])"
)
# Before it: "summit of the", "foreign ministers' meetings of the" (a bare "a meeting of the X"
# is as often a body's own session as a gathering of its members).
_BEFORE = re.compile(
    r"(?<![\w-])((?:(?:[Ff]oreign|[Dd]efen[cs]e|[Ee]conomic|[Tt]rade|[Ff]inance)[ \t]+"
    r"[Mm]inisters['’][ \t]+|[Ll]eaders['’][ \t]+)?[Ss]ummit|(?:(?:[Ff]oreign|[Dd]efen[cs]e"
    r"|[Ee]conomic|[Tt]rade|[Ff]inance)[ \t]+[Mm]inisters['’][ \t]+|[Ll]eaders['’][ \t]+)"
    r"[Mm]eeting)s?[ \t]+of[ \t]+(?:the[ \t]+)?$"
)
# "the meeting of the Lancang-Mekong Cooperation foreign ministers": who meets after the body.
_MEETING_OF = re.compile(r"(?<![\w-])meeting[ \t]+of[ \t]+the[ \t]+$")
_MINISTERS_AFTER = re.compile(
    r"[ \t]+((?:[Ff]oreign|[Dd]efen[cs]e|[Ee]conomic|[Tt]rade|[Ff]inance)[ \t]+[Mm]inisters)"
    r"(?![\w'’])"
)
_ACRONYM = r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,7}(?![\w])"
# A Russian adjective agreeing with "саммит" or "форум", in any case.
_MASCULINE = r"(?:ий|ый|ой|ого|его|ому|ему|ом|ем|им|ым)"
# Russian words for who meets, between a meeting's head and the organisation's acronym.
_WHO_MEETS = (
    r"глав|главы|министров|министерства|МИД|стран|государств|лидеров|иностранных|дел"
    r"|обороны|финансов|экономики|торговли|правительств|Совета|совета"
)
_CAPITALISED = r"[A-ZÀ-ÝĐА-ЯЁ][\w’'-]*"
# Head first, capitalised words, then an acronym: Vietnamese, Indonesian.
_HEAD_FIRST = {
    "vi": re.compile(
        # Only a name's first syllable is capitalised: "Bộ trưởng Ngoại giao".
        rf"(?<![\w])Hội nghị[ \t]+{_CAPITALISED}(?:[ \t]+\w+){{0,5}}?[ \t]+{_ACRONYM}"
        r"(?:[ \t]+lần thứ[ \t]+\d+)?"
        # "Diễn đàn khu vực ASEAN" (forum), "Hội nghị cấp cao Đông Á" (summit) and the place
        # or body that names it.
        rf"|(?<![\w])Diễn đàn(?:[ \t]+[a-zà-ỹđ]+){{0,4}}[ \t]+{_ACRONYM}"
        rf"|(?<![\w])Hội nghị cấp cao(?:[ \t]+{_CAPITALISED}){{1,3}}"
    ),
    "id": re.compile(
        rf"(?<![\w])(?:(?P<summit>KTT|Konferensi Tingkat Tinggi)|Pertemuan|Sidang|Forum)"
        # "KTT" (summit) inside a name does not close it: "… Luar Negeri KTT Asia Timur (EAS)";
        # a summit may be named by the body alone ("KTT ASEAN ke-48"), a meeting not ("Pertemuan
        # AMM" is the meeting its acronym names).
        rf"(?:(?(summit)|[ \t]+{_CAPITALISED})(?:[ \t]+{_CAPITALISED}){{0,5}}?"
        rf"[ \t]+(?!KTT){_ACRONYM}(?:[ \t]+\({_ACRONYM}\))?"
        rf"(?:[ \t]+ke-\d+)?|(?:[ \t]+{_CAPITALISED}){{2,6}}(?:[ \t]+\({_ACRONYM}\))?)"
    ),
    "fr": re.compile(
        rf"(?<![\w])(?:[Ss]ommets?|[Rr]éunions?)(?:[ \t]+ministérielles?)?[ \t]+"
        # Who meets: "des ministres des Affaires étrangères", "des chefs d’État et de
        # gouvernement".
        rf"(?:des[ \t]+(?:ministres|chefs)[ \t]+(?:des|de|d['’])[ \t]*{_CAPITALISED}"
        rf"(?:[ \t]+(?:étrangères|et[ \t]+de[ \t]+gouvernement))?[ \t]+)?"
        rf"(?:de[ \t]+l['’]|du[ \t]+|des[ \t]+)"
        # "de l'Asean", "de l'Association des nations de l'Asie du Sud-Est"
        rf"{_CAPITALISED}(?:[ \t]+(?:des|de|du|de[ \t]+la|de[ \t]+l['’]|d['’])[ \t]*[\w’'-]+)*"
    ),
    "ru": re.compile(
        rf"(?<![\w])(?:[а-яё]+(?:ских|ской|ском|ские|ский|ского|ских)[ \t]+)?"
        rf"(?:[Сс]аммит|[Вв]стреч|[Сс]овещани|[Зз]аседани)[а-яё]*[ \t]+"
        # Who meets: "встречи глав МИД стран БРИКС", "совещание министров обороны АСЕАН".
        rf"(?:(?:{_WHO_MEETS})[ \t]+){{0,4}}"
        rf"(?:{_CAPITALISED}[ \t]+[—–-][ \t]+)?(?!МИД){_ACRONYM}"
        # A named forum or summit, its first word alone capitalised: "Восточноазиатского
        # саммита", "Петербургском международном экономическом форуме", "Регионального
        # форума АСЕАН по безопасности".
        rf"|(?<![\w])[А-ЯЁ][а-яё-]+{_MASCULINE}(?:[ \t]+[а-яё-]+{_MASCULINE}){{0,3}}?"
        rf"[ \t]+(?:саммит|форум)[а-яё]*"
        rf"(?:[ \t]+(?!МИД){_ACRONYM})?(?:[ \t]+по[ \t]+[а-яё]+)?"
    ),
}
# Malay pages read as Indonesian: "Pertemuan Menteri Luar Negeri ASEAN ke-57" is both.
_HEAD_FIRST["ms"] = _HEAD_FIRST["id"]
_ORDINAL_OR_PARENTHESIS = re.compile(r"[ \t]+\([^)]*\)")


@dataclass(frozen=True)
class Gathering:
    """`text[start:end]` names the event `name`; `organisation` is whose meeting it is."""

    start: int
    end: int
    name: str
    organisation: str | None


@dataclass(frozen=True)
class Organisation:
    """An organisation named at `text[start:end]`, with its acronym when the article has one."""

    start: int
    end: int
    name: str
    acronym: str | None


def gatherings(text: str, organisations: Sequence[Organisation]) -> Iterator[Gathering]:
    """Summits and meetings in `text` named by one of the `organisations` found in it."""
    for organisation in organisations:
        if _joined_before(text, organisation.start):
            continue  # "China-EU summit" is no EU summit
        short = organisation.acronym or text[organisation.start : organisation.end]
        after = _AFTER.match(text, organisation.end)
        if after:
            head = after.group(2)
            name = f"{after.group(1) or short} {head[0].lower()}{head[1:]}"
            yield Gathering(organisation.start, after.end(), name, organisation.name)
        of = _MEETING_OF.search(text, max(0, organisation.start - 20), organisation.start)
        ministers = _MINISTERS_AFTER.match(text, organisation.end) if of else None
        if of and ministers:
            name = f"{short} {ministers.group(1).lower()}' meeting"
            yield Gathering(of.start(), ministers.end(), name, organisation.name)
            continue
        before = _BEFORE.search(text, 0, organisation.start)
        if before:
            name = f"{short} {before.group(1)[0].lower()}{before.group(1)[1:]}"
            yield Gathering(before.start(), organisation.end, name, organisation.name)


def _joined_before(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-‐‑/–")


def foreign_gatherings(text: str, language: str) -> Iterator[Gathering]:
    """Summits and meetings in a text not in English, named as written (parentheses out)."""
    pattern = _HEAD_FIRST.get(language)
    for match in pattern.finditer(text) if pattern else ():
        name = _ORDINAL_OR_PARENTHESIS.sub("", match.group())
        yield Gathering(match.start(), match.end(), name, None)
