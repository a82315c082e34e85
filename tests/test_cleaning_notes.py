"""Page furniture by its shape: bylines in the head, the outlet's closing notes, paywalls."""

from __future__ import annotations

import pytest

from briefings.cleaning import clean_text, clean_text_with

STORY = [
    "Lisbon and Rabat agree to build a second undersea power cable by 2030",
    "The energy ministers of both countries signed the agreement on Tuesday",
    "Marta Figueiredo",
    "Updated - March 4, 2025 09:12 pm",
    "LISBON - Portugal and Morocco agreed on Tuesday to build a second undersea power"
    " cable across the Strait of Gibraltar, doubling the capacity of the link by 2030.",
    "The two energy ministers said the cable would carry solar power north in summer and"
    " wind power south in winter, and that financing would come from both governments.",
    '"We want the strait to join our grids, not divide them," the Portuguese minister told'
    " reporters after the signing ceremony in Lisbon.",
    "Construction is expected to begin next year once the seabed survey is complete, the"
    " ministers said in a joint statement.",
]


def page(head: list[str], tail: list[str]) -> str:
    return "\n".join(["HARBOUR HERALD", "World", "Europe", *head, *STORY, *tail])


def test_a_byline_name_beside_the_dateline_is_dropped_and_the_headline_kept() -> None:
    clean = clean_text(page([], []))
    assert "Lisbon and Rabat agree to build a second undersea power cable by 2030" == clean.title
    assert "Marta Figueiredo" in [r.text for r in clean.removed]
    assert "Marta Figueiredo" not in " ".join(clean.paragraphs)
    assert clean.paragraphs[-1].startswith("Construction is expected")


def test_a_split_byline_and_a_label_above_the_story_are_dropped_but_the_list_kept() -> None:
    story = [
        *STORY[:2],
        "Marta Figueiredo",
        "in Lisbon",
        "and",
        "Karim Benali",
        "in Rabat",
        "Published: 9:30pm, 4 Mar 2025",
        "Key points:",
        "The cable doubles the capacity of the link between Portugal and Morocco by 2030",
        *STORY[4:],
    ]
    clean = clean_text("\n".join(["HARBOUR HERALD", "World", *story]))
    removed = [r.text for r in clean.removed]
    assert {"in Lisbon", "Key points:"} <= set(removed)
    assert "The cable doubles the capacity of the link between Portugal and Morocco by 2030" in (
        clean.paragraphs
    )


def test_the_outlets_closing_notes_are_dropped_and_the_story_kept() -> None:
    notes = [
        "HARBOUR HERALD delivers trusted reporting on shipping, trade and ports across the"
        " Atlantic to subscribers in forty countries.",
        "Get breaking news alerts directly to your phone with our app.",
        "Note from the editor:",
        "Our newsroom relies on readers like you to stay independent. Become a member today.",
    ]
    clean = clean_text(page([], notes[:2]))
    assert clean.paragraphs[-1].startswith("Construction is expected")
    assert 5 == len(clean.paragraphs)  # the standfirst and the story
    clean = clean_text(page([], notes[2:]))
    assert clean.paragraphs[-1].startswith("Construction is expected")


def test_a_closing_paragraph_with_quoted_we_or_the_us_is_the_storys() -> None:
    ending = [
        '"We will keep the talks going," the minister said, adding that the US and the EU'
        " would be invited to the next round.",
    ]
    clean = clean_text(page([], ending))
    assert clean.paragraphs[-1] == ending[0]


@pytest.mark.parametrize(
    "chrome",
    [
        "Article réservé aux abonnés",
        "Tag: menteri luar negeri, vietnam, batas laut",
        "Từ khóa: Việt Nam, Bồ Đào Nha",
        "Disclaimer: this site republishes content from third-party sources.",
        "Reproduction is permitted provided the source is credited.",
        "Harbour Media Group © 2025",
        "(abc/xyz)",
        "Le Quotidien avec AFP",
        "Our Correspondent",
        "Marta Figueiredo - harbourNews",
        "Publié aujourd'hui à 14h05, modifié à 16h20",
        "This is a cached copy of the original article.",
        "Facebook 42",
        "Comments are moderated and will be posted if they are on-topic and not abusive.",
    ],
)
def test_paywalls_rights_tags_and_desk_marks_by_their_shape(chrome: str) -> None:
    clean = clean_text(page([chrome], []))
    assert chrome in [r.text for r in clean.removed]
    assert 5 == len(clean.paragraphs)  # the standfirst and the story


def test_a_closing_paragraph_before_a_share_count_and_comment_policy_is_kept() -> None:
    ending = [
        "Relations between the two countries were strained last year when a fishing dispute"
        " closed the port of Tangier to Portuguese trawlers for three months.",
        "Facebook 42",
        "Comments are moderated and generally will be posted if they are on-topic.",
    ]
    clean = clean_text(page([], ending))
    assert clean.paragraphs[-1] == ending[0]


def test_a_photo_caption_with_a_position_mark_above_the_story_is_a_caption() -> None:
    caption = (
        "The Portuguese energy minister (left) and his Moroccan counterpart at the signing"
        " ceremony in Lisbon on March 4, 2025."
    )
    clean = clean_text(page([], []).replace("LISBON - ", f"{caption}\nLISBON - "))
    assert caption in clean.captions
    assert caption not in clean.paragraphs


def test_short_lines_left_between_dropped_chrome_below_the_story_are_dropped() -> None:
    tail = [
        "Sign up for Harbour Herald",
        "Weekly Digest",
        "The week in shipping, in five minutes.",
        "E-mail address",
        "Subscribe",
    ]
    clean = clean_text(page([], tail))
    assert clean.paragraphs[-1].startswith("Construction is expected")
    removed = {r.text: r.reason for r in clean.removed}
    assert "navigation" == removed["The week in shipping, in five minutes."]
    assert "Weekly Digest" in removed


def test_a_mixed_case_dateline_of_a_known_place_is_taken_off_the_first_paragraph() -> None:
    story = (
        "Jakarta - Menteri Luar Negeri menerima kunjungan Menteri Luar Negeri Vietnam di"
        " Gedung Pancasila pada Kamis untuk membahas batas zona ekonomi eksklusif."
    )
    clean = clean_text(story)
    assert clean.dateline is not None and "Jakarta" == clean.dateline.place
    assert clean.paragraphs[0].startswith("Menteri Luar Negeri menerima")
    # A name and a dash is no dateline unless the gazetteer knows the place.
    clean = clean_text(story.replace("Jakarta", "Sugiono"))
    assert clean.dateline is None and clean.paragraphs[0].startswith("Sugiono - Menteri")


def test_a_story_read_against_a_menu_kept_above_it_is_no_promo_tail() -> None:
    menu = ["Лента новостей", "Политика", "Экономика", "Международная жизнь", "Регионы"]
    story = [
        "Россия и Лаос договорились расширить сотрудничество в энергетике",
        "3 марта 2025, 14:10",
        "МОСКВА, 3 марта. Министры иностранных дел России и Лаоса провели переговоры в"
        " особняке на Спиридоновке и обсудили сотрудничество в энергетике.",
        "Стороны договорились подготовить к осени соглашение о строительстве"
        " гидроэлектростанции на севере страны и расширить обучение студентов.",
        "Глава лаосского ведомства отметил, что товарооборот между странами за прошлый"
        " год вырос почти на треть и достиг рекордного уровня.",
        "По итогам встречи министры подписали план консультаций на ближайшие два года,"
        " сообщили в пресс-службе министерства.",
    ]
    # The rules alone, as when the classifier is unsure of every line: the story was read
    # against the first three menu words and dropped whole as a promo tail.
    clean = clean_text_with("\n".join([*menu, *story]), None)
    assert not [r for r in clean.removed if r.reason == "promo"]
    assert clean.paragraphs[-1] == story[-1]


def test_a_closing_paraphrase_in_the_first_person_of_a_state_is_the_storys() -> None:
    ending = [
        "He affirmed that our Party and State always attach importance to the traditional"
        " friendship with Portugal and Morocco.",
    ]
    clean = clean_text(page([], ending))
    assert clean.paragraphs[-1] == ending[0]


def test_a_party_mark_in_the_first_paragraph_is_no_photo_position() -> None:
    first = (
        "WASHINGTON - Senator Jane Doe (R) met the Portuguese and Moroccan energy ministers"
        " on Tuesday to discuss the undersea power cable and its financing."
    )
    text = "\n".join(["Senator meets ministers on Atlantic power cable plans", first, *STORY[5:]])
    clean = clean_text(text)
    assert not clean.captions
    assert clean.paragraphs[0].startswith("Senator Jane Doe (R) met")
