"""Chinese names in their Sino-Vietnamese reading, back to pinyin: Vương Nghị → Wang Yi.

Vietnamese writes a Chinese name one Hán-Việt syllable a character (王毅 Vương Nghị, 习近平
Tập Cận Bình), so the pinyin the English press writes can be read back syllable by
syllable through `gazetteer/han_viet.tsv` (scripts/han_viet.py). One Hán-Việt syllable
stands for several characters, so a name gives several pinyin candidates; which of them, if
any, is the person is for the caller to decide against the people it knows.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache, lru_cache

from briefings import datafiles
from briefings.palladius import is_chinese_surname

_TABLE = "gazetteer/han_viet.tsv"
# Vietnamese tone marks; where a word puts them (hoà / hòa, thuỷ / thủy) varies by house style.
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
# A name reads as Chinese with a surname and a given name of one or two syllables.
_SYLLABLES = range(2, 4)
# More candidates than this and a name says too little to be linked by its reading.
MAX_CANDIDATES = 32


def syllable_key(word: str) -> str:
    """A Vietnamese syllable's key: lower case, its tone apart from where it is written."""
    letters = unicodedata.normalize("NFD", word.lower())
    tones = "".join(_TONES[c] for c in letters if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES))
    return base + tones


@cache
def _readings() -> dict[str, tuple[str, ...]]:
    return {syllable_key(viet): tuple(p.split()) for viet, p in datafiles.rows(_TABLE, 2)}


def is_han_viet(name: str) -> bool:
    """Whether every word of `name` is a Hán-Việt syllable with a Vietnamese letter or mark
    among them ("Vương Nghị"), so that a plain Latin name ("Li Ming") never reads as one."""
    words = name.split()
    readings = _readings()
    return (
        len(words) in _SYLLABLES
        and all(syllable_key(w) in readings for w in words)
        and not name.isascii()
    )


@lru_cache(maxsize=4096)
def pinyin_names(name: str) -> tuple[str, ...]:
    """The pinyin names a Hán-Việt name may be: Tập Cận Bình → (…, "Xi Jinping", …);
    none unless the first syllable reads as a common Chinese surname."""
    if not is_han_viet(name):
        return ()
    readings = [_readings()[syllable_key(w)] for w in name.split()]
    surnames = [s for s in readings[0] if is_chinese_surname(s)]
    given = list(itertools.islice(itertools.product(*readings[1:]), MAX_CANDIDATES + 1))
    if not surnames or len(surnames) * len(given) > MAX_CANDIDATES:
        return ()
    return tuple(
        f"{surname.capitalize()} {''.join(syllables).capitalize()}"
        for surname in surnames
        for syllables in given
    )
