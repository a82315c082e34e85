"""Cleaning's shortcuts never change a result: it remembers what it judged of a line by its
text alone (ingest reads a source's pages in a row, and they repeat their chrome), and skips
work a line's characters show to be needless."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from briefings import cleaning, line_features
from briefings.cleaning import clean_text
from briefings.folding import squeeze_spaces
from briefings.line_features import line_features as features_of

SEEDS = Path(__file__).parent.parent / "seeds"

# Two pages of one outlet: the same menu, share bar and rights line around different stories.
CHROME_TOP = ["Home | Politics | Diplomacy | Business | Society | World", "Other News"]
CHROME_END = ["Share on Facebook | Tweet | Print", "© 2025 VNA. All rights reserved."]
STORIES = [
    [
        "Vietnam, Russia discuss energy cooperation",
        "HÀ NỘI — Deputy Foreign Minister Nguyễn Minh Vũ received Russian Ambassador Gennady"
        " Bezdetko in Hà Nội on Tuesday to discuss oil and gas projects off the southern coast.",
        "The two sides agreed to prepare for the next session of the intergovernmental"
        " commission, the ministry said in a statement.",
    ],
    [
        "Vietnam, Japan hold talks on maritime security",
        "TOKYO — Vietnamese Defence Minister Phan Văn Giang met his Japanese counterpart in"
        " Tokyo on Monday and the two sides signed a memorandum on maritime law enforcement.",
        "They also agreed to step up training for coast guard officers, according to a"
        " statement released after the meeting.",
    ],
]


def _forget() -> None:
    for remembered in (
        cleaning._chrome_reason,
        cleaning._credit_start,
        cleaning._letter_words,
        cleaning._letters,
        cleaning._looks_english,
        cleaning._identify,
        cleaning._metadata_date,
        line_features._line_row,
    ):
        remembered.cache_clear()


def test_a_page_cleans_the_same_whether_its_lines_were_seen_before_or_not() -> None:
    pages = ["\n\n".join(CHROME_TOP + story + CHROME_END) for story in STORIES]
    pages += [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    _forget()
    fresh = []
    for page in pages:
        fresh.append(clean_text(page))
        _forget()
    remembered = [clean_text(page) for page in pages]
    again = [clean_text(page) for page in reversed(pages)][::-1]
    assert fresh == remembered == again
    assert "Other News" not in remembered[1].paragraphs
    assert remembered[1].paragraphs[0].startswith("Vietnamese Defence Minister Phan Văn Giang")
    assert "TOKYO" == remembered[1].dateline.place


def test_a_line_remembered_in_one_language_is_judged_again_in_another() -> None:
    lines = ["Le ministre a dit que les deux pays vont renforcer leur coopération."]
    _forget()
    french = features_of(lines, [0], "fr")
    english = features_of(lines, [0], "en")
    _forget()
    assert np.array_equal(features_of(lines, [0], "en"), english)
    stopwords = line_features.FEATURES.index("stopwords")
    assert french[0, stopwords] > english[0, stopwords]


def test_a_head_line_without_digits_is_not_read_for_a_date() -> None:
    page = "\n".join(
        [
            "Publié le 4 décembre 2026 à 10h12",
            "Updated today",
            *STORIES[0],
        ]
    )
    cleaned = clean_text(page)
    assert "Publié le 4 décembre 2026 à 10h12" == cleaned.published_text
    assert (2026, 12, 4) == (cleaned.published.year, cleaned.published.month, cleaned.published.day)


def test_spaces_are_squeezed_as_the_pattern_squeezes_them() -> None:
    texts = [
        "Vietnam and Russia agree to expand energy cooperation",
        " leading and trailing ",
        "two  spaces",
        "a\ttab",
        "no-break\u00a0space and\u3000ideographic space",
        "thin\u2009space, line\u2028separator",
        "",
        "   ",
    ]
    for text in texts:
        assert re.sub(r"\s+", " ", text).strip() == squeeze_spaces(text)
