"""Named happenings that are not an organisation's summit: joint commissions, state visits, "2+2"s.

A country pair's standing commission meets in sessions an analyst lists as one event
("Pakistan-Iran Joint Economic Commission", "межправительственная комиссия по
торгово-экономическому … сотрудничеству", "Ủy ban hỗn hợp về hợp tác song phương Việt Nam -
Philippines"), as is a leader's state visit ("state visit to Astana",
"государственного визита … Путина во Вьетнам", "chuyến thăm cấp Nhà nước tới Việt Nam") and a
ministers' "2+2" meeting, a counted round of talks, a "Normandy format" meeting, "World War
Two" and the French "sommet européen". Each is named as written: the places and people inside
the span stay there as its link (`entities` keeps their mentions inside the event's, as it does
an organisation's inside its summit's), so a query for either country finds the event. English
ordinals stay out of a name ("57th ASEAN Foreign Ministers' Meeting" is the one recurring
meeting); other languages keep theirs, as their labels and press do ("lần thứ 57", "ke-57").

A numbered or coming sitting ("the 26th session of the … Commission", "Kỳ họp lần thứ 18 Ủy ban
hỗn hợp", "la prochaine session de la Commission mixte") is the event, the commission a body
inside it ("next" and "prochaine" only date it, so they stay out of the name).

Only shapes whose head can name nothing else are matched: a "Joint Commission" without a country
pair or "intergovernmental" is as often a standing body (labels list "Joint Committee on …" as
an organisation), and a bare "visit" is a trip, not a named event; an official visit is one
with its destination ("two-day official visit to Mongolia", "chuyến thăm chính thức Nga").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CAP = r"[A-ZÀ-ÝĐ\u1ea0-\u1ef8][\w.’'-]*"
# "Pakistan-Iran", "UAE-India", "Japan-Philippines-United States": names joined by hyphens.
_PAIR = rf"{_CAP}(?:[ \t]?[-–][ \t]?{_CAP})+(?:[ \t]+{_CAP})?"
# A destination or a pair's side: no full stop inside, which would run into the next sentence.
# Vietnamese capitals with two marks ("Ấn Độ") lie in U+1EA0–U+1EF9, upper and lower in turn.
_WORD = r"[A-ZÀ-ÝĐ\u1ea0-\u1ef8][\w’'-]*"
_COUNTRIES = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"

_ORDINAL = (
    r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth"
)

# One party to a joint summit: a country or body, up to four capitalised words ("Gulf
# Cooperation Council"), not a sentence's first function word ("The EU-AU Summit").
_PARTY = (
    r"(?!(?:The|A|An|At|In|On|For|And|Of|During|After|Before|Since)\b)"
    r"[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3}"
)

_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        # "Pakistan-Iran Joint Economic Commission", "Intergovernmental Commission", "the 26th
        # session of the India-Russia Inter-Governmental Commission on Trade, Economic, … and
        # Cultural Cooperation".
        re.compile(
            rf"(?<![\w-])(?P<session>(?:{_ORDINAL}|next)[ \t]+(?:session|meeting)[ \t]+of[ \t]+the"
            r"[ \t]+)?"
            # A sitting names its body whatever its case ("the next session of the
            # Armenian-Iranian intergovernmental commission", "47th meeting of the Laos -
            # Vietnam Intergovernmental Committee"); alone, only a capitalised Commission.
            rf"(?:{_PAIR}[ \t]+)?(?:Joint|Intergovernmental|Inter-[Gg]overnmental"
            r"|(?(session)intergovernmental|(?!)))"
            r"(?:[ \t]+(?:Economic|Trade|Ministerial|Permanent|Bilateral|Cooperation)){0,2}"
            r"[ \t]+(?:Commission|(?(session)(?:[Cc]ommittee|commission)|(?!)))(?![\w-])"
            r"(?P<on>[ \t]+on(?:,?[ \t]+(?:and[ \t]+)?[A-Z][\w-]*)+)?"
        ),
        # "Japan-Philippines "2+2" meeting", "2+2 ministerial dialogue".
        re.compile(
            rf"(?<![\w-])(?:{_PAIR}[ \t]+)?[\"“]?2[ \t]?\+[ \t]?2[\"”]?"
            r"(?:[ \t]+[Mm]inisterial)?[ \t]+(?:[Mm]eeting|[Dd]ialogue|[Tt]alks)s?(?![\w-])"
        ),
        # "China-Japan strategic dialogue": a pair's standing dialogue (a bare "dialogue" is
        # any conversation).
        re.compile(
            rf"(?<![\w-]){_PAIR}[ \t]+(?:[Ss]trategic|[Ss]ecurity|[Ee]conomic|[Mm]aritime)"
            r"[ \t]+[Dd]ialogue(?![\w-])"
        ),
        # "the "Ramstein format" meeting", "Normandy format talks": a standing format's meeting.
        re.compile(
            rf"(?<![\w-])[\"“]?{_WORD}[ \t]+format[\"”]?[ \t]+(?:[Mm]eeting|[Tt]alks|[Ss]ummit)s?"
            r"(?![\w-])"
        ),
        # "the sixth EU-AU Summit", "the first Gulf Cooperation Council–ASEAN–China summit":
        # a summit of parties joined by dashes, counted or not (the count stays out of the
        # name: the sixth and the seventh are one recurring summit).
        re.compile(
            rf"(?<![\w-])(?:(?P<ordinal>{_ORDINAL})[ \t]+)?"
            rf"{_PARTY}(?:[ \t]?[-–—][ \t]?{_PARTY})+[ \t]+(?:trilateral[ \t]+)?[Ss]ummit(?![\w-])"
        ),
        # "a planned trilateral summit", "a trilateral foreign ministers' meeting": three
        # countries' standing summit or meeting, its parties named elsewhere in the story.
        re.compile(
            r"(?<![\w-])trilateral[ \t]+(?:(?:foreign|defen[cs]e)[ \t]+ministers['’][ \t]+"
            r"|leaders['’][ \t]+)?(?:summit|meeting)(?![\w-])"
        ),
        # "the U.S. presidential election", "a snap federal election": an election named by
        # whose or what kind of vote it is ("any election", "a free election" are none).
        re.compile(
            r"(?<![\w-])(?:(?:U\.S\.|[A-Z][\w’'.-]+|snap)[ \t]+)"
            r"(?:(?:presidential|parliamentary|federal|general|legislative|midterm|local)[ \t]+)"
            r"(?:election|referendum)(?![\w-])"
        ),
        # "the earthquake in Mandalay and Sagaing regions": a disaster and the places it
        # struck, named without the word for their kind.
        re.compile(
            r"(?<![\w-])(?P<named>(?:earthquake|floods?|flooding|typhoon|cyclone|tsunami"
            rf"|landslides?|hurricane|wildfires?)[ \t]+in[ \t]+(?:the[ \t]+)?{_WORD}"
            rf"(?:[ \t]+{_WORD})?(?:(?:,[ \t]*|[ \t]+and[ \t]+){_WORD}(?:[ \t]+{_WORD})?){{0,3}})"
            r"(?:[ \t]+(?:regions?|provinces?|states?|prefectures?))?"
        ),
        # "World War Two", "World War II": the capitalised-run finder stops at the number.
        re.compile(r"(?<![\w-])World[ \t]+War[ \t]+(?:One|Two|I|II)(?![\w-])"),
        # "the fourth round of consultations", "12th round of China-India talks": counted
        # rounds are named; "the next round of talks" is not.
        re.compile(
            rf"(?<![\w-])(?:{_ORDINAL})[ \t]+round[ \t]+of[ \t]+(?:{_PAIR}[ \t]+)?"
            r"(?:(?:strategic|political|security|border)[ \t]+)?"
            r"(?:consultations|talks|negotiations|dialogue)(?![\w-])"
        ),
        # "state visit to Astana": English writes the destination apart from the visit's name
        # ("hosted Putin on a state visit to Astana"), so the mention is "state visit" and the
        # place keeps its own. An "official visit" is any minister's trip: not listed.
        re.compile(rf"(?<![\w-])(?P<mention>[Ss]tate[ \t]+visit)[ \t]+to[ \t]+{_COUNTRIES}"),
        # "a two-day official visit to Mongolia": a visit with its length and destination.
        re.compile(
            rf"(?<![\w-])(?:[a-z]+-day[ \t]+)?official[ \t]+visit[ \t]+to[ \t]+{_COUNTRIES}"
        ),
    ),
    "ru": (
        # "очередное заседание Белорусско-вьетнамской межправительственной комиссии по …",
        # "очередного заседания межправительственного комитета по сотрудничеству": the
        # sitting is the event, named "заседание" and its body as written after it (in the
        # genitive whatever the case of "заседание"), the pair's adjective and remit left out.
        re.compile(
            r"(?<![\w-])(?P<sitting>(?:[Оо]чередн[а-яё]+[ \t]+)?[Зз]аседани[а-яё]*[ \t]+)"
            r"(?:[А-ЯЁа-яё][а-яё]+-[а-яё]+(?:ск|цк)[а-яё]+[ \t]+)?"
            r"(?P<body>(?:[Мм]ежправительственн|[Сс]овместн)[а-яё]+[ \t]+"
            r"(?:комисси|комитет)[а-яё]*)"
            r"(?:[ \t]+по(?:[ \t]+[а-яё-]+){0,6}?[ \t]+сотрудничеств[а-яё]*)?"
        ),
        # "межправительственной комиссии по торгово-экономическому и научно-техническому
        # сотрудничеству", "совместной российско-индонезийской комиссии по …".
        re.compile(
            r"(?<![\w-])(?:[Мм]ежправительственн|[Сс]овместн)[а-яё]+"
            r"(?:[ \t]+[а-яё]+-[а-яё]+(?:ск|цк)[а-яё]+)?[ \t]+комисси[а-яё]*"
            r"(?:[ \t]+по(?:[ \t]+[а-яё-]+){0,6}?[ \t]+сотрудничеств[а-яё]*)?"
        ),
        # "5-й раунд российско-китайских консультаций по стратегической стабильности".
        re.compile(
            r"(?<![\w-])\d+-[а-яё]{1,3}[ \t]+раунд[а-яё]*(?:[ \t]+[а-яё]+-[а-яё]+(?:ск|цк)[а-яё]+)?"
            r"[ \t]+(?:консультаций|переговоров|диалога)"
        ),
        # "государственного визита президента России Владимира Путина во Вьетнам".
        re.compile(
            r"(?<![\w-])[Гг]осударственн[а-яё]+[ \t]+визит[а-яё]*"
            r"(?:[ \t]+[\w-]+){0,5}?[ \t]+(?:в|во)[ \t]+[А-ЯЁ][а-яё-]+"
        ),
    ),
    "vi": (
        # "Ủy ban hỗn hợp về hợp tác song phương Việt Nam - Philippines", "Ủy ban liên Chính phủ".
        re.compile(
            r"(?<![\w])(?P<session>Kỳ[ \t]+họp(?:[ \t]+lần[ \t]+thứ[ \t]+\d+)?[ \t]+)?"
            r"(?:Ủy|Uỷ)[ \t]+ban[ \t]+(?:hỗn[ \t]+hợp|liên[ \t]+Chính[ \t]+phủ)"
            r"(?:(?:[ \t]+[a-zà-ỹđ]+){0,6}?"
            rf"[ \t]+{_COUNTRIES}[ \t]+[-–][ \t]+{_COUNTRIES})?"
        ),
        # "Tham vấn Chính trị Việt Nam - Pháp lần thứ 5", "Đối thoại Chiến lược Quốc phòng
        # Việt Nam - Ấn Độ": a pair's consultations or dialogue, its head capitalised as a
        # name's (only a name's first syllable is).
        re.compile(
            r"(?<![\w])(?:Tham[ \t]+vấn|Đối[ \t]+thoại)(?:[ \t]+\w+){0,4}?"
            rf"[ \t]+{_COUNTRIES}[ \t]+[-–][ \t]+{_COUNTRIES}(?:[ \t]+lần[ \t]+thứ[ \t]+\d+)?"
        ),
        # "chuyến thăm cấp Nhà nước tới Việt Nam", "chuyến thăm chính thức Nga".
        re.compile(
            r"(?<![\w])chuyến[ \t]+thăm[ \t]+cấp[ \t]+Nhà[ \t]+nước"
            rf"[ \t]+(?:tới|đến)[ \t]+{_COUNTRIES}"
        ),
        re.compile(
            r"(?<![\w])chuyến[ \t]+thăm[ \t]+chính[ \t]+thức[ \t]+"
            rf"(?:(?:tới|đến)[ \t]+)?{_COUNTRIES}"
        ),
    ),
    "id": (
        # "Komisi Bersama Indonesia-Rusia" (a "Sidang …" before it is a summit's pattern).
        re.compile(rf"(?<![\w-])Komisi[ \t]+Bersama(?:[ \t]+{_PAIR}|[ \t]+{_CAP}){{1,2}}"),
        # "Konsultasi Bilateral Indonesia-Vietnam ke-5", "Dialog Strategis Indonesia-Australia".
        re.compile(
            rf"(?<![\w-])(?:Konsultasi|Dialog|Perundingan)(?:[ \t]+{_WORD}){{0,3}}?[ \t]+{_PAIR}"
            r"(?:[ \t]+ke-\d+)?"
        ),
        # "kunjungan kenegaraan … ke Jakarta".
        re.compile(
            r"(?<![\w-])kunjungan[ \t]+kenegaraan"
            rf"(?:[ \t]+\S+){{0,8}}?[ \t]+ke[ \t]+{_COUNTRIES}"
        ),
    ),
    "fr": (
        # "commission mixte franco-vietnamienne", "Commission intergouvernementale".
        re.compile(
            r"(?<![\w-])(?P<session>(?:(?:prochaine|\d+e)[ \t]+)?session[ \t]+de[ \t]+la[ \t]+)?"
            r"[Cc]ommission[ \t]+(?:mixte|intergouvernementale)(?:[ \t]+mixte)?"
            r"(?:[ \t]+[a-zé]+-[a-zé]+)?"
        ),
        # "un sommet européen": the EU leaders' summit, named by an adjective where English
        # names the EU.
        re.compile(r"(?<![\w-])[Ss]ommets?[ \t]+européens?(?![\w-])"),
        # "visite d'État en Chine".
        re.compile(
            r"(?<![\w-])visite[ \t]+d['’]État"
            rf"[ \t]+(?:en|au|aux|à)[ \t]+{_COUNTRIES}"
        ),
    ),
}
# A word every pattern of the language needs: most passages have none, and skip them all.
_GATES = {
    "en": re.compile(
        r"ommission|ommittee|2 ?\+ ?2|[Ss]tate visit|official visit|[Dd]ialogue|round of|format"
        r"|World War|ummit|trilateral|lection|referendum|arthquake|lood|yphoon|yclone|sunami"
        r"|andslide|urricane|ildfire"
    ),
    "ru": re.compile(r"комисси|комитет|визит|раунд"),
    "vi": re.compile(r"ban|thăm|Tham|Đối"),
    "id": re.compile(r"Komisi|kunjungan|Konsultasi|Dialog|Perundingan"),
    "fr": re.compile(r"[Cc]ommission|[Ss]ommet|visite"),
}
# Malay pages read as Indonesian: the two share these words.
_PATTERNS["ms"] = _PATTERNS["id"]
_GATES["ms"] = _GATES["id"]
_UNDATED = re.compile(r"^(?:next|prochaine)[ \t]+", re.IGNORECASE)
# Words a name never ends on, which a capitalised run may swallow at a sentence's start.
_TRAILING = re.compile(r"(?:[ \t]+(?:In|On|At|The|And|Of|For|Pada|Di|Dan|Dalam|Vào|Trong))+$")


@dataclass(frozen=True)
class NamedEvent:
    """`text[start:end]` names an event, written as it stands."""

    start: int
    end: int
    name: str


def named_events(text: str, language: str | None) -> Iterator[NamedEvent]:
    """Joint commissions, state visits and "2+2" meetings in `text`, in its language."""
    gate = _GATES.get(language or "en")
    if gate is None or not gate.search(text):
        return
    for pattern in _PATTERNS[language or "en"]:
        for match in pattern.finditer(text):
            written = _TRAILING.sub("", match.group()).rstrip(".,;:")
            name = written.replace("“", "").replace("”", "").replace('"', "")
            if "named" in pattern.groupindex:
                yield NamedEvent(match.start(), match.start() + len(written), match["named"])
            elif "sitting" in pattern.groupindex:
                name = f"заседание {match.group('body')}"
                yield NamedEvent(match.start(), match.start() + len(written), name)
            elif "ordinal" in pattern.groupindex and match.group("ordinal"):
                yield NamedEvent(
                    match.start(),
                    match.start() + len(written),
                    name[match.end("ordinal") - match.start() :].lstrip(),
                )
            elif "mention" in pattern.groupindex:
                yield NamedEvent(match.start("mention"), match.end("mention"), name)
            elif "session" in pattern.groupindex and match.group("session"):
                # "the 26th session of the … Commission": the sitting is the event, the
                # commission a body inside it; "next" only dates it, and what the commission
                # is "on" is no part of the sitting's name.
                if "on" in pattern.groupindex and match.group("on"):
                    name = name[: match.start("on") - match.start()]
                yield NamedEvent(
                    match.start(), match.start() + len(written), _sitting_name(name, language)
                )
            else:
                yield NamedEvent(match.start(), match.start() + len(written), name)


def _sitting_name(written: str, language: str | None) -> str:
    """ "next meeting of the Laos - Vietnam Intergovernmental Committee" → "meeting of the
    Laos-Vietnam Intergovernmental Committee" (Vietnamese spaces its pairs: "Việt Nam - Lào")."""
    name = _UNDATED.sub("", written)
    return _SPACED_DASH.sub(r"\1", name) if language in (None, "en") else name


_SPACED_DASH = re.compile(r"(?<=\w)[ \t]+([-–])[ \t]+(?=\w)")


# A visit named by who makes it and where to: "state visit of President Sadyr Japarov to China",
# «визита Ван И в Москву», "kunjungan Presiden Prabowo Subianto ke St Petersburg", "visite
# officielle de … en Belgique"; Vietnamese puts the destination first ("chuyến thăm Trung Quốc
# của Thủ tướng Phạm Minh Chính"). `VISIT_HEADS` end just before the visitor (Vietnamese: the
# destination), `VISIT_LINKS` join the visitor to the destination (Vietnamese: the destination
# to the visitor). The visitor and the place must be a person and a place `entities` found.
VISIT_HEADS: dict[str, re.Pattern[str]] = {
    language: re.compile(pattern, re.IGNORECASE)
    for language, pattern in {
        "en": r"(?<![\w-])(?:[\w]+-day[ \t]+)?(?:(?:state|official|working|first)[ \t]+)?"
        r"visit[ \t]+of[ \t]+",
        "ru": r"(?<![\w-])(?:(?:государственн|официальн|рабоч)\w*[ \t]+)?визит\w*[ \t]+",
        "id": r"(?<![\w-])kunjungan[ \t]+(?:(?:kerja|kenegaraan|resmi)[ \t]+)?",
        "fr": r"(?<![\w-])visite[ \t]+(?:(?:officielle|d['’][ÉE]tat)[ \t]+)?d[eu][ \t]+",
        "vi": r"(?<![\w-])chuyến[ \t]+thăm[ \t]+(?:(?:chính[ \t]+thức|cấp[ \t]+Nhà[ \t]+nước)"
        r"[ \t]+)?(?:tới[ \t]+|đến[ \t]+)?",
    }.items()
}
VISIT_LINKS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"[ \t]+to[ \t]+(?:the[ \t]+)?"),
    "ru": re.compile(r"[ \t]+(?:в|во|на)[ \t]+"),
    "id": re.compile(r"[ \t]+ke[ \t]+"),
    "fr": re.compile(r"[ \t]+(?:à|en|au|aux)[ \t]+"),
    "vi": re.compile(r"[ \t]+của[ \t]+"),
}
# Between the head and the visitor: a role, a title or a country's adjective, no clause.
VISITOR_GAP = re.compile(r"[^\W\d_][\w.’'-]*(?:[ \t]+[^\W\d_][\w.’'-]*){0,6}[ \t]+|")
