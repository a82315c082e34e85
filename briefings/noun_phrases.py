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
from itertools import pairwise

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
_RUSSIAN_ADJECTIVE = frozenset({"ADJF", "PRTF"})
Run = list[tuple[int, int, str]]
SERIES_ITEMS = 3  # "trade and energy projects" is one phrase as often as two items
CUE_WINDOW = 40  # characters before a series read for its cue: "in the fields of"
# Words after which a series lists the areas of cooperation ("cooperation in", "in the fields
# of", "such as", "discussed", "в сферах", "dans les domaines de", "di bidang"), with the
# short words that may stand between the cue and the first item: the field's general words.
_SERIES_CUES = {
    language: re.compile(rf"(?<!\w)(?:{cues})(?:\W+(?:{links}))*\W*$", re.IGNORECASE)
    for language, cues, links in (
        (
            "en",
            "cooperat\\w*|collaborat\\w*|partnership|ties|fields?|areas?|sectors?|spheres?"
            "|domains?|such as|including|discuss\\w*|focus\\w* on|on|in",
            "of|the|in|on|as|such|like|including",
        ),
        (
            "fr",
            "coopération|collaboration|partenariat|domaines?|secteurs?|notamment|tels? que"
            "|comme|dont|discut\\w*|évoqu\\w*|abord\\w*",
            "de|des|du|la|les|le|l|d|en|dans|notamment|comme",
        ),
        (
            "ru",
            "сотрудничеств\\w*|взаимодействи\\w*|партнерств\\w*|сфер\\w*|област\\w*"
            "|отрасл\\w*|направлени\\w*|включая|как|такими как|том числе|обсу\\w*",
            "в|во|на|по|таких|как|том|числе",
        ),
        ("vi", "lĩnh vực|hợp tác|như|gồm|về|thảo luận", "các|trong|như|về|là"),
        (
            "id",
            "bidang|kerja sama|kerjasama|sektor|seperti|termasuk|di|membahas",
            "di|dalam|seperti|bidang|soal|tentang|mengenai",
        ),
    )
}
# A word naming the area an item is in, which opens it in languages that put the head first.
_AREA_WORDS = {
    "vi": re.compile("lĩnh vực|ngành"),
    "id": re.compile("bidang|sektor"),
    "ru": re.compile("сфер[аеуы]|област[ьи]|отрасл[ьи]"),
    "fr": re.compile("domaines?|secteurs?"),
}
# Endings of adjectives (and participles) in the languages that put them before the noun.
_ADJECTIVE = {
    "en": re.compile(r"(?:al|ic|ed|ous|ive|ful|ary|ian|ese)$"),
    "ru": re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю|ей)$"),
}
# What joins the last item of a series to the one before it.
_SERIES_JOINS = {
    language: re.compile(rf",? (?:{words}) ", re.IGNORECASE)
    for language, words in {
        "en": "and|or|as well as",
        "fr": "et|ou",
        "ru": "и|или|а также",
        "vi": "và|hoặc|cũng như",
        "id": "dan|atau|serta",
    }.items()
}


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


def series(text: str, found: Sequence[Run], language: str) -> Iterator[tuple[Run, bool]]:
    """The items of each series `text` enumerates among its runs `found`, each with whether
    its series follows an area cue: three runs or more joined by commas, the last by a
    conjunction ("cooperation in trade, investment, energy and tourism", "trong các lĩnh vực
    nông nghiệp, giáo dục và du lịch"). Diplomatic texts list the matters two sides take up
    this way, each said once; a run longer than a phrase is a clause, not an item. A word
    naming the area itself ("lĩnh vực", "bidang", "сфере") is the cue, not the item."""
    joins = _SERIES_JOINS.get(language)
    if joins is None or ", " not in text:  # no series without a comma
        return
    longest = VI_MAX_SYLLABLES if language == "vi" else MAX_WORDS - 1
    chain: list[Run] = list(found[:1])
    for previous, run in pairwise(found):
        gap = text[previous[-1][1] : run[0][0]]
        if gap == ", ":
            chain.append(run)
            continue
        if joins.fullmatch(gap):
            chain.append(run)
            items = [_without_area(language, item) for item in chain]
            if (
                len(items) >= SERIES_ITEMS
                and all(0 < len(item) <= longest for item in items)
                and not _modifiers(language, items)
            ):
                cued = items[0] is not chain[0] or _cued(language, text, chain[0][0][0])
                yield from ((item, cued) for item in items)
        chain = [run]


def _modifiers(language: str, items: Sequence[Run]) -> bool:
    """A series of the modifiers of one head ("illegal, unreported and unregulated fishing",
    "политической, торгово-экономической и культурно-гуманитарной сферах"): every item
    before the last is one word shaped as an adjective; or, in English, of activities."""
    if language == "en" and any(len(item) > 1 and item[0][2].endswith("ing") for item in items):
        return True  # "accessing financing, buying fuel": what someone does, not matters
    shape = _ADJECTIVE.get(language)
    return shape is not None and all(
        len(item) == 1 and shape.search(item[0][2].lower()) for item in items[:-1]
    )


def _without_area(language: str, item: Run) -> Run:
    """An item without the word for an area it opens with: "lĩnh vực giáo dục" is "giáo dục"."""
    area = _AREA_WORDS.get(language)
    if area is None:
        return item
    size = 2 if language == "vi" else 1  # Vietnamese writes "lĩnh vực" as two syllables
    opening = " ".join(word.lower() for _, _, word in item[:size])
    return item[size:] if area.fullmatch(opening) else item


def _cued(language: str, text: str, start: int) -> bool:
    """Whether the words before a series name the areas or the cooperation it lists."""
    cue = _SERIES_CUES.get(language)
    return cue is not None and bool(cue.search(text[max(0, start - CUE_WINDOW) : start]))


def _is_verb(language: str, word: str, verbs: frozenset[str]) -> bool:
    if language == "ru":
        return _russian_verb(word)
    return word in verbs


@lru_cache(maxsize=8192)
def russian_adjective(word: str) -> bool:
    """pymorphy3's likeliest reading is an adjective's or a participle's full form."""
    parses = analyzer().parse(word)
    return bool(parses) and parses[0].tag.POS in _RUSSIAN_ADJECTIVE


@lru_cache(maxsize=8192)
def _russian_verb(word: str) -> bool:
    """pymorphy3's likeliest reading is a verb's form: "обсудили", "укреплять", "подчеркнув"."""
    parses = analyzer().parse(word)
    return bool(parses) and parses[0].tag.POS in _RUSSIAN_VERB
