"""A principal receiving another: "Irakli Kobakhidze received Ararat Mirzoyan".

Diplomatic stories report a host receiving a visitor as an event of its own — a prime
minister receives the foreign minister his own minister held talks with — and say it with a
verb between the two names, the visitor's title between them: "received Mr Son", «принял
министра … Ван И», "a reçu … le vice-ministre", "đã tiếp Đại sứ Trung Quốc Hà Vĩ"; or the
visitor first, in the passive: «Ван И был принят президентом Шавкатом Мирзиёевым», "was
received by Prime Minister …". This module says which words between two names make one of
them the other's host; `entities` finds the names and names the event "host receives
visitor" in the article's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Between the host's name and the verb: at most an auxiliary. After the verb: the visitor's
# title, capitalised words in English ("visiting Armenian Foreign Minister"), any words
# without a stop in the other languages, whose titles are written in lower case.
_EN_TITLE = r"(?:(?:visiting|the|[A-Z][\w.’'-]*)[ \t]+){0,8}"
_TITLE = r"(?:[^\W\d][\w.’'-]*[ \t]+){0,8}"

# "X met Y" is not here: stories say it of their talks and of passing encounters alike. Nor
# Indonesian "menerima kunjungan kerja …": the visit received is the event stories mean.
_HOSTING: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        rf"[ \t]+(?:has[ \t]+|had[ \t]+)?(?:received|receives|hosted|hosts)[ \t]+{_EN_TITLE}"
    ),
    "ru": re.compile(rf"[ \t]+(?:принял|приняла|принимает)[ \t]+{_TITLE}"),
    "fr": re.compile(rf"[ \t]+(?:a[ \t]+reçu|reçoit)[ \t]+{_TITLE}"),
    "vi": re.compile(rf"[ \t]+(?:đã[ \t]+)?(?:tiếp|tiếp[ \t]+đón)[ \t]+{_TITLE}"),
}
_HOSTED: dict[str, re.Pattern[str]] = {
    "en": re.compile(rf"[ \t]+(?:was|has[ \t]+been)[ \t]+received[ \t]+by[ \t]+{_EN_TITLE}"),
    "ru": re.compile(rf"[ \t]+(?:был[аи]?[ \t]+)?(?:принят|принята|приняты)[ \t]+{_TITLE}"),
    "fr": re.compile(rf"[ \t]+a[ \t]+été[ \t]+reçue?[ \t]+par[ \t]+{_TITLE}"),
}
_NAMES = {
    "en": "{0} receives {1}",
    "ru": "{0} принимает {1}",
    "fr": "{0} reçoit {1}",
    "vi": "{0} tiếp {1}",
}
# A word every pattern of the language needs: most passages have none.
_GATES = {
    "en": re.compile(r"received|receives|hosted|hosts"),
    "ru": re.compile(r"принял|принимает|принят"),
    "fr": re.compile(r"reçu|reçoit"),
    # Not "tiếp tục" (to continue): the visitor's title is capitalised ("tiếp Đại sứ").
    "vi": re.compile(r"tiếp(?:[ \t]+đón)?[ \t]+[A-ZÀ-ÝĐ\u1ea0-\u1ef8]"),
}
# The reception said as a noun, which names the one reception a story tells: "tại buổi tiếp".
_NOUNS = {"vi": re.compile(r"(?<![\w])(?:buổi|cuộc)[ \t]+tiếp(?![\w])")}


@dataclass(frozen=True)
class Hosting:
    """The words between two names make the first the host (or, `passive`, the visitor)."""

    passive: bool


def may_hold(text: str, language: str) -> bool:
    """Whether `text` has a word a reception needs (a cheap gate before looking at names)."""
    gate = _GATES.get(language)
    return gate is not None and gate.search(text) is not None


def hosting(text: str, end: int, start: int, language: str) -> Hosting | None:
    """Whether `text[end:start]`, between two names, says the first receives the second."""
    active = _HOSTING.get(language)
    if active is not None and active.fullmatch(text, end, start):
        return Hosting(passive=False)
    passive = _HOSTED.get(language)
    if passive is not None and passive.fullmatch(text, end, start):
        return Hosting(passive=True)
    return None


def reception_name(language: str, host: str, visitor: str) -> str:
    """ "Paetongtarn receives Bui Thanh Son", «Мирзиёев принимает Ван И»."""
    return _NAMES[language].format(host, visitor)


def reception_nouns(text: str, language: str) -> list[tuple[int, int]]:
    """Where `text` names a reception by a noun ("buổi tiếp")."""
    pattern = _NOUNS.get(language)
    return [m.span() for m in pattern.finditer(text)] if pattern else []
