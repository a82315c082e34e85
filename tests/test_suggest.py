"""Name suggestions while typing (Discord autocomplete): prefixes first, then misspellings
judged as `resolve_entity` judges them."""

from __future__ import annotations

from briefings.suggest import suggest_names, suggestible_names
from store import Store


def test_a_prefix_suggests_the_name_it_starts(seeded: Store) -> None:
    assert "Sergey Lavrov" == suggest_names(suggestible_names(seeded), "lav")[0]


def test_a_word_inside_a_name_suggests_it(seeded: Store) -> None:
    assert ["Bui Thanh Son"] == suggest_names(suggestible_names(seeded), "thanh", ("person",))


def test_a_misspelt_name_is_suggested_as_resolve_would_correct_it(seeded: Store) -> None:
    assert "China" == suggest_names(suggestible_names(seeded), "chna")[0]


def test_letters_scattered_through_a_long_name_are_no_match(seeded: Store) -> None:
    # The former autocomplete's partial ratio offered these for "son".
    found = suggest_names(suggestible_names(seeded), "son")

    assert "Bui Thanh Son" == found[0]
    assert "Asia-Pacific Economic Cooperation" not in found


def test_nothing_typed_suggests_the_most_cited_first(seeded: Store) -> None:
    names = suggestible_names(seeded)

    assert [n.name for n in names] == suggest_names(names, "")
    assert "Vietnam" in suggest_names(names, "")[:5]
