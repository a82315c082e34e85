"""People linked across articles whichever article came first.

An article's extraction links a short or foreign form to a full name the run already knows
(known names: "Lavrov" to Sergey Lavrov). Arriving the other way round, the short form was
stored as a person of its own: "S. Jaishankar" before "Subrahmanyam Jaishankar", «Лаврова»
before "Sergey Lavrov", "Vương Nghị" before "Wang Yi". So after each article the writer
asks which of its people complete, or are completed by, one already known, and merges the
two in the store and in the table of known names. A link is made only when one person fits:
- a surname alone or after initials, to the one full name with that surname whose given
  names start with those initials (same generation: Jr is not his father);
- two full names a letter or two apart when one came from another script (Субраманьям
  Джайшанкар / Subrahmanyam Jaishankar): the transcription into the original;
- a Chinese name in Hán-Việt, to the one pinyin name it may read as that some article
  wrote, when one of them is said to be Chinese and neither of another country;
- a surname misspelt by a letter ("Retno Masudi"), under the same given names, country and
  role: into the spelling more articles write.
The table of known names files people under three more kinds of keys for this (never looked
up by extraction): by surname (`^`), by given names (`‹`) and by the pinyin names a Hán-Việt
name may read as (`≈`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass

from briefings import same_person
from briefings.folding import fold
from briefings.han_viet import is_han_viet, pinyin_names
from briefings.model import EntityRef
from briefings.transliteration import fuzzy_alias, is_cyrillic, name_key
from store.records import PersonSeen

Known = MutableMapping[str, list[EntityRef]]
Seen = Callable[[EntityRef], PersonSeen]
SURNAME = "^"
GIVEN = "‹"
READING = "≈"
INDEX_PREFIXES = (SURNAME, GIVEN, READING)
# A surname, given name or reading shared by more known people than this links nobody: it
# would be ambiguous, and the writer must not walk long lists for every article.
BUCKET_LIMIT = 40


@dataclass(frozen=True)
class Link:
    """`person` is `into`, whose name its mentions take."""

    person: EntityRef
    into: EntityRef


def key_of(person: EntityRef) -> str:
    """The store's key of a person (pipeline.entity_key's, for people)."""
    return name_key(person.name)


def index_keys(person: EntityRef) -> list[str]:
    """The keys a person is filed under for linking: surname, given names (a full name's),
    and the pinyin names a Hán-Việt name may read as."""
    parts = same_person.name_parts(person.name)
    keys = [SURNAME + parts.surname] if parts else []
    if parts and same_person.is_full_form(person.name):
        keys.append(GIVEN + same_person.given_key(person.name))
    if person.country in (None, same_person.CHINA):
        keys += [READING + name_key(name) for name in pinyin_names(person.name)]
    return keys


def file_person(known: Known, person: EntityRef) -> None:
    """File a person under its linking keys (not told to workers: only the writer links)."""
    for key in index_keys(person):
        refs = known.setdefault(key, [])
        if len(refs) <= BUCKET_LIMIT and all(key_of(r) != key_of(person) for r in refs):
            refs.append(person)


def links(known: Known, people: Iterable[EntityRef], seen: Seen) -> list[Link]:
    """The merges an article's people call for, given the known names (this article's
    included); `seen` tells what the stored articles say of a person."""
    found: dict[str, Link] = {}
    for person in {key_of(p): p for p in people}.values():
        for link in _links_of(known, person, seen):
            found.setdefault(key_of(link.person), link)
    return list(found.values())


def _links_of(known: Known, person: EntityRef, seen: Seen) -> list[Link]:
    target = _reading_of(known, person) if is_han_viet(person.name) else None
    if target is not None:
        return [Link(person, target)]
    if same_person.is_short_form(person.name):
        full = _full_of(known, person, {})
        return [Link(person, full)] if full else []
    if not same_person.is_full_form(person.name):
        return []
    readings = [
        Link(han_viet, person)
        for han_viet in _people(known, READING + key_of(person))
        if (target := _reading_of(known, han_viet)) and key_of(target) == key_of(person)
    ]
    return readings + _completed_by(known, person, seen)


def _completed_by(known: Known, person: EntityRef, seen: Seen) -> list[Link]:
    """A full name's links: to or from another spelling of it, then the short forms of it."""
    found, into, merged = [], person, {}
    pair = _transcription(known, person, seen) or _misspelling(known, person, seen)
    if pair is not None:
        gone, into = pair
        found.append(Link(gone, into))
        merged[key_of(gone)] = into
    for short in _bucket(known, person):
        if same_person.is_short_form(short.name):
            full = _full_of(known, short, merged)
            if full is not None and key_of(full) == key_of(into):
                found.append(Link(short, into))
    return found


def _transcription(
    known: Known, person: EntityRef, seen: Seen
) -> tuple[EntityRef, EntityRef] | None:
    """(transcription, original) when one other full name is a transcription of this one's
    or this one of it: the original's name stays shown."""
    spelled = [
        other
        for other in _bucket(known, person)
        if key_of(other) != key_of(person)
        and same_person.same_transcription(person.name, other.name)
        and same_person.countries_agree(person, other)
    ]
    if len(spelled) != 1:
        return None
    mine, other = _transcribed(seen(person)), _transcribed(seen(spelled[0]))
    if mine == other:
        return None
    return (person, spelled[0]) if mine else (spelled[0], person)


def _transcribed(seen: PersonSeen) -> bool:
    return any(is_cyrillic(surface) for _, surface in seen.written)


def _misspelling(known: Known, person: EntityRef, seen: Seen) -> tuple[EntityRef, EntityRef] | None:
    """(misspelt, right) when one other person of the same given names, country and role
    has a surname a letter apart; the spelling fewer articles write (on a tie, the newer)
    is the misspelt one."""
    if person.country is None:
        return None
    others = [
        other
        for other in _people(known, GIVEN + same_person.given_key(person.name))
        if other.country == person.country and same_person.misspelt(person.name, other.name)
    ]
    if len(others) != 1:
        return None
    other = others[0]
    mine, theirs = seen(person), seen(other)
    if not {fold(r) for r in mine.roles} & {fold(r) for r in theirs.roles}:
        return None
    # Counted by surname as written, since a merge names every mention as its survivor.
    writing: dict[str, set[int]] = {_surname(person.name): set(), _surname(other.name): set()}
    for article, surface in mine.written | theirs.written:
        if (surname := _surname(surface)) in writing:
            writing[surname].add(article)
    if len(writing[_surname(person.name)]) > len(writing[_surname(other.name)]):
        return other, person
    return person, other


def _surname(name: str) -> str:
    parts = same_person.name_parts(name)
    return parts.surname if parts else ""


def _full_of(known: Known, short: EntityRef, merged: dict[str, EntityRef]) -> EntityRef | None:
    """The one known full name a short form stands for, or None."""
    candidates = [*_bucket(known, short), *_people(known, fuzzy_alias(short.name))]
    fulls = {
        key_of(full): full
        for full in (merged.get(key_of(c), c) for c in candidates)
        if same_person.completes(short.name, full.name) and same_person.countries_agree(short, full)
    }
    return next(iter(fulls.values())) if len(fulls) == 1 else None


def _reading_of(known: Known, han_viet: EntityRef) -> EntityRef | None:
    """The one pinyin-written person a Hán-Việt name may read as, or None."""
    found = {
        key_of(person): person
        for name in pinyin_names(han_viet.name)
        for person in _people(known, fuzzy_alias(name))
        if same_person.may_read_as(han_viet, person)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _bucket(known: Known, person: EntityRef) -> list[EntityRef]:
    parts = same_person.name_parts(person.name)
    return _people(known, SURNAME + parts.surname) if parts else []


def _people(known: Known, key: str) -> list[EntityRef]:
    found = known.get(key, ())
    if key.startswith(INDEX_PREFIXES) and len(found) > BUCKET_LIMIT:
        return []
    return [e for e in found if e.kind == "person"]


def relink(known: Known, link: Link, surfaces: Sequence[str]) -> set[str]:
    """After a merge, the known names that named `link.person` name `link.into`.

    Returns the keys changed that extraction looks up (workers must be told of them).
    """
    gone = key_of(link.person)
    names = {fold(s) for s in surfaces} | {fuzzy_alias(s) for s in surfaces}
    names |= {fold(link.person.name), fuzzy_alias(link.person.name)}
    changed: set[str] = set()
    for key in names:
        refs = known.get(key)
        if refs and any(_is(r, gone) for r in refs):
            kept = [r for r in refs if not _is(r, gone)]
            known[key] = (
                kept if any(_is(r, key_of(link.into)) for r in kept) else [*kept, link.into]
            )
            changed.add(key)
    for key in index_keys(link.person):
        if key in known:
            known[key] = [r for r in known[key] if not _is(r, gone)]
    file_person(known, link.into)
    return changed


def _is(ref: EntityRef, key: str) -> bool:
    return ref.kind == "person" and key_of(ref) == key
