"""who, topic, ask and timeline over the seeds, through the real store and pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from briefings.briefing import Briefing
from briefings.compose import Limits, answer_question, brief_topic, brief_who, build_timeline
from briefings.extractive import ELLIPSIS
from briefings.folding import fold
from store import Store

from .conftest import run_ingest
from .test_ingest_seeds import BOILERPLATE

SEED_OF = {
    "000": "000_e7bbb61633161263.txt",
    "001": "001_39ff37f9e3027860.txt",
    "002": "002_1799cdd6cbda2bd1.txt",
    "003": "003_74d1bcbf21ade748.txt",
    "004": "004_945a26bfa0d7bd78.txt",
}
QUESTIONS = [
    "What did Vietnam ask Russia about its citizens in Ukraine?",
    "Which port did Vietnam and Laos discuss?",
    "How much was two-way trade between Vietnam and Russia?",
    "What did Lavrov say about sanctions?",
    "When is the fourth ASEAN-Russia high-level meeting?",
]


def cited_seeds(briefing: Briefing) -> set[str]:
    return {Path(s.path or "").name[:3] for s in briefing.sources}


def test_who_lavrov_cites_exactly_the_four_articles_that_mention_him(seeded: Store) -> None:
    briefing = brief_who(seeded, "Lavrov")

    assert briefing.subject is not None
    assert "Sergey Lavrov" == briefing.subject.name
    assert "Russia" == briefing.subject.country
    assert {"000", "001", "003", "004"} == cited_seeds(briefing)
    assert {s.n for s in briefing.sources} == {n for c in briefing.claims for n in c.sources}
    assert "Foreign Minister" in {r.title for r in briefing.subject.roles}


def test_who_is_the_same_with_or_without_diacritics_and_case(seeded: Store) -> None:
    accented = brief_who(seeded, "Bùi Thanh Sơn")
    plain = brief_who(seeded, "bui thanh son")

    assert accented.claims == plain.claims
    assert accented.sources == plain.sources
    assert accented.subject == plain.subject
    assert {"000", "001", "002", "004"} == cited_seeds(plain)


def test_a_short_reference_finds_the_person(seeded: Store) -> None:
    briefing = brief_who(seeded, "Minh")

    assert briefing.subject is not None
    assert "Pham Binh Minh" == briefing.subject.name
    assert {"003"} == cited_seeds(briefing)


def test_a_typo_is_corrected_and_said_so(seeded: Store) -> None:
    briefing = brief_who(seeded, "Lavrof")

    assert briefing.subject is not None
    assert "Sergey Lavrov" == briefing.subject.name
    assert "closest match to “Lavrof”" in (briefing.note or "")


def test_an_unknown_name_finds_nothing_and_says_so(seeded: Store) -> None:
    briefing = brief_who(seeded, "Zbigniew Brzezinski")

    assert not briefing.found
    assert briefing.note and "Nothing in the indexed articles matches" in briefing.note


def test_an_ambiguous_name_lists_the_candidates(store: Store, tmp_path: Path) -> None:
    for number, person in enumerate(
        ["Foreign Minister Kim Sung-han", "Defence Minister Kim Yong-hyun"]
    ):
        story = tmp_path / f"kim{number}.txt"
        story.write_text(
            f"Seoul talks\n\nSouth Korean {person} met visiting officials in Seoul on Monday "
            "to discuss the alliance with the United States and regional security.\n\n"
            "Kim said the alliance was strong and would grow stronger in the coming years.\n",
            encoding="utf-8",
        )
    run_ingest(store, [str(tmp_path)])

    briefing = brief_who(store, "Kim")

    assert not briefing.found
    assert {"Kim Sung-han", "Kim Yong-hyun"} == set(briefing.candidates)
    assert "could mean several" in (briefing.note or "")


def test_topic_unclos_cites_every_article_mentioning_the_convention(seeded: Store) -> None:
    briefing = brief_topic(seeded, "UNCLOS")

    assert briefing.subject is not None
    assert "United Nations Convention on the Law of the Sea" == briefing.subject.name
    assert "UNCLOS" in briefing.subject.aliases
    assert {"002", "003", "004"} == cited_seeds(briefing)
    spelled_out = [c for c in briefing.claims if "United Nations Convention on the Law" in c.text]
    assert spelled_out, "the article that only spells it out must be cited"


@pytest.mark.parametrize(
    ("term", "seeds"),
    [
        ("Code of Conduct", {"003", "004"}),
        ("COVID-19", {"002", "004"}),
        ("humanitarian corridors", {"000"}),
        ("demilitarized zone", {"000"}),
    ],
)
def test_topics_by_name_alias_or_free_phrase(seeded: Store, term: str, seeds: set[str]) -> None:
    briefing = brief_topic(seeded, term)

    assert briefing.found, briefing.note
    assert seeds == cited_seeds(briefing)


def test_timeline_lists_dated_meetings_and_calls_in_order(seeded: Store) -> None:
    briefing = build_timeline(seeded, "Lavrov")

    entries = [(e.date.iso(), e.kind) for e in briefing.timeline]
    assert ("2022-07-06", "visit") in entries
    assert ("--03-15", "call") in entries
    assert ("--11-24", "talks") in entries
    known = [d for d, _ in entries if not d.startswith("--")]
    unknown = [d for d, _ in entries if d.startswith("--")]
    assert known == sorted(known)
    assert unknown == sorted(unknown)
    assert entries.index((known[-1], entries[len(known) - 1][1])) < len(known)
    moscow = next(e for e in briefing.timeline if e.date.iso() == "--11-24")
    assert "Moscow" == moscow.place
    assert "Pham Binh Minh" in moscow.participants


def test_a_briefing_is_short_unless_more_is_asked(seeded: Store) -> None:
    short = brief_who(seeded, "Bui Thanh Son")
    longer = brief_who(seeded, "Bui Thanh Son", Limits().more())

    assert len(short.claims) <= 6
    assert sum(len(c.text.split()) for c in short.claims) <= 150
    assert short.more > 0
    assert len(longer.claims) > len(short.claims)


def test_claims_are_in_date_order_with_unknown_years_last(seeded: Store) -> None:
    claims = brief_who(seeded, "Lavrov").claims
    known = [c.date.iso() for c in claims if c.date and c.date.year]
    unknown = [i for i, c in enumerate(claims) if not (c.date and c.date.year)]

    assert known == sorted(known)
    assert all(i >= len(known) for i in unknown)


def test_ask_answers_from_the_best_passages(seeded: Store) -> None:
    briefing = answer_question(seeded, QUESTIONS[0])

    assert briefing.claims
    assert (
        "Vietnam has asked Russia to set up a temporary demilitarized zone"
        in briefing.claims[0].text
    )
    assert {"000"} == cited_seeds(briefing)


def _every_briefing(store: Store) -> list[Briefing]:
    briefings = [answer_question(store, q) for q in QUESTIONS]
    for entity in store.entities():
        if entity.kind == "person":
            briefings.append(brief_who(store, entity.name, Limits().more()))
        else:
            briefings.append(brief_topic(store, entity.name, Limits().more()))
    return briefings


def test_every_offline_claim_stands_in_the_article_it_cites(seeded: Store) -> None:
    bodies = {a.id: "\n".join(seeded.article(a.id).paragraphs) for a in seeded.articles()}  # type: ignore[union-attr]
    checked = 0
    for briefing in _every_briefing(seeded):
        by_number = {s.n: s.article_id for s in briefing.sources}
        for claim in briefing.claims:
            quoted = claim.text.removesuffix(ELLIPSIS)
            first, *others = [bodies[by_number[n]] for n in claim.sources]
            assert quoted in first, (briefing.query, claim.text)
            for body in others:  # a near-duplicate story says (almost) the same
                assert fuzz.partial_ratio(fold(quoted), fold(body)) >= 88
            checked += 1
    assert checked > 100


def test_no_claim_is_a_caption_or_boilerplate(seeded: Store) -> None:
    captions = [c for a in seeded.articles() for c in seeded.article(a.id).captions]  # type: ignore[union-attr]
    for briefing in _every_briefing(seeded):
        for claim in briefing.claims:
            assert not any(phrase in claim.text for phrase in BOILERPLATE if len(phrase) > 8)
            assert not any(fold(claim.text) in fold(caption) for caption in captions)
