"""The fitted answer ranker: features for every candidate, weights that match the script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefings.answer_model import FEATURES, score
from briefings.answers import answer_features
from briefings.compose import answer_pool, answer_question
from briefings.extractive import Candidate, choose
from briefings.questions import Name, amount_shown, duration_shown, mentions_name
from store import Store

from .conftest import run_ingest

ROOT = Path(__file__).resolve().parent.parent

TALKS = (
    "Seoul and Tokyo agree to resume leaders' visits\n\n"
    "TOKYO, March 3, 2025 — South Korea's foreign minister and his Japanese counterpart agreed"
    " on Monday to resume regular visits between their leaders, at talks in Tokyo that both"
    " sides called candid.\n\n"
    "The talks at the Iikura guest house, followed by a working dinner, went on for about"
    " three hours, a ministry official told reporters.\n\n"
    "The two ministers also discussed North Korea's missile launches and export controls on"
    " chip materials.\n"
)
WORKERS = (
    "Jakarta presses Kuala Lumpur on migrant workers\n\n"
    "KUALA LUMPUR, May 8, 2025 — Indonesia's foreign minister asked Malaysia on Thursday to"
    " speed up a scheme to regularise Indonesian workers without papers, whom the ministry"
    " puts at more than one million people.\n\n"
    "Malaysia and Indonesia also reviewed trade, which reached US$24 billion last year, and"
    " plans for a new border crossing in Borneo.\n\n"
    "Indonesia's minister said workers' rights would be raised again when the two leaders"
    " meet later this year.\n"
)


def test_the_shipped_answer_model_is_what_the_script_fits() -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/fit_answers.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stdout + result.stderr


def test_every_candidate_gets_the_features_the_model_weighs(store: Store, tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text(TALKS, encoding="utf-8")
    run_ingest(store, [str(tmp_path)])

    found = answer_pool(store, "How long did the talks in Tokyo last?")
    assert found is not None
    rows = answer_features(store, found.question, found.hits, found.pool, found.names, found.match)

    assert rows
    assert all(len(FEATURES) == len(features) for _, features in rows)
    best = max(rows, key=lambda row: score(row[1]))[0]
    assert "about three hours" in best.text


def test_a_span_written_in_words_answers_how_long(store: Store, tmp_path: Path) -> None:
    (tmp_path / "talks.txt").write_text(TALKS, encoding="utf-8")
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How long did the talks in Tokyo last?")

    assert "went on for about three hours" in briefing.claims[0].text


def test_a_number_written_in_words_answers_how_many(store: Store, tmp_path: Path) -> None:
    (tmp_path / "workers.txt").write_text(WORKERS, encoding="utf-8")
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(
        store, "How many undocumented Indonesian workers are there in Malaysia?"
    )

    assert "more than one million people" in briefing.claims[0].text


def test_numbers_and_spans_in_words_are_answers_of_their_kind() -> None:
    assert 0 < amount_shown("the ministry puts them at more than one million people", set())
    assert 0 < amount_shown("a package of two billion dollars", set())
    assert 0 < duration_shown("talks that lasted two and a half hours", set())
    assert 0 < duration_shown("переговоры продлились три часа", set())
    # "one" alone, or a number of no unit, is no figure and no span.
    assert 0 == amount_shown("one of the largest investors in the region", set())
    assert 0 == duration_shown("one of the ministers left early", set())


def test_a_people_asked_about_is_found_as_its_country() -> None:
    assert mentions_name(Name("malaysian", ()), "Malaysia and Indonesia agreed on Thursday")
    assert mentions_name(Name("indonesian", ()), "talks with Indonesia on the border")
    assert mentions_name(Name("korean", ()), "South Korea's foreign minister")
    assert mentions_name(Name("vietnamese", ()), "Vietnam's exports rose")
    # A root this short would find another word: "Chinese" does not name Pham Minh Chinh.
    assert not mentions_name(Name("chinese", ()), "Prime Minister Pham Minh Chinh said")


CORRIDOR = (
    "Caspian route draws more freight\n\n"
    "BAKU, January 20, 2025 — Freight along the Middle Corridor, the trade route linking China"
    " and Europe across the Caspian Sea, is growing fast as shippers avoid Russia, operators"
    " of the corridor said on Monday.\n\n"
    "Volumes reached 4.1 million tonnes last year, up from 2.5 million tonnes a year earlier,"
    " according to the operators' association in Astana. Most of the cargo was grain, metals"
    " and containers bound for Europe.\n\n"
    "Kazakhstan plans to expand the port of Aktau and to buy new ferries for the crossing.\n"
)


def test_a_story_about_the_question_offers_its_sentences_in_its_own_words(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "corridor.txt").write_text(CORRIDOR, encoding="utf-8")
    run_ingest(store, [str(tmp_path)])

    briefing = answer_question(store, "How much cargo moved along the Middle Corridor?")

    # "Volumes reached …" holds none of the question's words but its story is about them.
    assert any("4.1 million tonnes" in claim.text for claim in briefing.claims)


def test_an_answer_cites_every_report_repeating_it_even_below_the_last_claim() -> None:
    said = "Lavrov and Son discussed energy cooperation in Hanoi on July 6, 2021."
    pool = [
        Candidate(said, article_id=1, passage_id=1, seq=1, date=None, score=3.0),
        Candidate("Son praised the strategic partnership.", 2, 2, 1, None, 2.0),
        Candidate(said, article_id=3, passage_id=3, seq=1, date=None, score=1.0),
    ]

    chosen, _ = choose(pool, max_claims=1, max_words=100, cluster={}, spread=False, every_copy=True)

    assert [[1, 3]] == [claim.articles for claim in chosen]
