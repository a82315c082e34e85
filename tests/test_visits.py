"""A visit by one person to one place, as English stories say it (briefings/visits.py)."""

from __future__ import annotations

from briefings.entities import extract
from briefings.model import Extraction, Passage


def passages(title: str, *paragraphs: str) -> list[Passage]:
    return [Passage("title", title), *(Passage("body", p) for p in paragraphs)]


def visits(extraction: Extraction) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mention in extraction.mentions:
        if mention.entity.kind == "event" and "visit" in mention.entity.name:
            found.setdefault(mention.entity.name, []).append(mention.surface)
    return found


def test_a_possessive_visit_is_named_after_its_visitor_and_destination():
    extraction = extract(
        passages(
            "Ministers discuss transit in Tbilisi",
            "Georgian Foreign Minister Maka Botchorishvili held talks with Armenian Foreign"
            " Minister Ararat Mirzoyan in Tbilisi on Tuesday.",
            "Mirzoyan's visit to Tbilisi is his first to Georgia since Botchorishvili took"
            " office. They also discussed Chinese President Xi Jinping's possible visit to"
            " South Korea.",
        ),
        language="en",
    )

    assert {
        "Mirzoyan's visit to Tbilisi": ["Mirzoyan's visit to Tbilisi"],
        "Xi Jinping's visit to South Korea": ["Xi Jinping's possible visit to South Korea"],
    } == visits(extraction)


def test_a_visit_with_its_kind_and_destination_or_its_visitor_after_the_place():
    extraction = extract(
        passages(
            "Kenya and Vietnam deepen ties",
            "Kenyan Foreign Minister Musalia Mudavadi met Vietnamese Deputy Foreign Minister"
            " Nguyen Minh Hang in Nairobi.",
            "Ms Hang, who is on a four-day working visit to Kenya, said Hanoi was ready to share"
            " its experience. The two sides discussed a visit to Vietnam by President William"
            " Ruto next year.",
        ),
        language="en",
    )

    found = visits(extraction)
    assert ["four-day working visit to Kenya"] == found["Nguyen Minh Hang's working visit to Kenya"]
    assert ["visit to Vietnam by President William Ruto"] == found[
        "William Ruto's visit to Vietnam"
    ]


def test_a_planned_visit_is_the_visit_of_the_clause_s_subject():
    extraction = extract(
        passages(
            "Poland pledges more air defence to Ukraine",
            "Ukrainian President Volodymyr Zelensky thanked allies, while Polish President"
            " Andrzej Duda is expected to visit Kyiv in December.",
        ),
        language="en",
    )

    assert {"Andrzej Duda's visit to Kyiv": ["visit Kyiv"]} == visits(extraction)


def test_an_invitation_to_visit_is_not_yet_a_visit():
    extraction = extract(
        passages(
            "Iran and Russia discuss consultations",
            "Iranian Foreign Minister Abbas Araghchi also invited Russian Foreign Minister Sergey"
            " Lavrov to visit Tehran for the next round of consultations.",
        ),
        language="en",
    )

    assert {} == visits(extraction)
