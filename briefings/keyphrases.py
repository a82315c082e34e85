"""Key phrases: the matters an article is about that no list names ("energy security").

Candidates are noun phrases as plain text shows them: runs of lower-case words between
function words and punctuation (names are capitalised and left to the other finders), cut at
the head a language puts last (English, Russian: "gas pipeline") or first (French,
Indonesian, Vietnamese: "sécurité alimentaire"), the head being a matter of foreign affairs
(`gazetteer/matter_heads.tsv`); and, whatever their head, the noun-phrase chunks of
`noun_phrases.py` and the phrases inside them ("halal certification", "maritime security" in
"maritime security cooperation"). A phrase is counted under its stems, so "всеобъемлющего
стратегического партнерства" and "всеобъемлющее стратегическое партнерство" are one. A fitted
logistic model (`keyphrase_model.py`) weighs how often the article says it, whether the
headline does, how rare it is in a background corpus (`gazetteer/keyphrase_df.tsv`, in which
"trade agreement" or "international law" are common and "barter trade" is not), its length,
its head, its place in its run and whether it is one of a series; the likeliest few are kept:
a wrong topic costs as much as a missed one. A framework written as a name (French and
Vietnamese capitalise its first word alone: "quan hệ Đối tác chiến lược toàn diện") is kept
whatever its rank. Vietnamese is read by words of two syllables, not by syllables. Languages
without a row in the tables get none.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from briefings.datafiles import lines, rows
from briefings.folding import fold
from briefings.foreign_names import analyzer
from briefings.keyphrase_model import FEATURES, hopeless, probability, threshold
from briefings.noun_phrases import chunks, runs, russian_adjective, series, sub_phrases

WINDOW = 80  # characters read on the modifiers' side: MAX_WORDS - 1 long Russian words and spaces
NEXT_WORD = 40  # and on the other: enough to see whether the run goes on
MAX_WORDS = 4  # "hợp tác dầu khí" is four syllables; longer runs are clauses, not phrases
STEM_LETTERS = 6  # Russian endings differ after it, roots rarely do
CHUNKED = 8  # passages read for noun-phrase chunks (headline, lead, the first of the body)
KEEP = 8  # phrases kept per article at most; labels name three to twelve topics
LANGUAGES = ("en", "ru", "vi", "fr", "id")
TITLE_WEIGHT = 2.0  # a phrase in the headline or lead is what the story is about
LEAD_WEIGHT = 1.0
FUNCTION_WORDS = "gazetteer/function_words.tsv"
MATTER_HEADS = "gazetteer/matter_heads.tsv"
DF_FILE = "gazetteer/keyphrase_df.tsv"
VERBS_FILE = "gazetteer/keyphrase_verbs.txt"
QUALIFIERS_FILE = "gazetteer/keyphrase_qualifiers.tsv"
ALONE_FILE = "gazetteer/matter_words.tsv"
CUED = FEATURES.index("cued")

# Letters with inner hyphens ("confidence-building", "военно-техническое"); an apostrophe
# ends a word, so "Ukraine's" and "l'énergie" leave "s" and "l" to the function words.
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?!\w)")
_NOT_PLURAL = ("ss", "is", "us")
# Russian words before a head agree with it as adjectives or participles do.
_RUSSIAN_MODIFIER = re.compile(
    r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю|ей)$"
)
# The words joining the items of a series, as they stand before or after one.
_SERIES = {
    language: re.compile(rf"(?:^|[ |])(?:{words})(?:[ |]|$)")
    for language, words in {
        "en": "and|or",
        "fr": "et|ou",
        "ru": "и|или",
        "vi": "và|hoặc",
        "id": "dan|atau",
    }.items()
}
SIBLINGS = {"ms": "id"}  # a language read with another's tables
# Stems of the words for an agreement, by which a generic one refers back to a named one.
AGREEMENTS = frozenset(
    "agreement deal pact treaty accord accord traite pacte perjanjian kesepakatan pakta"
    " соглаш догово пакт".split()
)
# "значение", "решение": a neuter noun made from a verb ends as a plural adjective does.
_RUSSIAN_VERBAL_NOUN = ("ание", "ение", "яние")
# "to expand", "will sign", "not revive": what follows is a verb; "the", "a" make a noun.
VERB_CUES = frozenset("will would can could should must may might shall did not".split())
NOUN_CUES = frozenset("the a an its their his her our this these".split())
_BEFORE_NOUN_CUE = re.compile(r"(?<![\w-])([a-z][a-z-]*)[ \t]+(?:the|a|an|its|their)(?!\w)")
_AFTER_TO = re.compile(r"(?<!\w)to[ \t]+([a-z][a-z-]*)")
_AFTER_VERB_CUE = re.compile(rf"(?<!\w)(?:{'|'.join(VERB_CUES)})[ \t]+([a-z][a-z-]*)")
_AFTER_NOUN_CUE = re.compile(rf"(?<!\w)(?:{'|'.join(NOUN_CUES)})[ \t]+([a-z][a-z-]*)")


@dataclass(frozen=True)
class Grammar:
    """What a language's key phrases look like."""

    language: str
    function_words: frozenset[str]
    head_last: bool
    heads: frozenset[str]
    min_words: int = 2  # a Vietnamese syllable is no word: "hợp tác" alone is "cooperation"
    # Vietnamese: three words of two syllables ("đối tác chiến lược toàn diện").
    max_words: int = MAX_WORDS
    # Heads that name a matter alone ("ceasefire"), and words that only grade one ("close").
    alone: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    # Where a head may stand: phrases are read only around these, most of a text has none.
    head_starts: re.Pattern[str] = re.compile("(?!)")

    def stem(self, word: str) -> str:
        return stem(self.language, word)


@lru_cache(maxsize=65536)
def stem(language: str, word: str) -> str:
    """A word's key. English and French lose a plural (a prefix would merge "member" and
    "membership", "président" and "présidence"); Russian keeps its first letters, before the
    case endings; Indonesian and Vietnamese words do not inflect. French also loses the
    feminine "e"."""
    folded = fold(word)
    if language in ("en", "fr"):  # "ties" → "tie", "accords" → "accord"; not "gas", "crisis"
        plural = (
            len(folded) > 3 and folded.endswith(("s", "x")) and not folded.endswith(_NOT_PLURAL)
        )
        folded = folded[:-1] if plural else folded
    if language == "fr" and len(folded) > 3 and folded.endswith("e"):  # "gelée" is "gelé"
        folded = folded[:-1]
    return folded[:STEM_LETTERS] if language == "ru" else folded


class Occurrence(NamedTuple):
    """`texts[passage][start:end]` says the phrase whose stems are `key` (a tuple: an article
    has hundreds, made faster than a dataclass)."""

    passage: int
    start: int
    end: int
    key: tuple[str, ...]
    # A whole run whose first word is capitalised mid-sentence: a framework written as a name
    # ("quan hệ Đối tác chiến lược toàn diện"), kept whatever its rank.
    titled: bool = False
    # Found by its head (the head table), not only as a noun-phrase chunk.
    headed: bool = True
    # A chunk's place in its run: the whole run, or touching the head's end of it.
    whole: bool = False
    head_end: bool = False


@dataclass(frozen=True)
class KeyPhrase:
    """A phrase kept for an article: its name (commonest wording) and every occurrence."""

    name: str
    score: float
    occurrences: tuple[Occurrence, ...]


def key_phrases(
    texts: Sequence[str], language: str | None, title: int | None = 0
) -> list[KeyPhrase]:
    """The key phrases of an article whose passages are `texts`: those the fitted model
    (`keyphrase_model.py`) finds likely enough, best first, at most KEEP.

    `title` is the index of the headline passage, if any; the passage after it is the lead.
    """
    found = candidates(texts, language, title, screen=True)
    chosen = select(found, [probability(c.features) for c in found], threshold())
    phrases = [c.phrase(texts) for c in chosen]
    if language == "ru":
        phrases = [_russian_nominative(phrase) for phrase in phrases]
    return phrases


def _russian_nominative(phrase: KeyPhrase) -> KeyPhrase:
    """A Russian noun named as a dictionary names it: "сотрудничество в энергетике" lists
    "энергетика". Phrases of several words keep their wording: their words agree."""
    if " " in phrase.name or "-" in phrase.name:
        return phrase
    parses = analyzer().parse(phrase.name)
    if not parses or parses[0].tag.POS != "NOUN":
        return phrase
    return KeyPhrase(parses[0].normal_form, phrase.score, phrase.occurrences)


def select(
    found: Sequence[Candidate], probabilities: Sequence[float], least: float
) -> list[Candidate]:
    """The candidates written as a name, then the likeliest at `least` or above, at most
    KEEP; a phrase inside a chosen one ("strategic partnership" in "comprehensive strategic
    partnership"), or around one, is not counted twice."""
    titled = [c for c in found if c.titled]
    chosen: list[Candidate] = []
    ranked = sorted(
        zip(probabilities, found, strict=True), key=lambda pc: (-pc[0], -len(pc[1].key), pc[1].key)
    )
    for p, candidate in ranked:
        if len(chosen) == KEEP or p < least:
            break
        # One word of a series ("trade" in "trade, energy and tourism") is one matter; a
        # phrase the article builds on it ("trade imbalance") is another.
        taken = [c.key for c in (*titled, *chosen) if not c.listed_word]
        if candidate.listed_word or not any(
            _inside(candidate.key, k) or _inside(k, candidate.key) for k in taken
        ):
            chosen.append(candidate)
    return [*titled, *chosen]


@dataclass(frozen=True)
class Candidate:
    """A phrase an article might be about, with what the model weighs."""

    key: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]
    features: tuple[float, ...]
    titled: bool

    @property
    def listed_word(self) -> bool:
        """One word of the areas a series lists after a cue ("cooperation in trade, energy…")."""
        return len(self.key) == 1 and bool(self.features[CUED])

    def phrase(self, texts: Sequence[str]) -> KeyPhrase:
        return KeyPhrase(_name(texts, self.occurrences), 0.0, self.occurrences)


Background = tuple[int, Callable[[tuple[str, ...]], int]]


def candidates(
    texts: Sequence[str],
    language: str | None,
    title: int | None = 0,
    background: Background | None = None,
    screen: bool = False,
) -> list[Candidate]:
    """Every candidate phrase of an article and its features (`keyphrase_model.FEATURES`).

    `background` (documents, frequency of a key) replaces the shipped table when fitting;
    with `screen`, only candidates the shipped model might keep are returned.
    """
    grammar = grammar_of(language or "en")
    if grammar is None:
        return []
    total, frequency = background or _shipped_background()
    verbs = _verbs(grammar, texts)
    found = [o for i, text in enumerate(texts) for o in _occurrences(grammar, i, text, verbs)]
    chunked, edges, items = _chunk_occurrences(grammar, texts, verbs, found, title)
    found += chunked
    by_key: dict[tuple[str, ...], list[Occurrence]] = defaultdict(list)
    for occurrence in found:
        by_key[occurrence.key].append(occurrence)
    weights = _weights(found, title)
    # Each key said as an item of a series: whether one of its series follows a cue.
    listed: dict[tuple[str, ...], bool] = {}
    for o in found if items else ():
        cue = items.get((o.passage, o.start, o.end))
        if cue is not None:
            listed[o.key] = listed.get(o.key, False) or cue
    found_candidates = []
    for key, occurrences in by_key.items():
        cued = listed.get(key, False)
        # A word alone ("ceasefire", "agriculture") said once in passing is scenery: it must
        # be said twice, or in the headline or lead, or be one of the areas a series lists.
        if (
            weights[key] < 2
            and not cued
            and (len(key) == 1 or not any(o.headed for o in occurrences))
        ):
            continue
        features = _features(
            grammar,
            texts,
            key,
            occurrences,
            edges,
            title,
            (total, frequency),
            screen,
            (key in listed, cued),
        )
        if features is not None:
            titled = any(o.titled for o in occurrences)
            found_candidates.append(Candidate(key, tuple(occurrences), features, titled))
    return found_candidates


Edges = tuple[dict[tuple[int, int], int], set[tuple[int, int]]]
Items = dict[tuple[int, int, int], bool]  # (passage, start, end): after an area cue


def _chunk_occurrences(
    grammar: Grammar,
    texts: Sequence[str],
    verbs: frozenset[str],
    headed: list[Occurrence],
    title: int | None,
) -> tuple[list[Occurrence], Edges, Items]:
    """Noun-phrase chunks (`noun_phrases`) of words the headline or lead says or the article
    says twice (a phrase said once in the body is never kept, unless it is one of a series),
    where the runs they come from start (with their ends) and end, by passage, and the items
    of the series the passages enumerate."""
    language = grammar.language
    # A story's matters are said early: chunking its first passages finds nearly all of them
    # at a fraction of the cost on a long article.
    runs_of = [runs(text, language, grammar.function_words, verbs) for text in texts[:CHUNKED]]
    run_starts = {(p, run[0][0]): run[-1][1] for p, found in enumerate(runs_of) for run in found}
    run_ends = {(p, run[-1][1]) for p, found in enumerate(runs_of) for run in found}
    items = {
        (p, item[0][0], item[-1][1]): cued
        for p, found in enumerate(runs_of)
        for item, cued in series(texts[p], found, language)
    }
    # A cued item ends where its run ends (an area word it opens with is cut off its start).
    cued_ends = {(p, end) for (p, _, end), cued in items.items() if cued}
    starts = {(o.passage, o.start) for o in headed}
    spans = {(o.passage, o.start, o.end) for o in headed}
    stems = [[[stem(language, w) for _, _, w in run] for run in found] for found in runs_of]
    said = Counter(s for passage in stems for run in passage for s in run)
    opening = {title, title + 1} if title is not None else set()
    by_key: dict[tuple[str, ...], list[Occurrence]] = defaultdict(list)
    for passage, found in enumerate(runs_of):
        for run, run_stems in zip(found, stems[passage], strict=True):
            size = len(run)
            if (passage, run[-1][1]) in cued_ends:
                wanted = [True] * size
            else:
                wanted = [passage in opening or said[s] >= 2 for s in run_stems]
            for first, last in sub_phrases(run, language, wanted):
                start, end = run[first][0], run[last - 1][1]
                whole = first == 0 and last == size
                # Where the head table found phrases, its cuts are the candidates (and the
                # whole run), not every sub-phrase of the run.
                if (passage, start, end) in spans or ((passage, start) in starts and not whole):
                    continue
                if language == "ru" and not _russian_phrase(run[first:last]):
                    continue
                head_end = last == size if grammar.head_last else first == 0
                key = tuple(run_stems[first:last])
                by_key[key].append(
                    Occurrence(passage, start, end, key, False, False, whole, head_end)
                )
    # A sub-phrase said once in the body is no candidate unless the head table has it too.
    keys = {o.key for o in headed}
    chunked = [
        o
        for key, found in by_key.items()
        if len(found) > 1
        or key in keys
        or found[0].passage in opening
        or items.get((found[0].passage, found[0].start, found[0].end), False)
        for o in found
    ]
    return chunked, (run_starts, run_ends), items


def _russian_phrase(words: Sequence[tuple[int, int, str]]) -> bool:
    """A Russian noun phrase: adjectives agreeing with the noun that ends it ("визовый
    режим"), after at most one noun that governs them ("поставки риса", "план совместных
    мероприятий"); not two nouns in a row inside ("большое значение сотрудничеству"), nor a
    phrase cut after an adjective ("одностороннего санкционного" of "…давления")."""
    return all(
        _RUSSIAN_MODIFIER.search(w.lower()) and not w.lower().endswith(_RUSSIAN_VERBAL_NOUN)
        for _, _, w in words[1:-1]
    ) and not (len(words) > 1 and russian_adjective(words[-1][2].lower()))


def _place_in_run(grammar: Grammar, o: Occurrence, edges: Edges) -> tuple[bool, bool]:
    """Whether an occurrence is its whole run, and whether it touches the run's head end."""
    if not o.headed:
        return o.whole, o.head_end
    starts, ends = edges
    at_start = (o.passage, o.start) in starts
    whole = at_start and starts[(o.passage, o.start)] == o.end
    return whole, ((o.passage, o.end) in ends if grammar.head_last else at_start)


def _features(
    grammar: Grammar,
    texts: Sequence[str],
    key: tuple[str, ...],
    occurrences: Sequence[Occurrence],
    edges: Edges,
    title: int | None,
    background: tuple[int, Callable[[tuple[str, ...]], int]],
    screen: bool,
    series: tuple[bool, bool] = (False, False),
) -> tuple[float, ...] | None:
    """The model's inputs, in the order of `keyphrase_model.FEATURES`; None when `screen`
    and the model could not keep the candidate whatever its LATE features."""
    size = len(occurrences)
    words = len(key) / 2 if grammar.language == "vi" else len(key)
    head = key[-1] if grammar.head_last else key[0]
    edge = key[0] if grammar.head_last else key[-1]
    headed = titled = in_title = False
    for o in occurrences:
        headed = headed or o.headed
        titled = titled or o.titled
        in_title = in_title or o.passage == title
    early = [
        float(headed),
        math.log(size),
        float(in_title),
        0.0,
        0.0,
        float(words <= 1),
        float(words > 3),
        float(head in grammar.heads or (len(key) > 1 and " ".join(key[:2]) in grammar.heads)),
        float(" ".join(key) in grammar.alone),
        0.0,
        0.0,
        float(len(key) > 1 and edge in grammar.qualifiers),
        float(titled),
        0.0,
        float(series[0]),
        float(series[1]),
        0.0,
        *_languages(grammar.language),
    ]
    if screen and hopeless(early):
        return None
    total, frequency = background
    places = [_place_in_run(grammar, o, edges) for o in occurrences]
    # "agreed to lift two-way trade": a run opening after "to" opens with its verb.
    early[16] = sum(_after_to(grammar, texts[o.passage], o.start) for o in occurrences) / size
    early[3] = math.log((total + 1) / (frequency(key) + 1)) / math.log(total + 1)
    early[4] = max(frequency((w,)) for w in key) / total
    early[9] = sum(w for w, _ in places) / size
    early[10] = sum(h or o.headed for o, (_, h) in zip(occurrences, places, strict=True)) / size
    # One of a series ("trade, investment, energy and tourism"): what a story lists.
    early[13] = (
        sum(
            _listed(grammar, texts[o.passage], o)
            for o, (w, _) in zip(occurrences, places, strict=True)
            if w
        )
        / size
    )
    return tuple(early)


@cache
def _languages(language: str) -> tuple[float, ...]:
    return tuple(float(language == other) for other in LANGUAGES)


def _after_to(grammar: Grammar, text: str, start: int) -> bool:
    return grammar.language == "en" and text[max(0, start - 4) : start] in (" to ", "\nto ")


def _listed(grammar: Grammar, text: str, occurrence: Occurrence) -> bool:
    """One of a series: "trade, investment, energy and tourism", "образование и здравоохранение":
    the matters a story lists are its topics more often than a run of words elsewhere."""
    before = text[max(0, occurrence.start - 6) : occurrence.start]
    after = text[occurrence.end : occurrence.end + 6]
    joins = _SERIES[grammar.language]
    return (
        before.endswith(", ")
        or after.startswith(", ")
        or bool(joins.search(before[-5:] + "|" + after[:5]))
    )


@cache
def _shipped_background() -> Background:
    total, table = document_frequencies()
    return total, lambda key: table.get(key, 0)


def restates(phrase: KeyPhrase, names: Iterable[str], language: str | None) -> bool:
    """Whether a phrase only says again, in common words, a matter the article names: "the
    defence pact" in a story of the "Reciprocal Access Agreement", "the pipeline deal" in one
    of the "Nigeria-Morocco Gas Pipeline". Its head is an agreement and a name's is one too,
    or one of its words is a name's head."""
    grammar = grammar_of(language or "en")
    if grammar is None or not phrase.occurrences:
        return False
    key = phrase.occurrences[0].key
    head = key[-1] if grammar.head_last else key[0]
    heads = set()
    for name in names:
        words = _WORD.findall(name)
        # "Code of Conduct in the East Sea": the head ends the capitalised words before "of".
        lead = next((words[:i] for i, w in enumerate(words) if w.islower()), words)
        if lead:
            heads.add(stem(grammar.language, lead[-1] if grammar.head_last else lead[0]))
            heads |= {stem(grammar.language, w) for w in words} & AGREEMENTS
    return bool(heads & set(key)) or (head in AGREEMENTS and bool(heads & AGREEMENTS))


def is_function_word(word: str, language: str = "en") -> bool:
    """ "to", "the", "said": a word no key phrase holds."""
    grammar = grammar_of(language)
    return grammar is not None and word.lower() in grammar.function_words


@lru_cache(maxsize=4096)
def is_matter(words: str, language: str | None) -> bool:
    """Whether lower-case `words` are a key phrase whole: "gas pipeline", "border trade"."""
    grammar = grammar_of(language or "en")
    if grammar is None:
        return False
    verbs = fitted_verbs() if grammar.language == "en" else frozenset()
    found = _occurrences(grammar, 0, words, verbs)
    return any(o.start == 0 and o.end == len(words) for o in found)


def phrase_keys(text: str, language: str | None) -> set[tuple[str, ...]]:
    """Every candidate key of a text: what the fitting script counts per document."""
    grammar = grammar_of(language or "en")
    if grammar is None:
        return set()
    words = {(grammar.stem(w),) for w in _WORD.findall(text) if w[0].islower()}
    found = {o.key for o in _occurrences(grammar, 0, text, frozenset())}
    chunked = {
        tuple(grammar.stem(w) for w in c.words)
        for c in chunks(text, grammar.language, grammar.function_words, _verbs(grammar, [text]))
    }
    return words | found | chunked


@cache
def grammar_of(language: str) -> Grammar | None:
    """The language's function words and matter heads, or None when the tables lack it."""
    # Malay shares Indonesian's function words and heads; langid tells them apart line by line.
    language = SIBLINGS.get(language, language)
    stops = {lang: frozenset(words.split()) for lang, words in rows(FUNCTION_WORDS, 2)}
    heads = {lang: (position, words.split()) for lang, position, words in rows(MATTER_HEADS, 3)}
    if language not in stops or language not in heads:
        return None
    position, words = heads[language]
    alone = _table_words(ALONE_FILE, language)
    words = [*words, *alone]
    min_words = 3 if language == "vi" else 2
    # A head of several syllables is written with "_": Vietnamese "hợp_tác".
    forms = {_head_form(language, word) for word in words}
    if position == "first":  # "Sécurité alimentaire…" may open a sentence
        forms |= {form[0].upper() + form[1:] for form in forms}
    return Grammar(
        language,
        stops[language],
        position == "last",
        frozenset(_stems(language, word) for word in words),
        min_words,
        6 if language == "vi" else MAX_WORDS,
        frozenset(_stems(language, word) for word in alone),
        frozenset(_stems(language, word) for word in _table_words(QUALIFIERS_FILE, language)),
        re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(forms, key=len, reverse=True))})(?!\w)"),
    )


def _table_words(path: str, language: str) -> list[str]:
    return [w for lang, words in rows(path, 2) if lang == language for w in words.split()]


def _stems(language: str, word: str) -> str:
    return " ".join(stem(language, w) for w in word.split("_"))


def _head_form(language: str, word: str) -> str:
    """A pattern for the head as text writes it: inflected in Russian, plural in English."""
    if language == "ru":
        return re.escape(word[:STEM_LETTERS]) + r"\w*"
    written = re.escape(word).replace("_", r"[ \t]+")
    return written + r"(?:s|x|es)?" if language in ("en", "fr") else written


@cache
def document_frequencies() -> tuple[int, dict[tuple[str, ...], int]]:
    """Documents in the background corpus, and in how many of them each stem key occurs."""
    entries = lines(DF_FILE)
    total = int(entries[0].split("\t")[1])
    table = {}
    for line in entries[1:]:
        phrase, count = line.split("\t")
        table[tuple(phrase.split())] = int(count)
    return total, table


@cache
def fitted_verbs() -> frozenset[str]:
    """English stems the background corpus uses as verbs (`benchmarks/fit_keyphrases.py`)."""
    return frozenset(lines(VERBS_FILE))


def verbs_in(text: str) -> frozenset[str]:
    """Stems of an English text that follow a verb cue more often than a noun cue."""
    lowered = text.lower()
    after_verb_cue = Counter(stem("en", w) for w in _AFTER_VERB_CUE.findall(lowered))
    after_to = Counter(stem("en", w) for w in _AFTER_TO.findall(lowered))
    after_noun_cue = Counter(stem("en", w) for w in _AFTER_NOUN_CUE.findall(lowered))
    before_noun_cue = Counter(stem("en", w) for w in _BEFORE_NOUN_CUE.findall(lowered))
    # "to" also leads to nouns ("access to energy"), so it counts half; a verb takes an
    # object ("revive the talks"), a noun rarely stands before "the".
    return frozenset(
        s
        for s in after_verb_cue.keys() | after_to.keys()
        if (evidence := after_verb_cue[s] + after_to[s] / 2 + before_noun_cue[s]) >= 1
        and evidence > after_noun_cue[s]
    )


def _verbs(grammar: Grammar, texts: Sequence[str]) -> frozenset[str]:
    """Stems used as verbs, fitted on the corpus and found in the article: "expand", "revive"
    or "sign" before a matter make a headline's clause, not the matter's name."""
    if grammar.language != "en":
        return frozenset()
    return fitted_verbs() | verbs_in(" ".join(texts))


def _occurrences(
    grammar: Grammar, passage: int, text: str, verbs: frozenset[str]
) -> Iterator[Occurrence]:
    for run in _runs_near_heads(grammar, text):
        stems = [grammar.stem(m.group()) for m in run]
        seen = set()
        for start, end in _spans(grammar, stems, verbs):
            start, end = _unqualified(grammar, stems, start, end)
            modifiers = stems[start : end - 1] if grammar.head_last else stems[start + 1 : end]
            if (
                (start, end) not in seen
                and (
                    end - start >= grammar.min_words or " ".join(stems[start:end]) in grammar.alone
                )
                and not _head_alone(grammar, stems[start:end])
                and not any(s in verbs or _participle(grammar, s) for s in modifiers)
                and _agrees(grammar, run[start:end])
            ):
                seen.add((start, end))
                first = run[start]
                titled = (
                    end == len(run)
                    and first.group()[0].isupper()
                    and not _opens_sentence(text, first.start())
                )
                yield Occurrence(
                    passage, first.start(), run[end - 1].end(), tuple(stems[start:end]), titled
                )


def _unqualified(grammar: Grammar, stems: list[str], start: int, end: int) -> tuple[int, int]:
    """The span without the words that only grade its matter: "close cooperation" is
    "cooperation", "immediate ceasefire" is "ceasefire"."""
    if grammar.head_last:
        while end - start > 1 and stems[start] in grammar.qualifiers:
            start += 1
    else:
        while end - start > 1:
            if stems[end - 1] in grammar.qualifiers:
                end -= 1
            elif end - start > 2 and " ".join(stems[end - 2 : end]) in grammar.qualifiers:
                end -= 2  # "quan trọng": a Vietnamese word of two syllables
            elif " ".join(stems[end - 1 : end + 1]) in grammar.qualifiers:
                end -= 1  # "đối tác quan" stops inside "quan trọng"
            else:
                break
    return start, end


def _spans(grammar: Grammar, stems: list[str], verbs: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Word spans of a run that may be a phrase: a head at the run's end (or anywhere, for a
    language that puts it first) and up to MAX_WORDS words on the modifiers' side."""
    size = len(stems)
    if grammar.head_last:
        # English stacks nouns ("energy security ties"): its head ends the run or comes before
        # a verb ("energy security dominated"). Russian puts complements after the head
        # ("партнерства двух стран"): any head ends a phrase.
        ends = [
            e
            for e in range(size)
            if _is_head(grammar, stems, e)
            and (
                e == size - 1
                or grammar.language == "ru"
                or stems[e + 1] in verbs
                or _participle(grammar, stems[e + 1])
            )
        ]
        for end in (e + 1 for e in ends):
            for start in range(max(0, end - MAX_WORDS), end - grammar.min_words + 1):
                yield start, end
            if stems[end - 1] in grammar.alone:
                yield end - 1, end
        return
    for start in range(size):
        if _is_head(grammar, stems, start):
            for end in range(start + grammar.min_words, min(size, start + grammar.max_words) + 1):
                if _whole_words(grammar, start, end, size):
                    yield start, end
            for width in (1, 2):
                if (
                    start + width <= size
                    and " ".join(stems[start : start + width]) in grammar.alone
                ):
                    yield start, start + width


def _whole_words(grammar: Grammar, start: int, end: int, size: int) -> bool:
    """Whether a span stops between words. Most Vietnamese words are two syllables, so a span
    of an odd count stops inside one ("hợp tác thủy" of "hợp tác thủy sản") unless the run
    of content words ends there too ("chuyển đổi số,")."""
    return grammar.language != "vi" or end == size or (end - start) % 2 == 0


def _head_alone(grammar: Grammar, stems: list[str]) -> bool:
    """A head of two words and nothing else: Indonesian "kerja sama" is "cooperation"."""
    joined = " ".join(stems)
    return len(stems) == 2 and joined in grammar.heads and joined not in grammar.alone


def _is_head(grammar: Grammar, stems: list[str], at: int) -> bool:
    """A head word at `at`, or a head of two syllables starting (ending, head last) there."""
    two = stems[at - 1 : at + 1] if grammar.head_last else stems[at : at + 2]
    return stems[at] in grammar.heads or " ".join(two) in grammar.heads


def _participle(grammar: Grammar, stem: str) -> bool:
    """English "discussed measures", "ensuring security", "long-awaited agreement": a verb's
    form, not a kind of matter ("confidence-building measures" is a noun's compound)."""
    if grammar.language != "en":
        return False
    return stem.endswith("ed") or ("-" not in stem and stem.endswith("ing"))


def _agrees(grammar: Grammar, words: list[re.Match[str]]) -> bool:
    """In Russian, the words before the head are adjectives ("стратегического партнерства"),
    not a noun in another case ("итогам переговоров") or a verb ("расширять сотрудничество");
    the head is a noun, not an adjective sharing its stem ("санкционного" of "санкции")."""
    if grammar.language != "ru":
        return True
    lowered = [m.group().lower() for m in words]
    return all(
        _RUSSIAN_MODIFIER.search(word) and not word.endswith(_RUSSIAN_VERBAL_NOUN)
        for word in lowered[:-1]
    ) and not (len(lowered) > 1 and russian_adjective(lowered[-1]))


def _runs_near_heads(grammar: Grammar, text: str) -> Iterator[list[re.Match[str]]]:
    """The runs around each place a head may stand, each window read once."""
    windows: list[list[int]] = []
    titles: set[int] = set()
    for match in grammar.head_starts.finditer(text):
        if not grammar.head_last and text[match.start()].isupper():
            titles.add(match.start())
        before, after = (WINDOW, NEXT_WORD) if grammar.head_last else (NEXT_WORD, WINDOW)
        start, end = max(0, match.start() - before), match.end() + after
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            # Begin at a word's start: the window's first word starts its own run.
            space = text.find(" ", start) if start else 0
            windows.append([start if space < 0 else space, end])
    for start, end in windows:
        yield from _runs(text, grammar.function_words, start, min(end, len(text)), titles)


def _runs(
    text: str, stops: frozenset[str], pos: int, endpos: int, titles: Iterable[int] = ()
) -> Iterator[list[re.Match[str]]]:
    """Maximal runs of lower-case content words with only spaces between them, each starting
    after punctuation or a function word (a lower-case word after a capitalised one is the
    tail of a name: "Liên hợp quốc"). A head at one of `titles` is content though capitalised:
    French and Vietnamese write a named framework with its first word alone in capitals
    ("quan hệ Đối tác chiến lược toàn diện", "la Déclaration de partenariat")."""
    run: list[re.Match[str]] = []
    after_name = False
    previous_end = -1
    for match in _WORD.finditer(text, pos, endpos):
        word = match.group()
        gap = match.start() - previous_end
        joined = previous_end >= 0 and (
            text[previous_end] == " " if gap == 1 else text[previous_end : match.start()].isspace()
        )
        lower = word[0].islower() or (
            word[1:].islower() and (match.start() in titles or _opens_sentence(text, match.start()))
        )
        content = lower and word.lower() not in stops and len(word) > 1
        if run and (not joined or not content):
            yield run
            run = []
        if content and (run or not (joined and after_name)):
            run.append(match)
        after_name = not lower
        previous_end = match.end()
    if run:
        yield run


def _opens_sentence(text: str, start: int) -> bool:
    """ "Energy security dominated…": a capital that only opens the sentence."""
    before = text[max(0, start - 4) : start].rstrip(" \t\"“‘'«(")
    if start >= 4 and before[-2:-1].isupper() and not before[-3:-2].isalpha():
        return False  # "N. Korean", "U.S. Energy": an initial's period ends no sentence
    return not before if start < 4 else before[-1:] in (".", "!", "?", ":", "")


def _weights(found: Iterable[Occurrence], title: int | None) -> dict[tuple[str, ...], float]:
    weights: dict[tuple[str, ...], float] = defaultdict(float)
    for occurrence in found:
        weights[occurrence.key] += 1.0
        if title is not None and occurrence.passage == title:
            weights[occurrence.key] += TITLE_WEIGHT
        elif title is not None and occurrence.passage == title + 1:
            weights[occurrence.key] += LEAD_WEIGHT
    return weights


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))


def _name(texts: Sequence[str], occurrences: Sequence[Occurrence]) -> str:
    wordings = Counter(texts[o.passage][o.start : o.end].lower() for o in occurrences)
    return wordings.most_common(1)[0][0]
