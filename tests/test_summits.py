"""Summits and meetings of an organisation, linked to it (briefings/summits.py)."""

from __future__ import annotations

from pathlib import Path

from briefings.compose import brief_topic
from briefings.entities import extract
from briefings.model import Extraction, Mention, Passage
from store import Store

from .conftest import run_ingest


def passages(*paragraphs: str) -> list[Passage]:
    return [Passage("body", p) for p in paragraphs]


def events(extraction: Extraction) -> list[Mention]:
    return [m for m in extraction.mentions if m.entity.kind == "event"]


def test_a_summit_named_by_its_organisation_is_an_event_linked_to_it():
    extraction = extract(
        passages(
            "Xi and Ishiba met on the sidelines of the Asia-Pacific Economic Cooperation (APEC)"
            " summit in Lima on Friday.",
        ),
        language="en",
    )

    [summit] = events(extraction)
    # Named by the one place the story gives it; the mention is the summit's words alone and
    # Lima keeps its own.
    assert "APEC summit in Lima" == summit.entity.name
    assert "Asia-Pacific Economic Cooperation (APEC) summit" == summit.surface
    assert "Lima" in {m.surface for m in extraction.mentions if m.entity.kind == "place"}
    assert "a meeting of Asia-Pacific Economic Cooperation" == summit.entity.description
    # The organisation stays mentioned inside the summit's span: a query for it finds it.
    inside = [
        m
        for m in extraction.mentions
        if m.entity.name == "Asia-Pacific Economic Cooperation"
        and summit.start <= m.start < m.end <= summit.end
    ]
    assert inside


def test_the_acronym_and_the_long_name_give_one_summit():
    extraction = extract(
        passages(
            "Leaders of the Collective Security Treaty Organization (CSTO) gathered in Astana.",
            "The CSTO summit was the first since the war began.",
            "Armenia skipped the summit of the Collective Security Treaty Organization.",
            "Pacific Islands Forum (PIF) foreign ministers' meeting opened in Suva, ahead of the"
            " PIF leaders' meeting in Tonga.",
        ),
        language="en",
    )

    assert {
        "CSTO summit",
        "PIF foreign ministers' meeting",  # "opened in Suva": no place of its name
        "PIF leaders' meeting in Tonga",
    } == {m.entity.name for m in events(extraction)}


def test_a_meeting_of_an_organisations_ministers_and_a_summit_of_a_body_named_by_its_head():
    extraction = extract(
        passages(
            "Wang Yi will attend the foreign ministers' meetings of the Association of Southeast"
            " Asian Nations (ASEAN) in Vientiane.",
            "Both sides will coordinate ahead of the BIMSTEC summit, where the Bay of Bengal"
            " Initiative for Multi-Sectoral Technical and Economic Cooperation (BIMSTEC) meets.",
        ),
        language="en",
    )

    assert {"ASEAN foreign ministers' meeting", "BIMSTEC summit"} == {
        m.entity.name for m in events(extraction)
    }


def test_an_organisation_joined_to_another_is_not_the_summits_owner():
    extraction = extract(
        passages("Beijing will host the China-EU summit next month, the EU said."),
        language="en",
    )

    assert ["China-EU summit"] == [m.entity.name for m in events(extraction)]


def test_meetings_in_other_languages():
    russian = extract(
        passages(
            "Лавров примет участие в саммите БРИКС и в совещании Россия — АСЕАН.",
            "Итоги саммита БРИКС обсудят позже.",
        ),
        language="ru",
    )
    indonesian = extract(
        passages("Retno hadir di Pertemuan Menteri Luar Negeri ASEAN (AMM) ke-57 di Vientiane."),
        language="id",
    )
    vietnamese = extract(
        passages("Bộ trưởng dự Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 57 tại Viêng Chăn."),
        language="vi",
    )

    # Named in the nominative, as the labels and a reader name them.
    assert {"саммит БРИКС", "совещание Россия — АСЕАН"} == {m.entity.name for m in events(russian)}
    assert {"саммите БРИКС", "саммита БРИКС"} <= {m.surface for m in events(russian)}
    assert ["Pertemuan Menteri Luar Negeri ASEAN ke-57 di Vientiane"] == [
        m.entity.name for m in events(indonesian)
    ]
    assert ["Pertemuan Menteri Luar Negeri ASEAN (AMM) ke-57"] == [
        m.surface for m in events(indonesian)
    ]
    assert ["Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 57 tại Viêng Chăn"] == [
        m.entity.name for m in events(vietnamese)
    ]


def test_a_topic_query_for_the_organisation_finds_its_summit(store: Store, tmp_path: Path):
    (tmp_path / "lima.txt").write_text(
        "Leaders gather in Lima\n\n"
        "Xi Jinping and Shigeru Ishiba met on Friday on the sidelines of the Asia-Pacific"
        " Economic Cooperation (APEC) summit in Lima and agreed to keep talking.\n\n"
        "Both leaders said their countries would work for stable ties in the coming year.\n",
        encoding="utf-8",
    )
    run_ingest(store, [str(tmp_path)])

    organisation = brief_topic(store, "Asia-Pacific Economic Cooperation")
    summit = brief_topic(store, "APEC summit")

    assert organisation.found, organisation.note
    assert any("APEC) summit in Lima" in claim.text for claim in organisation.claims)
    assert summit.subject is not None
    assert "a meeting of Asia-Pacific Economic Cooperation" == summit.subject.description


def test_a_summit_said_with_its_place_once_is_named_by_it_and_two_places_are_two_summits():
    extraction = extract(
        passages(
            "Modi will attend the BRICS summit in Kazan next week, his office said.",
            "At the BRICS summit, leaders will discuss payments in national currencies.",
        ),
        language="en",
    )
    two = extract(
        passages(
            "After the BRICS summit in Kazan last year, the BRICS summit in Rio de Janeiro"
            " will be the first of the enlarged group.",
        ),
        language="en",
    )

    # "the BRICS summit" alone is the one in Kazan the story already named.
    assert ["BRICS summit in Kazan"] * 2 == [m.entity.name for m in events(extraction)]
    assert ["BRICS summit", "BRICS summit"] == [m.surface for m in events(extraction)]
    assert {"BRICS summit"} == {m.entity.name for m in events(two)}


def test_russian_meetings_say_who_meets_and_named_forums_capitalise_their_first_word():
    russian = extract(
        passages(
            "Лавров примет участие в совещании министров обороны АСЕАН и во встрече глав МИД"
            " стран ШОС, а затем выступит на Восточном экономическом форуме.",
            "Министр также посетит Казань на саммите БРИКС.",
        ),
        language="ru",
    )
    indonesian = extract(
        passages(
            "Sugiono menghadiri Pertemuan Menteri Luar Negeri KTT Asia Timur (EAS) di Kuala Lumpur."
        ),
        language="id",
    )

    surfaces = {m.surface for m in events(russian)}
    assert {
        "совещании министров обороны АСЕАН",
        "встрече глав МИД стран ШОС",
        "Восточном экономическом форуме",
    } <= surfaces
    # A place is no adjective of a summit: "Казань на саммите" is the summit alone.
    assert not any(s.startswith("Казань") for s in surfaces)
    # "KTT" (summit) inside the name does not end it.
    assert ["Pertemuan Menteri Luar Negeri KTT Asia Timur (EAS)"] == [
        m.surface for m in events(indonesian)
    ]


def test_forums_and_who_meets_in_vietnamese_indonesian_and_french():
    vietnamese = extract(
        passages("Hai bên phối hợp chặt chẽ tại Diễn đàn khu vực ASEAN và Liên Hợp Quốc."),
        language="vi",
    )
    indonesian = extract(
        passages("Kedua menteri juga bertemu di sela Forum Regional ASEAN pekan lalu."),
        language="id",
    )
    french = extract(
        passages(
            "La ministre a rencontré son homologue à la réunion des ministres des Affaires"
            " étrangères du G20, avant le sommet des chefs d’État et de gouvernement de l’OTAN."
        ),
        language="fr",
    )

    assert ["Diễn đàn khu vực ASEAN"] == [m.surface for m in events(vietnamese)]
    assert ["Forum Regional ASEAN"] == [m.surface for m in events(indonesian)]
    assert {
        "réunion des ministres des Affaires étrangères du G20",
        "sommet des chefs d’État et de gouvernement de l’OTAN",
    } == {m.surface for m in events(french)}


def test_a_meeting_of_a_bodys_ministers_and_a_trilateral_summit_are_events():
    extraction = extract(
        [
            Passage("title", "Myanmar and China discuss border peace"),
            Passage(
                "body",
                "The two sides agreed to keep close contact ahead of the meeting of the"
                " Lancang-Mekong Cooperation foreign ministers, and discussed a planned trilateral"
                " summit with Japan.",
            ),
        ],
        language="en",
    )

    found = {m.entity.name: m.surface for m in extraction.mentions if m.entity.kind == "event"}
    assert {
        "Lancang-Mekong Cooperation foreign ministers' meeting": (
            "meeting of the Lancang-Mekong Cooperation foreign ministers"
        ),
        "trilateral summit": "trilateral summit",
    } == found


def test_an_indonesian_summit_may_be_named_by_its_body_alone():
    extraction = extract(
        [
            Passage("title", "Sugiono terima kunjungan Menlu Filipina"),
            Passage(
                "body",
                "Kedua menteri membahas persiapan KTT ASEAN ke-48 dan hasil Pertemuan AMM di"
                " Jakarta.",
            ),
        ],
        language="id",
    )

    names = {m.entity.name for m in extraction.mentions if m.entity.kind == "event"}
    assert "KTT ASEAN ke-48" in names
    assert not any(name.startswith("Pertemuan AMM") for name in names)
