"""Noun-phrase chunks as key-phrase candidates, scored by the fitted model (issue 13)."""

from __future__ import annotations

from briefings.entities import extract
from briefings.keyphrases import candidates
from briefings.model import Passage
from briefings.noun_phrases import chunks

from .test_keyphrases import article, topics


def words_of(text: str, language: str = "en") -> set[str]:
    return {
        " ".join(c.words)
        for c in chunks(text, language, frozenset({"the", "and", "of", "on"}), frozenset())
    }


def test_a_matter_whose_head_no_table_lists_is_found():
    extraction = extract(
        article(
            "Malaysia and Vietnam agree on halal certification",
            "Malaysia and Vietnam will recognise each other's halal certification, foreign"
            " ministers Mohamad Hasan and Bui Thanh Son said in Putrajaya on Monday.",
            "The ministers also discussed semiconductors, halal certification and fisheries.",
        ),
        language="en",
    )

    # "certification" heads no phrase of gazetteer/matter_heads.tsv: only a chunk finds it.
    assert "halal certification" in topics(extraction)
    assert not {"foreign ministers", "ministers"} & topics(extraction)


def test_a_chunk_yields_the_phrases_inside_it():
    found = words_of("They discussed maritime security cooperation on Monday.")

    assert {"maritime security", "security cooperation", "maritime security cooperation"} <= found
    # A capitalised name, a digit or punctuation ends a run: no phrase spans them.
    assert not any("monday" in words.lower() for words in found)


def test_an_english_past_form_after_a_noun_ends_the_run():
    found = words_of("The ministers discussed liquefied natural gas.")

    assert "liquefied natural gas" in found
    assert not any("discussed" in words for words in found)


def test_russian_verbs_end_a_run():
    found = words_of("Стороны обсудили прямые рейсы и туризм.", "ru")

    assert "прямые рейсы" in found
    assert not any("обсудили" in words for words in found)


def test_a_phrase_said_once_in_the_body_is_no_candidate():
    texts = [
        "Ministers meet in Hanoi",
        "The two ministers met in Hanoi on Tuesday.",
        "They also touched on cultural exchanges.",
    ]
    keys = {c.key for c in candidates(texts, "en", 0)}

    assert ("cultural", "exchange") not in keys


def test_the_matters_a_russian_story_lists_are_its_candidates():
    texts = [
        "Лавров провел переговоры с Сугионо",
        "Министры обсудили визовый режим и прямые рейсы между странами.",
        "Стороны договорились упростить визовый режим для туристов.",
    ]
    keys = {c.key for c in candidates(texts, "ru", 0)}

    assert ("визовы", "режим") in keys
    assert not any(key[0].startswith("обсуд") for key in keys)


def test_no_candidates_in_a_language_without_tables():
    assert [] == candidates(["Titel", "Die Minister trafen sich in Berlin."], "de", 0)
    assert set() == topics(extract([Passage("body", "Die Minister trafen sich.")], language="de"))
