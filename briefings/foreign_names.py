"""People named in text that is not English: after a role word of its language, and, in
Russian, by the morphology of Russian names.

Russian names are not found by a trained tagger but by their grammar: a run of capitalised
Cyrillic words that pymorphy3's dictionary (OpenCorpora, with given names, patronymics and
surnames tagged) reads as given name, patronymic and surname agreeing in case and gender, or
that are all Vietnamese syllables as Russian transcribes them. The same dictionary gives the
nominative of an inflected form (Лавровым → Лавров, Захаровой → Захарова). natasha's Slovnet
tagger was the alternative: its wheel alone is 34 MB (with navec embeddings, slovnet and
pymorphy2 behind it), against 8.5 MB for pymorphy3 and its dictionary, and it would still
need the same morphology to put names in the nominative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from typing import Any

from briefings.folding import fold_diacritics
from briefings.gazetteer import Gazetteer, load, phrase_key
from briefings.palladius import chinese_names
from briefings.transliteration import (
    is_cyrillic,
    is_vietnamese_name,
    latin_name,
    vietnamese_syllable,
)

_CYRILLIC_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_CYRILLIC_RUN = re.compile(rf"(?<![\w-]){_CYRILLIC_WORD}(?:[ \t]+{_CYRILLIC_WORD})*(?![\w-])")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_NAME_PARTS = ("Name", "Patr", "Surn")
# The least share of pymorphy3's estimate a reading needs to count: "Республики" has none
# as a name, "Лавров" most of it as a surname.
_LEAST_SCORE = 0.04
_MAX_NAME_WORDS = 4
# One or two initials and a surname: "С.В.Лавров", "В. В. Путиным", "М.Рубио".
_INITIALLED = re.compile(
    rf"(?<![\w.-])(?P<initials>(?:[А-ЯЁ]\.[ \t]?){{1,2}})(?P<surname>{_CYRILLIC_WORD})(?![\w-])"
)
_NEXT_WORD = re.compile(r"[ \t]*([^\W\d_][\w’'-]*)")
# One capital letter with no point after it: a syllable of a Chinese name (Ван И), no initial.
_LONE_SYLLABLE = re.compile(r"[ \t]+[А-ЯЁ](?![\w.])")
# Words that head a body's name, never a person's, folded: Vietnamese "Bộ Ngoại giao" (its
# lower-case second syllables leave "Bộ Ngoại" looking like a name), Indonesian "Kementerian".
_BODY_HEADS = frozenset({"bo", "kementerian", "badan", "dewan", "komisi", "ministere"})


@dataclass(frozen=True)
class ForeignName:
    """A person named at [start, end): `name` in Latin script and the nominative; one-word
    references carry every nominative they may stand for, likeliest first, in `variants`."""

    start: int
    end: int
    name: str
    role: str | None = None
    country: str | None = None
    variants: tuple[str, ...] = ()
    # Named after a role, title or verb of saying: a person even when no one else knows it.
    cued: bool = False
    # The given name's initial, in Latin, where the text gives initials: "С.В.Лавров" → "S".
    initial: str | None = None
    # A name Russian grammar does not know, in a case other than the nominative: what its
    # nominative may be, in Cyrillic, likeliest first ("Салеумсаем Коммаситом" → "Салеумсай
    # Коммасит", …), for the article or the store to choose among.
    nominatives: tuple[str, ...] = ()


@cache
def _analyzer() -> Any:
    import pymorphy3  # loaded only once a Russian article comes: 0.25 s and 16 MB

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1 << 14)
def _readings(word: str) -> tuple[Any, ...]:
    """pymorphy3's readings of a word as part of a person's name."""
    return tuple(
        p
        for p in _analyzer().parse(word)
        if p.score >= _LEAST_SCORE and any(part in p.tag for part in _NAME_PARTS)
    )


def russian_names(text: str) -> Iterator[ForeignName]:
    """People named in a Russian passage, full names and one-word references."""
    initialled = list(_initialled_names(text))
    yield from initialled
    chinese = list(_chinese_names(text))
    yield from chinese
    taken = {found.end for found in initialled} | {
        end for found in chinese for end in (found.end, text.index(" ", found.start))
    }
    for run in _CYRILLIC_RUN.finditer(text):
        words = [(m.start() + run.start(), m.end() + run.start()) for m in _WORD.finditer(run[0])]
        yield from _names_in_run(text, [w for w in words if w[1] not in taken])


def _chinese_names(text: str) -> Iterator[ForeignName]:
    """ "Ван И", "Си Цзиньпином": Chinese names in Palladius spelling, in pinyin."""
    for start, end, name in chinese_names(text):
        given = text[start:end].split()[-1]
        # "У Вас" is no Wu: a given name Russian knows as a word of its own is no name.
        if len(given) < 3 or not _is_common_word(given):
            yield ForeignName(start, end, name, cued=True)


def _initialled_names(text: str) -> Iterator[ForeignName]:
    """Surnames after initials, as the Foreign Ministry writes them: "С.В.Лаврова" may be
    Lavrov or Lavrova, "М.Рубио" as written; the initial is kept to check the given name."""
    for match in _INITIALLED.finditer(text):
        variants = _initialled_surname(match)
        if variants:
            initial = latin_name(match["initials"][0])
            # Initials before a surname are a person's even when no one else knows the
            # name: a Foreign Ministry transcript may never spell "Сергей" out.
            yield ForeignName(
                match.start(),
                match.end(),
                variants[0],
                variants=variants,
                cued=True,
                initial=initial,
            )


def _initialled_surname(match: re.Match[str]) -> tuple[str, ...]:
    """What the surname after initials may be in the nominative, in Latin: "Рубио" as is."""
    surname = match["surname"]
    variants = _surname_nominatives(surname)
    if not variants and not _is_common_word(surname):
        variants = (latin_name(surname),)
    return variants


def _names_in_run(text: str, words: list[tuple[int, int]]) -> Iterator[ForeignName]:
    """Split a run at words that cannot be part of a name ("России Сергей Лавров")."""
    segment: list[tuple[int, int]] = []
    for start, end in [*words, (-1, -1)]:
        word = text[start:end]
        if start >= 0 and (
            is_vietnamese_name([word]) or _readings(word) or _town_surname(text, segment, word)
        ):
            segment.append((start, end))
            continue
        if segment:
            found = _segment_name(text, segment)
            if found is not None:
                yield found
        segment = []


# Russian surnames' endings, which many towns share: Кашин, Королёв, Чехов, Пушкин.
_SURNAME_SHAPE = re.compile(r"[А-ЯЁ][а-яё]+(?:ин|ын|ов|ев|ёв)(?:а|у|ым|ом|е)?")


def _town_surname(text: str, segment: list[tuple[int, int]], word: str) -> bool:
    """A surname the dictionary knows only as a town, right after a given name: "Василий
    Кашин" (Kashin is a town on the Volga)."""
    if not segment or not _SURNAME_SHAPE.fullmatch(word):
        return False
    given = text[slice(*segment[-1])]
    return any("Name" in p.tag for p in _readings(given)) and bool(_town_readings(word))


@lru_cache(maxsize=1 << 12)
def _town_readings(word: str) -> tuple[Any, ...]:
    return tuple(p for p in _analyzer().parse(word) if "Geox" in p.tag and p.score >= _LEAST_SCORE)


def _segment_name(text: str, words: list[tuple[int, int]]) -> ForeignName | None:
    words = words[-_MAX_NAME_WORDS:]
    start, end = words[0][0], words[-1][1]
    written = [text[s:e] for s, e in words]
    if len(words) >= 2 and is_vietnamese_name(written):
        return ForeignName(start, end, latin_name(" ".join(written)))
    if len(words) >= 2:
        nominative = _full_name(written)
        if nominative is None:  # "Москва Лавров": only the last word is taken, alone
            return _segment_name(text, words[-1:])
        return ForeignName(start, end, latin_name(nominative))
    # One Vietnamese syllable is the given name a Vietnamese is called by: "Шон" for Son.
    syllable = vietnamese_syllable(written[0])
    variants = (syllable,) if syllable else _surname_nominatives(written[0])
    if not variants:
        return None
    return ForeignName(start, end, variants[0], variants=variants)


def _full_name(words: Sequence[str]) -> str | None:
    """Given name (+ patronymic) + surname agreeing in case and gender, in the nominative."""
    if len(words) > 3:
        return None
    wanted = ("Name", "Patr", "Surn") if len(words) == 3 else ("Name", "Surn")
    pairs = zip(words, wanted, strict=True)
    options = [[p for p in _readings(w) if part in p.tag] for w, part in pairs]
    if not options[-1] and _SURNAME_SHAPE.fullmatch(words[-1]):
        options[-1] = list(_town_readings(words[-1]))
    if not all(options):
        return None
    for first in options[0]:
        case, gender = first.tag.case, first.tag.gender
        chosen = [first]
        for later in options[1:]:
            same = [p for p in later if p.tag.case == case and _same_gender(p.tag.gender, gender)]
            if not same:
                break
            chosen.append(same[0])
        else:
            return " ".join(_nominative(p) for p in chosen)
    return None


def _same_gender(one: object, other: object) -> bool:
    # pymorphy3 hands back grammeme objects whose == raises on a grammeme outside their set
    # ("ms-f", common gender, is one): compare their names.
    names = {str(one) if one is not None else None, str(other) if other is not None else None}
    return len(names) == 1 or "ms-f" in names or None in names


def _nominative(reading: Any) -> str:
    """The reading put in the nominative singular, keeping its gender: Захаровой → Захарова."""
    inflected = reading.inflect({"nomn", "sing"}) or reading
    return "-".join(part.capitalize() for part in str(inflected.word).split("-"))


def _surname_nominatives(word: str) -> tuple[str, ...]:
    """What a one-word reference may be in Latin, likeliest first: Лаврова → Lavrov, Lavrova."""
    found: list[str] = []
    for reading in _readings(word):
        if "Surn" in reading.tag:
            latin = latin_name(_nominative(reading))
            if latin not in found:
                found.append(latin)
    return tuple(found)


# --- role words of other languages ----------------------------------------------------------


@cache
def _role_pattern() -> re.Pattern[str]:
    """A role of another language, a country word allowed inside and after it; Russian words
    with any case ending (министром иностранных дел)."""
    gazetteer = load()
    country = "|".join(re.escape(w) for w in sorted(gazetteer.country_words, key=len)[::-1])
    between = rf"\s+(?:(?:{country})\s+)?"
    roles = sorted(gazetteer.foreign_roles, key=len)[::-1]
    one = "|".join(between.join(_role_word(w) for w in role.split()) for role in roles)
    # "Menteri Luar Negeri (Menlu) Sugiono": the role's short form may stand in brackets.
    return re.compile(
        rf"(?<![\w-])(?:(?P<before>{country})\s+)?(?P<role>{one})"
        rf"(?:\s+(?P<after>{country}))?(?![\w-])(?:[ \t]+\([^()\n]{{1,12}}\))?[ \t]*,?",
        re.IGNORECASE,
    )


def _role_word(word: str) -> str:
    # "secrétaire d’État": either apostrophe.
    written = re.escape(word).replace("'", "['’]")
    return written + ("[а-яё]{0,3}" if re.search("[а-яё]", word) else "")


def role_names(text: str, places: Gazetteer | None = None) -> Iterator[ForeignName]:
    """People named right after a role word of another language, with role and country;
    `places` (the article language's gazetteer) names a country standing between the two:
    "Menteri Luar Negeri Australia Penny Wong"."""
    gazetteer = load()
    folded = fold_diacritics(text).lower()
    if len(folded) != len(text):  # offsets must hold between the two
        return
    for match in _role_pattern().finditer(folded):
        role = _role_of(match["role"])
        position, named_country = _country_after(text, match.end(), places or gazetteer)
        after = _name_after(text, position, places or gazetteer)
        if role is None or after is None:
            continue
        start, end, name, nominatives = after
        # "Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình": a second role, not a name,
        # follows the first; the name is the second role's.
        if _role_pattern().match(folded, start):
            continue
        between = folded[match.end() : start].split()
        words = [match["before"], match["after"], *match["role"].split(), *between]
        country = named_country or next(
            (gazetteer.country_words[w] for w in words if w in gazetteer.country_words), None
        )
        # A role of "" is a title (ông, Mme): it introduces a name and says no office.
        single = () if " " in name or is_cyrillic(name) else (name,)
        yield ForeignName(
            start,
            end,
            name,
            role=role or None,
            country=country,
            variants=single,
            cued=True,
            nominatives=nominatives,
        )


def last_role(text: str) -> tuple[int, int, str, str | None] | None:
    """The last role of another language in `text`: its span, English role and country."""
    gazetteer = load()
    folded = fold_diacritics(text).lower()
    if len(folded) != len(text):
        return None
    found = None
    for match in _role_pattern().finditer(folded):
        role = _role_of(match["role"])
        if role:
            words = [match["before"], match["after"], *match["role"].split()]
            country = next(
                (gazetteer.country_words[w] for w in words if w in gazetteer.country_words), None
            )
            found = (match.start(), match.end(), role, country)
    return found


def _country_after(text: str, position: int, places: Gazetteer) -> tuple[int, str | None]:
    """Past a country or body named right after a role ("Sekretaris Jenderal Partai Komunis
    Vietnam To Lam"), and the country (English name) if it is one."""
    # Later words may be lower case: Vietnamese capitalises one syllable of "Bộ Ngoại giao".
    words = list(_capitalised_words(text, position, _MAX_NAME_WORDS + 1, first_only=True))
    for size in range(len(words) - 1, 0, -1):  # a name must still follow
        key = phrase_key(text[words[0][0] : words[size - 1][1]])
        for alias in places.lookup(key):
            if alias.entry.is_country or alias.entry.kind == "organization":
                country = alias.entry.name if alias.entry.is_country else None
                return words[size - 1][1], country
    return position, None


def _capitalised_words(
    text: str, position: int, most: int, first_only: bool = False
) -> Iterator[tuple[int, int]]:
    for count in range(most):
        match = _NEXT_WORD.match(text, position)
        if match is None or not (match[1][0].isupper() or (first_only and count)):
            return
        yield match.span(1)
        position = match.end()


def _role_of(written: str) -> str | None:
    """The English role of a matched role phrase, its country word and case endings aside."""
    gazetteer = load()
    # "secrétaire d’État": the table writes the plain apostrophe.
    words = [w for w in written.replace("’", "'").split() if w not in gazetteer.country_words]
    # Exactly as written first: "thuong tuong" (Thượng tướng) only starts like "thu tuong".
    exact = gazetteer.foreign_roles.get(" ".join(words))
    if exact is not None:
        return exact[0]
    for key, (role, _) in gazetteer.foreign_roles.items():
        parts = key.split()
        if len(parts) == len(words) and all(map(str.startswith, words, parts)):
            return role
    return None


_Found = tuple[int, int, str, tuple[str, ...]]


def _name_after(text: str, position: int, places: Gazetteer) -> _Found | None:
    """The capitalised words right after `position`, in Latin script and the nominative, and
    the nominatives a name Russian does not know may have."""
    # "Министра иностранных дел Российской Федерации С.В.Лаврова"
    initialled = _INITIALLED.match(
        text, position + len(text[position:]) - len(text[position:].lstrip(" \t"))
    )
    variants = _initialled_surname(initialled) if initialled else ()
    if initialled and variants:
        return initialled.start(), initialled.end(), variants[0], ()
    # Twice a name's length: a Russian name may follow the country's full style first.
    words = list(_capitalised_words(text, position, 2 * _MAX_NAME_WORDS))
    if not words:
        return None
    written = [text[s:e] for s, e in words]
    if not re.search(r"[А-яЁё]", written[0]):
        latin = _latin_name(text, words[:_MAX_NAME_WORDS], places)
        return (*latin, ()) if latin else None
    chinese = next(_chinese_names(text[words[0][0] : words[-1][1]]), None)
    if chinese is not None and chinese.start == 0:  # "министром иностранных дел КНР Ван И"
        return words[0][0], words[0][0] + chinese.end, chinese.name, ()
    # "министр иностранных дел Социалистической Республики Вьетнам Буй Тхань Шон"
    named = next(_names_in_run(text, words), None)
    if named is not None and _LONE_SYLLABLE.match(text, named.end):
        return None  # "Ван И": Russian grammar read half of a name it does not know
    if named is not None:
        return named.start, named.end, named.name, ()
    return _foreign_name_in_cyrillic(text, words, places)


def _latin_name(
    text: str, words: list[tuple[int, int]], places: Gazetteer
) -> tuple[int, int, str] | None:
    """The name's words up to one that names no one: a role word or an acronym ("Menlu
    Sugiono Bertemu Menlu Vietnam" in a headline); no name starts with a known place or body
    (later words may be one: Trần Đức Lương); "Jr." keeps its point."""
    roles = load().foreign_roles
    if _starts_with_place(text, words, places):
        return None
    for count, (start, end) in enumerate(words):
        word = text[start:end]
        if (
            (not count and fold_diacritics(word).lower() in _BODY_HEADS)
            or fold_diacritics(word).lower() in roles
            or (len(word) > 2 and word.isupper())
        ):
            words = words[:count]
            break
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    if text[start:end].endswith((" Jr", " Sr")) and text.startswith(".", end):
        end += 1
    return start, end, text[start:end]


def _starts_with_place(text: str, words: list[tuple[int, int]], places: Gazetteer) -> bool:
    """The words open with a known place or body: "Bộ trưởng Ngoại giao Ấn Độ" at a line's
    end, where no name follows the country."""
    return any(places.lookup(phrase_key(text[words[0][0] : end])) for _, end in words)


def _foreign_name_in_cyrillic(
    text: str, words: list[tuple[int, int]], places: Gazetteer
) -> _Found | None:
    """A name Russian grammar does not know, right after a role: "министр Индонезии Сугионо"
    (an Indonesian one) is taken as written, in Latin, once known places are passed."""
    # "Республики Индонезии Сугионо": the country's style is passed with the country.
    while words and (
        places.lookup(phrase_key(text[slice(*words[0])])) or _is_common_word(text[slice(*words[0])])
    ):
        words = words[1:]
    words = words[:_MAX_NAME_WORDS]
    if not words or any(
        places.lookup(phrase_key(text[s:e])) or not _may_be_name(text[s:e]) for s, e in words
    ):
        return None
    nominatives = case_nominatives(text[words[0][0] : words[-1][1]])
    return words[0][0], words[-1][1], latin_name(nominatives[0]), nominatives


# Case endings Russian gives a foreign name its dictionary does not know, after a stem of three
# letters or more: instrumental -ом/-ем/-ым/-им, genitive -а/-я, dative -у/-ю, prepositional -е.
_OBLIQUE_ENDING = re.compile(r"(?<=[а-яё]{3})(?:ом|ем|ым|им|а|я|у|ю|е)$")
# The instrumental endings no foreign nominative is likely to end in, "-им" aside (Ибрагим).
_INSTRUMENTAL = ("ом", "ем", "ым")
_VOWELS = "аеёиоуыэюя"


def word_nominatives(word: str) -> tuple[str, ...]:
    """What a foreign name's word may be in the nominative, likeliest first: "Коммаситом" →
    Коммасит; "Салеумсаем" → Салеумсай (the й a vowel stem drops before -ем, -я, -ю, -е);
    "Каллас" as is; "Сугиона" as written first, since many names end in -а."""
    match = _OBLIQUE_ENDING.search(word)
    if match is None:
        return (word,)
    stem, ending = word[: match.start()], match[0]
    if stem[-1] in _VOWELS:
        stem += "й" if ending in ("ем", "я", "ю", "е") else ""
        if stem[-1] in _VOWELS:  # "Рубиоа" is no Russian form
            return (word,)
    return (stem, word) if ending in _INSTRUMENTAL else (word, stem)


def case_nominatives(written: str) -> tuple[str, ...]:
    """The nominatives a name of foreign words may stand for, likeliest first: the words agree
    in case, so each is read in the same way as the others ("Салеумсаем Коммаситом" →
    "Салеумсай Коммасит", then as written)."""
    options = [word_nominatives(w) for w in written.split()]
    found: list[str] = []
    for combination in product(*options):
        name = " ".join(combination)
        if name not in found:
            found.append(name)
    found.sort(
        key=lambda name: sum(opts.index(w) for opts, w in zip(options, name.split(), strict=True))
    )
    return tuple(found)


def _may_be_name(word: str) -> bool:
    """A word of two letters or more that Russian does not know as a common word: not the
    initial "С" of "С.В.Лавров", nor "Министром"."""
    return sum(c.isalpha() for c in word) >= 2 and not _is_common_word(word)


@lru_cache(maxsize=1 << 14)
def _is_common_word(word: str) -> bool:
    """pymorphy3's likeliest reading is a word of its dictionary and no part of a name."""
    best = _analyzer().parse(word)[0]
    return bool(best.is_known) and not any(part in best.tag for part in _NAME_PARTS)


# --- reported speech ---------------------------------------------------------------------------

# Verbs of saying with the speaker after them, where a language puts the speaker there:
# French "a déclaré Kaja Kallas", "selon X"; Indonesian "kata Sugiono", "menurut X".
_SAID = {
    "fr": r"(?:a|ont|avait)\s+(?:déclaré|affirmé|dit|indiqué|souligné|estimé|ajouté|expliqué"
    r"|assuré|rappelé|précisé|lancé|annoncé|averti)|selon|d['’]après|explique|déclare|affirme"
    r"|estime|souligne|ajoute|assure|précise",
    "id": r"kata|ujar|ungkap|tutur|jelas|menurut|ucap|tegas",
}


@cache
def _said_pattern(language: str) -> re.Pattern[str] | None:
    verbs = _SAID.get(language)
    return re.compile(rf"(?<![\w-])(?:{verbs})(?=[ \t]+[^\W\d_])", re.IGNORECASE) if verbs else None


def said_names(text: str, language: str | None, places: Gazetteer) -> Iterator[ForeignName]:
    """Speakers named right after a verb of saying, in languages that put them there."""
    pattern = _said_pattern(language or "")
    if pattern is None:
        return
    for match in pattern.finditer(text):
        words = list(_capitalised_words(text, match.end(), _MAX_NAME_WORDS))
        if not words or places.lookup(phrase_key(text[words[0][0] : words[-1][1]])):
            continue
        if any(places.lookup(phrase_key(text[s:e])) for s, e in words):
            continue
        name = text[words[0][0] : words[-1][1]]
        single = () if " " in name else (name,)
        yield ForeignName(words[0][0], words[-1][1], name, variants=single, cued=True)


def is_russian_name(words: Sequence[str]) -> bool:
    """Russian grammar reads the words as one name, in some case: "Сергея Лаврова" (and puts
    it in the nominative), but not "Кая Каллас", whose surname it does not know."""
    return _full_name(words[:3]) is not None


def analyzer() -> Any:
    """pymorphy3's analyser, shared with the modules that put Russian back in the nominative."""
    return _analyzer()


def russian_nominative(words: Sequence[str], of: str = "") -> str | None:
    """A Russian name in the nominative, in Cyrillic: "Сергеем Лавровым" → "Сергей Лавров";
    one word by the reading that spells a word of `of` (the person's name) if one does:
    "Лаврова" of Sergey Lavrov is "Лавров", of Mariya Lavrova "Лаврова"."""
    if len(words) > 1:
        return _full_name(words[:3]) if len(words) <= 3 else None
    forms = list(dict.fromkeys(_nominative(p) for p in _readings(words[0])))
    wanted = {fold_diacritics(w).lower() for w in of.split()}
    spelled = [f for f in forms if fold_diacritics(latin_name(f)).lower() in wanted]
    return (spelled or forms or [""])[0] or None
