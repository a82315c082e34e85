"""What a question asks for — a date, a place, an amount or a person — and whom it names.

The asking words are known in English, French, Russian and Vietnamese. English and French
put them first ("When did…", "Quand…"), where a relative "who" cannot be mistaken for them;
Vietnamese puts them last ("… khi nào?") and Russian anywhere, so those count anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from briefings.attribution import statement_shown
from briefings.english import STOPWORDS, stem
from briefings.folding import fold, fold_text
from briefings.lexicon import foreign_forms, holds, starts
from briefings.search import terms

AnswerType = Literal["when", "where", "amount", "duration", "who", "said"]

# A question may open with who it cites ("According to a European diplomat, where …"),
# then a conjunction or a preposition: "And when…", "In which city…".
_OPENING = (
    r"^[\W\d_]*(?:(?:according to|selon|по словам|по данным|theo|menurut)\b[^,?]{1,80},\s*)?"
    r"(?:(?:and|so|but|then|in|on|at|to|from|by|with|for|since|until"
    r"|et|à|en|de|depuis|pour|avec|par|dans)\s+)?"
)
# "Which Australian city…", "what new date…": up to two words may qualify the noun asked
# for, but not a verb's auxiliary ("what did the city council say" asks for a statement).
_WHICH = r"(?:what|which)(?: (?!(?:did|does|do|is|are|was|were|has|have|had|will|would|can"
_WHICH += r"|could|should|the|of)\b)[\w-]+){0,3}"
_FIRST: dict[AnswerType, str] = {
    "when": r"when|(?:what|which) (?:year|date|day|month|time)"
    r"|quand|(?:en )?quelle (?:année|date)|quel jour",
    "where": rf"where|{_WHICH} (?:country|countries|city|cities|capital|port|island|islands"
    r"|province|region|place|venue|location)|où|quel(?:le)? (?:pays|ville)",
    "amount": r"how (?:many|much|big|large|high|far|fast|often)"
    r"|what (?:(?:was|is|were|are|will be) the )?"
    r"(?:value|size|volume|number|amount|figure|total|level|scale|share|percentage|proportion"
    r"|portion|fraction)"
    r"|combien",
    "duration": r"how long|for how long|combien de temps",
    "who": rf"who|whom|whose|qui|{_WHICH} (?:person|people|officials?|ministers?|leaders?"
    r"|counterparts?|diplomats?|envoys?|ambassadors?|presidents?|companies|company|firms?)",
    # "What did Lavrov say about …": only the opening is dropped, the name stays searched.
    "said": r"what (?:did|does|has|have|had|will|would)(?=(?:\s+\S+){1,8}?\s+(?:say|tell|said"
    r"|told|ask|stress|declare|announce|warn|urge|pledge|propose|compare|call|describe|promise"
    r"|offer|suggest|hope|expect|predict|write|wrote|reply|respond|claim|argue|think|believe"
    r"|mean)\b)"
    r"|qu'(?:a|ont)(?=(?:\s+\S+){0,6}?\s+(?:dit|déclaré|annoncé|affirmé)\b)",
}
_ANYWHERE: dict[AnswerType, str] = {
    "when": r"когда|в како[мй] (?:году|месяце|день)|khi nào|bao giờ|năm nào|ngày nào|lúc nào",
    "where": r"где|куда|откуда|ở đâu|tại đâu|nơi nào",
    "amount": r"сколько(?! времени)|каков[аоы]? (?:объ[её]м|размер|сумма|доля)|bao nhiêu(?! lâu)",
    "duration": r"сколько времени|как долго|на какой срок|bao lâu",
    # "ai" is Vietnamese "who" only in a Vietnamese question: see _vietnamese.
    "who": r"кто|кого|кому|кем",
    "said": r"что (?:\w+ )?(?:сказал|заявил|сообщил)\w*|nói gì|phát biểu gì|tuyên bố gì",
}
_ASKING = [(kind, re.compile(_OPENING + f"({_FIRST[kind]})" + r"\b")) for kind in _FIRST] + [
    (kind, re.compile(rf"\b({_ANYWHERE[kind]})\b")) for kind in _ANYWHERE
]
_VIETNAMESE_WHO = re.compile(r"\b(ai)\b")
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
# Function words of the other question languages, which the English stopword list misses:
# searched, they would weigh as rare words that no sentence holds.
_FUNCTION_WORDS = frozenset(
    """il elle ils elles on a t est sont ete le la les l de du des d un une et ou que qu
    ce cette au aux pour sur avec par en y ne pas
    и в во на с со по о об от к ли был была были было это что как же ещё
    da dang se cua va voi co la nhung cac mot nay do thi ve cho""".split()
)
_NAME_WORDS = 6
# "How many COVID-19 vaccine doses": the thing counted is named in the words right after.
_COUNTED_WORDS = 3
_ASKS_COUNT = re.compile(r"many|number|сколько|combien|bao nhiêu")
# A share is answered by a percentage: "accounting for over 80 percent of the vaccines".
_ASKS_SHARE = re.compile(r"share|percentage|proportion|portion|fraction|доля")
_SHARE = ("%", "percent", "pour", "процент", "phan tram", "persen")
# A figure this many words from what the question measures is that thing's figure.
_NEAR_WORDS = 6
# "Russia" also names the "Russian" side; shorter names would match unrelated words.
_PREFIX_CHARS = 4
_WORDS = re.compile(r"\w+")
# A word as names are keyed: inner hyphens and apostrophes kept, outer punctuation not.
_SPACED = re.compile(r"\w[\w'’‐‑–-]*[\w'’]|\w")
_NUMBER = r"\d+(?:[.,]\d+)*"
# A number in words, as reports write small and round ones: "two and a half hours", "more
# than one million people", "deux ans", «три года».
_SPELLED = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|several|a few|a couple of|half an?|dozens of|hundreds of|deux|trois|quatre"
    r"|cinq|dix|два|две|три|четыре|пять|десять|hai|ba|bốn|năm|mười)(?:\s+and\s+a\s+half)?"
)
# A figure with its currency or unit: "US$2.2 billion", "122%", "4.500 tấn", "3 млрд рублей".
_AMOUNT = re.compile(
    rf"(?:[$€£¥₫]|\b(?:US|USD|EUR|VND|RUB|CNY)\s?\$?)\s?{_NUMBER}"
    rf"|{_NUMBER}\s?(?:%|(?:percent|per cent|pour cent|billions?|millions?|trillions?|thousands?"
    r"|bn|tons?|tonnes?|km|kilomet(?:er|re)s?|miles?|hectares?|barrels?|[mgk]w|dollars?"
    r"|euros?|yuan|r[ou]bles?|dong|milliards?|млрд|млн|тыс|трлн|процент\w*|долл\w*|рубл\w*"
    r"|tỷ|triệu|nghìn|ngàn|đồng|tấn)\b)"
    rf"|\b(?:{_SPELLED}|an?)\s(?:billion|million|trillion|thousand|milliards?|millions?|млрд"
    r"|млн|тысяч\w*|tỷ|triệu)\b",
    re.IGNORECASE,
)
# A bare count: "7,000 people", "150 families"; a year or a day of the month is not one.
_COUNT = re.compile(r"\b\d{1,3}(?:[.,]\d{3})+\b|\b\d{3,}\b")
# Any number, with the word it counts: "About 70 Vietnamese", "230,000 Russian tourists".
_COUNTED = re.compile(rf"\b({_NUMBER})\s+(?:\w+\s+)?(\w+)")
_PERCENT = re.compile(r"\d\s?%")
# A question asking what a named source reports, in the languages questions are asked in.
_ACCORDING = re.compile(r"\b(?:according to|по словам|по данным|selon|theo)\b")
_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Capitalised, but a date's words, not names: "by June 2021", "on Tuesday".
# A question about what is still to come, in the languages questions are asked in.
_FUTURE = re.compile(
    r"\b(?:will|shall|going to|(?:plans?|hopes?|expects?|intends?|due) to|next|upcoming"
    r"|будет|будут|планиру\w*|намерен\w*|следующ\w*|sẽ|sắp"
    r"|sera|seront|aura|auront|prochain\w*)\b"
)
_LAST_YEAR = re.compile(
    r"\b(?:last year|the previous year|a year earlier|в прошлом году|năm ngoái|năm trước"
    r"|l'an dernier|l'année dernière|tahun lalu)\b",
    re.IGNORECASE,
)
# A time said in words, of what is still to come: "in the coming months", "later this year".
_TIME_AHEAD = re.compile(
    r"\b(?:in the (?:coming|next) (?:days|weeks|months|years)|(?:later|by the end of) this"
    r" (?:year|month)|next (?:week|month|year)|early next|as soon as possible|soon"
    r"|в ближайш\w+ (?:дни|недели|месяцы|годы|время)|в следующем году|до конца (?:года|месяца)"
    r"|в скором времени|trong thời gian tới|năm tới|năm sau|tháng tới|sắp tới"
    r"|dans les (?:prochains|prochaines) \w+|l'an prochain|l'année prochaine|d'ici la fin"
    r"|tahun depan|bulan depan|dalam waktu dekat)\b",
    re.IGNORECASE,
)
_CALENDAR = _MONTHS | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# A span of time (or a length, which "how long" may ask too): "up to 30 days", "6 tháng".
_DURATION = re.compile(
    rf"\b(?:{_NUMBER}|{_SPELLED})(?:\s?-\s?|\s)(?:days?|weeks?|months?|years?|hours?|minutes?|decades?"
    r"|km|kilomet(?:er|re)s?|miles?|дн\w*|сут\w*|недел\w*|месяц\w*|лет|год\w*|час\w*|км"
    r"|ngày|tuần|tháng|năm|giờ|jours?|semaines?|mois|ans|années?|heures?|hari|minggu|bulan"
    r"|tahun|jam)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_YEARS = re.compile(rf"\b(?:{_YEAR.pattern})\b")


# The entity kinds that answer a where or who question, the likelier first.
NAMED_ANSWERS: dict[str, tuple[str, ...]] = {"where": ("place",), "who": ("person", "organization")}


@dataclass(frozen=True)
class Name:
    """A name a question holds, as folded there, and the entities it may stand for."""

    key: str
    entities: tuple[int, ...]


@dataclass(frozen=True)
class Question:
    """A question as searched: its answer type (if it has one) and its words."""

    text: str
    asks: AnswerType | None
    words: tuple[str, ...]
    # What "how many" counts ("how many Russian tourists"): stems of the words after it.
    counted: tuple[str, ...] = ()
    # It asks about what is still to come: "When will …", "does Lavrov hope to sign".
    future: bool = False
    # Whom it asks the report of: "lavrov" in "How much did trade grow, according to Lavrov?".
    source: str = ""


def read_question(text: str) -> Question:
    """The answer type `text` asks for, and the words to search with (asking words dropped)."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    found = [
        (m.start(1), m.end(1), kind) for kind, pattern in _ASKING if (m := pattern.search(lowered))
    ]
    if _VIETNAMESE_LETTERS.search(lowered) and (m := _VIETNAMESE_WHO.search(lowered)):
        found.append((m.start(1), m.end(1), "who"))
    if not found:
        return Question(text, None, _searched(lowered), source=_sourced(lowered))
    start, end, kind = min(found)
    asking = lowered[start:end]
    counted: tuple[str, ...] = _SHARE if _ASKS_SHARE.search(asking) else ()
    counted += _counted(lowered[end:]) if _ASKS_COUNT.search(asking) else ()
    future = _FUTURE.search(lowered) is not None
    words = _searched(lowered[:start] + " " + lowered[end:])
    return Question(text, kind, words, counted, future, _sourced(lowered))


def _sourced(lowered: str) -> str:
    found = _ACCORDING.search(lowered)
    return fold(re.split(r"[,;?]", lowered[found.end() :])[0]) if found else ""


def _counted(rest: str) -> tuple[str, ...]:
    """Stems of the words the asking words count, up to three and up to the verb's
    auxiliary: "Russian tourists visited", "people" of "people had Vietnam's embassy …"."""
    words: list[str] = []
    for word in _WORDS.findall(fold(rest)):
        if word in STOPWORDS or word in _FUNCTION_WORDS or len(words) == _COUNTED_WORDS:
            break
        if len(word) > 2 and not word.isdigit():  # "COVID-19"
            words.append(stem(word))
    return tuple(words)


def name_keys(text: str) -> list[str]:
    """Folded runs of one to six words of `text`, to look the names it holds up by."""
    return list(dict.fromkeys(key for _, _, key in _runs(text)))


def names_asked(text: str, known: Mapping[str, Sequence[int]]) -> list[Name]:
    """The names in `text`: runs `known` holds (folded key -> entity ids), longest first,
    then runs of capitalised words past the first word that no known name covers.

    A run inside a longer known name is part of it: "Vietnam News Agency" is not "Vietnam".
    In a question that capitalises its names, a run in small letters is words, not a name
    ("the next … foreign ministry consultations": every country has one).
    """
    capitalised = any(w[:1].isupper() for w in _WORDS.findall(text)[1:])
    taken: set[int] = set()
    names = []
    for start, end, key in sorted(_runs(text), key=lambda run: run[0] - run[1]):
        if capitalised and text[start:end].islower():
            continue
        if known.get(key) and taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            names.append(Name(key, tuple(known[key])))
    run: list[str] = []
    for i, word in enumerate([*_WORDS.finditer(text), None]):
        if (
            word
            and i > 0
            and word.start() not in taken
            and word.group()[:1].isupper()
            and fold(word.group()) not in _CALENDAR
        ):
            run.append(fold(word.group()))
        elif run:
            names.append(Name(" ".join(run), ()))
            run = []
    return names


def _runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded key) of each run of up to six words, split two ways: at spaces,
    as names are keyed ("asean-russia", "ministers'"), and at every non-letter, so that
    "Vietnam–Russia" also gives "vietnam" and "russia"."""
    runs = []
    for pattern in (_SPACED, _WORDS):
        words = list(pattern.finditer(unicodedata.normalize("NFC", text)))
        for n in range(1, _NAME_WORDS + 1):
            for i in range(len(words) - n + 1):
                start, end = words[i].start(), words[i + n - 1].end()
                runs.append((start, end, " ".join(fold(w.group()) for w in words[i : i + n])))
    return runs


def answer_shown(
    question: Question,
    text: str,
    dated: bool,
    named: Sequence[tuple[str, int]],
    topic: Set[str],
    ahead: bool = False,
) -> float:
    """How plainly a sentence holds what the question asks for, 0 to 1.

    `dated`: the sentence gives a date (`ahead`: of something still to come); `named`:
    (kind, offset) of the entities it names beyond those the question names; `topic`: stems
    of the question's other words, since the answer stands beside what is asked about
    ("co-chaired by Retno Marsudi").
    """
    asks, counted = question.asks, question.counted
    if asks == "when":
        return when_shown(text, dated, ahead, question.future)
    if asks == "amount":
        return amount_shown(text, topic, counted)
    if asks == "duration":
        return duration_shown(text, topic)
    if asks == "said":
        return statement_shown(text)
    wanted = NAMED_ANSWERS.get(asks or "", ())
    if not wanted:
        return 0.0
    near = _near_topic(text, topic)
    found = [(wanted.index(kind), near(at)) for kind, at in named if kind in wanted]
    if not found:
        return 0.0
    rank, beside = min(found, key=lambda f: (f[0], not f[1]))
    return (1.0 if beside else 0.6) / (1 + rank)


def when_shown(text: str, dated: bool, ahead: bool, future: bool) -> float:
    """1 for a date; for a question about what is still to come ("When will …", "hope to"),
    a date announced ahead rather than one of the past, and else a time said in words
    ("in the coming months", «в ближайшие месяцы»)."""
    if dated and (ahead or not future):
        return 1.0
    if future and _TIME_AHEAD.search(text):
        return 0.8
    return 0.5 if dated else 0.0


def amount_shown(text: str, topic: Set[str], counted: Sequence[str] = ()) -> float:
    """1 for a figure with a unit or currency beside a `topic` word ("trade hit US$2.2
    billion") or a number of what is `counted` ("About 70 Vietnamese"), less for one
    further off or for a bare count, 0 for no number."""
    near = _near_topic(text, topic)
    figures = [m.start() for m in _AMOUNT.finditer(text)]
    counts = [m.start() for m in _COUNT.finditer(text) if not _YEAR.fullmatch(m.group())]
    if any(near(at) for at in figures) or _counts(text, counted):
        return 1.0
    if figures or any(near(at) for at in counts):
        return 0.6
    return 0.3 if counts else 0.0


def duration_shown(text: str, topic: Set[str]) -> float:
    """1 for a span of time beside a `topic` word ("stays of up to 30 days"), less further
    off; 0 for none: "how long" is not answered by a sum of money."""
    near = _near_topic(text, topic)
    spans = [m.start() for m in _DURATION.finditer(text)]
    if any(near(at) for at in spans):
        return 1.0
    return 0.6 if spans else 0.0


def _counts(text: str, counted: Sequence[str]) -> bool:
    """Whether a number counts what the question does: "About 70 Vietnamese are …" for
    "How many Vietnamese …" (a count too small for _COUNT to trust alone)."""
    if not counted:
        return False
    if "%" in counted and _PERCENT.search(text):
        return True
    for m in _COUNTED.finditer(text):
        words = [fold(w) for w in _WORDS.findall(text[m.end(1) : m.end()])]
        if _YEAR.fullmatch(m.group(1)) or words[0] in _MONTHS:
            continue
        if any(word.startswith(root) for word in words for root in counted):
            return True
        if not text.isascii() and _counted_abroad(words, counted):
            return True
    return False


def _counted_abroad(words: Sequence[str], counted: Sequence[str]) -> bool:
    """Whether folded `words` write one of the `counted` stems as another language does
    ("около 30 заявок" counts requests)."""
    return any(holds(words, forms) for root in counted if (forms := foreign_forms(root)))


def _near_topic(text: str, topic: Set[str]) -> Callable[[int], bool]:
    """Whether a character offset of `text` is within a few words of a `topic` stem, or
    of how another language writes it («товарооборот» for "trade": lexicon.py)."""
    words = [(m.start(), fold(m.group())) for m in _WORDS.finditer(text)]
    at = [i for i, (_, word) in enumerate(words) if any(word.startswith(t) for t in topic)]
    if not text.isascii():
        folded = [word for _, word in words]
        at += [i for root in topic if (forms := foreign_forms(root)) for i in starts(folded, forms)]

    def near(offset: int) -> bool:
        index = sum(1 for start, _ in words if start < offset)
        return any(abs(index - i) <= _NEAR_WORDS for i in at)

    return near


def mentions_name(name: Name, text: str) -> bool:
    """Whether `text` holds `name`, its last word also as a prefix ("Russian")."""
    # ASCII text folds to itself but for case, which the pattern ignores: most text is.
    return _name_pattern(name.key).search(text if text.isascii() else fold_text(text)) is not None


# The endings of a people's name ("Malaysian", "Vietnamese", "Turkish") after its country's
# root, which needs this many letters to stay one country's ("Chinese" would find "Chinh").
_DEMONYMS = ("ian", "ese", "ish", "an", "i", "n")
_DEMONYM_ROOT = 5


def _demonym_root(word: str) -> str:
    """`word` less the longest demonym ending that leaves a root long enough."""
    for ending in _DEMONYMS:
        if word.endswith(ending) and len(word) - len(ending) >= _DEMONYM_ROOT:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1024)
def _name_pattern(key: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in _WORDS.findall(key)]
    if len(parts[-1]) >= _PREFIX_CHARS:
        # "Malaysian" asked, "Malaysia" written: the country's name holds the demonym's root.
        parts[-1] = _demonym_root(parts[-1]) + r"\w*"
    return re.compile(r"\b" + r"\W+".join(parts) + r"\b", re.IGNORECASE)


def last_year(text: str) -> bool:
    """Whether `text` speaks of the year before ("last year", «в прошлом году», "năm ngoái")."""
    return _LAST_YEAR.search(text) is not None


def years_in(text: str) -> set[int]:
    """The years `text` writes in digits ("in 2021", "2019-2020")."""
    return {int(year) for year in _YEARS.findall(text)}


def asked_year(word: str) -> bool:
    """Whether a question's word is a year ("2021"): matched by date, not as a word."""
    return _YEAR.fullmatch(word) is not None


def date_word(word: str) -> bool:
    """Whether a question's word names a year or a month ("April 2020"): a report in
    another language writes it its own way ("ngày 2/4", «2 апреля»), so it is no word to
    match; the sentence's date says it."""
    return asked_year(word) or word in _MONTHS


def _searched(text: str) -> tuple[str, ...]:
    return tuple(w for w in terms(text) if w not in _FUNCTION_WORDS)
