"""Organisations named in Indonesian and French by the word that heads their name.

English names a body with its head word among capitalised words ("Foreign Ministry",
"Ministry of Defence"), which `entities` reads from capitalised runs. Indonesian puts the head
first and capitalises every word after it ("Kementerian Kelautan dan Perikanan", "Badan
Intelijen Negara"); French capitalises only the head, but a proper name after "de" keeps its
capitals ("Université de Gadjah Mada", "Banque de France"). Vietnamese capitalises the first
syllable of each word group after the head ("Bộ Ngoại giao", "Ủy ban Công tác Đối ngoại Trung
ương", "Quốc hội Indonesia"), read by `vietnamese_bodies`; Russian capitalises only the first
word ("Министерство обороны"), or none, and names a body by its head noun and a complement
in the genitive ("Совет безопасности России"), read by `russian_bodies` with pymorphy3.
Indonesian names buildings, islands and rivers the same way ("Gedung Pancasila", "Pulau
Natuna").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

from briefings.foreign_names import analyzer
from briefings.gazetteer.languages import names_language

# Head words of bodies, as each language writes them at the start of a name.
_HEADS = {
    "id": "Kementerian Badan Dewan Komisi Partai Universitas Majelis Mahkamah Lembaga Bank"
    " Angkatan Kepolisian Kejaksaan Otoritas Sekretariat",
    "fr": "Université Conseil Commission Parlement Assemblée Banque Agence Cour Parti Fondation"
    " Institut Ministère Organisation",
}
# Head words of places, where a language names them the same way: "Gedung Pancasila",
# "Istana Merdeka", "Pulau Natuna", "Sungai Golok".
_PLACE_HEADS = {
    "id": "Gedung Istana Pulau Kepulauan Selat Teluk Sungai Provinsi Gunung Bandara Pelabuhan",
}
# Lower-case words a name may hold between capitalised ones.
_CONNECTORS = {"id": r"dan|untuk", "fr": r"de\s+la|de|du|des|d['’]|pour|et"}
# French needs a proper name after a connector: "Conseil de sécurité" names no one here.
_NAME_AFTER_CONNECTOR = {"fr"}
_MOST_WORDS = 6


@cache
def _patterns(
    language: str, kind: str = "organization"
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    heads = (_PLACE_HEADS if kind == "place" else _HEADS).get(language)
    connectors = _CONNECTORS.get(language)
    if heads is None or connectors is None:
        return None
    # French writes the head in lower case mid-sentence: "l'université de Gadjah Mada".
    flags = "(?i:" if language in _NAME_AFTER_CONNECTOR else "(?:"
    head = re.compile(rf"(?<![\w-]){flags}{'|'.join(heads.split())})(?![\w-])")
    step = re.compile(
        rf"(?:[ \t]+(?P<connector>{connectors})(?:[ \t]+|(?<=['’])))?"
        rf"[ \t]*(?P<word>[^\W\d_][\w’'-]*)"
    )
    return head, step


def bodies(
    text: str, language: str | None, kind: str = "organization"
) -> Iterator[tuple[int, int]]:
    """Spans of organisation names (or, of `kind` "place", places) headed by a head word of
    `language`."""
    patterns = _patterns(names_language(language or ""), kind)
    if patterns is None:
        return
    for match in patterns[0].finditer(text):
        end = _name_end(text, match.end(), patterns, language in _NAME_AFTER_CONNECTOR)
        if end > match.end():
            yield match.start(), end


def _name_end(
    text: str,
    position: int,
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    connector_first: bool,
) -> int:
    """Where the capitalised words after a head word end (`position` when there are none);
    "and" before another head word joins two bodies: "Badan … dan Kementerian …"."""
    head, step = patterns
    end = position
    for count in range(_MOST_WORDS):
        found = step.match(text, end)
        if found is None or not found["word"][0].isupper():
            break
        if found["connector"] and head.fullmatch(found["word"]):
            break
        if connector_first and count == 0 and not found["connector"]:
            break
        end = found.end()
    return end


# Vietnamese head words of bodies: ministry, committee, board, national assembly, military
# commission, council, office, embassy, consulate, bank, news agency, party, institute, court,
# department, academy, association, group, organisation.
_VIETNAMESE_HEAD = re.compile(
    r"(?<![\w])(?:Bộ|Ủy ban|Uỷ ban|Ban|Quốc hội|Quân ủy|Quân uỷ|Hội đồng|Văn phòng|Đại sứ quán"
    r"|Tổng lãnh sự quán|Lãnh sự quán|Ngân hàng|Thông tấn xã|Đảng|Viện|Tòa án|Toà án|Duma"
    r"|Tổng cục|Cục|Học viện|Hiệp hội|Tập đoàn|Tổ chức|Khu công nghiệp)(?![\w])"
)
# "liên" (inter-) may stand in lower case between the head and the name's first capital:
# "Ủy ban liên Chính phủ Việt Nam - Nga".
_VIETNAMESE_PREFIX = re.compile(r"[ \t]+liên(?=[ \t]+[^\W\d_a-zđ])")
# Missions name the city or country they sit in: "Đại sứ quán Việt Nam tại Nga".
_VIETNAMESE_MISSION = re.compile(r"(?:Đại sứ quán|Tổng lãnh sự quán|Lãnh sự quán)$")
_SEATED_IN = re.compile(r"[ \t]+tại[ \t]+")
# "Bộ" is also a set: "Bộ Quy tắc ứng xử" (the code of conduct) is no ministry.
_SET_OF_RULES = re.compile(r"Bộ[ \t]+(?:Quy|Nguyên)[ \t]+tắc", re.IGNORECASE)
# Vietnamese syllables have at most seven letters and no f, j, w, z: a longer or such word
# starts a foreign name ("Duma Quốc gia Vyacheslav Volodin"), unless written as an acronym.
_FOREIGN_SYLLABLE = re.compile(r"[^\W\d_]{8,}|.*[fjwzFJWZ]")
_SYLLABLE = re.compile(r"[ \t]+([^\W\d_][\w]*)")
_PLACE_SYLLABLES = 3
_WORDS_BEFORE_PAIR = re.compile(r"(?:[ \t]+[^\W\d_A-ZĐ][\w]*){0,4}[ \t]+(?=[^\W\d_])")
_PAIR_DASH = re.compile(r"[ \t]*[-–][ \t]*")


def vietnamese_bodies(
    text: str, is_place: Callable[[str], bool], is_function_word: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    """Spans of Vietnamese bodies: a head word, then word groups whose first syllable is
    capitalised, closed by a place when one follows ("Bộ Quốc phòng Việt Nam")."""
    for head in _VIETNAMESE_HEAD.finditer(text):
        if _SET_OF_RULES.match(text, head.start()):
            continue
        prefix = _VIETNAMESE_PREFIX.match(text, head.end())
        name_start = prefix.end() if prefix else head.end()
        end = _vietnamese_name_end(text, name_start, is_place, is_function_word)
        if end > name_start:
            yield (
                head.start(),
                _seat(text, end, is_place) if _VIETNAMESE_MISSION.match(head.group()) else end,
            )


def _vietnamese_name_end(
    text: str,
    position: int,
    is_place: Callable[[str], bool],
    is_function_word: Callable[[str], bool],
) -> int:
    # A lower-case syllable may follow only the syllable opening a group ("Quốc phòng"),
    # never a name's last ("Việt Nam đã").
    end, at_group_start, group_opened = position, True, False
    while (found := _SYLLABLE.match(text, end)) is not None:
        syllable = found[1]
        if syllable[0].isupper():
            # The party a body belongs to starts a body of its own: "Ủy ban Công tác Đối ngoại
            # Trung ương" | "Đảng Cộng sản Trung Quốc".
            if syllable == "Đảng" and at_group_start and end > position:
                break
            place_end = _place_at(text, found.start(1), is_place)
            if place_end is not None:
                return _second_of_pair(text, place_end, is_place)
            if _FOREIGN_SYLLABLE.match(syllable) and not syllable.isupper():
                break
            end, group_opened, at_group_start = found.end(), at_group_start, False
        elif group_opened and not is_function_word(syllable):
            end, group_opened, at_group_start = found.end(), False, True
        else:
            return _pair_end(text, end, is_place) if end > position else end
    return end


def _pair_end(text: str, end: int, is_place: Callable[[str], bool]) -> int:
    """Past the two countries a joint body is of: "Ủy ban Chỉ đạo hợp tác song phương Việt Nam
    - Trung Quốc"; `end` when no pair follows within a few lower-case words."""
    words = _WORDS_BEFORE_PAIR.match(text, end)
    first = _place_at(text, words.end(), is_place) if words else None
    dash = _PAIR_DASH.match(text, first) if first is not None else None
    second = _place_at(text, dash.end(), is_place) if dash else None
    return second if second is not None else end


def _second_of_pair(text: str, end: int, is_place: Callable[[str], bool]) -> int:
    """Past the second country when a dash pairs it with the first: "Việt Nam - Nga"."""
    dash = _PAIR_DASH.match(text, end)
    second = _place_at(text, dash.end(), is_place) if dash else None
    return second if second is not None else end


def _seat(text: str, end: int, is_place: Callable[[str], bool]) -> int:
    """Past the place a mission sits in, when "tại" names one."""
    seated = _SEATED_IN.match(text, end)
    place = _place_at(text, seated.end(), is_place) if seated else None
    return place if place is not None else end


def _place_at(text: str, start: int, is_place: Callable[[str], bool]) -> int | None:
    """The end of a place named from `start` in up to three capitalised syllables."""
    ends = [m.end() for m in re.finditer(r"[^\W\d_][\w]*", text[start : start + 40])]
    for count in range(min(_PLACE_SYLLABLES, len(ends)), 0, -1):
        words = text[start : start + ends[count - 1]]
        if all(word[0].isupper() for word in words.split()) and is_place(words):
            return start + ends[count - 1]
    return None


# Russian bodies by their head noun's lemma: ministry, council, committee, commission,
# administration, embassy, consulate, government, agency, party, parliament, duma,
# politburo, secretariat, directorate, department, assembly, chamber, academy, institute,
# university, organisation. The next six mean a body only when capitalised ("Группа
# двадцати", "Центр АСЕАН МГИМО"), being ordinary nouns otherwise ("группа экспертов").
_RUSSIAN_HEADS = frozenset(
    "министерство совет комитет комиссия администрация посольство консульство генконсульство"
    " правительство агентство партия парламент дума политбюро секретариат управление"
    " департамент ассамблея собрание палата академия институт университет организация".split()
)
_RUSSIAN_CAPITAL_HEADS = frozenset("группа центр союз фонд банк служба".split())
_RUSSIAN_STEMS = re.compile(
    r"(?<![\w-])(?:ЦК|(?i:министерств|совет|комитет|комисси|администраци|посольств|консульств"
    r"|генконсульств|правительств|агентств|парти|парламент|дум|политбюро|секретариат|управлени"
    r"|департамент|ассамбле|собрани|палат|академи|институт|университет|организаци|групп|центр"
    r"|союз|фонд|банк|служб)[а-яё]*)(?![\w-])"
)
_RUSSIAN_WORD = re.compile(r"[ \t]+([^\W\d_][\w-]*)")
_SEATED = frozenset({"посольство", "консульство", "генконсульство"})
_RUSSIAN_MOST_WORDS = 5
_NOT_COMPLEMENTS = ("NPRO", "PREP", "CONJ", "PRCL", "VERB", "INFN", "ADVB", "PRED")


def russian_bodies(text: str, is_place: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """Spans of Russian bodies: a head noun, then its complement in the genitive holding a
    name or an acronym ("Совета безопасности России", "администрации Приморского края",
    "посольство КНР", "Политбюро ЦК КПК"); a capitalised adjective before it is its own
    ("Генеральное консульство Китая во Владивостоке")."""
    for head in _RUSSIAN_STEMS.finditer(text):
        lemma = _lemma(head.group())
        capitalised = head.group()[0].isupper()
        capital_head = lemma in _RUSSIAN_CAPITAL_HEADS and capitalised
        if head.group() != "ЦК" and lemma not in _RUSSIAN_HEADS and not capital_head:
            continue
        end, named_end = _russian_name_end(text, head.end(), lemma in _SEATED, is_place)
        # "Группе двадцати": a head capitalised mid-sentence names a body by lower-case words.
        if named_end == head.end() and capitalised and _mid_sentence(text, head.start()):
            named_end = end
        # "агентство ИТАР": an agency's word only introduces its name, which the acronym is.
        if lemma == "агентство" and text[head.end() : named_end].strip().isupper():
            continue
        start = _adjectives_before(text, head.start())
        # "Национального статистического комитета", "Государственной Думе": the capital of the
        # adjective opening the name, mid-sentence or before a capitalised head, marks a name.
        by_adjective = start < head.start() and (capitalised or _mid_sentence(text, start))
        if named_end == head.end() and by_adjective:
            # … with its lower-case complement: "Шанхайской организации сотрудничества".
            named_end = end
        if named_end > head.end() or by_adjective:
            if lemma in _TOPICAL_HEADS:
                named_end = _topic_end(text, named_end)
            yield start, named_end


def _russian_name_end(
    text: str, position: int, seated: bool, is_place: Callable[[str], bool]
) -> tuple[int, int]:
    """Where the head's genitive complement ends, and where its last name or acronym does."""
    end = named_end = position
    for _ in range(_RUSSIAN_MOST_WORDS):
        found = _RUSSIAN_WORD.match(text, end)
        if found is None:
            break
        word = found[1]
        if seated and word in ("в", "во"):
            place = _RUSSIAN_WORD.match(text, found.end())
            if place and place[1][0].isupper() and is_place(place[1]):
                return place.end(), place.end()
            break
        # A name in another case than the genitive starts the next phrase: "Центра АСЕАН МГИМО
        # Виктор Сумский"; a country stands in apposition: "Республики Казахстан".
        if word.isupper() or (word[0].isupper() and (_genitive(word) or is_place(word))):
            end = named_end = found.end()
        elif _genitive(word):
            end = found.end()
            # "Приморского края": a lower-case noun after the name's adjective is the name's.
            if named_end == found.start() and _is_adjective(_word_before(text, found.start())):
                named_end = end
        else:
            break
    return end, named_end


# How far back a word before a head is looked for: longer than any Russian word.
_LOOK_BACK = 40
_MOST_ADJECTIVES = 3
_WORD_BEFORE = re.compile(r"(?<![\w-])([А-ЯЁа-яё][а-яё]+(?:-[а-яё]+)?)[ \t]+$")
# Bodies named with the field they work in: commissions, committees, councils.
_TOPICAL_HEADS = frozenset({"комиссия", "комитет", "совет"})
_PO = re.compile(r"[ \t]+по(?=[ \t])")


def _mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - _LOOK_BACK) : start].rstrip()
    return bool(before) and before[-1] not in '.!?:«"“'


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - _LOOK_BACK) : start].split()
    return words[-1] if words else ""


def _adjectives_before(text: str, start: int) -> int:
    """Back over the adjectives before the head, the first of them capitalised as a name's
    first word is: "Генеральное консульство", "Главного таможенного управления",
    "Межправительственной кыргызско-вьетнамской комиссии"; `start` when there are none."""
    name_start, at = start, start
    for _ in range(_MOST_ADJECTIVES):
        found = _WORD_BEFORE.search(text, max(0, at - _LOOK_BACK), at)
        if found is None or not _may_be_adjective(found[1]):
            break
        at = found.start(1)
        if found[1][0].isupper():
            name_start = at
            break
    return name_start


def _topic_end(text: str, end: int) -> int:
    """Past a committee's or commission's field, "по" and words in the dative up to its noun:
    "Комитет Госдумы по международным делам", "комиссии по торгово-экономическому
    сотрудничеству"; `end` when none follows."""
    found = _PO.match(text, end)
    if found is None:
        return end
    at = found.end()
    for _ in range(_MOST_ADJECTIVES + 1):
        word = _RUSSIAN_WORD.match(text, at)
        if word is None or not _dative(word[1]):
            return end
        at = word.end()
        if not _is_adjective(word[1]):
            return at
    return end


@lru_cache(maxsize=1 << 14)
def _lemma(word: str) -> str:
    return str(analyzer().parse(word.lower())[0].normal_form)


@lru_cache(maxsize=1 << 14)
def _genitive(word: str) -> bool:
    readings = analyzer().parse(word)
    best = readings[0]
    # People ("нового президента", "министров") are no part of a body's name.
    if any(part in best.tag for part in _NOT_COMPLEMENTS) or "anim" in best.tag:
        return False
    return any("gent" in p.tag for p in readings if p.score >= 0.1)


@lru_cache(maxsize=1 << 14)
def _dative(word: str) -> bool:
    return any("datv" in p.tag for p in analyzer().parse(word.lower()) if p.score >= 0.1)


@lru_cache(maxsize=1 << 14)
def _may_be_adjective(word: str) -> bool:
    """Read as an adjective at all: "Главного" is first read as the noun "главное"."""
    return any("ADJF" in p.tag for p in analyzer().parse(word.lower()) if p.score >= 0.1)


@lru_cache(maxsize=1 << 14)
def _is_adjective(word: str) -> bool:
    return "ADJF" in analyzer().parse(word.lower())[0].tag
