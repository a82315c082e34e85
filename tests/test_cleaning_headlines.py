"""Headlines, captions and page furniture on layouts the rules were not written for: the
headline repeated as the browser title, a cache copy's banner above it, a credit line
without a colon, captions that carry no photo credit, counters of comments and views."""

from __future__ import annotations

from briefings.cleaning import clean_text

HEADLINE = "Japan and Vietnam agree to step up maritime security cooperation"
STORY = [
    "Japanese Foreign Minister Takeshi Iwaya and his Vietnamese counterpart Bui Thanh Son"
    " agreed on Saturday to deepen cooperation on maritime security in the South China Sea.",
    "Meeting in Hanoi, the two ministers said Tokyo would provide two more patrol vessels"
    " to the Vietnam Coast Guard under an official development assistance loan.",
    '"A free and open sea lane is in the interest of every nation in the region," Iwaya'
    " told reporters after the talks, which lasted about two hours.",
    "Son said Vietnam welcomed Japan's support and hoped the two countries would upgrade"
    " defence industry links as part of their comprehensive strategic partnership.",
]


def test_the_headline_repeated_as_the_browser_title_is_the_title_and_the_repeat_chrome() -> None:
    browser_title = f"{HEADLINE} - Diplomacy - Asia - The Morning Ledger"
    text = "\n".join(
        [
            browser_title,
            "The Morning Ledger",
            "Home | World | Asia | Business | Opinion",
            "World > Asia",
            HEADLINE,
            "Saturday 12 Apr 2025",
            *STORY,
        ]
    )
    clean = clean_text(text)
    assert HEADLINE == clean.title
    assert browser_title in [r.text for r in clean.removed]
    assert tuple(STORY) == clean.paragraphs


def test_a_cache_copy_keeps_its_headline_and_loses_its_banner_and_stamp() -> None:
    banner = (
        "You are reading a cached copy of https://www.ledger.com/asia/2025/04/12/japan-vietnam"
        " saved on 12 Apr 2025, and the page may have changed since then."
    )
    stamp = (
        "Cached by pagekeeper.net on 12 Apr 2025 11:02:43 GMT · Original: ledger.com"
        " · pagekeeper has no ties to the publisher of this page."
    )
    text = "\n".join(
        [
            banner,
            "Full page | Text only | Source",
            "The Morning Ledger",
            "Home | World | Asia | Business | Opinion",
            HEADLINE,
            "2025-04-12 10:40",
            *STORY,
            "Related news",
            "Philippines and Japan sign troop access pact",
            stamp,
        ]
    )
    clean = clean_text(text)
    assert HEADLINE == clean.title
    assert tuple(STORY) == clean.paragraphs
    removed = [r.text for r in clean.removed]
    assert banner in removed
    assert stamp in removed


def test_a_headline_above_a_credit_without_a_colon_is_the_title() -> None:
    headline = "Menlu Sugiono Bertemu Menlu Jepang di Sela Pertemuan ASEAN di Manila"
    story = [
        "MANILA - Menteri Luar Negeri Sugiono bertemu dengan Menteri Luar Negeri Jepang"
        " Takeshi Iwaya di sela-sela pertemuan para menteri luar negeri ASEAN, Sabtu.",
        "Kedua menteri membahas kerja sama keamanan maritim, perdagangan dan investasi,"
        " serta rencana kunjungan Perdana Menteri Jepang ke Jakarta pada akhir tahun ini.",
        '"Jepang adalah mitra penting bagi Indonesia di kawasan," kata Sugiono kepada'
        " wartawan setelah pertemuan yang berlangsung sekitar satu jam itu.",
    ]
    text = "\n".join(
        [
            "HARIAN NUSANTARA",
            "News | Nasional | Global | Ekonomi | Olahraga",
            "Global",
            "Harian Nusantara - 12/04/2025, 14:10 WIB",
            headline,
            "Penulis Rina Kartika",
            "Editor Dodi Prasetyo",
            *story,
        ]
    )
    clean = clean_text(text)
    assert headline == clean.title
    assert (story[0].removeprefix("MANILA - "), *story[1:]) == clean.paragraphs
    removed = [r.text for r in clean.removed]
    assert "Penulis Rina Kartika" in removed
    assert "Editor Dodi Prasetyo" in removed


def story_with(*inserted: str, at: int = 2) -> str:
    return "\n".join([HEADLINE, *STORY[:at], *inserted, *STORY[at:]])


def test_a_caption_closed_by_a_photo_courtesy_in_brackets_is_a_caption() -> None:
    caption = (
        "Foreign Minister Bui Thanh Son speaks to reporters in Hanoi on Saturday."
        " (Photo courtesy of the Ministry of Foreign Affairs)"
    )
    clean = clean_text(story_with(caption))
    assert (caption,) == clean.captions
    assert tuple(STORY) == clean.paragraphs


def test_a_file_photo_caption_without_a_credit_is_a_caption() -> None:
    caption = "File photo: Takeshi Iwaya (R) and Bui Thanh Son during talks in Tokyo in 2024."
    clean = clean_text(story_with(caption, at=1))
    assert (caption,) == clean.captions
    assert tuple(STORY) == clean.paragraphs


def test_a_caption_closed_by_the_photographer_and_the_agency_is_a_caption() -> None:
    caption = (
        "Le ministre Bui Thanh Son a accueilli son homologue japonais à Hanoï, samedi."
        " Marie Tremblay La Presse canadienne"
    )
    clean = clean_text(story_with(caption))
    assert (caption,) == clean.captions


def test_counters_ages_and_a_special_envoy_line_in_the_head_are_dropped() -> None:
    head = ["By Linh Tran", "Envoyée spéciale à Hanoï", "Updated 3 hours ago", "14 Comments"]
    clean = clean_text("\n".join([HEADLINE, *head, *STORY, "23 commentaires"]))
    assert HEADLINE == clean.title
    assert tuple(STORY) == clean.paragraphs
    removed = [r.text for r in clean.removed]
    assert {"Envoyée spéciale à Hanoï", "14 Comments", "23 commentaires"} <= set(removed)
    assert "timestamp" == {r.text: r.reason for r in clean.removed}["Updated 3 hours ago"]


def test_a_year_and_a_word_heading_a_section_of_the_story_is_kept() -> None:
    clean = clean_text(story_with("2025 Outlook", at=3))
    assert (*STORY[:3], "2025 Outlook", STORY[3]) == clean.paragraphs


def test_a_breadcrumb_a_site_named_by_its_domain_and_a_closing_rights_line_are_chrome() -> None:
    breadcrumb = "Trang chủ / Thời sự / Ngoại giao"
    rights = "Báo Bình Minh - Cơ quan của Hội Nhà báo. Bản quyền thuộc về Báo Bình Minh."
    clean = clean_text("\n".join(["binhminh.vn", breadcrumb, HEADLINE, *STORY, "(AFP)", rights]))
    assert HEADLINE == clean.title
    assert tuple(STORY) == clean.paragraphs
    removed = {r.text: r.reason for r in clean.removed}
    assert "outlet" == removed["binhminh.vn"]
    assert {breadcrumb, "(AFP)", rights} <= set(removed)


def test_a_byline_name_in_cyrillic_beside_the_date_is_dropped() -> None:
    story = [
        "Министр иностранных дел России Сергей Лавров провел в понедельник переговоры со"
        " своим вьетнамским коллегой Буй Тхань Шоном в Ханое.",
        "Стороны обсудили торговлю, энергетику и сотрудничество в рамках АСЕАН, а также"
        " подготовку визита премьер-министра Вьетнама в Москву.",
        "«Мы высоко ценим сбалансированную позицию Вьетнама», — заявил Лавров журналистам"
        " после переговоров, которые продлились около трех часов.",
    ]
    headline = "Лавров и Буй Тхань Шон обсудили торговлю и энергетику"
    standfirst = "Министры договорились расширить сотрудничество в энергетике и торговле"
    clean = clean_text(
        "\n".join(["Политика", headline, standfirst, "Ирина Соколова", "14 апреля 2025", *story])
    )
    assert headline == clean.title
    assert "Ирина Соколова" in [r.text for r in clean.removed]
    assert (standfirst, *story) == clean.paragraphs


def test_a_wire_dateline_below_the_standfirst_is_taken_off_the_story() -> None:
    standfirst = (
        "The two ministers also agreed to open a direct flight between Tokyo and Da Nang"
        " next year, officials said."
    )
    first = f"Hanoi, Apr 12 (PTI): {STORY[0]}"
    clean = clean_text("\n".join([HEADLINE, standfirst, "12 Apr 2025", first, *STORY[1:]]))
    assert clean.dateline is not None
    assert "PTI" == clean.dateline.agency
    assert (standfirst, *STORY) == clean.paragraphs


RUSSIAN_STORY = [
    "Министр иностранных дел России Сергей Лавров провел в понедельник переговоры с"
    " китайским коллегой Ван И в Пекине.",
    "Стороны обсудили ситуацию на Украине, отношения с США и подготовку саммита ШОС,"
    " сообщили в МИД России.",
    "«Наши позиции по ключевым международным вопросам совпадают», — заявил Лавров"
    " журналистам после переговоров.",
]


def test_a_caption_that_only_names_two_people_between_paragraphs_is_a_caption() -> None:
    caption = "Сергей Лавров и Ван И"
    text = "\n".join(["Политика", "Лавров и Ван И обсудили ситуацию на Украине"])
    clean = clean_text("\n".join([text, *RUSSIAN_STORY[:2], caption, RUSSIAN_STORY[2]]))
    assert (caption,) == clean.captions
    assert tuple(RUSSIAN_STORY) == clean.paragraphs


def test_a_heading_joining_two_matters_between_paragraphs_stays_in_the_story() -> None:
    clean = clean_text(story_with("Trade and Investment", at=2))
    assert () == clean.captions
    assert (*STORY[:2], "Trade and Investment", *STORY[2:]) == clean.paragraphs


def test_an_agency_file_caption_is_a_caption() -> None:
    caption = "FILE - Takeshi Iwaya and Bui Thanh Son at a news conference in Tokyo, 2024."
    clean = clean_text(story_with(caption, at=1))
    assert (caption,) == clean.captions
    assert tuple(STORY) == clean.paragraphs


def test_a_headline_opening_with_a_credit_word_is_no_byline() -> None:
    headline = "Editor Quits Over Leaked Cable Row"
    clean = clean_text("\n".join(["World", headline, *STORY]))
    assert headline == clean.title


def test_a_tagline_above_the_sections_menu_is_the_masthead_not_the_headline() -> None:
    headline = "Chile and Vietnam agree to update their free trade agreement"
    page = "\n".join(
        [
            "Andes Herald",
            "Independent Voice Of The Southern Cone",
            "Home | Chile | Argentina | Peru | Bolivia | Asia-Pacific | Economy | Opinion",
            "Monday, March 10th 2025 - 09:30 UTC",
            headline,
            "Chile's foreign minister said on Monday that Santiago and Hanoi had agreed to start"
            " talks this year on updating the free trade agreement signed in 2011.",
            "The two countries' trade reached 1.8 billion dollars last year, led by copper,"
            " fruit and wine exports from Chile and electronics from Vietnam.",
        ]
    )
    clean = clean_text(page)
    assert headline == clean.title
    assert "Independent Voice Of The Southern Cone" in [r.text for r in clean.removed]


def test_a_headline_above_a_row_of_topics_stays_the_headline() -> None:
    headline = "Vietnam and Russia sign roadmap for energy cooperation to 2030"
    page = "\n".join(
        [
            "Asia Pacific Monitor",
            "Home | World | Asia | Economy | Energy | Opinion | Video",
            "World",
            headline,
            "Vietnam | Russia | Energy | Oil and gas | Nuclear power | Trade",
            "Vietnam and Russia signed a roadmap on Tuesday for cooperation in oil, gas and"
            " nuclear power until 2030, the two governments said after talks in Hanoi.",
            "The roadmap foresees new joint ventures on Vietnam's continental shelf and the"
            " training of Vietnamese engineers in Russian universities.",
        ]
    )
    assert headline == clean_text(page).title
