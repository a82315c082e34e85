"""Noun-phrase chunks: every matter an article might be about, whatever its head word.

The head table of `keyphrases.py` only finds phrases whose head it lists; most topics a reader
names have other heads ("halal certification", "direct flights", "туризм", "kinh tế số"). A
chunk is a run of lower-case content words with only spaces between them: punctuation, digits,
function words (`gazetteer/function_words.tsv`, closed classes and reporting verbs per
language), capitalised names and the article's verbs (English: the fitted verb table and the
article's own "will X"; Russian: words pymorphy3 reads as verbs) all end one. Each chunk yields
its sub-phrases too, up to `MAX_WORDS` words, so "maritime security" is a candidate inside
"maritime security cooperation". Which candidates are topics is for the fitted model
(`keyphrases.py`) to say; this module only proposes them, cheaply: one pass of the word pattern
over each passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefings.foreign_names import analyzer

MAX_WORDS = 4  # "liquefied natural gas supply" is a phrase; longer runs are clauses
VI_MAX_SYLLABLES = 6  # Vietnamese words are mostly two syllables: three words
# Lower-case letters of the scripts the tables cover: Latin (Vietnamese's too) and Cyrillic.
_LOWER = "".join(
    chr(c)
    for first, last in ((0x61, 0x7B), (0xDF, 0x250), (0x430, 0x460), (0x1E00, 0x1F00))
    for c in range(first, last)
    if chr(c).islower()
)
# Words with inner hyphens; an apostrophe ends a word ("Ukraine's" leaves "s").
_LOWER_WORD = re.compile(rf"(?<![\w-])[{_LOWER}][^\W\d_]*(?:-[^\W\d_]+)*(?!\w)")
_RUSSIAN_VERB = frozenset({"VERB", "INFN", "GRND", "PRTS"})
Run = list[tuple[int, int, str]]


@dataclass(frozen=True)
class Chunk:
    """A sub-phrase of a run: `text[start:end]` holds `words`; `whole` when it is the run."""

    start: int
    end: int
    words: tuple[str, ...]
    whole: bool


def chunks(
    text: str, language: str, stops: frozenset[str], verbs: frozenset[str]
) -> Iterator[Chunk]:
    """Every sub-phrase of every run of `text`'s content words."""
    for run in runs(text, language, stops, verbs):
        for i, j in sub_phrases(run, language, [True] * len(run)):
            words = tuple(word for _, _, word in run[i:j])
            yield Chunk(run[i][0], run[j - 1][1], words, j - i == len(run))


def sub_phrases(run: Run, language: str, wanted: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """The sub-phrases (first, last + 1 word) of a run made only of the words `wanted` marks:
    an article's words said once in its body cannot make a phrase said twice, so they need not
    be tried."""
    longest = VI_MAX_SYLLABLES if language == "vi" else MAX_WORDS
    size = len(run)
    vietnamese = language == "vi"
    for i in range(size):
        for j in range(i + 1, min(size, i + longest) + 1):
            if not wanted[j - 1]:
                break
            if not vietnamese or _whole_vietnamese_words(i, j, size):
                yield i, j


def _whole_vietnamese_words(start: int, end: int, size: int) -> bool:
    """A span of syllables that does not cut a two-syllable word: even, or the whole run."""
    return (end - start) % 2 == 0 or (start == 0 and end == size)


def runs(text: str, language: str, stops: frozenset[str], verbs: frozenset[str]) -> list[Run]:
    """The runs of content words of `text`, each word as (start, end, word). Only lower-case
    words are read: a name between two of them leaves more than a space in the gap."""
    russian, english = language == "ru", language == "en"
    found: list[Run] = []
    run: Run = []
    previous_end = -2
    for match in _LOWER_WORD.finditer(text):
        word = match.group()
        start = match.start()
        lowered = word.lower()
        joined = start == previous_end + 1 and text[previous_end] == " "
        content = (
            lowered not in stops
            and len(word) > 1
            and not (_russian_verb(lowered) if russian else lowered in verbs)
            # "ministers discussed maritime security": an English past form after a noun is
            # the clause's verb; opening a run it is a modifier ("liquefied natural gas").
            and not (english and joined and run and lowered.endswith("ed"))
        )
        if run and (not joined or not content):
            found.append(run)
            run = []
        if content:
            run.append((start, match.end(), word))
        previous_end = match.end()
    if run:
        found.append(run)
    return found


def _is_verb(language: str, word: str, verbs: frozenset[str]) -> bool:
    if language == "ru":
        return _russian_verb(word)
    return word in verbs


@lru_cache(maxsize=8192)
def _russian_verb(word: str) -> bool:
    """pymorphy3's likeliest reading is a verb's form: "обсудили", "укреплять", "подчеркнув"."""
    parses = analyzer().parse(word)
    return bool(parses) and parses[0].tag.POS in _RUSSIAN_VERB
