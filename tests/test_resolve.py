"""Names to entities: one word of a name finds the one person it ends or opens; a word two
people share leaves the choice to the user."""

from __future__ import annotations

from briefings.resolve import resolve_entity
from store import Store


def test_a_surname_the_articles_never_use_alone_finds_its_one_person(seeded: Store) -> None:
    found = resolve_entity(seeded, "Chinh")

    assert found.entity is not None
    assert ("Pham Minh Chinh", True) == (found.entity.name, found.corrected)


def test_a_word_opening_two_peoples_names_is_no_choice_made_for_the_user(seeded: Store) -> None:
    found = resolve_entity(seeded, "Pham")

    assert found.entity is None
    assert {"Pham Binh Minh", "Pham Minh Chinh"} <= {c.name for c in found.candidates}


def test_a_short_name_part_picks_no_one(seeded: Store) -> None:
    assert resolve_entity(seeded, "Bui").entity is None
