"""Who made a statement that the sentence attributes only to "he" or "she".

A sentence such as "“…,” he said" or "He underlined that …" (Russian «— заявил он»,
Vietnamese "ông nói", French "a-t-il déclaré") names no speaker; a reader shown it alone
under someone else's name would take it for theirs. The speaker is the person the text
last named as a speaker ("Lavrov said", "said Lavrov", "Лавров заявил") before the pronoun,
in the same sentence or the few before it; failing that, the first person a sentence
names, where its subject usually stands. A sentence that names its own speaker needs
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from briefings.sentences import sentence_spans
from briefings.transliteration import is_cyrillic
from store import Store
from store.records import NamedPerson, PassageHit

# How far back a "he said" may reach for its speaker, in sentences; wire copy often has one
# sentence a paragraph, so as many paragraphs.
LOOKBACK_SENTENCES = 4
LOOKBACK_PASSAGES = 4
# A surname this short ("Le", "Vu") may be any word; a Russian case ending is this long at most.
SURNAME_CHARS = 4
CASE_ENDING = 2
_CAPITALISED = re.compile(r"\b[A-ZА-ЯЁ][\w'’-]{3,}")

_SPEECH_EN = (
    r"said|says|told|tells|added|adds|noted|stressed|underlined|affirmed|emphasi[sz]ed"
    r"|reiterated|asked|urged|expressed|pledged|warned|insisted|explained|declared|announced"
    r"|tweeted|wrote|recalled|acknowledged|argued|described|hailed|praised|welcomed"
    r"|thanked|proposed|suggested|highlighted|briefed|requested|demanded|promised|vowed|hoped"
    r"|replied|responded"
)
# Russian verbs of saying that may stand before their speaker ("— заявил Лавров"), then
# those whose object is the one spoken to or the thing said.
_SAID_RU = (
    r"заявил|сказал|отметил|подчеркнул|добавил|сообщил|указал|пояснил|написал|констатировал"
    r"|ответил"
)
_SPEECH_RU = rf"(?:{_SAID_RU}|призвал|заверил|выразил)(?:а|и)?"
_SPEECH_VI = r"nói|cho\s+biết|khẳng\s+định|nhấn\s+mạnh|bày\s+tỏ|phát\s+biểu|đề\s+nghị|trả\s+lời"
# French: "a déclaré", and "a-t-il déclaré" after a quote.
_FR_SAID = (
    r"(?:déclaré|dit|ajouté|souligné|affirmé|indiqué|précisé|expliqué|estimé|assuré|insisté"
    r"|répondu)"
)
_SPEECH_FR = rf"(?:a\s+)?{_FR_SAID}"
_SPEECH = f"(?:{_SPEECH_EN}|{_SPEECH_RU}|{_SPEECH_VI}|{_SPEECH_FR})"
_PRONOUN = r"(?:he|she|он|она|ông|bà|il|elle)"
_ADVERB = (
    r"(?:(?:also|further|then|later|has|had|once\s+again|также|còn|cũng|a\s+également"
    r"|a\s+aussi)\s+)?"
)
# "he said", "He also underlined", "— заявил он", "ông nói"; after a quote or comma,
# "said he". "Lavrov said he would ..." is not one: there "he" opens the reported clause.
_PRONOUN_SPEAKS = re.compile(
    rf"\b{_PRONOUN}\s+{_ADVERB}{_SPEECH}\b|[,”\"»—–]\s*{_SPEECH}\s+{_PRONOUN}\b"
    rf"|\ba-t-(?:il|elle)\s+{_FR_SAID}\b",
    re.IGNORECASE,
)
_SPEAKS_AFTER = re.compile(rf"\s*,?\s*{_ADVERB}{_SPEECH}\b", re.IGNORECASE)
_SPEECH_VERB = re.compile(rf"\b{_SPEECH}\b", re.IGNORECASE)
# A quotation: at least four words between quotation marks.
_QUOTATION = re.compile(r"[“\"«„]\s*\w+(?:\W+\w+){3,}")
# Longer than any speech verb or "according to" with the space after it.
_VERB_CHARS = 24
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")
# A sentence opening on a name followed by an apposition, then a speech verb: "Zhang
# Mingliang, a researcher at Jinan University, said …".
_UNKNOWN_SPEAKER = re.compile(
    rf"\s*[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+\s*,[^,.;]{{2,80}},\s*{_SPEECH}\b"
)
# The verbs that stand before their speaker ("…, said Lavrov", "— заявил Лавров"); after
# "told", "asked", "urged" or "thanked" the person named is the one spoken to ("told Motegi").
_INVERTING = (
    r"said|says|added|adds|noted|wrote|tweeted|recalled|explained|declared|stressed|continued"
    rf"|(?:{_SAID_RU})(?:а|и)?|{_SPEECH_VI}|{_SPEECH_FR}"
)
_SPEAKS_BEFORE = re.compile(
    rf"(?:\b(?:{_INVERTING})|\baccording\s+to|\bпо\s+словам)\s*\Z", re.IGNORECASE
)


def unquoted(text: str) -> str:
    """`text` with what stands between quotation marks blanked: who is named inside a
    quotation is spoken of, not speaking."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def named_speaking(outside: str, name: str) -> bool:
    """Whether `outside` (a text with its quotations blanked: `unquoted`) writes `name` (a
    word of a person's name) as speaking: "Senator Wong said", "said Wong", "according to
    Wong"."""
    for m in re.finditer(rf"\b{re.escape(name)}\b", outside, re.IGNORECASE):
        # The verb before a name stands right before it: search no further back.
        before = max(0, m.start() - _VERB_CHARS)
        if _SPEAKS_AFTER.match(outside, m.end()) or _SPEAKS_BEFORE.search(
            outside, before, m.start()
        ):
            return True
    return False


def statement_shown(text: str) -> float:
    """How plainly a sentence reports what someone said: 1 for a quotation, less for
    reported speech ("Lavrov said that …"), 0 for neither."""
    if _QUOTATION.search(text):
        return 1.0
    return 0.6 if _SPEECH_VERB.search(text) else 0.0


@dataclass(frozen=True)
class _Sentence:
    passage_id: int
    text: str
    start: int
    end: int
    people: tuple[NamedPerson, ...]


class _Said(Protocol):
    """A claim being assembled (extractive.Chosen): where its sentence stands, its speaker."""

    passage_id: int
    start: int
    text: str
    articles: list[int]
    speaker: str | None


def attribute(store: Store, chosen: Sequence[_Said]) -> None:
    """Fill in the speaker of each claim whose sentence says only "he said"."""
    unnamed = [c for c in chosen if pronoun_speaks(c.text) is not None and c.passage_id]
    if not unnamed:
        return
    passages = store.body_passages({c.articles[0] for c in unnamed})
    people = store.people_named(p.id for p in passages)
    by_article: dict[int, list[PassageHit]] = {}
    for passage in passages:
        by_article.setdefault(passage.article_id, []).append(passage)
    for claim in unnamed:
        told = by_article.get(claim.articles[0], [])
        claim.speaker = speaker(told, people, claim.passage_id, claim.start)


def spoken_by(
    store: Store, name: str, naming: Sequence[PassageHit]
) -> list[tuple[PassageHit, int]]:
    """The sentences whose "he said" is `name`'s, near the passages `naming` them: (passage,
    start) each.

    A quote closed by "he said" does not name its speaker, so a briefing that takes only
    the sentences naming a person would leave out that person's own words. The speaker is
    named at most LOOKBACK_PASSAGES before, so only the passages that close to one naming
    them are read for a "he said".
    """
    named = {h.id for h in naming}
    passages = store.body_passages({h.article_id for h in naming})
    by_article: dict[int, list[PassageHit]] = {}
    for passage in passages:
        by_article.setdefault(passage.article_id, []).append(passage)
    cued = [
        (told, passage)
        for told in by_article.values()
        for i, passage in enumerate(told)
        if any(p.id in named for p in told[max(0, i - LOOKBACK_PASSAGES) : i + 1])
        and pronoun_speaks(passage.text) is not None
    ]
    if not cued:
        return []
    people = store.people_named(p.id for p in passages)
    found = []
    for told, passage in cued:
        for start, end in sentence_spans(passage.text):
            if pronoun_speaks(passage.text[start:end]) is None:
                continue
            if speaker(told, people, passage.id, start) == name:
                found.append((passage, start))
    return found


def pronoun_speaks(sentence: str) -> int | None:
    """Where a "he said" stands in `sentence`, or None when it has none."""
    match = _PRONOUN_SPEAKS.search(sentence)
    return match.start() if match else None


def speaker(
    passages: Sequence[PassageHit],
    people: dict[int, list[NamedPerson]],
    passage_id: int,
    start: int,
) -> str | None:
    """The unnamed speaker of the sentence at `start` of `passage_id`, when it has one.

    `passages` are the article's body passages in order; `people` who each one names.
    """
    index = next((i for i, p in enumerate(passages) if p.id == passage_id), None)
    if index is None:
        return None
    here = passages[index]
    sentences = list(_sentences(passages[max(0, index - LOOKBACK_PASSAGES) : index + 1], people))
    current = next((s for s in sentences if (s.passage_id, s.start) == (passage_id, start)), None)
    if current is None:
        return None
    cue = pronoun_speaks(here.text[current.start : current.end])
    if cue is None or _named_speaker(current, current.start + cue) is not None:
        return None
    before = sentences[: sentences.index(current)][-LOOKBACK_SENTENCES:]
    return _last_speaker([*before, current], current.start + cue)


def _sentences(
    passages: Sequence[PassageHit], people: dict[int, list[NamedPerson]]
) -> Iterable[_Sentence]:
    surnames = _surnames(passages, people)
    for passage in passages:
        named = people.get(passage.id, [])
        named = sorted([*named, *_by_surname(passage, named, surnames)], key=lambda p: p.start)
        for start, end in sentence_spans(passage.text):
            quoted = [m.span() for m in _QUOTED.finditer(passage.text, start, end)]
            # A person named inside a quotation is spoken of, not speaking: in "“… I hope
            # to meet Foreign Minister Cho Hyun soon,” he said", Cho Hyun is not the speaker.
            inside = tuple(
                p
                for p in named
                if start <= p.start
                and p.end <= end
                and not any(q_start < p.start and p.end < q_end for q_start, q_end in quoted)
            )
            yield _Sentence(passage.id, passage.text, start, end, inside)


def _surnames(
    passages: Sequence[PassageHit], people: dict[int, list[NamedPerson]]
) -> dict[str, str]:
    """The last word of each person's name as the passages write it, and the person: a
    story names someone in full once, then by surname alone («Аракчи, в свою очередь,
    поблагодарил …»), which the extractor does not link to them."""
    found: dict[str, str] = {}
    for passage in passages:
        for person in people.get(passage.id, []):
            last = passage.text[person.start : person.end].split()[-1]
            if len(last) >= SURNAME_CHARS and last[0].isupper():
                found.setdefault(last, person.name)
    return found


def _by_surname(
    passage: PassageHit, named: Sequence[NamedPerson], surnames: dict[str, str]
) -> list[NamedPerson]:
    """The people `passage` names by surname alone, outside the mentions already linked."""
    found = []
    for m in _CAPITALISED.finditer(passage.text):
        if any(p.start <= m.start() < p.end for p in named):
            continue
        name = next((n for last, n in surnames.items() if _same_surname(m.group(), last)), None)
        if name is not None:
            found.append(NamedPerson(passage.id, m.start(), m.end(), name))
    return found


def _same_surname(word: str, last: str) -> bool:
    """Whether `word` writes the surname `last`, in Russian in another case («Аббасом»,
    «Лаврова» for «Лавров»): all but a case ending the same."""
    if word == last:
        return True
    if not (is_cyrillic(word) and is_cyrillic(last)):
        return False
    stem = min(len(word), len(last)) - CASE_ENDING
    return stem >= SURNAME_CHARS - 1 and word[:stem] == last[:stem]


def _last_speaker(sentences: Sequence[_Sentence], cue: int) -> str | None:
    """Walking back from the pronoun: a named speaker, else a sentence's first person."""
    for sentence in reversed(sentences):
        limit = min(sentence.end, cue) if sentence is sentences[-1] else sentence.end
        named = _named_speaker(sentence, limit)
        if named is not None:
            return named
        first = next((p for p in sentence.people if p.end <= limit), None)
        if first is not None:
            return first.name
        if _UNKNOWN_SPEAKER.match(sentence.text, sentence.start, limit):
            # "Zhang Mingliang, a researcher at …, said …" names a speaker no one knows as a
            # person: the "he" that follows is theirs, not someone's from further back.
            return None
    return None


def _named_speaker(sentence: _Sentence, limit: int) -> str | None:
    """The last person before `limit` written as speaking: "Lavrov said", "said Lavrov"."""
    found = None
    for person in sentence.people:
        if person.end > limit:
            break
        text = sentence.text
        after = _SPEAKS_AFTER.match(text, person.end, sentence.end)
        before = _SPEAKS_BEFORE.search(text, sentence.start, person.start)
        if after or before:
            found = person.name
    return found
