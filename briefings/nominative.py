"""Russian names and phrases put back in the nominative for the reader: the store keeps every
form an article wrote ("Лавровым", "стратегического партнерства"), since later articles are
matched on them, but a user is shown "Лавров" and "стратегическое партнерство".

pymorphy3 inflects what its dictionary knows; a foreign name it does not know loses its case
ending by the rules of foreign_names ("Коммаситом" → "Коммасит").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from briefings.folding import fold
from briefings.foreign_names import analyzer, case_nominatives, is_russian_name, russian_nominative
from briefings.transliteration import is_cyrillic, is_vietnamese_name, vietnamese_stem

_WORD = re.compile(r"\S+")
# Words that agree with the noun they stand before: adjectives, participles, ordinal numbers.
_AGREEING = ("ADJF", "PRTF", "NUMR")


@lru_cache(maxsize=4096)
def nominative(text: str, of: str = "") -> str:
    """`text` in the nominative where it is Russian: a name ("Сергеем Лавровым" → "Сергей
    Лавров", "Буй Тхань Шоном" → "Буй Тхань Шон") or a noun phrase, whose words up to its
    head noun agree ("саммиту АСЕАН" → "саммит АСЕАН"); other text as it is. `of`, the
    entity's name, chooses between readings of one word ("Лаврова": Lavrov or Lavrova)."""
    words = text.split()
    if not words or not is_cyrillic(text) or len(words) > 6:
        return text
    if is_vietnamese_name(words):
        return " ".join(vietnamese_stem(w) for w in words)
    if words[0][0].isupper() and len(words) <= 3:
        if len(words) > 1 and is_russian_name(words):
            return russian_nominative(words) or case_nominatives(text)[0]
        if len(words) == 1:
            named = russian_nominative(words, of)
            if named:
                return named
        if all(w[0].isupper() for w in words) and not _head(words):
            return case_nominatives(text)[0]
    return _noun_phrase(words) or text


def _head(words: list[str]) -> int | None:
    """The first word whose likeliest reading is a noun."""
    for n, word in enumerate(words):
        if not word.replace("-", "").isalpha() or word.isupper():
            return None
        best = analyzer().parse(word)[0]
        if "NOUN" in best.tag and best.is_known:
            return n
        if not any(part in best.tag for part in _AGREEING):
            return None
    return None


def _noun_phrase(words: list[str]) -> str | None:
    """Words up to the head noun put in the nominative, agreeing with it; its complements
    ("президента России") as they are."""
    head = _head(words)
    if head is None:
        return None
    noun = analyzer().parse(words[head])[0]
    number = noun.tag.number or "sing"
    head_form = _inflected(noun, {"nomn", number}, words[head])
    if head_form is None:
        return None
    changed = [head_form]
    wanted = {"nomn", number} | (
        {str(noun.tag.gender)} if number == "sing" and noun.tag.gender else set()
    )
    for word in reversed(words[:head]):
        reading = next(
            (p for p in analyzer().parse(word) if any(a in p.tag for a in _AGREEING)), None
        )
        form = _inflected(reading, wanted, word) if reading is not None else None
        if form is None:
            return None
        changed.insert(0, form)
    return " ".join([*changed, *words[head + 1 :]])


def _inflected(reading: Any, grammemes: set[str], written: str) -> str | None:
    form = reading.inflect(grammemes)
    if form is None:
        return None
    word = str(form.word)
    if "ё" not in written.lower():  # the dictionary's ё where the article wrote е
        word = word.replace("ё", "е")
    return word.capitalize() if written[0].isupper() else word


def shown_aliases(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """The other names an entity is shown with: each in the nominative, once, and not its
    own name again ("Лавровым", "Лаврова" and "Лавров" of Sergey Lavrov are one "Лавров")."""
    shown = {fold(name): name}
    for alias in aliases:
        shown.setdefault(fold(nominative(alias, name)), nominative(alias, name))
    return tuple(list(shown.values())[1:])
