"""Digest filters: words, phrases, OR and AND, entities by alias, and bad input."""

from __future__ import annotations

import pytest

from briefings.filters import Filter, FilterError, Term, parse_filter
from briefings.folding import fold
from store import Store


def test_words_are_all_wanted_and_or_separates_groups() -> None:
    parsed = parse_filter('UNCLOS OR "Code of Conduct" Vietnam')

    assert ((Term("UNCLOS"),), (Term("Code of Conduct"), Term("Vietnam"))) == parsed.groups
    assert "“UNCLOS” or “Code of Conduct” and “Vietnam”" == parsed.describe()


def test_free_terms_match_whole_words_of_folded_text() -> None:
    parsed = parse_filter('Sơn OR "code of conduct"')

    assert parsed.matches(set(), fold("Bùi Thanh Sơn met Lavrov."))
    assert parsed.matches(set(), fold("A Code  of Conduct in the East Sea."))
    assert not parsed.matches(set(), fold("The monsoon season began."))


def test_every_term_of_a_group_must_match() -> None:
    parsed = parse_filter("Vietnam Russia")

    assert parsed.matches(set(), "vietnam and russia held talks")
    assert not parsed.matches(set(), "vietnam and china held talks")


def test_names_resolve_to_entities_by_any_alias(seeded: Store) -> None:
    parsed = parse_filter("lavrov OR Bùi Thanh Sơn", seeded)
    lavrov, son = (group[0] for group in parsed.groups)

    assert "Sergey Lavrov or Bui Thanh Son" == parsed.describe()
    assert lavrov.entity_id is not None and son.entity_id is not None
    assert parsed.matches({lavrov.entity_id}, "")
    assert not parsed.matches({lavrov.entity_id + son.entity_id}, "")


def test_a_quoted_phrase_can_name_an_entity_and_unknown_words_stay_terms(
    seeded: Store,
) -> None:
    parsed = parse_filter('"Code of Conduct" zebra', seeded)
    code, zebra = parsed.groups[0]

    assert "Code of Conduct in the East Sea" == code.entity_name
    assert Term("zebra") == zebra


def test_a_misspelt_name_is_not_silently_corrected(seeded: Store) -> None:
    assert (Term("Lavrof"),) == parse_filter("Lavrof", seeded).groups[0]


def test_the_source_text_is_kept_for_storing() -> None:
    assert 'Lavrov OR "UN"' == parse_filter("  Lavrov   OR “UN” ").text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give a filter"),
        ("   ", "Give a filter"),
        ('UNCLOS OR "Code of', "not closed"),
        ('Lavrov ""', "empty phrase"),
        ("OR Lavrov", "OR needs a term"),
        ("Lavrov OR", "OR needs a term"),
        ("Lavrov OR OR Son", "OR needs a term"),
        ("x" * 10_000, "too long"),
        (" ".join(f"w{i}" for i in range(13)), "too many terms"),
    ],
)
def test_bad_filters_get_a_one_line_message(text: str, message: str) -> None:
    with pytest.raises(FilterError) as caught:
        parse_filter(text)

    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_a_filter_is_plain_data() -> None:
    assert Filter("Lavrov", ((Term("Lavrov"),),)) == parse_filter("Lavrov")
