"""The four briefing commands: who, topic, ask and timeline. Plain data in, a Briefing out."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from briefings import notices
from briefings.answers import asked_names, rank_answers
from briefings.attribution import attribute, spoken_by
from briefings.briefing import (
    Account,
    Briefing,
    Claim,
    Command,
    Mode,
    Reach,
    Related,
    Role,
    Source,
    Subject,
    TimelineEntry,
)
from briefings.english import stem
from briefings.entities import normalise_role
from briefings.event_groups import EventGroup, Version, assign, group_events
from briefings.extractive import (
    Candidate,
    Chosen,
    Focus,
    candidates,
    choose,
    chronological,
    parse_iso,
)
from briefings.folding import fold
from briefings.lexicon import any_foreign, foreign_forms, holds, words_of
from briefings.model import PartialDate
from briefings.nominative import shown_aliases
from briefings.questions import Name, Question, date_word, read_question
from briefings.resolve import Resolution, resolve_entity
from briefings.search import (
    UNSEARCHED,
    any_of,
    both,
    every,
    phrase_in,
    phrase_words,
    tokens,
    words_in,
)
from briefings.topic_reach import holds_term, term_events, term_passages
from briefings.writing import Evidence, Writer
from store import Store
from store.records import ArticleSummary, EntityRow, EventRow, PassageHit

SEARCH_LIMIT = 200
# Passages that say a question's words in another language (briefings/lexicon.py).
FOREIGN_PASSAGES = 100
# An alias this short ("VN", "Nga" aside) is too likely another word to stand for a name.
NAME_CHARS = 3
# An entity is briefed from the latest articles naming it (newest ingested first), so a
# briefing costs the same at 10k articles as at 100k; `more` counts within them too.
RECENT_ARTICLES = 100
EVIDENCE_PASSAGES = 8
# A sentence answers a question when it covers this share of the question's weight.
ANSWER_RELEVANCE = 0.3
# In the stories that match a question best, a sentence matching it less may still answer.
LEADING_STORIES = 3
LEADING_RELEVANCE = 0.15
# An answer's claims: the sentences the ranker scores at most this much below the best
# (a log-odds difference: 6 is odds of 400 to 1 that the best answers where it does not).
# Tighter loses the second report that sources differing on a figure need.
ANSWER_MARGIN = 6.0
# With `--more`, sentences the ranker finds still less likely to answer.
MORE_MARGIN = 10.0
ANSWER_CLAIMS = 4
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
# A sentence's own match against its story's, in what it answers.
SENTENCE_SHARE = 0.6
# The words of a story's best-matching passages that say what it is about.
STORY_LEAD_WORDS = 60
# Words allowed per event or story beyond the limits when `--more` tells every one of them.
STORY_WORDS = 45
# Up to this many passages holding a question's words (summed over its words), FTS5 ranks
# them all quickly (a few ms); beyond, `ask` searches the narrower way (_answer_passages).
NARROW_ABOVE = 5000
TOPIC_KINDS = ("topic", "organization", "event", "place", "person")
# Kinds whose briefing also quotes every passage holding the words asked: a topic or event
# is written in many ways that extraction finds only some of; a name is found where it is.
PHRASE_KINDS = ("topic", "event")
# ... when extraction found it in fewer passages than this: a topic found often already has
# its articles, and ranking a common phrase over a large corpus costs the most (benchmarks).
WIDEN_BELOW = 40
# (role as written, country, article id), as the store reports a role.
RoleUse = tuple[str, str | None, int]


@dataclass(frozen=True)
class Limits:
    """How long a briefing may be: at most `claims` claims and about `words` words."""

    claims: int = 6
    words: int = 120
    events: int = 20
    # With `--more`, who and topic tell every event and story once, whatever the limits,
    # so nothing relevant stays out of reach; the limits then bound the second sentences.
    every_event: bool = False
    answers: int = ANSWER_CLAIMS  # an answer's claims, within `claims`

    def more(self) -> Limits:
        tripled = (self.claims * 3, self.words * 3, self.events * 3)
        return Limits(*tripled, every_event=True, answers=self.answers * 3)


@dataclass(frozen=True)
class _Draft:
    """Claims still citing article ids; numbering happens once the sources are final."""

    chosen: list[Chosen]
    more: int
    mode: Mode = "extractive"
    note: str | None = None
    expanded: bool = False  # made with `--more`: `more` is what even that leaves out
    # The versions of each event its reports disagree on, by the event's story.
    disputes: dict[int, list[Version]] = field(default_factory=dict)


def brief_who(
    store: Store, name: str, limits: Limits = Limits(), writer: Writer | None = None
) -> Briefing:
    """Who a person is, and what they did and said, dated and cited."""
    resolution = resolve_entity(store, name, prefer=("person",))
    if resolution.entity is None:
        return _not_found("who", name, resolution)
    return _entity_briefing("who", store, name, resolution, limits, writer)


def brief_topic(
    store: Store, term: str, limits: Limits = Limits(), writer: Writer | None = None
) -> Briefing:
    """What a term stands for and what was said about it, by whom; free text when unknown."""
    resolution = resolve_entity(store, term, prefer=TOPIC_KINDS)
    if resolution.entity is not None:
        return _entity_briefing("topic", store, term, resolution, limits, writer)
    words = phrase_words(term)
    # The phrase itself first, then its words near each other, then anywhere in a passage,
    # then anywhere in an article: each tier searched only when the one before found nothing.
    tiers: list[tuple[Callable[[], list[PassageHit]], Focus, str | None]] = [
        (lambda: term_passages(store, words, ()), term_weight(words), None),
        (lambda: _every_hits(store, words), words_weight(words), notices.NO_ENTITY_WORDS),
        (lambda: _story_hits(store, words), words_weight(words), notices.NO_ENTITY_STORY),
    ]
    for search, weight, note in tiers:
        hits = search()
        told = term_events(store, (), hits) if hits else ([], [])
        said = note or _phrase_note(hits, words)
        found = _phrase_briefing(store, term, resolution, hits, weight, said, limits, writer, told)
        if found is not None:
            return found
    return _not_found("topic", term, resolution)


def _every_hits(store: Store, words: list[str]) -> list[PassageHit]:
    match = every(words)
    return store.search_passages(match, SEARCH_LIMIT) if match is not None else []


def _phrase_note(hits: Sequence[PassageHit], words: list[str]) -> str:
    """Which passages a term's briefing quotes: the phrase's, its words' together, or both."""
    phrased = sum(1 for h in hits if phrase_in(h.text, words))
    if not phrased:
        return notices.NO_ENTITY_NEAR
    return notices.NO_ENTITY_PHRASE if phrased == len(hits) else notices.NO_ENTITY_PHRASE_NEAR


def _phrase_briefing(
    store: Store,
    term: str,
    resolution: Resolution,
    hits: Sequence[PassageHit],
    focus: Callable[[PassageHit, int, int], int],
    note: str,
    limits: Limits,
    writer: Writer | None,
    told: tuple[Sequence[EventRow], Sequence[EventRow]] = ((), ()),
) -> Briefing | None:
    """A topic briefed from the passages holding its words, by the events they tell (`told`:
    those events, and other articles' events of their days); None when no sentence does."""
    if not hits:
        return None
    articles = {h.article_id for h in hits} | {r.article_id for rows in told for r in rows}
    summaries = store.article_summaries(articles)
    groups = _groups_told(store, told, summaries, term)
    draft = _draft(store, hits, summaries, focus, limits, groups)
    if not draft.chosen:
        return None
    subject = Subject(name=term.strip(), kind="term")
    briefing = _finish("topic", term, subject, draft, writer, hits, SourceBook(summaries))
    return replace(
        briefing,
        note=briefing.note or note.format(query=notices.echoed(term)),
        candidates=tuple(c.name for c in resolution.candidates),
        reach=_reach({h.article_id for h in hits}, groups, summaries),
    )


def _groups_told(
    store: Store,
    told: tuple[Sequence[EventRow], Sequence[EventRow]],
    summaries: Mapping[int, ArticleSummary],
    name: str,
) -> list[EventGroup]:
    """The events told (`told[0]`) with their reports merged, among them reports from
    `told[1]`; a group of `told[1]` alone is another event of the same day, left out."""
    stated, others = told
    rows = [*stated, *others]
    ids = {row.id for row in stated}
    groups = group_events(rows, summaries, name, store.days_told(r.article_id for r in rows))
    return [g for g in groups if any(r.id in ids for r in g.rows)]


def _story_hits(store: Store, words: list[str]) -> list[PassageHit]:
    """Passages holding any of the topic's words, in the articles that hold them all."""
    matches = [m for m in map(every, _each(words)) if m is not None]
    each = [store.search_passages(match, SEARCH_LIMIT) for match in matches]
    if not each or not all(each):
        return []
    common = set.intersection(*({h.article_id for h in hits} for hits in each))
    unique = {h.id: h for hits in each for h in hits if h.article_id in common}
    return sorted(unique.values(), key=lambda h: (h.article_id, h.seq))


def _each(words: list[str]) -> list[list[str]]:
    searched = [w for w in dict.fromkeys(words) if w not in UNSEARCHED]
    return [[w] for w in searched] if len(searched) > 1 else []


def words_weight(words: list[str]) -> Callable[[PassageHit, int, int], int]:
    """A sentence's weight: how many of the topic's words it holds."""

    def focus(hit: PassageHit, start: int, end: int) -> int:
        return words_in(hit.text[start:end], words)

    return focus


def term_weight(words: list[str]) -> Focus:
    """A sentence's weight: the phrase in it (2), all of its words (1); the first sentence
    of a lead whose headline holds them (1), else nothing."""
    return _mentioned_or_said((), holds_term(words))


@dataclass(frozen=True)
class AnswerPool:
    """A question's candidate answers, as retrieval offers them, and what ranks them."""

    question: Question
    hits: list[PassageHit]
    summaries: dict[int, ArticleSummary]
    pool: list[Candidate]
    names: list[Name]
    match: Callable[[str], float]


def answer_pool(store: Store, question: str) -> AnswerPool | None:
    """The sentences that may answer `question`, unranked; None when it has no words."""
    asked = read_question(question)
    words = list(asked.words)
    if not words:
        return None
    hits = _answer_passages(store, words)
    summaries = store.article_summaries(h.article_id for h in hits)
    # A year is matched by the sentence's date (answers.py): "this year" holds it too.
    plain = [w for w in words if not date_word(w)] or words
    names = asked_names(store, asked)
    match = _relevance(store, plain, _written(store, names))
    pool = _pool(store, hits, summaries, lambda hit, start, end: 1, _in_context(hits, match))
    return AnswerPool(asked, hits, dict(summaries), _offered(pool), list(names), match)


def _offered(pool: Sequence[Candidate]) -> list[Candidate]:
    """The sentences that match the question well enough, and in the stories that match it
    best, those that match it less: an answer sits in a story about it, often in words of
    its own ("the route" for the Middle Corridor, a translated report's)."""
    best: dict[int, float] = {}
    for c in pool:
        best[c.article_id] = max(best.get(c.article_id, 0.0), c.relevance)
    leading = set(sorted(best, key=lambda a: -best[a])[:LEADING_STORIES])
    return [
        c
        for c in pool
        if c.relevance >= ANSWER_RELEVANCE
        or (c.article_id in leading and c.relevance >= LEADING_RELEVANCE)
    ]


def answer_question(
    store: Store, question: str, limits: Limits = Limits(), writer: Writer | None = None
) -> Briefing:
    """A free question answered from the best-matching sentences, with citations."""
    found = answer_pool(store, question)
    if found is None:
        return Briefing("ask", question, note=notices.EMPTY_QUESTION)
    summaries = found.summaries
    pool = rank_answers(store, found.question, found.hits, found.pool, found.names, found.match)
    best = max((c.score for c in pool), default=0.0)

    def answers(limits: Limits) -> tuple[list[Chosen], int]:
        max_claims = min(limits.claims, limits.answers)
        margin = MORE_MARGIN if limits.every_event else ANSWER_MARGIN
        kept = [c for c in pool if c.score >= best - margin]
        cluster = _clusters(summaries)
        chosen, more = choose(
            kept,
            max_claims=max_claims,
            max_words=limits.words,
            cluster=cluster,
            spread=False,
            every_copy=True,
        )
        # What only `--more` keeps is more too (_with_more counts it).
        return chosen, more or sum(c.score >= best - MORE_MARGIN for c in pool) - len(kept)

    chosen, more = _with_more(answers, limits)
    attribute(store, chosen)
    if not chosen:
        return Briefing("ask", question, note=notices.NOTHING_FOUND)
    book = SourceBook(summaries)
    draft = _Draft(chosen, more, expanded=limits.every_event)
    return _finish("ask", question, None, draft, writer, found.hits, book)


def _with_more(
    select: Callable[[Limits], tuple[list[Chosen], int]], limits: Limits
) -> tuple[list[Chosen], int]:
    """The claims within `limits`, and how many more: with `--more` already, how many it
    leaves out; otherwise how many `--more` would add (its own limits stop it short of all)."""
    chosen, more = select(limits)
    if more and not limits.every_event:
        more = max(0, len(select(limits.more())[0]) - len(chosen))
    return chosen, more


def _answer_passages(store: Store, words: Sequence[str]) -> list[PassageHit]:
    """Passages holding one of the question's rarer half of words and one of the others,
    topped up with passages holding a rarer word only; every passage with any word when
    there are few.

    An OR of every word makes FTS5 rank every passage holding a common word ("security"),
    which at 100k articles costs more than the rest of `ask`; searching the rare words only
    loses the topic, as the names are the rare words (docs/benchmarks.md).
    """
    return _with_foreign(store, words, _english_passages(store, words))


def _with_foreign(store: Store, words: Sequence[str], hits: list[PassageHit]) -> list[PassageHit]:
    """`hits`, and the passages that say the question's words in another language (when
    the store holds articles in one)."""
    if not store.languages() - {"en"}:
        return hits
    match = any_foreign([stem(w) for w in words])
    if match is None:
        return hits
    seen = {h.id for h in hits}
    more = store.search_passages(match, FOREIGN_PASSAGES)
    return hits + [h for h in more if h.id not in seen]


def _english_passages(store: Store, words: Sequence[str]) -> list[PassageHit]:
    frequencies = store.document_frequencies(words)
    if sum(frequencies.values()) <= NARROW_ABOVE:
        return store.search_passages(any_of(list(words)), SEARCH_LIMIT)
    by_rarity = sorted(words, key=lambda w: frequencies.get(w, 0))
    rare, common = by_rarity[: max(1, len(words) // 2)], by_rarity[max(1, len(words) // 2) :]
    if not common:
        return store.search_passages(any_of(rare), SEARCH_LIMIT)
    hits = store.search_passages(both(rare, common), SEARCH_LIMIT)
    if len(hits) < SEARCH_LIMIT:
        seen = {h.id for h in hits}
        more = store.search_passages(any_of(rare), SEARCH_LIMIT)
        hits += [h for h in more if h.id not in seen][: SEARCH_LIMIT - len(hits)]
    return hits


def build_timeline(store: Store, name: str, limits: Limits = Limits()) -> Briefing:
    """The dated meetings, calls, visits and summits involving an entity or topic."""
    resolution = resolve_entity(store, name, prefer=("person", *TOPIC_KINDS))
    if resolution.entity is None:
        return _not_found("timeline", name, resolution)
    entity = resolution.entity
    rows = store.events_involving(entity.id, recent=RECENT_ARTICLES)
    summaries = store.article_summaries(row.article_id for row in rows)
    days = store.days_told(summaries)
    groups = group_events(rows, summaries, entity.name, days)
    disputed = [g for g in groups if g.versions()]
    entries = _fold_disputed(_merge_events(rows, summaries), disputed)[: limits.events]
    book = SourceBook(summaries)
    timeline = []
    for date, row, articles, versions in entries:
        sources = book.numbers(articles)
        places = {v.place for v in versions if v.place}
        timeline.append(
            TimelineEntry(
                date=date,
                kind=row.kind,
                text=row.sentence,
                sources=sources,
                until=parse_iso(row.until),
                place=None if len(places) > 1 else row.place,
                participants=row.participants,
                disputed=book.accounts(versions),
            )
        )
    subject = _subject(store, entity, book, summaries, roles=None)
    note = _corrected_note(name, entity, resolution)
    if not timeline:
        note = notices.NO_EVENTS.format(name=entity.name)
    return Briefing(
        "timeline", name, subject, sources=book.sources(), timeline=tuple(timeline), note=note
    )


# -- shared steps -----------------------------------------------------------------------


def _entity_briefing(
    command: Command,
    store: Store,
    query: str,
    resolution: Resolution,
    limits: Limits,
    writer: Writer | None,
) -> Briefing:
    assert resolution.entity is not None
    entity = resolution.entity
    hits = _about(store, entity)
    roles = store.roles_of(entity.id, recent=RECENT_ARTICLES)
    rows = store.events_involving(entity.id, recent=RECENT_ARTICLES)
    # A topic is also wherever its words are written, and every report of what they tell.
    words = phrase_words(query) if command == "topic" and entity.kind in PHRASE_KINDS else []
    if words and len(hits) < WIDEN_BELOW:
        hits = [*hits, *term_passages(store, words, hits)]
    events = term_events(store, rows, hits) if words else (rows, [])
    articles = {h.article_id for h in hits} | {a for _, _, a in roles}
    summaries = store.article_summaries(articles | {r.article_id for e in events for r in e})
    groups = _groups_told(store, events, summaries, entity.name)
    spoken = spoken_by(store, entity.name, hits) if command == "who" else []
    told = _with_spoken(hits, spoken)
    speaking = {(p.id, start) for p, start in spoken}
    focus = _mentioned_or_said(speaking, holds_term(words) if words else None)
    draft = _draft(store, told, summaries, focus, limits, groups, speaking)
    book = SourceBook(summaries)
    named = Subject(entity.name, entity.kind)
    briefing = _finish(command, query, named, draft, writer, told, book)
    subject = _subject(store, entity, book, summaries, roles if command == "who" else None)
    companions = store.companions(entity.id, recent=RECENT_ARTICLES)
    related = tuple(Related(c.name, c.kind, c.articles) for c in companions)
    note = _corrected_note(query, entity, resolution) or briefing.note
    if not briefing.claims:
        note = notices.NOTHING_SAID.format(name=entity.name)
    reach = _reach({h.article_id for h in hits}, groups, summaries)
    sources = book.sources()
    return replace(
        briefing, subject=subject, related=related, sources=sources, note=note, reach=reach
    )


def _with_spoken(
    hits: Sequence[PassageHit], spoken: Sequence[tuple[PassageHit, int]]
) -> list[PassageHit]:
    """`hits`, then the passages of `spoken` that do not name the subject."""
    seen = {h.id for h in hits}
    extra = {p.id: p for p, _ in spoken if p.id not in seen}
    return [*hits, *extra.values()]


def _mentioned_or_said(
    speaking: Collection[tuple[int, int]], holds: Callable[[str], int] | None = None
) -> Focus:
    """`_mentioned`, and a weight of one for a sentence the subject says as "he said";
    with `holds`, the weight it gives a sentence holding the topic's words."""

    def focus(hit: PassageHit, start: int, end: int) -> int:
        mentioned = _mentioned(hit, start, end) or int((hit.id, start) in speaking)
        return mentioned or (holds(hit.text[start:end]) if holds else 0)

    return focus


def _reach(
    articles: set[int], groups: Sequence[EventGroup], summaries: Mapping[int, ArticleSummary]
) -> Reach:
    """How many articles and events a briefing drew on, and the years they span: what was
    reported and what happened, never the date an announced event is set for."""
    published = [_published(summaries.get(a)) for a in articles]
    happened = [g.date for g in groups if not g.announced]
    dates = [d for d in [*published, *happened] if d is not None and d.year]
    if not dates:
        return Reach(len(articles), len(groups))
    ordered = sorted(dates, key=lambda d: d.iso())
    return Reach(len(articles), len(groups), ordered[0], ordered[-1])


def _about(store: Store, entity: EntityRow) -> list[PassageHit]:
    """Body passages naming the entity, and the lead of each story whose headline names it."""
    hits = store.passages_mentioning(entity.id, kinds=("body", "title"), recent=RECENT_ARTICLES)
    body = [h for h in hits if h.kind == "body"]
    headlined = {h.article_id for h in hits if h.kind == "title"}
    # A story headlined on the subject is about it from its first sentence on.
    leads = [replace(lead, spans=((0, 0),)) for lead in store.leads(headlined)]
    seen = {h.id for h in body}
    return body + [lead for lead in leads if lead.id not in seen]


def _draft(
    store: Store,
    hits: Sequence[PassageHit],
    summaries: Mapping[int, ArticleSummary],
    focus: Callable[[PassageHit, int, int], int],
    limits: Limits,
    groups: Sequence[EventGroup] = (),
    speaking: Collection[tuple[int, int]] = (),
) -> _Draft:
    """The claims: one per event of `groups` (every report cited), stories without one after.

    `speaking` holds the sentences (passage id, start) the subject says without being named.
    """
    pool = _pool(store, hits, summaries, focus, speaking=speaking)
    if groups:
        pool = assign(pool, groups, hits, _publication_dates(summaries))
    once = {g.story for g in groups}

    def claims(limits: Limits) -> tuple[list[Chosen], int]:
        max_claims, max_words = limits.claims, limits.words
        if limits.every_event:
            stories = len({_story_of(c, summaries) for c in pool})
            max_claims = max(max_claims, stories)
            max_words += stories * STORY_WORDS
        return choose(
            pool,
            max_claims=max_claims,
            max_words=max_words,
            cluster=_clusters(summaries),
            once=() if limits.every_event else once,
        )

    chosen, more = _with_more(claims, limits)
    reports = {g.story: g.articles for g in groups}
    for claim in chosen:
        told = reports.get(claim.story, []) if claim.story is not None else []
        claim.articles.extend(a for a in told if a not in claim.articles)
    attribute(store, chosen)
    disputes = {g.story: versions for g in groups if (versions := g.versions())}
    return _Draft(chronological(chosen), more, expanded=limits.every_event, disputes=disputes)


def _story_of(candidate: Candidate, summaries: Mapping[int, ArticleSummary]) -> int:
    if candidate.story is not None:
        return candidate.story
    summary = summaries.get(candidate.article_id)
    return (summary.duplicate_of if summary else None) or candidate.article_id


def _publication_dates(summaries: Mapping[int, ArticleSummary]) -> dict[int, PartialDate | None]:
    return {i: parse_iso(s.published.date, s.published.year_source) for i, s in summaries.items()}


def _pool(
    store: Store,
    hits: Sequence[PassageHit],
    summaries: Mapping[int, ArticleSummary],
    focus: Callable[[PassageHit, int, int], int],
    relevance: Callable[[PassageHit, str], float] | None = None,
    speaking: Collection[tuple[int, int]] = (),
) -> list[Candidate]:
    """Every sentence of `hits` worth quoting; `summaries` holds at least their articles."""
    published = _publication_dates(summaries)
    dates = store.dates_in(h.id for h in hits)
    events = store.event_marks({h.article_id for h in hits})
    return candidates(hits, dates, published, focus, relevance, events, speaking)


def _finish(
    command: Command,
    query: str,
    subject: Subject | None,
    draft: _Draft,
    writer: Writer | None,
    hits: Sequence[PassageHit],
    book: SourceBook,
) -> Briefing:
    """Number the sources as the claims cite them; `book` knows every article of `hits`."""
    if writer is not None:
        draft = _write(command, query, subject, draft, writer, hits)
    claims = tuple(_claim(c, book, draft.disputes) for c in draft.chosen)
    sources = book.sources()
    return Briefing(
        command,
        query,
        subject,
        claims,
        sources,
        draft.mode,
        draft.note,
        more=draft.more,
        expanded=draft.expanded,
    )


def _claim(chosen: Chosen, book: SourceBook, disputes: Mapping[int, list[Version]]) -> Claim:
    numbers = book.cited(chosen.articles)
    versions = disputes.get(chosen.story, []) if chosen.story is not None else []
    return Claim(
        chosen.text,
        numbers,
        chosen.date,
        chosen.date_kind,
        chosen.announced,
        chosen.speaker,
        disputed=book.accounts(versions),
    )


def _write(
    command: Command,
    query: str,
    subject: Subject | None,
    draft: _Draft,
    writer: Writer,
    hits: Sequence[PassageHit],
) -> _Draft:
    """Let the model write the summary from the passages the offline summary drew on."""
    chosen_articles = [a for c in draft.chosen for a in c.articles]
    dated = {c.articles[0]: c.date for c in draft.chosen if c.date and c.date.year}
    order = list(dict.fromkeys(chosen_articles + [h.article_id for h in hits]))
    numbers = {article: n for n, article in enumerate(order, start=1)}
    passages = [h for h in hits if h.article_id in numbers][: EVIDENCE_PASSAGES * 3]
    passages.sort(key=lambda h: (h.article_id not in chosen_articles, numbers[h.article_id]))
    evidence = [
        Evidence(numbers[h.article_id], h.text, dated.get(h.article_id))
        for h in passages[:EVIDENCE_PASSAGES]
    ]
    written = writer(task=command, query=subject.name if subject else query, evidence=evidence)
    if written.claims is None:
        return replace(draft, note=written.note)
    by_number = {n: article for article, n in numbers.items()}
    kinds = {c.articles[0]: c.date_kind for c in draft.chosen if c.date and c.date.year}
    chosen = []
    for claim in written.claims:
        articles = [by_number[n] for n in claim.sources if n in by_number]
        # The model's date is a date its sources were given with: it keeps what that date is.
        kind = next((kinds[a] for a in articles if a in kinds and dated[a] == claim.date), None)
        chosen.append(Chosen(claim.text, articles, claim.date, date_kind=kind))
    return _Draft(chosen, 0, "llm", None)


def _subject(
    store: Store,
    entity: EntityRow,
    book: SourceBook,
    summaries: Mapping[int, ArticleSummary],
    roles: Sequence[RoleUse] | None,
) -> Subject:
    """The entity's card; its roles only when `roles` (as the store gives them) are passed."""
    aliases = shown_aliases(entity.name, store.aliases_of(entity.id))
    titles = _roles(entity, roles, book, summaries) if roles is not None else ()
    return Subject(entity.name, entity.kind, aliases, titles, entity.country, entity.description)


def _roles(
    entity: EntityRow,
    stated: Sequence[RoleUse],
    book: SourceBook,
    summaries: Mapping[int, ArticleSummary],
) -> tuple[Role, ...]:
    grouped: dict[str, list[tuple[str | None, int]]] = defaultdict(list)
    for role, country, article in stated:
        grouped[normalise_role(role)].append((country, article))
    _fold_bare_titles(grouped)
    roles = []
    for title, uses in grouped.items():
        articles = sorted({a for _, a in uses}, key=lambda a: _published_key(summaries.get(a)))
        dated = [d for a in articles if (d := _published(summaries.get(a))) and d.year]
        first, last = (dated[0], dated[-1]) if dated else (None, None)
        country = next((c for c, _ in uses if c), entity.country)
        roles.append(Role(title, country, first, last, book.numbers(articles)))
    return tuple(sorted(roles, key=lambda r: (-len(r.sources), r.title)))


# Words before a role's head that make it another office, not the same one said in full:
# a bare "President" may be the one who was "Vice President" before.
_RANKS = frozenset({"vice", "deputy", "prime", "former", "acting", "assistant", "under", "first"})


def _fold_bare_titles(grouped: dict[str, list[tuple[str | None, int]]]) -> None:
    """ "Minister Minh" is the Foreign Minister the article names in full: a bare head is
    folded into the person's one fuller role ending in it, unless a rank word sets it apart."""
    for bare in [t for t in grouped if " " not in t]:
        fuller = [
            t
            for t in grouped
            if t.endswith(" " + bare) and not _RANKS & {w.lower() for w in t.split()}
        ]
        if len(fuller) == 1:
            grouped[fuller[0]] += grouped.pop(bare)


def _published(summary: ArticleSummary | None) -> PartialDate | None:
    if summary is None:
        return None
    return parse_iso(summary.published.date, summary.published.year_source)


def _merge_events(
    rows: Sequence[EventRow], summaries: Mapping[int, ArticleSummary]
) -> list[tuple[PartialDate, EventRow, list[int]]]:
    """One entry per event: near-duplicate stories of the same event share one entry."""
    merged: dict[tuple[str, str, tuple[str, ...]], tuple[PartialDate, EventRow, list[int]]] = {}
    for row in rows:
        date = parse_iso(row.date, row.year_source)
        if date is None:
            continue
        key = (row.date, row.kind, tuple(sorted(row.participants)))
        if key in merged:
            merged[key][2].append(row.article_id)
        else:
            merged[key] = (date, row, [row.article_id])
    return sorted(merged.values(), key=lambda entry: _event_order(entry[0], entry[1]))


def _fold_disputed(
    entries: Sequence[tuple[PartialDate, EventRow, list[int]]], disputed: Sequence[EventGroup]
) -> list[tuple[PartialDate, EventRow, list[int], list[Version]]]:
    """`entries`, the reports of each event its sources disagree on made one entry.

    The entry keeps the sentence of the most reported version (the earliest on a tie), cites
    every report and carries each version; other entries are as they were.
    """
    group_of = {row.id: g for g in disputed for row in g.rows}
    folded: list[tuple[PartialDate, EventRow, list[int], list[Version]]] = []
    seen: set[int] = set()
    for date, row, articles in entries:
        group = group_of.get(row.id)
        if group is None:
            folded.append((date, row, articles, []))
            continue
        if group.story in seen:
            continue
        seen.add(group.story)
        versions = group.versions()
        first = versions[0]
        told = [e for e in entries if group_of.get(e[1].id) is group]
        kept = next((e for e in told if e[0].iso() == first.date.iso()), told[0])
        reports = list(dict.fromkeys(a for e in told for a in e[2]))
        folded.append((kept[0], kept[1], reports, versions))
    return sorted(folded, key=lambda entry: _event_order(entry[0], entry[1]))


def _event_order(date: PartialDate, row: EventRow) -> tuple[int, str, int]:
    return (0 if date.year is not None else 1, date.iso(), row.article_id)


def _clusters(summaries: Mapping[int, ArticleSummary]) -> dict[int, int]:
    """Each article's story: the article it near-duplicates, or itself."""
    return {i: s.duplicate_of or i for i, s in summaries.items()}


def _mentioned(hit: PassageHit, start: int, end: int) -> int:
    return sum(1 for s, e in hit.spans if start <= s and e <= end)


def _written(store: Store, names: Sequence[Name]) -> dict[frozenset[str], re.Pattern[str]]:
    """For each name asked about, its words (as the question writes them) and a pattern of
    every way the corpus writes it ("Việt Nam", «Вьетнама»), in folded text."""
    aliases = store.alias_keys({e for name in names for e in name.entities})
    written = {}
    for name in names:
        forms = {a for e in name.entities for a in aliases.get(e, ()) if len(a) >= NAME_CHARS}
        if forms:
            alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            written[frozenset(name.key.split())] = re.compile(rf"\b(?:{alternatives})\b")
    return written


def _relevance(
    store: Store,
    words: Sequence[str],
    written: Mapping[frozenset[str], re.Pattern[str]] | None = None,
) -> Callable[[str], float]:
    """The share of the question's weight (idf) a sentence covers, comparing stems; a name
    asked about (`written`: its words, every way it is written) counts in any spelling."""
    total = max(store.passage_total(), 1)
    frequencies = store.document_frequencies(words)
    weights: dict[str, float] = {}
    for word in words:
        idf = math.log(1 + total / (1 + frequencies.get(word, 0)))
        root = _root(word)
        weights[root] = max(weights.get(root, 0.0), idf)
    whole = sum(weights.values()) or 1.0
    foreign = {root: forms for root in weights if (forms := foreign_forms(root))}
    named = [
        ({stem(w) for w in key} & weights.keys(), form) for key, form in (written or {}).items()
    ]
    # Wire stories repeat sentences verbatim across outlets, and the same words recur in
    # every sentence: score each text once, and match each stem against the question once.
    scored: dict[str, float] = {}
    answers: dict[str, frozenset[str]] = {}

    def roots_of(token: str) -> frozenset[str]:
        if token not in answers:
            answers[token] = frozenset(root for root in weights if _same_or_derived(root, token))
        return answers[token]

    def relevance(text: str) -> float:
        if text not in scored:
            # Every word: a long sentence's answer may stand past its 24th word.
            present = {stem(t) for t in tokens(text)}
            found = frozenset().union(*(roots_of(p) for p in present))
            if foreign and not text.isascii():  # a report in another language
                held = words_of(text)
                found |= {root for root, forms in foreign.items() if holds(held, forms)}
            if named and not text.isascii():  # "Việt Nam", «Вьетнама» for "Vietnam"
                folded = fold(text)
                found |= {root for roots, form in named if form.search(folded) for root in roots}
            scored[text] = sum(w for root, w in weights.items() if root in found) / whole
        return scored[text]

    return relevance


def _in_context(
    hits: Sequence[PassageHit], relevance: Callable[[str], float]
) -> Callable[[PassageHit, str], float]:
    """A sentence's relevance, weighed with its article's: an answer sits in a story about it."""
    by_article: dict[int, list[str]] = defaultdict(list)
    for hit in hits:
        by_article[hit.article_id].append(hit.text)
    # What a story is about is in the opening of what matched in it, not in every word of
    # a long article: one that touches everything would match every question.
    story = {article: relevance(_lead(texts)) for article, texts in by_article.items()}

    def weighed(hit: PassageHit, text: str) -> float:
        return SENTENCE_SHARE * relevance(text) + (1 - SENTENCE_SHARE) * story[hit.article_id]

    return weighed


def _root(word: str) -> str:
    """What a question's word is matched by: its stem, or for an ordinal its number ("18th"
    is "lần thứ 18", «18-е», "18e" in other languages)."""
    ordinal = _ORDINAL.fullmatch(word)
    return ordinal.group(1) if ordinal else stem(word)


def _lead(texts: Sequence[str]) -> str:
    """The first STORY_LEAD_WORDS words of `texts`, reading no further."""
    words: list[str] = []
    for text in texts:
        words.extend(text.split()[: STORY_LEAD_WORDS - len(words)])
        if len(words) >= STORY_LEAD_WORDS:
            break
    return " ".join(words)


def _same_or_derived(root: str, token: str) -> bool:
    # Snowball keeps derivations apart ("vietnam", "vietnames"): a stem of four letters or
    # more also matches the longer stems it starts, as search.any_of's prefix query does.
    # Matching stems only by equality loses one of the 17 labelled questions (hit@k).
    return token == root or (len(root) >= 4 and token.startswith(root))


def _published_key(summary: ArticleSummary | None) -> tuple[int, str]:
    date = summary.published.date if summary else None
    if not date:
        return (2, "")
    return (1, date) if date.startswith("--") else (0, date)


def _corrected_note(query: str, entity: EntityRow, resolution: Resolution) -> str | None:
    if resolution.corrected:
        return notices.CORRECTED.format(name=entity.name, query=notices.echoed(query))
    return None


def _not_found(command: Command, query: str, resolution: Resolution) -> Briefing:
    shown = notices.echoed(query)
    if resolution.ambiguous:
        note = notices.AMBIGUOUS.format(query=shown)
    elif resolution.candidates:
        note = notices.DID_YOU_MEAN.format(query=shown)
    else:
        note = notices.NO_MATCH.format(query=shown)
    names = tuple(c.name for c in resolution.candidates)
    return Briefing(command, query, candidates=names, note=note)


class SourceBook:
    """Numbers articles as they are first cited: [1], [2], ..."""

    def __init__(self, summaries: Mapping[int, ArticleSummary]) -> None:
        self.summaries = dict(summaries)
        self.order: dict[int, int] = {}

    def numbers(self, articles: Iterable[int]) -> tuple[int, ...]:
        return tuple(sorted({self._number(a) for a in articles if a in self.summaries}))

    def cited(self, articles: Sequence[int]) -> tuple[int, ...]:
        """The numbers of `articles`, the first one's first: the article quoted verbatim."""
        numbers = self.numbers(articles[:1])
        return numbers + tuple(n for n in self.numbers(articles[1:]) if n not in numbers)

    def accounts(self, versions: Sequence[Version]) -> tuple[Account, ...]:
        """Each version of a disputed event with the numbers of the sources that give it."""
        return tuple(Account(v.date, v.place, self.numbers(v.articles)) for v in versions)

    def _number(self, article: int) -> int:
        return self.order.setdefault(article, len(self.order) + 1)

    def sources(self) -> tuple[Source, ...]:
        return tuple(
            _source(n, self.summaries[article])
            for article, n in sorted(self.order.items(), key=lambda item: item[1])
        )


def _source(n: int, summary: ArticleSummary) -> Source:
    published = parse_iso(summary.published.date, summary.published.year_source)
    return Source(
        n=n,
        article_id=summary.id,
        title=summary.title,
        outlet=summary.outlet,
        published=published,
        url=summary.url,
        path=summary.path,
        language=summary.language,
    )
