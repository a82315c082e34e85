"""Sentences ranked as answers: the kind of answer asked for, and the names asked about.

A sentence that matches a question's words may still not answer it: "How big was trade?"
wants a figure, "When…" a date, "Where…" a place, "Who…" a person; and "What did Vietnam
ask Russia?" is not answered by what Vietnam asked China. Each sentence's fit adds to how
well it matches the words how plainly it holds that kind of answer, and how many of the
question's names it (or else its article) holds. These signals, and where retrieval ranked
the sentence, are the features of a fitted ranker (briefings/answer_model.py) that weighs
them: hand-set weights tuned on one question set did not carry over to the next.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from briefings.answer_model import FEATURES, score
from briefings.attribution import (
    named_speaking,
    pronoun_speaks,
    speaker,
    statement_shown,
    unquoted,
)
from briefings.english import stem
from briefings.extractive import Candidate, flaws
from briefings.folding import fold
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
# A word of a name this long stands for its person when written as speaking ("Wong said").
_SPEAKER_WORD = 3
# A text with more letters outside ASCII than this share is in another language.
FOREIGN_LETTERS = 0.02
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A sentence this long or longer counts as long (the length feature's top).
LONG_WORDS = 60
_SHOWN = FEATURES.index("shown")
_QUOTED = re.compile(r"[\"“”«»„]")
_NUMBER = re.compile(r"\d")
# Two or three capitalised words in a row, as a person's name is written in Latin letters.
_NAME_RUN = re.compile(r"\b[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}\b")


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
    """`pool` with each sentence's score set to the fitted ranker's (briefings/answer_model.py).

    When some sentences hold the kind of answer asked for, the others are left out but for
    the ranker's first: a sentence with no figure in it does not say how big trade was.
    """
    scored = [
        (replace(candidate, score=score(features)), features[_SHOWN] > 0)
        for candidate, features in answer_features(store, question, hits, pool, names, match)
    ]
    if not any(shown for _, shown in scored):
        return [candidate for candidate, _ in scored]
    first = max(scored, key=lambda pair: pair[0].score)[0]
    return [candidate for candidate, shown in scored if shown or candidate is first]


def answer_features(
    store: Store,
    question: Question,
    hits: Sequence[PassageHit],
    pool: Sequence[Candidate],
    names: Sequence[Name],
    match: Callable[[str], float] = lambda text: 0.0,
) -> list[tuple[Candidate, tuple[float, ...]]]:
    """Each sentence of `pool` (scored by word match) with the features the ranker reads,
    in the order of answer_model.FEATURES.

    `match`: the share of the question's weight a text covers, to match a "she said" as the
    words of the person it stands for.
    """
    asked = {entity for name in names for entity in name.entities}
    mentions = _mentions(store, question, asked, hits)
    # Where something was done ("a loan signed in Hanoi") a report of the figure may leave
    # out: for how much or how many, the articles kept hold the most of the other names, so
    # reports that differ on the figure are both offered.
    held = [n for n in names if not _venue(question, n)] if question.asks == "amount" else []
    held = held or list(names)
    stories = _stories(store, held, {e for n in held for e in n.entities}, hits)
    topic = _topic(question, names)
    years = [int(w) for w in question.words if asked_year(w)]
    dates = store.dates_in({c.passage_id for c in pool}) if years else {}
    told = _latest_years(pool) if years else {}
    fullest = max((stories.get(c.article_id, 0.0) for c in pool), default=0.0)
    # The best among articles with a sentence to offer; the others' count for nothing here.
    pool = [c for c in pool if stories.get(c.article_id, 0.0) >= fullest]
    # "What did X say", or "… according to X": X's own words answer.
    people = [
        name
        for name in _people_asked(names, mentions)
        if question.asks == "said" or mentions_name(name, question.source)
    ]
    speaking = _spoken_by(store, people, mentions, pool) if people else None
    # A sentence they speak in names them, "she said" or not.
    speakers = " ".join(name.key for name in people)
    rows = []
    for candidate in pool:
        named = [m for m in mentions[candidate.passage_id] if m.surface in candidate.text]
        others = [
            (m.kind, candidate.text.find(m.surface)) for m in named if m.entity_id not in asked
        ]
        if question.asks == "who":
            others += _unlinked_people(candidate.text, named, names)
        ahead = candidate.announced is not None
        shown = answer_shown(question, candidate.text, candidate.dated, others, topic, ahead)
        spoken = speaking is not None and (candidate.passage_id, candidate.start) in speaking
        if question.asks == "said" and people and not spoken:  # X's statement, not one naming X
            shown /= 2
        text = f"{candidate.text}\n{speakers}" if spoken else candidate.text
        if spoken:  # matched as the words of the person "he" stands for
            raised = candidate.relevance + match(text) - match(candidate.text)
            candidate = replace(candidate, relevance=raised)
        year = 0.0
        if years:
            told_year = told.get(candidate.article_id)
            stated = _years_stated(candidate, dates.get(candidate.passage_id, ()), told_year)
            year = _of_years(candidate, stated, years)
        shared = (
            match(text),
            shown,
            _held(names, {m.entity_id for m in named}, _in_latin(text)),
            float(spoken),
            year,
        )
        rows.append((candidate, shared))
    best_shown = max((row[1][1] for row in rows), default=0.0)
    context = _Context([c for c, _ in rows])
    return [(c, context.features(c, shared, best_shown)) for c, shared in rows]


@dataclass(frozen=True)
class _Context:
    """What a sentence is weighed against: the rest of the pool."""

    ranks: dict[float, int]
    in_article: dict[int, float]
    copies: Counter[str]

    def __init__(self, pool: Sequence[Candidate]) -> None:
        levels = sorted({c.relevance for c in pool}, reverse=True)
        in_article: dict[int, float] = {}
        for c in pool:
            in_article[c.article_id] = max(in_article.get(c.article_id, 0.0), c.relevance)
        object.__setattr__(self, "ranks", {level: i for i, level in enumerate(levels)})
        object.__setattr__(self, "in_article", in_article)
        object.__setattr__(self, "copies", Counter(_key(c.text) for c in pool))

    def features(
        self, candidate: Candidate, shared: tuple[float, ...], best_shown: float
    ) -> tuple[float, ...]:
        """The row of answer_model.FEATURES for `candidate`; `shared`: what
        answer_features read from the store for it."""
        matched, shown, in_sentence, spoken, year = shared
        words = len(candidate.text.split())
        return (
            matched,
            candidate.relevance,
            1.0 / (1 + self.ranks[candidate.relevance]),
            float(shown > 0 and shown >= best_shown),
            shown,
            in_sentence,
            spoken,
            max(year, 0.0),
            max(-year, 0.0),
            float(candidate.seq <= 1),
            1.0 / max(candidate.seq, 1),
            min(words, LONG_WORDS) / LONG_WORDS,
            flaws(candidate.text),
            float(bool(_QUOTED.search(candidate.text))),
            float(candidate.dated),
            float(bool(_NUMBER.search(candidate.text))),
            float(_in_other_letters(candidate.text)),
            math.log1p(self.copies[_key(candidate.text)] - 1),
            float(candidate.relevance >= self.in_article[candidate.article_id]),
        )


def _venue(question: Question, name: Name) -> bool:
    """Whether the question names `name` as where something happens ("signed in Hanoi")."""
    return re.search(rf"\b(?:in|at)\s+{re.escape(name.key)}\b", fold(question.text)) is not None


def _unlinked_people(
    text: str, named: Sequence[PassageMention], names: Sequence[Name]
) -> list[tuple[str, int]]:
    """("person", offset) of each run of capitalised words past a sentence's first word
    that no mention covers and the question does not name: the extractor links only some
    people ("replacing Ramtane Lamamra"), and who asks for a name."""
    found = []
    for m in _NAME_RUN.finditer(text):
        if m.start() == 0 or any(n.surface in m.group() or m.group() in n.surface for n in named):
            continue
        if any(mentions_name(name, m.group()) for name in names):
            continue
        found.append(("person", m.start()))
    return found


def _key(text: str) -> str:
    """A sentence as its copies in other reports write it too."""
    return " ".join(text.casefold().split())


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
    another language does not ("Paracels" is "Hoàng Sa"): there it counts only when found
    (a Cyrillic report read in Latin letters finds "Lavrov").
    """
    found = [n for n in names if entities & {*n.entities} or mentions_name(n, text)]
    known = names
    if not all(n.entities for n in names) and _in_other_letters(text):
        known = [n for n in names if n.entities or n in found]
    return len(found) / len(known) if known else 0.0


def _in_other_letters(text: str) -> bool:
    """Whether `text` is written in the letters of another language: a few accented names
    aside ("Phạm Bình Minh"), French, Vietnamese and Russian use far more."""
    return not text.isascii() and len(_NON_ASCII.findall(text)) > FOREIGN_LETTERS * len(text)


def _in_latin(text: str) -> str:
    """`text`, and its Latin spelling when it is Cyrillic: a name the question asks about
    in Latin letters is found in a Russian report ("Bali" in «на Бали»)."""
    return f"{text}\n{latin_name(text)}" if is_cyrillic(text) else text
