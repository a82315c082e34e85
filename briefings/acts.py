"""Matters named by their parties. Acts done to them: "the withdrawal of Mali, Burkina Faso
and Niger from ECOWAS", "the detention of Japanese nationals", "the deployment of North Korean
troops to Russia"; and matters between two of them: "the trade agreement between Mercosur and
the European Union", "the Iran-Pakistan gas pipeline"; measures against one: "US sanctions on
Tehran", "tariffs on Chinese electric vehicles"; and, in languages that put the head
first, a matter of a party: "guerre en Ukraine", "Keketuaan Malaysia di ASEAN".

A story's matter is often an act of state (a withdrawal, an accession, a deportation) that no
list can name, because its parties make it: the act word, "of", the parties (names, or a
people and what they are: "Ukrainian children") and, for a move, where from or to. Without
parties ("the withdrawal of troops") or with a name and no destination ("the accession of
Ukraine" is said of any candidate) the phrase is too loose to be a topic. English only: other
languages put the parties in cases or after other words, and no labelled set shows them often.
A matter of one party ("guerre en Ukraine", "territorial integrity of Georgia") is read in
every language from `gazetteer/matters_of_parties.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from briefings.datafiles import rows
from briefings.folding import fold

MATTERS_OF_PARTIES = "gazetteer/matters_of_parties.tsv"

# Acts that move or hold a people or a state: what briefings are about when they happen.
ACTS = (
    "withdrawal accession admission membership expulsion deportation detention deployment"
    " evacuation extradition annexation release"
).split()
# A capitalised word keeps a period inside it ("U.S.", "St.Petersburg") but not one that ends
# the sentence ("… from ECOWAS.").
_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w))*(?:(?<=[A-Z]\.[A-Z])\.)?"
_NAME = rf"{_WORD}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?{_WORD}){{0,5}}"
_PARTIES = rf"{_NAME}(?:,[ \t]+{_NAME})*(?:,?[ \t]+and[ \t]+{_NAME})?"
_ACT = re.compile(
    rf"(?<![\w-])(?P<act>{'|'.join(ACTS)})[ \t]+of[ \t]+(?P<parties>{_PARTIES})"
    rf"(?:[ \t]+(?P<people>(?!(?:from|to|into)(?!\w))[a-z]{{3,}}))?"
    rf"(?:[ \t]+(?:from|to|into)[ \t]+(?:the[ \t]+)?(?P<place>{_NAME}))?"
)


@dataclass(frozen=True)
class Act:
    """`text[start:end]` names an act done to `parties`; acts with the same `key` are one."""

    start: int
    end: int
    key: tuple[str, str]


def acts(text: str, is_people: Callable[[str], bool]) -> Iterator[Act]:
    """The acts a passage names. `is_people` tells a people's adjective ("Japanese")."""
    if " of " not in text:
        return
    for match in _ACT.finditer(text):
        parties, people, place = match.group("parties", "people", "place")
        if place:  # "withdrawal of Mali … from ECOWAS": where the parties go or leave
            end = match.end("place")
        elif people and is_people(parties):  # "detention of Japanese nationals"
            end = match.end("people")
        else:
            continue
        yield Act(match.start(), end, (match.group("act").lower(), fold(parties)))


# "the free-trade agreement between Mercosur and the European Union"
_BETWEEN = re.compile(
    rf"[ \t]+between[ \t]+(?:the[ \t]+)?{_NAME}[ \t]+and[ \t]+(?:the[ \t]+)?{_NAME}"
)


def parties_after(text: str, end: int) -> int | None:
    """Where "between A and B" after a matter ends (English): a trade agreement, a treaty or
    military cooperation between two named parties is theirs, not any."""
    match = _BETWEEN.match(text, end)
    return match.end() if match else None


# "Iran-Pakistan gas pipeline", "North Korea-Russia military cooperation": two parties joined by
# a hyphen, then up to three lower-case words that may name the matter.
_PART = r"[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?"
_PAIR = re.compile(
    rf"(?<![\w-])(?P<parties>{_PART}(?:-{_PART})+)"
    rf"[ \t]+(?P<matter>[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){{0,2}})"
)


def paired_matters(
    text: str, is_party: Callable[[str], bool], is_matter: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    """Spans of "A-B matter" where A and B are parties and the longest run of the words after
    them that is a matter ("gas pipeline" in "gas pipeline project has")."""
    if "-" not in text:
        return
    for match in _PAIR.finditer(text):
        parties = match.group("parties")
        start = match.start() + (4 if parties.startswith("The ") else 0)  # "The Iran-Pakistan …"
        if not all(is_party(part) for part in parties.removeprefix("The ").split("-")):
            continue
        words = match.group("matter").split()
        for size in range(len(words), 0, -1):
            if is_matter(" ".join(words[:size])):
                end = match.start("matter") + len(" ".join(words[:size]))
                if text[match.start("matter") : end] == " ".join(words[:size]):
                    yield start, end
                break


_CAPITALISED = r"[^\W\d_a-zđ][\w'’-]*"  # "Ukraine", "ASEAN", "Đông"
_FOREIGN_NAME = rf"{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{0,3}}"


@cache
def _party_heads(language: str) -> tuple[str, ...]:
    """The language's heads that take a party, lower case, as text writes them."""
    for lang, heads, _ in rows(MATTERS_OF_PARTIES, 3):
        if lang == {"ms": "id"}.get(language, language):
            return tuple(h.lower().replace("_", " ") for h in heads.split())
    return ()


@cache
def _of_party(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The head, a link and the party's words; and a link with a second party's words."""
    for lang, heads, links in rows(MATTERS_OF_PARTIES, 3):
        if lang == {"ms": "id"}.get(language, language):  # Malay reads as Indonesian
            head = "|".join(re.escape(h).replace("_", r"[ \t]+") for h in heads.split())
            link = "|".join(re.escape(w).replace("_", r"[ \t]+") for w in links.split())
            # "l'" ends with its apostrophe: no space after it.
            return re.compile(
                rf"(?<![\w-])(?i:{head})[ \t]+(?:(?:{link})(?<=['’])|(?:{link})[ \t]+)?"
                rf"(?P<party>{_FOREIGN_NAME})"
            ), re.compile(rf"[ \t]+(?:{link})[ \t]+(?P<party>{_FOREIGN_NAME})")
    return None


def matters_of_parties(
    text: str, language: str, is_party: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    """Spans of "guerre en Ukraine", "Keketuaan Malaysia di ASEAN", "reform of the UN"."""
    patterns = _of_party(language)
    lowered = text.lower()
    # Most passages hold none of the heads: a substring test is far cheaper than the pattern.
    if patterns is None or not any(head in lowered for head in _party_heads(language)):
        return
    first, second = patterns
    for match in first.finditer(text):
        end = _party_end(text, match.start("party"), match.group("party"), is_party)
        if end is None:
            continue
        # "… Malaysia di ASEAN", "членство Индонезии в БРИКС": a second party closes it.
        more = second.match(text, end)
        if more:
            end = _party_end(text, more.start("party"), more.group("party"), is_party) or end
        yield match.start(), end


def _party_end(text: str, start: int, words: str, is_party: Callable[[str], bool]) -> int | None:
    """Where the longest party among the capitalised words at `start` ends: the pattern's
    letters are any case (no class holds every capital), so "Индонезии в БРИКС и" is cut."""
    names = words.split()
    size = next((i for i, w in enumerate(names) if not w[0].isupper()), len(names))
    for count in range(size, 0, -1):
        name = " ".join(names[:count])
        if text.startswith(name, start) and is_party(name):
            return start + len(name)
    return None


# "US sanctions on Tehran", "the European Union's tariffs on Chinese electric vehicles": a
# measure one party takes against another, or against a people's goods.
MEASURES = "sanctions tariffs duties embargo embargoes ban bans curbs".split()
_MEASURE = re.compile(
    rf"(?<![\w-])(?P<measure>{'|'.join(MEASURES)})[ \t]+(?:on|against)[ \t]+(?P<target>{_NAME})"
    rf"(?P<goods>(?:[ \t]+[a-z][\w-]*){{0,3}})"
)
# Who takes it, read backwards from the measure: "US ", "the European Union's ".
_TAKER = re.compile(rf"(?P<by>{_NAME})(?:['’]s)?[ \t]+$")


_GOODS_WORD = re.compile(r"[a-z][\w-]*")


def measures(
    text: str,
    is_party: Callable[[str], bool],
    is_people: Callable[[str], bool],
    is_function_word: Callable[[str], bool],
) -> Iterator[tuple[int, int]]:
    """Spans of a measure against a party ("sanctions on Tehran"), or against a people's goods
    ("tariffs on Chinese electric vehicles"; a people alone is too loose), with the party
    that takes it when it is named just before ("US sanctions …")."""
    for match in _MEASURE.finditer(text):
        target, start = match.group("target"), match.start()
        taker = _TAKER.search(text, max(0, start - 60), start)
        if taker and is_party(_owner(taker.group("by"))):
            start = taker.start() + (4 if taker.group("by").startswith("The ") else 0)
        goods = [
            word for word in _GOODS_WORD.finditer(text, match.start("goods"), match.end("goods"))
        ]
        goods = goods[
            : next((i for i, w in enumerate(goods) if is_function_word(w.group())), len(goods))
        ]
        if goods and is_people(target):
            yield start, goods[-1].end()
        elif is_party(target):
            yield start, match.end("target")


def _owner(name: str) -> str:
    """ "The European Union's" → "European Union"."""
    return name.removeprefix("The ").removesuffix("'s").removesuffix("’s")
