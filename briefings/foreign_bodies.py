"""Organisations named in Indonesian and French by the word that heads their name.

English names a body with its head word among capitalised words ("Foreign Ministry",
"Ministry of Defence"), which `entities` reads from capitalised runs. Indonesian puts the head
first and capitalises every word after it ("Kementerian Kelautan dan Perikanan", "Badan
Intelijen Negara"); French capitalises only the head, but a proper name after "de" keeps its
capitals ("Université de Gadjah Mada", "Banque de France"). Vietnamese capitalises one
syllable of each word group ("Bộ Ngoại giao") and Russian only the first word
("Министерство обороны"), so their bodies are left to the gazetteer. Indonesian names
buildings, islands and rivers the same way ("Gedung Pancasila", "Pulau Natuna").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from briefings.gazetteer.languages import names_language

# Head words of bodies, as each language writes them at the start of a name.
_HEADS = {
    "id": "Kementerian Badan Dewan Komisi Partai Universitas Majelis Mahkamah Lembaga Bank"
    " Angkatan Kepolisian Kejaksaan Otoritas",
    "fr": "Université Conseil Commission Parlement Assemblée Banque Agence Cour Parti Fondation"
    " Institut Ministère Organisation",
}
# Head words of places, where a language names them the same way: "Gedung Pancasila",
# "Istana Merdeka", "Pulau Natuna", "Sungai Golok".
_PLACE_HEADS = {
    "id": "Gedung Istana Pulau Kepulauan Selat Teluk Sungai Provinsi Gunung Bandara Pelabuhan",
}
# Lower-case words a name may hold between capitalised ones.
_CONNECTORS = {"id": r"dan|untuk", "fr": r"de\s+la|de|du|des|d['’]|pour|et"}
# French needs a proper name after a connector: "Conseil de sécurité" names no one here.
_NAME_AFTER_CONNECTOR = {"fr"}
_MOST_WORDS = 6


@cache
def _patterns(
    language: str, kind: str = "organization"
) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    heads = (_PLACE_HEADS if kind == "place" else _HEADS).get(language)
    connectors = _CONNECTORS.get(language)
    if heads is None or connectors is None:
        return None
    # French writes the head in lower case mid-sentence: "l'université de Gadjah Mada".
    flags = "(?i:" if language in _NAME_AFTER_CONNECTOR else "(?:"
    head = re.compile(rf"(?<![\w-]){flags}{'|'.join(heads.split())})(?![\w-])")
    step = re.compile(
        rf"(?:[ \t]+(?P<connector>{connectors})(?:[ \t]+|(?<=['’])))?"
        rf"[ \t]*(?P<word>[^\W\d_][\w’'-]*)"
    )
    return head, step


def bodies(
    text: str, language: str | None, kind: str = "organization"
) -> Iterator[tuple[int, int]]:
    """Spans of organisation names (or, of `kind` "place", places) headed by a head word of
    `language`."""
    patterns = _patterns(names_language(language or ""), kind)
    if patterns is None:
        return
    for match in patterns[0].finditer(text):
        end = _name_end(text, match.end(), patterns, language in _NAME_AFTER_CONNECTOR)
        if end > match.end():
            yield match.start(), end


def _name_end(
    text: str,
    position: int,
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    connector_first: bool,
) -> int:
    """Where the capitalised words after a head word end (`position` when there are none);
    "and" before another head word joins two bodies: "Badan … dan Kementerian …"."""
    head, step = patterns
    end = position
    for count in range(_MOST_WORDS):
        found = step.match(text, end)
        if found is None or not found["word"][0].isupper():
            break
        if found["connector"] and head.fullmatch(found["word"]):
            break
        if connector_first and count == 0 and not found["connector"]:
            break
        end = found.end()
    return end
