"""An entity is briefed from its latest articles only: the cost stays flat as the corpus grows."""

import pytest

from briefings import compose
from briefings.compose import brief_who, build_timeline
from briefings.extractive import Candidate, _reports_action, choose
from store import Store
from tests.conftest import SEEDS, run_ingest


def _lavrov(store: Store) -> int:
    return store.entities_named("sergey lavrov")[0].id


def _latest_article(store: Store, entity_id: int) -> int:
    return max(hit.article_id for hit in store.passages_mentioning(entity_id))


def test_passages_mentioning_recent_keeps_only_the_latest_articles(seeded: Store) -> None:
    lavrov = _lavrov(seeded)
    latest = _latest_article(seeded, lavrov)
    everywhere = seeded.passages_mentioning(lavrov)
    assert [h for h in everywhere if h.article_id == latest] == seeded.passages_mentioning(
        lavrov, recent=1
    )


def test_recent_beyond_the_articles_changes_nothing(seeded: Store) -> None:
    lavrov = _lavrov(seeded)
    assert seeded.passages_mentioning(lavrov) == seeded.passages_mentioning(lavrov, recent=100)
    assert seeded.companions(lavrov) == seeded.companions(lavrov, recent=100)
    assert seeded.events_involving(lavrov) == seeded.events_involving(lavrov, recent=100)
    assert seeded.roles_of(lavrov) == seeded.roles_of(lavrov, recent=100)


def test_roles_and_events_recent_come_from_the_latest_articles(seeded: Store) -> None:
    son = seeded.entities_named("bui thanh son")[0].id
    latest = _latest_article(seeded, son)
    assert {latest} >= {article for _, _, article in seeded.roles_of(son, recent=1)}
    assert {latest} >= {event.article_id for event in seeded.events_involving(son, recent=1)}


def test_who_cites_only_the_window(seeded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    latest = _latest_article(seeded, _lavrov(seeded))
    monkeypatch.setattr(compose, "RECENT_ARTICLES", 1)
    briefing = brief_who(seeded, "Lavrov")
    assert {latest} == {source.article_id for source in briefing.sources}


def test_timeline_reads_only_the_window(seeded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compose, "RECENT_ARTICLES", 1)
    timeline = build_timeline(seeded, "Bui Thanh Son")
    latest = _latest_article(seeded, seeded.entities_named("bui thanh son")[0].id)
    assert timeline.timeline
    assert {latest} == {source.article_id for source in timeline.sources}


def _candidate(text: str, article: int, score: float) -> Candidate:
    return Candidate(text, article, passage_id=article, seq=1, date=None, score=score)


def test_choose_merges_repeated_sentences_and_counts_the_rest_once() -> None:
    said = "Lavrov said Russia would support the safe evacuation of Vietnamese citizens."
    pool = [
        _candidate(said, 1, 3.0),
        _candidate(said, 2, 3.0),
        _candidate(said.replace("citizens", "citizens."), 3, 2.9),
        _candidate("Son thanked Lavrov for the help given to the Vietnamese community.", 4, 2.0),
        _candidate("The two ministers agreed to meet again in Hanoi later this year.", 5, 1.0),
    ]
    chosen, more = choose(pool, max_claims=2, max_words=100, cluster={})
    assert [[1, 2, 3], [4]] == [claim.articles for claim in chosen]
    assert 1 == more


def test_action_verbs_count_as_whole_words_in_any_case() -> None:
    assert _reports_action("The talks were CO-CHAIRED by both ministers.")
    assert _reports_action("Lavrov Said Russia would help.")
    assert not _reports_action("Saidov arrived in Hanoi; much was left unsaid.")
    assert not _reports_action("The chaired session ended.")


def test_alias_index_is_reread_when_the_corpus_changes(store: Store) -> None:
    run_ingest(store, [str(SEEDS / "000_e7bbb61633161263.txt")])
    assert "asean" not in {alias for alias, _ in store.alias_index()}
    run_ingest(store, [str(SEEDS)])
    assert "asean" in {alias for alias, _ in store.alias_index()}


def test_passage_total_is_recounted_when_the_corpus_changes(store: Store) -> None:
    run_ingest(store, [str(SEEDS / "000_e7bbb61633161263.txt")])
    first = store.passage_total()
    run_ingest(store, [str(SEEDS)])
    assert store.db.execute("SELECT count(*) FROM passages").fetchone()[0] == store.passage_total()
    assert first < store.passage_total()
