"""Companies a Russian text names in guillemets after what they are: ПАО «Газпром», госкорпорация
«Росатом», СП «Вьетсовпетро», концерн «Калашников».

Russian quotes a company's name and puts the kind of company before it, declined with the
sentence ("с участием госкорпорации «Росатом»"); the quoted name keeps its own case or takes
the sentence's ("«Росатома»"). A quoted word without such a marker may be a newspaper, a
slogan or a ship, so it is left alone. A one-word name is put back in the nominative so that
«Росатома» and «Росатом» are one company.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

# What a company is called before its quoted name; stems, as the word is declined.
_MARKER = (
    r"(?<![\w-])(?:ПАО|ОАО|ЗАО|НАО|АО|ООО|СП|(?i:госкорпораци|компани|корпораци|концерн"
    r"|холдинг|групп|банк|предприяти|совместн\w*\s+предприяти|нефтян\w*\s+компани"
    r"|газов\w*\s+компани)\w*)"
)
_QUOTED = re.compile(rf"{_MARKER}[ \t]+«(?P<name>[А-ЯЁA-Z][^«»\n]{{0,40}}?)»")


@dataclass(frozen=True)
class QuotedCompany:
    start: int
    end: int
    name: str  # one word put in the nominative; longer names as written


def quoted_companies(text: str) -> Iterator[QuotedCompany]:
    """Companies named in guillemets after a company word, in a Russian passage."""
    for match in _QUOTED.finditer(text):
        written = match["name"]
        name = _nominative(written) if " " not in written else written
        yield QuotedCompany(match.start("name"), match.end("name"), name)


@cache
def _analyzer() -> Any:
    import pymorphy3  # as in foreign_names: loaded only once a Russian article comes

    return pymorphy3.MorphAnalyzer()


def _nominative(word: str) -> str:
    """ "Росатома" → "Росатом"; a Latin or unknown word as written."""
    if not re.fullmatch(r"[А-ЯЁа-яё-]+", word):
        return word
    readings = [p for p in _analyzer().parse(word) if "NOUN" in p.tag]
    if not readings or "nomn" in readings[0].tag:
        return word
    nominative = readings[0].inflect({"nomn"})
    return word if nominative is None else str(nominative.word).capitalize()
