"""The offline summary: sentences quoted from the articles, scored, de-duplicated, dated.

A claim is always a sentence, or a sentence cut at a clause boundary, that stands verbatim
in the article it cites, so a citation can never be wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from briefings.briefing import DateKind
from briefings.claim_dates import (
    Dating,
    dating,
    event_before,
    is_ahead,
    is_background,
    refers_back,
)
from briefings.folding import fold
from briefings.model import PartialDate, YearSource
from briefings.sentences import sentence_spans
from store.records import DateRecord, EventMark, PassageHit

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
# More verbs a subject acts or speaks with; with _ACTION_VERBS they tell the actor of a
# sentence ("Lavrov, for his part, affirmed …") from a name in passing ("told Lavrov").
_ACTOR_VERBS = _ACTION_VERBS | frozenset(
    """say tell ask urge affirm agree meet visit sign propose express call pledge discuss hold
    attend welcome stress reiterate thank hail describe underline announce condemn praise
    back support vow seek noted added stated declared informed assured promised invited
    received congratulated briefed highlighted confirmed insisted warned criticised
    criticized rejected denied accused spoke wrote arrived travelled traveled chaired
    co-chaired hosted voiced shared suggested admitted acknowledged explained replied
    answered recalled reaffirmed underscored conveyed offered claimed argued""".split()
)
# A name right after one of these is an object or a complement, not the one acting.
_GOVERNING = frozenset(
    """with to by of from for between among and at on in about against toward towards
    counterpart counterparts""".split()
)
# Past this many words after the name (asides set off by commas left out), a verb belongs
# to another clause.
_ACTOR_REACH = 4
# A sentence where the subject acts or speaks outranks one naming them in passing by more
# than a date or an action verb does.
ACTOR_BONUS = 1.0
_ASIDE = re.compile(r",[^,]{0,120},")
# A speech opens by addressing the room ("Mr Co-chairman, Colleagues, I would like to
# thank …"): the forms of address used in diplomatic speeches, not what the speaker says.
# Only a run of them followed by the speaker ("I", "we", "let me"): "Mr Lavrov, who …" is
# a sentence about him.
_SALUTATION = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Madam|Madame|Dear|Distinguished|Honou?rable|(?:Your\s+)?Excellenc(?:y|ies)"
    r"|Ladies\s+and\s+gentlemen|Colleagues|Friends)\b[^,.!?]{0,40}[,!]\s*)+"
    r"(?:I|We|Let\s+me|Allow\s+me|It\s+is)\b",
    re.IGNORECASE,
)
SALUTATION_PENALTY = 1.5

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
    date_kind: DateKind | None = None
    announced: PartialDate | None = None
    start: int = 0
    # The event (or story) the sentence reports, when the briefing groups by event;
    # otherwise the story is the article's near-duplicate cluster.
    story: int | None = None
    acts: bool = False  # the subject is the sentence's actor
    # The sentence itself gives a date (`date` may be the article's publication date).
    dated: bool = False


@dataclass
class Chosen:
    """A claim being assembled; `passage_id` and `start` say where its sentence stands."""

    text: str
    articles: list[int]
    date: PartialDate | None
    order: tuple[int, int, int] = field(default=(0, 0, 0))
    date_kind: DateKind | None = None
    announced: PartialDate | None = None
    passage_id: int = 0
    start: int = 0
    speaker: str | None = None
    story: int | None = None


def candidates(
    hits: Iterable[PassageHit],
    dates: Mapping[int, Sequence[DateRecord]],
    published: Mapping[int, PartialDate | None],
    focus: Focus,
    relevance: Callable[[PassageHit, str], float] | None = None,
    events: Mapping[int, Sequence[EventMark]] | None = None,
    speaking: Collection[tuple[int, int]] = (),
) -> list[Candidate]:
    """Every sentence of `hits` that `focus` says is about the subject, scored and dated.

    `events` (each article's, in text order) date the sentences that refer back to them;
    in the sentences of `speaking` (passage id, start), the subject speaks as "he said".
    """
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
            acts = (hit.id, start) in speaking or _acts(hit, start, end)
            score += ACTOR_BONUS if acts else 0.0
            matched = relevance(hit, text) if relevance else 0.0
            if relevance:
                # For a question, matching it is what counts: a sentence is not a better
                # answer for opening its story, being dated or reporting an act (the answer
                # type weighs dates, answers.py); a fragment or a salutation still is worse.
                score = 4 * matched + 0.25 * flaws(text)
            told = events.get(hit.article_id, ()) if events else ()
            when = _dating(hit, start, end, in_sentence, published.get(hit.article_id), told)
            found.append(
                Candidate(
                    text,
                    hit.article_id,
                    hit.id,
                    hit.seq,
                    when.date,
                    score,
                    matched,
                    when.kind,
                    when.announced,
                    start,
                    acts=acts,
                    dated=bool(in_sentence),
                )
            )
    return found


def _dating(
    hit: PassageHit,
    start: int,
    end: int,
    in_sentence: Sequence[DateRecord],
    published: PartialDate | None,
    events: Sequence[EventMark],
) -> Dating:
    """The sentence's own date unless it is of something to come; else the event it refers
    back to; else the publication date."""
    own: list[PartialDate] = []
    ahead: list[PartialDate] = []
    for record in in_sentence:
        date = date_of(record)
        if date is None or is_background(hit.text, start, record.start):
            continue
        later = is_ahead(hit.text, start, record.start, date, published)
        (ahead if later else own).append(date)
    referred = None
    words = refers_back(hit.text[start:end]) if not own and events else None
    if words is not None:
        mark = event_before(events, hit.seq, start, words)
        referred = parse_iso(mark.date, mark.year_source) if mark else None
    return dating(own, ahead, referred, published)


def choose(
    pool: Sequence[Candidate],
    *,
    max_claims: int,
    max_words: int,
    cluster: Mapping[int, int],
    spread: bool = True,
    once: Collection[int] = (),
    every_copy: bool = False,
) -> tuple[list[Chosen], int]:
    """The best claims within the limits; and how many more there were.

    With `spread`, each article's story gets its best sentence, then each other story (an
    event when the caller set `Candidate.story`), before any gets a second; the stories in
    `once` (events, each told in one claim) never get a second, and while there are such,
    an article's first claim is an event or a sentence where the subject acts. With
    `every_copy`, a claim cites every report repeating its sentence, even those ranked
    below the last claim.
    """
    ranked = sorted(pool, key=lambda c: (-c.score, c.article_id, c.seq))
    keys = _Keys()
    chosen: list[Chosen] = []
    words = 0
    told: set[int] = set()  # stories (events) with a claim
    sources: set[int] = set()  # near-duplicate clusters of articles with a claim
    # Spread: each article's best event or story first, then every other event or story
    # once, then second sentences (never for the stories in `once`).
    for phase in ("article", "story", "rest") if spread else ("rest",):
        for candidate in ranked:
            if len(chosen) >= max_claims:
                break
            story = _story(candidate, cluster)
            source = cluster.get(candidate.article_id, candidate.article_id)
            if phase == "article" and (source in sources or not _told_first(candidate, once)):
                continue
            if (phase != "rest" or story in once) and story in told:
                continue
            if _merge(chosen, candidate, keys):
                continue
            length = len(candidate.text.split())
            if chosen and words + length > max_words * 1.25:
                continue
            told.add(story)
            sources.add(source)
            words += length
            order = (candidate.article_id, candidate.seq, len(chosen))
            chosen.append(_chosen(candidate, order, story))
    if every_copy:
        for candidate in ranked:
            _merge(chosen, candidate, keys)
    distinct = _distinct_count(ranked[:MORE_HORIZON], keys)
    return chosen, max(0, distinct - len(chosen))


def _chosen(candidate: Candidate, order: tuple[int, int, int], story: int) -> Chosen:
    return Chosen(
        candidate.text,
        [candidate.article_id],
        candidate.date,
        order,
        candidate.date_kind,
        candidate.announced,
        candidate.passage_id,
        candidate.start,
        story=story,
    )


def _told_first(candidate: Candidate, once: Collection[int]) -> bool:
    # Among events, an article's passing mention of the subject ("after meeting his
    # counterpart, Bui Thanh Son") waits until every event has had its claim.
    return not once or candidate.acts or candidate.story in once


def _story(candidate: Candidate, cluster: Mapping[int, int]) -> int:
    if candidate.story is not None:
        return candidate.story
    return cluster.get(candidate.article_id, candidate.article_id)


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
    score = 1.0 + 0.3 * min(weight, 2)
    score += 0.6 if dated else 0.0
    score += 0.5 if _reports_action(text) else 0.0
    score += 0.3 if seq <= 2 else 0.0
    return score + flaws(text)


def flaws(text: str) -> float:
    """What a sentence loses as a claim: a salutation, a fragment, a run-on (0 or less)."""
    words = len(text.split())
    score = -SALUTATION_PENALTY if _SALUTATION.match(text) else 0.0
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


def _acts(hit: PassageHit, start: int, end: int) -> bool:
    """Whether a name the hit marks in this sentence is its actor: the one that says or does."""
    for s, e in hit.spans:
        if start <= s < e <= end and _actor_at(hit.text[start:end], s - start, e - start):
            return True
    return False


def _actor_at(sentence: str, start: int, end: int) -> bool:
    # Before the name: no verb and no preposition since the last comma ("told his Russian
    # counterpart Sergey Lavrov", "talks with … Lavrov" are passing mentions); after it, an
    # acting verb within a few words ("Lavrov, for his part, hailed …").
    before = _WORD.findall(sentence[:start].rsplit(",", 1)[-1].casefold())
    if any(w in _GOVERNING or w in _ACTOR_VERBS for w in before):
        return False
    after = sentence[end:]
    if after.startswith(","):
        after = _ASIDE.sub(" ", after, count=1)
    return any(w in _ACTOR_VERBS for w in _WORD.findall(after.casefold())[:_ACTOR_REACH])


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
