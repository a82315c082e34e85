"""Per-line features for telling a page's story from its chrome, in any language.

Each line is described by signals that carry over between outlets and languages rather
than by any outlet's wording: length, sentence shape, stopword density in the article's
language (jusText's stop lists, about 100 languages), capitalisation, digits, list and
link markers, position relative to the story's prose, repetition within the page, and the
same signals for the lines around it. `briefings.line_model` turns them into labels.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from operator import itemgetter

import justext
import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]

# langid's codes → jusText's stop-list names, for the languages news comes in most.
JUSTEXT_LANGUAGES = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "ko": "Korean",
    "ky": "Kyrgyz", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "ne": "Nepali", "nl": "Dutch",
    "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_ENDS = '.!?…。"”»’)'
_SEPARATOR = re.compile(r"\s[|·•>»›/]\s|\s?\|\s?")
_LIST_MARKER = re.compile(r"^[-–—•*»›▪◦·>]\s?")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_TIME = re.compile(r"(?<!\d)\d{1,2}[:h.]\d{2}(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?!\d)")
# An address, a handle or a hashtag; a domain is lower case ("vietnamnews.vn"), which keeps
# "U.S." and "p.m." out.
WEB_ADDRESS = re.compile(r"(?i:https?://|www\.)|@\w|#\w|\b[a-z0-9-]{3,}\.[a-z]{2,4}\b")
# A credit closing the line: "© Name", "REUTERS/Name", "(Kyodo)", "| POOL / VIA KYODO"
_CREDIT_MARK = re.compile(
    r"[©®].{0,40}$|\w/\s?[A-Z][^/]{1,30}$|\([A-Z][^()]{1,40}\)$|[|/]\s?[A-Z ]{2,30}$"
)
_CREDIT_REACH = 60  # characters: a credit closes a line
# A story's first paragraph opens with where, when or from whom before a dash: "Astana,
# January 28, 2025 – …", "TEMPO.CO, Jakarta - …", "(NLĐO) - …", "VOV.VN - …". The comma,
# brackets or web name keep out a pair of countries ("Việt Nam - Nga …").
_LEAD_STAMP = re.compile(
    r"^(?:\([^()\s][^()]{0,28}\)|[\w-]+\.[A-Za-z]{2,4}"
    r"|[^\W\d_][\w.&'’]*(?: [^\W\d_][\w.&'’]*){0,2}(?:, [^\W_][\w.'’]*(?: [\w.'’]+){0,3}){1,2})"
    r" ?[-–—]{1,2}\s"
)
_LABEL = re.compile(r"^[^\W\d_][^:]{0,24}:\s")  # "Photo: ...", "Tags: ..."

_PROSE_MIN_WORDS = 12  # a line this long ending a sentence is the story's prose
_SHORT_WORDS = 3  # a menu item, a tag, a share button
_REACH = 10.0  # lines: distances to the prose are clipped here

LINE_FEATURES = (
    "log_words", "log_chars", "stopwords", "stopwords_vs_page", "sentence_end", "colon_end",
    "capitalised", "upper_letters", "digits", "separators", "list_marker", "year", "time",
    "numeric_date", "link", "credit_mark", "label", "lower_start", "mean_word_length",
    "one_word", "prose",
)  # fmt: skip
CONTEXT_FEATURES = (
    "log_words", "stopwords", "sentence_end", "capitalised", "prose", "digits", "link", "label",
)  # fmt: skip
PAGE_FEATURES = (
    "before_prose", "after_prose", "to_first_prose", "from_last_prose",
    "repeated", "alone_in_block", "first_line", "last_line", "shared_words",
    "paragraph_words", "paragraph_stopwords", "paragraph_end", "paragraph_lines",
    "short_run", "page_position",
)  # fmt: skip
OFFSETS = (-2, -1, 1, 2)
FEATURES = (
    *LINE_FEATURES,
    *PAGE_FEATURES,
    *(f"{name}@{offset:+d}" for offset in OFFSETS for name in CONTEXT_FEATURES),
)


@cache
def stopwords(language: str) -> frozenset[str]:
    """jusText's stop list for a langid code (English when jusText has none)."""
    return frozenset(justext.get_stoplist(JUSTEXT_LANGUAGES.get(language, "English")))


def line_features(lines: Sequence[str], blocks: Sequence[int], language: str) -> Matrix:
    """One row of `FEATURES` per line; `blocks` numbers the blank-line-separated blocks."""
    rows = [_line_row(line, language) for line in lines]
    keys = [line_keys for line_keys, _ in rows]
    own = np.array([row for _, row in rows]).reshape(len(lines), len(LINE_FEATURES))
    page = _page_features(lines, blocks, keys, own)
    columns = [LINE_FEATURES.index(name) for name in CONTEXT_FEATURES]
    context = [_shifted(own[:, columns], offset) for offset in OFFSETS]
    return np.hstack([own, page, *context])


# A source repeats its chrome lines on every page, and ingest reads its pages in a row.
@lru_cache(maxsize=8192)
def _line_row(line: str, language: str) -> tuple[frozenset[str], tuple[float, ...]]:
    """The line's longer words, folded (for `_shared_words`), and its own features (those
    that depend on it alone)."""
    words = _WORD.findall(line)
    keys = frozenset(word.casefold() for word in words if len(word) >= 4)
    return keys, tuple(_own_features(line, words, stopwords(language)))


def _own_features(line: str, words: list[str], stops: frozenset[str]) -> list[float]:
    count = len(words) or 1  # ratios over no words are 0 anyway
    letters = sum(map(len, words)) or 1
    chars = len(line) - line.count(" ") or 1
    digits = sum(map(str.isdigit, line))
    return [
        math.log1p(len(words)),
        math.log1p(len(line)),
        sum(map(stops.__contains__, map(str.casefold, words))) / count,
        0.0,  # filled in by _page_features, against the page's prose
        float(bool(line) and line[-1] in _SENTENCE_ENDS),
        float(line.endswith(":")),
        sum(map(str.isupper, map(itemgetter(0), words))) / count,
        sum(map(str.isupper, line)) / letters,
        digits / chars,
        min(len(_SEPARATOR.findall(line)), 5) / 5,
        float(bool(_LIST_MARKER.match(line))),
        *(_date_shapes(line) if digits else (0.0, 0.0, 0.0)),
        float(bool(WEB_ADDRESS.search(line))),
        float(bool(_CREDIT_MARK.search(line[-_CREDIT_REACH:]))),
        float(bool(_LABEL.match(line))),
        float(line[:1].islower()),
        min(letters / count, 12.0) / 12,
        float(len(words) <= 1),
        0.0,  # prose: filled in by _page_features, once wrapped lines are joined
    ]


def opens_with_stamp(line: str) -> bool:
    """Whether the line opens with a wire-style stamp (place, date or outlet) and a dash."""
    match = _LEAD_STAMP.match(line)
    if match is None:
        return False
    # Each part after a comma opens with a capital or a digit: "However, he –" is prose.
    parts = match.group().split(", ")
    return all(part[:1].isupper() or part[:1].isdigit() for part in parts[1:])


def _date_shapes(line: str) -> tuple[float, float, float]:
    """Whether the line holds a year, a time of day, a numeric date."""
    return (
        float(bool(_YEAR.search(line))),
        float(bool(_TIME.search(line))),
        float(bool(_NUMERIC_DATE.search(line))),
    )


def _page_features(
    lines: Sequence[str], blocks: Sequence[int], keys: list[frozenset[str]], own: Matrix
) -> Matrix:
    count = len(lines)
    block_sizes = Counter(blocks)
    has_blocks = len(block_sizes) > 1
    paragraphs = _paragraph_features(lines, blocks, has_blocks, own)
    # Prose: a paragraph (wrapped lines joined) of a dozen words or more ending a sentence.
    own[:, LINE_FEATURES.index("prose")] = np.greater_equal(
        paragraphs[0], np.log1p(_PROSE_MIN_WORDS) - 1e-9
    ) & np.equal(paragraphs[2], 1.0)
    prose = np.flatnonzero(own[:, LINE_FEATURES.index("prose")])
    first, last = (prose[0], prose[-1]) if prose.size else (count, -1)
    index = np.arange(count, dtype=np.float64)
    stop_column = LINE_FEATURES.index("stopwords")
    # statistics' median of a few floats is numpy's, at a tenth of its cost.
    page_level = statistics.median(own[prose, stop_column].tolist()) if prose.size else 0.0
    own[:, LINE_FEATURES.index("stopwords_vs_page")] = own[:, stop_column] - page_level
    folded = [line.casefold() for line in lines]
    texts = Counter(folded)
    return np.column_stack(
        [
            index < first,
            index > last,
            np.clip(first - index, -_REACH, _REACH) / _REACH,
            np.clip(index - last, -_REACH, _REACH) / _REACH,
            [texts[line] > 1 for line in folded],
            [has_blocks and block_sizes[block] == 1 for block in blocks],
            index == 0,
            index == count - 1,
            _shared_words(keys, prose),
            *paragraphs,
            _short_runs(own),
            index / max(count - 1, 1),
        ]
    ).astype(np.float64)


def _paragraph_features(
    lines: Sequence[str], blocks: Sequence[int], has_blocks: bool, own: Matrix
) -> list[list[float]]:
    """Words, stopword density, closing shape and line count of the paragraph a line is
    in, hard-wrapped lines joined: a wrapped fragment of prose looks like a menu item."""
    ends = own[:, LINE_FEATURES.index("sentence_end")].tolist()
    words = np.rint(np.expm1(own[:, LINE_FEATURES.index("log_words")])).tolist()
    stops = (own[:, LINE_FEATURES.index("stopwords")] * words).tolist()
    starts = [0]
    for i in range(1, len(lines)):
        joined = blocks[i] == blocks[i - 1] and not ends[i - 1]
        wrapped = lines[i][:1].islower() or lines[i - 1][-1:] in (",", "-", "–")
        if not (joined and (has_blocks or wrapped)):
            starts.append(i)
    columns: list[list[float]] = [[], [], [], []]
    for start, stop in zip(starts, [*starts[1:], len(lines)], strict=True):
        total = sum(words[start:stop])
        values = (
            math.log1p(total),
            sum(stops[start:stop]) / total if total else 0.0,
            ends[stop - 1],
            math.log1p(stop - start),
        )
        for column, value in zip(columns, values, strict=True):
            column.extend([value] * (stop - start))
    return columns


def _short_runs(own: Matrix) -> list[float]:
    """How long a run of short lines ending no sentence the line stands in (log): menus,
    tag lists and share buttons come in runs, a story's subheading alone."""
    short = (own[:, LINE_FEATURES.index("log_words")] <= math.log1p(_SHORT_WORDS)) & (
        own[:, LINE_FEATURES.index("sentence_end")] == 0
    )
    runs = [0.0] * len(short)
    start = 0
    for i in range(len(short) + 1):
        if i == len(short) or not short[i]:
            for j in range(start, i):
                runs[j] = math.log1p(i - start)
            start = i + 1
    return runs


def _shared_words(keys: list[frozenset[str]], prose: npt.NDArray[np.intp]) -> list[float]:
    """Of a line's longer words (folded), the share the story's prose also uses elsewhere."""
    prose_set = set(prose.tolist())
    story = Counter(key for i in prose_set for key in keys[i])
    shares = []
    for i, line_keys in enumerate(keys):
        own = i in prose_set
        shared = sum(story[key] > own for key in line_keys)
        shares.append(shared / len(line_keys) if line_keys else 0.0)
    return shares


def _shifted(values: Matrix, offset: int) -> Matrix:
    """`values` of the line `offset` away (zeros past either end of the page)."""
    shifted = np.zeros_like(values)
    if offset > 0:
        shifted[:-offset] = values[offset:]
    else:
        shifted[-offset:] = values[:offset]
    return shifted
