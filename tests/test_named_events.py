"""Joint commissions, state visits and "2+2" meetings as events (briefings/named_events.py)."""

from __future__ import annotations

from pathlib import Path

from briefings.compose import brief_topic
from briefings.entities import extract
from briefings.model import Extraction, Mention, Passage
from briefings.named_events import named_events
from store import Store

from .conftest import run_ingest


def passages(*paragraphs: str) -> list[Passage]:
    return [Passage("body", p) for p in paragraphs]


def events(extraction: Extraction) -> list[Mention]:
    return [m for m in extraction.mentions if m.entity.kind == "event"]


def inside(extraction: Extraction, event: Mention) -> set[str]:
    return {
        m.surface
        for m in extraction.mentions
        if m is not event and event.start <= m.start < m.end <= event.end
    }


def test_a_country_pairs_joint_commission_is_an_event_with_both_countries_inside():
    extraction = extract(
        passages(
            "Dar said the Kazakhstan-Iran Joint Economic Commission would meet in Tehran later"
            " this year.",
        ),
        language="en",
    )

    assert ["Kazakhstan-Iran Joint Economic Commission"] == [
        m.entity.name for m in events(extraction)
    ]
    [commission] = events(extraction)
    assert {"Kazakhstan", "Iran"} <= inside(extraction, commission)
    # The commission is the event, not also an organisation of the same span.
    assert not [
        m
        for m in extraction.mentions
        if m.entity.kind == "organization" and m.surface == commission.surface
    ]


def test_a_commissions_sitting_is_the_event_and_the_commission_a_body_in_it():
    english = extract(
        passages(
            "Dar accepted an invitation to visit Tehran for the next session of the"
            " Kazakhstan-Iran Joint Economic Commission later this year.",
            "The two ministers co-chaired the 9th meeting of the Brazil-India Joint Commission"
            " on Trade, Economic and Technical Cooperation.",
        ),
        language="en",
    )
    french = extract(
        passages(
            "Les ministres ont préparé la 12e session de la Commission mixte franco-tunisienne."
        ),
        language="fr",
    )
    vietnamese = extract(
        passages("Hai bộ trưởng đồng chủ trì Kỳ họp lần thứ 9 Ủy ban hỗn hợp Việt Nam - Lào."),
        language="vi",
    )

    # "next" only dates the sitting; an ordinal is part of its name.
    assert {
        "session of the Kazakhstan-Iran Joint Economic Commission",
        # What the commission is "on" is its remit, no part of the sitting's name.
        "9th meeting of the Brazil-India Joint Commission",
    } == {m.entity.name for m in events(english)}
    assert "Kazakhstan-Iran Joint Economic Commission" in {
        m.entity.name for m in english.mentions if m.entity.kind == "organization"
    }
    assert ["12e session de la Commission mixte franco-tunisienne"] == [
        m.entity.name for m in events(french)
    ]
    assert ["Kỳ họp lần thứ 9 Ủy ban hỗn hợp Việt Nam - Lào"] == [
        m.entity.name for m in events(vietnamese)
    ]


def test_a_state_visit_and_a_two_plus_two_meeting_in_english():
    extraction = extract(
        passages(
            "Tokayev hosted Xi on a state visit to Astana on Tuesday, their first since June.",
            'Ministers from both sides met in Canberra for the first Australia-Indonesia "2+2"'
            " meeting, and an official visit to Jakarta is planned.",
        ),
        language="en",
    )

    names = {m.entity.name: m.surface for m in events(extraction)}
    assert {
        "state visit to Astana": "state visit",
        "Australia-Indonesia 2+2 meeting": 'Australia-Indonesia "2+2" meeting',
        "official visit to Jakarta": "official visit to Jakarta",
    } == names
    # "Astana" keeps its own mention beside the visit's.
    assert "Astana" in {m.surface for m in extraction.mentions if m.entity.kind == "place"}


def test_commissions_and_state_visits_in_other_languages():
    russian = extract(
        passages(
            "Стороны обсудили итоги государственного визита президента России Владимира Путина"
            " в Монголию и подготовку заседания межправительственной комиссии по"
            " торгово-экономическому и научно-техническому сотрудничеству.",
            "Следующее заседание межправительственная комиссия проведёт в Улан-Баторе.",
        ),
        language="ru",
    )
    vietnamese = extract(
        passages(
            "Hai bên nhất trí tổ chức kỳ họp tiếp theo của Ủy ban hỗn hợp về hợp tác song phương"
            " Việt Nam - Campuchia, sau chuyến thăm cấp Nhà nước tới Campuchia của Chủ tịch nước.",
        ),
        language="vi",
    )
    malay = extract(
        passages("Kedua menteri membahas persiapan Sidang Komisi Bersama Malaysia-Rusia."),
        language="ms",
    )

    # The sitting is an event (named as the labels name it), the commission one inside it.
    assert {
        "государственного визита президента России Владимира Путина в Монголию",
        "заседание межправительственной комиссии",
        "межправительственной комиссии по торгово-экономическому и научно-техническому"
        " сотрудничеству",
    } == {m.entity.name for m in events(russian)}
    visit = next(m for m in events(russian) if "визита" in m.surface)
    assert "Владимира Путина" in inside(russian, visit)
    assert {
        "Ủy ban hỗn hợp về hợp tác song phương Việt Nam - Campuchia",
        "chuyến thăm cấp Nhà nước tới Campuchia",
    } == {m.entity.name for m in events(vietnamese)}
    assert ["Sidang Komisi Bersama Malaysia-Rusia"] == [m.entity.name for m in events(malay)]


def test_standing_bodies_and_ordinary_trips_are_not_events():
    # An official visit with its destination is an event (set 5 lists every one); a visit
    # without one is a trip.
    extraction = extract(
        passages(
            "The Joint Committee on Economic Cooperation will review the plan, the European"
            " Commission said, as the minister began an official visit that will take him to"
            " Kuala Lumpur.",
        ),
        language="en",
    )

    assert [] == events(extraction)


def test_a_topic_query_for_a_country_finds_its_joint_commission(store: Store, tmp_path: Path):
    (tmp_path / "abu-dhabi.txt").write_text(
        "Ministers meet in Abu Dhabi\n\n"
        "Sheikh Abdullah bin Zayed and Subrahmanyam Jaishankar on Tuesday co-chaired the 15th"
        " meeting of the UAE-India Joint Commission at Qasr Al Watan in Abu Dhabi.\n\n"
        "Both ministers said trade between the two countries had grown in the past year.\n",
        encoding="utf-8",
    )
    run_ingest(store, [str(tmp_path)])

    commission = brief_topic(store, "UAE-India Joint Commission")
    country = brief_topic(store, "India")

    assert commission.found, commission.note
    assert country.found, country.note
    assert any("UAE-India Joint Commission" in claim.text for claim in country.claims)


def test_counted_rounds_and_a_pairs_dialogues_are_events():
    english = extract(
        passages(
            "Diplomats held the fourth round of consultations on maritime issues in Manila and"
            " will meet again at the next round of talks.",
            "The China-Japan strategic dialogue resumed after India and Japan held their third"
            " 2+2 Ministerial Dialogue.",
        ),
        language="en",
    )
    russian = extract(
        passages("Стороны провели 5-й раунд российско-китайских консультаций в Пекине."),
        language="ru",
    )
    vietnamese = extract(
        passages(
            "Hai bên đồng chủ trì Tham vấn Chính trị Việt Nam - Pháp lần thứ 5 tại Hà Nội và"
            " Đối thoại Chiến lược Quốc phòng Việt Nam - Ấn Độ."
        ),
        language="vi",
    )
    indonesian = extract(
        passages("Kedua menteri memimpin Konsultasi Bilateral Indonesia-Vietnam ke-5 di Jakarta."),
        language="id",
    )

    assert {
        "fourth round of consultations",
        "China-Japan strategic dialogue",
        "2+2 Ministerial Dialogue",
    } == {m.entity.name for m in events(english)}
    # Named with the one place the story gives it; the mention is the round's words alone.
    assert ["5-й раунд российско-китайских консультаций в Пекине"] == [
        m.entity.name for m in events(russian)
    ]
    assert ["5-й раунд российско-китайских консультаций"] == [m.surface for m in events(russian)]
    dialogue = next(m for m in events(vietnamese) if m.surface.startswith("Đối thoại"))
    assert {"Việt Nam", "Ấn Độ"} <= inside(vietnamese, dialogue)
    assert len(events(vietnamese)) == 2
    assert ["Konsultasi Bilateral Indonesia-Vietnam ke-5 di Jakarta"] == [
        m.entity.name for m in events(indonesian)
    ]


def test_a_forums_own_meeting_is_named_whole():
    extraction = extract(
        passages(
            "Wang Yi will attend the East Asia Summit Foreign Ministers' Meeting in Vientiane,"
            " and the East Asia Summit and the Asia-Europe Meeting later in the year.",
        ),
        language="en",
    )

    assert [
        "East Asia Summit Foreign Ministers' Meeting in Vientiane",
        "East Asia Summit",
        "Asia-Europe Meeting",
    ] == [m.entity.name for m in events(extraction)]


def test_format_meetings_world_war_two_and_a_european_summit():
    english = extract(
        passages(
            'The ministers discussed the "Ramstein format" meeting due in June and the Normandy'
            " format talks, 80 years after World War Two ended.",
        ),
        language="en",
    )
    french = extract(
        passages("Les Vingt-Sept se retrouvent jeudi pour un sommet européen à Bruxelles."),
        language="fr",
    )

    assert {"Ramstein format meeting", "Normandy format talks", "World War Two"} == {
        m.entity.name for m in events(english)
    }
    assert ["sommet européen à Bruxelles"] == [m.entity.name for m in events(french)]
    assert ["sommet européen"] == [m.surface for m in events(french)]


def test_an_official_visit_with_its_destination_is_an_event():
    english = extract(
        passages("Wang arrived in Hanoi on Monday for a three-day official visit to Vietnam."),
        language="en",
    )
    vietnamese = extract(
        passages("Bộ trưởng đang có chuyến thăm chính thức Lào theo lời mời của người đồng cấp."),
        language="vi",
    )

    assert ["three-day official visit to Vietnam"] == [m.surface for m in events(english)]
    assert ["chuyến thăm chính thức Lào"] == [m.surface for m in events(vietnamese)]
    assert "Vietnam" in {m.entity.name for m in english.mentions if m.entity.kind == "place"}


def test_a_visit_named_by_its_visitor_and_destination_is_an_event():
    english = extract(
        passages(
            "Wang Yi said preparations for the state visit of President Sadyr Japarov to China"
            " were going well.",
        ),
        language="en",
    )
    russian = extract(
        passages("Стороны обсудили подготовку визита Сергея Лаврова в Джакарту."),
        language="ru",
    )
    indonesian = extract(
        passages("Menlu membahas kunjungan Presiden Prabowo Subianto ke Rusia bulan depan."),
        language="id",
    )

    event = events(english)[0]
    assert "state visit of President Sadyr Japarov to China" == event.surface
    # The visitor and the destination stay inside, as the event's link to them.
    assert {"Sadyr Japarov", "China"} <= inside(english, event)
    assert ["визита Сергея Лаврова в Джакарту"] == [m.surface for m in events(russian)]
    assert ["kunjungan Presiden Prabowo Subianto ke Rusia"] == [
        m.surface for m in events(indonesian)
    ]


def test_a_visit_with_no_named_visitor_or_place_is_no_event():
    extraction = extract(
        passages("The visit of the delegation to the factory was short, officials said."),
        language="en",
    )

    assert [] == events(extraction)


def test_a_joint_summit_keeps_its_count_in_the_mention_and_names_bodies_by_acronym():
    from briefings.entities import extract

    extraction = extract(
        [
            Passage("title", "Oman and Malaysia review ties"),
            Passage(
                "body",
                "Oman, a member of the Gulf Cooperation Council (GCC), and Malaysia held talks."
                " The ministers discussed the first Gulf Cooperation Council–ASEAN–China summit"
                " and the outcomes of the second ASEAN-GCC Summit, and recalled the sixth EU-AU"
                " Summit.",
            ),
        ],
        language="en",
    )

    events = {m.entity.name: m.surface for m in extraction.mentions if m.entity.kind == "event"}
    assert {
        "GCC–ASEAN–China summit": "first Gulf Cooperation Council–ASEAN–China summit",
        "ASEAN-GCC Summit": "second ASEAN-GCC Summit",
        "EU-AU Summit": "sixth EU-AU Summit",
    }.items() <= events.items()


def test_a_sitting_names_its_commission_or_committee_in_any_case_without_its_remit():
    text = (
        "They agreed to convene the next session of the Armenian-Iranian intergovernmental"
        " commission in the spring, and prepared the 47th meeting of the Laos - Vietnam"
        " Intergovernmental Committee on Trade and Investment in Vientiane."
    )

    assert [
        "session of the Armenian-Iranian intergovernmental commission",
        "47th meeting of the Laos-Vietnam Intergovernmental Committee",
    ] == [event.name for event in named_events(text, "en")]


def test_a_russian_sitting_is_named_in_the_nominative_with_its_commission_kept_inside():
    extraction = extract(
        passages(
            "Белоруссия и Вьетнам обсудили торговлю",
            "Вьетнамская сторона рассчитывает провести очередное заседание"
            " Белорусско-вьетнамской межправительственной комиссии по торгово-экономическому и"
            " научно-техническому сотрудничеству в Ханое.",
        ),
        language="ru",
    )

    names = {m.entity.name for m in events(extraction)}
    assert "заседание межправительственной комиссии" in names
    assert any(name.startswith("межправительственной комиссии") for name in names)


def test_a_russian_summit_is_named_in_the_nominative():
    extraction = extract(
        passages(
            "Лавров провел переговоры с главой МИД Лаоса",
            "Министры обсудили подготовку юбилейного саммита Россия — АСЕАН.",
        ),
        language="ru",
    )

    assert "саммит Россия — АСЕАН" in {m.entity.name for m in events(extraction)}


def test_a_vietnamese_visit_runs_on_to_its_visitor_and_keeps_its_shorter_wording():
    extraction = extract(
        passages(
            "Hai bên nhất trí triển khai kết quả chuyến thăm chính thức New Zealand của Thủ tướng"
            " Phạm Minh Chính.",
        ),
        language="vi",
    )

    visits = {m.surface: m.entity.name for m in events(extraction)}
    whole = "chuyến thăm chính thức New Zealand của Thủ tướng Phạm Minh Chính"
    assert {whole: whole, "chuyến thăm chính thức New Zealand": whole} == visits


def test_elections_named_by_whose_vote_and_disasters_by_where_they_struck():
    text = (
        "Seoul and Tokyo agreed to coordinate ahead of the U.S. presidential election, and"
        " Germany is due to hold a snap federal election on February 23. China provided aid"
        " after the earthquake in Mandalay and Sagaing regions. The military must stop"
        " airstrikes before any election."
    )

    assert [
        "U.S. presidential election",
        "snap federal election",
        "earthquake in Mandalay and Sagaing",
    ] == [event.name for event in named_events(text, "en")]
