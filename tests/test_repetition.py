"""Repetition across a source: a footer no rule knows, under every story of one outlet, is
learned at ingest, dropped from later articles and cleaned out of the earlier ones."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from benchmarks.eval_repetition import evaluate
from benchmarks.generate import generate
from bot.router import Router
from briefings import repetition
from briefings.cleaning import clean_text
from briefings.ingest.documents import RawDocument
from briefings.ingest.pipeline import POOL_THRESHOLD, ingest
from briefings.ingest.prepare import prepare
from store import Store
from store.fulltext import Words
from store.schema import SCHEMA_VERSION

from .conftest import MAX_BYTES, database_at_version, offline, run_ingest
from .test_ingest_parallel import stored

# Seven unrelated stories from one outlet, as a reader would copy them from its site.
STORIES = [
    (
        "Vietnam and Laos agree to expand border trade",
        "HANOI — Deputy Prime Minister Tran Luu Quang met Lao Minister of Industry and Commerce"
        " Malaythong Kommasith in Hanoi on Tuesday to discuss cross-border trade.",
        "The two sides agreed to open two more border gates for goods traffic by the end of the"
        " year, Quang said after the meeting.",
        "Trade between the neighbours rose by a fifth last year, driven by electricity exports"
        " from Lao hydropower dams to northern Vietnam.",
    ),
    (
        "Indonesia backs ASEAN mediation in Myanmar",
        "JAKARTA — Indonesian Foreign Minister Sugiono told his Thai counterpart on Monday that"
        " Jakarta would support a renewed ASEAN envoy mission to Myanmar.",
        "Speaking at a joint press conference, Sugiono said the five-point consensus agreed in"
        " 2021 remained the bloc's only road map.",
        "Diplomats said the envoy could travel to Naypyidaw before the bloc's summit in October.",
    ),
    (
        "Japan pledges coast guard vessels to the Philippines",
        "MANILA — Japan will provide five more patrol vessels to the Philippine Coast Guard,"
        " Ambassador Endo Kazuya said on Wednesday.",
        "The boats will be financed through a low-interest loan and delivered over three years,"
        " the embassy said in a statement.",
        "Manila has stepped up patrols around Second Thomas Shoal, where its resupply missions"
        " have been blocked by Chinese vessels.",
    ),
    (
        "Russia and Vietnam discuss energy projects",
        "MOSCOW — Russian Deputy Prime Minister Dmitry Chernyshenko received Vietnamese"
        " Ambassador Dang Minh Khoi on Thursday to review joint energy projects.",
        "Chernyshenko said the Vietsovpetro venture would drill new wells off the southern coast"
        " next year.",
        "The ambassador invited Russian companies to take part in Vietnam's plans for nuclear"
        " power research.",
    ),
    (
        "Malaysia and Singapore begin water agreement review",
        "KUALA LUMPUR — Malaysia and Singapore on Friday began a formal review of the price of"
        " raw water supplied from Johor under their 1962 agreement.",
        "Prime Minister Anwar Ibrahim said the talks would be conducted in a spirit of good"
        " neighbourliness.",
        "Officials from both countries will meet again in Singapore in the coming weeks.",
    ),
    (
        "Cambodia opens Funan Techo canal consultations",
        "PHNOM PENH — Cambodia invited Vietnamese water experts on Saturday to review data on the"
        " Funan Techo canal, Minister Sun Chanthol said.",
        "Vietnam has asked for more information about the canal's effect on the flow of the"
        " Mekong into its delta.",
        "The Mekong River Commission is expected to publish its own assessment early next year.",
    ),
    (
        "Thailand and Vietnam upgrade ties",
        "BANGKOK — Thailand and Vietnam agreed to raise their relationship to a comprehensive"
        " strategic partnership during a visit by Prime Minister Pham Minh Chinh on Sunday.",
        "Chinh and his Thai counterpart Paetongtarn Shinawatra witnessed the signing of"
        " agreements on trade, tourism and digital transformation.",
        "The leaders set a goal of 25 billion US dollars in two-way trade in the coming years.",
    ),
]
DAYS = ["March 3", "April 12", "May 9", "June 21", "July 2", "August 30", "September 14"]
# The outlet's promo, stamped with each story's figures: no rule or model line knows it.
FOOTER = (
    "Ledgerline members read this report {hours} hours before everyone else — join before"
    " {day}, 2025 for {price} dollars a month."
)


def footer(number: int) -> str:
    return FOOTER.format(hours=12 + 7 * number, day=DAYS[number], price=3 + number)


def write_stories(folder: Path, numbers: range, prefix: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        text = "\n\n".join([*STORIES[number], footer(number)]) + "\n"
        (folder / f"{prefix}{number:02d}.txt").write_text(text, encoding="utf-8")


def passages_with(store: Store, word: str) -> list[str]:
    rows = store.db.execute("SELECT text FROM passages WHERE text LIKE ?", [f"%{word}%"])
    return [row[0] for row in rows]


def test_the_footer_is_kept_by_the_rules_alone() -> None:
    text = "\n\n".join([*STORIES[0], footer(0)])

    assert footer(0) == clean_text(text).paragraphs[-1]


def test_a_footer_under_every_story_of_a_source_is_cleaned_out_of_all_of_them(
    store: Store, tmp_path: Path
) -> None:
    write_stories(tmp_path / "ledger", range(len(STORIES)))

    report = run_ingest(store, [str(tmp_path / "ledger")])

    assert {"new": 7, "updated": 0, "unchanged": 0, "rejected": 0} == report.counts
    assert [] == passages_with(store, "Ledgerline")
    assert [] == store.search_passages(Words(("ledgerline",)), 10, kinds=("body", "caption"))
    assert 1 == len(passages_with(store, "Vung Ang")) + len(passages_with(store, "Naypyidaw"))
    assert 7 == store.db.execute("SELECT count(DISTINCT article_id) FROM passages").fetchone()[0]


def test_articles_after_the_footer_is_known_never_keep_it(store: Store, tmp_path: Path) -> None:
    write_stories(tmp_path / "ledger", range(5))
    run_ingest(store, [str(tmp_path / "ledger")])
    write_stories(tmp_path / "ledger", range(5, 7))

    report = run_ingest(store, [str(tmp_path / "ledger")])

    assert {"new": 2, "updated": 0, "unchanged": 5, "rejected": 0} == report.counts
    assert [] == passages_with(store, "Ledgerline")
    assert {"Thailand and Vietnam upgrade ties"} <= {
        row[0] for row in store.db.execute("SELECT title FROM articles")
    }


def test_no_briefing_quotes_the_footer(store: Store, tmp_path: Path) -> None:
    write_stories(tmp_path / "ledger", range(len(STORIES)))
    run_ingest(store, [str(tmp_path / "ledger")])
    router = Router(store.path, offline)
    try:
        answers = [router.handle_text(line) for line in ("ask Ledgerline members", "who Chinh")]
    finally:
        router.close()

    quoted = [claim.text for reply in answers if reply.briefing for claim in reply.briefing.claims]
    assert any("Chinh" in text for text in quoted)
    assert not any("Ledgerline" in text for text in quoted)


def test_what_was_found_in_a_footer_goes_with_it(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "ledger"
    folder.mkdir()
    for number, story in enumerate(STORIES):
        licence = (
            "Ledgerline is published by Mekong Ledger Media Joint Stock Company under licence"
            f" {10 + number}/GP-BTTTT issued on {DAYS[number]}, 2024."
        )
        text = "\n\n".join([*story, licence]) + "\n"
        (folder / f"{number:02d}.txt").write_text(text, encoding="utf-8")

    run_ingest(store, [str(folder)])
    router = Router(store.path, offline)
    try:
        reply = router.handle_text("who Mekong Ledger Media Joint Stock Company")
    finally:
        router.close()

    assert [] == passages_with(store, "licence")
    assert [] == [row for row in store.entity_names() if "Mekong Ledger" in row.name]
    assert reply.briefing is None or not reply.briefing.claims


def test_another_source_keeps_the_same_line(store: Store, tmp_path: Path) -> None:
    write_stories(tmp_path / "ledger", range(len(STORIES)))
    other = tmp_path / "press-digest"
    other.mkdir()
    # A media column quoting the promo once: in its own source, nothing says it is chrome.
    (other / "column.txt").write_text(
        "Outlets race to sell early access\n\n"
        "SINGAPORE — Regional news sites are charging readers for early access to their"
        " diplomatic reporting, a survey of twelve outlets found.\n\n"
        f"{footer(2)}\n\n"
        "Editors said the fees helped pay for correspondents in capitals across the region.\n",
        encoding="utf-8",
    )

    run_ingest(store, [str(tmp_path / "ledger"), str(other)])

    assert [footer(2)] == passages_with(store, "Ledgerline")


def test_a_sentence_shared_by_copies_of_one_wire_story_is_kept(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    shared = "The talks were held in a frank and friendly atmosphere."
    for number, day in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday"]
    ):
        (folder / f"copy-{number}.txt").write_text(
            f"Lavrov and Son hold talks in Hanoi (update {number + 1})\n\n"
            f"HANOI — Russian Foreign Minister Sergey Lavrov met Vietnamese Foreign Minister"
            f" Bui Thanh Son in Hanoi on {day}, the ministry said.\n\n"
            f"{shared}\n\n"
            "The ministers discussed energy cooperation, trade in farm products and the"
            " preparations for the next session of the intergovernmental commission.\n\n"
            "Lavrov said Moscow valued its comprehensive strategic partnership with Hanoi and"
            " hoped to expand cooperation in education and science.\n",
            encoding="utf-8",
        )

    run_ingest(store, [str(folder)])

    assert 6 == len(passages_with(store, "frank and friendly"))
    assert frozenset() == store.chrome_shapes(str(folder))


def test_a_version_7_database_is_upgraded_and_learns_from_then_on(tmp_path: Path) -> None:
    db = database_at_version(tmp_path / "v7.db", 7)
    db.execute(
        "INSERT INTO articles (key, source_kind, title, content_hash, ingested_at, updated_at)"
        " VALUES ('file:///old.txt', 'text', 'An older story', 'h', '2025-01-01', '2025-01-01')"
    )
    db.execute(
        "INSERT INTO passages (article_id, seq, kind, text)"
        " VALUES (1, 1, 'body', 'An older paragraph stays searchable.')"
    )
    db.conn.commit()
    db.close()
    write_stories(tmp_path / "ledger", range(len(STORIES)))

    with Store.open(tmp_path / "v7.db") as store:
        assert 8 <= SCHEMA_VERSION == store.stats().schema_version
        run_ingest(store, [str(tmp_path / "ledger")])

        assert ["An older paragraph stays searchable."] == passages_with(store, "older")
        assert [] == passages_with(store, "Ledgerline")


def test_workers_store_what_a_serial_ingest_stores_when_chrome_is_found_midway(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    generate(POOL_THRESHOLD + 20, corpus, seed=5)
    (corpus / "manifest.json").unlink()
    write_stories(corpus, range(len(STORIES)), prefix="zz-ledger-")
    databases = {workers: tmp_path / f"{workers}.db" for workers in (1, 2)}

    for workers, db in databases.items():
        with Store.open(db) as store:
            ingest([str(corpus)], store, fetcher=None, max_bytes=MAX_BYTES, workers=workers)

    assert stored(databases[1]) == stored(databases[2])
    with closing(sqlite3.connect(databases[2])) as conn:
        kept = conn.execute("SELECT count(*) FROM passages WHERE text LIKE '%Ledgerline%'")
        assert 0 == kept.fetchone()[0]


def test_a_known_shape_is_dropped_while_cleaning_with_its_reason() -> None:
    raw = RawDocument(
        key="file:///ledger/07.txt",
        source_kind="text",
        text="\n\n".join([*STORIES[3], footer(6)]),
        source="/ledger",
    )
    chrome = frozenset({repetition.line_shape(footer(0))})

    article = prepare(raw, "hash", {}, chrome)

    assert not any("Ledgerline" in p.text for p in article.passages)
    assert (footer(6), "repeated across the source's stories") in [
        (r.text, r.reason) for r in article.removed
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "Readers have 317 words, post on vietnamnews.vn at September 29, 2021",
            "Readers have 512 words, post on  vietnamnews.vn at October 3, 2021",
        ),
        ("Updated 09:41 GMT+7, 12/03/2025", "updated 17:05 GMT+7, 1/11/2024"),
        ("Publié le 3 mars 2025 à 10h12", "Publié le 21 septembre 2024 à 8h05"),
    ],
)
def test_lines_differing_in_numbers_and_dates_share_a_shape(one: str, other: str) -> None:
    assert repetition.line_shape(one) == repetition.line_shape(other)


def test_different_lines_have_different_shapes() -> None:
    shapes = {
        repetition.line_shape(line)
        for line in ("Share on Facebook", "Share on Twitter", "Related news", "Read more")
    }
    assert 4 == len(shapes)


def test_a_source_is_the_host_of_an_address_or_the_folder() -> None:
    assert "vietnamnews.vn" == repetition.source_of("https://www.vietnamnews.vn/a/1", "feed")
    assert "/news" == repetition.source_of(None, "/news")


@pytest.mark.parametrize(
    ("stories", "since", "chrome"),
    [
        (5, 5, True),  # under each of a new source's first five stories: a footer
        (4, 4, False),  # four is not yet enough
        (4, 8, False),  # a desk's formula in a run of related stories
        (6, 40, False),  # ... recurring now and then
        (12, 30, True),  # under most stories since it appeared
        (20, 160, True),  # one outlet's footer in a folder that mixes eight
    ],
)
def test_when_a_shape_is_chrome(stories: int, since: int, chrome: bool) -> None:
    assert chrome == repetition.RULE.is_chrome(stories, since)


def test_the_benchmark_corpus_with_outlet_chrome_loses_it_all_and_nothing_else() -> None:
    results = evaluate(120, seed=3)

    assert 0 < results["outlet_lines_kept_by_rules_and_model"]
    assert 0 == results["other_passages_lost"]
