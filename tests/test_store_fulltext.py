"""Full-text search on both backends: any text is searched as words, never as syntax; phrases,
prefixes, folded diacritics and spellings find the same passages on SQLite and PostgreSQL."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.search import any_of, every, exact, near, phrase, phrase_words, terms
from store import Store
from store.fulltext import AllOf, AnyOf, Near, Words
from store.records import ArticleRecord

from .test_query_safety import HOSTILE

BODIES = (
    "Bùi Thanh Sơn met Sergey Lavrov in Hanoi to discuss the negotiations.",
    "Leaders gathered for the G-20 summit in Bali; O'Brien sent an e-mail.",
    "The talks on the South China Sea went on, and Lavrov said nothing new.",
)
ALL_KINDS = ("title", "body")


def _stored(store: Store) -> Store:
    for number, body in enumerate(BODIES):
        store.save_article(
            ArticleRecord(
                key=f"file:///{number}.txt",
                source_kind="text",
                title=f"Story {number}",
                title_derived=False,
                content_hash=f"hash-{number}",
                passages=(("title", f"Story {number}"), ("body", body)),
            )
        )
    return store


def _found(store: Store, match: Words | Near | AnyOf | AllOf | None) -> list[str]:
    return sorted(hit.text for hit in store.search_passages(match, 10, kinds=("body",)))


def test_a_phrase_is_its_words_in_order(store: Store) -> None:
    _stored(store)

    assert [BODIES[0]] == _found(store, Words(("sergey", "lavrov")))
    assert [] == _found(store, Words(("lavrov", "sergey")))
    assert [BODIES[0]] == _found(store, phrase("Sergey Lavrov"))


def test_a_prefix_finds_the_longer_words_it_starts(store: Store) -> None:
    _stored(store)

    assert [BODIES[0]] == _found(store, Words(("negot",), prefix=True))
    assert [] == _found(store, Words(("negot",)))
    assert [BODIES[0]] == _found(store, any_of(["negotiating"]))


def test_diacritics_fold_on_either_side(store: Store) -> None:
    _stored(store)

    assert [BODIES[0]] == _found(store, Words(("son",)))
    assert [BODIES[0]] == _found(store, Words(("Sơn",)))
    assert [BODIES[0]] == _found(store, Words(("bui", "thanh", "son")))


def test_joined_words_are_found_by_their_parts(store: Store) -> None:
    _stored(store)

    assert [BODIES[1]] == _found(store, exact(phrase_words("G20 summit")))
    assert [BODIES[1]] == _found(store, Words(("e", "mail")))
    assert [BODIES[1]] == _found(store, Words(("o", "brien")))


def test_words_near_each_other_and_all_of_them(store: Store) -> None:
    _stored(store)

    assert [BODIES[0]] == _found(store, near(["lavrov", "hanoi"]))
    assert [BODIES[2]] == _found(store, every(["lavrov", "sea"]))
    assert sorted([BODIES[0], BODIES[2]]) == _found(store, any_of(["lavrov"]))


def test_operators_are_only_words(store: Store) -> None:
    _stored(store)

    assert [BODIES[2]] == _found(store, Words(("AND",)))
    assert [] == _found(store, Words(("NEAR(lavrov",)))
    assert [] == _found(store, None)


def test_document_frequencies_count_passages(store: Store) -> None:
    _stored(store)

    assert {"lavrov": 2, "summit": 1} == store.document_frequencies(["lavrov", "summit", "zzz"])


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.one_of(st.text(max_size=120), st.sampled_from(HOSTILE[:20])))
def test_any_text_is_searched_as_words(store: Store, query: str) -> None:
    if not store.stats().articles:
        _stored(store)
    queries = [
        any_of(terms(query)),
        phrase(query),
        Words((query,)),
        Words((query, query), prefix=True),
        Near((query, "lavrov"), 10),
        AllOf((AnyOf((Words((query,)), Words(("lavrov",)))), Words(("*",)))),
    ]
    for match in queries:
        store.search_passages(match, 5, kinds=ALL_KINDS)
