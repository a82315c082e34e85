"""When two people's names, as articles wrote them, name one person.

Articles name a person in several forms: with initials ("S. Jaishankar", "S Jaishankar"),
by the surname alone ("Lavrov", from «Лаврова» too), in a transcription from another
script ("Субраманьям Джайшанкар" is Subramanyam Dzhayshankar in Latin letters), or in
Vietnamese by the Hán-Việt reading of a Chinese name ("Vương Nghị"). These tests say whether
a short form can stand for a full one; whether it does is decided by the caller, only when
one full name fits (two Wangs, two Wongs, Kim Jong Un and Kim Yo Jong stay apart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from briefings.folding import fold
from briefings.han_viet import is_han_viet
from briefings.model import EntityRef
from briefings.transliteration import name_key

# A period ends an initial ("S."); Vietnamese and Cyrillic letters are letters too.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
# Generation marks tell a father from his son: never dropped, never ignored.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# A surname of two letters ("Le", "Yi") is too common a word to link a name by alone.
_SURNAME_LETTERS = 3
# A surname a letter off is a misspelling only when long enough that one letter is a slip
# (Masudi / Marsudi), not another family's name (Wong / Wang, Hassan / Hasan stay apart).
_MISSPELT_LETTERS = 6
# How alike two transcriptions of one full name must be (the extractor's own threshold for
# Cyrillic names against known ones: Subrahmanyam / Субраманьям, Saleumxay / Салеумсай).
SAME_SPELLING = 88
# Pinyin persons that a Hán-Việt name may be linked to are Chinese, or of no known country.
CHINA = "China"


@dataclass(frozen=True)
class NameParts:
    given: tuple[str, ...]
    surname: str  # its spelling-blind key
    suffix: str


@lru_cache(maxsize=1 << 14)
def name_parts(name: str) -> NameParts | None:
    """Given names as written, the surname's key and a generation mark: "Ferdinand R. Marcos
    Jr" → (Ferdinand, R.), marcos, jr. The last word is taken as the surname."""
    words = _WORD.findall(name)
    suffix = ""
    if len(words) > 1 and fold(words[-1]).rstrip(".") in _SUFFIXES:
        suffix, words = fold(words[-1]).rstrip("."), words[:-1]
    if not words:
        return None
    surname = name_key(words[-1].rstrip("."))
    return NameParts(tuple(words[:-1]), surname, suffix) if surname else None


def is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[0].isupper()


def is_short_form(name: str) -> bool:
    """A surname alone, or after initials only: "Lavrov", "S. Jaishankar", "A. K. Antony"."""
    parts = name_parts(name)
    return (
        parts is not None
        and len(parts.surname) >= _SURNAME_LETTERS
        and all(is_initial(w) for w in parts.given)
    )


def is_full_form(name: str) -> bool:
    """A name led by a given name written out: "Subrahmanyam Jaishankar", "Ferdinand R. Marcos"."""
    parts = name_parts(name)
    return parts is not None and bool(parts.given) and not is_initial(parts.given[0])


def completes(short: str, full: str) -> bool:
    """Whether the full name `full` can be what the short form `short` stands for: the same
    surname and generation, and each initial the first letter of a given name in turn."""
    one, other = name_parts(short), name_parts(full)
    if one is None or other is None or not is_short_form(short) or not is_full_form(full):
        return False
    if (one.surname, one.suffix) != (other.surname, other.suffix):
        return False
    if len(one.given) > len(other.given):
        return False
    return all(fold(i[0]) == fold(g[0]) for i, g in zip(one.given, other.given, strict=False))


def same_transcription(one: str, other: str) -> bool:
    """Two full names a letter or two apart, as two transcriptions of one name differ
    (Subrahmanyam Jaishankar, Subramanyam Dzhayshankar): same surname, as many given
    names, each starting alike."""
    a, b = name_parts(one), name_parts(other)
    if a is None or b is None or not is_full_form(one) or not is_full_form(other):
        return False
    if (a.surname, a.suffix) != (b.surname, b.suffix) or len(a.given) != len(b.given):
        return False
    pairs = zip(a.given, b.given, strict=True)
    if any(fold(x[0]) != fold(y[0]) or is_initial(x) or is_initial(y) for x, y in pairs):
        return False
    return fuzz.ratio(name_key(one), name_key(other)) >= SAME_SPELLING


def given_key(name: str) -> str:
    """The spelling-blind key of a name's given names (and generation): "Retno Marsudi" → retno."""
    parts = name_parts(name)
    return " ".join([*(name_key(g) for g in parts.given), parts.suffix]).strip() if parts else ""


def misspelt(one: str, other: str) -> bool:
    """Two full names of the same given names whose surnames are a letter apart, as a slip
    of the keyboard makes them: Retno Masudi, Retno Marsudi."""
    a, b = name_parts(one), name_parts(other)
    if a is None or b is None or not is_full_form(one) or not is_full_form(other):
        return False
    if given_key(one) != given_key(other) or a.surname == b.surname:
        return False
    if min(len(a.surname), len(b.surname)) < _MISSPELT_LETTERS:
        return False
    return Levenshtein.distance(a.surname, b.surname) == 1


def countries_agree(one: EntityRef, other: EntityRef) -> bool:
    return one.country is None or other.country is None or one.country == other.country


def may_read_as(han_viet: EntityRef, pinyin: EntityRef) -> bool:
    """Whether a Hán-Việt-written person and a pinyin-written one may be one Chinese person:
    one of them is said to be Chinese and neither of another country."""
    countries = {han_viet.country, pinyin.country} - {None}
    return countries == {CHINA} and is_han_viet(han_viet.name) and is_pinyin_shaped(pinyin.name)


def is_pinyin_shaped(name: str) -> bool:
    """Plain Latin letters in two or three words, as the English press writes Chinese names."""
    words = name.split()
    return 2 <= len(words) <= 3 and name.isascii() and all(w.isalpha() for w in words)
