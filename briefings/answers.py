"""Sentences ranked as answers: the kind of answer asked for, and the names asked about.

A sentence that matches a question's words may still not answer it: "How big was trade?"
wants a figure, "When…" a date, "Where…" a place, "Who…" a person; and "What did Vietnam
ask Russia?" is not answered by what Vietnam asked China. Each sentence's fit adds to how
well it matches the words how plainly it holds that kind of answer, and how many of the
question's names it (or else its article) holds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from briefings.attribution import (
    named_speaking,
    pronoun_speaks,
    speaker,
    statement_shown,
    unquoted,
)
from briefings.english import stem
from briefings.extractive import Candidate
from briefings.questions import (
    NAMED_ANSWERS,
    Name,
    Question,
    answer_shown,
    asked_year,
    last_year,
    mentions_name,
    name_keys,
    names_asked,
    years_in,
)
from briefings.transliteration import is_cyrillic, latin_name
from store import Store
from store.records import DateRecord, PassageHit, PassageMention

NAME_KINDS = ("person", "organization", "place")
# Both in the units of a sentence's word match (the share of the question's weight it covers).
ANSWER_WEIGHT = 0.8
NAMES_WEIGHT = 0.3
# A sentence of the year asked about against one of another year: as much as a name.
YEAR_WEIGHT = 0.3
# "What did Manalo say …": a statement Manalo makes, not one that names him ("Had a good
# conversation with … Manalo," Jaishankar said) — as much as the kind of answer.
SPEAKER_WEIGHT = 0.8
# A word of a name this long stands for its person when written as speaking ("Wong said").
_SPEAKER_WORD = 3
# A text with more letters outside ASCII than this share is in another language.
FOREIGN_LETTERS = 0.02
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A name in the sentence itself counts more than one elsewhere in its article.
IN_SENTENCE = 0.3
# candidates() weighs the word match four times a sentence's style: so do the fit.
MATCH_SCORE = 4.0


def asked_names(store: Store, question: Question) -> list[Name]:
    """The people, bodies and places `question` names: a topic's or event's name ("G20
    summit in Bali") is words a report in another language writes its own way, matched as
    words instead."""
    keyed = store.entities_keyed(name_keys(question.text), kinds=NAME_KINDS)
    return names_asked(question.text, keyed)


def rank_answers(
    store: Store,
    question: Question,
    hits: Sequence[PassageHit],
    pool: Sequence[Candidate],
    names: Sequence[Name],
    match: Callable[[str], float] = lambda text: 0.0,
) -> list[Candidate]:
    """`pool` (scored by word match) with each sentence's relevance and score raised by its fit.

    `match`: how much of a sentence's relevance its words make, to match a "she said" as
    the words of the person it stands for.

    Sentences from articles holding fewer of the question's names than the best do are
    left out (what Vietnam asked China does not say what it asked Russia); then, when some
    sentences hold the kind of answer asked for, the others are: a sentence with no figure
    in it does not say how big trade was.
    """
    asked = {entity for name in names for entity in name.entities}
    mentions = _mentions(store, question, asked, hits)
    stories = _stories(store, names, asked, hits)
    topic = _topic(question, names)
    years = [int(w) for w in question.words if asked_year(w)]
    dates = store.dates_in({c.passage_id for c in pool}) if years else {}
    told = _latest_years(pool) if years else {}
    # The best among articles with a sentence to offer; the others' count for nothing here.
    fullest = max((stories.get(c.article_id, 0.0) for c in pool), default=0.0)
    kept = [c for c in pool if stories.get(c.article_id, 0.0) >= fullest]
    people = _people_asked(names, mentions) if question.asks == "said" else []
    speaking = _spoken_by(store, people, mentions, kept) if people else None
    # A sentence they speak in names them, "she said" or not.
    speakers = " ".join(name.key for name in people)
    ranked, typed = [], []
    for candidate in kept:
        named = [m for m in mentions[candidate.passage_id] if m.surface in candidate.text]
        others = [
            (m.kind, candidate.text.find(m.surface)) for m in named if m.entity_id not in asked
        ]
        ahead = candidate.announced is not None
        shown = answer_shown(question, candidate.text, candidate.dated, others, topic, ahead)
        spoken = speaking is not None and (candidate.passage_id, candidate.start) in speaking
        text = f"{candidate.text}\n{speakers}" if spoken else candidate.text
        in_sentence = _held(names, {m.entity_id for m in named}, _in_latin(text))
        in_story = stories.get(candidate.article_id, 0.0)
        held = IN_SENTENCE * in_sentence + (1 - IN_SENTENCE) * in_story
        fit = ANSWER_WEIGHT * shown + NAMES_WEIGHT * held + SPEAKER_WEIGHT * spoken
        if spoken:
            fit += match(text) - match(candidate.text)
        if years:
            told_year = told.get(candidate.article_id)
            stated = _years_stated(candidate, dates.get(candidate.passage_id, ()), told_year)
            fit += YEAR_WEIGHT * _of_years(candidate, stated, years)
        fitted = replace(
            candidate,
            relevance=candidate.relevance + fit,
            score=candidate.score + MATCH_SCORE * fit,
        )
        ranked.append(fitted)
        if shown > 0:
            typed.append(fitted)
    return typed or ranked


def _people_asked(
    names: Sequence[Name], mentions: Mapping[int, Sequence[PassageMention]]
) -> list[Name]:
    """The names of `names` that stand for people (as the passages' mentions tell)."""
    people = {m.entity_id for found in mentions.values() for m in found if m.kind == "person"}
    return [n for n in names if people & {*n.entities}]


def _spoken_by(
    store: Store,
    asked: Sequence[Name],
    mentions: Mapping[int, Sequence[PassageMention]],
    pool: Sequence[Candidate],
) -> set[tuple[int, int]]:
    """The sentences (passage id, start) of `pool` whose speaker is one of the people
    `asked` about: named outside the quotation, or the one "he said" stands for."""
    people = {e for name in asked for e in name.entities}
    found, unnamed = set(), []
    for candidate in pool:
        if not statement_shown(candidate.text):
            continue
        outside = unquoted(candidate.text)
        named = [m for m in mentions.get(candidate.passage_id, ()) if m.entity_id in people]
        if any(m.surface in outside for m in named) or _speaking(outside, asked):
            found.add((candidate.passage_id, candidate.start))
        elif pronoun_speaks(candidate.text) is not None:
            unnamed.append(candidate)
    if unnamed:
        passages = store.body_passages({c.article_id for c in unnamed})
        told = store.people_named(p.id for p in passages)
        for candidate in unnamed:
            mine = [p for p in passages if p.article_id == candidate.article_id]
            who = speaker(mine, told, candidate.passage_id, candidate.start)
            if who and any(mentions_name(name, who) for name in asked):
                found.add((candidate.passage_id, candidate.start))
    return found


def _speaking(outside: str, names: Sequence[Name]) -> bool:
    """Whether a word of one of `names` stands in `outside` (a sentence, quotations
    blanked) as its speaker ("Senator Wong said"): a person is quoted by one word of their
    name, often not linked to them."""
    words = {w for name in names for w in name.key.split() if len(w) >= _SPEAKER_WORD}
    return any(named_speaking(outside, word) for word in words if word in outside.casefold())


def _topic(question: Question, names: Sequence[Name]) -> set[str]:
    """Stems of the question's words outside its names and years: what it asks about."""
    in_names = {word for name in names for word in name.key.split()}
    return {
        root
        for word in question.words
        if word not in in_names and not asked_year(word) and len(root := stem(word)) >= 3
    }


def _latest_years(pool: Sequence[Candidate]) -> dict[int, int]:
    """For each article of `pool`, the latest year its sentences are dated in."""
    latest: dict[int, int] = {}
    for candidate in pool:
        if candidate.date and candidate.date.year:
            year = max(latest.get(candidate.article_id, 0), candidate.date.year)
            latest[candidate.article_id] = year
    return latest


def _years_stated(
    candidate: Candidate, dates: Sequence[DateRecord], told: int | None = None
) -> set[int]:
    """The years a sentence names, as written ("2021") or in words ("last year"), but for
    the year of what it announces: "agreed in 2022 to meet in 2023" is of 2022. `told`:
    the latest year its article tells of, for a "last year" nothing else dates."""
    end = candidate.start + len(candidate.text)
    stated = years_in(candidate.text)
    for date in dates:
        if candidate.start <= date.start < end:
            stated |= years_in(date.date[:4])
    # With no year for "last year" to count from (the date reader had none), the year of
    # the sentence's date or else of its story: "visited Indonesia last year" in a report
    # of talks on April 15, 2025.
    year = candidate.date.year if candidate.date and candidate.date.year else told
    if not stated and year and last_year(candidate.text):
        stated = {year - 1}
    announced = candidate.announced.year if candidate.announced else None
    return stated - {announced}


def _of_years(candidate: Candidate, stated: set[int], years: Sequence[int]) -> float:
    """1 when a sentence is of a year the question asks about (`stated`: the years it names),
    -1 when it names only other years (its figure is another year's); naming none, 1 when
    it is dated then (by its article, say), half when the year after (a year's figure
    comes out the next)."""
    if stated:
        return 1.0 if stated & set(years) else -1.0
    year = candidate.date.year if candidate.date else None
    if year is None:
        return 0.0
    return 1.0 if year in years else 0.5 if year - 1 in years else 0.0


def _stories(
    store: Store, names: Sequence[Name], asked: set[int], hits: Sequence[PassageHit]
) -> dict[int, float]:
    """The share of the question's names each article of `hits` holds, anywhere in it."""
    if not names:
        return {}
    articles = {h.article_id for h in hits}
    named = store.articles_naming(asked, articles) if asked else {}
    texts: dict[int, list[str]] = defaultdict(list)
    for hit in hits:
        texts[hit.article_id].append(hit.text)
    return {a: _held(names, named.get(a, set()), _in_latin(" ".join(texts[a]))) for a in articles}


def _mentions(
    store: Store, question: Question, asked: set[int], hits: Sequence[PassageHit]
) -> dict[int, list[PassageMention]]:
    """Each passage's mentions: of every entity when a where or who question wants their
    kinds, else only of the entities the question names (far fewer rows)."""
    wanted = None if question.asks in NAMED_ANSWERS else asked
    found: dict[int, list[PassageMention]] = defaultdict(list)
    if wanted is not None and not wanted:
        return found
    for mention in store.mentions_in((h.id for h in hits), wanted):
        found[mention.passage_id].append(mention)
    return found


def _held(names: Sequence[Name], entities: set[int], text: str) -> float:
    """The share of `names` among `entities` (named there) or in `text`.

    A name no entity stands for is found only as the question writes it, which a report in
    another language does not ("Paracels" is "Hoàng Sa"): there it counts for nothing.
    """
    known = names
    if not all(n.entities for n in names) and _in_other_letters(text):
        known = [n for n in names if n.entities]
    if not known:
        return 0.0
    found = sum(1 for n in known if entities & {*n.entities} or mentions_name(n, text))
    return found / len(known)


def _in_other_letters(text: str) -> bool:
    """Whether `text` is written in the letters of another language: a few accented names
    aside ("Phạm Bình Minh"), French, Vietnamese and Russian use far more."""
    return not text.isascii() and len(_NON_ASCII.findall(text)) > FOREIGN_LETTERS * len(text)


def _in_latin(text: str) -> str:
    """`text`, and its Latin spelling when it is Cyrillic: a name the question asks about
    in Latin letters is found in a Russian report ("Bali" in «на Бали»)."""
    return f"{text}\n{latin_name(text)}" if is_cyrillic(text) else text
