"""Names across scripts: Cyrillic to the Latin spelling the English press uses, and a key
under which the spellings of other languages meet.

Russian names go through iuliia's `wikipedia` scheme, the one English-language news follows
(Лавров → Lavrov, Сергей → Sergey, Ельцин → Yeltsin; BGN/PCGN would write Yel’tsin and ICAO
Sergei, Eltsin). Vietnamese names written in Russian practical transcription go back
syllable by syllable through `gazetteer/vietnamese_cyrillic.tsv` (Буй Тхань Шон → Bui Thanh
Son), since iuliia would give Buy Tkhan' Shon.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import iuliia

from briefings import datafiles
from briefings.folding import fold

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Endings Russian gives a name ending in a consonant: Шона, Шону, Шоном, Шоне.
_CASE_ENDING = re.compile(r"(?:ом|ем|а|у|е|я|ю)$")
# Rewrites that bring one sound's spellings in European languages and Vietnamese together,
# applied in order to a folded name. Each is a spelling convention, not a fix for one name:
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"dzh", "j"),  # Russian дж is the English j: Dzhayshankar, Dzhonson
        (r"\bx", "s"),  # Vietnamese x is s: Xergây
        (r"gu(?=[ei])", "g"),  # French gu before e/i is a hard g: Sergueï
        (r"ou", "u"),  # French ou is u: Choïgou
        (r"ine\b", "in"),  # French gives Russian -ин a silent e: Poutine, Staline, Lénine
        (r"w", "v"),  # German w is v: Lawrow
        (r"tsch|tch", "ch"),  # German and French ch: Tschernyschow, Tchernychev
        (r"sch", "sh"),  # German sh: Schoigu
        (r"kh", "h"),  # Russian х: Khrushchev / Hrushchev
        (r"ph", "f"),
        (r"[jy]", "i"),  # German and French j, English y: Sergej, Sergey
        (r"\bi(?=e)", ""),  # Yevgeny / Evgueni / Jewgeni
        (r"(?:v|ff|f|p)\b", "f"),  # word-final devoiced в: Lavrov, Lavroff, Lavrốp
        (r"([a-z])\1+", r"\1"),  # doubled letters: Dmitrii / Dmitri, Philipp
    )
)


def is_cyrillic(text: str) -> bool:
    """Whether `text` has any Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


_SYLLABLES = "gazetteer/vietnamese_cyrillic.tsv"


@cache
def _vietnamese_syllables() -> dict[str, str]:
    return {cyrillic: latin for cyrillic, latin in datafiles.rows(_SYLLABLES, 2)}


def vietnamese_syllable(word: str) -> str | None:
    """The Vietnamese syllable a Cyrillic word transcribes, or None: Тхань → Thanh, and a
    Russian case ending aside, Шоном → Son."""
    syllables = _vietnamese_syllables()
    word = word.capitalize()
    stem = _CASE_ENDING.sub("", word)
    return syllables.get(word) or (syllables.get(stem) if stem != word else None)


@cache
def _latin_syllables() -> frozenset[str]:
    return frozenset(latin.lower() for latin in _vietnamese_syllables().values())


# The shape of a Vietnamese syllable without its marks: initial, vowels, final consonant.
_SYLLABLE_SHAPE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|oai|oay|uoi|ieu|yeu|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu"
    r"|uy|ye|[aeiouy])(?:ch|nh|ng|[cmnpt])?"
)


def is_vietnamese_syllable(word: str) -> bool:
    """A Latin word shaped like a syllable of Vietnamese, marks or no marks: "Quốc", "Tan"."""
    folded = fold(word)
    return folded in _latin_syllables() or bool(_SYLLABLE_SHAPE.fullmatch(folded))


def is_vietnamese_name(words: list[str]) -> bool:
    """Every word is a transcribed Vietnamese syllable, so the name is read as Vietnamese."""
    return bool(words) and all(vietnamese_syllable(w) for w in words)


@lru_cache(maxsize=4096)
def latin_name(cyrillic: str) -> str:
    """The Latin spelling of a Cyrillic name: Сергей Лавров → Sergey Lavrov."""
    words = cyrillic.split()
    if len(words) >= 2 and is_vietnamese_name(words):
        return " ".join(vietnamese_syllable(w) or w for w in words)
    return str(iuliia.WIKIPEDIA.translate(cyrillic))


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A spelling-blind key for a person's name: Sergueï Lavrov, Sergej Lawrow, Xergây Lavrốp
    and Сергей Лавров all give `sergei lavrof`; Bùi Thanh Sơn and Bui Thanh Son agree."""
    if is_cyrillic(name):
        name = latin_name(name)
    # Vietnamese ây sounds like ei (Xergây); folding would erase the circumflex that says so.
    key = fold(name.lower().replace("ây", "ei")).replace("-", " ")
    for pattern, replacement in _SOUND_RULES:
        key = pattern.sub(replacement, key)
    return key


def fuzzy_alias(name: str) -> str:
    """The key under which the table of known names files a person's spelling-blind key
    (beside the folded aliases, which never start with `~`)."""
    return "~" + name_key(name)


def vietnamese_stem(word: str) -> str:
    """A Vietnamese syllable in Cyrillic without the Russian case ending: Шоном → Шон."""
    syllables = _vietnamese_syllables()
    stem = _CASE_ENDING.sub("", word.capitalize())
    return stem if word.capitalize() not in syllables and stem in syllables else word
