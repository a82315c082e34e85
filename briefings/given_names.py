"""People named by a given name, in any language and with no cue around them.

English text names most people after a role or a verb of saying, which the other finders
read; a French, Indonesian or Russian story as often just names them: "Justin Trudeau vit
ses derniers jours", "Петер Сийярто". A capitalised word that is a given name somewhere in
the world (`gazetteer/given_names.txt`, from Faker's locales by scripts/given_names.py),
followed by words shaped like the rest of a name, is such a person. Cyrillic words are
looked up by their Latin spelling (Петер → Peter, Кая → Kaya, filed as Kaja), Russian
case endings aside (Петера).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from briefings import datafiles
from briefings.folding import fold
from briefings.transliteration import is_cyrillic, latin_name

# A word that may stand in a name, Latin or Cyrillic, hyphenated parts allowed: "Jean-Noël".
_WORD = re.compile(r"(?<![\w’'-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")
_SPACE = re.compile(r"[ \t]+")
# Russian case endings a foreign given name takes: Петера, Петеру, Петером.
_CASE_ENDING = re.compile(r"(?:ом|ем|ой|а|у|е|я|ю)$")
# Given names a name is rarely longer than, its surname words included.
_MOST_WORDS = 4


@dataclass(frozen=True)
class GivenName:
    """The words of a name at [start, end), the first of them a given name."""

    start: int
    end: int
    words: tuple[tuple[int, int], ...]


@cache
def _given_names() -> frozenset[str]:
    return frozenset(datafiles.lines("gazetteer/given_names.txt"))


@lru_cache(maxsize=1 << 14)
def is_given_name(word: str) -> bool:
    """Someone's given name: "Mark", "Jean-Noël" (each part one), "Петер", "Кая"."""
    if "-" in word:
        return all(is_given_name(part) for part in word.split("-"))
    if len(word) < 3 or not word[0].isupper():
        return False
    if is_cyrillic(word):
        stem = _CASE_ENDING.sub("", word)
        return any(_latin_given(w) for w in {word, stem} if len(w) >= 3)
    return fold(word) in _given_names()


def _latin_given(cyrillic: str) -> bool:
    # Russian writes j as й and y-sounds with я/ю: "Кая" reads Kaya, the name is Kaja.
    key = fold(latin_name(cyrillic))
    return key in _given_names() or key.replace("y", "j") in _given_names()


def names_from_given(text: str, is_name_word: Callable[[str], bool]) -> Iterator[GivenName]:
    """Runs of name words led by a given name, two words or more, each run once; a run
    does not start inside another name ("Ho Chi Minh"), but may after a word that names no
    one ("Selon Mark Carney", "President Donald Trump")."""
    words = [m.span() for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        word = text[slice(*words[i])]
        if not (is_given_name(word) and is_name_word(word)) or (
            _joined(text, words, i - 1, i) and is_name_word(text[slice(*words[i - 1])])
        ):
            i += 1
            continue
        run = [words[i]]
        while len(run) < _MOST_WORDS and i + len(run) < len(words):
            j = i + len(run)
            if not (_joined(text, words, j - 1, j) and is_name_word(text[slice(*words[j])])):
                break
            run.append(words[j])
        if len(run) >= 2:
            yield GivenName(run[0][0], run[-1][1], tuple(run))
        i += len(run)


def _joined(text: str, words: list[tuple[int, int]], before: int, after: int) -> bool:
    """The two words stand in one capitalised run: a space between, both capitalised."""
    if before < 0:
        return False
    between = text[words[before][1] : words[after][0]]
    return (
        bool(_SPACE.fullmatch(between))
        and text[words[before][0]].isupper()
        and text[words[after][0]].isupper()
    )
