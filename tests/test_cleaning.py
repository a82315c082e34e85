"""The plain-text cleaner on the seed articles and on small hand-made texts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from briefings.cleaning import clean_text
from briefings.datelines import read_wire_dateline
from briefings.model import CleanText, PartialDate

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"

STORY = [
    "Vietnam and Russia agreed on Monday in Hanoi to expand trade in energy and farm produce.",
    "Foreign Minister Bui Thanh Son met his Russian counterpart Sergey Lavrov in Hanoi.",
    "Lavrov said Moscow valued Vietnam's balanced position on international disputes.",
    "The ministers also discussed cooperation within ASEAN-led mechanisms.",
]


@cache
def seed(prefix: str) -> CleanText:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return clean_text(path.read_text(encoding="utf-8"))


def seed_lines(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    lines = (
        re.sub(r"\s+", " ", line).strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return [line for line in lines if line]


def reasons(result: CleanText) -> dict[str, str]:
    return {removed.text: removed.reason for removed in result.removed}


def test_seed_000_keeps_title_standfirst_and_every_story_line() -> None:
    result = seed("000")
    lines = seed_lines("000")
    assert (
        "Russia asked to open humanitarian corridors for Vietnamese people in Ukraine"
        == result.title
    )
    assert lines[1:3] == list(result.paragraphs[:2])
    assert [lines[1], lines[2], *lines[4:13]] == list(result.paragraphs)


def test_seed_000_drops_other_news_and_trending_lists() -> None:
    result = seed("000")
    removed = reasons(result)
    assert "related-links" == removed["Other News"]
    assert "related-links" == removed["Trending"]
    assert "related-links" == removed["- Vietnam news in brief - January 6"]
    assert "related-links" == removed["Hanoi Tourism: Paving the way for sustainable development"]
    assert not any(p.startswith(("-", "Vietnam news in brief")) for p in result.paragraphs)


def test_seed_001_has_outlet_and_dateline_but_no_title() -> None:
    result = seed("001")
    assert result.title is None
    assert "THE ASSOCIATED PRESS" == result.outlet
    assert PartialDate(2022, 7, 7) == result.published
    assert "July 7, 2022 at 12:40 JST" == result.published_text
    assert result.paragraphs[0].startswith("Russian Foreign Minister Sergey Lavrov visited")
    assert result.dateline is not None
    assert "HANOI" == result.dateline.place


def test_seed_001_drops_promo_blurbs_after_the_story() -> None:
    result = seed("001")
    promo = [r.text for r in result.removed if r.reason == "promo"]
    assert seed_lines("001")[11:] == promo
    assert result.paragraphs[-1].startswith("Lavrov was to leave Vietnam later Wednesday")


def test_seed_002_drops_vietnamese_sidebar_and_chrome() -> None:
    result = seed("002")
    removed = reasons(result)
    assert "Vietnam enhances diplomatic ties with China, ASEAN neighbors" == result.title
    assert "site-chrome" == removed["Logo"]
    assert "navigation" == removed["Đăng ký ấn phẩm|Đăng nhập"]
    assert "site-chrome" == removed["BÌNH LUẬN (0)"]
    assert "other-language" == removed["Hà Nội: tăng cường xử phạt vi phạm trông giữ xe"]
    assert "timestamp" == removed["28/01/2025 | 10:56"]
    assert "site-chrome" == removed["Tin tài trợ"]
    assert result.paragraphs[-1].startswith("Defense ties between Vietnam and Cambodia")
    assert "en" == result.language


def test_seed_002_captions_are_kept_apart() -> None:
    result = seed("002")
    assert 3 == len(result.captions)
    assert all(caption.endswith(("Photo: VNA", "Photo: MoFA")) for caption in result.captions)
    assert not any("Photo:" in paragraph for paragraph in result.paragraphs)


def test_seed_003_repeated_caption_is_kept_once() -> None:
    result = seed("003")
    assert "Vietnamese, Russian FMs seek to step up ties" == result.title
    assert ("At the talks (Credit: VNA)",) == result.captions
    assert "duplicate" == reasons(result)["At the talks (Credit: VNA)"]


def test_seed_004_dateline_caption_and_sign_off() -> None:
    result = seed("004")
    assert result.title is None
    assert PartialDate(2021, 7, 7) == result.published
    assert "date 2021-07-07" == result.published_text
    assert result.captions[0].startswith("The Special ASEAN-Russia Foreign Ministers’ Meeting held")
    assert "VNS" == result.outlet
    last = (
        "Participants reiterated the importance of maintaining peace and stability,"
        " ensuring security and safety in the region."
    )
    assert last == result.paragraphs[-1]


def test_seed_004_english_with_vietnamese_names_is_body() -> None:
    result = seed("004")
    assert result.paragraphs[0].startswith("Vietnamese Minister of Foreign Affairs Bùi Thanh Sơn")
    assert result.dateline is not None
    assert "HÀ NỘI" == result.dateline.place
    assert 15 == len(result.paragraphs)
    assert not [r for r in result.removed if r.reason == "other-language"]


def test_every_seed_story_sentence_survives() -> None:
    documents = json.loads(
        (ROOT / "benchmarks/labels/boilerplate.json").read_text(encoding="utf-8")
    )
    for document in documents["documents"]:
        if "seed" not in document:
            continue
        body = " ".join(seed(document["seed"][:3]).paragraphs)
        for label, line in document["lines"]:
            if label == "body":
                # The opening wire dateline ("HÀ NỘI — ") is kept as metadata, off the text.
                sentence = read_wire_dateline(re.sub(r"\s+", " ", line))[1]
                assert re.sub(r"\s*— VNS$", "", sentence) in body


def test_empty_text() -> None:
    assert CleanText(title=None, paragraphs=()) == clean_text("")
    assert CleanText(title=None, paragraphs=()) == clean_text(" \n\n \t\n")


def test_text_with_only_chrome() -> None:
    result = clean_text("Logo\nSign in | Register\nShare\nPrint\nAdvertisement\nComments (3)")
    assert result.title is None
    assert () == result.paragraphs
    assert 6 == len(result.removed)


def test_single_paragraph_is_body_not_title() -> None:
    result = clean_text(STORY[0])
    assert result.title is None
    assert (STORY[0],) == result.paragraphs


def test_windows_line_endings_and_blank_lines() -> None:
    text = "\r\n\r\n".join(["Vietnam and Russia expand trade ties", *STORY])
    result = clean_text(text)
    assert "Vietnam and Russia expand trade ties" == result.title
    assert tuple(STORY) == result.paragraphs


def test_trending_inside_a_sentence_is_body() -> None:
    sentence = "Trending on social media, the talks drew criticism from activists in the region."
    result = clean_text("\n".join([*STORY[:2], sentence, *STORY[2:]]))
    assert sentence in result.paragraphs
    assert 5 == len(result.paragraphs)


def test_related_header_stops_at_the_next_paragraph() -> None:
    text = "\n".join([*STORY[:2], "Related", "- Vietnam, Laos sign deal", *STORY[2:]])
    result = clean_text(text)
    assert tuple(STORY) == result.paragraphs
    assert {"Related": "related-links", "- Vietnam, Laos sign deal": "related-links"} == reasons(
        result
    )


def test_common_english_chrome_lines() -> None:
    chrome = [
        "Read more: Vietnam hosts ASEAN ministers",
        "Follow us on Twitter",
        "Advertisement",
        "Sign in | Register",
        "Copyright 2024 Example News. All rights reserved.",
    ]
    result = clean_text("\n\n".join([STORY[0], *chrome, *STORY[1:]]))
    assert tuple(STORY) == result.paragraphs
    assert chrome == [removed.text for removed in result.removed]


def test_french_sidebar_is_other_language() -> None:
    sidebar = [
        "Le président français reçoit le Premier ministre vietnamien à l'Élysée mardi soir",
        "La coopération franco-vietnamienne dans l'enseignement supérieur progresse encore",
    ]
    result = clean_text("\n\n".join([*STORY, *sidebar]))
    assert tuple(STORY) == result.paragraphs
    assert ["other-language", "other-language"] == [r.reason for r in result.removed]


def test_a_line_langid_reads_as_english_parts_two_foreign_lines() -> None:
    # Too few function words to pass as English prose: only langid can tell.
    english = "Vietnamese exports surged strongly during recent months, officials reported Tuesday"
    french = [
        "Le président français reçoit le Premier ministre vietnamien à l'Élysée mardi soir",
        "La coopération franco-vietnamienne dans l'enseignement supérieur progresse encore",
    ]
    lines = [*STORY[:2], french[0], english, french[1], *STORY[2:]]
    result = clean_text("\n\n".join(lines))
    assert tuple(lines) == result.paragraphs
    together = clean_text("\n\n".join([*STORY[:2], *french, *STORY[2:]]))
    assert ["other-language", "other-language"] == [r.reason for r in together.removed]


def test_a_lone_foreign_name_line_is_kept() -> None:
    result = clean_text("\n".join([*STORY[:2], "Phạm Minh Chính and Bùi Thanh Sơn", *STORY[2:]]))
    assert "Phạm Minh Chính and Bùi Thanh Sơn" in result.paragraphs


def test_short_generic_last_paragraph_is_kept() -> None:
    result = clean_text("\n".join([*STORY, "More details to follow."]))
    assert "More details to follow." == result.paragraphs[-1]


def test_unrelated_blurbs_after_a_sign_off_are_promo() -> None:
    story = [*STORY[:-1], STORY[-1] + " — VNS"]
    result = clean_text("\n".join([*story, "Our weekly podcast explores jazz in New Orleans."]))
    assert tuple(STORY) == result.paragraphs
    assert "VNS" == result.outlet
    assert "promo" == reasons(result)["Our weekly podcast explores jazz in New Orleans."]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "Vietnam and Russia agreed on Monday to\nexpand trade in energy.\n\nThey met in Hanoi."
    result = clean_text(text)
    assert (
        "Vietnam and Russia agreed on Monday to expand trade in energy.",
        "They met in Hanoi.",
    ) == result.paragraphs


def test_agency_in_dateline_is_the_outlet() -> None:
    result = clean_text(
        "\n".join(["HANOI (Reuters) - " + STORY[0].removeprefix("HANOI — "), *STORY[1:]])
    )
    assert "Reuters" == result.outlet


def test_language_of_a_french_article() -> None:
    text = (
        "Le ministre vietnamien des Affaires étrangères a rencontré son homologue russe à Moscou. "
        "Les deux pays ont convenu de renforcer leur coopération dans le domaine de l'énergie."
    )
    assert "fr" == clean_text(text).language


def test_evaluation_scores() -> None:
    run = subprocess.run(
        [sys.executable, "benchmarks/eval_cleaning.py", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(run.stdout)
    assert 1.0 == scores["seeds"]["body_recall"]
    assert scores["overall"]["boilerplate_recall"] >= 0.95
    assert scores["overall"]["boilerplate_precision"] >= 0.95
    assert 1.0 == scores["overall"]["body_recall"]
    assert scores["overall"]["title_accuracy"] >= 0.95
    assert scores["overall"]["caption_recall"] >= 0.95


def test_evaluation_lists_the_lines_put_in_the_wrong_place() -> None:
    from benchmarks.eval_cleaning import errors

    labelled = [("boilerplate", "Home | World | Asia"), ("title", HEADLINE)]
    labelled += [("body", line) for line in STORY] + [("caption", "Share this article")]
    listed = errors(labelled, clean_text("\n".join(text for _, text in labelled)))
    assert 1 == len(listed)
    assert ["caption", "→", "removed", "Share", "this", "article"] == listed[0].split()


def test_background_paragraphs_at_the_end_are_kept() -> None:
    background = [
        "Electricity demand has soared in recent years as manufacturing expands.",
        "Several blackouts hit northern factories last summer.",
        "Officials say new capacity is urgently needed.",
    ]
    result = clean_text("\n".join([*STORY, *background]))
    assert (*STORY, *background) == result.paragraphs


def test_headline_like_blurbs_after_the_story_are_promo() -> None:
    blurbs = [
        "Our weekly podcast takes you behind the kitchen doors of famous restaurants.",
        "Gadget reviews and deals, delivered to your inbox every Friday",
        "A photo essay on life along the Danube, from the Black Forest to the Black Sea",
    ]
    result = clean_text("\n".join([*STORY, *blurbs]))
    assert tuple(STORY) == result.paragraphs
    assert blurbs == [r.text for r in result.removed if r.reason == "promo"]


def test_sidebar_in_another_script_is_other_language() -> None:
    sidebar = ["热门新闻", "中国外交部长会见越南副总理", "越南经济增长超过预期"]
    result = clean_text("\n\n".join([*STORY, *sidebar]))
    assert tuple(STORY) == result.paragraphs
    assert 3 * ["other-language"] == [r.reason for r in result.removed]


def test_caption_with_photo_courtesy_credit() -> None:
    caption = "The signing ceremony in Hanoi. Photo courtesy of the Foreign Ministry"
    result = clean_text("\n".join([*STORY[:2], caption, *STORY[2:]]))
    assert (caption,) == result.captions
    assert tuple(STORY) == result.paragraphs


def test_bare_timestamps_below_the_head_are_dropped() -> None:
    result = clean_text("\n".join([*STORY, "Last updated: March 4, 2024"]))
    assert tuple(STORY) == result.paragraphs
    assert {"Last updated: March 4, 2024": "timestamp"} == reasons(result)


def test_tags_block_is_dropped() -> None:
    result = clean_text("\n\n".join([*STORY, "Tags:", "Vietnam", "Russia", "Diplomacy"]))
    assert tuple(STORY) == result.paragraphs
    assert 4 * ["related-links"] == [r.reason for r in result.removed]


def test_body_list_items_without_a_header_are_kept() -> None:
    items = ["- a memorandum on energy transition", "- a loan for the Hanoi metro line"]
    text = "\n".join([STORY[0], "They signed two agreements:", *items, *STORY[1:]])
    assert (STORY[0], "They signed two agreements:", *items, *STORY[1:]) == clean_text(
        text
    ).paragraphs


HEADLINE = "Vietnam and Russia agree to expand energy trade"

WIRE_CAPTIONS = [
    "Son and Lavrov shake hands before their talks in Hanoi. (Kyodo)",
    "Son and Lavrov shake hands before their talks in Hanoi. (Xinhua/Kaikeo Saiyasane)",
    "Son and Lavrov shake hands before their talks in Hanoi. REUTERS/Eloisa Lopez/Pool",
    "Son and Lavrov shake hands before their talks in Hanoi [Bashar Taleb/AFP]",
    "Son and Lavrov shake hands before their talks in Hanoi © Gavriil Grigorov/POOL/TASS",
    "Son and Lavrov shake hands in Hanoi (March 3, 2024). ANTARA FOTO/Aprillio Akbar/nym.",
    "Son and Lavrov shake hands before their talks in Hanoi. AFP PHOTO / Nhac Nguyen",
    "Son and Lavrov shake hands before their talks in Hanoi. Photograph: Nhac Nguyen/AFP",
]


@pytest.mark.parametrize("caption", WIRE_CAPTIONS)
def test_caption_closed_by_a_wire_credit(caption: str) -> None:
    result = clean_text("\n".join([*STORY[:2], caption, *STORY[2:]]))
    assert (caption,) == result.captions
    assert tuple(STORY) == result.paragraphs


@pytest.mark.parametrize("credit", ["Photo: Xinhua", "REUTERS/Eloisa Lopez", "(Kyodo)"])
def test_a_bare_credit_is_chrome_not_a_caption(credit: str) -> None:
    result = clean_text("\n".join([*STORY[:2], credit, *STORY[2:]]))
    assert () == result.captions
    assert {credit: "photo-credit"} == reasons(result)


def test_a_sentence_ending_in_an_agency_name_is_body() -> None:
    line = "The figures were first reported by Reuters."
    assert (*STORY, line) == clean_text("\n".join([*STORY, line])).paragraphs


def test_clutter_above_the_headline_is_dropped() -> None:
    clutter = ["Skip links", "U.S. News", "Russian Politics & Diplomacy", "Home > World > Asia"]
    result = clean_text("\n".join([*clutter, HEADLINE, *STORY]))
    assert HEADLINE == result.title
    assert tuple(STORY) == result.paragraphs
    assert set(clutter) == set(reasons(result))


def test_menu_words_above_the_headline_are_not_a_related_block() -> None:
    result = clean_text("\n".join(["Latest", "Politics", "World", HEADLINE, *STORY]))
    assert HEADLINE == result.title
    assert tuple(STORY) == result.paragraphs


def test_standfirst_without_a_period_stays_body() -> None:
    standfirst = "The two ministers also discussed education and transport, the Kremlin said"
    result = clean_text("\n".join(["World", HEADLINE, standfirst, *STORY]))
    assert HEADLINE == result.title
    assert (standfirst, *STORY) == result.paragraphs


def test_short_lines_are_not_a_title() -> None:
    result = clean_text("\n".join(["Vietnam", *STORY]))
    assert result.title is None


@pytest.mark.parametrize("button", ["X", "Linkedin", "Copy", "Copy link", "WhatsApp", "Telegram"])
def test_share_buttons(button: str) -> None:
    result = clean_text("\n".join([*STORY, "Share", button]))
    assert tuple(STORY) == result.paragraphs


@pytest.mark.parametrize(
    "tail",
    [
        "Related news: Vietnam, Laos agree on new border crossing",
        "Reporter: Yashinta Difa Pramudyani",
        "Editor: huaxia",
        "Edited by Rahmad Nasution",
        "Associated Press writer Jerry Harmer in Bangkok contributed to this report.",
        "Tags: Vietnam, Russia, energy",
        "==Kyodo",
    ],
)
def test_tail_credits_and_links_are_dropped(tail: str) -> None:
    assert tuple(STORY) == clean_text("\n".join([*STORY, tail])).paragraphs


def test_author_bio_and_tag_words_after_the_story() -> None:
    bio = "Edith M. Lederer is the AP's chief U.N. correspondent and covers the U.N."
    result = clean_text("\n".join([*STORY, bio, "Mercosur", "Lula"]))
    assert tuple(STORY) == result.paragraphs
    assert () == result.captions
    assert {bio: "author-bio", "Mercosur": "navigation", "Lula": "navigation"} == reasons(result)


@pytest.mark.parametrize(
    "dateline",
    [
        "March 3, 2024",
        "Published 10:32 AM GMT+7, March 3, 2024",
        "Updated: 03 Mar 2024 14:20",
        "March 3, 2024 | 10:15 AM",
        "3 March 2024 17:05 (GMT+07:00)",
        "Sun 3 Mar 2024 09.45 GMT",
        "2024-03-03 09:45:00",
        "KYODO NEWS - Mar 3, 2024 - 10:15 | World",
        "Source: Xinhua | 2024-03-03 09:45:00 | Editor: huaxia",
        "Published On 3 Mar 20243 Mar 2024",
        "March 3, 20242:15 PM GMT+8Updated 3 hours ago",
        "Brussels, 3 March 2024",
    ],
)
def test_publication_date_in_any_head_layout(dateline: str) -> None:
    result = clean_text("\n".join(["World", HEADLINE, dateline, *STORY]))
    assert PartialDate(2024, 3, 3) == result.published
    assert HEADLINE == result.title
    assert tuple(STORY) == result.paragraphs


def test_dateline_above_the_headline_counts() -> None:
    result = clean_text("\n".join(["Sun 3 Mar 2024 09.45 GMT", HEADLINE, *STORY]))
    assert PartialDate(2024, 3, 3) == result.published
    assert HEADLINE == result.title


def test_a_date_in_a_headline_or_sentence_is_not_the_dateline() -> None:
    headline = "Lavrov and Son met in Hanoi on March 3, 2024"
    sentence = "The ministers signed the agreement in Hanoi on March 3, 2024."
    result = clean_text("\n".join([headline, sentence, *STORY]))
    assert result.published is None
    assert headline == result.title
    assert (sentence, *STORY) == result.paragraphs


@pytest.mark.parametrize(
    "credit",
    [
        "--fotoBERNAMA (2024) COPYRIGHT RESERVED",
        "(Photo: Yonhap)",
        "File photo",
        "Photo by Lee Jin-man via Getty Images",
        "Abdul Majeed/Anadolu",
        "( Dursun Aydemir - Anadolu Agency )",
        "Image: Soeren Stache/dpa/picture alliance",
        "SOURCE: Ministry of Foreign Affairs",
        "—PPA POOL",
    ],
)
def test_a_line_closed_by_a_credit_is_a_caption(credit: str) -> None:
    caption = f"Ministers meet in the capital on Monday. {credit}"
    text = f"Ministers meet for talks\n\n{caption}\n\n{WIRE_STORY}"
    assert (caption,) == clean_text(text).captions


WIRE_STORY = (
    "The foreign ministers of the two countries met on Monday to discuss trade, security and"
    " the situation in the region, officials said after the talks."
)


@pytest.mark.parametrize(
    "sign_off",
    [
        "-- BERNAMA",
        "(END)",
        "(2nd LD)",
        "/AA/",
        "mf/wd (Reuters, AFP, dpa)",
        "(FRANCE 24 with AFP)",
        "(Reporting by Asif Shahzad in Islamabad; Editing by Alex Richardson)",
    ],
)
def test_wire_sign_offs_are_removed(sign_off: str) -> None:
    assert (WIRE_STORY,) == clean_text(f"{WIRE_STORY}\n\n{sign_off}").paragraphs


def test_a_menu_opening_a_page_without_headline_is_dropped() -> None:
    text = f"Malaysia\n\nSingapore\n\nWorld\n\nLife & Style\n\n{WIRE_STORY}"
    assert (WIRE_STORY,) == clean_text(text).paragraphs


def test_a_closing_paragraph_naming_someone_from_the_story_is_never_a_promo() -> None:
    text = (
        "Pact signed in Port Vila\n\n"
        "Foreign Minister Penny Wong and Prime Minister Charlot Salwai signed the security "
        "agreement on Monday after a year of delays.\n\n"
        "The deal commits Australia to fund police, cyber security and climate resilience "
        "projects over the next decade, officials said.\n\n"
        "Vanuatu's parliament must still ratify it before the money starts to flow.\n\n"
        "Senator Wong is expected to attend a regional meeting in Suva next month.\n"
    )

    assert "Senator Wong is expected to attend a regional meeting in Suva next month." in (
        clean_text(text).paragraphs
    )


def test_the_line_above_a_byline_is_the_headline() -> None:
    text = (
        "World\n"
        "Australia and Vanuatu sign security pact after long delay\n"
        "By Pacific affairs reporter Jane Roe\n"
        "Children play outside the parliament in Port Vila.\n"
        "Australia and Vanuatu signed a long-delayed security pact on Monday, with both prime "
        "ministers attending the ceremony in the capital.\n"
    )

    cleaned = clean_text(text)

    assert "Australia and Vanuatu sign security pact after long delay" == cleaned.title
    assert not any("Jane Roe" in p for p in cleaned.paragraphs)


def test_terminal_escapes_and_other_controls_never_reach_the_text() -> None:
    text = (
        "Lavrov \x1b[2Jmeets Son\x1b]52;c;SGVsbG8=\x07 in Hanoi\x00.\n\n"
        "Sergey Lavrov said\x9b on Monday that talks with Bui Thanh Son went well.\tThe end.\n"
    )

    cleaned = clean_text(text)

    kept = "\n".join([cleaned.title or "", *cleaned.paragraphs])
    assert [] == [c for c in kept if (c < " " and c not in "\n\t") or "\x7f" <= c <= "\x9f"]
    assert "Sergey Lavrov said on Monday that talks with Bui Thanh Son went well." in kept
