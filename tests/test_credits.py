"""Agencies and outlets that sign a story — in its wire dateline, a photo credit, the tag
opening its first paragraph — are organisations it names; photographers and a government's
own press office are not."""

from __future__ import annotations

from briefings.cleaning import clean_text
from briefings.credits import credited_outlets, dateline_outlets, opening_outlet
from briefings.entities import extract
from briefings.model import Passage


def _organisations(passages: list[Passage], language: str) -> list[str]:
    extraction = extract(passages, None, language)
    return [m.surface for m in extraction.mentions if m.entity.kind == "organization"]


def test_an_agency_after_a_datelines_place_is_found_in_any_form() -> None:
    found = {
        text: [text[s:e] for s, e in dateline_outlets(text, frozenset())]
        for text in (
            "ASTANA. KAZINFORM –",
            "Москва. 3 июля. INTERFAX.RU -",
            "KUALA LUMPUR, KOMPAS.com -",
            "HÀ NỘI, 16/10 (TTXVN) -",
            "MOSCOW, December 5. /TASS/.",
            "TEHRAN –",
        )
    }

    assert {
        "ASTANA. KAZINFORM –": ["KAZINFORM"],
        "Москва. 3 июля. INTERFAX.RU -": ["INTERFAX.RU"],
        "KUALA LUMPUR, KOMPAS.com -": ["KOMPAS.com"],
        "HÀ NỘI, 16/10 (TTXVN) -": ["TTXVN"],
        "MOSCOW, December 5. /TASS/.": ["TASS"],
        "TEHRAN –": [],
    } == found


def test_a_caption_credits_the_agency_not_the_photographer_or_a_press_office() -> None:
    captions = {
        "Araghchi and Lavrov meet in Tehran in December 2024 (file photo). Photo: IRNA": ["IRNA"],
        "Marko Đurić and Hakan Fidan Photo: Tanjug/Dimitrije Goll": ["Tanjug"],
        "Cassis accueille Lavrov au Palazzo dei Congressi. [Alessandro Crinari - Keystone-ATS]": [
            "Keystone-ATS"
        ],
        "Le ministre chinois des Affaires étrangères, Wang Yi, à Pékin. (Photo APS)": ["APS"],
        "Phó thủ tướng Bùi Thanh Sơn và Ngoại trưởng Nga tại Moskva. Ảnh: BNG": [],
        "Foreign Minister Werthein at the Mercosur summit in Montevideo. | Foto: Presidencia": [],
        "Кожемяко и посол Китая. Фото: пресс-служба правительства Приморского края": [],
        "Jaishankar with Lavrov in Moscow. Photo: John Smith": [],
    }

    found = {
        caption: [caption[s:e] for s, e in credited_outlets(caption, frozenset())]
        for caption in captions
    }

    assert captions == found


def test_an_outlets_tag_opens_the_story_alone_or_after_its_place_but_a_place_is_none() -> None:
    openings = [
        "VOV.VN - Chiều 6/3, Phó Thủ tướng Bùi Thanh Sơn đã điện đàm với Vương Nghị.",
        "TEMPO.CO, Jakarta - Menteri Luar Negeri Sugiono bertemu dengan Wang Yi.",
        "KUALA LUMPUR, KOMPAS.com - Menteri Luar Negeri Sugiono bertemu Sergey Lavrov.",
        "ВЛАДИВОСТОК, 5 декабря, PrimaMedia. Губернатор Приморского края встретился с послом.",
        "HANOI - The two ministers met on Monday.",
        "HANOI, Vietnam - The two ministers met on Monday.",
    ]

    spans = [opening_outlet(text) for text in openings]
    found = [
        text[span[0] : span[1]] if span else None
        for text, span in zip(openings, spans, strict=True)
    ]

    assert ["VOV.VN", "TEMPO.CO", "KOMPAS.com", "PrimaMedia", None, None] == found


def test_a_wire_story_names_its_agency_from_dateline_and_credit() -> None:
    page = (
        "Lavrov, Nurtleu agree to step up work on Caspian transit\n\n"
        "ASTANA. KAZINFORM – Foreign Minister of Kazakhstan Murat Nurtleu held talks with "
        "Russian Foreign Minister Sergey Lavrov, who arrived in Astana on a working visit.\n\n"
        "The ministers reviewed the implementation of agreements reached at the highest level "
        "and discussed the schedule of bilateral contacts for the rest of the year.\n"
    )
    cleaned = clean_text(page)

    assert "KAZINFORM" in _organisations(list(cleaned.passages), "en")


def test_an_indonesian_outlets_tag_is_an_organisation() -> None:
    passages = [
        Passage("title", "Menlu Sugiono Bertemu Wang Yi di Beijing"),
        Passage(
            "body",
            "TEMPO.CO, Jakarta - Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri "
            "Cina Wang Yi di Beijing pada Rabu, 21 Mei 2025.",
        ),
    ]

    assert "TEMPO.CO" in _organisations(passages, "id")


def test_a_photographer_in_a_credit_is_no_person_of_the_story() -> None:
    passages = [
        Passage("title", "Ignazio Cassis s'est entretenu avec Sergueï Lavrov à Lugano"),
        Passage(
            "caption",
            "Le conseiller fédéral Ignazio Cassis accueille Sergueï Lavrov au Palazzo dei "
            "Congressi de Lugano. [Alessandro Crinari - Keystone-ATS]",
        ),
    ]

    extraction = extract(passages, None, "fr")
    people = {m.entity.name for m in extraction.mentions if m.entity.kind == "person"}

    assert "Alessandro Crinari" not in people
    assert {"Ignazio Cassis"} <= people
    assert "Keystone-ATS" in _organisations(passages, "fr")


def test_an_outlet_signing_in_brackets_or_by_its_domain_is_an_organisation() -> None:
    opening = (
        "Hanoi, Dec 3 (IANS) Sri Lanka's Foreign Minister Vijitha Herath on Tuesday held talks "
        "with Vietnamese Foreign Minister Bui Thanh Son in Hanoi."
    )
    tagged = "(Chinhphu.vn) - Chiều 27/12, Phó Thủ tướng Bùi Thanh Sơn đã điện đàm."
    running = "Об этом 24.kg сообщили в пресс-службе внешнеполитического ведомства."
    picture = "La photo egmont.jpg montre le palais."

    assert ["IANS"] == _organisations([Passage("body", opening)], "en")
    assert ["Chinhphu.vn"] == _organisations([Passage("body", tagged)], "vi")
    assert ["24.kg"] == _organisations([Passage("body", running)], "ru")
    assert [] == _organisations([Passage("body", picture)], "fr")


def test_a_captions_closing_agency_acronym_is_an_outlet() -> None:
    captions = [
        "Sok Chenda Sophea (right) shakes hands with Bui Thanh Son in Phnom Penh. AKP",
        "Anura Kumara Dissanayake is expected to visit Vietnam in 2025. (IANS)",
        "Foreign Minister Sugiono receives his Thai counterpart in Jakarta. (Dok. Kemlu RI)",
        "The two ministers before their talks. (MFA)",
    ]

    found = [_organisations([Passage("caption", text)], "en") for text in captions]

    assert [["AKP"], ["IANS"], [], []] == found
