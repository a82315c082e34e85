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

# A capitalised word, Latin or Cyrillic, hyphenated parts allowed: "Jean-Noël".
_NAME_WORD = r"(?<![\w’'-])[^\W\d_a-zа-яё][^\W\d_]*(?:-[^\W\d_]+)*(?![\w’'-])"
_CAPITALISED = re.compile(_NAME_WORD)
# Russian case endings a foreign given name takes: Петера, Петеру, Петером.
_CASE_ENDING = re.compile(r"(?:ом|ем|ой|а|у|е|я|ю)$")
# Words a name is rarely longer than, its surname words included.
_MOST_WORDS = 4
# Lower-case particles inside a name: "da Silva", "von der Leyen", "bin Salman".
# ("di" is Indonesian "in", and Italian writes Di capitalised.)
_PARTICLES = "da|de|do|dos|das|del|della|du|van|von|der|den|bin|binti|ibn"
# The next word of a name, a space away, a particle allowed before it: "Lula da Silva".
_NEXT_NAME_WORD = re.compile(rf"[ \t]+(?:(?:{_PARTICLES})[ \t]+)?(?P<word>{_NAME_WORD})")
# The word right before a candidate, a space away.
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")


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
    resume = 0
    names = _given_names()
    # Only capitalised words are visited: most of a text is not, and is passed over in C.
    for match in _CAPITALISED.finditer(text):
        word = match[0]
        # The common case, a plain word, is one set lookup; the rest goes the long way.
        plain = word.isascii() and "-" not in word
        if (plain and word.lower() not in names) or match.start() < resume:
            continue
        if not ((plain and len(word) >= 3) or is_given_name(word)) or not is_name_word(word):
            continue
        before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before is not None and before[1][0].isupper() and is_name_word(before[1]):
            continue
        words = [match.span()]
        position = match.end()
        while len(words) < _MOST_WORDS:
            nxt = _NEXT_NAME_WORD.match(text, position)
            if nxt is None or not is_name_word(nxt["word"]):
                break
            words.append(nxt.span("word"))
            position = nxt.end()
        if len(words) >= 2:
            resume = position
            yield GivenName(words[0][0], words[-1][1], tuple(words))
