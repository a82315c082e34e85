"""The principals' own meeting: the talks, meeting or call a story of two officials reports.

Most diplomatic stories report one encounter between the two people they name most, and call
it by a common noun, not a name: "the talks", "during the meeting", "переговоры", "hội đàm",
"điện đàm", "l'entretien", "pertemuan bilateral". An analyst lists it as an event (the
"Lavrov–Wang Yi talks"), and a timeline or digest needs it as one, linked to both people. This
module finds where the text says such a noun bare — not inside a name ("Forum Leaders
Meeting"), not narrowed by a modifier ("trade talks", "annual meeting", "торговых
переговоров"), not an organisation's sitting ("meeting of the Joint Commission") — and names
the event after its participants, as the article's language writes such an event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Per language: the nouns for a meeting or call of two officials (a regular expression each,
# longest first so "telephone conversation" wins over a shorter head), the words that may
# stand right before one without narrowing it, and how its name is written.
_HEADS: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:tele)?phone (?:conversation|call|talks)",
        r"talks",
        r"meeting",
    ),
    "ru": (r"телефонн\w+ разговор\w*", r"переговор\w*", r"встреч[аеиуо]\w*"),
    "vi": (r"điện đàm", r"hội đàm", r"cuộc gặp"),
    "fr": (r"entretiens? téléphoniques?", r"entretiens?"),
    "id": (r"pertemuan bilateral", r"pembicaraan bilateral", r"pertemuan"),
}
# What may come before the noun: a determiner, "bilateral", a preposition or a verb that
# holds it ("held talks", "провел переговоры"). Anything else before it is a modifier
# ("peace talks", "ministerial meeting") or a name, and makes it another event.
_BEFORE: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the their a this his her its bilateral held hold holding during at after before in of"
        " for and following".split()
    ),
    "ru": frozenset(
        "в во на по после перед для и провел провели провела проведут проведения провести"
        " ходе итогам двусторонние двусторонних двусторонней".split()
    ),
    "vi": frozenset("cuộc buổi trong tại sau khi và có đã sẽ".split()),
    "fr": frozenset("l un une cet cette leur leurs son lors de d du au des et avoir eu".split()),
    "id": frozenset("dalam usai setelah sebelum pada di dan melakukan menggelar ini itu".split()),
}
# A sitting of a body or a named meeting after the noun: "meeting of the Joint Commission",
# "встреча глав МИД", "pertemuan Menteri Luar Negeri ASEAN". Russian word order puts a
# sentence's subject after it ("По итогам переговоров Сергей Лавров заявил"), and Vietnamese
# names the participants there ("hội đàm Tô Lâm - Prabowo"): capitals only in the others.
_AFTER_NAMED = {
    "en": re.compile(r"[ \t]+(?:of|[A-Z])"),
    "ru": re.compile(r"[ \t]+(?:глав|министров|руководителей)"),
    "fr": re.compile(r"[ \t]+(?:des[ \t]+ministres|[A-ZÀ-Ý])"),
    "id": re.compile(r"[ \t]+(?:[A-Z])"),
}
# How each language names such an event, per noun of `_HEADS` (in its order).
_NAMES = {
    "en": ("{0}–{1} phone call", "{0}–{1} talks", "{0}–{1} meeting"),
    "ru": ("телефонный разговор {0} и {1}", "переговоры {0} и {1}", "встреча {0} и {1}"),
    "vi": ("điện đàm {0} - {1}", "hội đàm {0} - {1}", "cuộc gặp {0} - {1}"),
    "fr": ("entretien téléphonique {0} - {1}", "entretien {0} - {1}"),
    "id": ("pertemuan bilateral {0} - {1}", "pembicaraan {0} - {1}", "pertemuan {0} - {1}"),
}
# The description of such an event: what lets `events` tell it, which two people hold, from a
# gathering that takes part in the news ("the 16th EAS").
_DESCRIPTION = "the meeting of {0} and {1} the story reports"
_DESCRIBED = re.compile(r"the meeting of .+ the story reports")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)['’]?[ \t]*$")


@dataclass(frozen=True)
class Said:
    """`text[start:end]` says the meeting noun; `head` is which of the language's nouns."""

    start: int
    end: int
    head: int


def meeting_nouns(text: str, language: str) -> Iterator[Said]:
    """Where `text` says one of the language's meeting nouns bare."""
    heads = _PATTERNS.get(language)
    if heads is None:
        return
    before = _BEFORE[language]
    for match in heads.finditer(text):
        head = next(i for i, found in enumerate(match.groups()) if found is not None)
        prior = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if prior is not None and prior.group(1).lower() not in before:
            continue
        after = _AFTER_NAMED.get(language)
        if after is not None and after.match(text, match.end()):
            continue
        yield Said(match.start(), match.end(), head)


def talks_name(language: str, head: int, participants: Sequence[str]) -> str:
    """The event's name after its noun (`Said.head`) and two participants, as the language
    writes it."""
    return _NAMES[language][head].format(*participants[:2])


def talks_description(participants: Sequence[str]) -> str:
    """The event's description: who met."""
    return _DESCRIPTION.format(*participants[:2])


def is_talks(description: str | None) -> bool:
    """Whether an event so described is a principals' meeting found here."""
    return description is not None and _DESCRIBED.fullmatch(description) is not None


def _compile(heads: Sequence[str]) -> re.Pattern[str]:
    groups = "|".join(f"({head})" for head in heads)
    return re.compile(rf"(?<![\w-])(?:{groups})(?![\w-])", re.IGNORECASE)


_PATTERNS = {language: _compile(heads) for language, heads in _HEADS.items()}


# A visit said by its kind, not by its visitor and destination (those are `named_events` and
# `entities._find_visits`): "a three-day official visit", "официальным визитом", "visite
# officielle", "kunjungan kerja". A bare "visit" is any trip; its kind makes it the story's.
_VISIT_KINDS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(?<![\w-])(?:(?:official|working|state|maiden|\w+-day)[ \t]+){1,2}visit(?![\w-])",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<![\w-])(?:официальн|рабоч|государственн)\w*[ \t]+визит\w*", re.IGNORECASE
    ),
    "fr": re.compile(
        r"(?<![\w-])visite[ \t]+(?:officielle|de[ \t]+travail|d['’][ÉE]tat)"
        r"(?:[ \t]+de[ \t]+\w+[ \t]+jours)?(?![\w-])",
        re.IGNORECASE,
    ),
    "id": re.compile(
        r"(?<![\w-])kunjungan[ \t]+(?:kerja|resmi|kenegaraan)(?![\w-])", re.IGNORECASE
    ),
}
# Russian names the visit in the nominative whatever case the text says it in.
_RUSSIAN_VISITS = {"официальн": "официальный визит", "рабоч": "рабочий визит"}
_VISIT_NAMES = {"en": "{0}'s {1}", "ru": "{1} {0}", "fr": "{1} de {0}", "id": "{1} {0}"}


def visit_kinds(text: str, language: str) -> Iterator[tuple[int, int]]:
    """Where `text` says a visit by its kind ("official visit", "визит" after "рабочим")."""
    pattern = _VISIT_KINDS.get(language)
    if pattern is not None:
        for match in pattern.finditer(text):
            yield match.span()


def visit_name(language: str, visitor: str, said: str) -> str:
    """The visit's name after its visitor, in the language's order and, in Russian, case."""
    wording = said.lower()
    if language == "ru":
        wording = next(
            (name for stem, name in _RUSSIAN_VISITS.items() if wording.startswith(stem)),
            "государственный визит",
        )
    return _VISIT_NAMES[language].format(visitor, wording)


# "paid a courtesy call on Hun Manet", "is scheduled to call on Chief Adviser Professor
# Muhammad Yunus": a visitor's call on a host, a diplomatic event of its own. A bare "call on"
# must follow "to" ("to call on"), and not urge ("to call on Israel to withdraw"), which the
# caller checks after the host's name.
_CALL_ON = re.compile(r"(?<![\w-])(?:courtesy[ \t]+call|(?<=to[ \t])call)[ \t]+on[ \t]+")
_URGES = re.compile(r"[ \t]+to[ \t]+[a-z]")


def calls_on(text: str, language: str) -> Iterator[tuple[int, int]]:
    """Where an English `text` says a call on someone: the span up to "on " (the host's name
    and title follow)."""
    if language == "en":
        for match in _CALL_ON.finditer(text):
            yield match.span()


# "Prak Sokhonn received a courtesy call of … Andrey Rudenko": the host first, the visitor
# after the noun (through a title that may hold commas), the noun alone the mention.
_CALL_RECEIVED = re.compile(
    r"(?<![\w-])received[ \t]+a[ \t]+(courtesy[ \t]+call)[ \t]+(?:of|from)[ \t]+"
)
_VISITOR_REACH = 120


def calls_received(text: str, language: str) -> Iterator[tuple[int, int, int]]:
    """Where an English `text` says a host received a courtesy call: the noun's span, and
    the end of the visitor's reach (the visitor's name starts before it)."""
    if language == "en":
        for match in _CALL_RECEIVED.finditer(text):
            stop = text.find(".", match.end(), match.end() + _VISITOR_REACH)
            yield match.start(1), match.end(1), stop if stop >= 0 else match.end() + _VISITOR_REACH


def urges(text: str, end: int) -> bool:
    """Whether the words after a host's name make "call on" an appeal ("… to withdraw")."""
    return _URGES.match(text, end) is not None


def call_name(visitor: str | None, host: str) -> str:
    """ "Bui Thanh Son's courtesy call on Hun Manet"."""
    return f"{visitor}'s courtesy call on {host}" if visitor else f"courtesy call on {host}"
