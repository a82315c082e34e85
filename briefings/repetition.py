"""Repetition across a source: a line that recurs in many stories of one outlet is chrome.

A page's footer, promo or newsletter box is written once by the site and pasted under every
story, so across the articles of one source it recurs while the stories differ. Each short
passage an article keeps is recorded by its *shape* (the line casefolded, its numbers, dates
and times collapsed), once per story: near-duplicates of one story (wire copies) count once,
so a sentence retold by several outlets' copies of the same story never becomes chrome. A
shape seen in MIN_STORIES stories and in MIN_SHARE of the source's stories since it first
appeared, or in MANY_STORIES stories, is chrome for that source (RULE, applied by the store):
later articles drop the line while being cleaned, and stored articles holding it lose that
passage (see briefings/ingest/pipeline.py).

A single page from a source never seen before has none of this; the rules and the line
classifier in cleaning.py judge it alone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from briefings.folding import squeeze_spaces
from store.line_stats import ChromeRule

# A shape is chrome once it recurs in this many different stories of its source. Fewer is
# not enough: a desk's formula ("The two sides also expressed support for the … work plan")
# recurs in a run of related stories (the synthetic corpus has runs of 3 and 4 in a few
# dozen stories); a footer is under every story, so five cost a new source five articles.
MIN_STORIES = 5
# ... and in this share of the source's stories since it first appeared: a footer is under
# nearly every story, a formula fades.
MIN_SHARE = 0.3
# ... or in this many stories, whatever the share (all within WINDOW stories, so at least a
# tenth of them): the footer of one outlet in a folder that mixes several.
MANY_STORIES = 20
# A source's stories a shape's sightings are remembered for; older sightings are forgotten,
# so the table stays bounded (a footer is seen again long before then).
WINDOW = 200
RULE = ChromeRule(MIN_STORIES, MIN_SHARE, MANY_STORIES, WINDOW)
# Passages longer than this are body prose, never counted: footers and promos are short,
# and a long paragraph repeated across a source is a retold story, not its frame.
MAX_LINE_CHARS = 250
# Short passages counted per article: a page of hundreds of list items costs no more.
MAX_LINES = 60
# Stored articles one new chrome shape re-cleans in the ingest that finds it.
RECLEAN_LIMIT = 500

_DIGITS = re.compile(r"\d+(?:[\s.,:/-]*\d+)*")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# What cleaning takes out before splitting lines: invisible characters, controls.
_UNSEEN = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Month names and their short forms in the languages the corpus holds, so that
# "October 3, 2021" and "September 29, 2021" share a shape; a date written in digits alone
# needs none. (Vietnamese writes months as "tháng 9": digits.)
_MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    januar februar märz juni juli oktober dezember
    januari februari maret mei agustus desember
    janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    """.split()
)
_PUNCTUATION = ".,;:()[]"
_ZEROS = re.compile(r"0(?:[\s,.]*0)+")

Chrome = frozenset[int]


def line_shape(line: str) -> int:
    """A line's shape as a 63-bit integer: casefolded, whitespace squeezed, every number,
    time and month name one token, so a footer stamped with each story's date or word count
    has one shape across stories."""
    words = line.casefold().split()
    text = " ".join("0" if word.strip(_PUNCTUATION) in _MONTHS else word for word in words)
    text = _ZEROS.sub("0", _DIGITS.sub("0", text))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # SQLite integers are signed 64-bit


def source_of(url: str | None, source: str) -> str:
    """Where an article comes from, for its repetition statistics: the host of its URL
    (a page or a feed entry), else what it was read from (a folder or a file)."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return source


_COUNTED = frozenset({"body", "caption"})


def counted_shapes(passages: Iterable[tuple[str, str]]) -> list[int]:
    """The shapes an article adds to its source's statistics: its short body and caption
    passages, (kind, text), each once (a title names one story; a wire dateline, kept as a
    passage of its own, repeats by nature: "MOSCOW —" heads many stories and is no chrome)."""
    shapes: dict[int, None] = {}
    for kind, text in passages:
        if kind in _COUNTED and len(text) <= MAX_LINE_CHARS:
            shapes.setdefault(line_shape(text))
        if len(shapes) >= MAX_LINES:
            break
    return list(shapes)


def is_repeated(chrome: Chrome) -> Callable[[str], bool] | None:
    """The test cleaning drops a line by: its shape is chrome for the source (None: none is)."""
    if not chrome:
        return None
    return lambda line: len(line) <= MAX_LINE_CHARS and line_shape(line) in chrome


def holds_chrome(text: str, chrome: Chrome) -> bool:
    """Whether any line of a raw text, read as cleaning reads it, has a chrome shape (one
    cleaned without knowing that shape must be cleaned again)."""
    repeated = is_repeated(chrome)
    if repeated is None:
        return False
    lines = _LINE_BREAK.split(_UNSEEN.sub("", text))
    return any(repeated(squeezed) for line in lines if (squeezed := squeeze_spaces(line)))


def chrome_passages(passages: Iterable[tuple[int, str, str]], chrome: Chrome) -> list[int]:
    """The ids of the stored (id, kind, text) passages whose shape is chrome."""
    return [
        passage_id
        for passage_id, kind, text in passages
        if kind in _COUNTED and len(text) <= MAX_LINE_CHARS and line_shape(text) in chrome
    ]
