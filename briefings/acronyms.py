"""Acronym definitions in text ("Long Form (ACR)", "ACR (Long Form)") and their expansion."""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import cache

from briefings.folding import fold_diacritics

# Minor words (articles, particles, prepositions, in several languages) an acronym may
# skip or (like the O of "Code of Conduct") take a letter from.
MINOR_WORDS = (
    frozenset(["a", "an", "and", "at", "by", "de", "der", "des", "di", "du", "for", "in"])
    | frozenset(["la", "le", "of", "on", "the", "to", "with"])
    # French, Indonesian and Russian: "Direction du développement et de la coopération (DDC)",
    # "Secrétariat d'État", "Kementerian Kelautan dan Perikanan", "Договор о коллективной …".
    | frozenset(["et", "d", "l", "à", "au", "aux", "dan", "untuk", "и", "о", "по"])
)
# A definition's long form may run past its last lettered word only into a
# prepositional tail: "Code of Conduct (C-O-C) in the East Sea".
_TAIL_STARTS = frozenset(["in", "of", "on", "for", "to", "at", "between", "among"])
_MAX_TAIL = 7
# Geographic heads a long form may open with, unlettered: "Bay of Bengal Initiative … (BIMSTEC)".
_LEADING_HEADS = frozenset(["bay", "gulf", "sea", "strait", "straits", "horn", "cape", "lake"])

_PAREN = re.compile(r"\(\s*([^()\s]{2,12})\s*\)")
_PAREN_PHRASE = re.compile(r"\(([^()]{3,120})\)")
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC_CAPS = re.compile("[А-ЯЁ]+")
# Where a long form cannot reach back past.
_BARRIER = re.compile(r"[.;:!?()\[\]|\n“”\"]")
_SHORT_BEFORE = re.compile(r"([^\W_][\w&+\-.]{1,11})\s*$")


@dataclass(frozen=True)
class Definition:
    """An acronym defined in text, with where its long form and short form stand."""

    short: str
    long: str
    long_start: int
    long_end: int
    short_start: int
    short_end: int


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def is_minor(self) -> bool:
        return self.text.casefold() in MINOR_WORDS

    @property
    def is_caps(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()


def find_definition_spans(text: str) -> list[Definition]:
    """Acronym definitions in `text` with their offsets, in reading order."""
    found = [d for m in _PAREN.finditer(text) if (d := _long_before(text, m))]
    found += [d for m in _PAREN_PHRASE.finditer(text) if (d := _short_before(text, m))]
    return sorted(found, key=lambda d: d.long_start)


def is_acronym_shape(token: str) -> bool:
    """`UNCLOS`, `G-20`, `MoFA`, `ĐSĐT`; not `L`, `Vietnam` or `2022`."""
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) + any(c.isdigit() for c in token)
    return token[0].isupper() and capitals >= 2 and capitals * 2 >= len(letters)


def is_cyrillic_acronym(token: str) -> bool:
    """`ТАСС`, `ВТО`, `ОДКБ`: Russian writes its bodies' acronyms all in capitals, 2 to 6
    letters, and, unlike English, rarely sets anything else in capitals mid-sentence."""
    return 2 <= len(token) <= 6 and token.isupper() and bool(_CYRILLIC_CAPS.fullmatch(token))


def is_cyrillic_body(token: str, neighbours: list[str], codes: Set[str]) -> bool:
    """ "ТАСС", "ВТО" in running text; not a code ("ВВП") nor a word of a capitals headline."""
    headline = any(n.isupper() and len(n) > 1 and n.isalpha() for n in neighbours)
    return is_cyrillic_acronym(token) and token not in codes and not headline


def expand(long_form: str, table: Mapping[str, str]) -> str:
    """Expand known acronyms in a long form: `UN Convention…` → `United Nations Convention…`."""
    return _WORD.sub(lambda m: table.get(m.group(0), m.group(0)), long_form)


def _long_before(text: str, paren: re.Match[str]) -> Definition | None:
    short = paren.group(1).rstrip(".")
    if not is_acronym_shape(short):
        return None
    words = _words_before(text, paren.start())
    span = _match_long_form(_letters(short), words)
    if span is None:
        return None
    first, last = _with_leading_head(words, span[0]), span[1]
    start, end = words[first].start, words[last].end
    return Definition(
        short, text[start:end], start, end, paren.start(1), paren.start(1) + len(short)
    )


def _short_before(text: str, paren: re.Match[str]) -> Definition | None:
    before = _SHORT_BEFORE.search(text, 0, paren.start())
    if before is None or not is_acronym_shape(before.group(1)):
        return None
    inner = paren.group(1)
    if _BARRIER.search(inner):
        return None
    words = [
        _Word(w.group(), paren.start(1) + w.start(), paren.start(1) + w.end())
        for w in _WORD.finditer(inner)
    ]
    span = _match_long_form(_letters(before.group(1)), words)
    if span is None or span[0] != 0 or span[1] != len(words) - 1:
        return None
    start, end = words[0].start, words[-1].end
    return Definition(before.group(1), text[start:end], start, end, before.start(1), before.end(1))


def _with_leading_head(words: list[_Word], first: int) -> int:
    """Step back over "Bay of" when the acronym skipped it: the name begins there."""
    if first >= 2 and words[first - 1].text == "of":
        head = words[first - 2].text
        if head[:1].isupper() and head.casefold() in _LEADING_HEADS:
            return first - 2
    return first


def _words_before(text: str, end: int) -> list[_Word]:
    window_start = max(0, end - 240)
    barriers = list(_BARRIER.finditer(text, window_start, end))
    if barriers:
        window_start = barriers[-1].end()
    return [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, window_start, end)]


def _letters(short: str) -> str:
    return "".join(c for c in fold_diacritics(short).casefold() if c.isalnum())


def _match_long_form(letters: str, words: list[_Word]) -> tuple[int, int] | None:
    """(first, last) words of the long form, or None: word initials first, in-word letters second.

    The long form nearest the parenthesis wins, which drops leading "the 1982" or "15th".
    """
    for in_word in (False, True):
        lower_case: int | None = None
        for first in range(len(words) - 1, -1, -1):
            last = _match_from(letters, tuple(words[first:]), in_word)
            if last is None or last < 1 or not _tail_ok(words[first + last + 1 :]):
                continue
            # A name starts with a capital where the language writes the rest in lower case:
            # "Direction du développement et de la coopération (DDC)", not "développement …".
            if words[first].text[0].isupper():
                return first, len(words) - 1
            lower_case = first if lower_case is None else lower_case
        if lower_case is not None:
            return lower_case, len(words) - 1
    return None


def _tail_ok(tail: list[_Word]) -> bool:
    return not tail or (tail[0].text.casefold() in _TAIL_STARTS and len(tail) <= _MAX_TAIL)


def _match_from(letters: str, words: tuple[_Word, ...], in_word: bool) -> int | None:
    """Index of the last word used when `letters` are spelled by `words` from the first word on."""
    if not words or not letters or fold_diacritics(words[0].text[0]).casefold() != letters[0]:
        return None
    return _spell(letters, words, 0, 0, in_word)


def _spell(letters: str, words: tuple[_Word, ...], i: int, j: int, in_word: bool) -> int | None:
    if i == len(letters):
        return j - 1
    if j == len(words):
        return None
    word = words[j]
    for taken in _takes(letters[i:], word, in_word):
        last = _spell(letters, words, i + taken, j + 1, in_word)
        if last is not None:
            return last
    if word.is_minor and j > 0:
        return _spell(letters, words, i, j + 1, in_word)
    return None


def _takes(letters: str, word: _Word, in_word: bool) -> list[int]:
    """How many of `letters` this word can supply, most first."""
    # "étrangères" gives the E of DFAE.
    folded = fold_diacritics(word.text).casefold()
    if folded[0] != letters[0]:
        return []
    if word.is_caps or folded.isdigit():
        return [
            n for n in range(min(len(folded), len(letters)), 0, -1) if folded[:n] == letters[:n]
        ]
    if not in_word:
        return [1]
    return [
        n
        for n in range(min(len(letters), len(folded)), 0, -1)
        if _is_subsequence(letters[1:n], folded[1:])
    ]


@cache
def _is_subsequence(needle: str, haystack: str) -> bool:
    rest = iter(haystack)
    return all(c in rest for c in needle)
