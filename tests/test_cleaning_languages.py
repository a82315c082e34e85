"""Cleaning pages of other outlets and languages: sibling languages, wire datelines, titles."""

from __future__ import annotations

import pytest

from briefings.cleaning import clean_text, same_language
from briefings.model import PartialDate

INDONESIAN_PAGE = "\n\n".join(
    [
        "Beranda",
        "Politik",
        "Jakarta (ANTARA) - Menteri Luar Negeri Indonesia menerima kunjungan Menteri Luar"
        " Negeri Malaysia di Gedung Pancasila pada Senin untuk membahas batas maritim kedua"
        " negara.",
        '"Kami sepakat untuk mempercepat perundingan batas laut di Selat Malaka dan Laut'
        ' Sulawesi," kata menteri kepada wartawan setelah pertemuan tersebut.',
        "Kedua menteri juga membahas perlindungan pekerja migran dan kerja sama perdagangan"
        " minyak sawit, yang menjadi perhatian utama kedua negara.",
        "Pertemuan berikutnya dijadwalkan berlangsung di Kuala Lumpur pada akhir tahun ini,"
        " menurut keterangan resmi kementerian.",
    ]
)


def test_an_indonesian_story_langid_reads_as_malay_keeps_every_paragraph() -> None:
    clean = clean_text(INDONESIAN_PAGE)
    assert not [r.text for r in clean.removed if r.reason == "other-language"]
    assert 4 == len([p for p in clean.paragraphs if len(p.split()) > 10])


def test_an_english_paragraph_full_of_pacific_names_is_not_another_language() -> None:
    """langid reads it as Nigerian Pidgin; it is the story's first paragraph."""
    page = (
        "Fiji and New Zealand pledge closer policing ties\n\n"
        "SUVA, Fiji (AP) — Fiji Prime Minister Sitiveni Rabuka and New Zealand Prime Minister "
        "Christopher Luxon held talks in Suva on Saturday, pledging to deepen cooperation on "
        "policing.\n\n"
        "The two prime ministers also discussed climate finance for Pacific island states.\n\n"
        "The two leaders agreed to meet again in Wellington next year.\n"
    )

    first = clean_text(page).paragraphs[0]

    assert first.startswith("Fiji Prime Minister Sitiveni Rabuka")


def test_a_short_english_story_whose_lead_is_all_names_keeps_every_paragraph() -> None:
    """langid reads the lead as Pidgin, and took the whole story for Pidgin: its two plain
    English paragraphs were dropped as another language."""
    story = (
        "Lavrov meets Chinh in Hanoi\n\n"
        "HANOI, May 10, 2023 -- Russian Foreign Minister Sergey Lavrov met Vietnamese Prime "
        "Minister Pham Minh Chinh in Hanoi on Wednesday.\n\n"
        "Lavrov said the two countries would deepen cooperation in education and science.\n\n"
        "The ministers signed five agreements.\n"
    )

    clean = clean_text(story)

    assert "en" == clean.language
    assert clean.paragraphs[-2:] == (
        "Lavrov said the two countries would deepen cooperation in education and science.",
        "The ministers signed five agreements.",
    )


def test_sibling_languages_are_one_language_and_others_are_not() -> None:
    assert same_language("ms", "id")
    assert same_language("hr", "sr")
    assert not same_language("fr", "id")


FRENCH_WIRE_PAGE = "\n\n".join(
    [
        "Le ministre russe des Affaires étrangères en visite au Vietnam",
        "HANOÏ, 27 juillet (RFI) - Le ministre russe des Affaires étrangères a rencontré"
        " samedi son homologue vietnamien pour préparer la visite du président à Hanoï.",
        "Les deux ministres ont évoqué la coopération énergétique et la formation des"
        " étudiants vietnamiens dans les universités russes.",
    ]
)


def test_a_french_wire_dateline_is_metadata_and_not_the_first_sentence() -> None:
    clean = clean_text(FRENCH_WIRE_PAGE)
    assert clean.paragraphs[0].startswith("Le ministre russe des Affaires étrangères a rencontré")
    assert clean.dateline is not None
    assert ("HANOÏ", "RFI") == (clean.dateline.place, clean.dateline.agency)
    assert (7, 27) == (clean.published.month, clean.published.day) if clean.published else False
    assert "RFI" == clean.outlet


FRENCH_PAGE = "\n".join(
    [
        "Nous utilisons des cookies pour mesurer l'audience. En continuant, vous acceptez"
        " leur dépôt sur votre appareil.",
        "Accueil",
        "Monde",
        "Asie",
        "Économie",
        "Hanoï et Moscou signent un accord sur l'énergie nucléaire civile",
        "Publié le : 14/03/2025 - 09:05 Modifié le : 14/03/2025 - 12:40",
        "Par Claire Dubois",
        "Le Vietnam et la Russie ont signé vendredi à Hanoï un accord sur la construction d'un"
        " centre de recherche nucléaire, en présence des deux ministres.",
        "À lire aussi : Le Laos mise sur le rail pour désenclaver son économie",
        "Les deux pays veulent aussi former davantage d'ingénieurs vietnamiens dans les"
        " universités russes au cours des cinq prochaines années.",
    ]
)


def test_a_french_page_loses_its_cookie_notice_menu_dateline_and_byline() -> None:
    clean = clean_text(FRENCH_PAGE)
    assert "Hanoï et Moscou signent un accord sur l'énergie nucléaire civile" == clean.title
    assert 2 == len(clean.paragraphs)
    assert all(p.startswith(("Le Vietnam", "Les deux pays")) for p in clean.paragraphs)
    assert clean.published is not None
    assert (2025, 3, 14) == (clean.published.year, clean.published.month, clean.published.day)


TRANSLATED_PAGE = "\n".join(
    [
        "News",
        "Politics",
        "Politics > Diplomacy",
        'Foreign Minister holds talks with Philippine counterpart... "Expand maritime cooperation"',
        "Reporter Park Min-jun",
        "Input 2025.02.10 09:30 | Modified 2025.02.10 11:02",
        "Foreign Minister held talks with the Philippine Foreign Secretary at the ministry"
        " in Seoul on the 10th and agreed to expand maritime security cooperation.",
        "The two ministers also discussed the supply of patrol vessels and joint training of"
        " coast guard officers, the ministry said in a statement.",
    ]
)


def test_a_machine_translated_page_keeps_its_headline_above_a_reporter_line() -> None:
    clean = clean_text(TRANSLATED_PAGE)
    assert clean.title is not None
    assert clean.title.startswith("Foreign Minister holds talks with Philippine counterpart")
    assert not any("Park Min-jun" in p for p in clean.paragraphs)


RAIL_STORY = [
    "Vietnam, Laos agree to speed up rail link",
    "VIENTIANE — Vietnam and Laos agreed on Tuesday to speed up work on the railway linking"
    " Vientiane with the port of Vung Ang, officials said after talks in the Lao capital.",
    "The two prime ministers also discussed power exports, with Laos planning to sell more"
    " hydropower to Vietnam under a deal signed last year.",
    "Construction is expected to start next year, pending financing from both governments"
    " and private investors.",
]


def test_a_cache_pages_source_stamp_is_dropped_without_naming_the_site() -> None:
    stamp = (
        "have 402 words, post on dailymirror.lk at March 2, 2023. This is a cached page on"
        " World News Mirror. If you want this page removed, please contact us."
    )
    clean = clean_text("\n\n".join([*RAIL_STORY, stamp]))
    assert "Construction is expected" in clean.paragraphs[-1]
    assert [stamp] == [r.text for r in clean.removed if r.reason == "source-stamp"]


def test_a_closing_paragraph_citing_a_website_about_the_story_is_kept() -> None:
    closing = (
        "The full text of the Vientiane railway agreement between Vietnam and Laos was posted"
        " on the government portal chinhphu.vn in March 2024."
    )
    clean = clean_text("\n\n".join([*RAIL_STORY, closing]))
    assert closing == clean.paragraphs[-1]


STORY = [
    "Thailand, Cambodia agree to reopen border crossings",
    "Thailand and Cambodia agreed on Friday to reopen two border crossings closed since the"
    " summer, their foreign ministers said after talks in Bangkok.",
    "The ministers also set up a working group on the demarcation of the disputed stretch"
    " near the Preah Vihear temple, which will meet every three months.",
    "Traders on both sides of the border welcomed the decision, saying the closures had cost"
    " them most of their income since June.",
]


@pytest.mark.parametrize(
    "chrome",
    [
        "by Somchai Rattanakul",
        "By ASEAN Desk/Bangkok Bureau",
        "3 min read",
        "4 min Reading time",
        "Lecture 5 min.",
        "STAFF REPORTER",
        "With reporting by Reuters and Khmer Times",
        "Join our WhatsApp channel for the day's top stories.",
        "Follow Mekong Daily:",
        "You may also be interested in: Laos opens new rail freight route to China",
        "READ: Vietnam's rice exports hit record high",
    ],
)
def test_bylines_reading_times_and_promos_by_their_shape(chrome: str) -> None:
    clean = clean_text("\n\n".join([STORY[0], STORY[1], chrome, *STORY[2:]]))
    assert tuple(STORY[1:]) == clean.paragraphs


def test_an_author_bio_with_one_name_and_no_article_closes_the_story() -> None:
    bio = "Rattanakul is senior regional correspondent at Mekong Daily."
    clean = clean_text("\n\n".join([*STORY, bio]))
    assert tuple(STORY[1:]) == clean.paragraphs


def test_a_headline_glued_to_the_first_line_becomes_the_title() -> None:
    page = "\n\n".join(
        [
            "Home / World / Asia",
            "Mekong Daily Staff / Senior Correspondent",
            "Thailand and Cambodia reopen border crossings after talks BANGKOK — "
            + STORY[1].replace(
                "their foreign ministers said after talks in Bangkok", "officials said"
            ),
            *STORY[2:],
        ]
    )
    clean = clean_text(page)
    assert "Thailand and Cambodia reopen border crossings after talks" == clean.title
    assert clean.dateline is not None
    assert "BANGKOK" == clean.dateline.place
    assert clean.paragraphs[0].startswith("Thailand and Cambodia agreed on Friday")
    assert 3 == len(clean.paragraphs)


def test_a_browser_title_repeated_into_the_first_line_is_cut_off_as_the_title() -> None:
    page = "\n\n".join(
        [
            "Cambodia, Thailand Reopen Border Crossings After Talks - Mekong Daily",
            "World",
            "Asia",
            "Cambodia, Thailand Reopen Border Crossings After Talks Mekong Daily On Friday, "
            + STORY[1],
            *STORY[2:],
        ]
    )
    clean = clean_text(page)
    assert "Cambodia, Thailand Reopen Border Crossings After Talks" == clean.title
    assert ("On Friday, " + STORY[1], *STORY[2:]) == clean.paragraphs


def test_a_headline_printed_twice_is_the_title_once() -> None:
    headline = "Thailand, Cambodia agree to reopen border crossings"
    page = "\n\n".join([f"{headline} | Mekong Daily", "Home", "World", headline, *STORY[1:]])
    clean = clean_text(page)
    assert headline == clean.title
    assert tuple(STORY[1:]) == clean.paragraphs


FRENCH_HEAD_AND_WIRE = """Le Premier ministre cambodgien attendu à Paris la semaine prochaine

Par notre correspondant à Phnom Penh
Publié le 4 décembre 2026 à 10h12

PHNOM PENH, 4 décembre (AFP) - Le Premier ministre cambodgien Hun Manet se rendra à Paris \
la semaine prochaine pour une visite officielle, a annoncé jeudi son ministère des Affaires \
étrangères.

Notre correspondant a pu consulter le programme de la visite, qui prévoit des entretiens sur \
le commerce et l'aide au déminage.
"""


def test_a_french_head_gives_the_year_the_wire_dateline_leaves_out() -> None:
    clean = clean_text(FRENCH_HEAD_AND_WIRE)
    assert clean.published == PartialDate(2026, 12, 4)
    assert clean.dateline is not None and clean.dateline.agency == "AFP"
    # The unnamed byline goes; a sentence about the correspondent stays.
    assert not any(p.startswith("Par notre correspondant") for p in clean.paragraphs)
    assert any(p.startswith("Notre correspondant a pu consulter") for p in clean.paragraphs)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Опубликовано 3 декабря 2026, 14:05", PartialDate(2026, 12, 3)),
        ("Diperbarui 5 Desember 2026 pukul 10.15 WIB", PartialDate(2026, 12, 5)),
        ("Publicado em 4 de dezembro de 2026", PartialDate(2026, 12, 4)),
        ("Publié le 4 décembre 2026 à 10h12", PartialDate(2026, 12, 4)),
    ],
)
def test_head_date_lines_in_other_languages_date_the_page(line: str, expected: PartialDate) -> None:
    page = f"Headline of the story\n\n{line}\n\n{FRENCH_HEAD_AND_WIRE.split(chr(10), 5)[5]}"
    assert clean_text(page).published == expected
