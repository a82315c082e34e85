"""Initiatives named in quotation marks: "Crossroads of Peace" project, инициатива «Один пояс,
один путь», the 'Ocean of Peace' declaration.

A government's programme, a bloc's plan or a declaration in the making is often written as a
quoted name beside the word for what it is; no list can hold them all, and no head word
inside the name says it is a topic ("Crossroads of Peace" is no crossroads). The name is what
the quotation marks hold; a document ("declaration", "charter") keeps its word, as the press
writes "the Ocean of Peace Declaration" (when the word follows the name), while a project or
an initiative does not. Read in every language the key phrases read, by the words for the
kinds of initiative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

MAX_WORDS = 7  # "Five Principles of Peaceful Co-existence"; longer quotations are speech
# The kinds of initiative, by language; a document's word is part of its name.
_KINDS = {
    "en": "initiative|project|programme|program|plan|strategy|concept|vision|corridor|agenda",
    "fr": "initiative|projet|programme|plan|stratégie|concept|vision|corridor|agenda",
    "ru": r"инициатив\w*|проект\w*|программ\w*|план\w*|стратеги\w*|концепци\w*|коридор\w*",
    "vi": "sáng kiến|dự án|chương trình|kế hoạch|chiến lược|tầm nhìn|hành lang",
    "id": "inisiatif|proyek|program|rencana|strategi|konsep|visi|koridor|agenda",
}
_DOCUMENTS = {
    "en": "declaration|charter",
    "fr": "déclaration|charte",
    "ru": r"деклараци\w*|харти\w*",
    "vi": "tuyên bố|hiến chương",
    "id": "deklarasi|piagam",
}
_QUOTED = r"[\"“«„']([A-ZА-ЯЁĐ][^\"”»“«'\n]{2,80}?)[\"”»“']"
# English and Indonesian may name the kind either side of the quotation; the others before it.
_KIND_AFTER = frozenset({"en", "id"})


@dataclass(frozen=True)
class Initiative:
    """A quoted initiative: its name and where `text[start:end]` says it."""

    name: str
    start: int
    end: int


def initiatives(text: str, language: str | None) -> Iterator[Initiative]:
    """The quoted initiatives of a passage."""
    patterns = _patterns(language or "en")
    if patterns is None:
        return
    before, after = patterns
    # Quotation marks are rarer than words: find them first, then the kind beside them.
    for match in _QUOTED_NAME.finditer(text):
        name, (start, end) = match.group(1), match.span(1)
        if not _a_name(name):
            continue
        if before.search(text, max(0, start - _KIND_WINDOW), start - 1):
            yield Initiative(name, start, end)
        elif after is not None and (kind := after.match(text, end + 1)):
            if kind.group(1).lower() in _DOCUMENT_WORDS:
                yield Initiative(f"{name} {kind.group(1)}", start, kind.end())
            else:
                yield Initiative(name, start, end)


def _a_name(words: str) -> bool:
    """A name, not a quoted sentence: a few words, no sentence's punctuation at its end."""
    return len(words.split()) <= MAX_WORDS and not words.rstrip().endswith((".", "!", "?", ":"))


_DOCUMENT_WORDS = frozenset(w for words in _DOCUMENTS.values() for w in words.split("|"))
_QUOTED_NAME = re.compile(_QUOTED)
_KIND_WINDOW = 24  # characters before the quotation read for the kind: "инициативе " and spaces


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
    kinds, documents = _KINDS.get(language), _DOCUMENTS.get(language)
    if kinds is None or documents is None:
        return None
    heads = f"{kinds}|{documents}"
    before = re.compile(rf"(?<![\w-])(?i:{heads})[ \t]+$")
    after = re.compile(rf"[ \t]+(?i:({heads}))(?![\w-])") if language in _KIND_AFTER else None
    return before, after
