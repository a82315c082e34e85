"""A principal receiving another as an event (briefings/receptions.py)."""

from __future__ import annotations

from briefings.entities import extract
from briefings.model import Extraction, Passage


def passages(title: str, *paragraphs: str) -> list[Passage]:
    return [Passage("title", title), *(Passage("body", p) for p in paragraphs)]


def events(extraction: Extraction) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mention in extraction.mentions:
        if mention.entity.kind == "event":
            found.setdefault(mention.entity.name, []).append(mention.surface)
    return found


def test_a_prime_minister_receiving_the_visiting_minister_is_an_event_beside_the_talks():
    extraction = extract(
        passages(
            "Georgian and Armenian foreign ministers meet in Tbilisi",
            "Georgian Foreign Minister Maka Botchorishvili held talks with Armenian Foreign"
            " Minister Ararat Mirzoyan in Tbilisi on Tuesday.",
            "Botchorishvili said Georgia was ready to expand transit. Mirzoyan thanked her.",
            "Later in the day, Prime Minister of Georgia Irakli Kobakhidze received Ararat"
            " Mirzoyan.",
        ),
        language="en",
    )

    found = events(extraction)
    assert ["Irakli Kobakhidze received Ararat Mirzoyan"] == found[
        "Irakli Kobakhidze receives Ararat Mirzoyan"
    ]
    assert any("talks" in name for name in found)
    # Both people keep their own mentions inside the event's.
    people = [m.surface for m in extraction.mentions if m.entity.kind == "person"]
    assert {"Irakli Kobakhidze", "Ararat Mirzoyan"} <= set(people)


def test_a_visitor_received_by_a_president_in_russian_is_named_host_first():
    extraction = extract(
        passages(
            "Глава МИД Китая прибыл в Ташкент",
            "Министр иностранных дел Узбекистана Бахтиёр Саидов встретился с министром"
            " иностранных дел Китая Ван И.",
            "Позднее Ван И был принят президентом Шавкатом Мирзиёевым.",
        ),
        language="ru",
    )

    receptions = {n: s for n, s in events(extraction).items() if "принимает" in n}
    assert [["Ван И был принят президентом Шавкатом Мирзиёевым"]] == list(receptions.values())
    (name,) = receptions
    assert name.endswith("принимает Wang Yi")


def test_a_vietnamese_reception_takes_its_noun_as_a_mention():
    extraction = extract(
        passages(
            "Bộ trưởng Lê Hoài Trung tiếp Đại sứ Trung Quốc Hà Vĩ",
            "Chiều 13/11, Bộ trưởng Ngoại giao Lê Hoài Trung đã tiếp Đại sứ Trung Quốc Hà Vĩ"
            " đến chào xã giao.",
            "Tại buổi tiếp, hai bên trao đổi về quan hệ song phương.",
        ),
        language="vi",
    )

    found = events(extraction)
    assert "buổi tiếp" in found.get("Lê Hoài Trung tiếp Hà Vĩ", [])


def test_receiving_a_letter_or_an_award_is_no_reception():
    extraction = extract(
        passages(
            "Minister thanks partners",
            "Foreign Minister Penny Wong received a letter from the Pacific Islands Forum on"
            " Monday, and Prime Minister Anthony Albanese said Australia would answer it.",
        ),
        language="en",
    )

    assert {} == {n: s for n, s in events(extraction).items() if "receives" in n}
