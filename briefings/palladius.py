"""Chinese names written in Cyrillic, back to pinyin: Ван И → Wang Yi, Си Цзиньпин → Xi Jinping.

Russian writes Chinese syllables by the Palladius system, one Cyrillic spelling a pinyin
syllable, so the way back is a syllable table: it is built here from pinyin's initials and
finals by Palladius' rules (j and z are both цз, told apart by the vowel after them, as
q/c and x/s are). A name is a common Chinese surname followed by a given name of one or
two syllables written as one word; Palladius has no р, so Russian words seldom parse.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

_INITIALS = {
    "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л",
    "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с",
    "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с",
}  # fmt: skip
# Finals after an initial, in Cyrillic; a few initials change them (below).
_FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу",
    "an": "ань", "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "i": "и",
    "ia": "я", "ie": "е", "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян",
    "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй",
    "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ",
}  # fmt: skip
# Which finals each group of initials takes (pinyin's table, loosely): j, q and x only the
# front vowels, g, k and h never them, z, c and s and the retroflexes never them either.
_PALATAL = ("i", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong")
_OPEN = ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong")
_ROUND = ("u", "ua", "uo", "uai", "ui", "uan", "un", "uang")
_TAKES = {
    "bpmf": (*_OPEN, "i", "ie", "iao", "iu", "ian", "in", "ing", "u"),
    "dtnl": (*_OPEN, *_PALATAL, "u", "uo", "ui", "uan", "un", "v", "ve"),
    "gkh": (*_OPEN, *_ROUND),
    "jqx": (*_PALATAL, "u", "ue", "uan", "un"),
    "zcs": (*_OPEN, "i", *_ROUND),
    "zh ch sh r": (*_OPEN, "i", *_ROUND),
}
# Syllables with no initial, as pinyin writes them with y and w.
_ALONE = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй",
    "en": "энь", "eng": "эн", "er": "эр", "o": "о", "ou": "оу",
    "yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь",
    "yang": "ян", "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань",
    "yun": "юнь", "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй",
    "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн",
}  # fmt: skip
# The commonest Chinese surnames (about 85% of people in China), in pinyin.
_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo"
    " zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai"
    " jiang yu du ye cheng wei su lu ding ren shen yao jin tan liao fan dai xia zhong shi"
    " fu fang bai zou meng xiong qin qiu hou yin xue yan duan lei long shao kong mao qian"
    " cui kang gu hao wan qi wen hua lai zhai geng xi".split()
)
_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]*(?![\w-])")
# Endings Russian adds to a Chinese given name: Си Цзиньпина, Цзиньпину, Цзиньпином.
_CASE_ENDING = re.compile(r"(?:ом|а|у|е)$")


def _final(initial: str, final: str) -> str:
    if initial in ("z", "c", "s") and final == "i":
        return "ы"  # zi, ci, si: цзы, цы, сы
    if initial in ("j", "q", "x") and final.startswith("u"):
        return {"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}[final]
    if initial == "h" and final == "ui":
        return "уэй"
    return _FINALS[final]


@cache
def _syllables() -> dict[str, str]:
    """Every Palladius syllable → its pinyin."""
    table: dict[str, str] = {}
    for group, finals in _TAKES.items():
        initials = group.split() if " " in group else list(group)
        for initial in initials:
            for final in finals:
                pinyin = initial + final.replace("v", "ü")
                table.setdefault(_INITIALS[initial] + _final(initial, final), pinyin)
    for pinyin, cyrillic in _ALONE.items():
        table.setdefault(cyrillic, pinyin)
    return table


@lru_cache(maxsize=4096)
def pinyin_of(word: str) -> str | None:
    """The pinyin of a Cyrillic word of one or two Palladius syllables: Цзиньпин → Jinping."""
    lowered = word.lower()
    syllables = _syllables()
    if lowered in syllables:
        return syllables[lowered].capitalize()
    for cut in range(len(lowered) - 1, 0, -1):
        first, second = syllables.get(lowered[:cut]), syllables.get(lowered[cut:])
        # pinyin writes an apostrophe where a vowel opens the second syllable: Xi'an.
        if first and second and second[0] not in "aeo":
            return (first + second).capitalize()
    return None


def is_chinese_surname(pinyin: str) -> bool:
    """Whether a pinyin syllable is one of the commonest Chinese surnames: "Wang", "xi"."""
    return pinyin.lower() in _SURNAMES


def chinese_name(surname: str, given: str) -> str | None:
    """ "Ван", "И" → Wang Yi; "Си", "Цзиньпина" → Xi Jinping; None unless both parse."""
    family = pinyin_of(surname)
    if family is None or family.lower() not in _SURNAMES:
        return None
    name = pinyin_of(given)
    stem = _CASE_ENDING.sub("", given)
    if name is None and stem != given:
        name = pinyin_of(stem)
    return f"{family} {name}" if name else None


def chinese_names(text: str) -> list[tuple[int, int, str]]:
    """Chinese names in Palladius spelling in `text`: (start, end, pinyin name)."""
    words = list(_WORD.finditer(text))
    found = []
    for first, second in itertools.pairwise(words):
        if text[first.end() : second.start()] != " ":
            continue
        name = chinese_name(first[0], second[0])
        if name is not None:
            found.append((first.start(), second.end(), name))
    return found
