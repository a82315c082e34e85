"""The offline summary: sentences quoted from the articles, scored, de-duplicated, dated.

A claim is always a sentence, or a sentence cut at a clause boundary, that stands verbatim
in the article it cites, so a citation can never be wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from briefings.folding import fold
from briefings.model import PartialDate, YearSource
from briefings.sentences import sentence_spans
from store.records import DateRecord, PassageHit

LONG_SENTENCE_WORDS = 45
SHORT_SENTENCE_WORDS = 6
# Two sentences this similar (0-100) say the same thing: one claim, both sources.
SAME_SENTENCE = 88.0
ELLIPSIS = "…"
# "N more" is counted among this many best candidates; beyond it the count says "at least".
MORE_HORIZON = 200
_WORD = re.compile(r"\w+")
# Verbs of reported speech and diplomatic action: a sentence using one says who did what.
# Looked up word by word: a regex alternation tried at every character costs about three
# times as much, and a text without sentence breaks can run to tens of thousands of them.
_ACTION_VERBS = frozenset(
    """said says told asked urged affirmed agreed met meets visited signed proposed expressed
    called pledged discussed held attended welcomed stressed reiterated requested thanked
    hailed described underlined emphasised emphasized announced condemned praised backed
    supported vowed sought appreciated""".split()
)
_CO_CHAIRED = re.compile(r"\bco-chaired\b", re.IGNORECASE)

# How strongly a sentence (passage, start, end) is about the subject: 0 means not at all.
Focus = Callable[[PassageHit, int, int], int]


@dataclass(frozen=True)
class Candidate:
    """A sentence that could become a claim, with where it stands and why it scores."""

    text: str
    article_id: int
    passage_id: int
    seq: int
    date: PartialDate | None
    score: float
    relevance: float = 0.0
    # The sentence itself gives a date (`date` may be the article's publication date).
    dated: bool = False


@dataclass
class Chosen:
    text: str
    articles: list[int]
    date: PartialDate | None
    order: tuple[int, int, int] = field(default=(0, 0, 0))


def candidates(
    hits: Iterable[PassageHit],
    dates: Mapping[int, Sequence[DateRecord]],
    published: Mapping[int, PartialDate | None],
    focus: Focus,
    relevance: Callable[[PassageHit, str], float] | None = None,
) -> list[Candidate]:
    """Every sentence of `hits` that `focus` says is about the subject, scored."""
    found = []
    for hit in hits:
        for start, end in sentence_spans(hit.text):
            weight = focus(hit, start, end)
            if weight <= 0:
                continue
            in_sentence = [d for d in dates.get(hit.id, ()) if start <= d.start < end]
            keep = max((e for s, e in hit.spans if start <= s and e <= end), default=end)
            text = _trim(hit.text[start:end], keep - start)
            score = _score(text, hit.seq, weight, bool(in_sentence))
            matched = relevance(hit, text) if relevance else 0.0
            if relevance:
                # For a question, matching it is what counts; style only breaks ties.
                score = 4 * matched + 0.25 * score
            date = date_of(in_sentence[0]) if in_sentence else published.get(hit.article_id)
            found.append(
                Candidate(
                    text, hit.article_id, hit.id, hit.seq, date, score, matched, bool(in_sentence)
                )
            )
    return found


def choose(
    pool: Sequence[Candidate],
    *,
    max_claims: int,
    max_words: int,
    cluster: Mapping[int, int],
    spread: bool = True,
) -> tuple[list[Chosen], int]:
    """The best claims within the limits; and how many more there were.

    With `spread`, each story gets its best sentence before any story gets a second.
    """
    ranked = sorted(pool, key=lambda c: (-c.score, c.article_id, c.seq))
    keys = _Keys()
    chosen: list[Chosen] = []
    words = 0
    covered: set[int] = set()
    for first_pass in (True, False) if spread else (False,):
        for candidate in ranked:
            if len(chosen) >= max_claims:
                break
            story = cluster.get(candidate.article_id, candidate.article_id)
            if first_pass and story in covered:
                continue
            if _merge(chosen, candidate, keys):
                continue
            length = len(candidate.text.split())
            if chosen and words + length > max_words * 1.25:
                continue
            covered.add(story)
            words += length
            order = (candidate.article_id, candidate.seq, len(chosen))
            chosen.append(Chosen(candidate.text, [candidate.article_id], candidate.date, order))
    distinct = _distinct_count(ranked[:MORE_HORIZON], keys)
    return chosen, max(0, distinct - len(chosen))


def chronological(chosen: Iterable[Chosen]) -> list[Chosen]:
    """Oldest first; claims whose year is unknown come last, in article order."""
    return sorted(chosen, key=lambda c: (*_date_key(c.date), c.order))


def date_of(record: DateRecord) -> PartialDate | None:
    return parse_iso(record.date, record.year_source)


_YEAR_SOURCES: dict[str, YearSource] = {"dateline": "dateline", "url": "url"}


# Briefings over many articles parse the same few hundred dates again and again.
@lru_cache(maxsize=4096)
def parse_iso(value: str | None, year_source: str | None = "text") -> PartialDate | None:
    """A reduced ISO 8601 date (`2021-07-06`, `2021-07`, `--03-15`) as a PartialDate."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.strip("-").split("-") if p]
        if value.startswith("--"):
            month, day = ([*parts, 0, 0])[:2]
            return PartialDate(None, month or None, day or None)
        year, month, day = ([*parts, 0, 0, 0])[:3]
        source = _YEAR_SOURCES.get(year_source or "", "text")
        return PartialDate(year, month or None, day or None, year_source=source)
    except ValueError:
        return None


def _score(text: str, seq: int, weight: int, dated: bool) -> float:
    words = len(text.split())
    score = 1.0 + 0.3 * min(weight, 2)
    score += 0.6 if dated else 0.0
    score += 0.5 if _reports_action(text) else 0.0
    score += 0.3 if seq <= 2 else 0.0
    if words < SHORT_SENTENCE_WORDS:
        score -= 1.5
    elif words > LONG_SENTENCE_WORDS:
        score -= 0.5
    return score


def _reports_action(text: str) -> bool:
    words = set(_WORD.findall(text.casefold()))
    if not words.isdisjoint(_ACTION_VERBS):
        return True
    return "chaired" in words and _CO_CHAIRED.search(text) is not None


def _trim(sentence: str, keep: int) -> str:
    """Cut a very long sentence at a clause boundary after `keep`, marking it with an ellipsis."""
    words = sentence.split()
    if len(words) <= LONG_SENTENCE_WORDS:
        return sentence
    limit = len(" ".join(words[:LONG_SENTENCE_WORDS]))
    cut = max(sentence.rfind(", ", 0, limit), sentence.rfind("; ", 0, limit))
    if cut < max(keep, len(" ".join(words[:15]))):
        return sentence
    return sentence[:cut] + ELLIPSIS


def _merge(chosen: list[Chosen], candidate: Candidate, keys: _Keys) -> bool:
    """Fold a sentence another story already said into that claim, citing both."""
    key = keys.fold_once(candidate.text)
    for claim in chosen:
        if fuzz.ratio(key, keys.fold_once(claim.text), score_cutoff=SAME_SENTENCE):
            if candidate.article_id not in claim.articles:
                claim.articles.append(candidate.article_id)
            return True
    return False


def _distinct_count(ranked: Sequence[Candidate], keys: _Keys) -> int:
    seen: set[str] = set()
    distinct: list[str] = []
    for candidate in ranked:
        key = keys.fold_once(candidate.text)
        if key in seen:
            continue
        seen.add(key)
        if process.extractOne(key, distinct, scorer=fuzz.ratio, score_cutoff=SAME_SENTENCE) is None:
            distinct.append(key)
    return len(distinct)


class _Keys:
    """Folded comparison keys, computed once per text: wire copy repeats sentences verbatim."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}

    def fold_once(self, text: str) -> str:
        key = self.folded.get(text)
        if key is None:
            key = self.folded[text] = fold(text)
        return key


def _date_key(date: PartialDate | None) -> tuple[int, str]:
    if date is None:
        return (2, "")
    if date.year is None:
        return (1, date.iso())
    return (0, date.iso())
