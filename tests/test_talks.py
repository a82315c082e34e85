"""The principals' talks, meeting or call as one event (briefings/talks.py)."""

from __future__ import annotations

from briefings.entities import extract
from briefings.model import Extraction, Passage
from briefings.talks import meeting_nouns


def passages(title: str, *paragraphs: str) -> list[Passage]:
    return [Passage("title", title), *(Passage("body", p) for p in paragraphs)]


def events(extraction: Extraction) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mention in extraction.mentions:
        if mention.entity.kind == "event":
            found.setdefault(mention.entity.name, []).append(mention.surface)
    return found


def test_the_talks_of_the_two_ministers_a_story_names_are_one_event_named_after_them():
    extraction = extract(
        passages(
            "Armenian and Iranian foreign ministers meet in Yerevan",
            "Armenian Foreign Minister Ararat Mirzoyan and Iranian Foreign Minister Abbas"
            " Araghchi held talks in Yerevan on Monday, focusing on regional transport links.",
            "During the talks, Mirzoyan said Armenia was ready to open its borders, and Araghchi"
            " said Tehran opposed any change of borders in the region.",
        ),
        language="en",
    )

    talks = {name: said for name, said in events(extraction).items() if "talks" in name}
    assert ["talks", "talks"] == next(iter(talks.values()))
    # Named as the press names it: the surnames the story uses, in the order it names them.
    assert ["Mirzoyan–Araghchi talks in Yerevan"] == list(talks)


def test_a_narrowed_or_named_meeting_is_not_the_principals_talks():
    text = (
        "Ukraine peace talks stalled, the ministers' meeting was postponed, and the next"
        " meeting of the Joint Commission will take place in Hanoi."
    )

    assert [] == list(meeting_nouns(text, "en"))


def test_russian_and_vietnamese_stories_name_their_talks_in_their_own_words():
    russian = extract(
        passages(
            "Лавров и Ван И обсудили ситуацию на Украине",
            "Министр иностранных дел России Сергей Лавров провел переговоры с министром"
            " иностранных дел КНР Ван И в Москве.",
            "По итогам переговоров Сергей Лавров заявил, что стороны договорились расширять"
            " расчеты в национальных валютах.",
        ),
        language="ru",
    )
    vietnamese = extract(
        passages(
            "Bộ trưởng Ngoại giao Bùi Thanh Sơn điện đàm với Ngoại trưởng Singapore",
            "Chiều 15/7, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã điện đàm với Bộ trưởng Ngoại giao"
            " Singapore Vivian Balakrishnan.",
            "Trong cuộc điện đàm, Bộ trưởng Bùi Thanh Sơn đề nghị hai bên tăng cường hợp tác.",
        ),
        language="vi",
    )

    assert {"переговоры", "переговоров"} <= {
        said
        for name, surfaces in events(russian).items()
        if "переговоры" in name
        for said in surfaces
    }
    assert any(
        name.startswith("hội đàm") or name.startswith("điện đàm") or "Bùi Thanh Sơn" in name
        for name in events(vietnamese)
    )
    assert "điện đàm" in {s for surfaces in events(vietnamese).values() for s in surfaces}


def test_a_story_of_one_person_has_no_principals_talks():
    extraction = extract(
        passages(
            "Minister calls for calm",
            "Foreign Minister Penny Wong said on Tuesday that the talks should resume soon.",
        ),
        language="en",
    )

    assert {} == {n: s for n, s in events(extraction).items() if "talks" in n}


def test_a_visit_said_by_its_kind_is_the_visit_of_the_person_named_before_it():
    extraction = extract(
        passages(
            "Iranian foreign minister arrives in Yerevan",
            "Iranian Foreign Minister Abbas Araghchi arrived in Yerevan on Monday on an official"
            " visit, the Armenian Foreign Ministry said.",
            "Araghchi will also meet Prime Minister Nikol Pashinyan.",
        ),
        language="en",
    )

    assert {"Abbas Araghchi's official visit": ["official visit"]} == {
        name: said for name, said in events(extraction).items() if "visit" in name
    }


def test_a_russian_visit_by_its_kind_is_named_in_the_nominative():
    extraction = extract(
        passages(
            "Председатель Национального собрания Вьетнама прибыл в Москву",
            "Председатель Национального собрания Вьетнама Чан Тхань Ман прибыл в Москву с"
            " официальным визитом.",
        ),
        language="ru",
    )

    names = [name for name in events(extraction) if "визит" in name]
    assert 1 == len(names)
    assert names[0].startswith("официальный визит")


def test_a_courtesy_call_is_an_event_with_the_host_inside_and_an_appeal_is_not():
    extraction = extract(
        passages(
            "Cambodia, Vietnam agree to finish land border demarcation",
            "Vietnamese Foreign Minister Bui Thanh Son held talks with Deputy Prime Minister Sok"
            " Chenda Sophea in Phnom Penh on Monday.",
            "Son later paid a courtesy call on Prime Minister Hun Manet at the Peace Palace.",
        ),
        language="en",
    )
    appeal = extract(
        passages(
            "Ministers meet in Suva",
            "Foreign Minister Penny Wong met Deputy Prime Minister Manoa Kamikamica, and the"
            " ministers said it was time to call on President Vladimir Putin to end the war.",
        ),
        language="en",
    )

    calls = {n: s for n, s in events(extraction).items() if "courtesy call" in n}
    assert ["courtesy call on Prime Minister Hun Manet"] == next(iter(calls.values()))
    (name,) = calls
    assert name.endswith("courtesy call on Hun Manet")
    people = {m.entity.name for m in extraction.mentions if m.entity.kind == "person"}
    assert "Hun Manet" in people
    assert not any("courtesy call" in n for n in events(appeal))


def test_talks_keep_a_whole_name_the_press_does_not_shorten_to_a_surname():
    extraction = extract(
        passages(
            "Kenya and Vietnam agree to deepen trade ties",
            "Kenyan Foreign Minister Musalia Mudavadi held talks with Vietnamese Deputy Foreign"
            " Minister Nguyen Minh Hang in Nairobi on Monday.",
            "Mudavadi said Kenya wanted more Vietnamese investment, and Hang said Hanoi would"
            " open a trade office in Nairobi. Mudavadi thanked the Vietnamese delegation.",
        ),
        language="en",
    )

    talks = [name for name in events(extraction) if "talks" in name]
    assert ["Mudavadi–Nguyen Minh Hang talks"] == talks


def test_a_courtesy_call_received_is_the_visitors_call_on_the_host():
    extraction = extract(
        passages(
            "Deputy Prime Minister receives Russian deputy minister",
            "Deputy Prime Minister Prak Sokhonn received a courtesy call of Deputy Foreign"
            " Minister Andrey Rudenko on Monday. Rudenko said Moscow valued the partnership.",
        ),
        language="en",
    )

    assert {"Rudenko's courtesy call on Prak Sokhonn": ["courtesy call"]} == {
        name: said for name, said in events(extraction).items() if "courtesy" in name
    }
