"""Hostile queries: FTS5 and SQL syntax, quotes, 10 kB, emoji — an answer or "nothing found"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.compose import answer_question, brief_topic, brief_who, build_timeline
from briefings.search import any_of, phrase, terms
from store import Store
from store.fulltext import fts5

from .conftest import SEEDS, run_ingest

COMMANDS = [brief_who, brief_topic, answer_question, build_timeline]
HOSTILE = [
    "e-mail",
    "foo:bar",
    "O'Brien",
    '"abc',
    "AND",
    "OR",
    "NOT",
    "NEAR(Lavrov Son)",
    "*foo",
    "Lavrov*",
    "-Lavrov",
    "^Lavrov",
    "Lavrov' OR '1'='1",
    "'; DROP TABLE articles; --",
    "passages_fts MATCH 'x'",
    "Robert'); DROP TABLE entities;--",
    "{col}: x",
    "\x00\x01\x02",
    "\u202eLavrov\u202c",
    "Lav\u200brov",
    "😀🇻🇳👍",
    "",
    "   ",
    "x" * 10_000,
    "Lavrov " * 2_000,
    "<!channel> @everyone <@U123>",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("hostile") / "a.db") as store:
        run_ingest(store, [str(SEEDS)])
        yield store


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.__name__)
def test_a_hostile_query_gets_an_answer_or_a_clean_nothing(
    corpus: Store, command, query: str
) -> None:  # type: ignore[no-untyped-def]
    briefing = command(corpus, query)

    assert briefing.found or briefing.note
    assert 5 == corpus.stats().articles


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_text_is_a_valid_fts_query_or_none(query: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.execute("INSERT INTO t VALUES ('Lavrov met Bùi Thanh Sơn about UNCLOS')")
    for match in (any_of(terms(query)), phrase(query)):
        if match is not None:
            db.execute("SELECT count(*) FROM t WHERE t MATCH ?", [fts5(match)]).fetchone()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from([*HOSTILE[:20], "Lavrov", "UNCLOS", "Son"]), max_size=6).map(
            " ".join
        ),
    ),
    command=st.sampled_from(COMMANDS),
)
def test_no_query_raises(corpus: Store, query: str, command) -> None:  # type: ignore[no-untyped-def]
    briefing = command(corpus, query)

    assert briefing.found or briefing.note


def test_terms_are_capped_for_huge_questions() -> None:
    assert len(terms(" ".join(f"word{i}" for i in range(5000)))) <= 24


def test_sql_looking_text_is_only_ever_data(corpus: Store, tmp_path: Path) -> None:
    answer_question(corpus, "x'; DELETE FROM passages; --")

    assert corpus.stats().passages > 50
