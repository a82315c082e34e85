"""Dated diplomatic events — meetings, talks, calls, visits, summits, signings — found at ingest.

One sentence of body text reports at most one event, and only when it has all three:
- a cue: a word such as `met`, `phone talks`, `visited`, `summit`, `signed`, or the name of
  a gathering the entity extractor found (`the 16th EAS` is a summit);
- a date mention of its own: a sentence never borrows a date from its neighbours (only an
  announced event may have none: "will also visit Indonesia, with the dates to be agreed");
- a participant: a person, an organisation or a named gathering, and countries when the
  sentence names no person ("Vietnam and Cambodia signed ..."); not who only tells of it
  ("…, the ministry said", a spokeswoman) when anyone else is named; "The sides agreed to
  hold …" names the parties of the event just told.

Titles and captions never give events (captions are not claims). When a sentence has several
cues the strongest kind wins (`_RANKS`); the date nearest to that cue is the event's date.
An event that a future-tense word places ahead ("will", "was to", "proposed ... be organised",
"scheduled") gets `announced-` before its kind, so digests can list it as coming up; its
date is none when the only one its sentence gives is a past day a later clause gives to a
past verb ("will pay an official visit …, the ministry said on Friday").
The place is a place named as a venue ("in Hanoi", "visited Vietnam", "on Russia visit") near
the cue or the date, the city rather than its country; a phone call has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from briefings import datafiles
from briefings.dates import AGREED_TO_MEET, days_needing_a_dateline, tense_before
from briefings.folding import fold
from briefings.model import DateMention, Event, Mention, PartialDate, Passage
from briefings.sentences import sentence_spans
from briefings.talks import is_talks

ANNOUNCED = "announced-"
# The day of an announced event its sentence does not give (stored as an empty date).
UNDATED = PartialDate()
_Found = TypeVar("_Found", DateMention, Mention)

# Strongest first: a signing or a call is more specific than the visit or meeting around it.
_RANKS = ("signing", "call", "summit", "conference", "talks", "visit", "meeting")

# "Meet" in its other sense: "to meet demand", "met its targets".
_MEET_OTHER = (
    r"\s+(?:(?:the|its|their|growing|rising|increasing)\s+){0,2}(?:demand|need|target|requirement"
    r"|criteri|standard|goal|expectation|deadline|challenge|cost)"
)
_CUE_WORDS = {
    "signing": r"signed|signing|inked|подписал\w*|подписани\w*|signée?s?|signature"
    r"|ký\s+kết|đã\s+ký|menandatangani|penandatanganan",
    "call": r"(?:tele)?phone\s+(?:calls?|conversations?|talks?)|(?:tele)?phoned"
    r"|spoke\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone|video\s+calls?"
    r"|(?:by|over\s+the)\s+(?:tele)?phone|telephone\s+(?:conversations?|talks?)"
    r"|телефонн\w+\s+разговор\w*|entretien\s+téléphonique"
    r"|điện\s+đàm|gọi\s+điện|(?:percakapan|pembicaraan|sambungan)\s+telepon|bertelepon"
    r"|menelepon|melalui\s+telepon",
    "summit": r"summits?|hosting\s+of|саммит\w*|sommets?|hội\s+nghị\s+thượng\s+đỉnh|KTT",
    "conference": r"video\s*-?\s*conferenc(?:e|es|ing)|(?<!news\s)(?<!press\s)conferences?"
    r"|(?<!пресс-)конференци\w*|conférences?(?!\s+de\s+presse)",
    "talks": r"talk(?:s|ed)?\s+with|(?:held|hold|holds|holding)\s+(?:a\s+)?talks?|talks"
    r"|consultations?|переговор\w*|s['’](?:est|sont)\s+entretenu\w*|s['’]entreten\w+"
    r"|entretiens?|pourparlers|hội\s+đàm|pembicaraan|perundingan"
    # "the next round of the strategic dialogue": a dialogue's round is talks.
    r"|(?:strategic\s+|security\s+|political\s+)?dialogues?|rounds?\s+of"
    # the same in Russian, Vietnamese and Indonesian: consultations, dialogue, a round of them
    r"|консультаци\w*|диалог\w*|раунд\w*|tham\s+vấn|đối\s+thoại"
    r"|vòng\s+(?:đàm\s+phán|tham\s+vấn|đối\s+thoại|tiếp\s+theo)|konsultasi|dialog|putaran",
    "visit": r"visit(?:s|ed|ing)?|trip\s+to|tour\s+of|travel(?:s|led|ed|ling|ing)?\s+to"
    r"|arriv(?:e|es|ed|ing)\s+in|визит\w*|посети\w*|прибыл\w*|visites?"
    r"|s['’](?:est|sont)\s+rendue?s?|arrivée?s?\s+(?:à|au|en)"
    r"|(?:chuyến\s+)?thăm|kunjungan|berkunjung|mengunjungi",
    "meeting": rf"meet(?:s|ing|ings)?(?!{_MEET_OTHER})|met|co-?chair(?:s|ed|ing)?|hosted"
    r"|attend(?:s|ed|ing)?|встрети\w*|встреч\w*|rencontr\w*|réuni\w*"
    r"|gặp|hội\s+kiến|tiếp\s+(?:đón|kiến)|bertemu|pertemuan"
    # a formal session (of a joint commission): заседание, kỳ họp / phiên họp, sidang
    r"|заседани\w*|kỳ\s+họp|phiên\s+họp|sidang",
}
# Every cue starts with one of these letters: the lookahead lets the engine skip other words
# before trying thirty alternatives (2.5 times faster over a whole article). Russian, French,
# Vietnamese and Indonesian cues add their initials (`переговоры`, `rencontré`, `điện đàm`,
# `gặp`, `kunjungan`, `bertemu`, `KTT`, `заседание`, `диалог`, `раунд`).
_CUE_INITIALS = "abcdghikmpstverđпвсткздр"
_CUE = re.compile(
    rf"\b(?=[{_CUE_INITIALS}])(?:"
    + "|".join(f"(?P<{kind}>{_CUE_WORDS[kind]})" for kind in _RANKS)
    + r")\b",
    re.IGNORECASE,
)

_FUTURE = re.compile(
    r"\b(?:will|would|shall|(?:is|are|was|were)\s+(?:set\s+|due\s+)?to|scheduled|slated"
    r"|plan(?:s|ned)?\s+to|planned|proposed|upcoming|forthcoming|expected\s+to"
    r"|to\s+be\s+(?:held|organi[sz]ed|convened)|next\s+(?:week|month|year)"
    r"|later\s+this\s+(?:week|month|year)"
    r"|support(?:s|ed)?\s+(?:to|for)\s+\S+\s+(?:hosting|chairmanship|chairing)"
    # Russian and Vietnamese: "will be", "will take place", "planned", "upcoming".
    r"|будет|будут|состоит?ся|пройд[её]т|запланирован\w*|намечен\w*|предстоящ\w*"
    r"|sẽ|sớm|dự\s+kiến|sắp\s+tới"
    # Russian perfective futures that announce a visit by themselves: "посетит", "нанесёт визит"
    r"|посетит|посетят|нанес[её]т|нанесут"
    # "accepted an invitation to visit"
    r"|invitations?\s+to"
    # French: must, will (be), will take place, planned, next
    r"|doit|doivent|(?:se\s+)?rendr(?:a|ont)|rencontrer(?:a|ont)|s['’]entretiendr(?:a|ont)"
    r"|visiter(?:a|ont)|devrait|sera|seront|aura\s+lieu|prévue?s?|prochaine?s?"
    # Indonesian "will", "plans to"; and agreeing to meet again, in every wire language.
    r"|akan|berencana" + AGREED_TO_MEET + r")\b",
    re.IGNORECASE,
)
# A cue in a past form tells something done ("will implement the agreements signed"), never
# what a future word before it announces.
_DONE = re.compile(r"\w+ed\b|\b(?:met|held|spoke)\b", re.IGNORECASE)
# The future word must sit in the event's own clause: a comma or a dash ends the clause before.
_CLAUSE_BREAK = re.compile(r"[,;:—–]")
# A date in a clause opened by "since" starts a period the sentence looks back over
# ("the first since Putin's visit in June"): not the date of what it reports.
_SINCE = re.compile(r"\b(?:since|depuis|kể\s+từ|с\s+тех\s+пор)\b", re.IGNORECASE)

# An opening phrase that points back at the event just told, in each wire language: a
# preposition, then (in English and French) a determiner; the cue follows.
_BACK_REFERENCE = re.compile(
    r"(?:(?:during|in|at|after|following|throughout|on\s+the\s+sidelines\s+of)\s+"
    r"(?:the|this|that|these|those|their|both)"
    r"|(?:lors|au\s+cours|à\s+l['’]issue|pendant)\s+(?:de\s+(?:la|l['’]|cet|cette|ce|ces|leur)|du|des)"
    r"|в\s+ходе|во\s+время|на|после|по\s+итогам"
    r"|(?:tại|trong|sau|qua)(?:\s+(?:các\s+)?(?:cuộc|buổi|chuyến))?"
    r"|dalam|pada|usai|seusai|setelah|selama)"
    r"(?:\s+[^\W\d_]+){0,2}\s*\Z",
    re.IGNORECASE,
)
# At most this many characters between the cue and the comma that ends the opening phrase
# ("Dalam pembicaraan tersebut,", "During the talks in Jakarta,").
_BACK_REFERENCE_TAIL = 24

# What makes a place the event's location: "in Hanoi", "at", "visited Vietnam", "trip to Moscow".
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|visit(?:s|ed|ing)?(?:\s+to)?|trip\s+to|way\s+to|tour\s+of"
    r"|(?:travel(?:s|led|ed|ling|ing)?|fl(?:y|ew|ies)|go(?:es|ing)?|went|came|comes?)\s+to)"
    r"\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_LOCATIVE_AFTER = re.compile(r"\s+visit\b", re.IGNORECASE)  # "on Russia visit"
_APPOSITION = re.compile(r",\s*")  # "in Chongqing, China"
_LOOKBEHIND = 24
# A place further than this from both the cue and the date is about something else
# ("talked with Prak Sokhonn on ... the livelihood of people ... in Cambodia").
_PLACE_REACH = 48
# "The event was co-chaired by ...": a sentence adding people to the event just reported.
_JOINER = re.compile(
    r"(?:The|This|That)\s+(?:event|meeting|talks|summit|conference|videoconference|visit|session)"
    r"\s+(?:was|were|is)\s+(?:also\s+)?(?:co-?chaired|chaired|attended|hosted|joined)\s+by\b",
    re.IGNORECASE,
)
# Who tells the news rather than makes it: "…, the ministry said", "according to the ministry".
_SAYS = re.compile(
    r"\s+(?:said|says|announced|reported|stated|added|noted|told|сообщил\w*|заявил\w*"
    r"|cho\s+biết|thông\s+báo|mengatakan|menyatakan|a\s+(?:indiqué|annoncé|déclaré))\b",
    re.IGNORECASE,
)
_SPOKESPERSON_WORDS = (
    r"spokes(?:man|woman|person)|press\s+secretary|пресс-секретар\w*|người\s+phát\s+ngôn"
    r"|juru\s+bicara|porte-parole"
)
_SPOKESPERSON = re.compile(rf"\b(?:{_SPOKESPERSON_WORDS})\s+$", re.IGNORECASE)  # before a name
_SPOKESPERSON_OF = re.compile(rf"\s+(?:{_SPOKESPERSON_WORDS})\b", re.IGNORECASE)  # after a body
_ACCORDING_TO = re.compile(
    r"\b(?:according\s+to|citing|по\s+данным|по\s+словам|theo|menurut|selon)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# How many paragraphs after its event such a sentence may come.
_JOIN_REACH = 2
# A subject that refers back to the parties of the event just told, in the wire languages.
_BOTH_SIDES = re.compile(
    r"\s*(?:(?:The|Both)\s+(?:two\s+)?(?:sides|parties|ministers|foreign\s+ministers|leaders"
    r"|presidents|prime\s+ministers|delegations|counterparts)|They"
    r"|(?:Обе\s+)?(?:Стороны|Министры)|Hai\s+(?:bên|Bộ\s+trưởng|nhà\s+lãnh\s+đạo|đoàn)"
    r"|Kedua\s+(?:pihak|menteri|pemimpin|delegasi)|Les\s+deux\s+(?:parties|ministres|dirigeants)"
    r"|Les\s+(?:parties|ministres))\b"
)
_PARTICIPANT_KINDS = frozenset({"person", "organization", "event"})
# The wire agencies (boilerplate/outlets.txt, which cleaning reads for credits and sign-offs).
WIRE_AGENCIES = frozenset(fold(name) for name in datafiles.lines("boilerplate/outlets.txt"))
_PLACELESS_KINDS = frozenset({"call"})


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str

    @property
    def rank(self) -> int:
        return _RANKS.index(self.kind)


@dataclass(frozen=True)
class _Sentence:
    passage: int
    text: str  # the whole passage: offsets stay the passage's own
    start: int
    end: int
    dates: tuple[DateMention, ...]
    mentions: tuple[Mention, ...]
    # It names a day ("on Saturday") that the article, having no day of its own, cannot place.
    unplaced_day: bool = False


def find_events(
    passages: Sequence[Passage],
    dates: Sequence[tuple[int, DateMention]],
    mentions: Sequence[Mention],
    published: PartialDate | None = None,
    reporters: Iterable[str] = (),
    language: str = "en",
) -> tuple[Event, ...]:
    """The dated diplomatic events the body sentences of one article report; `reporters`
    names the outlets that report it (its own, its dateline's agency), which never take
    part, any more than the wire agencies do ("talks with Vietnam News Agency").

    An article with no day of its own cannot place "on Saturday": what such a sentence
    reports as done is kept with no date rather than lost."""
    dates_in = _by_passage(dates)
    unplaced = published is None or published.precision != "day"
    reporting = WIRE_AGENCIES | {fold(name) for name in reporters}
    taking_part = [m for m in mentions if not _reports(m, reporting)]
    mentions_in = _by_passage((m.passage, m) for m in taking_part)
    events: list[Event] = []
    for index, passage in enumerate(passages):
        # Most paragraphs carry no date and no future word: a sentence with neither tells no
        # event (with a future word alone, an announced one whose day is not given).
        dated = dates_in.get(index, [])
        days = days_needing_a_dateline(passage.text, language) if unplaced else []
        if passage.kind != "body" or not (dated or days or _FUTURE.search(passage.text)):
            continue
        named = mentions_in.get(index, [])
        for sentence in _sentences(index, passage.text, dated, named, days):
            event = _event(sentence, published, events[-1] if events else None)
            if event is not None:
                events.append(event)
    return tuple(_with_joiners(events, passages, mentions_in))


def _reports(mention: Mention, reporting: frozenset[str] | set[str]) -> bool:
    """Whether an organisation named is one reporting the news rather than making it."""
    if mention.entity.kind != "organization":
        return False
    return fold(mention.entity.name) in reporting or fold(mention.surface) in reporting


def _with_joiners(
    events: list[Event], passages: Sequence[Passage], mentions_in: dict[int, list[Mention]]
) -> list[Event]:
    """Add who "co-chaired" or "attended" "the event" in a later sentence to that event."""
    for index, passage in enumerate(passages):
        if passage.kind != "body":
            continue
        for start, end in sentence_spans(passage.text):
            if not _JOINER.match(passage.text, start, end):
                continue
            earlier = [i for i, e in enumerate(events) if (e.passage, e.start) < (index, start)]
            if not earlier or index - events[earlier[-1]].passage > _JOIN_REACH:
                continue
            event = events[earlier[-1]]
            named = [
                m.entity.name
                for m in mentions_in.get(index, [])
                if start <= m.start and m.end <= end and m.entity.kind in ("person", "organization")
            ]
            joined = tuple(dict.fromkeys([*event.participants, *named]))
            events[earlier[-1]] = replace(event, participants=joined)
    return events


def _by_passage(found: Iterable[tuple[int, _Found]]) -> dict[int, list[_Found]]:
    grouped: dict[int, list[_Found]] = {}
    for index, item in found:
        grouped.setdefault(index, []).append(item)
    return grouped


def _sentences(
    index: int,
    text: str,
    dates: Sequence[DateMention],
    mentions: Sequence[Mention],
    days: Sequence[tuple[int, int]] = (),
) -> Iterable[_Sentence]:
    for start, end in sentence_spans(text):
        inside = tuple(d for d in dates if start <= d.start and d.end <= end)
        unplaced = any(start <= day_start and day_end <= end for day_start, day_end in days)
        if inside or unplaced or _FUTURE.search(text, start, end):
            named = tuple(m for m in mentions if start <= m.start and m.end <= end)
            yield _Sentence(index, text, start, end, inside, named, unplaced)


def _event(
    sentence: _Sentence, published: PartialDate | None, before: Event | None
) -> Event | None:
    cue = _strongest_cue(sentence)
    told = _kind_and_date(sentence, cue, published) if cue is not None else None
    if cue is None or told is None:
        return None
    kind, date = told
    locatives = _locatives(sentence)
    # "The sides agreed to hold the next round …": the parties just told announce their own
    # next meeting, whoever else the sentence names.
    back = _the_same(sentence, before)
    named = _participants(sentence, locatives)
    participants = (back if kind.startswith(ANNOUNCED) else ()) or named or back
    if not participants:
        return None
    return Event(
        passage=sentence.passage,
        start=sentence.start,
        end=sentence.end,
        kind=kind,
        date=date.date if date else UNDATED,
        until=date.until if date else None,
        place=None if cue.kind in _PLACELESS_KINDS else _place(locatives, cue, date),
        participants=participants,
    )


def _kind_and_date(
    sentence: _Sentence, cue: _Cue, published: PartialDate | None
) -> tuple[str, DateMention | None] | None:
    """The event's kind, `announced-` when it lies ahead, and the date that dates it: none
    for an announced event whose day the sentence does not give; None for no event."""
    text = sentence.text
    if not sentence.dates:
        ahead = _DONE.search(text, cue.start, cue.end) is None and placed_ahead(
            text, sentence.start, cue.start, cue.end
        )
        if ahead:
            # "Volkov will also visit Indonesia, with the dates to be agreed"
            return ANNOUNCED + cue.kind, None
        return (cue.kind, None) if sentence.unplaced_day else None
    own = [d for d in sentence.dates if not in_since_clause(text, sentence.start, d.start)]
    if not own:
        return None
    date = min(own, key=lambda d: _gap(d, cue))
    if not _is_announced(sentence, cue, date):
        return cue.kind, date
    if not is_past(date.date, published):
        return ANNOUNCED + cue.kind, date
    if _said_on(sentence, cue, date):
        # "will pay an official visit …, the ministry said after the call on Friday": the past
        # day is the saying's; the visit lies ahead on a day the sentence does not give.
        return ANNOUNCED + cue.kind, None
    # A day on or before the article's own has happened when it is read, whatever the tense.
    return cue.kind, date


def _said_on(sentence: _Sentence, cue: _Cue, date: DateMention) -> bool:
    """Whether the past `date` is when the future event of `cue` was told: the cue is placed
    ahead in its own clause ("will pay a visit"), and a later clause dates a past verb
    ("…, the ministers confirmed on Friday")."""
    text = sentence.text
    return (
        _DONE.search(text, cue.start, cue.end) is None
        and placed_ahead(text, sentence.start, cue.start, cue.end)
        and _CLAUSE_BREAK.search(text, cue.end, date.start) is not None
        and tense_before(text, sentence.start, date.start) is False
    )


def _the_same(sentence: _Sentence, before: Event | None) -> tuple[str, ...]:
    """When the sentence's subject refers back to the parties of the event just told ("The
    ministers agreed to hold the next round …", "Both sides …"): they, with anyone the
    sentence names besides (but not its countries: the parties stand for them)."""
    if before is None or sentence.passage - before.passage > _JOIN_REACH:
        return ()
    if not _BOTH_SIDES.match(sentence.text, sentence.start):
        return ()
    named = [m.entity.name for m in sentence.mentions if _takes_part(m)]
    return tuple(dict.fromkeys([*before.participants, *named]))


def _strongest_cue(sentence: _Sentence) -> _Cue | None:
    cues = [*_word_cues(sentence), *_gathering_cues(sentence.mentions)]
    told = [cue for cue in cues if not _looks_back(sentence, cue)]
    return min(told, key=lambda cue: cue.rank, default=None)


def _looks_back(sentence: _Sentence, cue: _Cue) -> bool:
    """Whether `cue` sits in an undated opening phrase that points back to an event already
    told ("During the talks, …", "Dalam pembicaraan tersebut, …", "В ходе переговоров, …"):
    the sentence tells what happened in it, or what it announced, not a new event."""
    text = sentence.text
    if not _BACK_REFERENCE.match(text[sentence.start : cue.start]):
        return False
    opening = _CLAUSE_BREAK.search(text, cue.end, sentence.end)
    if opening is None or opening.start() - cue.end > _BACK_REFERENCE_TAIL:
        return False
    return not any(date.start < opening.start() for date in sentence.dates)


def _word_cues(sentence: _Sentence) -> Iterable[_Cue]:
    for match in _CUE.finditer(sentence.text, sentence.start, sentence.end):
        kind = match.lastgroup
        if kind is not None:
            yield _Cue(match.start(), match.end(), kind)


def _gathering_cues(mentions: Iterable[Mention]) -> Iterable[_Cue]:
    """Named gatherings count as cues even when written as an acronym (`EAS`, `ASEM`)."""
    for mention in mentions:
        if mention.entity.kind == "event":
            kind = gathering_kind(mention.entity.name)
            if kind is not None:
                yield _Cue(mention.start, mention.end, kind)


def gathering_kind(name: str) -> str | None:
    """The event kind a gathering's name gives: `East Asia Summit` → `summit`, else None."""
    kinds = [match.lastgroup for match in _CUE.finditer(name) if match.lastgroup]
    return min(kinds, key=_RANKS.index, default=None)


def _gap(one: _Span, other: _Span) -> int:
    """Characters between two spans of the same passage; 0 when they touch or overlap."""
    return max(one.start - other.end, other.start - one.end, 0)


def _is_announced(sentence: _Sentence, cue: _Cue, date: DateMention) -> bool:
    first, last = min(cue.start, date.start), max(cue.end, date.end)
    return placed_ahead(sentence.text, sentence.start, first, last)


def is_past(date: PartialDate, published: PartialDate | None) -> bool:
    """`date` is over by the day `published` (both with a year): a day on or before it, a
    month or a year before its own."""
    if published is None or published.year is None or date.year is None:
        return False
    if date.month is None or published.month is None:
        return date.year < published.year
    if date.day is None or published.day is None:
        return (date.year, date.month) < (published.year, published.month)
    return (date.year, date.month, date.day) <= (published.year, published.month, published.day)


def in_since_clause(text: str, sentence_start: int, start: int) -> bool:
    """Whether the date at `text[start:]` stands in a "since …" clause."""
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence_start, start))
    clause = breaks[-1].end() if breaks else sentence_start
    return _SINCE.search(text, clause, start) is not None


def placed_ahead(text: str, sentence_start: int, first: int, last: int) -> bool:
    """Whether a future-tense word in the clause of `text[first:last]`, before `last`,
    places what it tells ahead ("will visit ... in November", "scheduled for")."""
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence_start, first))
    clause = breaks[-1].end() if breaks else sentence_start
    return _FUTURE.search(text, clause, last) is not None


def _locatives(sentence: _Sentence) -> list[Mention]:
    """Places named as where something happens, with the country that follows a city."""
    found: list[Mention] = []
    for mention in sentence.mentions:
        if mention.entity.kind != "place":
            continue
        follows = bool(found) and _APPOSITION.fullmatch(sentence.text, found[-1].end, mention.start)
        if follows or _is_locative(sentence.text, mention):
            found.append(mention)
    return found


def _is_locative(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - _LOOKBEHIND) : mention.start]
    return bool(_LOCATIVE_BEFORE.search(before) or _LOCATIVE_AFTER.match(text, mention.end))


def _participants(sentence: _Sentence, locatives: Sequence[Mention]) -> tuple[str, ...]:
    """Canonical names in order of first mention; countries only when no person is named; an
    organisation telling the news ("…, the Russian Foreign Ministry said") only when no one
    else is named."""
    mentions = sentence.mentions
    with_people = any(m.entity.kind == "person" for m in mentions)
    taking = [
        m
        for m in mentions
        if _takes_part(m) or (not with_people and _is_country(m) and m not in locatives)
    ]
    acting = [m for m in taking if not _tells(sentence.text, m)]
    return tuple(dict.fromkeys(m.entity.name for m in acting or taking))


def _tells(text: str, mention: Mention) -> bool:
    """Whether an organisation, or a spokesperson, is named as the one saying what the
    sentence reports ("…, Foreign Ministry spokeswoman Pham Thu Hang said")."""
    before = text[max(0, mention.start - _LOOKBEHIND) : mention.start]
    if mention.entity.kind == "person":
        return _SPOKESPERSON.search(before) is not None
    if mention.entity.kind != "organization":
        return False
    return bool(
        _SAYS.match(text, mention.end)
        or _SPOKESPERSON_OF.match(text, mention.end)
        or _ACCORDING_TO.search(before)
    )


def _takes_part(mention: Mention) -> bool:
    """People, organisations and gatherings (`the 16th EAS`); a named visit ("official visit
    to Vietnam") is what someone does, not someone taking part; so are the talks of the two
    people a story names most (`talks.py`)."""
    if mention.entity.kind == "event":
        if is_talks(mention.entity.description):
            return False
        return gathering_kind(mention.entity.name) != "visit"
    return mention.entity.kind in _PARTICIPANT_KINDS


def _is_country(mention: Mention) -> bool:
    return mention.entity.kind == "place" and mention.entity.country == mention.entity.name


def _place(locatives: Sequence[Mention], cue: _Cue, date: DateMention | None = None) -> str | None:
    """The locative place nearest the cue; a city over its country ("in Chongqing, China")."""
    near = [m for m in locatives if min(_gap(m, cue), _gap(m, date or cue)) <= _PLACE_REACH]
    if not near:
        return None
    nearest = min(near, key=lambda m: _gap(m, cue))
    if _is_country(nearest):
        cities = (m for m in locatives if not _is_country(m))
        inside = next((m for m in cities if m.entity.country == nearest.entity.name), None)
        return (inside or nearest).entity.name
    return nearest.entity.name
