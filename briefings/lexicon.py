"""A question's words as the press writes them in other languages (gazetteer/question_words.tsv).

"How big was Vietnam–Russia trade?" is answered in a Russian report by «товарооборот
составил …» and in a Vietnamese one by "kim ngạch thương mại …": neither holds an English
word of the question. Each English stem maps to the starts of the words (Russian, French,
Indonesian inflect: "консультаци" holds every case) or, for Vietnamese, whose words are
syllables, the runs of syllables that say it. Everything is folded as the index folds it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from briefings import datafiles
from briefings.folding import fold
from store.fulltext import AnyOf, Match, Words

_WORD = re.compile(r"\w+")
# A foreign form opening with this many letters of the English stem is its cognate.
COGNATE_CHARS = 4
# Languages written in syllables: a form is whole words there, never a word's start.
_SYLLABIC = frozenset({"vi"})


@dataclass(frozen=True)
class Form:
    """Folded words; with `prefix`, the last one may go on ("консультаци" + "и")."""

    words: tuple[str, ...]
    prefix: bool


@cache
def _table() -> dict[str, tuple[Form, ...]]:
    forms: dict[str, list[Form]] = {}
    for root, language, written in datafiles.rows("gazetteer/question_words.tsv", 3):
        for text in written.split("|"):
            form = Form(tuple(_WORD.findall(fold(text))), language not in _SYLLABIC)
            if form.words and form not in forms.setdefault(root, []):
                forms[root].append(form)
    return {root: tuple(found) for root, found in forms.items()}


def foreign_forms(root: str) -> tuple[Form, ...]:
    """How the other languages write the English stem `root`; () when the table has none."""
    return _table().get(root, ())


def words_of(text: str) -> list[str]:
    """`text`'s folded words in order, as `holds` reads them."""
    return _WORD.findall(fold(text))


def holds(words: Sequence[str], forms: Sequence[Form]) -> bool:
    """Whether the folded `words` of a text hold one of `forms`."""
    return _pattern(tuple(forms)).search(" ".join(words)) is not None


def starts(words: Sequence[str], forms: Sequence[Form]) -> list[int]:
    """The indexes of the folded `words` where one of `forms` begins."""
    joined = " ".join(words)
    return [joined.count(" ", 0, m.start()) for m in _pattern(tuple(forms)).finditer(joined)]


@lru_cache(maxsize=4096)
def _pattern(forms: tuple[Form, ...]) -> re.Pattern[str]:
    # One pattern over the words joined by spaces: a text is scanned once, not once a form.
    written = [" ".join(f.words) + (r"\w*" if f.prefix else "") for f in forms]
    return re.compile(r"(?<!\S)(?:" + "|".join(written) + r")(?!\S)")


def any_foreign(roots: Sequence[str]) -> Match | None:
    """A query for passages holding a form of any of `roots` (None when none):
    a single word as a prefix, a run of syllables as a phrase."""
    # A form sharing the English word's start ("visit", "consultation", "coopération") is
    # found by the English search already, and searched again it costs the most.
    found = dict.fromkeys(
        form for root in roots for form in foreign_forms(root) if not _cognate(form, root)
    )
    return AnyOf(tuple(Words(tuple(f.words), f.prefix) for f in found)) if found else None


def _cognate(form: Form, root: str) -> bool:
    first = form.words[0]
    return len(form.words) == 1 and first[:COGNATE_CHARS] == root[:COGNATE_CHARS]
