"""who and topic told by event: one claim per event, the subject acting, every report cited."""

from __future__ import annotations

from pathlib import Path

from briefings.compose import Limits, brief_topic, brief_who
from store import Store

from .conftest import run_ingest

PLEDGE = "affirmed that he would do his best to support the safe evacuation of Vietnamese citizens"


def test_who_lavrov_tells_each_of_his_four_events_in_the_seeds(seeded: Store) -> None:
    briefing = brief_who(seeded, "Lavrov")

    dated: dict[str, str] = {}
    for claim in briefing.claims:
        if claim.date:
            dated[claim.date.iso()] = dated.get(claim.date.iso(), "") + claim.text
    assert "--11-24" in dated  # the Moscow talks, year unknown
    assert "2021-07-06" in dated  # the ASEAN-Russia videoconference, not its report's date
    assert PLEDGE in dated["--03-15"]  # the call, told by what Lavrov did in it
    assert "visited Vietnam" in dated["2022-07-06"]


def test_the_first_line_counts_articles_and_events(seeded: Store) -> None:
    briefing = brief_who(seeded, "Lavrov")

    assert briefing.reach is not None
    assert (4, 5) == (briefing.reach.articles, briefing.reach.events)
    assert briefing.reach.first is not None and briefing.reach.last is not None
    assert ("2021-07-06", "2022-07-07") == (briefing.reach.first.iso(), briefing.reach.last.iso())


def test_an_event_gives_one_claim_and_more_gives_the_rest(seeded: Store) -> None:
    short = brief_who(seeded, "Lavrov")
    longer = brief_who(seeded, "Lavrov", Limits().more())

    assert 1 == sum(c.date is not None and c.date.iso() == "--03-15" for c in short.claims)
    march = [c.text for c in longer.claims if c.date and c.date.iso() == "--03-15"]
    assert 2 == len(march)
    assert len(short.claims) < len(longer.claims)


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_reports_of_one_event_in_two_outlets_make_one_claim_citing_both(
    store: Store, tmp_path: Path
) -> None:
    _write(
        tmp_path,
        "wire.txt",
        "Ministers meet in Jakarta\n\nJAKARTA, March 3 (Wire) - Malaysian Foreign Minister "
        "Anwar Salleh met Thai Foreign Minister Somchai Rattana in Jakarta on March 3, 2023 "
        "to discuss border trade.\n\nAnwar Salleh said both countries would reopen two "
        "crossings before the end of the year.\n",
    )
    _write(
        tmp_path,
        "daily.txt",
        "Border crossings to reopen\n\nThai Foreign Minister Somchai Rattana held talks with "
        "his Malaysian counterpart in Jakarta on March 3, 2023, the ministry said on Friday."
        "\n\nSomchai Rattana thanked Malaysia for its help with the flood relief in Narathiwat "
        "province.\n",
    )
    run_ingest(store, [str(tmp_path)])

    briefing = brief_who(store, "Somchai Rattana")

    march = [c for c in briefing.claims if c.date and c.date.iso() == "2023-03-03"]
    assert 1 == len(march)
    assert 2 == len(march[0].sources)
    assert briefing.reach is not None and 1 == briefing.reach.events


def test_a_sentence_where_the_subject_acts_beats_one_naming_him_in_passing(
    store: Store, tmp_path: Path
) -> None:
    _write(
        tmp_path,
        "visit.txt",
        "Minister in Hanoi\n\nVietnamese Deputy Prime Minister Tran Hong Ha met a delegation "
        "led by Philippine Foreign Secretary Ramon Dizon in Hanoi on June 12, 2024.\n\n"
        "Ramon Dizon, "
        "speaking to reporters after the meeting, pledged to double rice imports from "
        "Vietnam next year.\n",
    )
    run_ingest(store, [str(tmp_path)])

    briefing = brief_who(store, "Ramon Dizon")

    assert 1 == len(briefing.claims)
    assert "pledged to double rice imports" in briefing.claims[0].text
    assert briefing.claims[0].date is not None
    assert "2024-06-12" == briefing.claims[0].date.iso()


def test_topic_of_an_entity_is_told_by_event_too(seeded: Store) -> None:
    briefing = brief_topic(seeded, "ASEAN")

    assert briefing.reach is not None
    assert briefing.reach.events >= 1
    assert briefing.claims


def test_a_speech_salutation_loses_to_a_sentence_about_the_subject(
    store: Store, tmp_path: Path
) -> None:
    _write(
        tmp_path,
        "speech.txt",
        "Sergey Lavrov's remarks at the ASEAN-Russia ministerial meeting\n\n"
        "Mr Co-chairman, Colleagues, I would like to thank Cambodia for its excellent "
        "organisation of today's meeting.\n\nThe meeting took place in the capital.\n\n"
        "The delegations met in the main hall.\n\nJournalists from ten countries followed the "
        "remarks of Russian Foreign Minister Sergey Lavrov in the hall.\n",
    )
    run_ingest(store, [str(tmp_path)])

    briefing = brief_who(store, "Sergey Lavrov", Limits(claims=1))

    assert ["Journalists from ten countries"] == [c.text[:30] for c in briefing.claims]


def test_an_announced_date_is_a_plan_not_part_of_the_span(seeded: Store, tmp_path: Path) -> None:
    """'will visit Hanoi in early 2027' names an event to come; the first line spans what
    was reported and what happened."""
    (tmp_path / "plan.txt").write_text(
        "Lavrov to visit Hanoi again\n\n"
        "HANOI, July 8, 2022 — Russian Foreign Minister Sergey Lavrov will visit Hanoi again "
        "in January 2023, Vietnam's foreign ministry said on Friday.\n",
        encoding="utf-8",
    )
    run_ingest(seeded, [str(tmp_path)])

    briefing = brief_who(seeded, "Lavrov")

    assert briefing.reach is not None and briefing.reach.last is not None
    assert "2022-07-08" == briefing.reach.last.iso()
