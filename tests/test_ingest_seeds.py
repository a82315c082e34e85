"""The real pipeline over the five seeds: clean bodies, every story sentence, one entity each."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from briefings.datelines import read_wire_dateline
from store import Store

from .conftest import ROOT, SEEDS, run_ingest

SIGN_OFF = re.compile(r"\s+—\s+[A-Z]{2,6}$")
LABELS = ROOT / "benchmarks" / "labels" / "boilerplate.json"

BOILERPLATE = [
    "Other News",
    "Vietnam news in brief - January 13",
    "Trending",
    "Is waiting 1-2 minutes at a red light",
    "Hanoi Tourism: Paving the way",
    "Here is a collection of first-hand accounts",
    "A peek through the music industry",
    "Cooking experts, chefs",
    "A series based on diplomatic documents",
    "A series about Japanese-Americans",
    "Logo",
    "Đăng ký ấn phẩm",
    "Đăng nhập",
    "Đọc nhiều",
    "HỎI ĐÁP THÔNG MINH",
    "BÌNH LUẬN",
    "Tin mới",
    "Đường sắt đô thị",
    "Kinhtedothi",
    "28/01/2025",
    "Tin tài trợ",
    "THE ASSOCIATED PRESS",
]
CAPTIONS = [
    ("000_e7bbb61633161263.txt", "Photos: VNA"),
    ("001_39ff37f9e3027860.txt", "(VNA via AP)"),
    ("002_1799cdd6cbda2bd1.txt", "Photo: MoFA"),
    ("003_74d1bcbf21ade748.txt", "At the talks (Credit: VNA)"),
    ("004_945a26bfa0d7bd78.txt", "VNA/VNS Photo"),
]


def _stored_bodies(store: Store) -> dict[str, str]:
    bodies = {}
    for summary in store.articles():
        article = store.article(summary.id)
        assert article is not None
        bodies[Path(summary.path or "").name] = "\n".join(article.paragraphs)
    return bodies


def _story_lines(name: str) -> list[str]:
    """The story's lines, as hand-labelled for the boilerplate evaluation."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    (document,) = [d for d in labels["documents"] if d.get("seed") == name]
    return [text for label, text in document["lines"] if label == "body"]


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_no_boilerplate_reaches_a_stored_body(seeded: Store, phrase: str) -> None:
    for name, body in _stored_bodies(seeded).items():
        assert phrase not in body, name


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_story_line_is_stored(seeded: Store, name: str) -> None:
    body = _stored_bodies(seeded)[name]
    lines = _story_lines(name)

    assert lines
    for line in lines:
        # A closing sign-off ("... in the region. — VNS") is the outlet, not the story, and
        # an opening wire dateline ("HÀ NỘI — ") is kept as the story's metadata.
        assert read_wire_dateline(SIGN_OFF.sub("", line.strip()))[1] in body


@pytest.mark.parametrize(("name", "credit"), CAPTIONS)
def test_captions_are_kept_apart_from_the_body(seeded: Store, name: str, credit: str) -> None:
    for summary in seeded.articles():
        if Path(summary.path or "").name == name:
            article = seeded.article(summary.id)
            assert article is not None
            assert any(credit in c for c in article.captions)
            assert not any(credit in p for p in article.paragraphs)


def test_a_repeated_caption_is_stored_once(seeded: Store) -> None:
    (article,) = [
        seeded.article(a.id)
        for a in seeded.articles()
        if a.path and a.path.endswith("003_74d1bcbf21ade748.txt")
    ]
    assert article is not None
    assert 1 == sum(c == "At the talks (Credit: VNA)" for c in article.captions)


def test_publication_dates_and_their_precision(seeded: Store) -> None:
    published = {Path(a.path or "").name[:3]: a.published.as_dict() for a in seeded.articles()}

    assert {"date": "2022-07-07", "precision": "day", "year_source": "text"} == published["001"]
    assert {"date": "2021-07-07", "precision": "day", "year_source": "text"} == published["004"]
    assert None is published["000"]


def test_event_dates_without_a_year_are_not_guessed(seeded: Store) -> None:
    (first,) = [
        a for a in seeded.articles() if a.path and a.path.endswith("000_e7bbb61633161263.txt")
    ]
    article = seeded.article(first.id)
    assert article is not None
    march_15 = [d for d in article.dates if d.text.endswith("Mar 15")]

    assert march_15
    assert ("--03-15", "month-day", "none") == (
        march_15[0].date,
        march_15[0].precision,
        march_15[0].year_source,
    )


def test_weekdays_resolve_against_the_dateline(seeded: Store) -> None:
    (ap,) = [a for a in seeded.articles() if a.path and a.path.endswith("001_39ff37f9e3027860.txt")]
    article = seeded.article(ap.id)
    assert article is not None
    wednesday = [d for d in article.dates if re.search(r"Wednesday$", d.text)]

    assert wednesday
    assert {("2022-07-06", "dateline")} == {(d.date, d.year_source) for d in wednesday}


def test_an_acronym_defined_in_one_article_finds_an_article_that_spells_it_out(
    seeded: Store,
) -> None:
    (unclos,) = [e for e in seeded.entities() if "UNCLOS" in e.aliases or e.name == "UNCLOS"]

    assert "Convention on the Law of the Sea" in unclos.name
    assert {3, 4, 5} == set(unclos.articles)


def test_an_edited_article_is_updated_in_place(store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "story.txt"
    shutil.copy(SEEDS / "003_74d1bcbf21ade748.txt", copy)
    (first,) = run_ingest(store, [str(copy)]).outcomes
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("US$2.2 billion", "US$2.3 billion"),
        encoding="utf-8",
    )

    (second,) = run_ingest(store, [str(copy)]).outcomes

    assert ("new", "updated") == (first.status, second.status)
    assert first.article_id == second.article_id
    assert 1 == store.stats().articles
    article = store.article(first.article_id or 0)
    assert article is not None
    assert "US$2.3 billion" in "\n".join(article.paragraphs)
    store.db.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")


def test_the_same_text_under_another_path_is_already_stored(seeded: Store, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "elsewhere")

    report = run_ingest(seeded, [str(tmp_path / "elsewhere")])

    assert {"new": 0, "updated": 0, "unchanged": 5, "rejected": 0} == report.counts
    assert 5 == seeded.stats().articles
